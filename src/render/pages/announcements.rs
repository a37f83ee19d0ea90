//! `/announcements/` and `/announcements/YYYY-Www/`: the weekly digests
//! that `callsite announce` prints, as pages, and how to get them by mail.

use super::super::context::RenderCtx;
use super::super::views::Link;
use crate::announce::{self, Digest};
use crate::diagnostics::Diagnostic;
use crate::fs::OutputFile;
use crate::model::routes;
use chrono::IsoWeek;
use serde::Serialize;

#[derive(Serialize, Hash)]
struct ListView {
    /// Newest first.
    weeks: Vec<Link>,
    feed_url: String,
}

/// The list of announcements.
pub fn list(ctx: &RenderCtx, route: &str) -> Result<OutputFile, Diagnostic> {
    let weeks = announce::published_weeks(ctx.now, ctx.site.config.timezone);
    let view = ListView {
        weeks: weeks
            .iter()
            .rev()
            .map(|w| {
                let d = announce::monday(*w);
                Link {
                    title: format!(
                        "{} ({})",
                        crate::time::long_date(d),
                        announce::week_label(*w)
                    ),
                    url: ctx.link(&routes::announcement(*w)),
                }
            })
            .collect(),
        feed_url: ctx.base.absolute(routes::ANNOUNCEMENTS_FEED),
    };
    let meta = ctx.meta(
        "Weekly announcements".into(),
        format!("The calls of {} week by week", ctx.site.config.title),
        route,
        "announcements",
    );
    ctx.page(route, "announcements.html", meta, &view)
}

#[derive(Serialize, Hash)]
struct WeekView {
    digest: Digest,
    list_url: String,
}

/// One week's announcement.
pub fn week(ctx: &RenderCtx, route: &str, week: IsoWeek) -> Result<OutputFile, Diagnostic> {
    let digest = announce::digest(ctx.site, ctx.calendar, week, &ctx.base.url);
    let meta = ctx.meta(
        format!("Calls of {} ({})", digest.dates, digest.week),
        format!(
            "Calls, changes and new minutes of {} for the week of {}",
            ctx.site.config.title, digest.dates
        ),
        route,
        "announcements",
    );
    let view = WeekView {
        digest,
        list_url: ctx.link(routes::ANNOUNCEMENTS),
    };
    ctx.page(route, "announcement.html", meta, &view)
}
