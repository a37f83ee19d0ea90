//! `/calendar/` (every meeting to the horizon, by day) and
//! `/calendar/YYYY-MM/` (a month grid with previous and next months).

use super::super::context::RenderCtx;
use super::super::views::{DayCell, DayView, Link, Listed, MonthView};
use super::super::words;
use crate::diagnostics::Diagnostic;
use crate::fs::OutputFile;
use crate::model::routes;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize, Hash)]
struct UpcomingView {
    days: Vec<DayView>,
    month_url: String,
    topics: Vec<super::topics::TopicLink>,
}

/// The calendar to the horizon.
pub fn upcoming(ctx: &RenderCtx, route: &str) -> Result<OutputFile, Diagnostic> {
    let site = ctx.site;
    let first_month = ctx.now.with_timezone(&site.config.timezone);
    let view = UpcomingView {
        days: super::ahead(ctx, ctx.calendar.horizon)?,
        month_url: ctx.link(&routes::month(first_month.year(), first_month.month())),
        topics: super::topics::topic_links(ctx),
    };
    let meta = ctx.meta(
        "Calendar".into(),
        format!(
            "Every call of {} in the next {}",
            site.config.title,
            crate::diagnostics::plural(site.config.calendar.horizon_days as usize, "day")
        ),
        route,
        "calendar",
    );
    ctx.page(route, "calendar.html", meta, &view)
}

#[derive(Serialize, Hash)]
struct MonthPage {
    month: MonthView,
    topics: Vec<super::topics::TopicLink>,
}

/// One month's grid.
pub fn month(
    ctx: &RenderCtx,
    route: &str,
    year: i32,
    month: u32,
) -> Result<OutputFile, Diagnostic> {
    let view = MonthPage {
        month: month_view(ctx, year, month)?,
        topics: super::topics::topic_links(ctx),
    };
    let meta = ctx.meta(
        format!("Calendar: {}", view.month.label),
        format!("Calls in {}", view.month.label),
        route,
        "calendar",
    );
    ctx.page(route, "month.html", meta, &view)
}

fn month_view(ctx: &RenderCtx, year: i32, month: u32) -> Result<MonthView, Diagnostic> {
    let mut per_day: BTreeMap<NaiveDate, Vec<Listed>> = BTreeMap::new();
    for (date, o) in super::entries(ctx, ctx.calendar.in_month(year, month))? {
        per_day.entry(date).or_default().push(o);
    }
    let months = &ctx.calendar.months;
    let pos = months.iter().position(|m| *m == (year, month));
    let link = |(y, m): (i32, u32)| Link {
        title: words::month_label(y, m),
        url: ctx.link(&routes::month(y, m)),
    };
    Ok(MonthView {
        slug: format!("{year:04}-{month:02}"),
        label: words::month_label(year, month),
        previous: pos
            .and_then(|p| p.checked_sub(1))
            .and_then(|p| months.get(p))
            .copied()
            .map(link),
        next: pos.and_then(|p| months.get(p + 1)).copied().map(link),
        meetings: per_day.values().map(Vec::len).sum(),
        weeks: weeks(year, month, per_day),
    })
}

/// The grid: weeks from Sunday, blank cells before the first and after the
/// last day.
fn weeks(
    year: i32,
    month: u32,
    mut per_day: BTreeMap<NaiveDate, Vec<Listed>>,
) -> Vec<Vec<DayCell>> {
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
    let blank = || DayCell {
        day: None,
        date: String::new(),
        label: String::new(),
        occurrences: Vec::new(),
    };
    let mut weeks = Vec::new();
    let mut week: Vec<DayCell> = (0..first.weekday().num_days_from_sunday())
        .map(|_| blank())
        .collect();
    for d in 1..=crate::time::days_in_month(year, month) {
        let date = NaiveDate::from_ymd_opt(year, month, d).unwrap_or(first);
        week.push(DayCell {
            day: Some(d),
            date: crate::time::iso_date(date),
            label: words::day_label(date),
            occurrences: per_day.remove(&date).unwrap_or_default(),
        });
        if week.len() == 7 {
            weeks.push(std::mem::take(&mut week));
        }
    }
    if !week.is_empty() {
        week.resize_with(7, blank);
        weeks.push(week);
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{text, with_sample};

    #[test]
    fn a_month_grid_has_whole_weeks_from_sunday() {
        let mut no_meetings = BTreeMap::new();
        no_meetings.insert(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(), Vec::new());
        let grid = weeks(2026, 12, no_meetings);
        assert_eq!(grid.len(), 5);
        assert!(grid.iter().all(|w| w.len() == 7));
        // 1 December 2026 is a Tuesday: Sunday and Monday are blank.
        assert_eq!(grid[0][0].day, None);
        assert_eq!(grid[0][2].day, Some(1));
        assert_eq!(grid[4][4].day, Some(31));
        assert_eq!(grid[4][5].day, None);
    }

    #[test]
    fn months_link_to_their_neighbours_with_meetings() {
        with_sample(|ctx| {
            let html = text(month(ctx, "calendar/2026-12/", 2026, 12).unwrap());
            assert!(html.contains("href=\"/calendar/2027-01/\""), "{html}");
            assert!(html.contains("Cancelled"), "the 16 December caravan call");
            let upcoming = text(upcoming(ctx, "calendar/").unwrap());
            assert!(upcoming.contains("href=\"/calendar/2026-12/\""));
        });
    }

    #[test]
    fn each_meeting_carries_its_calls_topics_for_the_filter() {
        with_sample(|ctx| {
            let html = text(month(ctx, "calendar/2026-12/", 2026, 12).unwrap());
            assert!(
                html.contains("data-tags=\"caravan national logistics\""),
                "{html}"
            );
            assert!(html.contains("data-tags=\"legal jail-support\""));
        });
    }
}
