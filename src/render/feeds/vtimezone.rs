//! VTIMEZONE components (RFC 5545 §3.6.5) generated from the tz database.
//!
//! A client that does not take the TZID as a name in its own zone data
//! reads the feed's local times through the VTIMEZONE the feed carries, so
//! the component must reproduce the tz database exactly for every instant
//! the feed can show, or clients would disagree about when a call starts. chrono-tz answers "what is the
//! offset at this instant" but does not list transitions, so they are
//! found by scanning: step through the range, and binary-search every
//! change of UTC offset down to the second.
//!
//! Transitions that repeat yearly (same offsets and name, same month, same
//! n-th or last weekday, same local time) are folded into one observance
//! with a yearly RRULE, which is the shape Outlook, Google Calendar, Apple
//! Calendar and Thunderbird (ical.js) all read; a rule that stops before the
//! end of the scanned range gets an UNTIL. Anything irregular becomes an
//! observance of its own with just a DTSTART.

use crate::time::{days_in_month, weekday_code};
use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
    Weekday,
};
use chrono_tz::{OffsetComponents, Tz, TzOffset};

/// Scan step. A change and its reversal both within one step would be
/// missed; changes in the tz database are months apart, and one day keeps
/// a 30-year scan well under a millisecond.
const STEP: i64 = 86_400;

/// How far before `from` and after `to` transitions are looked for: enough
/// to find the observance in force at `from` and to tell whether a yearly
/// rule still holds after `to`.
const MARGIN: i64 = 366 * 86_400;

/// The VTIMEZONE component for `tz`, covering every instant in [from, to],
/// as unfolded content lines without line ends ("BEGIN:VTIMEZONE", "TZID:America/New_York", ...).
///
/// Feeds embed it so every client turns the feed's `DTSTART;TZID=...` wall
/// times into the same instants the site computed. The first observance
/// starts at or before `from`; observances are ordered by onset and the
/// output depends only on the arguments. If `to` is before `from`, only
/// `from` is covered.
pub fn vtimezone_lines(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
    let from = from.timestamp();
    let to = to.timestamp().max(from);
    let scan_end = to.saturating_add(MARGIN);
    let mut found = transitions(tz, from.saturating_sub(MARGIN), scan_end);

    // Keep the transition in force at `from` and everything after it.
    let in_force = found.iter().rposition(|t| t.at <= from);
    let mut observances = Vec::new();
    match in_force {
        Some(i) => {
            found.drain(..i);
        }
        None => observances.push(fixed_observance(tz, from)),
    }
    observances.extend(group(&found, scan_end));
    observances.sort_by_key(|o| o.onset);

    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_string(),
        format!("TZID:{}", tz.name()),
        format!("X-LIC-LOCATION:{}", tz.name()),
    ];
    for o in &observances {
        let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("TZOFFSETFROM:{}", utc_offset(o.from)));
        lines.push(format!("TZOFFSETTO:{}", utc_offset(o.to)));
        lines.push(format!("TZNAME:{}", escape_text(&o.name)));
        lines.push(format!("DTSTART:{}", o.start.format("%Y%m%dT%H%M%S")));
        if let Some(rule) = &o.rule {
            let mut rrule = format!(
                "RRULE:FREQ=YEARLY;BYMONTH={};BYDAY={}{}",
                rule.month,
                rule.ordinal,
                weekday_code(rule.weekday)
            );
            if let Some(until) = rule.until {
                rrule.push_str(&format!(
                    ";UNTIL={}",
                    utc_datetime(until).format("%Y%m%dT%H%M%SZ")
                ));
            }
            lines.push(rrule);
        }
        lines.push(format!("END:{kind}"));
    }
    lines.push("END:VTIMEZONE".to_string());
    lines
}

/// One change of UTC offset.
#[derive(Clone, Debug)]
struct Transition {
    /// The first second (Unix time) with the new offset.
    at: i64,
    /// Offsets before and after, in seconds east of UTC.
    from: i32,
    to: i32,
    /// Abbreviation after the change (TZNAME).
    name: String,
    daylight: bool,
}

impl Transition {
    /// The wall time just before the change, read in the old offset: the
    /// DTSTART of an observance (RFC 5545 §3.6.5).
    fn local(&self) -> NaiveDateTime {
        utc_datetime(self.at + i64::from(self.from))
    }
}

/// A STANDARD or DAYLIGHT sub-component.
struct Observance {
    daylight: bool,
    from: i32,
    to: i32,
    name: String,
    /// Local DTSTART, in the `from` offset.
    start: NaiveDateTime,
    /// The UTC instant of the first onset, for ordering.
    onset: i64,
    rule: Option<Yearly>,
}

/// `FREQ=YEARLY;BYMONTH=month;BYDAY=<ordinal><weekday>[;UNTIL=until]`.
struct Yearly {
    month: u32,
    weekday: Weekday,
    /// 1..=4 counted from the start of the month, or -1 for the last.
    ordinal: i8,
    /// Unix time of the last transition, when the rule is known to stop.
    until: Option<i64>,
}

fn utc_datetime(secs: i64) -> NaiveDateTime {
    DateTime::from_timestamp(secs, 0)
        .expect("timestamp within chrono's range")
        .naive_utc()
}

fn offset_at(tz: Tz, secs: i64) -> TzOffset {
    tz.offset_from_utc_datetime(&utc_datetime(secs))
}

fn seconds_east(o: &TzOffset) -> i32 {
    o.fix().local_minus_utc()
}

/// Every change of UTC offset in (start, end], in order.
fn transitions(tz: Tz, start: i64, end: i64) -> Vec<Transition> {
    let mut found = Vec::new();
    let mut t = start;
    let mut offset = seconds_east(&offset_at(tz, t));
    while t < end {
        let next = t.saturating_add(STEP).min(end);
        if seconds_east(&offset_at(tz, next)) == offset {
            t = next;
            continue;
        }
        // Invariant: the offset at `lo` is `offset`, at `hi` it is not.
        let (mut lo, mut hi) = (t, next);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if seconds_east(&offset_at(tz, mid)) == offset {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let before = offset_at(tz, lo);
        let after = offset_at(tz, hi);
        found.push(Transition {
            at: hi,
            from: offset,
            to: seconds_east(&after),
            name: after.to_string(),
            daylight: is_daylight(&before, &after),
        });
        t = hi;
        offset = seconds_east(&after);
    }
    found
}

/// Whether a transition starts daylight time. Across a DST change the side
/// with the larger DST component is daylight, which also reads zones with
/// negative DST (Europe/Dublin: winter is "DST" −1h) the way clients
/// expect, with summer as DAYLIGHT; a change of base offset alone is
/// daylight only if DST is in effect after it.
fn is_daylight(before: &TzOffset, after: &TzOffset) -> bool {
    let (b, a) = (before.dst_offset(), after.dst_offset());
    if a != b { a > b } else { a > Duration::zero() }
}

/// The observance for a zone with no transition at or before `from`
/// within the scan: its offset at `from`, since 1970 (or earlier if `from`
/// is).
fn fixed_observance(tz: Tz, from: i64) -> Observance {
    let offset = offset_at(tz, from);
    let east = seconds_east(&offset);
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)
        .expect("valid date")
        .and_time(NaiveTime::MIN);
    let local_from = utc_datetime(from.saturating_add(i64::from(east)));
    let start = if local_from < epoch {
        NaiveDate::from_ymd_opt(local_from.year(), 1, 1)
            .expect("valid date")
            .and_time(NaiveTime::MIN)
    } else {
        epoch
    };
    Observance {
        daylight: false,
        from: east,
        to: east,
        name: offset.to_string(),
        start,
        onset: i64::MIN,
        rule: None,
    }
}

/// Which weekday-of-month ordinals describe a date: its n-th occurrence
/// from the start (only 1..=4 are used) and whether it is the last.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Ordinals {
    nth: Option<u8>,
    last: bool,
}

impl Ordinals {
    fn of(date: NaiveDate) -> Self {
        let nth = (date.day0() / 7 + 1) as u8;
        Ordinals {
            nth: (nth <= 4).then_some(nth),
            last: date.day() + 7 > days_in_month(date.year(), date.month()),
        }
    }

    fn both(self, other: Self) -> Option<Self> {
        let o = Ordinals {
            nth: if self.nth == other.nth {
                self.nth
            } else {
                None
            },
            last: self.last && other.last,
        };
        (o.nth.is_some() || o.last).then_some(o)
    }

    /// "Last" wins when both fit every year seen: the tz database states
    /// far more rules as "last Sunday" than as "fourth Sunday".
    fn pick(self) -> i8 {
        match (self.last, self.nth) {
            (true, _) | (false, None) => -1,
            (false, Some(n)) => n as i8,
        }
    }
}

/// The date of the `ordinal`-th `weekday` of a month (-1: the last).
fn weekday_in_month(year: i32, month: u32, weekday: Weekday, ordinal: i8) -> Option<NaiveDate> {
    let n = ordinal.unsigned_abs();
    if n == 0 {
        None
    } else if ordinal > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
    } else {
        let last = NaiveDate::from_ymd_opt(year, month, days_in_month(year, month))?;
        let back = (last.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
        last.checked_sub_signed(Duration::days(i64::from(back) + 7 * i64::from(n - 1)))
            .filter(|d| d.month() == month)
    }
}

/// What transitions must share to be one yearly rule.
#[derive(Clone, PartialEq, Eq)]
struct RunKey {
    daylight: bool,
    from: i32,
    to: i32,
    name: String,
    month: u32,
    weekday: Weekday,
    time: NaiveTime,
}

/// Transitions in consecutive years that one yearly rule describes.
struct Run<'a> {
    key: RunKey,
    ordinals: Ordinals,
    members: Vec<&'a Transition>,
}

impl Run<'_> {
    fn last_year(&self) -> i32 {
        self.members.last().map_or(i32::MIN, |t| t.local().year())
    }
}

/// Folds transitions (in order) into observances. `scan_end` is the last
/// instant scanned: a rule whose next occurrence falls before it has
/// stopped and gets an UNTIL.
fn group(found: &[Transition], scan_end: i64) -> Vec<Observance> {
    let mut runs: Vec<Run> = Vec::new();
    for t in found {
        let local = t.local();
        let key = RunKey {
            daylight: t.daylight,
            from: t.from,
            to: t.to,
            name: t.name.clone(),
            month: local.month(),
            weekday: local.weekday(),
            time: local.time(),
        };
        let ordinals = Ordinals::of(local.date());
        let previous = runs.iter_mut().rev().find(|r| r.key == key);
        if let Some(run) = previous
            && run.last_year().checked_add(1) == Some(local.year())
            && let Some(both) = run.ordinals.both(ordinals)
        {
            run.ordinals = both;
            run.members.push(t);
        } else {
            runs.push(Run {
                key,
                ordinals,
                members: vec![t],
            });
        }
    }
    runs.into_iter()
        .map(|run| observance(run, scan_end))
        .collect()
}

fn observance(run: Run, scan_end: i64) -> Observance {
    let first = run.members[0];
    let rule = (run.members.len() > 1).then(|| {
        let ordinal = run.ordinals.pick();
        let last = run.members[run.members.len() - 1];
        // The rule's next occurrence, had it continued: if the scan reached
        // it and found no such transition, the rule has stopped.
        let stopped =
            weekday_in_month(run.last_year() + 1, run.key.month, run.key.weekday, ordinal)
                .map(|d| d.and_time(run.key.time).and_utc().timestamp() - i64::from(run.key.from))
                .is_none_or(|next| next <= scan_end);
        Yearly {
            month: run.key.month,
            weekday: run.key.weekday,
            ordinal,
            until: stopped.then_some(last.at),
        }
    });
    Observance {
        daylight: run.key.daylight,
        from: first.from,
        to: first.to,
        name: run.key.name,
        start: first.local(),
        onset: first.at,
        rule,
    }
}

/// `±hhmm`, or `±hhmmss` when the offset has seconds (RFC 5545 §3.3.14).
fn utc_offset(east: i32) -> String {
    let sign = if east < 0 { '-' } else { '+' };
    let abs = east.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// TEXT escaping (RFC 5545 §3.3.11); abbreviations never need it, but a
/// stray comma would otherwise split TZNAME.
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    //! The checks read the generated lines with an evaluator of their own,
    //! written from RFC 5545 and independent of the generator, and compare
    //! the offset it implies with chrono-tz.

    use super::vtimezone_lines;
    use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc, Weekday};
    use chrono_tz::Tz;

    /// One STANDARD/DAYLIGHT sub-component as a client reads it.
    #[derive(Debug, Default)]
    struct Observance {
        from: Option<i64>,
        to: Option<i64>,
        start: Option<NaiveDateTime>,
        rrule: Option<String>,
        rdates: Vec<NaiveDateTime>,
    }

    fn parse_offset(v: &str) -> i64 {
        let sign = match &v[..1] {
            "+" => 1,
            "-" => -1,
            _ => panic!("offset without sign: {v}"),
        };
        let digits: Vec<i64> = (1..v.len())
            .step_by(2)
            .map(|i| v[i..i + 2].parse().unwrap())
            .collect();
        assert!(digits.len() == 2 || digits.len() == 3, "bad offset {v}");
        sign * (digits[0] * 3600 + digits[1] * 60 + digits.get(2).copied().unwrap_or(0))
    }

    fn parse_local(v: &str) -> NaiveDateTime {
        assert!(!v.ends_with('Z'), "DTSTART/RDATE must be floating: {v}");
        NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S").unwrap()
    }

    fn parse(lines: &[String]) -> Vec<Observance> {
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VTIMEZONE"));
        assert_eq!(lines.last().map(String::as_str), Some("END:VTIMEZONE"));
        let mut out = Vec::new();
        let mut current: Option<Observance> = None;
        for line in lines {
            let (head, value) = line.split_once(':').expect("name:value");
            let name = head.split(';').next().unwrap();
            match (name, value) {
                ("BEGIN", "STANDARD" | "DAYLIGHT") => {
                    assert!(current.is_none(), "nested observance");
                    current = Some(Observance::default());
                }
                ("END", "STANDARD" | "DAYLIGHT") => out.push(current.take().expect("open")),
                _ => {
                    let Some(o) = current.as_mut() else { continue };
                    match name {
                        "TZOFFSETFROM" => o.from = Some(parse_offset(value)),
                        "TZOFFSETTO" => o.to = Some(parse_offset(value)),
                        "DTSTART" => o.start = Some(parse_local(value)),
                        "RRULE" => o.rrule = Some(value.to_string()),
                        "RDATE" => o.rdates.extend(value.split(',').map(parse_local)),
                        _ => {}
                    }
                }
            }
        }
        out
    }

    fn weekday(code: &str) -> Weekday {
        match code {
            "MO" => Weekday::Mon,
            "TU" => Weekday::Tue,
            "WE" => Weekday::Wed,
            "TH" => Weekday::Thu,
            "FR" => Weekday::Fri,
            "SA" => Weekday::Sat,
            "SU" => Weekday::Sun,
            _ => panic!("weekday {code}"),
        }
    }

    /// The `n`-th `wd` of a month, counting from the end when `n` < 0.
    fn nth_weekday(year: i32, month: u32, wd: Weekday, n: i32) -> Option<NaiveDate> {
        let days: Vec<NaiveDate> = (1..=31)
            .filter_map(|d| NaiveDate::from_ymd_opt(year, month, d))
            .filter(|d| d.weekday() == wd)
            .collect();
        let i = if n > 0 { n - 1 } else { days.len() as i32 + n };
        usize::try_from(i).ok().and_then(|i| days.get(i).copied())
    }

    /// Every onset (UTC seconds) with the offset it brings, sorted.
    fn onsets(obs: &[Observance]) -> Vec<(i64, i64)> {
        let mut out = Vec::new();
        for o in obs {
            let (from, to, start) = (o.from.unwrap(), o.to.unwrap(), o.start.unwrap());
            let onset = |local: NaiveDateTime| local.and_utc().timestamp() - from;
            out.push((onset(start), to));
            out.extend(o.rdates.iter().map(|&d| (onset(d), to)));
            let Some(rule) = &o.rrule else { continue };
            let (mut month, mut byday, mut until) = (None, None, None);
            for part in rule.split(';') {
                let (k, v) = part.split_once('=').unwrap();
                match k {
                    "FREQ" => assert_eq!(v, "YEARLY"),
                    "BYMONTH" => month = Some(v.parse::<u32>().unwrap()),
                    "BYDAY" => {
                        let (n, wd) = v.split_at(v.len() - 2);
                        byday = Some((n.parse::<i32>().unwrap(), weekday(wd)));
                    }
                    "UNTIL" => {
                        let t = NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%SZ").unwrap();
                        until = Some(t.and_utc().timestamp());
                    }
                    _ => panic!("unexpected rule part {part}"),
                }
            }
            let (month, (n, wd)) = (month.unwrap(), byday.unwrap());
            for year in start.year()..=2100 {
                let Some(date) = nth_weekday(year, month, wd, n) else {
                    continue;
                };
                let local = date.and_time(start.time());
                if local < start {
                    continue;
                }
                let t = onset(local);
                if until.is_some_and(|u| t > u) {
                    break;
                }
                out.push((t, to));
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The offset in effect at `t`: that of the latest onset at or before it.
    fn implied(onsets: &[(i64, i64)], t: i64) -> Option<i64> {
        let i = onsets.partition_point(|&(at, _)| at <= t);
        i.checked_sub(1).map(|i| onsets[i].1)
    }

    fn utc(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
    }

    fn real(tz: Tz, t: i64) -> i64 {
        let at = DateTime::from_timestamp(t, 0).unwrap().naive_utc();
        i64::from(tz.offset_from_utc_datetime(&at).fix().local_minus_utc())
    }

    /// Every hour of [from, to], and both sides of every onset, must get
    /// the tz database's offset.
    fn assert_matches(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
        let lines = vtimezone_lines(tz, from, to);
        let on = onsets(&parse(&lines));
        let (from, to) = (from.timestamp(), to.timestamp());
        let mut t = from;
        while t <= to {
            assert_eq!(
                implied(&on, t),
                Some(real(tz, t)),
                "{tz} at {t}\n{lines:#?}"
            );
            t += 3600;
        }
        for &(at, offset) in on.iter().filter(|&&(at, _)| at > from && at <= to) {
            assert_eq!(offset, real(tz, at), "{tz} onset {at}");
            assert_eq!(
                implied(&on, at - 1),
                Some(real(tz, at - 1)),
                "{tz} before {at}"
            );
        }
        lines
    }

    const ZONES: &[&str] = &[
        "America/New_York",
        "America/Chicago",
        "America/Los_Angeles",
        "America/Phoenix",
        "Europe/Berlin",
        "Europe/London",
        "Europe/Dublin",
        "Australia/Sydney",
        "America/Sao_Paulo",
        "Asia/Tokyo",
        "UTC",
        "Pacific/Apia",
        "Asia/Kolkata",
    ];

    #[test]
    fn implied_offsets_match_the_tz_database_2012_to_2028() {
        for name in ZONES {
            let tz: Tz = name.parse().unwrap();
            assert_matches(tz, utc(2012, 1, 1), utc(2028, 12, 31));
        }
    }

    #[test]
    fn short_ranges_are_covered_too() {
        // One-day and one-month windows, at both sides of a change.
        for name in ZONES {
            let tz: Tz = name.parse().unwrap();
            for (a, b) in [
                (utc(2026, 3, 8), utc(2026, 3, 9)),
                (utc(2026, 6, 1), utc(2026, 6, 1)),
                (utc(2026, 10, 15), utc(2026, 11, 15)),
                (utc(2019, 2, 1), utc(2019, 3, 1)),
                (utc(2021, 3, 1), utc(2021, 5, 1)),
            ] {
                assert_matches(tz, a, b);
            }
        }
    }

    #[test]
    fn first_observance_starts_at_or_before_from_and_output_is_ordered() {
        for name in ZONES {
            let tz: Tz = name.parse().unwrap();
            let (from, to) = (utc(2012, 1, 1), utc(2028, 12, 31));
            let lines = vtimezone_lines(tz, from, to);
            assert_eq!(lines, vtimezone_lines(tz, from, to), "{name}");
            assert_eq!(lines[1], format!("TZID:{name}"));
            assert_eq!(lines[2], format!("X-LIC-LOCATION:{name}"));
            let obs = parse(&lines);
            let first: Vec<i64> = obs
                .iter()
                .map(|o| o.start.unwrap().and_utc().timestamp() - o.from.unwrap())
                .collect();
            assert!(first[0] <= from.timestamp(), "{name}");
            assert!(first.windows(2).all(|w| w[0] < w[1]), "{name}");
        }
    }

    #[test]
    fn new_york_2026_2027() {
        let lines = assert_matches(
            chrono_tz::America::New_York,
            utc(2026, 1, 1),
            utc(2027, 12, 31),
        );
        assert_eq!(
            lines,
            [
                "BEGIN:VTIMEZONE",
                "TZID:America/New_York",
                "X-LIC-LOCATION:America/New_York",
                "BEGIN:STANDARD",
                "TZOFFSETFROM:-0400",
                "TZOFFSETTO:-0500",
                "TZNAME:EST",
                "DTSTART:20251102T020000",
                "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
                "END:STANDARD",
                "BEGIN:DAYLIGHT",
                "TZOFFSETFROM:-0500",
                "TZOFFSETTO:-0400",
                "TZNAME:EDT",
                "DTSTART:20260308T020000",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
                "END:DAYLIGHT",
                "END:VTIMEZONE",
            ]
        );
    }

    #[test]
    fn utc_is_one_fixed_observance() {
        let lines = assert_matches(chrono_tz::UTC, utc(2026, 1, 1), utc(2027, 12, 31));
        assert_eq!(
            lines,
            [
                "BEGIN:VTIMEZONE",
                "TZID:UTC",
                "X-LIC-LOCATION:UTC",
                "BEGIN:STANDARD",
                "TZOFFSETFROM:+0000",
                "TZOFFSETTO:+0000",
                "TZNAME:UTC",
                "DTSTART:19700101T000000",
                "END:STANDARD",
                "END:VTIMEZONE",
            ]
        );
    }

    #[test]
    fn zones_without_changes_are_one_fixed_observance() {
        for (name, offset, abbr) in [
            ("Asia/Tokyo", "+0900", "JST"),
            ("America/Phoenix", "-0700", "MST"),
            ("Asia/Kolkata", "+0530", "IST"),
        ] {
            let lines = vtimezone_lines(name.parse().unwrap(), utc(2012, 1, 1), utc(2028, 12, 31));
            assert_eq!(
                lines[3..],
                [
                    "BEGIN:STANDARD".to_string(),
                    format!("TZOFFSETFROM:{offset}"),
                    format!("TZOFFSETTO:{offset}"),
                    format!("TZNAME:{abbr}"),
                    "DTSTART:19700101T000000".to_string(),
                    "END:STANDARD".to_string(),
                    "END:VTIMEZONE".to_string(),
                ],
                "{name}"
            );
        }
    }

    fn rrules(name: &str, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
        vtimezone_lines(name.parse().unwrap(), from, to)
            .into_iter()
            .filter(|l| l.starts_with("RRULE:"))
            .collect()
    }

    #[test]
    fn yearly_rules_use_the_right_ordinals() {
        let (from, to) = (utc(2012, 1, 1), utc(2028, 12, 31));
        assert_eq!(
            rrules("Europe/Berlin", from, to),
            [
                "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            ]
        );
        assert_eq!(
            rrules("America/Chicago", from, to),
            [
                "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
            ]
        );
        assert_eq!(
            rrules("Australia/Sydney", from, to),
            [
                "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU",
                "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
            ]
        );
    }

    #[test]
    fn ambiguous_ordinals_prefer_last() {
        // Scanned March changes: 2027-03-28 and 2028-03-26, each both the
        // fourth and the last Sunday; the tz rule is "last Sunday".
        let rules = rrules("Europe/Berlin", utc(2027, 6, 1), utc(2027, 6, 1));
        assert_eq!(rules, ["RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"]);
    }

    #[test]
    fn abolished_daylight_time_ends_with_until() {
        let rules = rrules("America/Sao_Paulo", utc(2012, 1, 1), utc(2028, 12, 31));
        assert!(!rules.is_empty());
        assert!(rules.iter().all(|r| r.contains(";UNTIL=")), "{rules:#?}");
        let lines = vtimezone_lines(
            chrono_tz::America::Sao_Paulo,
            utc(2012, 1, 1),
            utc(2028, 12, 31),
        );
        // The last change (February 2019) leaves standard time for good.
        // Even expanded to 2100, nothing follows it.
        let on = onsets(&parse(&lines));
        let last = Utc.with_ymd_and_hms(2019, 2, 17, 2, 0, 0).unwrap();
        assert_eq!(on.last(), Some(&(last.timestamp(), -3 * 3600)));
        // A range entirely after 2019 is a single fixed observance.
        let after = vtimezone_lines(
            chrono_tz::America::Sao_Paulo,
            utc(2026, 1, 1),
            utc(2027, 1, 1),
        );
        assert_eq!(
            after[3..6],
            ["BEGIN:STANDARD", "TZOFFSETFROM:-0300", "TZOFFSETTO:-0300"]
        );
        assert_eq!(after.len(), 10);
    }

    #[test]
    fn negative_dst_reads_summer_as_daylight() {
        let lines = vtimezone_lines(
            chrono_tz::Europe::Dublin,
            utc(2026, 1, 1),
            utc(2026, 12, 31),
        );
        let text = lines.join("\n");
        assert!(
            text.contains("BEGIN:DAYLIGHT\nTZOFFSETFROM:+0000\nTZOFFSETTO:+0100\nTZNAME:IST"),
            "{text}"
        );
        assert!(
            text.contains("BEGIN:STANDARD\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0000\nTZNAME:GMT"),
            "{text}"
        );
    }

    #[test]
    fn offsets_with_seconds_keep_them() {
        assert_eq!(super::utc_offset(-(5 * 3600 + 17 * 60 + 32)), "-051732");
        assert_eq!(super::utc_offset(19_800), "+0530");
        assert_eq!(super::utc_offset(0), "+0000");
    }

    #[test]
    fn generation_is_fast() {
        let start = std::time::Instant::now();
        let lines = vtimezone_lines(
            chrono_tz::America::New_York,
            utc(2012, 1, 1),
            utc(2028, 12, 31),
        );
        let took = start.elapsed();
        eprintln!(
            "America/New_York 2012–2028: {took:?}, {} lines",
            lines.len()
        );
        // Generous: unoptimised test builds on a busy machine.
        assert!(took < std::time::Duration::from_millis(500), "{took:?}");
    }
}
