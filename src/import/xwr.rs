//! A series whose DTSTART is in UTC, in a file that names its calendar's
//! zone in X-WR-TIMEZONE (Google Calendar writes both).
//!
//! RFC 5545 alone repeats such a series at the same UTC time all year.
//! Google Calendar, and the readers that follow it (python's
//! recurring-ical-events through x-wr-timezone, icalevents), read the
//! times in the calendar's zone instead: a meeting keeps the wall-clock
//! time DTSTART has there, across daylight-saving changes. The owner of
//! the calendar saw the meetings there, so the import reads them so too,
//! and says so in a note with how to keep UTC instead. A one-off event is
//! an instant either way and is not concerned.

use super::parse::Component;
use super::report::{Level, Notes};
use chrono::{Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// The property notices about this reading are filed under.
pub const PROPERTY: &str = "X-WR-TIMEZONE";

/// The calendar's X-WR-TIMEZONE as written, where, and the zone it names
/// (`None`: neither an IANA nor a Windows zone name).
#[derive(Debug, Clone)]
pub struct CalendarZone {
    pub name: String,
    pub line: usize,
    pub zone: Option<Tz>,
}

/// The X-WR-TIMEZONE of `calendar`, if it has one.
pub fn read(calendar: &Component) -> Option<CalendarZone> {
    let p = calendar.get(PROPERTY)?;
    let name = p.value.trim().to_string();
    let zone = name
        .parse::<Tz>()
        .ok()
        .or_else(|| localzone::win_zone_to_iana(&name, None).and_then(|n| n.parse::<Tz>().ok()));
    Some(CalendarZone {
        name,
        line: p.line,
        zone,
    })
}

/// The zone, TZID and wall start of a recurring event whose DTSTART `t`
/// (at `line`) is in UTC: the calendar's zone when the file names one
/// that differs from UTC, else UTC.
pub fn utc_series(
    t: NaiveDateTime,
    line: usize,
    calendar_zone: Option<&CalendarZone>,
    notes: &mut Notes,
) -> (Tz, Option<String>, NaiveDateTime) {
    let keep = (chrono_tz::UTC, None, t);
    let Some(cal) = calendar_zone else {
        return keep;
    };
    let at = Utc.from_utc_datetime(&t);
    let utc_time = t.format("%H:%M");
    let Some(zone) = cal.zone else {
        let why = format!(
            "DTSTART is in UTC and the calendar's zone `{}` (line {}) is neither an IANA nor a Windows zone: the series is kept at {utc_time} UTC all year, while Google Calendar keeps it at one time in the calendar's zone, an hour off from UTC for part of the year where clocks change",
            cal.name, cal.line
        );
        notes.add(Level::Warning, line, PROPERTY, why, "if the meetings are held at a fixed local time, set `timezone:` (an IANA name such as Europe/Berlin) and `start:` in the call file");
        return keep;
    };
    let utc_times = utc_times(zone, at);
    if utc_times.len() == 1 && utc_times[0] == t.time() {
        // UTC under another name (UTC, Etc/GMT…): nothing to read.
        return keep;
    }
    // The wall time must lead back to DTSTART (not so in the second half
    // of a repeated hour).
    let wall = at.with_timezone(&zone).naive_local();
    if crate::schedule::resolve(zone, wall).0.with_timezone(&Utc) != at {
        let why = format!(
            "DTSTART {} UTC falls in the hour repeated when clocks go back in {zone}, the calendar's zone (line {}): the series is kept at {utc_time} UTC all year, while Google Calendar keeps it at one time in {zone}",
            t.format("%Y-%m-%d %H:%M"),
            cal.line
        );
        notes.add(Level::Warning, line, PROPERTY, why, format!("set `timezone: {zone}` and `start:` in the call file to the time the meetings are held at"));
        return keep;
    }
    let listed: Vec<String> = utc_times
        .iter()
        .map(|u| u.format("%H:%M").to_string())
        .collect();
    let why = format!(
        "DTSTART {} UTC is read in the calendar's zone, {zone} (line {}), as Google Calendar shows it: every meeting is at {} there, which is {} UTC{}",
        t.format("%Y-%m-%d %H:%M"),
        cal.line,
        wall.format("%H:%M"),
        listed.join(" or "),
        if listed.len() > 1 {
            " depending on daylight-saving time"
        } else {
            ""
        },
    );
    let hint = format!(
        "to keep every meeting at {utc_time} UTC instead, set `timezone: UTC` and `start: {}` in the call file",
        t.format("%Y-%m-%d %H:%M")
    );
    notes.add(Level::Note, line, PROPERTY, why, hint);
    (zone, None, wall)
}

/// The UTC times of day a meeting held at `at`'s wall-clock time in `zone`
/// falls at over the year from `at`, `at`'s own first.
fn utc_times(zone: Tz, at: chrono::DateTime<Utc>) -> Vec<chrono::NaiveTime> {
    let wall = at.with_timezone(&zone).naive_local();
    let mut out: Vec<chrono::NaiveTime> = Vec::new();
    for d in 0..=366 {
        let day = at + Duration::days(d);
        let offset = zone
            .offset_from_utc_datetime(&day.naive_utc())
            .fix()
            .local_minus_utc();
        let t = (wall - Duration::seconds(i64::from(offset))).time();
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_york_meetings_are_an_hour_apart_in_utc_across_the_year() {
        let at = Utc.with_ymd_and_hms(2026, 10, 5, 14, 0, 0).unwrap();
        let times = utc_times(chrono_tz::America::New_York, at);
        let shown: Vec<String> = times
            .iter()
            .map(|t| t.format("%H:%M").to_string())
            .collect();
        assert_eq!(shown, ["14:00", "15:00"]);
        assert_eq!(utc_times(chrono_tz::Asia::Tokyo, at).len(), 1);
        assert_eq!(
            utc_times(chrono_tz::Etc::GMT, at),
            [chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap()]
        );
    }

    #[test]
    fn windows_names_are_read_and_unknown_ones_kept() {
        let text = "BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:W. Europe Standard Time\r\nEND:VCALENDAR\r\n";
        let cal = super::super::parse::parse(text).unwrap();
        let z = read(&cal[0]).unwrap();
        assert_eq!(
            (z.zone.map(|z| z.name()), z.line),
            (Some("Europe/Berlin"), 2)
        );
        let text = "BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:Mars/Olympus\r\nEND:VCALENDAR\r\n";
        let cal = super::super::parse::parse(text).unwrap();
        assert!(read(&cal[0]).unwrap().zone.is_none());
    }
}
