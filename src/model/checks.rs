//! The model's checks of ids, calls and records: every reference resolves,
//! every date is a meeting, every series makes sense.

use crate::content::{Call, Page};
use crate::diagnostics::{Diagnostic, Pos, closest};
use crate::schedule::{self, Resolution};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use std::collections::BTreeMap;

/// Ids unique per kind, and pages that would hide one of the site's own.
pub fn ids(
    calls: &[Call],
    cocs: &[crate::content::Coc],
    faq: &[crate::content::FaqSection],
    pages: &[Page],
    diags: &mut Vec<Diagnostic>,
) {
    unique_ids("call", calls.iter().map(|c| (&c.id, &c.file)), diags);
    unique_ids("CoC", cocs.iter().map(|c| (&c.id, &c.file)), diags);
    unique_ids("FAQ section", faq.iter().map(|c| (&c.id, &c.file)), diags);
    unique_ids("page", pages.iter().map(|c| (&c.id, &c.file)), diags);
    for page in pages {
        if crate::content::page::RESERVED.contains(&page.id.as_str()) {
            diags.push(
                Diagnostic::error(
                    &page.file,
                    Some(Pos { line: 1, column: 1 }),
                    format!(
                        "the page id `{}` is taken by the site's own /{}/ page",
                        page.id, page.id
                    ),
                )
                .hint(format!(
                    "rename the file (or set `id:`), for example to `about-{}.md`",
                    page.id
                )),
            );
        }
    }
}

fn unique_ids<'a>(
    kind: &str,
    items: impl Iterator<Item = (&'a String, &'a String)>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (id, file) in items {
        if let Some(first) = seen.get(id.as_str()) {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(Pos { line: 1, column: 1 }),
                    format!("the {kind} id `{id}` is already used by {first}"),
                )
                .hint("ids must be unique: rename one of the files, or set a different `id:`"),
            );
        } else {
            seen.insert(id, file);
        }
    }
}

/// A call's schedule makes sense (its start is a meeting, it ends after it
/// starts, its cancellations and moves name real meetings) and its host
/// names a CoC when it looks like a CoC id.
pub fn check_call(call: &Call, coc_ids: &[&str], diags: &mut Vec<Diagnostic>) {
    check_start_and_end(call, diags);
    warn_wall_time(call, call.start, call.at.of("start"), "`start`", diags);
    for m in &call.moved {
        warn_wall_time(call, m.to, m.pos, "the moved time", diags);
    }
    check_exceptions(call, diags);
    check_host(call, coc_ids, diags);
}

fn check_start_and_end(call: &Call, diags: &mut Vec<Diagnostic>) {
    if !schedule::start_matches_rule(call) {
        diags.push(
            Diagnostic::error(&call.file, Some(call.at.of("start")), format!(
                "`start` ({}, a {}) is not a day the `repeat` rule produces",
                call.start.date(),
                crate::time::weekday_name(chrono::Datelike::weekday(&call.start.date())),
            ))
            .hint("calendar apps disagree on such a first meeting: move `start` to the first real meeting of the series"),
        );
    }
    let Some(rule) = &call.rule else { return };
    let ends_before = match rule.end {
        crate::recurrence::End::Until(d) => d < call.start.date(),
        crate::recurrence::End::UntilLocal(t) => t < call.start,
        crate::recurrence::End::UntilUtc(t) => {
            t < schedule::resolve(call.timezone, call.start).0.naive_utc()
        }
        _ => false,
    };
    if ends_before {
        let at = call.at.get("until").or(call.at.get("repeat"));
        diags.push(
            Diagnostic::error(&call.file, at, "the series ends before it starts")
                .hint("`until` must be on or after the date of `start`"),
        );
    }
}

/// `cancelled:` and `moved:` name meetings the series has, never both.
fn check_exceptions(call: &Call, diags: &mut Vec<Diagnostic>) {
    let last = call
        .cancelled
        .iter()
        .map(|(d, _)| *d)
        .chain(call.moved.iter().map(|m| m.from))
        .max();
    let Some(last) = last else { return };
    // Up to the first meeting after the latest date named, so that a date
    // past every other one still hears of the meeting after it.
    let mut originals: Vec<NaiveDate> = Vec::new();
    for t in schedule::series(call) {
        originals.push(t.date());
        if t.date() > last {
            break;
        }
    }
    for (date, pos) in &call.cancelled {
        if !originals.contains(date) {
            let hint = "list only dates on which the series meets";
            diags.push(not_a_meeting(
                &call.file,
                *pos,
                "cancelled date",
                *date,
                &originals,
                hint,
            ));
        }
    }
    for m in &call.moved {
        if !originals.contains(&m.from) {
            let hint = "the key of `moved:` is the date the call would have met";
            diags.push(not_a_meeting(
                &call.file,
                m.pos,
                "moved date",
                m.from,
                &originals,
                hint,
            ));
        }
        if call.cancelled.iter().any(|(d, _)| *d == m.from) {
            diags.push(
                Diagnostic::error(
                    &call.file,
                    Some(m.pos),
                    format!("{} is both cancelled and moved", m.from),
                )
                .hint("keep it under `cancelled:` or under `moved:`, not both"),
            );
        }
    }
}

fn check_host(call: &Call, coc_ids: &[&str], diags: &mut Vec<Diagnostic>) {
    let Some(host) = &call.host else { return };
    let id_like = crate::content::is_valid_id(host) && host.contains('-');
    if !id_like || coc_ids.contains(&host.as_str()) {
        return;
    }
    let hint = match closest(host, coc_ids) {
        Some(c) => format!(
            "did you mean the CoC `{c}`? Free text such as `Outreach working group` is fine too"
        ),
        None => "no CoC has this id: check content/cocs/, or write the host's name as free text"
            .to_string(),
    };
    diags.push(
        Diagnostic::warning(
            &call.file,
            Some(call.at.of("host")),
            format!("`host` looks like a CoC id, but no CoC `{host}` exists"),
        )
        .hint(hint),
    );
}

/// Meetings of a series that fall in a daylight-saving gap or overlap in
/// the coming year: callsite and Python's icalendar read them per RFC 5545,
/// but Thunderbird's ical.js places them an hour off, so warn. Clocks
/// change between midnight and 4 AM, so only such series are expanded.
pub fn warn_meetings_in_clock_changes(
    call: &Call,
    now: DateTime<Utc>,
    diags: &mut Vec<Diagnostic>,
) {
    if call.rule.is_none() || chrono::Timelike::hour(&call.start.time()) >= 4 {
        return;
    }
    let from = now.naive_utc() - chrono::Duration::days(1);
    let to = now.naive_utc() + chrono::Duration::days(366);
    let hit = schedule::series_from(call, from.date())
        .take_while(|t| *t < to)
        .filter(|t| *t >= from && *t != call.start)
        .find(|t| schedule::resolve(call.timezone, *t).1 != Resolution::Exact);
    if let Some(local) = hit {
        let before = diags.len();
        warn_wall_time(call, local, call.at.of("start"), "the meeting at", diags);
        diags[before..]
            .iter_mut()
            .for_each(|d| d.date_driven = true);
    }
}

fn warn_wall_time(
    call: &Call,
    local: NaiveDateTime,
    pos: Pos,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let (instant, how) = schedule::resolve(call.timezone, local);
    let chosen = instant.format("%H:%M %Z (UTC%:z)");
    let message = match how {
        Resolution::Exact => return,
        Resolution::Gap => format!(
            "{what} {} does not exist in {}: clocks skip that hour; it is read as {chosen}",
            local.format("%Y-%m-%d %H:%M"),
            call.timezone
        ),
        Resolution::Ambiguous => format!(
            "{what} {} happens twice in {}: clocks fall back; the first one, {chosen}, is used",
            local.format("%Y-%m-%d %H:%M"),
            call.timezone
        ),
    };
    diags.push(
        Diagnostic::warning(&call.file, Some(pos), message)
            .hint("pick a time outside the daylight-saving change to avoid surprises"),
    );
}

fn not_a_meeting(
    file: &str,
    pos: Pos,
    what: &str,
    date: NaiveDate,
    dates: &[NaiveDate],
    hint: &str,
) -> Diagnostic {
    Diagnostic::error(
        file,
        Some(pos),
        format!(
            "{what} {date} is not a meeting of this call{}",
            nearest_text(date, dates.iter().copied())
        ),
    )
    .hint(hint)
}

/// ", the nearest are Wednesday 2026-03-04 and Wednesday 2026-03-18".
pub(super) fn nearest_text(date: NaiveDate, dates: impl Iterator<Item = NaiveDate>) -> String {
    let mut before = None;
    let mut after = None;
    for d in dates {
        if d < date {
            before = Some(d);
        } else if d > date && after.is_none() {
            after = Some(d);
        }
    }
    let show = |d: NaiveDate| {
        format!(
            "{} {d}",
            crate::time::weekday_name(chrono::Datelike::weekday(&d))
        )
    };
    match (before, after) {
        (Some(b), Some(a)) => format!("; the nearest are {} and {}", show(b), show(a)),
        (Some(b), None) => format!("; the last one is {}", show(b)),
        (None, Some(a)) => format!("; the first one is {}", show(a)),
        (None, None) => String::new(),
    }
}
