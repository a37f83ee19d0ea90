//! `/`: the calls of the next two weeks and the latest minutes.

use super::super::context::RenderCtx;
use super::super::views::{DayView, RecordItem};
use crate::diagnostics::Diagnostic;
use crate::fs::OutputFile;
use chrono::Duration;
use serde::Serialize;

/// How many days the home page looks ahead.
const HOME_DAYS: i64 = 14;
/// How many minutes the home page lists.
const LATEST: usize = 10;

#[derive(Serialize, Hash)]
struct HomeView {
    upcoming: Vec<DayView>,
    latest_minutes: Vec<RecordItem>,
}

/// The home page.
pub fn render(ctx: &RenderCtx, route: &str) -> Result<OutputFile, Diagnostic> {
    let site = ctx.site;
    let view = HomeView {
        upcoming: super::ahead(ctx, ctx.now + Duration::days(HOME_DAYS))?,
        latest_minutes: site
            .minutes
            .iter()
            .take(LATEST)
            .map(|m| super::minutes::item(ctx, m))
            .collect(),
    };
    let description = site
        .config
        .tagline
        .clone()
        .unwrap_or_else(|| format!("Calls of {} in the next two weeks", site.config.title));
    let meta = ctx.meta(site.config.title.clone(), description, route, "home");
    ctx.page(route, "index.html", meta, &view)
}

#[cfg(test)]
mod tests {
    use crate::render::testing::{text, with_sample};

    #[test]
    fn lists_the_next_two_weeks_by_day_and_the_latest_minutes() {
        let html = with_sample(|ctx| text(super::render(ctx, "").unwrap()));
        // The caravan call moved from Wednesday 2 to Thursday 3 December.
        assert!(html.contains("Thursday 3 December 2026"), "{html}");
        assert!(html.contains("datetime=\"2026-12-03T20:00:00-05:00\""));
        assert!(html.contains("Moved from Wednesday 2 December 2026"));
        assert!(html.contains("/minutes/caravan/2026-11-18/"));
    }
}
