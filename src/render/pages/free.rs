//! Free pages (`/ID/`), the search page and the not-found page.

use super::super::context::RenderCtx;
use super::super::views::Html;
use crate::diagnostics::Diagnostic;
use crate::fs::OutputFile;
use serde::Serialize;

#[derive(Serialize, Hash)]
struct PageView {
    title: String,
    body_html: Html,
}

/// The free page at position `i`.
pub fn page(ctx: &RenderCtx, route: &str, i: usize) -> Result<OutputFile, Diagnostic> {
    let p = &ctx.site.pages[i];
    let view = PageView {
        title: p.title.clone(),
        body_html: ctx.bodies.html(&p.file),
    };
    let summary = ctx.bodies.summary(&p.file).to_string();
    let meta = ctx.meta(p.title.clone(), summary, route, "page");
    ctx.page(route, "page.html", meta, &view)
}

#[derive(Serialize, Hash)]
struct Empty {}

/// The search page; the index is written by `render::search`.
pub fn search(ctx: &RenderCtx, route: &str) -> Result<OutputFile, Diagnostic> {
    let meta = ctx.meta(
        "Search".into(),
        format!(
            "Search the minutes, calls and FAQ of {}",
            ctx.site.config.title
        ),
        route,
        "search",
    );
    ctx.page(route, "search.html", meta, &Empty {})
}

/// How to subscribe in Google Calendar, Apple Calendar, Outlook and
/// Thunderbird: the feed's two addresses are in `site`, the apps' ways in
/// the template.
pub fn subscribe(ctx: &RenderCtx, route: &str) -> Result<OutputFile, Diagnostic> {
    let meta = ctx.meta(
        "Subscribe to the calendar".into(),
        format!(
            "How to add the calls of {} to Google Calendar, Apple Calendar, Outlook or Thunderbird",
            ctx.site.config.title
        ),
        route,
        "subscribe",
    );
    ctx.page(route, "subscribe.html", meta, &Empty {})
}

/// The page a host serves for a missing URL.
pub fn not_found(ctx: &RenderCtx, route: &str) -> Result<OutputFile, Diagnostic> {
    let meta = ctx.meta(
        "Page not found".into(),
        "This page does not exist".into(),
        route,
        "none",
    );
    ctx.page(route, "404.html", meta, &Empty {})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{text, with_sample};

    #[test]
    fn free_pages_search_and_not_found() {
        with_sample(|ctx| {
            let about = ctx.site.pages.iter().position(|p| p.id == "about").unwrap();
            let html = text(page(ctx, "about/", about).unwrap());
            assert!(html.contains("<h1>About InterOccupy</h1>"), "{html}");
            assert!(text(search(ctx, "search/").unwrap()).contains("Search"));
            let missing = not_found(ctx, "404.html").unwrap();
            assert_eq!(missing.path, "404.html");
            assert!(text(missing).contains("Page not found"));
        });
    }
}
