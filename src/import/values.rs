//! DATE, DATE-TIME, PERIOD and DURATION values (RFC 5545 §3.3) as the
//! import reads them: what a TZID, a trailing `Z` or `VALUE=DATE` means.

use super::parse::Prop;
use chrono::{NaiveDate, NaiveDateTime};

/// A point in time as the file wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// `VALUE=DATE`: a whole day, no time.
    Date(NaiveDate),
    /// No zone: "the same wall time wherever you are".
    Floating(NaiveDateTime),
    /// A trailing `Z`: an instant, in UTC.
    Utc(NaiveDateTime),
    /// A wall time in the zone named by TZID.
    Zoned(NaiveDateTime, String),
}

/// One value of `p` (lists hold several, comma-separated).
pub fn when(p: &Prop, value: &str) -> Result<When, String> {
    let v = value.trim();
    let date_only = p
        .param("VALUE")
        .is_some_and(|t| t.eq_ignore_ascii_case("DATE"));
    if date_only || (v.len() == 8 && !v.contains('T')) {
        return NaiveDate::parse_from_str(v, "%Y%m%d")
            .map(When::Date)
            .map_err(|_| format!("`{v}` is not a date (YYYYMMDD)"));
    }
    let (text, utc) = match v.strip_suffix(['Z', 'z']) {
        Some(t) => (t, true),
        None => (v, false),
    };
    let t = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S")
        .map_err(|_| format!("`{v}` is not a date-time (YYYYMMDDTHHMMSS)"))?;
    Ok(match (utc, p.param("TZID")) {
        (true, _) => When::Utc(t),
        (false, Some(z)) => When::Zoned(t, z.trim().to_string()),
        (false, None) => When::Floating(t),
    })
}

/// Every value of a list property (EXDATE, RDATE), with the end of a
/// PERIOD value when there is one.
pub fn list(p: &Prop) -> Vec<Result<(When, Option<PeriodEnd>), String>> {
    p.value
        .split(',')
        .filter(|v| !v.trim().is_empty())
        .map(|v| match v.split_once('/') {
            None => when(p, v).map(|w| (w, None)),
            Some((start, end)) => {
                let start = when(p, start)?;
                let end = if end.trim_start().starts_with(['P', '+', '-']) {
                    PeriodEnd::Length(
                        duration(end).ok_or_else(|| format!("`{end}` is not a duration"))?,
                    )
                } else {
                    PeriodEnd::At(when(p, end)?)
                };
                Ok((start, Some(end)))
            }
        })
        .collect()
}

/// The end of a PERIOD value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodEnd {
    At(When),
    /// Seconds.
    Length(i64),
}

/// An RFC 5545 DURATION in seconds (`PT1H30M`, `P1D`, `-PT15M`, `P2W`).
pub fn duration(text: &str) -> Option<i64> {
    let t = text.trim();
    let (sign, t) = match t.as_bytes().first()? {
        b'-' => (-1, &t[1..]),
        b'+' => (1, &t[1..]),
        _ => (1, t),
    };
    let t = t.strip_prefix(['P', 'p'])?;
    let mut secs: i64 = 0;
    let mut num = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in t.chars() {
        let unit = match c.to_ascii_uppercase() {
            '0'..='9' => {
                num.push(c);
                continue;
            }
            'T' => {
                in_time = true;
                continue;
            }
            'W' if !in_time => 604_800,
            'D' if !in_time => 86_400,
            'H' if in_time => 3_600,
            'M' if in_time => 60,
            'S' if in_time => 1,
            _ => return None,
        };
        secs = secs.checked_add(num.parse::<i64>().ok()?.checked_mul(unit)?)?;
        num.clear();
        any = true;
    }
    (any && num.is_empty()).then_some(sign * secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prop(head: &str, value: &str) -> Prop {
        let params = head
            .split(';')
            .skip(1)
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Prop {
            name: "X".into(),
            params,
            value: value.into(),
            line: 1,
        }
    }

    #[test]
    fn reads_the_four_forms() {
        let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%S").unwrap();
        assert_eq!(
            when(&prop("X", ""), "20260105T210000Z"),
            Ok(When::Utc(t("20260105T210000")))
        );
        assert_eq!(
            when(&prop("X", ""), "20260105T210000"),
            Ok(When::Floating(t("20260105T210000")))
        );
        assert_eq!(
            when(&prop("X;TZID=Europe/Berlin", ""), "20260105T210000"),
            Ok(When::Zoned(t("20260105T210000"), "Europe/Berlin".into()))
        );
        assert!(matches!(
            when(&prop("X;VALUE=DATE", ""), "20260105"),
            Ok(When::Date(_))
        ));
        assert!(when(&prop("X", ""), "2026-01-05").is_err());
    }

    #[test]
    fn reads_periods_and_durations() {
        let p = prop(
            "RDATE;VALUE=PERIOD",
            "20260105T210000Z/PT1H30M,20260106T210000Z/20260106T220000Z",
        );
        let l = list(&p);
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].as_ref().unwrap().1, Some(PeriodEnd::Length(5400)));
        assert_eq!(duration("P1DT2H"), Some(93_600));
        assert_eq!(duration("-PT15M"), Some(-900));
        assert_eq!(duration("P2W"), Some(1_209_600));
        assert_eq!(duration("PT"), None);
        assert_eq!(duration("1H"), None);
    }
}
