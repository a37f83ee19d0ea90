//! `/embed/…/`: small pages of coming meetings for a CoC's or a general
//! assembly's own website, made to sit in an `<iframe>`. Each is one HTML
//! file with its styles inline: no script, no cookie, no request to anyone
//! but this site, light and dark from the reader's preference, readable at
//! 320 px. Links open in the top window.

use super::super::context::RenderCtx;
use super::super::plan::EmbedOf;
use super::super::views::OccurrenceView;
use crate::diagnostics::Diagnostic;
use crate::fs::OutputFile;
use crate::model::routes;
use serde::Serialize;

/// How many meetings a widget lists at most.
const SHOWN: usize = 8;

#[derive(Serialize, Hash)]
struct EmbedView<'a> {
    heading: String,
    /// Where "all calls" and the title lead, absolute.
    more_url: String,
    feed_url: String,
    occurrences: Vec<OccurrenceView<'a>>,
}

/// What a widget shows: its heading, the calls, and the page and feed
/// it links to.
fn selection(ctx: &RenderCtx, what: EmbedOf) -> (String, Vec<usize>, String, String) {
    let site = ctx.site;
    match what {
        EmbedOf::All => (
            format!("Upcoming calls – {}", site.config.title),
            (0..site.calls.len()).collect(),
            "calendar/".to_string(),
            "calendar.ics".to_string(),
        ),
        EmbedOf::Tag(i) => {
            let t = &site.topics()[i];
            let heading = format!("Upcoming calls: {}", t.name);
            (
                heading,
                t.calls.clone(),
                routes::tag(&t.slug),
                routes::tag_feed(&t.slug),
            )
        }
        EmbedOf::Coc(i) => {
            let c = &site.cocs[i];
            let heading = format!("Upcoming calls: {}", c.name);
            let calls = site.hosted_by(&c.id).to_vec();
            (heading, calls, routes::coc(&c.id), routes::coc_feed(&c.id))
        }
        EmbedOf::Call(i) => {
            let c = &site.calls[i];
            (
                c.title.clone(),
                vec![i],
                routes::call(&c.id),
                routes::call_feed(&c.id),
            )
        }
    }
}

/// One widget.
pub fn render(ctx: &RenderCtx, route: &str, what: EmbedOf) -> Result<OutputFile, Diagnostic> {
    let site = ctx.site;
    let (heading, positions, more, feed) = selection(ctx, what);
    let occurrences = ctx
        .calendar
        .ahead_of(&positions, ctx.calendar.horizon)
        .into_iter()
        .take(SHOWN)
        .map(|(i, o)| {
            let mut view = super::occurrence(ctx, i, o);
            view.call_url = ctx.base.absolute(&routes::call(&site.calls[i].id)).into();
            view
        })
        .collect();
    let view = EmbedView {
        heading: heading.clone(),
        more_url: ctx.base.absolute(&more),
        feed_url: ctx.base.absolute(&feed),
        occurrences,
    };
    let description = format!("Coming meetings from {}", site.config.title);
    let meta = ctx.meta(heading, description, route, "embed");
    ctx.page(route, "embed.html", meta, &view)
}
