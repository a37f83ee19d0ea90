//! The HTML pages, one small module per kind, each a function from the
//! render context to a view and its template. Shared here: how a meeting
//! is shown in lists and grids.

mod announcements;
mod calendar;
mod calls;
mod cocs;
mod embed;
mod faq;
mod free;
mod home;
mod minutes;
mod records;
mod request;
mod structured;
mod topics;

use super::context::RenderCtx;
use super::plan::{PageKind, Planned};
use super::views::{DayView, Listed, OccurrenceView};
use super::words;
use crate::content::RecordKind;
use crate::diagnostics::Diagnostic;
use crate::fs::OutputFile;
use crate::schedule::{Occurrence, OccurrenceStatus};
use chrono::{DateTime, NaiveDate, Utc};

/// Renders one planned HTML page.
pub fn render(ctx: &RenderCtx, page: &Planned) -> Result<OutputFile, Diagnostic> {
    let route = page.route.as_str();
    match page.kind {
        PageKind::Home => home::render(ctx, route),
        PageKind::Calendar => calendar::upcoming(ctx, route),
        PageKind::Month(y, m) => calendar::month(ctx, route, y, m),
        PageKind::Calls => calls::list(ctx, route),
        PageKind::Call(i) => calls::call(ctx, route, i),
        PageKind::MinutesPage(n) => minutes::archive_page(ctx, route, n),
        PageKind::MinutesYear(y) => minutes::year(ctx, route, y),
        PageKind::Decisions => minutes::decisions(ctx, route),
        PageKind::Record(kind, i) => records::render(ctx, route, kind, i),
        PageKind::Faq => faq::render(ctx, route),
        PageKind::Cocs => cocs::render(ctx, route),
        PageKind::Page(i) => free::page(ctx, route, i),
        PageKind::Search => free::search(ctx, route),
        PageKind::Subscribe => free::subscribe(ctx, route),
        PageKind::NotFound => free::not_found(ctx, route),
        PageKind::Tags => topics::list(ctx, route),
        PageKind::Tag(i) => topics::tag(ctx, route, i),
        PageKind::Coc(i) => topics::coc(ctx, route, i),
        PageKind::Request => request::render(ctx, route),
        PageKind::Announcements => announcements::list(ctx, route),
        PageKind::Announcement(week) => announcements::week(ctx, route, week),
        PageKind::Embed(what) => embed::render(ctx, route, what),
        PageKind::Feed
        | PageKind::CallFeed(_)
        | PageKind::Atom
        | PageKind::TagFeed(_)
        | PageKind::CocFeed(_)
        | PageKind::AnnouncementsFeed
        | PageKind::CalendarJson => unreachable!("feeds are rendered by render::feeds"),
    }
}

/// One meeting as lists and grids show it, with links to its agenda and
/// minutes (found under either of a moved meeting's dates).
fn occurrence<'a>(ctx: &'a RenderCtx, position: usize, o: &Occurrence) -> OccurrenceView<'a> {
    let site = ctx.site;
    let call = &site.calls[position];
    let date = o.start.date_naive();
    let original = o.original.date();
    // Most meetings in the window have no records yet, and only a moved
    // one has a second date to look under.
    let moved = original != date;
    let record = |kind| {
        site.record_on(kind, &call.id, date)
            .or_else(|| moved.then(|| site.record_on(kind, &call.id, original))?)
    };
    let minutes = record(RecordKind::Minutes);
    let minutes_route = minutes.and_then(|m| site.record_route(m));
    let (tags, tag_list) = ctx.call_tags(position);
    OccurrenceView {
        call_id: &call.id,
        call_title: &call.title,
        call_url: ctx.call_link(position).into(),
        date: crate::time::iso_date(date),
        day_label: words::day_label(date),
        time: words::time_label(&o.start),
        end_time: words::time_label(&o.end),
        datetime: o.start.to_rfc3339(),
        status: match o.status {
            OccurrenceStatus::Scheduled => "scheduled",
            OccurrenceStatus::Cancelled => "cancelled",
            OccurrenceStatus::Moved => "moved",
        },
        cancelled: o.status == OccurrenceStatus::Cancelled,
        moved: o.status == OccurrenceStatus::Moved,
        moved_from: (o.status == OccurrenceStatus::Moved)
            .then(|| format!("Moved from {}", words::day_label(original))),
        emergency: call.emergency,
        requested: call.status == crate::content::CallStatus::Requested,
        agenda_url: record(RecordKind::Agenda)
            .and_then(|a| site.record_route(a))
            .map(|r| ctx.link(&r)),
        minutes_withheld: minutes.is_some() && minutes_route.is_none(),
        minutes_url: minutes_route.map(|r| ctx.link(&r)),
        tag_list,
        tags,
    }
}

/// The list entry of `o`, a meeting of the call at position `call`;
/// `dated` on the call's own page (the date leads, the title is left out).
fn listed(ctx: &RenderCtx, call: usize, o: &Occurrence, dated: bool) -> Result<Listed, Diagnostic> {
    ctx.fragments
        .get(ctx.calendar, (call, o, dated), ctx.reads(), || {
            ctx.fragment(&occurrence(ctx, call, o), dated)
        })
}

/// The entries of `occs` (call position, meeting), with their local dates.
fn entries(
    ctx: &RenderCtx,
    occs: Vec<(usize, &Occurrence)>,
) -> Result<Vec<(NaiveDate, Listed)>, Diagnostic> {
    occs.into_iter()
        .map(|(i, o)| Ok((o.start.date_naive(), listed(ctx, i, o, false)?)))
        .collect()
}

/// Every call's meetings not over yet that start before `to`, by day.
fn ahead(ctx: &RenderCtx, to: DateTime<Utc>) -> Result<Vec<DayView>, Diagnostic> {
    let occs = ctx.calendar.ahead(to);
    Ok(by_day(entries(ctx, occs)?))
}

/// Meetings grouped by their local day, in order.
fn by_day(entries: Vec<(NaiveDate, Listed)>) -> Vec<DayView> {
    let mut days: Vec<(NaiveDate, DayView)> = Vec::new();
    for (date, o) in entries {
        match days.last_mut() {
            Some((d, day)) if *d == date => day.occurrences.push(o),
            _ => days.push((
                date,
                DayView {
                    date: crate::time::iso_date(date),
                    label: words::day_label(date),
                    occurrences: vec![o],
                },
            )),
        }
    }
    days.into_iter().map(|(_, day)| day).collect()
}

/// "Minutes" from "minutes".
fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
