//! Dates, times and schedules in words, as pages show them:
//! "9:00 PM EST", "Tuesday 3 November 2026", "Every Tuesday, 9:00 PM EST,
//! until 30 March 2027".

use crate::content::Call;
use crate::recurrence::{ByDay, End, Freq, Rule};
use crate::time::weekday_name;
use chrono::{DateTime, Datelike, NaiveDate, TimeZone};
use chrono_tz::Tz;

/// "9:00 PM EST": the call's own wall time and zone abbreviation.
pub fn time_label(t: &DateTime<Tz>) -> String {
    crate::time::clock_label(t)
}

/// "Tuesday 3 November 2026".
pub fn day_label(d: NaiveDate) -> String {
    crate::time::day_label(d)
}

pub use crate::time::long_date;

/// "November 2026".
pub fn month_label(year: i32, month: u32) -> String {
    NaiveDate::from_ymd_opt(year, month, 1).map_or_else(String::new, |_| {
        format!("{} {year}", crate::time::month_name(month))
    })
}

fn ordinal_word(n: i8) -> &'static str {
    match n {
        1 => "first",
        2 => "second",
        3 => "third",
        4 => "fourth",
        5 => "fifth",
        -1 => "last",
        -2 => "second-to-last",
        _ => "nth",
    }
}

fn list_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn plural_weekday(b: &ByDay) -> String {
    format!("{}s", weekday_name(b.weekday))
}

fn month_names(months: &[u8]) -> String {
    let names: Vec<String> = months
        .iter()
        .filter(|m| (1..=12).contains(*m))
        .map(|m| crate::time::month_name(u32::from(*m)).to_string())
        .collect();
    list_words(&names)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The repeat pattern alone: "Every Tuesday", "Every other Thursday",
/// "Second Thursday of every month".
pub fn pattern(rule: &Rule, first: NaiveDate) -> String {
    let days: Vec<String> = rule
        .by_day
        .iter()
        .map(|b| weekday_name(b.weekday).to_string())
        .collect();
    let mut text = match rule.freq {
        Freq::Daily if rule.by_day.is_empty() => every(rule, "day"),
        Freq::Daily => format!("every {}", plural_weekdays(rule)),
        Freq::Weekly => match rule.interval {
            1 => format!("every {}", list_words(&days)),
            2 => format!("every other {}", list_words(&days)),
            n => format!("every {n} weeks on {}", list_words(&days)),
        },
        Freq::Monthly => monthly(rule, first),
        Freq::Yearly => yearly(rule, first),
    };
    if !rule.by_month.is_empty() {
        text.push_str(&format!(", in {}", month_names(&rule.by_month)));
    }
    capitalize(&text)
}

/// "every month", "every other week", "every 3 years".
fn every(rule: &Rule, unit: &str) -> String {
    match rule.interval {
        1 => format!("every {unit}"),
        2 => format!("every other {unit}"),
        n => format!("every {n} {unit}s"),
    }
}

fn plural_weekdays(rule: &Rule) -> String {
    list_words(&rule.by_day.iter().map(plural_weekday).collect::<Vec<_>>())
}

/// "second and fourth Thursday of every month", "day 15 of every month".
fn monthly(rule: &Rule, first: NaiveDate) -> String {
    let unit = every(rule, "month");
    let numbered = !rule.by_day.is_empty() && rule.by_day.iter().all(|b| b.nth.is_some());
    if numbered && rule.by_month_day.is_empty() {
        let nth = |b: &ByDay| ordinal_word(b.nth.unwrap_or(1));
        let same_day = rule
            .by_day
            .iter()
            .all(|b| b.weekday == rule.by_day[0].weekday);
        let phrase = if same_day {
            let ords: Vec<String> = rule.by_day.iter().map(|b| nth(b).to_string()).collect();
            format!(
                "{} {}",
                list_words(&ords),
                weekday_name(rule.by_day[0].weekday)
            )
        } else {
            let each: Vec<String> = rule
                .by_day
                .iter()
                .map(|b| format!("{} {}", nth(b), weekday_name(b.weekday)))
                .collect();
            list_words(&each)
        };
        format!("{phrase} of {unit}")
    } else if !rule.by_month_day.is_empty() {
        let days: Vec<String> = rule
            .by_month_day
            .iter()
            .map(|d| match *d {
                -1 => "the last day".into(),
                d if d < 0 => format!("day {} from the end", -d),
                d => format!("day {d}"),
            })
            .collect();
        format!("{} of {unit}", list_words(&days))
    } else if !rule.by_day.is_empty() {
        format!("{} of {unit}", plural_weekdays(rule))
    } else {
        format!("day {} of {unit}", first.day())
    }
}

/// "every year on 1 May", "first Friday of every year".
fn yearly(rule: &Rule, first: NaiveDate) -> String {
    if rule.by_month.is_empty() && rule.by_day.is_empty() && rule.by_month_day.is_empty() {
        format!("{} on {}", every(rule, "year"), first.format("%-d %B"))
    } else if !rule.by_day.is_empty() {
        let d: Vec<String> = rule
            .by_day
            .iter()
            .map(|b| match b.nth {
                Some(n) => format!("{} {}", ordinal_word(n), weekday_name(b.weekday)),
                None => plural_weekday(b),
            })
            .collect();
        format!("{} of {}", list_words(&d), every(rule, "year"))
    } else {
        every(rule, "year")
    }
}

/// The whole schedule of a call in words, with its time and end.
pub fn schedule(call: &Call, sample: &DateTime<Tz>) -> String {
    // A series is named in the zone's generic name ("Eastern Time"), right
    // all year; a dated meeting keeps its abbreviation ("EST").
    let time = format!(
        "{} {}",
        call.start.format("%-I:%M %p"),
        super::zone_names::generic(call.timezone)
    );
    let Some(rule) = &call.rule else {
        let at = call
            .timezone
            .from_local_datetime(&call.start)
            .earliest()
            .unwrap_or(*sample);
        return format!("{}, {}", day_label(call.start.date()), time_label(&at));
    };
    let mut text = format!("{}, {time}", pattern(rule, call.start.date()));
    match rule.end {
        End::Never => {}
        End::Until(d) => text.push_str(&format!(", until {}", long_date(d))),
        End::UntilLocal(t) => text.push_str(&format!(", until {}", long_date(t.date()))),
        End::UntilUtc(t) => text.push_str(&format!(
            ", until {}",
            long_date(t.and_utc().with_timezone(&call.timezone).date_naive())
        )),
        End::Count(1) => text.push_str(&format!(", once, on {}", long_date(call.start.date()))),
        End::Count(n) => text.push_str(&format!(
            ", {n} times from {}",
            long_date(call.start.date())
        )),
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_datetime;

    fn rule(text: &str, start: &str) -> Rule {
        crate::recurrence::parse(text, parse_datetime(start).unwrap()).unwrap()
    }

    #[test]
    fn patterns_read_naturally() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 8).unwrap();
        for (r, start, words) in [
            ("weekly", "2026-01-06 21:00", "Every Tuesday"),
            ("biweekly", "2026-01-08 19:00", "Every other Thursday"),
            (
                "monthly",
                "2026-01-08 21:00",
                "Second Thursday of every month",
            ),
            ("monthly", "2026-01-30 21:00", "Last Friday of every month"),
            (
                "FREQ=MONTHLY;BYDAY=1WE,3WE",
                "2026-02-04 20:00",
                "First and third Wednesday of every month",
            ),
            (
                "FREQ=WEEKLY;BYDAY=MO,TH;INTERVAL=3",
                "2026-01-05 20:00",
                "Every 3 weeks on Monday and Thursday",
            ),
            (
                "FREQ=MONTHLY;BYMONTHDAY=-1",
                "2026-01-31 20:00",
                "The last day of every month",
            ),
            (
                "FREQ=YEARLY;BYMONTH=5;BYDAY=1FR",
                "2026-05-01 20:00",
                "First Friday of every year, in May",
            ),
        ] {
            assert_eq!(pattern(&rule(r, start), d), words, "{r}");
        }
    }

    #[test]
    fn times_show_the_zone_abbreviation() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let t = tz.with_ymd_and_hms(2026, 11, 3, 21, 0, 0).unwrap();
        assert_eq!(time_label(&t), "9:00 PM EST");
        assert_eq!(day_label(t.date_naive()), "Tuesday 3 November 2026");
    }
}
