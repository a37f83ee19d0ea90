//! The render stage: the model, the calendar and the rendered bodies turned
//! into the files of the site, in memory. The plan lists every file; pages
//! and feeds are rendered from it in parallel, in a fixed order, so output
//! never depends on the number of threads.

pub mod bodies;
pub mod cache;
pub mod context;
pub mod countries;
pub mod feeds;
pub mod fragments;
pub mod pages;
pub mod patch;
pub mod plan;
pub mod reads;
pub mod search;
pub mod statics;
pub mod template;
#[cfg(test)]
pub(crate) mod testing;
pub mod views;
pub mod words;
pub mod zone_names;

use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::fs::{Contents, OutputFile, Sink};
use crate::fxhash::FxHashSet;
use crate::model::Site;
use crate::schedule::Calendar;
use context::{Base, Parts, RenderCtx};
use rayon::prelude::*;
use std::collections::HashSet;
use template::Theme;

/// What a render that succeeded made: the paths handed to the sink, each
/// once, in plan order, and the warnings found on the way.
pub struct Rendered {
    pub paths: Vec<String>,
    pub warnings: Vec<Diagnostic>,
    /// The plan the pages were rendered from, for a later patch.
    pub planned: Vec<plan::Planned>,
}

/// The render stage's inputs besides the site and its calendar.
pub struct RenderOptions<'a> {
    /// Absolute, ending in `/` (site.yaml's, or `--base-url`).
    pub base_url: String,
    /// What the previous build of a `serve` session rendered.
    pub cache: Option<&'a cache::RenderCache>,
}

/// Renders every file of `site` and hands each to `sink` as soon as it is
/// made, so a build holds one page per thread rather than the whole site.
/// Returns the paths written, each once, in plan order; all template and
/// link errors come back together as the inner `Err`, and a sink that
/// cannot take a file as the outer one.
///
/// A later file at the same path replaces an earlier one, in this order:
/// pages and feeds, the sitemap, the theme's static files, content/static/
/// (so a site overrides its theme), the search index.
pub fn render_site(
    site: &Site,
    calendar: &Calendar,
    theme: &Theme,
    opts: &RenderOptions,
    sink: &dyn Sink,
) -> Result<Result<Rendered, Vec<Diagnostic>>, Error> {
    if let Some(cache) = opts.cache {
        // Every page is rendered (or its view hashed) again and notes its
        // reads anew.
        cache.reads.clear();
    }
    let base = Base::new(&opts.base_url);
    let theme_files = theme.statics();
    // The bodies (and the links between them) and the plan of pages with
    // what content/static/ would replace in it: neither needs the other.
    let body_links = &links(site, &base);
    let (bodies, (planned, clashes)) = rayon::join(
        || bodies::Bodies::render(site, body_links, opts.cache),
        || {
            let planned = plan::plan(site, calendar);
            let clashes = static_clashes(site, &theme_files, &planned);
            (planned, clashes)
        },
    );
    let mut ctx = RenderCtx::new(Parts {
        site,
        calendar,
        bodies: &bodies,
        theme,
        base,
        cache: opts.cache,
    });
    sink.expect(
        &mut planned
            .iter()
            .map(|p| crate::model::routes::output_path(&p.route)),
    )?;
    let mut paths = Vec::with_capacity(planned.len() + site.statics.len() + 8);
    let (mut diagnostics, warnings) = clashes;
    let link = |route: &str| ctx.base.link(route);
    let index = search::Collector::new(site, &link, opts.cache.map(|c| &c.search));
    for r in render_planned(&ctx, &planned, &index, sink) {
        match r? {
            Ok(path) => paths.push(path),
            Err(d) => diagnostics.push(d),
        }
    }
    // A list entry for every meeting in the window: let go of them on
    // another thread while this one writes the index.
    let entries = std::mem::take(&mut ctx.fragments);
    rayon::spawn(move || drop(entries));
    diagnostics.extend(bodies.diagnostics());
    let mut warnings = warnings;
    let unmarked = index.templates(&planned).into_iter();
    for template in unmarked.filter(|t| !theme.marks_search(t)) {
        warnings.push(
            Diagnostic::warning(
                &theme.file_of(template),
                None,
                "no element is marked `data-search`, so search cannot find the pages this template renders",
            )
            .hint("put `data-search` on the element that holds the page's text, as the default theme's template does"),
        );
    }
    if !diagnostics.is_empty() {
        crate::diagnostics::sort(&mut diagnostics);
        diagnostics.dedup();
        return Ok(Err(diagnostics));
    }
    let mut rest = vec![rendered(
        "sitemap.xml",
        feeds::sitemap::sitemap(&ctx.base, &planned),
    )];
    let overridden: HashSet<&str> = site.statics.iter().map(|s| s.rel.as_str()).collect();
    rest.extend(
        theme_files
            .into_iter()
            .filter(|f| !overridden.contains(f.path.as_str())),
    );
    rest.extend(site.statics.iter().map(|s| OutputFile {
        path: s.rel.clone(),
        contents: Contents::Copy(s.path.clone()),
    }));
    for file in rest {
        paths.push(file.path.clone());
        sink.put(file)?;
    }
    paths.extend(index.write(sink)?);
    let paths = unique(paths);
    if let Some(cache) = opts.cache {
        cache.retain(&bodies.ids(), &paths.iter().cloned().collect());
    }
    Ok(Ok(Rendered {
        paths,
        warnings,
        planned,
    }))
}

/// `content/static/` against what the build makes: errors (a file where a
/// folder must go) and warnings (a made page replaced).
fn static_clashes(
    site: &Site,
    theme_files: &[OutputFile],
    planned: &[plan::Planned],
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let made: Vec<String> = planned
        .iter()
        .map(|p| crate::model::routes::output_path(&p.route))
        .chain(["sitemap.xml".to_string(), search::INDEX.to_string()])
        .collect();
    let theme_paths: Vec<String> = theme_files.iter().map(|f| f.path.clone()).collect();
    statics::clashes(&site.statics, &made, &theme_paths)
        .into_iter()
        .partition(|d| d.severity == crate::diagnostics::Severity::Error)
}

/// Every planned page and feed, rendered in parallel and handed to `sink`;
/// the paths (or problems) come back in plan order. The records' pages go
/// first: each leaves its body's summary and decisions for the archive,
/// the feeds and the other lists.
fn render_planned(
    ctx: &RenderCtx,
    planned: &[plan::Planned],
    index: &search::Collector,
    sink: &dyn Sink,
) -> Vec<Result<Result<String, Diagnostic>, Error>> {
    let feeds = feeds::Feeds::new(ctx);
    let one = |(at, p): (usize, &plan::Planned)| match reads::as_page(at, || {
        render_one(ctx, &feeds, p)
    }) {
        Ok(file) => {
            index.add(at, p, &file.contents);
            let path = file.path.clone();
            sink.put(file).map(|()| Ok(path))
        }
        Err(d) => Ok(Err(d)),
    };
    let is_record = |p: &plan::Planned| matches!(p.kind, plan::PageKind::Record(..));
    // Pages in runs of a few, not in a share per thread decided up front:
    // a thread that finishes its share can only take work that is split
    // off, and a share of the archive's big pages (the calendar, its feed)
    // left the other thread idle for up to a tenth of the build.
    let mut records: Vec<_> = planned
        .par_iter()
        .with_max_len(8)
        .enumerate()
        .filter(|(_, p)| is_record(p))
        .map(one)
        .collect();
    let mut rest: Vec<_> = planned
        .par_iter()
        .with_max_len(1)
        .enumerate()
        .filter(|(_, p)| !is_record(p))
        .map(one)
        .collect();
    // Back into plan order.
    records.reverse();
    rest.reverse();
    planned
        .iter()
        .filter_map(|p| {
            if is_record(p) {
                records.pop()
            } else {
                rest.pop()
            }
        })
        .collect()
}

/// Content files' page links, for links between bodies.
pub(crate) fn links(site: &Site, base: &Base) -> std::collections::HashMap<String, String> {
    site.content_routes()
        .into_iter()
        .map(|(file, route)| (file, base.link(&route)))
        .collect()
}

/// One planned page or feed.
fn render_one(
    ctx: &RenderCtx,
    feeds: &feeds::Feeds,
    p: &plan::Planned,
) -> Result<OutputFile, Diagnostic> {
    match p.kind {
        kind if kind.is_feed() => Ok(feeds.render(ctx, &p.route, kind)),
        _ => pages::render(ctx, p),
    }
}

fn rendered(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: Contents::Bytes(text.into_bytes()),
    }
}

/// Each path once, where it first appears: a later file at the same path
/// replaced the earlier one in the sink.
fn unique(mut paths: Vec<String>) -> Vec<String> {
    let mut seen = FxHashSet::with_capacity_and_hasher(paths.len(), Default::default());
    let first: Vec<bool> = paths.iter().map(|p| seen.insert(p.as_str())).collect();
    drop(seen);
    let mut first = first.into_iter();
    paths.retain(|_| first.next().unwrap_or(true));
    paths
}
