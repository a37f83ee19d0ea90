//! An edit to record bodies, applied to the previous build of a `serve`
//! session: the bodies are rendered again and only the pages that read a
//! part of them that changed (see `reads`); the search index follows
//! ([`index`]), so the edited page is served first. The result is the
//! same as a full render's; anything a patch cannot vouch for (a problem
//! in a body, a page that fails) is left to a full render.

use super::bodies::Bodies;
use super::cache::RenderCache;
use super::context::{Base, Parts, RenderCtx};
use super::plan::Planned;
use super::reads::{self, Part};
use super::template::Theme;
use super::{RenderOptions, feeds, links, render_one, search};
use crate::error::Error;
use crate::fs::{Collect, OutputFile, Sink};
use crate::markdown::Rendered;
use crate::model::{Site, routes};
use crate::schedule::Calendar;
use rayon::prelude::*;

/// What the previous build rendered, and from what.
pub struct Previous<'a> {
    pub site: &'a Site,
    pub calendar: &'a Calendar,
    pub theme: &'a Theme,
    pub planned: &'a [Planned],
    /// Its files by output path.
    pub files: &'a std::collections::BTreeMap<String, OutputFile>,
}

/// Renders again what reads the bodies `ids` (content files whose body
/// alone changed in `previous.site`): the changed pages and feeds, or
/// `None` when only a full render can tell.
pub fn patch(
    previous: &Previous,
    ids: &[&str],
    opts: &RenderOptions,
) -> Result<Option<Vec<OutputFile>>, Error> {
    let Some(cache) = opts.cache else {
        return Ok(None);
    };
    let Some(olds) = ids
        .iter()
        .map(|id| cache.last_body(id))
        .collect::<Option<Vec<_>>>()
    else {
        return Ok(None);
    };
    let site = previous.site;
    let base = Base::new(&opts.base_url);
    let links = links(site, &base);
    let bodies = Bodies::on_demand(site, &links, Some(cache));
    let mut positions = Vec::new();
    for (id, old) in ids.iter().zip(olds) {
        let Some(new) = bodies.get(id) else {
            return Ok(None);
        };
        if !new.diagnostics.is_empty() {
            return Ok(None);
        }
        positions.extend(cache.reads.readers(id, &changed(&old, new)));
    }
    positions.sort_unstable();
    positions.dedup();
    let ctx = RenderCtx::new(Parts {
        site,
        calendar: previous.calendar,
        bodies: &bodies,
        theme: previous.theme,
        base,
        cache: Some(cache),
    });
    let feeds = feeds::Feeds::new(&ctx);
    let made: Result<Vec<OutputFile>, _> = positions
        .par_iter()
        .map(|&at| reads::as_page(at, || render_one(&ctx, &feeds, &previous.planned[at])))
        .collect();
    Ok(made.ok())
}

/// The parts of a body that differ between two renders of it.
fn changed(old: &Rendered, new: &Rendered) -> Vec<Part> {
    let mut parts = Vec::new();
    if old.html != new.html {
        parts.push(Part::Html);
    }
    if old.summary != new.summary {
        parts.push(Part::Summary);
    }
    if old.decisions != new.decisions {
        parts.push(Part::Decisions);
    }
    parts
}

/// The search index over every page of `previous` (whose words `serve`
/// remembers, so only pages with new bytes are read).
pub fn index(
    previous: &Previous,
    base_url: &str,
    cache: &RenderCache,
) -> Result<Vec<OutputFile>, Error> {
    let base = Base::new(base_url);
    let link = |route: &str| base.link(route);
    let index = search::Collector::new(previous.site, &link, Some(&cache.search));
    previous.planned.par_iter().enumerate().for_each(|(at, p)| {
        if let Some(file) = previous.files.get(&routes::output_path(&p.route)) {
            index.add(at, p, &file.contents);
        }
    });
    let sink = Collect::default();
    index.write(&sink as &dyn Sink)?;
    Ok(sink.into_files())
}
