//! ISO weeks as announcements count them: Monday to Sunday in the site's
//! zone, written `2026-W49`.

use crate::schedule::resolve;
use chrono::{DateTime, Datelike, Duration, IsoWeek, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;

/// How many weeks before the coming one keep their announcement page and
/// Atom entry.
const KEPT_WEEKS: i64 = 7;

/// Reads `2026-W49` (or `2026-w49`).
pub fn parse_week(text: &str) -> Result<IsoWeek, String> {
    let bad = || format!("`{text}` is not an ISO week: write it like 2026-W49");
    let (year, week) = text.trim().split_once(['W', 'w']).ok_or_else(bad)?;
    let year: i32 = year
        .strip_suffix('-')
        .unwrap_or(year)
        .parse()
        .map_err(|_| bad())?;
    let week: u32 = week.parse().map_err(|_| bad())?;
    NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
        .filter(|_| (1970..=2999).contains(&year))
        .map(|d| d.iso_week())
        .ok_or_else(|| format!("{year} has no week {week}: ISO years have 52 or 53 weeks"))
}

/// `2026-W49`.
pub fn week_label(week: IsoWeek) -> String {
    format!("{}-W{:02}", week.year(), week.week())
}

/// The Monday of `week`.
pub fn monday(week: IsoWeek) -> NaiveDate {
    NaiveDate::from_isoywd_opt(week.year(), week.week(), Weekday::Mon).unwrap_or_default()
}

/// The week an announcement sent now is about: the one starting next
/// Monday in `zone` (on a Monday, the one a week away), since the list
/// mails it before the week begins.
pub fn coming_week(now: DateTime<Utc>, zone: Tz) -> IsoWeek {
    let today = now.with_timezone(&zone).date_naive();
    let ahead = 7 - i64::from(today.weekday().num_days_from_monday());
    (today + Duration::days(ahead)).iso_week()
}

/// The weeks that have an announcement page: the coming week and the
/// seven before it, oldest first.
pub fn published_weeks(now: DateTime<Utc>, zone: Tz) -> Vec<IsoWeek> {
    let coming = monday(coming_week(now, zone));
    (0..=KEPT_WEEKS)
        .rev()
        .map(|n| (coming - Duration::weeks(n)).iso_week())
        .collect()
}

/// The instants the week runs between: Monday 00:00 to the next Monday
/// 00:00 in `zone`.
pub fn bounds(week: IsoWeek, zone: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = monday(week);
    let at = |d: NaiveDate| {
        resolve(zone, d.and_time(chrono::NaiveTime::MIN))
            .0
            .with_timezone(&Utc)
    };
    (at(start), at(start + Duration::days(7)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_are_read_written_and_counted_from_monday() {
        let w = parse_week("2026-W49").unwrap();
        assert_eq!(week_label(w), "2026-W49");
        assert_eq!(monday(w), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert_eq!(week_label(parse_week("2026w01").unwrap()), "2026-W01");
        for bad in ["2026-49", "2026-W54", "W49", "2026-W", "x-W1"] {
            assert!(parse_week(bad).is_err(), "{bad}");
        }
        let ny: Tz = "America/New_York".parse().unwrap();
        // Wednesday 2 December: the coming week starts on 7 December.
        let wed = "2026-12-02T15:00:00Z".parse().unwrap();
        assert_eq!(week_label(coming_week(wed, ny)), "2026-W50");
        // Monday 30 November 02:00 UTC is still Sunday evening in New York.
        let sun = "2026-11-30T02:00:00Z".parse().unwrap();
        assert_eq!(week_label(coming_week(sun, ny)), "2026-W49");
        let weeks = published_weeks(wed, ny);
        assert_eq!(weeks.len(), 8);
        assert_eq!(week_label(weeks[0]), "2026-W43");
        let (from, to) = bounds(w, ny);
        assert_eq!(from.to_rfc3339(), "2026-11-30T05:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2026-12-07T05:00:00+00:00");
    }
}
