//! RECURRENCE-ID overrides: a meeting called off, moved, made all-day,
//! or (RANGE=THISANDFUTURE) the rest of the series changed.

use super::dates::cancel;
use super::draft::Part;
use super::event::holder;
use super::frame::{self, Cx, Frame, Wall};
use super::parse::{Component, unescape_text};
use super::report::{Level, Notes};
use super::values::{self, When};
use crate::diagnostics::plural;
use chrono::{Duration, NaiveDateTime};

/// What one override says.
struct Change<'a> {
    ov: &'a Component,
    line: usize,
    original: NaiveDateTime,
    /// `None`: called off.
    to: Option<NaiveDateTime>,
    /// Its own length in seconds, if it gives one.
    length: Option<i64>,
    title: String,
}

/// Applies every override to `parts`.
pub fn apply(
    parts: &mut Vec<Part>,
    overrides: &[&Component],
    f: &Frame,
    cx: &Cx,
    notes: &mut Notes,
) {
    let mut later = Vec::new();
    for ov in latest(overrides) {
        let Some(ch) = read(ov, parts, f, cx, notes) else {
            continue;
        };
        let range = ov
            .get("RECURRENCE-ID")
            .and_then(|p| p.param("RANGE"))
            .is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE"));
        if range {
            later.push(ch);
        } else {
            one(parts, ch, f, cx, notes);
        }
    }
    later.sort_by_key(|c| c.original);
    for ch in later {
        if !this_and_future(parts, &ch, f, notes) {
            return;
        }
    }
    for p in parts.iter() {
        for (date, (secs, to)) in &p.lengths {
            if *secs != i64::from(p.minutes) * 60 && !p.cancelled.contains(date) {
                let line = overrides.iter().map(|o| o.line).min().unwrap_or(0);
                notes.add(Level::Warning, line, "DTEND", format!("the meeting of {} lasts {} in the original; every meeting of a call has the call's length, so it is imported as {}", which(date.and_time(to.time()), *to), plural((secs / 60) as usize, "minute"), plural(p.minutes as usize, "minute")), "if the difference matters, cancel that meeting and add it as a call of its own");
            }
        }
    }
}

/// Overrides by RECURRENCE-ID, the highest SEQUENCE (else the last) of each.
fn latest<'a>(overrides: &[&'a Component]) -> Vec<&'a Component> {
    let mut by: Vec<(&str, i64, usize, &'a Component)> = overrides
        .iter()
        .enumerate()
        .map(|(i, o)| {
            (
                o.value("RECURRENCE-ID").unwrap_or(""),
                o.value("SEQUENCE")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0),
                i,
                *o,
            )
        })
        .collect();
    by.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    let mut out: Vec<&'a Component> = Vec::new();
    for (i, item) in by.iter().enumerate() {
        if by.get(i + 1).is_none_or(|next| next.0 != item.0) {
            out.push(item.3);
        }
    }
    out
}

/// Reads an override against the series; `None` when it was dealt with.
fn read<'a>(
    ov: &'a Component,
    parts: &[Part],
    f: &Frame,
    cx: &Cx,
    notes: &mut Notes,
) -> Option<Change<'a>> {
    let rid = ov.get("RECURRENCE-ID")?;
    let line = rid.line;
    let wall = values::when(rid, &rid.value).and_then(|w| f.wall(&w, cx));
    let original = match wall {
        Ok(Wall::At(t)) => parts
            .iter()
            .flat_map(|p| p.series.walls.iter())
            .find(|w| **w == t)
            .copied()
            .or(Some(t)),
        Ok(Wall::Day(d)) => {
            let found = parts
                .iter()
                .flat_map(|p| p.series.walls.iter())
                .find(|w| w.date() == d)
                .copied();
            if found.is_none() {
                notes.add(Level::Warning, line, "RECURRENCE-ID", format!("no meeting of the series on {d}; this change to one meeting is not imported"), "check the date in the calendar app");
            }
            found
        }
        Err(why) => {
            notes.add(
                Level::Warning,
                line,
                "RECURRENCE-ID",
                format!("{why}; this change to one meeting is not imported"),
                "fix the value",
            );
            return None;
        }
    }?;
    let to = new_start(ov, original, line, f, cx, notes);
    Some(Change {
        ov,
        line,
        original,
        to,
        length: own_length(ov, f, cx),
        title: frame::title(ov),
    })
}

/// Where the override puts its meeting; `None` when it is called off
/// (or made all-day, which a call cannot be).
fn new_start(
    ov: &Component,
    original: NaiveDateTime,
    line: usize,
    f: &Frame,
    cx: &Cx,
    notes: &mut Notes,
) -> Option<NaiveDateTime> {
    if ov
        .value("STATUS")
        .is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED"))
    {
        return None;
    }
    let Some(p) = ov.get("DTSTART") else {
        return Some(original);
    };
    match values::when(p, &p.value).and_then(|w| f.wall(&w, cx)) {
        Ok(Wall::At(t)) => Some(t),
        Ok(Wall::Day(d)) => {
            let why = format!(
                "the meeting of {} was made an all-day event on {d}; a call needs a time, so it is imported as cancelled",
                original.date()
            );
            notes.add(
                Level::Warning,
                line,
                "DTSTART",
                why,
                "if it is held, add it by hand as a call with a start time",
            );
            None
        }
        Err(why) => {
            let why = format!(
                "{why}; the meeting of {} is imported unchanged",
                original.date()
            );
            notes.add(
                Level::Warning,
                line,
                "DTSTART",
                why,
                "fix the value in the calendar app",
            );
            Some(original)
        }
    }
}

/// The override's own length in seconds, if it gives one.
fn own_length(ov: &Component, f: &Frame, cx: &Cx) -> Option<i64> {
    let start = ov
        .get("DTSTART")
        .and_then(|p| values::when(p, &p.value).ok())?;
    if matches!(start, When::Date(_)) || (ov.get("DTEND").is_none() && ov.get("DURATION").is_none())
    {
        return None;
    }
    frame::length(ov, &start, f.zone, cx).ok()
}

/// "2026-03-10" or "2026-03-10 (moved to 2026-03-11)".
fn which(original: NaiveDateTime, to: NaiveDateTime) -> String {
    if original.date() == to.date() {
        original.date().to_string()
    } else {
        format!("{} (moved to {})", original.date(), to.date())
    }
}

/// One meeting changed.
fn one(parts: &mut Vec<Part>, ch: Change, f: &Frame, cx: &Cx, notes: &mut Notes) {
    let date = ch.original.date();
    let Some(i) = holder(parts, ch.original) else {
        if let Some(to) = ch.to {
            notes.add(Level::Warning, ch.line, "RECURRENCE-ID", format!("{} is not a meeting of the series; the override is imported as a call of its own, as most calendar apps show it", ch.original.format("%Y-%m-%d %H:%M")), "check whether that meeting is really held");
            let minutes = ch.length.and_then(frame::minutes).unwrap_or(f.minutes);
            parts.push(Part::one_off(
                to,
                minutes,
                &ch.title,
                format!("override at line {}", ch.ov.line),
            ));
        }
        return;
    };
    let part = &mut parts[i];
    let Some(to) = ch.to else {
        if part.repeats() {
            cancel(part, ch.original)
        } else {
            part.called_off = true
        }
        return;
    };
    let secs = ch.length.unwrap_or(i64::from(part.minutes) * 60);
    let fits = frame::minutes(secs);
    if !part.repeats() {
        part.series.start = to;
        part.series.walls = vec![to];
        if fits.is_none() {
            notes.add(
                Level::Warning,
                ch.line,
                "DTEND",
                format!(
                    "the meeting of {} lasts {} in the original; imported as {}",
                    which(ch.original, to),
                    plural(secs as usize, "second"),
                    plural(part.minutes as usize, "minute")
                ),
                "set `duration:` in its call file",
            );
        }
        part.minutes = fits.unwrap_or(part.minutes);
        if ch.title != part.title && !cx.callsite {
            part.title = ch.title;
        }
        return;
    }
    if to != ch.original {
        part.moved.insert(date, to);
    }
    part.lengths.insert(date, (secs, to));
    if ch.title != f.title && !cx.callsite {
        part.notes.push(format!("- {date}: {}", ch.title));
    }
    if let Some(d) = ch
        .ov
        .value("DESCRIPTION")
        .map(unescape_text)
        .filter(|d| !d.trim().is_empty() && !cx.callsite)
    {
        part.notes
            .push(format!("- {date}: {}", d.trim().replace('\n', "\n  ")));
    }
}

/// RANGE=THISANDFUTURE: the meetings from `ch.original` on are shifted
/// and take the override's length and title, as new calls; `false` when
/// that cannot be written (the event is then refused).
fn this_and_future(parts: &mut Vec<Part>, ch: &Change, f: &Frame, notes: &mut Notes) -> bool {
    let Some(to) = ch.to else {
        // Called off from here on: the series ends before.
        for p in parts.iter_mut() {
            let keep: Vec<NaiveDateTime> = p
                .series
                .walls
                .iter()
                .copied()
                .filter(|w| *w - p.shift < ch.original)
                .collect();
            end_at(p, keep);
        }
        parts.retain(|p| !p.series.walls.is_empty());
        return true;
    };
    let delta = to - ch.original;
    let minutes = ch.length.and_then(frame::minutes).unwrap_or(f.minutes);
    let mut added = Vec::new();
    for p in parts.iter_mut() {
        // Compared by the times the rule gave (RFC 5545 §3.8.4.4).
        let (past, future): (Vec<NaiveDateTime>, Vec<NaiveDateTime>) = p
            .series
            .walls
            .iter()
            .partition(|w| **w - p.shift < ch.original);
        let Some(first) = future.first().copied() else {
            continue;
        };
        let shifted: Vec<NaiveDateTime> = future.iter().map(|w| *w - p.shift + delta).collect();
        let days = (shifted[0].date() - first.date()).num_days();
        let Some(mut next) = shifted_part(p, &shifted, days, f) else {
            notes.add(Level::Refused, ch.line, "RECURRENCE-ID", format!("RANGE=THISANDFUTURE moves the meetings from {} on in a way callsite's rules cannot give", ch.original.date()), "end the series at that date and create the rest as a new series in the calendar app");
            return false;
        };
        next.minutes = minutes;
        next.title = ch.title.clone();
        next.shift = delta;
        next.origin = format!("override with RANGE=THISANDFUTURE at line {}", ch.line);
        for d in p.cancelled.iter().filter(|d| **d >= first.date()) {
            next.cancelled.insert(*d + Duration::days(days));
        }
        for (d, t) in p.moved.iter().filter(|(d, _)| **d >= first.date()) {
            next.moved.insert(*d + Duration::days(days), *t);
        }
        for (d, l) in p.lengths.iter().filter(|(d, _)| **d >= first.date()) {
            next.lengths.insert(*d + Duration::days(days), *l);
        }
        end_at(p, past);
        added.push(next);
    }
    parts.retain(|p| !p.series.walls.is_empty());
    parts.extend(added);
    true
}

/// The part cut to the meetings `keep` (all before a date).
fn end_at(p: &mut Part, keep: Vec<NaiveDateTime>) {
    let Some(last) = keep.last().copied() else {
        p.series.walls.clear();
        return;
    };
    p.cancelled.retain(|d| *d <= last.date());
    p.moved.retain(|d, _| *d <= last.date());
    p.lengths.retain(|d, _| *d <= last.date());
    p.series.walls = keep;
    if p.repeats() {
        p.series.until = Some(last.date());
        p.series.count = None;
    }
}

/// The rest of `p` shifted: the same rule with its weekdays moved by
/// `days`, checked to give exactly `shifted`.
fn shifted_part(p: &Part, shifted: &[NaiveDateTime], days: i64, f: &Frame) -> Option<Part> {
    let first = *shifted.first()?;
    let Some(repeat) = &p.series.repeat else {
        return Some(Part::one_off(first, p.minutes, &p.title, String::new()));
    };
    let moved_days = super::rules::shift_weekdays(repeat, days);
    let finite = p.series.until.is_some() || p.series.count.is_some();
    let limit = if finite { *shifted.last()? } else { f.cutoff };
    let rule = crate::recurrence::parse(&moved_days, first).ok()?;
    let mine = super::expand::walls(&super::expand::call(first, f.zone, Some(rule)), limit);
    let expected: Vec<NaiveDateTime> = shifted.iter().copied().filter(|t| *t <= limit).collect();
    if mine != expected {
        return None;
    }
    let series = super::rules::Series {
        start: first,
        repeat: Some(moved_days),
        until: finite.then(|| limit.date()),
        count: None,
        walls: shifted.to_vec(),
    };
    Some(Part::new(series, p.minutes, &p.title, String::new()))
}
