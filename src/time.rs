//! Calendar arithmetic and the date, time and duration forms content is
//! written in, shared by every stage that reads or shows a date.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// Parses `YYYY-MM-DD`, explaining impossible dates in words.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(format!("`{text}` is not of the form YYYY-MM-DD"));
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(format!("`{text}` is not of the form YYYY-MM-DD"));
    };
    if y.to_string().len() != 4 {
        return Err(format!("`{text}` needs a four-digit year"));
    }
    if !(1900..=2999).contains(&y) {
        return Err(format!(
            "the year {y} is out of range; calls fall between 1900 and 2999"
        ));
    }
    if !(1..=12).contains(&m) {
        return Err(format!("there is no month {m}"));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let last = days_in_month(y, m);
        let month = NaiveDate::from_ymd_opt(y, m, 1)
            .map(|f| f.format("%B %Y").to_string())
            .unwrap_or_default();
        format!("{month} has {last} days, so day {d} does not exist")
    })
}

/// Parses `YYYY-MM-DD HH:MM` (a `T` or `:SS` is accepted).
pub fn parse_datetime(text: &str) -> Result<NaiveDateTime, String> {
    let (date, time) = text.split_once(['T', ' ']).ok_or_else(|| {
        if is_clock_time(text) {
            format!("`{text}` has no date; write the date before it, like `2026-01-07 {text}`")
        } else {
            format!("`{text}` has no time; add one, like `{text} 21:00`")
        }
    })?;
    let date = parse_date(date.trim())?;
    let time = time.trim();
    let time = NaiveTime::parse_from_str(time, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M:%S"))
        .ok()
        // chrono reads `23:59:60` as a leap second; no clock shows it.
        .filter(|t| chrono::Timelike::nanosecond(t) < 1_000_000_000)
        .ok_or_else(|| format!("`{time}` is not a time of day (HH:MM, 00:00 to 23:59)"))?;
    Ok(date.and_time(time))
}

/// Whether `text` is a time of day alone (`21:00`, `9:30`).
pub fn is_clock_time(text: &str) -> bool {
    NaiveTime::parse_from_str(text, "%H:%M").is_ok()
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map_or(28, |d| chrono::Datelike::day(&d))
}

/// Parses a call length: `45m`, `1h`, `1h30m`, `90` (minutes).
pub fn parse_minutes(text: &str) -> Option<u32> {
    let t = text.trim().to_ascii_lowercase().replace(' ', "");
    if t.is_empty() {
        return None;
    }
    if let Ok(m) = t.parse::<u32>() {
        return Some(m);
    }
    let (hours, rest) = match t.split_once('h') {
        Some((h, rest)) => (h.parse::<u32>().ok()?, rest),
        None => (0, t.as_str()),
    };
    let minutes = match rest.strip_suffix('m').or(rest.strip_suffix("min")) {
        Some(m) => m.parse::<u32>().ok()?,
        None if rest.is_empty() => 0,
        None => return None,
    };
    hours.checked_mul(60)?.checked_add(minutes)
}

/// Parses the ISO 8601 durations of site.yaml (`PT6H`, `PT8H`, `P1D`,
/// `PT1H30M`) into seconds.
pub fn parse_iso_duration(text: &str) -> Option<u64> {
    let rest = text.trim().strip_prefix('P')?;
    let (days, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut secs = 0u64;
    let mut any = false;
    let mut num = String::new();
    for ch in days.chars() {
        match ch {
            '0'..='9' => num.push(ch),
            'D' | 'W' => {
                let n: u64 = num.parse().ok()?;
                let unit: u64 = if ch == 'D' { 86_400 } else { 604_800 };
                secs = secs.checked_add(n.checked_mul(unit)?)?;
                num.clear();
                any = true;
            }
            _ => return None,
        }
    }
    if !num.is_empty() {
        return None;
    }
    if let Some(time) = time {
        for ch in time.chars() {
            match ch {
                '0'..='9' => num.push(ch),
                'H' | 'M' | 'S' => {
                    let n: u64 = num.parse().ok()?;
                    let unit: u64 = match ch {
                        'H' => 3600,
                        'M' => 60,
                        _ => 1,
                    };
                    secs = secs.checked_add(n.checked_mul(unit)?)?;
                    num.clear();
                    any = true;
                }
                _ => return None,
            }
        }
        if !num.is_empty() {
            return None;
        }
    }
    any.then_some(secs)
}

/// A weekday's English name, for messages and pages.
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// The weekday's two-letter RRULE code.
pub fn weekday_code(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// "3 November 2026".
pub fn long_date(d: NaiveDate) -> String {
    let mut out = String::with_capacity(18);
    push_long_date(&mut out, d);
    out
}

/// Writes [`long_date`] out by hand: `format!` costs ten times as much,
/// and every listed meeting carries a date label or two.
fn push_long_date(out: &mut String, d: NaiveDate) {
    use chrono::Datelike;
    push_number(out, d.day());
    out.push(' ');
    out.push_str(month_name(d.month()));
    out.push(' ');
    match u32::try_from(d.year()) {
        Ok(year) => push_number(out, year),
        Err(_) => out.push_str(&d.year().to_string()),
    }
}

/// `d` as `NaiveDate`'s `Display` writes it (`2026-11-03`), by hand.
pub fn iso_date(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_iso_date(&mut out, d);
    out
}

/// Writes `d` as `NaiveDate`'s `Display` does (`2026-11-03`), by hand:
/// routes and list entries write one for every record and meeting.
pub fn push_iso_date(out: &mut String, d: NaiveDate) {
    use chrono::Datelike;
    let Ok(year @ 0..=9999) = u32::try_from(d.year()) else {
        // Signed or five-digit years: chrono's own form.
        out.push_str(&d.to_string());
        return;
    };
    push_two_digits(out, year / 100);
    push_two_digits(out, year % 100);
    out.push('-');
    push_two_digits(out, d.month());
    out.push('-');
    push_two_digits(out, d.day());
}

/// `n` (under 100) as two digits, as `{:02}` writes it.
pub fn push_two_digits(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `n` in decimal digits.
fn push_number(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&b| char::from(b)));
}

/// "November" for 11.
pub fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(month.clamp(1, 12) - 1) as usize]
}

/// "Tuesday 3 November 2026".
pub fn day_label(d: NaiveDate) -> String {
    let mut out = String::with_capacity(28);
    out.push_str(weekday_name(chrono::Datelike::weekday(&d)));
    out.push(' ');
    push_long_date(&mut out, d);
    out
}

/// "9:00 PM EST": a wall time with its zone's abbreviation.
pub fn clock_label<Z: chrono::TimeZone>(t: &chrono::DateTime<Z>) -> String
where
    Z::Offset: std::fmt::Display,
{
    use chrono::Timelike;
    use std::fmt::Write;
    let (pm, hour) = t.hour12();
    let mut out = String::with_capacity(16);
    push_number(&mut out, hour);
    out.push(':');
    let minute = t.minute();
    out.push(char::from(b'0' + (minute / 10) as u8));
    out.push(char::from(b'0' + (minute % 10) as u8));
    out.push_str(if pm { " PM " } else { " AM " });
    let _ = write!(out, "{}", t.offset());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_read_as_chrono_writes_them() {
        let far = [
            (1, 1, 1),
            (999, 12, 31),
            (9999, 12, 31),
            (10_000, 6, 9),
            (-44, 3, 15),
        ];
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let near = (0..800)
            .step_by(7)
            .map(|n| start + chrono::Duration::days(n));
        let far = far.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        for d in near.chain(far) {
            let mut out = String::from("x/");
            push_iso_date(&mut out, d);
            assert_eq!(out, format!("x/{d}"));
        }
    }

    #[test]
    fn labels_read_as_chrono_would_write_them() {
        use chrono::{Duration, TimeZone};
        let zones: [chrono_tz::Tz; 3] = [
            chrono_tz::America::New_York,
            chrono_tz::Asia::Kolkata,
            chrono_tz::UTC,
        ];
        // Years outside 1000-9999 as plain numbers (chrono pads them).
        for far in [(1, 1, 1), (999, 12, 31), (10_000, 6, 9), (-44, 3, 15)] {
            let d = NaiveDate::from_ymd_opt(far.0, far.1, far.2).unwrap();
            let plain = format!("{} {}", d.format("%A %-d %B"), far.0);
            assert_eq!(day_label(d), plain);
        }
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        for day in (0..400).step_by(13) {
            let d = start + Duration::days(day);
            assert_eq!(long_date(d), d.format("%-d %B %Y").to_string());
            assert_eq!(day_label(d), d.format("%A %-d %B %Y").to_string());
            for (k, zone) in zones.iter().enumerate() {
                let t = zone.from_utc_datetime(
                    &d.and_hms_opt((day as u32 * 7 + k as u32) % 24, 30, 0)
                        .unwrap(),
                );
                assert_eq!(clock_label(&t), t.format("%-I:%M %p %Z").to_string());
            }
            let fixed = chrono::FixedOffset::east_opt(3600)
                .unwrap()
                .from_utc_datetime(&d.and_hms_opt(0, 5, 0).unwrap());
            assert_eq!(
                clock_label(&fixed),
                fixed.format("%-I:%M %p %Z").to_string()
            );
        }
    }

    #[test]
    fn explains_impossible_dates() {
        assert_eq!(
            parse_date("2026-02-30").unwrap_err(),
            "February 2026 has 28 days, so day 30 does not exist"
        );
        assert_eq!(
            parse_date("2026-13-01").unwrap_err(),
            "there is no month 13"
        );
        assert!(parse_date("14/03/2026").is_err());
        assert_eq!(
            parse_date("2024-02-29").unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
    }

    #[test]
    fn reads_date_times() {
        let dt = parse_datetime("2012-03-14 21:00").unwrap();
        assert_eq!(dt.to_string(), "2012-03-14 21:00:00");
        assert_eq!(
            parse_datetime("2012-03-14T09:30:00").unwrap().to_string(),
            "2012-03-14 09:30:00"
        );
        assert!(parse_datetime("2012-03-14").is_err());
        assert!(parse_datetime("2012-03-14 25:00").is_err());
    }

    #[test]
    fn reads_durations() {
        for (text, minutes) in [
            ("45m", Some(45)),
            ("1h", Some(60)),
            ("1h30m", Some(90)),
            ("90", Some(90)),
            ("90min", Some(90)),
            ("1 h 30 m", Some(90)),
            ("1.5h", None),
            ("soon", None),
            ("", None),
        ] {
            assert_eq!(parse_minutes(text), minutes, "{text}");
        }
        assert_eq!(parse_iso_duration("PT6H"), Some(21_600));
        assert_eq!(parse_iso_duration("PT1H30M"), Some(5_400));
        assert_eq!(parse_iso_duration("P1D"), Some(86_400));
        assert_eq!(parse_iso_duration("6h"), None);
        assert_eq!(parse_iso_duration("PT"), None);
        assert_eq!(parse_iso_duration("PT9999999999999999999H"), None);
        assert_eq!(parse_iso_duration("P99999999999999999D"), None);
    }
}
