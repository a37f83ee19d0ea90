//! `/cocs/`: the Committees of Correspondence by country and region, with
//! counts.

use super::super::context::RenderCtx;
use super::super::views::{CocView, CountryView, RegionView};
use super::super::words;
use crate::diagnostics::Diagnostic;
use crate::fs::OutputFile;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize, Hash)]
struct CocsView {
    countries: Vec<CountryView>,
    total: usize,
    active: usize,
}

/// The list of CoCs.
pub fn render(ctx: &RenderCtx, route: &str) -> Result<OutputFile, Diagnostic> {
    let site = ctx.site;
    let total = site.cocs.len();
    let view = CocsView {
        countries: countries(ctx),
        total,
        active: site.cocs.iter().filter(|c| c.active).count(),
    };
    let meta = ctx.meta(
        "Committees of Correspondence".into(),
        format!(
            "{} of Correspondence, by country and region",
            crate::diagnostics::plural(total, "Committee")
        ),
        route,
        "cocs",
    );
    ctx.page(route, "cocs.html", meta, &view)
}

fn countries(ctx: &RenderCtx) -> Vec<CountryView> {
    let mut by_country: BTreeMap<String, BTreeMap<String, Vec<CocView>>> = BTreeMap::new();
    for c in &ctx.site.cocs {
        let view = coc_view(ctx, c);
        by_country
            .entry(c.country.clone().unwrap_or_default())
            .or_default()
            .entry(c.region.clone().unwrap_or_default())
            .or_default()
            .push(view);
    }
    let mut countries: Vec<CountryView> = by_country
        .into_iter()
        .map(|(code, regions)| country(code, regions))
        .collect();
    // Most CoCs first; the code breaks ties.
    countries.sort_by(|a, b| (b.count, &a.code).cmp(&(a.count, &b.code)));
    countries
}

/// A CoC as the list and its own page show it.
pub fn coc_view(ctx: &RenderCtx, c: &crate::content::Coc) -> CocView {
    CocView {
        id: c.id.clone(),
        url: ctx.link(&crate::model::routes::coc(&c.id)),
        name: c.name.clone(),
        ga: c.ga.clone(),
        city: c.city.clone(),
        approved: c.approved.map(words::long_date),
        contact: c.contact.clone(),
        website: c.website.clone(),
        active: c.active,
        body_html: ctx.bodies.html(&c.file),
    }
}

fn country(code: String, regions: BTreeMap<String, Vec<CocView>>) -> CountryView {
    let regions: Vec<RegionView> = regions
        .into_iter()
        .map(|(name, mut cocs)| {
            // Active first, then by name.
            cocs.sort_by(|a, b| (!a.active, &a.name, &a.id).cmp(&(!b.active, &b.name, &b.id)));
            RegionView {
                name,
                count: cocs.len(),
                cocs,
            }
        })
        .collect();
    CountryView {
        name: super::super::countries::name(&code).to_string(),
        anchor: format!("country-{}", code.to_lowercase()),
        count: regions.iter().map(|r| r.count).sum(),
        active: regions
            .iter()
            .flat_map(|r| &r.cocs)
            .filter(|c| c.active)
            .count(),
        code,
        regions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::with_sample;

    #[test]
    fn countries_with_most_cocs_come_first_and_active_ones_lead_each_region() {
        with_sample(|ctx| {
            let list = countries(ctx);
            assert_eq!(list[0].code, "US");
            assert!(list.windows(2).all(|w| w[0].count >= w[1].count));
            for region in list.iter().flat_map(|c| &c.regions) {
                let firsts: Vec<bool> = region.cocs.iter().map(|c| c.active).collect();
                assert!(firsts.windows(2).all(|w| w[0] >= w[1]), "{}", region.name);
            }
            assert_eq!(
                list.iter().map(|c| c.count).sum::<usize>(),
                ctx.site.cocs.len()
            );
        });
    }
}
