//! The render stage: the model, the calendar and the rendered bodies turned
//! into the files of the site, in memory. The plan lists every file; pages
//! and feeds are rendered from it in parallel, in a fixed order, so output
//! never depends on the number of threads.

pub mod bodies;
pub mod cache;
pub mod context;
pub mod countries;
pub mod feeds;
pub mod pages;
pub mod plan;
pub mod search;
pub mod template;
#[cfg(test)]
pub(crate) mod testing;
pub mod views;
pub mod words;
pub mod zone_names;

use crate::diagnostics::Diagnostic;
use crate::fs::{Contents, OutputFile};
use crate::model::Site;
use crate::schedule::Calendar;
use context::{Base, Parts, RenderCtx};
use rayon::prelude::*;
use template::Theme;

/// The render stage's inputs besides the site and its calendar.
pub struct RenderOptions<'a> {
    /// Absolute, ending in `/` (site.yaml's, or `--base-url`).
    pub base_url: String,
    /// What the previous build of a `serve` session rendered.
    pub cache: Option<&'a cache::RenderCache>,
}

/// Renders every file of `site`. All template and link errors are
/// returned together.
pub fn render_site(
    site: &Site,
    calendar: &Calendar,
    theme: &Theme,
    opts: &RenderOptions,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let base = Base::new(&opts.base_url);
    let links = site
        .content_routes()
        .into_iter()
        .map(|(file, route)| (file, base.link(&route)))
        .collect();
    let bodies = bodies::Bodies::render(site, &links, opts.cache);
    let mut diagnostics = bodies.diagnostics();
    let ctx = RenderCtx::new(Parts {
        site,
        calendar,
        bodies: &bodies,
        theme,
        base,
        cache: opts.cache,
    });
    let planned = plan::plan(site, calendar);
    let mut files = Vec::with_capacity(planned.len() + site.statics.len() + 8);
    for r in render_planned(&ctx, &planned) {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diagnostics.push(d),
        }
    }
    if !diagnostics.is_empty() {
        crate::diagnostics::sort(&mut diagnostics);
        diagnostics.dedup();
        return Err(diagnostics);
    }
    files.push(rendered(
        "sitemap.xml",
        feeds::sitemap::sitemap(&ctx.base, &planned),
    ));
    files.extend(theme.statics());
    files.extend(site.statics.iter().map(|s| OutputFile {
        path: s.rel.clone(),
        contents: Contents::Copy(s.path.clone()),
    }));
    for (path, json) in search::files(site, &bodies, &ctx.base) {
        files.push(rendered(&path, json));
    }
    if let Some(cache) = opts.cache {
        let pages = files.iter().map(|f| f.path.clone()).collect();
        cache.retain(&bodies.ids(), &pages);
    }
    Ok(unique(files))
}

/// Every planned page and feed, rendered in parallel, in plan order.
fn render_planned(
    ctx: &RenderCtx,
    planned: &[plan::Planned],
) -> Vec<Result<OutputFile, Diagnostic>> {
    let feeds = feeds::Feeds::new(ctx);
    planned
        .par_iter()
        .map(|p| match p.kind {
            kind if kind.is_feed() => Ok(feeds.render(ctx, &p.route, kind)),
            _ => pages::render(ctx, p),
        })
        .collect()
}

fn rendered(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: Contents::Bytes(text.into_bytes()),
    }
}

/// One file per path; later entries win, so content/static overrides the
/// theme's static files.
fn unique(files: Vec<OutputFile>) -> Vec<OutputFile> {
    let mut seen = std::collections::HashSet::new();
    let mut unique: Vec<OutputFile> = files
        .into_iter()
        .rev()
        .filter(|f| seen.insert(f.path.clone()))
        .collect();
    unique.reverse();
    unique
}
