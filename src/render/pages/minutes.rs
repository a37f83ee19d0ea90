//! The minutes archive: `/minutes/` paginated, `/minutes/YYYY/` by year,
//! and `/decisions/`, every public decision with where it was taken.

use super::super::context::RenderCtx;
use super::super::views::{DecisionView, Link, Pagination, RecordItem};
use super::super::words;
use crate::content::{Record, RecordKind};
use crate::diagnostics::Diagnostic;
use crate::fs::OutputFile;
use crate::model::routes;
use chrono::Datelike;
use serde::Serialize;

/// A paginated list: which items page `n` of `per_page` holds, and the
/// links between pages.
pub struct Paginator {
    pub total_items: usize,
    pub per_page: usize,
}

impl Paginator {
    /// How many pages there are (at least one, even when empty).
    pub fn pages(&self) -> usize {
        self.total_items.div_ceil(self.per_page).max(1)
    }

    /// The range of items on page `n` (from 1).
    pub fn range(&self, n: usize) -> std::ops::Range<usize> {
        let start = ((n - 1) * self.per_page).min(self.total_items);
        start..(start + self.per_page).min(self.total_items)
    }

    /// The links of page `n`, given each page's URL.
    pub fn links(&self, n: usize, url: impl Fn(usize) -> String) -> Pagination {
        let total = self.pages();
        Pagination {
            current: n,
            total,
            previous: (n > 1).then(|| url(n - 1)),
            next: (n < total).then(|| url(n + 1)),
            pages: (1..=total)
                .map(|k| Link {
                    title: k.to_string(),
                    url: url(k),
                })
                .collect(),
        }
    }
}

#[derive(Serialize, Hash)]
struct ListView {
    items: Vec<RecordItem>,
    pagination: Option<Pagination>,
    heading: String,
    years: Vec<Link>,
}

/// Page `n` of the archive, newest first.
pub fn archive_page(ctx: &RenderCtx, route: &str, n: usize) -> Result<OutputFile, Diagnostic> {
    let site = ctx.site;
    let pages = Paginator {
        total_items: site.minutes.len(),
        per_page: site.config.per_page as usize,
    };
    let heading = if n == 1 {
        "Minutes".to_string()
    } else {
        format!("Minutes, page {n}")
    };
    let view = ListView {
        items: site.minutes[pages.range(n)]
            .iter()
            .map(|m| item(ctx, m))
            .collect(),
        pagination: Some(pages.links(n, |k| ctx.link(&routes::minutes_page(k)))),
        heading: heading.clone(),
        years: years(ctx),
    };
    let description = format!(
        "Minutes of the calls of {}, newest first",
        site.config.title
    );
    let meta = ctx.meta(heading, description, route, "minutes");
    ctx.page(route, "minutes.html", meta, &view)
}

/// The minutes of one year.
pub fn year(ctx: &RenderCtx, route: &str, year: i32) -> Result<OutputFile, Diagnostic> {
    let site = ctx.site;
    let heading = format!("Minutes of {year}");
    let view = ListView {
        items: site
            .minutes
            .iter()
            .filter(|m| m.date.year() == year)
            .map(|m| item(ctx, m))
            .collect(),
        pagination: None,
        heading: heading.clone(),
        years: years(ctx),
    };
    let description = format!("Minutes of the calls of {} in {year}", site.config.title);
    let meta = ctx.meta(heading, description, route, "minutes");
    ctx.page(route, "minutes.html", meta, &view)
}

fn years(ctx: &RenderCtx) -> Vec<Link> {
    ctx.site
        .years()
        .iter()
        .map(|y| Link {
            title: y.to_string(),
            url: ctx.link(&routes::minutes_year(*y)),
        })
        .collect()
}

/// A minutes entry in lists: withheld minutes show their call and date
/// only, without a link.
pub fn item(ctx: &RenderCtx, r: &Record) -> RecordItem {
    let site = ctx.site;
    let route = site.record_route(r);
    RecordItem {
        title: site.title_of(r),
        call_title: site.call_title(&r.call).to_string(),
        call_url: ctx.link(&routes::call(&r.call)),
        date: crate::time::iso_date(r.date),
        date_label: words::day_label(r.date),
        withheld: route.is_none(),
        summary: if route.is_some() {
            ctx.bodies.summary(&r.file).to_string()
        } else {
            String::new()
        },
        url: route.map(|r| ctx.link(&r)),
    }
}

#[derive(Serialize, Hash)]
struct DecisionsView {
    decisions: Vec<DecisionView>,
}

/// Every public decision, newest first.
pub fn decisions(ctx: &RenderCtx, route: &str) -> Result<OutputFile, Diagnostic> {
    let site = ctx.site;
    let view = DecisionsView {
        decisions: site
            .minutes
            .iter()
            .flat_map(|m| decisions_of(ctx, m))
            .collect(),
    };
    let meta = ctx.meta(
        "Decisions".into(),
        format!(
            "Every decision recorded in the public minutes of {}",
            site.config.title
        ),
        route,
        "decisions",
    );
    ctx.page(route, "decisions.html", meta, &view)
}

/// Decisions of public minutes: the front-matter list (anchored at the
/// page's decisions section), then those recorded inline with their own
/// anchors.
pub fn decisions_of(ctx: &RenderCtx, r: &Record) -> Vec<DecisionView> {
    let site = ctx.site;
    let Some(route) = site
        .record_route(r)
        .filter(|_| r.kind == RecordKind::Minutes)
    else {
        return Vec::new();
    };
    let url = ctx.link(&route);
    let call_title = site.call_title(&r.call);
    let view = |text: &str, anchor: &str| DecisionView {
        text: text.to_string(),
        date: crate::time::iso_date(r.date),
        date_label: words::long_date(r.date),
        call_title: call_title.to_string(),
        url: format!("{url}#{anchor}"),
    };
    let mut out: Vec<DecisionView> = r.decisions.iter().map(|t| view(t, "decisions")).collect();
    out.extend(
        ctx.bodies
            .decisions(&r.file)
            .iter()
            .map(|d| view(&d.text, &d.anchor)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{text, with_sample};

    #[test]
    fn a_paginator_splits_and_links_pages() {
        let p = Paginator {
            total_items: 5,
            per_page: 2,
        };
        assert_eq!(p.pages(), 3);
        assert_eq!(p.range(1), 0..2);
        assert_eq!(p.range(3), 4..5);
        let links = p.links(2, |k| format!("/p{k}/"));
        assert_eq!(links.previous.as_deref(), Some("/p1/"));
        assert_eq!(links.next.as_deref(), Some("/p3/"));
        assert_eq!(links.pages.len(), 3);
        let empty = Paginator {
            total_items: 0,
            per_page: 50,
        };
        assert_eq!((empty.pages(), empty.range(1)), (1, 0..0));
    }

    #[test]
    fn archive_pages_list_withheld_minutes_without_a_link() {
        with_sample(|ctx| {
            let html = text(archive_page(ctx, "minutes/", 1).unwrap());
            assert!(html.contains("Minutes withheld"), "{html}");
            assert!(html.contains("href=\"/minutes/2026/\""));
            let decisions = text(super::decisions(ctx, "decisions/").unwrap());
            assert!(decisions.contains("/minutes/"), "{decisions}");
            assert!(
                !decisions.contains("/minutes/legal-support/"),
                "withheld decisions"
            );
        });
    }
}
