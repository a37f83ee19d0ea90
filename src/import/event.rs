//! One event (a VEVENT and the overrides sharing its UID) turned into the
//! calls that meet exactly when it does, or refused by name.

use super::draft::Part;
use super::frame::{self, Cx, Frame};
use super::parse::Component;
use super::report::{Level, Notes};
use super::rules::{self, Spec};
use super::values::{self, When};
use chrono::{Duration, NaiveDateTime};
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// A VEVENT without RECURRENCE-ID and the overrides with its UID.
pub struct Group<'a> {
    pub uid: String,
    pub master: Option<&'a Component>,
    pub overrides: Vec<&'a Component>,
}

const RULE_HINT: &str = "re-create the series in the calendar app with a simpler rule, or add its meetings as calls by hand";

/// The series' frame and start, or `None` when the event is refused.
pub fn frame_for(
    m: &Component,
    g: &Group,
    cx: &Cx,
    notes: &mut Notes,
) -> Option<(Frame, NaiveDateTime)> {
    for c in std::iter::once(m).chain(g.overrides.iter().copied()) {
        if let Some(e) = c.broken.first() {
            notes.add(
                Level::Refused,
                e.line,
                "line",
                e.message.clone(),
                e.hint.clone(),
            );
            return None;
        }
    }
    let (p, start) = start_of(m, notes)?;
    let mut comps = vec![m];
    comps.extend(g.overrides.iter().copied());
    let cutoff = frame::cutoff(&comps);
    let (zone, tzid, wall) = zone_of(m, p.line, &start, cutoff, cx, notes)?;
    let minutes = length_minutes(m, &start, zone, cx, notes)?;
    let title = frame::title(m);
    Some((
        Frame {
            zone,
            tzid,
            minutes,
            title,
            cutoff,
        },
        wall,
    ))
}

/// DTSTART, read.
fn start_of<'a>(m: &'a Component, notes: &mut Notes) -> Option<(&'a super::parse::Prop, When)> {
    let Some(p) = m.get("DTSTART") else {
        notes.add(
            Level::Refused,
            m.line,
            "DTSTART",
            "the event has no start",
            "add a DTSTART to the event",
        );
        return None;
    };
    match values::when(p, &p.value) {
        Ok(w) => Some((p, w)),
        Err(why) => {
            notes.add(
                Level::Refused,
                p.line,
                "DTSTART",
                why,
                "fix the value, like 20260105T210000",
            );
            None
        }
    }
}

/// The series' zone, DTSTART's TZID and the start as a wall time there.
fn zone_of(
    m: &Component,
    line: usize,
    start: &When,
    cutoff: NaiveDateTime,
    cx: &Cx,
    notes: &mut Notes,
) -> Option<(Tz, Option<String>, NaiveDateTime)> {
    let recurring = m.get("RRULE").is_some() || m.get("RDATE").is_some();
    match start {
        When::Date(d) => {
            let why = format!("an all-day event ({d}) has no time to call in at");
            notes.add(
                Level::Refused,
                line,
                "DTSTART",
                why,
                "add it by hand as a call with a start time, if it is one",
            );
            None
        }
        When::Floating(t) => {
            let why = format!(
                "a floating time (no zone) is read in the site's zone, {}",
                cx.site_zone
            );
            notes.add(Level::Note, line, "DTSTART", why, "");
            Some((cx.site_zone, None, *t))
        }
        // A series defined in UTC repeats in UTC, or in X-WR-TIMEZONE.
        When::Utc(t) if recurring => Some(super::xwr::utc_series(
            *t,
            line,
            cx.calendar_zone.as_ref(),
            notes,
        )),
        When::Utc(t) => {
            let at = chrono::TimeZone::from_utc_datetime(&chrono::Utc, t);
            Some((
                cx.site_zone,
                None,
                frame::local_of(cx.site_zone, at).unwrap_or(*t),
            ))
        }
        When::Zoned(t, tzid) => match cx.zones.resolve(tzid, &rough_walls(m, tzid, *t, cutoff)) {
            Ok((z, note)) => {
                if let Some(n) = note {
                    notes.add(Level::Note, line, "TZID", n, "");
                }
                Some((z, Some(tzid.clone()), *t))
            }
            Err(why) => {
                notes.add(Level::Refused, line, "TZID", why, "set the event's zone to an IANA name (like America/New_York) in the calendar app and export again");
                None
            }
        },
    }
}

/// The length in minutes, or `None` (refused) when callsite cannot hold it.
fn length_minutes(
    m: &Component,
    start: &When,
    zone: Tz,
    cx: &Cx,
    notes: &mut Notes,
) -> Option<u32> {
    let line = frame::line_of(m, m.get("DTEND").or(m.get("DURATION")));
    match frame::length(m, start, zone, cx) {
        Ok(secs) if secs <= 0 => {
            notes.add(Level::Warning, line, "DTEND", "the event ends when it starts (or before); every meeting is imported as lasting 1 hour", "set `duration:` in the call file");
            Some(60)
        }
        Ok(secs) => match frame::minutes(secs) {
            Some(m) => Some(m),
            None => {
                notes.add(Level::Refused, line, "DTEND", format!("the event lasts {secs} seconds; a call lasts whole minutes, from 1 minute to 24 hours"), "change its end in the calendar app");
                None
            }
        },
        Err(why) => {
            notes.add(
                Level::Warning,
                line,
                "DTEND",
                format!("{why}; every meeting is imported as lasting 1 hour"),
                "set `duration:` in the call file",
            );
            Some(60)
        }
    }
}

/// Wall times the event may use in `tzid`, to check a zone against: its
/// explicit date-times and its rules' meetings (with a day's slack at
/// the end, the zone being unknown yet).
fn rough_walls(
    m: &Component,
    tzid: &str,
    start: NaiveDateTime,
    cutoff: NaiveDateTime,
) -> Vec<NaiveDateTime> {
    let mut out = vec![start];
    for p in m.props.iter().filter(|p| p.param("TZID") == Some(tzid)) {
        for v in values::list(p).into_iter().flatten() {
            if let (When::Zoned(t, _), _) = v {
                out.push(t);
            }
        }
    }
    for p in m.all("RRULE") {
        let Ok(mut spec) = rules::read(&p.value) else {
            continue;
        };
        spec.until = match spec.until {
            Some(rules::Until::Utc(u) | rules::Until::Local(u)) => {
                Some(rules::Until::Local(u + Duration::days(1)))
            }
            other => other,
        };
        if let Ok((w, _)) = spec.walls(start, chrono_tz::UTC, cutoff) {
            out.extend(w);
        }
    }
    out
}

/// The parts the RRULEs (and DTSTART) give, or `None` when refused.
pub fn rule_parts(
    m: &Component,
    f: &Frame,
    start: NaiveDateTime,
    notes: &mut Notes,
) -> Option<Vec<Part>> {
    let mut parts = Vec::new();
    let specs: Vec<_> = m
        .all("RRULE")
        .map(|p| (p.line, rules::read(&p.value)))
        .collect();
    for (line, spec) in specs {
        let spec = match spec {
            Ok(s) => s,
            Err(why) => {
                notes.add(Level::Refused, line, "RRULE", why, RULE_HINT);
                return None;
            }
        };
        parts.extend(parts_of_rule(&spec, line, f, start, notes)?);
    }
    if !parts.iter().any(|p: &Part| p.series.walls.contains(&start)) {
        if !parts.is_empty() {
            notes.add(Level::Note, frame::line_of(m, m.get("DTSTART")), "DTSTART", format!("{} is not a day the rule gives; it is imported as a one-off call beside the series", start.date()), "");
        }
        parts.insert(
            0,
            Part::one_off(start, f.minutes, &f.title, "DTSTART".into()),
        );
    }
    no_overlap(&parts, notes, m.line).then_some(parts)
}

fn parts_of_rule(
    spec: &Spec,
    line: usize,
    f: &Frame,
    start: NaiveDateTime,
    notes: &mut Notes,
) -> Option<Vec<Part>> {
    let finite = spec.until.is_some() || spec.count.is_some();
    let far = NaiveDateTime::MAX - Duration::days(400);
    let (walls, dropped) = match spec.walls(start, f.zone, if finite { far } else { f.cutoff }) {
        Ok(w) => w,
        Err(why) => {
            notes.add(Level::Refused, line, "RRULE", why, RULE_HINT);
            return None;
        }
    };
    if let Some(d) = dropped {
        notes.add(Level::Warning, line, "RRULE", format!("UNTIL={} is a date while DTSTART has a time; calendar apps disagree on whether the meeting of {d} belongs to the series; it is left out", d.format("%Y%m%d")), format!("if it is held, set `until: {d}` in the call file"));
    }
    if walls.is_empty() {
        notes.add(
            Level::Note,
            line,
            "RRULE",
            "the rule gives no meeting after DTSTART; only DTSTART is imported",
            "",
        );
        return Some(Vec::new());
    }
    let Some(mut series) = rules::series_for(spec, &walls, finite, f.zone, f.cutoff) else {
        notes.add(
            Level::Refused,
            line,
            "RRULE",
            "callsite's rules cannot give these meetings",
            RULE_HINT,
        );
        return None;
    };
    rules::keep_count(&mut series, spec, start);
    Some(
        series
            .into_iter()
            .map(|s| Part::new(s, f.minutes, &f.title, format!("RRULE at line {line}")))
            .collect(),
    )
}

/// Refuses (by notice) parts that meet at the same time.
fn no_overlap(parts: &[Part], notes: &mut Notes, line: usize) -> bool {
    let mut seen: BTreeMap<NaiveDateTime, &str> = BTreeMap::new();
    for p in parts {
        for w in &p.series.walls {
            if let Some(other) = seen.insert(*w, &p.origin) {
                notes.add(Level::Refused, line, "RRULE", format!("the {other} and the {} both give the meeting of {}; callsite would list it twice", p.origin, w.format("%Y-%m-%d %H:%M")), "merge the rules into one in the calendar app");
                return false;
            }
        }
    }
    true
}

/// The part holding meeting `at`, and its index.
pub fn holder(parts: &[Part], at: NaiveDateTime) -> Option<usize> {
    parts
        .iter()
        .position(|p| !p.gone && p.series.walls.contains(&at))
}
