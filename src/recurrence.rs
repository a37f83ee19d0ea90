//! The `repeat` field: its words and the RRULE subset callsite understands.
//!
//! Supported RRULE parts: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL,
//! COUNT, UNTIL, BYDAY (with ordinals such as `1WE` or `-1FR` under MONTHLY
//! and YEARLY), BYMONTHDAY (negative counts from the month's end) and
//! BYMONTH. Weeks start on Sunday (`WKST=SU`). Anything else is refused
//! at `check` time rather than guessed at, because subscribers' calendar
//! clients must expand the rule exactly as the site does.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};

/// How often the pattern repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// A weekday, optionally the nth (or nth-from-last when negative) in its
/// month or year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ByDay {
    pub nth: Option<i8>,
    pub weekday: Weekday,
}

/// Where a series stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Never,
    /// The last local day on which an occurrence may start (inclusive).
    Until(NaiveDate),
    /// The last local date-time at which an occurrence may start
    /// (an RRULE UNTIL without `Z`).
    UntilLocal(NaiveDateTime),
    /// The last instant, in UTC, at which an occurrence may start (an RRULE
    /// UNTIL with `Z`, the form RFC 5545 requires with a zoned DTSTART).
    UntilUtc(NaiveDateTime),
    /// The total number of occurrences, the first one included.
    Count(u32),
}

/// A normalized recurrence rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub freq: Freq,
    pub interval: u32,
    pub by_day: Vec<ByDay>,
    pub by_month_day: Vec<i8>,
    pub by_month: Vec<u8>,
    pub end: End,
    /// Whether the rule came from an RRULE (whose own UNTIL/COUNT may clash
    /// with the `until`/`count` fields) or from one of the words.
    pub from_rrule: bool,
}

/// Why a `repeat` value was refused; the message names the part.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleError {
    pub message: String,
    pub hint: String,
}

fn err(message: impl Into<String>, hint: impl Into<String>) -> RuleError {
    RuleError {
        message: message.into(),
        hint: hint.into(),
    }
}

const RRULE_HINT: &str =
    "use weekly, biweekly, monthly, or an RRULE such as FREQ=MONTHLY;BYDAY=1WE,3WE";

/// Parses `repeat` for a series starting at `start`. The words derive their
/// days from `start`: `monthly` is the same nth weekday of each month
/// ("second Thursday"), or the last one when `start` falls in the month's
/// last seven days.
pub fn parse(text: &str, start: NaiveDateTime) -> Result<Rule, RuleError> {
    let t = text.trim();
    let weekday = start.weekday();
    let word = |freq, interval, by_day| Rule {
        freq,
        interval,
        by_day,
        by_month_day: Vec::new(),
        by_month: Vec::new(),
        end: End::Never,
        from_rrule: false,
    };
    match t.to_ascii_lowercase().as_str() {
        "daily" => return Ok(word(Freq::Daily, 1, vec![])),
        "weekly" => {
            return Ok(word(Freq::Weekly, 1, vec![ByDay { nth: None, weekday }]));
        }
        "biweekly" | "fortnightly" => {
            return Ok(word(Freq::Weekly, 2, vec![ByDay { nth: None, weekday }]));
        }
        "monthly" => {
            let nth = nth_of_month(start.date());
            return Ok(word(
                Freq::Monthly,
                1,
                vec![ByDay {
                    nth: Some(nth),
                    weekday,
                }],
            ));
        }
        "yearly" | "annually" => return Ok(word(Freq::Yearly, 1, vec![])),
        _ => {}
    }
    let body = t.strip_prefix("RRULE:").unwrap_or(t);
    if !body.to_ascii_uppercase().starts_with("FREQ=") && !body.contains('=') {
        return Err(err(format!("`{t}` is not a repeat rule"), RRULE_HINT));
    }
    parse_rrule(body, start)
}

/// The ordinal `monthly` uses for `date`: 1–4, or -1 in the last week.
pub fn nth_of_month(date: NaiveDate) -> i8 {
    let last = crate::time::days_in_month(date.year(), date.month());
    if date.day() + 7 > last {
        -1
    } else {
        ((date.day() - 1) / 7 + 1) as i8
    }
}

fn parse_rrule(body: &str, start: NaiveDateTime) -> Result<Rule, RuleError> {
    let mut rule = Rule {
        freq: Freq::Weekly,
        interval: 1,
        by_day: Vec::new(),
        by_month_day: Vec::new(),
        by_month: Vec::new(),
        end: End::Never,
        from_rrule: true,
    };
    let mut freq = None;
    let mut seen = Vec::new();
    for part in body.split(';').filter(|p| !p.trim().is_empty()) {
        let (key, value) = part.split_once('=').ok_or_else(|| {
            err(
                format!("`{part}` has no `=`"),
                "write each part as NAME=VALUE, separated by `;`",
            )
        })?;
        let key = key.trim().to_ascii_uppercase();
        let value = value.trim().to_ascii_uppercase();
        if seen.contains(&key) {
            return Err(err(
                format!("`{key}` appears twice in the rule"),
                "keep one of them",
            ));
        }
        seen.push(key.clone());
        if key == "FREQ" {
            freq = Some(parse_freq(&value)?);
        } else {
            apply_part(&mut rule, &key, &value)?;
        }
    }
    rule.freq = freq.ok_or_else(|| {
        err(
            "the rule has no FREQ",
            "start it with FREQ=WEEKLY (or DAILY, MONTHLY, YEARLY)",
        )
    })?;
    validate(&rule)?;
    if rule.freq == Freq::Weekly && rule.by_day.is_empty() {
        rule.by_day.push(ByDay {
            nth: None,
            weekday: start.weekday(),
        });
    }
    Ok(rule)
}

fn parse_freq(value: &str) -> Result<Freq, RuleError> {
    Ok(match value {
        "DAILY" => Freq::Daily,
        "WEEKLY" => Freq::Weekly,
        "MONTHLY" => Freq::Monthly,
        "YEARLY" => Freq::Yearly,
        other => {
            return Err(err(
                format!("FREQ={other} is not supported"),
                "use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY",
            ));
        }
    })
}

/// Reads one `KEY=VALUE` part other than FREQ into `rule`.
fn apply_part(rule: &mut Rule, key: &str, value: &str) -> Result<(), RuleError> {
    match key {
        "INTERVAL" => {
            rule.interval = number(value, 1..=1000).ok_or_else(|| {
                err(
                    format!("INTERVAL={value} is not a whole number from 1 to 1000"),
                    "write it like INTERVAL=2",
                )
            })?;
        }
        "COUNT" => {
            let n = number(value, 1..=u32::MAX).ok_or_else(|| {
                err(
                    format!("COUNT={value} is not a whole number of at least 1"),
                    "write it like COUNT=12",
                )
            })?;
            rule.end = End::Count(n);
        }
        "UNTIL" => rule.end = parse_until(value)?,
        "BYDAY" => {
            for day in value.split(',') {
                rule.by_day.push(parse_by_day(day.trim())?);
            }
        }
        "BYMONTHDAY" => {
            for day in value.split(',') {
                let n = day
                    .trim()
                    .parse::<i8>()
                    .ok()
                    .filter(|n| *n != 0 && (-31..=31).contains(n))
                    .ok_or_else(|| {
                        err(
                            format!("BYMONTHDAY={day} is not a day of the month"),
                            "use 1 to 31, or -1 for the last day",
                        )
                    })?;
                rule.by_month_day.push(n);
            }
        }
        "BYMONTH" => {
            for month in value.split(',') {
                let n = number(month.trim(), 1..=12)
                    .ok_or_else(|| err(format!("BYMONTH={month} is not a month"), "use 1 to 12"))?;
                rule.by_month.push(n as u8);
            }
        }
        "WKST" if value == "SU" => {}
        "WKST" => {
            return Err(err(
                format!("WKST={value} is not supported"),
                "weeks start on Sunday; leave WKST out or write WKST=SU",
            ));
        }
        other => {
            return Err(err(
                format!("the RRULE part `{other}` is not supported"),
                "supported parts: FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH",
            ));
        }
    }
    Ok(())
}

/// A whole number in `range`.
fn number(text: &str, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
    text.parse::<u32>().ok().filter(|n| range.contains(n))
}

/// Combinations RFC 5545 forbids or calendar apps expand differently from
/// each other are refused rather than published in a feed clients disagree
/// on.
fn validate(rule: &Rule) -> Result<(), RuleError> {
    if rule.by_day.iter().any(|d| d.nth.is_some()) {
        let numbered_ok = match rule.freq {
            Freq::Monthly => true,
            Freq::Yearly => !rule.by_month.is_empty(),
            _ => false,
        };
        if !numbered_ok {
            return Err(err(
                "numbered weekdays (like 1WE or -1FR) need FREQ=MONTHLY, or FREQ=YEARLY with BYMONTH",
                "drop the number, or use FREQ=MONTHLY",
            ));
        }
        if rule
            .by_day
            .iter()
            .any(|d| d.nth.is_some_and(|n| n.abs() > 5))
        {
            return Err(err(
                "a month has at most five of each weekday",
                "use 1 to 5, or -1 to -5",
            ));
        }
    }
    if rule.freq == Freq::Weekly && !rule.by_month_day.is_empty() {
        return Err(err(
            "BYMONTHDAY cannot be used with FREQ=WEEKLY",
            "use FREQ=MONTHLY;BYMONTHDAY=… for days of the month",
        ));
    }
    if rule.freq == Freq::Yearly
        && rule.by_month.is_empty()
        && (!rule.by_day.is_empty() || !rule.by_month_day.is_empty())
    {
        return Err(err(
            "FREQ=YEARLY with BYDAY or BYMONTHDAY needs BYMONTH",
            "add the months, like FREQ=YEARLY;BYMONTH=5;BYDAY=1FR",
        ));
    }
    Ok(())
}

fn parse_by_day(text: &str) -> Result<ByDay, RuleError> {
    if !text.is_ascii() {
        return Err(err(
            format!("BYDAY value `{text}` is not a weekday"),
            "use MO, TU, WE, TH, FR, SA, SU, optionally numbered like 2TH or -1FR",
        ));
    }
    let split = text.len().saturating_sub(2);
    let (nth, day) = text.split_at(split);
    let weekday = match day {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => {
            return Err(err(
                format!("BYDAY value `{text}` is not a weekday"),
                "use MO, TU, WE, TH, FR, SA, SU, optionally numbered like 2TH or -1FR",
            ));
        }
    };
    let nth = if nth.is_empty() {
        None
    } else {
        Some(nth.parse::<i8>().ok().filter(|n| *n != 0).ok_or_else(|| {
            err(
                format!("BYDAY value `{text}` has a bad number"),
                "write it like 2TH or -1FR",
            )
        })?)
    };
    Ok(ByDay { nth, weekday })
}

fn parse_until(value: &str) -> Result<End, RuleError> {
    let bad = || {
        err(
            format!("UNTIL={value} is not a date"),
            "write UNTIL=20270330 (a date) or UNTIL=20270330T235959Z",
        )
    };
    let date =
        NaiveDate::parse_from_str(value.get(..8).ok_or_else(bad)?, "%Y%m%d").map_err(|_| bad())?;
    match value.get(8..) {
        Some("") | None => Ok(End::Until(date)),
        Some(rest) => {
            let rest = rest.strip_prefix('T').ok_or_else(bad)?;
            let (rest, utc) = match rest.strip_suffix('Z') {
                Some(r) => (r, true),
                None => (rest, false),
            };
            let time = chrono::NaiveTime::parse_from_str(rest, "%H%M%S").map_err(|_| bad())?;
            let at = date.and_time(time);
            Ok(if utc {
                End::UntilUtc(at)
            } else {
                End::UntilLocal(at)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        crate::time::parse_datetime(text).unwrap()
    }

    #[test]
    fn words_take_their_days_from_start() {
        let r = parse("monthly", at("2026-01-08 21:00")).unwrap();
        assert_eq!(
            r.by_day,
            vec![ByDay {
                nth: Some(2),
                weekday: Weekday::Thu
            }]
        );
        let r = parse("monthly", at("2026-01-30 21:00")).unwrap();
        assert_eq!(
            r.by_day,
            vec![ByDay {
                nth: Some(-1),
                weekday: Weekday::Fri
            }]
        );
        let r = parse("biweekly", at("2026-01-08 21:00")).unwrap();
        assert_eq!((r.freq, r.interval), (Freq::Weekly, 2));
    }

    #[test]
    fn reads_the_rrule_subset() {
        let r = parse(
            "FREQ=MONTHLY;BYDAY=1WE,-1FR;UNTIL=20270228",
            at("2026-02-04 20:00"),
        )
        .unwrap();
        assert_eq!(r.by_day.len(), 2);
        assert_eq!(
            r.by_day[1],
            ByDay {
                nth: Some(-1),
                weekday: Weekday::Fri
            }
        );
        assert_eq!(
            r.end,
            End::Until(NaiveDate::from_ymd_opt(2027, 2, 28).unwrap())
        );
        let r = parse(
            "RRULE:FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=1;COUNT=3",
            at("2026-05-01 12:00"),
        )
        .unwrap();
        assert_eq!(r.end, End::Count(3));
    }

    #[test]
    fn refuses_what_it_cannot_expand_exactly() {
        for (rule, words) in [
            ("FREQ=HOURLY", "FREQ=HOURLY is not supported"),
            ("FREQ=MONTHLY;BYSETPOS=1", "`BYSETPOS` is not supported"),
            ("FREQ=WEEKLY;BYDAY=1MO", "numbered weekdays"),
            ("FREQ=WEEKLY;BYDAY=XX", "not a weekday"),
            ("INTERVAL=2", "no FREQ"),
            ("every tuesday", "is not a repeat rule"),
            ("FREQ=WEEKLY;WKST=MO", "WKST=MO"),
            ("FREQ=WEEKLY;BYDAY=€", "not a weekday"),
            (
                "FREQ=WEEKLY;BYMONTHDAY=1",
                "BYMONTHDAY cannot be used with FREQ=WEEKLY",
            ),
            ("FREQ=YEARLY;BYDAY=MO", "needs BYMONTH"),
            ("FREQ=YEARLY;BYMONTHDAY=1", "needs BYMONTH"),
        ] {
            let e = parse(rule, at("2026-01-05 20:00")).unwrap_err();
            assert!(e.message.contains(words), "{rule}: {}", e.message);
        }
    }

    #[test]
    fn until_with_z_is_an_instant() {
        let r = parse("FREQ=WEEKLY;UNTIL=20261124T010000Z", at("2026-01-05 21:00")).unwrap();
        assert_eq!(r.end, End::UntilUtc(at("2026-11-24 01:00")));
        let r = parse("FREQ=WEEKLY;UNTIL=20261124T010000", at("2026-01-05 21:00")).unwrap();
        assert_eq!(r.end, End::UntilLocal(at("2026-11-24 01:00")));
    }
}
