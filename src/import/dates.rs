//! RDATE and EXDATE: meetings added to a series and meetings taken out.

use super::draft::Part;
use super::event::holder;
use super::frame::{self, Cx, Frame, Wall};
use super::parse::Component;
use super::report::{Level, Notes};
use super::values::{self, When};
use chrono::NaiveDateTime;

/// RDATEs as one-off calls.
pub fn rdates(m: &Component, f: &Frame, parts: &mut Vec<Part>, cx: &Cx, notes: &mut Notes) {
    for p in m.all("RDATE") {
        for v in values::list(p) {
            let (w, end) = match v {
                Ok(x) => x,
                Err(why) => {
                    notes.add(
                        Level::Warning,
                        p.line,
                        "RDATE",
                        format!("{why}; this extra meeting is not imported"),
                        "fix the value",
                    );
                    continue;
                }
            };
            let at = match f.wall(&w, cx) {
                Ok(Wall::At(t)) => t,
                Ok(Wall::Day(d)) => {
                    notes.add(Level::Warning, p.line, "RDATE", format!("the extra meeting of {d} is a whole day, with no time to call in at; not imported"), "add it by hand as a call with a start time");
                    continue;
                }
                Err(why) => {
                    notes.add(
                        Level::Warning,
                        p.line,
                        "RDATE",
                        format!("{why}; not imported"),
                        "",
                    );
                    continue;
                }
            };
            if holder(parts, at).is_some() {
                continue;
            }
            let minutes = match end {
                None => f.minutes,
                Some(e) => rdate_minutes(&w, &e, f, cx).unwrap_or_else(|| {
                    notes.add(
                        Level::Warning,
                        p.line,
                        "RDATE",
                        format!(
                            "the period of {} has a length callsite cannot hold; imported as {}",
                            at.date(),
                            crate::diagnostics::plural(f.minutes as usize, "minute")
                        ),
                        "set `duration:` in its call file",
                    );
                    f.minutes
                }),
            };
            parts.push(Part::one_off(
                at,
                minutes,
                &f.title,
                format!("RDATE at line {}", p.line),
            ));
        }
    }
}

fn rdate_minutes(start: &When, end: &values::PeriodEnd, f: &Frame, cx: &Cx) -> Option<u32> {
    let secs = match end {
        values::PeriodEnd::Length(s) => *s,
        values::PeriodEnd::At(e) => {
            (frame::instant(e, f.zone, cx)? - frame::instant(start, f.zone, cx)?).num_seconds()
        }
    };
    frame::minutes(secs)
}

/// EXDATEs as cancellations.
pub fn exdates(m: &Component, f: &Frame, parts: &mut [Part], cx: &Cx, notes: &mut Notes) {
    for p in m.all("EXDATE") {
        for v in values::list(p) {
            let wall = v.and_then(|(w, _)| f.wall(&w, cx));
            match wall {
                Ok(Wall::At(t)) => match holder(parts, t) {
                    Some(i) => cancel(&mut parts[i], t),
                    None => notes.add(Level::Note, p.line, "EXDATE", format!("{} is not the time of a meeting; it removes nothing, in calendar apps or here", t.format("%Y-%m-%d %H:%M")), ""),
                },
                Ok(Wall::Day(d)) => {
                    let hit: Vec<NaiveDateTime> = parts.iter().flat_map(|p| p.series.walls.iter().copied()).filter(|t| t.date() == d).collect();
                    if hit.is_empty() {
                        notes.add(Level::Note, p.line, "EXDATE", format!("no meeting on {d}; it removes nothing"), "");
                    }
                    for t in hit {
                        if let Some(i) = holder(parts, t) {
                            cancel(&mut parts[i], t);
                        }
                    }
                }
                Err(why) => notes.add(Level::Warning, p.line, "EXDATE", format!("{why}; this exception is not imported"), "fix the value"),
            }
        }
    }
}

/// Calls off the meeting at `t` of `part`.
pub fn cancel(part: &mut Part, t: NaiveDateTime) {
    if part.repeats() {
        part.cancelled.insert(t.date());
        part.moved.remove(&t.date());
    } else {
        part.gone = true;
    }
}
