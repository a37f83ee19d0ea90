//! The schedule stage: each call's recurrence expanded, in the call's own
//! IANA zone, into occurrences.
//!
//! This is the one place that knows about zones and rules; the HTML
//! calendar, the feeds and `check` all read from it, so they cannot
//! disagree. Occurrences are computed on local wall time and only then
//! turned into instants, so a weekly 9 PM call stays at 9 PM across
//! daylight-saving changes.
//!
//! Wall times that do not exist or exist twice follow RFC 5545 §3.3.5, as
//! calendar clients do: a time in a spring-forward gap is read with the
//! offset in force before the gap (2:30 AM becomes 3:30 AM daylight time),
//! and a time repeated at fall-back means its first instance (daylight time).

use crate::content::{Call, CallStatus};
use crate::recurrence::{ByDay, End, Freq, Rule};
use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset as _, TimeZone, Utc, Weekday,
};
use chrono_tz::Tz;

/// How a wall time maps onto the time line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    Exact,
    /// The wall time falls in a spring-forward gap; it was read with the
    /// offset before the gap.
    Gap,
    /// The wall time happens twice; the first (earlier) instant was taken.
    Ambiguous,
}

/// Maps a wall time in `tz` to an instant, per RFC 5545.
pub fn resolve(tz: Tz, local: NaiveDateTime) -> (DateTime<Tz>, Resolution) {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => (t, Resolution::Exact),
        chrono::LocalResult::Ambiguous(first, _) => (first, Resolution::Ambiguous),
        chrono::LocalResult::None => {
            // Six hours before any real gap the wall time exists; its offset
            // is the one in force before the gap.
            let before = tz
                .from_local_datetime(&(local - Duration::hours(6)))
                .earliest()
                .map(|t| t.offset().fix())
                .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("zero offset"));
            let utc = local - Duration::seconds(i64::from(before.local_minus_utc()));
            (
                Utc.from_utc_datetime(&utc).with_timezone(&tz),
                Resolution::Gap,
            )
        }
    }
}

/// What became of one occurrence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OccurrenceStatus {
    Scheduled,
    Cancelled,
    Moved,
}

/// One meeting of a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// When it starts (after a move, the new time).
    pub start: DateTime<Tz>,
    pub end: DateTime<Tz>,
    /// The wall time the rule gave it: the RECURRENCE-ID of overrides.
    pub original: NaiveDateTime,
    pub status: OccurrenceStatus,
}

/// The wall times a call's rule produces, in order, from `start`:
/// the series before cancellations and moves. Unbounded for open series, so
/// callers take what they need.
pub fn series(call: &Call) -> SeriesIter<'_> {
    SeriesIter {
        start: call.start,
        tz: call.timezone,
        rule: call.rule.as_ref(),
        period: 0,
        pending: Vec::new(),
        emitted: 0,
        done: false,
        empty_periods: 0,
    }
}

/// Iterator behind [`series`].
pub struct SeriesIter<'a> {
    start: NaiveDateTime,
    tz: Tz,
    rule: Option<&'a Rule>,
    period: u32,
    pending: Vec<NaiveDate>,
    emitted: u32,
    done: bool,
    empty_periods: u32,
}

/// Consecutive periods without a match after which a rule is taken to have
/// no more dates (e.g. BYMONTH=2;BYMONTHDAY=30).
const MAX_EMPTY_PERIODS: u32 = 2_000;

impl Iterator for SeriesIter<'_> {
    type Item = NaiveDateTime;

    fn next(&mut self) -> Option<NaiveDateTime> {
        if self.done {
            return None;
        }
        let Some(rule) = self.rule else {
            self.done = true;
            return Some(self.start);
        };
        if self.emitted == 0 {
            // DTSTART is always the first occurrence (RFC 5545 §3.8.5.3).
            return self.accept(rule, self.start.date());
        }
        loop {
            if let Some(date) = self.pending.pop() {
                if date <= self.start.date() {
                    continue;
                }
                return self.accept(rule, date);
            }
            if self.empty_periods > MAX_EMPTY_PERIODS || self.period > 100_000 {
                self.done = true;
                return None;
            }
            let mut dates = period_dates(rule, self.start.date(), self.period);
            self.period += 1;
            dates.sort_unstable();
            dates.dedup();
            dates.reverse();
            if dates.is_empty() {
                self.empty_periods += 1;
            } else {
                self.empty_periods = 0;
            }
            self.pending = dates;
        }
    }
}

impl SeriesIter<'_> {
    fn accept(&mut self, rule: &Rule, date: NaiveDate) -> Option<NaiveDateTime> {
        let at = date.and_time(self.start.time());
        let within = match rule.end {
            End::Never => true,
            End::Until(until) => date <= until,
            End::UntilLocal(until) => at <= until,
            End::UntilUtc(until) => resolve(self.tz, at).0.naive_utc() <= until,
            End::Count(n) => self.emitted < n,
        };
        if !within {
            self.done = true;
            return None;
        }
        self.emitted += 1;
        Some(at)
    }
}

/// The candidate dates of the `k`-th period (day, week, month or year,
/// counted in steps of INTERVAL from the one holding `start`).
fn period_dates(rule: &Rule, start: NaiveDate, k: u32) -> Vec<NaiveDate> {
    let step = i64::from(k) * i64::from(rule.interval);
    let month_filter =
        |d: &NaiveDate| rule.by_month.is_empty() || rule.by_month.contains(&(d.month() as u8));
    match rule.freq {
        Freq::Daily => {
            let Some(day) = start.checked_add_signed(Duration::days(step)) else {
                return Vec::new();
            };
            let weekday_ok =
                rule.by_day.is_empty() || rule.by_day.iter().any(|b| b.weekday == day.weekday());
            let monthday_ok = rule.by_month_day.is_empty()
                || rule
                    .by_month_day
                    .iter()
                    .any(|m| month_day(day.year(), day.month(), *m) == Some(day));
            if weekday_ok && monthday_ok && month_filter(&day) {
                vec![day]
            } else {
                Vec::new()
            }
        }
        Freq::Weekly => {
            // Weeks start on Sunday (WKST=SU, which the feed states).
            let sunday = start - Duration::days(i64::from(start.weekday().num_days_from_sunday()));
            let Some(week) = sunday.checked_add_signed(Duration::weeks(step)) else {
                return Vec::new();
            };
            rule.by_day
                .iter()
                .map(|b| week + Duration::days(i64::from(b.weekday.num_days_from_sunday())))
                .filter(month_filter)
                .collect()
        }
        Freq::Monthly => {
            let total = i64::from(start.year()) * 12 + i64::from(start.month0()) + step;
            let (year, month) = ((total / 12) as i32, (total % 12) as u32 + 1);
            if !rule.by_month.is_empty() && !rule.by_month.contains(&(month as u8)) {
                return Vec::new();
            }
            month_dates(rule, year, month, start.day())
        }
        Freq::Yearly => {
            let year = start.year() + step as i32;
            let months: Vec<u32> = if rule.by_month.is_empty() {
                vec![start.month()]
            } else {
                rule.by_month.iter().map(|m| u32::from(*m)).collect()
            };
            months
                .into_iter()
                .flat_map(|m| month_dates(rule, year, m, start.day()))
                .collect()
        }
    }
}

/// Dates in one month selected by BYMONTHDAY and BYDAY (both: the days
/// matching both), or `day` when neither is given.
fn month_dates(rule: &Rule, year: i32, month: u32, day: u32) -> Vec<NaiveDate> {
    let by_weekday = |d: &NaiveDate| rule.by_day.iter().any(|b| matches_by_day(b, *d));
    if !rule.by_month_day.is_empty() {
        rule.by_month_day
            .iter()
            .filter_map(|m| month_day(year, month, *m))
            .filter(|d| rule.by_day.is_empty() || by_weekday(d))
            .collect()
    } else if !rule.by_day.is_empty() {
        let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
            return Vec::new();
        };
        first
            .iter_days()
            .take_while(|d| d.month() == month)
            .filter(by_weekday)
            .collect()
    } else {
        NaiveDate::from_ymd_opt(year, month, day)
            .into_iter()
            .collect()
    }
}

/// Whether `date` is the weekday `b` names (the nth of its month, when
/// numbered).
pub fn matches_by_day(b: &ByDay, date: NaiveDate) -> bool {
    if date.weekday() != b.weekday {
        return false;
    }
    match b.nth {
        None => true,
        Some(n) if n > 0 => (date.day() - 1) / 7 + 1 == n as u32,
        Some(n) => {
            let last = crate::load::fields::days_in_month(date.year(), date.month());
            (last - date.day()) / 7 + 1 == n.unsigned_abs() as u32
        }
    }
}

fn month_day(year: i32, month: u32, n: i8) -> Option<NaiveDate> {
    let last = crate::load::fields::days_in_month(year, month) as i32;
    let day = if n > 0 {
        i32::from(n)
    } else {
        last + 1 + i32::from(n)
    };
    if day < 1 || day > last {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day as u32)
}

/// Whether the rule, applied from its own start, produces `start` itself.
/// When it does not, RFC 5545 clients disagree on whether DTSTART counts,
/// so `check` refuses such a call.
pub fn start_matches_rule(call: &Call) -> bool {
    let Some(rule) = &call.rule else {
        return true;
    };
    let date = call.start.date();
    period_dates(rule, date, 0).contains(&date)
}

/// What became of the meeting the rule gives on `date`: its move, if any,
/// and whether it is called off (alone or with the whole series).
pub fn fate(call: &Call, date: NaiveDate) -> (Option<&crate::content::call::Move>, bool) {
    let moved = call.moved.iter().find(|m| m.from == date);
    let cancelled =
        call.status == CallStatus::Cancelled || call.cancelled.iter().any(|(d, _)| *d == date);
    (moved, cancelled)
}

/// Every occurrence of `call` that starts, or would have started before a
/// move, in `[from, to)`. Cancellations, moves and a cancelled series are
/// applied; the list is in order of start.
pub fn occurrences(call: &Call, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Occurrence> {
    let tz = call.timezone;
    let length = Duration::minutes(i64::from(call.duration_minutes));
    // Wall times run up to 14 hours ahead of UTC; a meeting may be moved
    // into the window from further out.
    let last_local = call
        .moved
        .iter()
        .map(|m| m.from.and_time(call.start.time()) + Duration::days(1))
        .fold(to.naive_utc() + Duration::days(30), NaiveDateTime::max);
    // Wall times more than a day before `from` in UTC cannot be in the
    // window: skip them without the costly zone lookup.
    let first_local = from.naive_utc() - Duration::days(2);
    let mut out = Vec::new();
    for original in series(call).take_while(|t| *t < last_local) {
        let (moved, cancelled) = fate(call, original.date());
        if original < first_local && moved.is_none_or(|m| m.to < first_local) {
            continue;
        }
        let local = moved.map_or(original, |m| m.to);
        let start = resolve(tz, local).0;
        let (original_start, _) = resolve(tz, original);
        let in_window = |t: &DateTime<Tz>| {
            let u = t.with_timezone(&Utc);
            u >= from && u < to
        };
        if !in_window(&start) && !in_window(&original_start) {
            continue;
        }
        let status = if cancelled {
            OccurrenceStatus::Cancelled
        } else if moved.is_some() {
            OccurrenceStatus::Moved
        } else {
            OccurrenceStatus::Scheduled
        };
        out.push(Occurrence {
            start,
            end: start + length,
            original,
            status,
        });
    }
    out.sort_by_key(|o| (o.start, o.original));
    out
}

/// The local dates on which `call` meets up to and including `last`, with
/// moves applied (both dates count) and cancelled occurrences marked; for
/// checking that minutes and agendas belong to a real meeting.
pub fn meeting_dates(call: &Call, last: NaiveDate) -> Vec<(NaiveDate, OccurrenceStatus)> {
    let mut out = Vec::new();
    for original in series(call).take_while(|t| t.date() <= last + Duration::days(60)) {
        let (moved, cancelled) = fate(call, original.date());
        match (cancelled, moved) {
            (true, _) => out.push((original.date(), OccurrenceStatus::Cancelled)),
            // Records of a moved meeting may carry either date: the one it
            // was planned for (its identity, like RECURRENCE-ID) or the one
            // it was held on.
            (false, Some(m)) => {
                out.push((m.to.date(), OccurrenceStatus::Moved));
                out.push((original.date(), OccurrenceStatus::Moved));
            }
            (false, None) => out.push((original.date(), OccurrenceStatus::Scheduled)),
        }
    }
    out.sort();
    out
}

/// When the meeting of `call` on the local `date` starts, following a move
/// from or to that date; in constant time, for pages of records that are
/// already known to belong to a meeting.
pub fn meeting_start(call: &Call, date: NaiveDate) -> DateTime<Tz> {
    let local = call
        .moved
        .iter()
        .find(|m| m.from == date || m.to.date() == date)
        .map_or_else(|| date.and_time(call.start.time()), |m| m.to);
    resolve(call.timezone, local).0
}

/// A weekday's English name, for messages.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::fields::parse_datetime;

    fn call(start: &str, zone: &str, repeat: Option<&str>) -> Call {
        let start = parse_datetime(start).unwrap();
        Call {
            id: "c".into(),
            file: "content/calls/c.md".into(),
            title: "C".into(),
            summary: None,
            host: None,
            start,
            timezone: zone.parse().unwrap(),
            duration_minutes: 60,
            rule: repeat.map(|r| crate::recurrence::parse(r, start).unwrap()),
            cancelled: Vec::new(),
            moved: Vec::new(),
            status: CallStatus::Scheduled,
            emergency: false,
            facilitator: None,
            backup_facilitator: None,
            tech: None,
            register: None,
            dial_in: None,
            notes_doc: None,
            list: None,
            minutes_public: true,
            tags: Vec::new(),
            draft: false,
            body: Default::default(),
            at: Default::default(),
        }
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn starts(c: &Call, from: &str, to: &str) -> Vec<String> {
        occurrences(c, utc(from), utc(to))
            .iter()
            .map(|o| o.start.to_rfc3339())
            .collect()
    }

    fn dates(c: &Call, n: usize) -> Vec<String> {
        series(c)
            .take(n)
            .map(|t| t.format("%Y-%m-%d").to_string())
            .collect()
    }

    #[test]
    fn a_weekly_call_keeps_its_wall_time_across_both_dst_changes() {
        let c = call("2026-03-03 21:00", "America/New_York", Some("weekly"));
        assert_eq!(
            starts(&c, "2026-03-01T00:00:00Z", "2026-03-18T02:00:00Z"),
            [
                "2026-03-03T21:00:00-05:00",
                "2026-03-10T21:00:00-04:00",
                "2026-03-17T21:00:00-04:00"
            ]
        );
        assert_eq!(
            starts(&c, "2026-10-26T00:00:00Z", "2026-11-11T03:00:00Z"),
            [
                "2026-10-27T21:00:00-04:00",
                "2026-11-03T21:00:00-05:00",
                "2026-11-10T21:00:00-05:00"
            ]
        );
    }

    #[test]
    fn biweekly_in_berlin() {
        let c = call("2026-03-07 18:00", "Europe/Berlin", Some("biweekly"));
        assert_eq!(
            starts(&c, "2026-03-01T00:00:00Z", "2026-04-10T00:00:00Z"),
            [
                "2026-03-07T18:00:00+01:00",
                "2026-03-21T18:00:00+01:00",
                "2026-04-04T18:00:00+02:00"
            ]
        );
    }

    #[test]
    fn monthly_is_the_same_nth_weekday_or_the_last_one() {
        let second_thursday = call("2026-01-08 21:00", "America/New_York", Some("monthly"));
        assert_eq!(
            dates(&second_thursday, 4),
            ["2026-01-08", "2026-02-12", "2026-03-12", "2026-04-09"]
        );
        let last_friday = call("2026-01-30 12:00", "America/New_York", Some("monthly"));
        assert_eq!(
            dates(&last_friday, 4),
            ["2026-01-30", "2026-02-27", "2026-03-27", "2026-04-24"]
        );
    }

    #[test]
    fn rrules_with_ordinal_weekdays_month_days_and_months() {
        let c = call(
            "2026-02-04 20:00",
            "America/New_York",
            Some("FREQ=MONTHLY;BYDAY=1WE,3WE;COUNT=5"),
        );
        assert_eq!(
            dates(&c, 9),
            [
                "2026-02-04",
                "2026-02-18",
                "2026-03-04",
                "2026-03-18",
                "2026-04-01"
            ]
        );
        let c = call(
            "2026-01-30 12:00",
            "UTC",
            Some("FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=2"),
        );
        assert_eq!(dates(&c, 3), ["2026-01-30", "2026-03-27", "2026-05-29"]);
        let c = call(
            "2026-01-31 12:00",
            "UTC",
            Some("FREQ=MONTHLY;BYMONTHDAY=-1"),
        );
        assert_eq!(dates(&c, 3), ["2026-01-31", "2026-02-28", "2026-03-31"]);
        let c = call(
            "2026-05-01 12:00",
            "UTC",
            Some("FREQ=YEARLY;BYMONTH=5,11;BYDAY=1FR"),
        );
        assert_eq!(dates(&c, 3), ["2026-05-01", "2026-11-06", "2027-05-07"]);
        let c = call(
            "2026-01-05 12:00",
            "UTC",
            Some("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"),
        );
        assert_eq!(
            dates(&c, 4),
            ["2026-01-05", "2026-01-08", "2026-01-19", "2026-01-22"]
        );
        let c = call("2026-01-05 12:00", "UTC", Some("FREQ=DAILY;BYDAY=MO,WE,FR"));
        assert_eq!(
            dates(&c, 4),
            ["2026-01-05", "2026-01-07", "2026-01-09", "2026-01-12"]
        );
    }

    #[test]
    fn an_impossible_rule_ends_instead_of_spinning() {
        let c = call(
            "2026-01-30 12:00",
            "UTC",
            Some("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),
        );
        assert_eq!(dates(&c, 5), ["2026-01-30"]);
    }

    #[test]
    fn until_is_inclusive_of_its_local_day_and_count_includes_the_first() {
        let mut c = call("2026-01-07 21:00", "America/New_York", Some("weekly"));
        c.rule.as_mut().unwrap().end =
            End::Until(chrono::NaiveDate::from_ymd_opt(2026, 1, 21).unwrap());
        assert_eq!(dates(&c, 10), ["2026-01-07", "2026-01-14", "2026-01-21"]);
        c.rule.as_mut().unwrap().end = End::Count(2);
        assert_eq!(dates(&c, 10), ["2026-01-07", "2026-01-14"]);
    }

    #[test]
    fn the_sample_series_end_where_their_pages_say() {
        let mut europe = call("2026-03-07 18:00", "Europe/Berlin", Some("weekly"));
        europe.rule.as_mut().unwrap().end = End::Count(52);
        assert_eq!(
            series(&europe).last().unwrap().date().to_string(),
            "2027-02-27"
        );
        let mut coc = call("2026-01-08 21:00", "America/New_York", Some("monthly"));
        coc.rule.as_mut().unwrap().end = End::Count(24);
        assert_eq!(
            series(&coc).last().unwrap().date().to_string(),
            "2027-12-09"
        );
    }

    #[test]
    fn cancellations_and_moves_are_applied_and_marked() {
        let mut c = call(
            "2026-02-04 20:00",
            "America/New_York",
            Some("FREQ=MONTHLY;BYDAY=1WE,3WE"),
        );
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        c.cancelled.push((day("2026-12-16"), Default::default()));
        c.moved.push(crate::content::call::Move {
            from: day("2026-12-02"),
            to: parse_datetime("2026-12-03 20:00").unwrap(),
            pos: Default::default(),
        });
        let occ = occurrences(&c, utc("2026-12-01T00:00:00Z"), utc("2027-01-10T00:00:00Z"));
        let seen: Vec<(String, OccurrenceStatus, String)> = occ
            .iter()
            .map(|o| (o.start.to_rfc3339(), o.status, o.original.to_string()))
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "2026-12-03T20:00:00-05:00".into(),
                    OccurrenceStatus::Moved,
                    "2026-12-02 20:00:00".into()
                ),
                (
                    "2026-12-16T20:00:00-05:00".into(),
                    OccurrenceStatus::Cancelled,
                    "2026-12-16 20:00:00".into()
                ),
                (
                    "2027-01-06T20:00:00-05:00".into(),
                    OccurrenceStatus::Scheduled,
                    "2027-01-06 20:00:00".into()
                ),
            ]
        );
        c.status = CallStatus::Cancelled;
        let occ = occurrences(&c, utc("2027-01-01T00:00:00Z"), utc("2027-02-01T00:00:00Z"));
        assert!(occ.iter().all(|o| o.status == OccurrenceStatus::Cancelled) && occ.len() == 2);
    }

    #[test]
    fn occurrences_in_a_gap_or_overlap_follow_rfc_5545() {
        // 02:30 daily: on 2026-03-08 New York skips 02:00–03:00.
        let c = call("2026-03-07 02:30", "America/New_York", Some("daily"));
        assert_eq!(
            starts(&c, "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z"),
            [
                "2026-03-07T02:30:00-05:00",
                "2026-03-08T03:30:00-04:00",
                "2026-03-09T02:30:00-04:00"
            ]
        );
        // 01:30 on 2026-11-01 happens twice; the first (EDT) is meant.
        let c = call("2026-10-31 01:30", "America/New_York", Some("daily"));
        assert_eq!(
            starts(&c, "2026-10-31T00:00:00Z", "2026-11-02T12:00:00Z"),
            [
                "2026-10-31T01:30:00-04:00",
                "2026-11-01T01:30:00-04:00",
                "2026-11-02T01:30:00-05:00"
            ]
        );
    }

    #[test]
    fn a_one_off_call_is_one_occurrence() {
        let c = call("2026-12-01 20:00", "America/New_York", None);
        assert_eq!(dates(&c, 5), ["2026-12-01"]);
        assert_eq!(
            starts(&c, "2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z"),
            ["2026-12-01T20:00:00-05:00"]
        );
    }

    #[test]
    fn until_in_utc_excludes_a_later_local_meeting() {
        // 23 November 21:00 EST is 02:00 UTC on the 24th, after UNTIL.
        let c = call(
            "2026-11-09 21:00",
            "America/New_York",
            Some("FREQ=WEEKLY;UNTIL=20261124T010000Z"),
        );
        assert_eq!(dates(&c, 9), ["2026-11-09", "2026-11-16"]);
    }

    #[test]
    fn a_meeting_moved_in_from_beyond_the_window_is_in_it() {
        let mut c = call("2026-01-05 21:00", "America/New_York", Some("weekly"));
        c.moved.push(crate::content::call::Move {
            from: chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
            to: parse_datetime("2026-12-10 21:00").unwrap(),
            pos: Default::default(),
        });
        let occ = occurrences(&c, utc("2026-12-10T00:00:00Z"), utc("2026-12-12T00:00:00Z"));
        assert_eq!(occ.len(), 1, "{occ:?}");
        assert_eq!(occ[0].status, OccurrenceStatus::Moved);
    }
}
