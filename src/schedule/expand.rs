//! Expanding a call's rule into wall times, in the call's own zone: the
//! series before cancellations and moves.

use crate::content::Call;
use crate::recurrence::{ByDay, End, Freq, Rule};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

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

/// The wall times of [`series`] on or after `from`, without walking the
/// periods before it where the rule allows (an open or UNTIL-bounded
/// rule: a COUNT needs every earlier date counted). A call that has met
/// weekly for a decade would otherwise be walked from its first meeting
/// each time a page or check wants this year's.
pub fn series_from(call: &Call, from: NaiveDate) -> impl Iterator<Item = NaiveDateTime> + '_ {
    let mut it = series(call);
    if let Some(rule) = it.rule
        && !matches!(rule.end, End::Count(_))
        && from > it.start.date()
    {
        // One period of margin: a period's dates never fall before it.
        it.period = period_of(rule, it.start.date(), from).saturating_sub(1);
        // DTSTART, always the first, is before `from`.
        it.emitted = 1;
    }
    it.skip_while(move |t| t.date() < from)
}

/// The index of the period (as [`period_dates`] counts them) that holds
/// `date`.
fn period_of(rule: &Rule, start: NaiveDate, date: NaiveDate) -> u32 {
    let sunday = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_sunday()));
    let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    let units = match rule.freq {
        Freq::Daily => (date - start).num_days(),
        Freq::Weekly => (sunday(date) - sunday(start)).num_days() / 7,
        Freq::Monthly => months(date) - months(start),
        Freq::Yearly => i64::from(date.year() - start.year()),
    };
    u32::try_from(units / i64::from(rule.interval.max(1))).unwrap_or(0)
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
            End::UntilUtc(until) => super::zones::resolve(self.tz, at).0.naive_utc() <= until,
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
            let last = crate::time::days_in_month(date.year(), date.month());
            (last - date.day()) / 7 + 1 == n.unsigned_abs() as u32
        }
    }
}

fn month_day(year: i32, month: u32, n: i8) -> Option<NaiveDate> {
    let last = crate::time::days_in_month(year, month) as i32;
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
