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
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
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

use chrono::Offset as _;

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

/// Every occurrence of `call` that starts, or would have started before a
/// move, in `[from, to)`. Cancellations, moves and a cancelled series are
/// applied; the list is in order of start.
pub fn occurrences(call: &Call, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Occurrence> {
    let tz = call.timezone;
    let length = Duration::minutes(i64::from(call.duration_minutes));
    // Wall times run up to 14 hours ahead of UTC; moves may shift by days.
    let last_local = to.naive_utc() + Duration::days(30);
    let mut out = Vec::new();
    for original in series(call).take_while(|t| *t < last_local) {
        let moved = call.moved.iter().find(|m| m.from == original.date());
        let cancelled = call.status == CallStatus::Cancelled
            || call.cancelled.iter().any(|(d, _)| *d == original.date());
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
        let moved = call.moved.iter().find(|m| m.from == original.date());
        let cancelled = call.status == CallStatus::Cancelled
            || call.cancelled.iter().any(|(d, _)| *d == original.date());
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
