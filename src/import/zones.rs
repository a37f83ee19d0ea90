//! TZID parameters turned into IANA zones, which is all a call record can
//! name.
//!
//! An IANA name (or one behind a vendor prefix such as
//! `/mozilla.org/20050126_1/America/New_York`) is taken as it is: calendar
//! apps read it from their own tz database too. Any other name (Outlook's
//! `W. Europe Standard Time` or `(UTC-05:00) Eastern Time (US & Canada)`,
//! Lotus' `Eastern`) is matched to the IANA zone that gives the same instant
//! as the file's own VTIMEZONE for every wall time the event uses; the
//! Windows name's CLDR mapping is tried first. Without a VTIMEZONE, a
//! Windows name is mapped by CLDR alone.

use super::parse::Component;
use crate::recurrence::{self, End};
use chrono::{Duration, NaiveDateTime};
use chrono_tz::Tz;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The offsets a VTIMEZONE defines, as changes on the UTC time line.
#[derive(Debug, Clone, Default)]
struct VZone {
    line: usize,
    /// (UTC instant of the change, offset in seconds from then on).
    changes: Vec<(NaiveDateTime, i32)>,
    /// The offset before the first change.
    first: i32,
}

impl VZone {
    fn offset_at(&self, utc: NaiveDateTime) -> i32 {
        let i = self.changes.partition_point(|(t, _)| *t <= utc);
        if i == 0 {
            self.first
        } else {
            self.changes[i - 1].1
        }
    }

    /// The instant of a wall time per RFC 5545: in a repeated hour the
    /// first one; in a skipped hour the offset in force before it.
    fn instant(&self, wall: NaiveDateTime) -> NaiveDateTime {
        let mut offsets: Vec<i32> = self.changes.iter().map(|c| c.1).collect();
        offsets.push(self.first);
        offsets.sort_unstable();
        offsets.dedup();
        let fits = offsets
            .iter()
            .map(|o| wall - Duration::seconds(i64::from(*o)))
            .filter(|u| {
                let o = self.offset_at(*u);
                *u + Duration::seconds(i64::from(o)) == wall
            })
            .min();
        fits.unwrap_or_else(|| {
            let before = wall - Duration::hours(6);
            let o = self.offset_at(before - Duration::seconds(i64::from(self.offset_at(before))));
            wall - Duration::seconds(i64::from(o))
        })
    }
}

/// Parses `+0100`, `-0500`, `+053000` into seconds.
fn offset(text: &str) -> Option<i32> {
    let t = text.trim();
    let (sign, digits) = match t.split_at_checked(1)? {
        ("+", d) => (1, d),
        ("-", d) => (-1, d),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| digits.get(r).and_then(|s| s.parse::<i32>().ok());
    let secs = n(0..2)? * 3600 + n(2..4)? * 60 + n(4..6).unwrap_or(0);
    Some(sign * secs)
}

/// The onsets of one STANDARD or DAYLIGHT part, up to `last`.
fn onsets(part: &Component, last: NaiveDateTime) -> Option<(Vec<NaiveDateTime>, i32, i32)> {
    let from = offset(part.value("TZOFFSETFROM")?)?;
    let to = offset(part.value("TZOFFSETTO")?)?;
    let start = NaiveDateTime::parse_from_str(
        part.value("DTSTART")?.trim_end_matches('Z'),
        "%Y%m%dT%H%M%S",
    )
    .ok()?;
    let mut out = vec![start];
    if let Some(text) = part.value("RRULE") {
        // WKST changes nothing in a yearly rule; BYHOUR and the like
        // (Lotus Notes) restate DTSTART's time.
        let kept: Vec<&str> = text
            .split(';')
            .filter(|p| {
                !["WKST=", "BYHOUR=", "BYMINUTE=", "BYSECOND="]
                    .iter()
                    .any(|k| p.to_ascii_uppercase().starts_with(k))
            })
            .collect();
        if let Ok(mut rule) = recurrence::parse(&kept.join(";"), start) {
            if let End::UntilUtc(u) = rule.end {
                rule.end = End::UntilLocal(u + Duration::seconds(i64::from(from)));
            }
            let c = super::expand::call(start, chrono_tz::UTC, Some(rule));
            out = super::expand::walls(&c, last);
        }
    }
    for p in part.all("RDATE") {
        for v in p.value.split(',') {
            if let Ok(t) =
                NaiveDateTime::parse_from_str(v.trim().trim_end_matches('Z'), "%Y%m%dT%H%M%S")
            {
                out.push(t);
            }
        }
    }
    Some((out, from, to))
}

fn vzone(tz: &Component, last: NaiveDateTime) -> VZone {
    let mut z = VZone {
        line: tz.line,
        ..VZone::default()
    };
    let mut earliest: Option<(NaiveDateTime, i32)> = None;
    for part in &tz.children {
        let Some((starts, from, to)) = onsets(part, last) else {
            continue;
        };
        for s in starts {
            let utc = s - Duration::seconds(i64::from(from));
            z.changes.push((utc, to));
            if earliest.is_none_or(|(t, _)| utc < t) {
                earliest = Some((utc, from));
            }
        }
    }
    z.changes.sort();
    z.first = earliest.map_or(0, |(_, from)| from);
    z
}

/// The zones a calendar defines, by TZID.
#[derive(Debug, Default)]
pub struct Zones {
    defs: BTreeMap<String, VZone>,
}

/// The areas of canonical IANA zone names.
const REGIONS: &[&str] = &[
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
];

/// IANA zones in the order they are tried against a VTIMEZONE, with the
/// Windows zone each is CLDR's primary (territory 001) zone for: the
/// primaries first, those standing for more IANA zones first (Eastern
/// Standard Time before US Eastern Standard Time), then the rest
/// alphabetically.
fn candidates() -> &'static [(Tz, Option<&'static str>)] {
    static ORDER: OnceLock<Vec<(Tz, Option<&'static str>)>> = OnceLock::new();
    ORDER.get_or_init(|| {
        let windows: Vec<Option<(&'static str, &'static str)>> = chrono_tz::TZ_VARIANTS
            .iter()
            .map(|z| localzone::iana_to_win_zone(z.name()))
            .collect();
        let mut all: Vec<(usize, Tz, Option<&'static str>)> = chrono_tz::TZ_VARIANTS
            .iter()
            .zip(&windows)
            .map(|(z, w)| match w {
                Some((name, "001")) => {
                    let size = windows
                        .iter()
                        .filter(|o| o.is_some_and(|(n, _)| n == *name))
                        .count();
                    (usize::MAX - size, *z, Some(*name))
                }
                _ => (usize::MAX, *z, None),
            })
            // Legacy links (US/Eastern, Canada/Pacific, Etc/GMT+5) are
            // left to the zones they stand for.
            .filter(|(_, z, w)| w.is_some() || REGIONS.iter().any(|r| z.name().starts_with(r)))
            .collect();
        all.sort_by_key(|(rank, z, _)| (*rank, z.name()));
        all.into_iter().map(|(_, z, w)| (z, w)).collect()
    })
}

/// Of the zones that fit, the one whose Windows or IANA name shares the
/// most words with `tzid` ("(UTC-05:00) Eastern Time (US & Canada)" and
/// "Eastern Standard Time", "Athens, Bucharest" and "Europe/Bucharest"),
/// else the first.
fn best(tzid: &str, fits: impl Iterator<Item = (Tz, Option<&'static str>)>) -> Option<Tz> {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphabetic())
            .filter(|w| w.len() > 2 && !matches!(*w, "Standard" | "Time" | "UTC" | "GMT"))
            .map(str::to_ascii_lowercase)
            .collect()
    };
    let mine = words(tzid);
    let mut found: Option<(usize, Tz)> = None;
    for (z, windows) in fits {
        let named = format!("{} {}", windows.unwrap_or(""), z.name().replace('_', " "));
        let shared = words(&named).iter().filter(|w| mine.contains(w)).count();
        if found.is_none_or(|(s, _)| shared > s) {
            found = Some((shared, z));
        }
    }
    found.map(|(_, z)| z)
}

/// An IANA name in `tzid`, itself or after a vendor prefix.
fn iana(tzid: &str) -> Option<Tz> {
    if let Ok(z) = tzid.parse::<Tz>() {
        return Some(z);
    }
    let mut best: Option<Tz> = None;
    for z in chrono_tz::TZ_VARIANTS {
        let name = z.name();
        if name.contains('/')
            && tzid.ends_with(&format!("/{name}"))
            && best.is_none_or(|b| b.name().len() < name.len())
        {
            best = Some(z);
        }
    }
    best
}

impl Zones {
    /// The VTIMEZONEs of `calendar`, their rules expanded up to `last`.
    pub fn new(calendar: &Component, last: NaiveDateTime) -> Zones {
        let defs = calendar
            .children
            .iter()
            .filter(|c| c.name == "VTIMEZONE")
            .filter_map(|c| {
                Some((
                    super::parse::unescape_text(c.value("TZID")?),
                    vzone(c, last),
                ))
            })
            .collect();
        Zones { defs }
    }

    /// The IANA zone for `tzid`, checked against the file's definition on
    /// every wall time in `walls`; with a note when the name was not
    /// an IANA one.
    pub fn resolve(
        &self,
        tzid: &str,
        walls: &[NaiveDateTime],
    ) -> Result<(Tz, Option<String>), String> {
        // Exchange pads some names with NUL characters.
        let tzid = tzid.trim_matches(|c: char| c.is_whitespace() || c.is_control());
        if let Some(z) = iana(tzid) {
            return Ok((z, None));
        }
        let windows = localzone::win_zone_to_iana(tzid, None).and_then(|n| n.parse::<Tz>().ok());
        let Some(def) = self.defs.get(tzid) else {
            return windows
                .map(|z| (z, Some(format!("the Windows zone `{tzid}` is read as {} (CLDR's mapping)", z.name()))))
                .ok_or_else(|| format!("the zone `{tzid}` is neither an IANA zone nor defined by a VTIMEZONE in the file"));
        };
        let same = |z: &Tz| {
            walls
                .iter()
                .all(|w| crate::schedule::resolve(*z, *w).0.naive_utc() == def.instant(*w))
        };
        let found = windows
            .filter(same)
            .or_else(|| best(tzid, candidates().iter().copied().filter(|(z, _)| same(z))));
        match found {
            Some(z) => Ok((
                z,
                Some(format!(
                    "the zone `{tzid}` is read as {}, which gives every meeting the same time as the file's VTIMEZONE (line {})",
                    z.name(),
                    def.line
                )),
            )),
            None => Err(format!(
                "the zone `{tzid}` (VTIMEZONE at line {}) gives these meetings times no IANA zone gives",
                def.line
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_datetime;

    const OUTLOOK: &str = "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:(UTC-05:00) Eastern Time (US & Canada)\r\nBEGIN:STANDARD\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n";

    fn zones(text: &str) -> Zones {
        let cal = super::super::parse::parse(text).unwrap();
        Zones::new(&cal[0], parse_datetime("2040-01-01 00:00").unwrap())
    }

    #[test]
    fn a_windows_display_name_is_matched_by_its_rules() {
        let walls: Vec<NaiveDateTime> =
            ["2026-01-05 21:00", "2026-03-09 21:00", "2026-11-02 21:00"]
                .iter()
                .map(|t| parse_datetime(t).unwrap())
                .collect();
        let (z, note) = zones(OUTLOOK)
            .resolve("(UTC-05:00) Eastern Time (US & Canada)", &walls)
            .unwrap();
        assert_eq!(z.name(), "America/New_York");
        assert!(note.unwrap().contains("line 2"));
    }

    #[test]
    fn windows_and_prefixed_names() {
        let z = Zones::default();
        assert_eq!(
            z.resolve("W. Europe Standard Time", &[]).unwrap().0.name(),
            "Europe/Berlin"
        );
        assert_eq!(
            z.resolve("Pacific Standard Time", &[]).unwrap().0.name(),
            "America/Los_Angeles"
        );
        assert_eq!(
            z.resolve("/mozilla.org/20050126_1/America/New_York", &[])
                .unwrap()
                .0
                .name(),
            "America/New_York"
        );
        assert!(
            z.resolve("Mars/Olympus", &[])
                .unwrap_err()
                .contains("neither")
        );
        assert_eq!(
            z.resolve("Europe/Stockholm\0\0\0", &[]).unwrap().0.name(),
            "Europe/Stockholm"
        );
    }

    #[test]
    fn offsets_parse() {
        assert_eq!(offset("+0530"), Some(19800));
        assert_eq!(offset("-0500"), Some(-18000));
        assert_eq!(offset("0500"), None);
    }
}
