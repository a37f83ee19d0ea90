//! The frame an event's dates are read in: the series' zone, its length,
//! and how far ahead its meetings are followed.

use super::parse::{Component, Prop, unescape_text};
use super::values::{self, When};
use super::zones::Zones;
use crate::schedule;
use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// What the whole file shares.
pub struct Cx<'a> {
    pub zones: &'a Zones,
    /// Floating times are read in it.
    pub site_zone: Tz,
    /// The file is a callsite feed (its DESCRIPTION holds our fields).
    pub callsite: bool,
    /// The calendar's X-WR-TIMEZONE: UTC series are read in it.
    pub calendar_zone: Option<super::xwr::CalendarZone>,
}

/// A date of the event in the series' zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wall {
    Day(NaiveDate),
    At(NaiveDateTime),
}

/// The series' zone, TZID and length.
#[derive(Debug, Clone)]
pub struct Frame {
    pub zone: Tz,
    /// The TZID of DTSTART as written, if any.
    pub tzid: Option<String>,
    pub minutes: u32,
    pub title: String,
    /// How far open-ended series are followed when checking them.
    pub cutoff: NaiveDateTime,
}

impl Frame {
    /// `w` as a wall time (or day) in the series' zone.
    pub fn wall(&self, w: &When, cx: &Cx) -> Result<Wall, String> {
        let instant = match w {
            When::Date(d) => return Ok(Wall::Day(*d)),
            When::Floating(t) => return Ok(Wall::At(*t)),
            When::Zoned(t, tzid) if Some(tzid) == self.tzid.as_ref() => return Ok(Wall::At(*t)),
            When::Utc(t) => Utc.from_utc_datetime(t),
            When::Zoned(t, tzid) => {
                let (tz, _) = cx.zones.resolve(tzid, &[*t])?;
                schedule::resolve(tz, *t).0.with_timezone(&Utc)
            }
        };
        local_of(self.zone, instant).map(Wall::At).ok_or_else(|| {
            format!(
                "{} falls in a daylight-saving change in {}",
                instant.format("%Y-%m-%d %H:%M UTC"),
                self.zone
            )
        })
    }
}

/// The wall time of an instant in `zone`, if that wall time leads back to
/// the same instant (not in a repeated hour's second half).
pub fn local_of(zone: Tz, instant: chrono::DateTime<Utc>) -> Option<NaiveDateTime> {
    let wall = instant.with_timezone(&zone).naive_local();
    (schedule::resolve(zone, wall).0.with_timezone(&Utc) == instant).then_some(wall)
}

/// The instant of a date-time value, for lengths.
pub fn instant(w: &When, zone: Tz, cx: &Cx) -> Option<chrono::DateTime<Utc>> {
    let (tz, t) = match w {
        When::Date(_) => return None,
        When::Floating(t) => (zone, *t),
        When::Utc(t) => return Some(Utc.from_utc_datetime(t)),
        When::Zoned(t, tzid) => (cx.zones.resolve(tzid, &[*t]).ok()?.0, *t),
    };
    Some(schedule::resolve(tz, t).0.with_timezone(&Utc))
}

/// An event's length in seconds: DTEND − DTSTART, or DURATION.
pub fn length(ev: &Component, start: &When, zone: Tz, cx: &Cx) -> Result<i64, String> {
    if let Some(p) = ev.get("DTEND") {
        let end = values::when(p, &p.value)?;
        let (Some(a), Some(b)) = (instant(start, zone, cx), instant(&end, zone, cx)) else {
            return Err("DTEND is a date while DTSTART has a time".into());
        };
        return Ok((b - a).num_seconds());
    }
    if let Some(v) = ev.value("DURATION") {
        return values::duration(v).ok_or_else(|| format!("DURATION `{v}` is not a duration"));
    }
    Err("the event has neither DTEND nor DURATION".into())
}

/// Seconds as callsite minutes (1 minute to 24 hours).
pub fn minutes(secs: i64) -> Option<u32> {
    (secs % 60 == 0 && (60..=86_400).contains(&secs)).then_some((secs / 60) as u32)
}

/// The latest date written anywhere in the event, ten years on: open
/// series are compared up to there.
pub fn cutoff(components: &[&Component]) -> NaiveDateTime {
    let mut latest = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let mut see = |text: &str| {
        for v in text.split([',', '/', ';', '=']) {
            if let Some(d) = v
                .trim()
                .get(..8)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok())
            {
                latest = latest.max(d);
            }
        }
    };
    for c in components {
        for p in &c.props {
            if matches!(
                p.name.as_str(),
                "DTSTART" | "DTEND" | "RDATE" | "EXDATE" | "RECURRENCE-ID" | "RRULE"
            ) {
                see(&p.value);
            }
        }
    }
    (latest + Duration::days(3653)).and_time(chrono::NaiveTime::MIN)
}

/// The event's title: SUMMARY, unescaped.
pub fn title(ev: &Component) -> String {
    let t = ev.value("SUMMARY").map(unescape_text).unwrap_or_default();
    let t = t.trim();
    if t.is_empty() {
        "Untitled call".into()
    } else {
        t.to_string()
    }
}

/// The line to point at for a property, or the component's.
pub fn line_of(ev: &Component, p: Option<&Prop>) -> usize {
    p.map_or(ev.line, |p| p.line)
}
