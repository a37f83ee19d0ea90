//! One RRULE as calendar apps expand it (RFC 5545, weeks starting on
//! WKST, Monday by default), and the `repeat` text that makes callsite
//! expand it the same way.
//!
//! callsite's own rules count weeks from Sunday and take DTSTART as a
//! meeting. An RRULE is expanded here on a copy of the calendar shifted so
//! that its WKST falls on a Sunday, which gives RFC 5545's weeks with
//! callsite's engine; the `repeat` that is written is checked against that
//! expansion, and split into one series per weekday where WKST makes a
//! difference (`INTERVAL=2;BYDAY=MO,SU`).

use super::expand;
use crate::recurrence::{self, Freq, Rule};
use crate::time::weekday_code;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use chrono_tz::Tz;

/// Where an RRULE stops, in the form the file gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// `UNTIL=20260310`: read as the start of that day in the series'
    /// zone (python-dateutil's reading); apps differ, so meetings on that
    /// day are reported.
    Date(NaiveDate),
    /// `UNTIL=20260310T210000` (Exchange): a wall time in the series' zone.
    Local(NaiveDateTime),
    /// `UNTIL=20260311T020000Z`: an instant.
    Utc(NaiveDateTime),
}

/// An RRULE as read.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The parts callsite reads (FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH).
    pub core: Vec<(String, String)>,
    pub wkst: Weekday,
    pub until: Option<Until>,
    pub count: Option<u32>,
}

/// Reads an RRULE value; refuses parts callsite cannot carry, by name.
pub fn read(text: &str) -> Result<Spec, String> {
    let mut spec = Spec {
        core: Vec::new(),
        wkst: Weekday::Mon,
        until: None,
        count: None,
    };
    for part in text.split(';').filter(|p| !p.trim().is_empty()) {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| format!("`{part}` has no `=`"))?;
        let (k, v) = (k.trim().to_ascii_uppercase(), v.trim().to_ascii_uppercase());
        match k.as_str() {
            "FREQ" | "INTERVAL" | "BYDAY" | "BYMONTHDAY" | "BYMONTH" | "BYSETPOS" => {
                spec.core.push((k, v))
            }
            // RFC 7529's default calendar, the only one callsite has.
            "RSCALE" if v == "GREGORIAN" => {}
            // RFC 7529's default: an invalid date is skipped, as here.
            "SKIP" if v == "OMIT" => {}
            "WKST" => {
                spec.wkst = weekday(&v).ok_or_else(|| format!("WKST={v} is not a weekday"))?;
            }
            "COUNT" => {
                spec.count = Some(
                    v.parse()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or_else(|| format!("COUNT={v} is not a count"))?,
                );
            }
            "UNTIL" => {
                spec.until =
                    Some(until(&v).ok_or_else(|| format!("UNTIL={v} is not a date or date-time"))?)
            }
            other => {
                return Err(format!(
                    "the part {other} has no equivalent in callsite's rules (FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, WKST, COUNT, UNTIL)"
                ));
            }
        }
    }
    setpos(&mut spec)?;
    Ok(spec)
}

/// `BYSETPOS=n` over one weekday of one month (Apple and Outlook write
/// "the third Thursday" so) is callsite's `BYDAY=nTH`; other uses are
/// refused.
fn setpos(spec: &mut Spec) -> Result<(), String> {
    let get = |k: &str| {
        spec.core
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let Some(pos) = get("BYSETPOS") else {
        return Ok(());
    };
    let one_month = match get("FREQ").as_deref() {
        Some("MONTHLY") => true,
        Some("YEARLY") => get("BYMONTH").is_some_and(|m| !m.contains(',')),
        _ => false,
    };
    let day = get("BYDAY").filter(|d| weekday(d).is_some());
    let n = pos.parse::<i8>().ok().filter(|n| *n != 0 && n.abs() <= 5);
    match (one_month && get("BYMONTHDAY").is_none(), day, n) {
        (true, Some(day), Some(n)) => {
            spec.core.retain(|(k, _)| k != "BYSETPOS" && k != "BYDAY");
            spec.core.push(("BYDAY".into(), format!("{n}{day}")));
            Ok(())
        }
        _ => Err(format!(
            "BYSETPOS={pos} with these parts has no equivalent in callsite's rules (only BYSETPOS over a single weekday of a month has)"
        )),
    }
}

fn weekday(code: &str) -> Option<Weekday> {
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .find(|w| weekday_code(*w) == code)
}

fn until(v: &str) -> Option<Until> {
    if v.len() == 8 {
        return NaiveDate::parse_from_str(v, "%Y%m%d").ok().map(Until::Date);
    }
    let (t, utc) = match v.strip_suffix('Z') {
        Some(t) => (t, true),
        None => (v, false),
    };
    let at = NaiveDateTime::parse_from_str(t, "%Y%m%dT%H%M%S").ok()?;
    Some(if utc {
        Until::Utc(at)
    } else {
        Until::Local(at)
    })
}

impl Spec {
    fn text(&self, shift: i64) -> String {
        let parts: Vec<String> = self
            .core
            .iter()
            .map(|(k, v)| {
                if k == "BYDAY" && shift != 0 {
                    let days: Vec<String> =
                        v.split(',').map(|d| shift_code(d.trim(), shift)).collect();
                    format!("BYDAY={}", days.join(","))
                } else {
                    format!("{k}={v}")
                }
            })
            .collect();
        parts.join(";")
    }

    /// The `repeat` value callsite reads (no WKST, UNTIL or COUNT).
    pub fn repeat(&self) -> String {
        self.text(0)
    }

    /// Days between Sunday and WKST when WKST can matter (weekly rules
    /// with INTERVAL > 1), else 0.
    fn shift(&self, start: NaiveDateTime) -> Result<i64, String> {
        let rule = recurrence::parse(&self.text(0), start)
            .map_err(|e| format!("{} ({})", e.message, e.hint))?;
        Ok(if rule.freq == Freq::Weekly && rule.interval > 1 {
            i64::from(self.wkst.num_days_from_sunday())
        } else {
            0
        })
    }

    /// The meetings the rule gives from `start` up to `cutoff`, as an
    /// RFC 5545 expander finds them; `start` itself only if the rule gives
    /// it. Also the day whose meeting UNTIL as a date leaves out, if any.
    pub fn walls(
        &self,
        start: NaiveDateTime,
        zone: Tz,
        cutoff: NaiveDateTime,
    ) -> Result<(Vec<NaiveDateTime>, Option<NaiveDate>), String> {
        let shift = self.shift(start)?;
        let days = Duration::days(shift);
        let rule = recurrence::parse(&self.text(shift), start - days)
            .map_err(|e| format!("{} ({})", e.message, e.hint))?;
        let all = expand::rule_walls(start - days, zone, &rule, cutoff - days);
        let mut out = Vec::new();
        let mut dropped = None;
        for w in all.into_iter().map(|w| w + days) {
            if self.count.is_some_and(|n| out.len() as u64 >= u64::from(n)) {
                break;
            }
            let within = match self.until {
                None => true,
                Some(Until::Date(d)) => w <= d.and_time(chrono::NaiveTime::MIN),
                Some(Until::Local(u)) => w <= u,
                Some(Until::Utc(u)) => crate::schedule::resolve(zone, w).0.naive_utc() <= u,
            };
            if !within {
                if let Some(Until::Date(d)) = self.until {
                    dropped = (w.date() == d).then_some(d);
                }
                break;
            }
            out.push(w);
        }
        Ok((out, dropped))
    }
}

fn shift_code(code: &str, shift: i64) -> String {
    match weekday(code) {
        Some(w) => {
            let n = (i64::from(w.num_days_from_monday()) - shift).rem_euclid(7);
            weekday_code(Weekday::try_from(n as u8).unwrap_or(w)).to_string()
        }
        None => code.to_string(),
    }
}

/// A run of meetings written as one call: a series or a one-off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub start: NaiveDateTime,
    pub repeat: Option<String>,
    pub until: Option<NaiveDate>,
    pub count: Option<u32>,
    /// Its meetings up to the cutoff.
    pub walls: Vec<NaiveDateTime>,
}

/// What callsite would expand from `repeat` starting at `start`.
fn ours(
    start: NaiveDateTime,
    repeat: &str,
    zone: Tz,
    cutoff: NaiveDateTime,
) -> Option<Vec<NaiveDateTime>> {
    let rule: Rule = recurrence::parse(repeat, start).ok()?;
    Some(expand::walls(
        &expand::call(start, zone, Some(rule)),
        cutoff,
    ))
}

/// Series of callsite calls that give exactly `walls` (the expansion of
/// `spec`) up to `cutoff`; `finite` when the rule ends before it.
pub fn series_for(
    spec: &Spec,
    walls: &[NaiveDateTime],
    finite: bool,
    zone: Tz,
    cutoff: NaiveDateTime,
) -> Option<Vec<Series>> {
    walls.first()?;
    let whole = |repeat: String, w: &[NaiveDateTime]| -> Option<Series> {
        let last = *w.last()?;
        let mine = ours(w[0], &repeat, zone, if finite { last } else { cutoff })?;
        let cut: Vec<NaiveDateTime> = if finite {
            mine.into_iter().take_while(|t| *t <= last).collect()
        } else {
            mine
        };
        (cut == w).then(|| Series {
            start: w[0],
            repeat: Some(repeat),
            until: finite.then(|| last.date()),
            count: None,
            walls: w.to_vec(),
        })
    };
    if let Some(s) = whole(spec.repeat(), walls) {
        return Some(vec![s]);
    }
    // WKST matters: one series per weekday, each the same whatever WKST.
    let interval = spec
        .core
        .iter()
        .find(|(k, _)| k == "INTERVAL")
        .map_or("1", |(_, v)| v.as_str());
    let mut out = Vec::new();
    let mut days: Vec<Weekday> = walls.iter().map(|w| w.weekday()).collect();
    days.sort_by_key(|d| d.num_days_from_monday());
    days.dedup();
    for day in days {
        let mine: Vec<NaiveDateTime> = walls
            .iter()
            .copied()
            .filter(|w| w.weekday() == day)
            .collect();
        let repeat = format!(
            "FREQ=WEEKLY;INTERVAL={interval};BYDAY={}",
            weekday_code(day)
        );
        out.push(whole(repeat, &mine)?);
    }
    Some(out)
}

/// A rule's end as `count:` when the series is the rule itself from its
/// DTSTART, which reads better than the date it comes to.
pub fn keep_count(series: &mut [Series], spec: &Spec, dtstart: NaiveDateTime) {
    if let ([s], Some(n)) = (series, spec.count)
        && s.start == dtstart
        && s.repeat.as_deref() == Some(spec.repeat().as_str())
        && s.walls.len() as u64 == u64::from(n)
    {
        s.until = None;
        s.count = Some(n);
    }
}

/// `repeat` with its BYDAY weekdays moved `days` later (for a series
/// whose meetings all moved by that many days).
pub fn shift_weekdays(repeat: &str, days: i64) -> String {
    let parts: Vec<String> = repeat
        .split(';')
        .map(|part| match part.split_once('=') {
            Some(("BYDAY", v)) if days != 0 => {
                let moved: Vec<String> = v
                    .split(',')
                    .map(|d| {
                        let (nth, code) = d.split_at(d.len().saturating_sub(2));
                        format!("{nth}{}", shift_code(code, -days))
                    })
                    .collect();
                format!("BYDAY={}", moved.join(","))
            }
            _ => part.to_string(),
        })
        .collect();
    parts.join(";")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_datetime;

    fn at(s: &str) -> NaiveDateTime {
        parse_datetime(s).unwrap()
    }

    fn dates(w: &[NaiveDateTime]) -> Vec<String> {
        w.iter().map(|t| t.date().to_string()).collect()
    }

    #[test]
    fn weeks_start_on_monday_unless_wkst_says_otherwise() {
        // 2026-01-05 is a Monday. Monday weeks: Mon 5 + Sun 11, then Mon 19 + Sun 25.
        let spec = read("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU").unwrap();
        let (w, _) = spec
            .walls(
                at("2026-01-05 19:00"),
                chrono_tz::UTC,
                at("2026-01-26 00:00"),
            )
            .unwrap();
        assert_eq!(
            dates(&w),
            ["2026-01-05", "2026-01-11", "2026-01-19", "2026-01-25"]
        );
        let sunday = read("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU").unwrap();
        let (w2, _) = sunday
            .walls(
                at("2026-01-05 19:00"),
                chrono_tz::UTC,
                at("2026-01-26 00:00"),
            )
            .unwrap();
        assert_eq!(dates(&w2), ["2026-01-05", "2026-01-18", "2026-01-19"]);
        // Written as one series per weekday, which WKST cannot change.
        let s = series_for(&spec, &w, false, chrono_tz::UTC, at("2026-01-26 00:00")).unwrap();
        let repeats: Vec<_> = s.iter().map(|s| s.repeat.clone().unwrap()).collect();
        assert_eq!(
            repeats,
            [
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU"
            ]
        );
        assert_eq!(s[1].start, at("2026-01-11 19:00"));
    }

    #[test]
    fn wkst_that_changes_nothing_is_dropped() {
        let spec = read("FREQ=WEEKLY;WKST=MO;BYDAY=TU;UNTIL=20260120T020000Z").unwrap();
        let tz: Tz = "America/New_York".parse().unwrap();
        let (w, _) = spec
            .walls(at("2026-01-06 21:00"), tz, at("2030-01-01 00:00"))
            .unwrap();
        // 13 January 21:00 EST is 02:00 UTC on the 14th: in; the 20th is out.
        assert_eq!(dates(&w), ["2026-01-06", "2026-01-13"]);
        let s = series_for(&spec, &w, true, tz, at("2030-01-01 00:00")).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(
            (s[0].repeat.as_deref(), s[0].until),
            (
                Some("FREQ=WEEKLY;BYDAY=TU"),
                Some(at("2026-01-13 00:00").date())
            )
        );
    }

    #[test]
    fn until_forms() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let start = at("2026-01-06 21:00");
        let end = at("2030-01-01 00:00");
        let local = read("FREQ=WEEKLY;UNTIL=20260113T210000").unwrap();
        assert_eq!(
            dates(&local.walls(start, tz, end).unwrap().0),
            ["2026-01-06", "2026-01-13"]
        );
        let date = read("FREQ=WEEKLY;UNTIL=20260113").unwrap();
        let (w, dropped) = date.walls(start, tz, end).unwrap();
        assert_eq!(dates(&w), ["2026-01-06"]);
        assert_eq!(dropped, Some(at("2026-01-13 00:00").date()));
    }

    #[test]
    fn refuses_parts_by_name() {
        assert!(
            read("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU")
                .unwrap_err()
                .contains("BYSETPOS")
        );
        assert!(read("FREQ=WEEKLY;COUNT=0").unwrap_err().contains("COUNT=0"));
        assert_eq!(
            read("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3").unwrap().repeat(),
            "FREQ=MONTHLY;BYDAY=3TH"
        );
    }
}
