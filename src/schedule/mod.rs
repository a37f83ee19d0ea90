//! The schedule stage: each call's recurrence expanded, in the call's own
//! IANA zone, into occurrences, and the [`Calendar`] every later stage
//! reads.
//!
//! This is the one place that knows about zones and rules; the HTML
//! calendar, the feeds and `check` all read one `Calendar`, so they cannot
//! disagree. Occurrences are computed on local wall time and only then
//! turned into instants, so a weekly 9 PM call stays at 9 PM across
//! daylight-saving changes.

#[cfg(test)]
mod calendar_tests;
mod expand;
mod occurrences;
#[cfg(test)]
mod tests;
mod zones;

pub use expand::{SeriesIter, matches_by_day, series, series_from, start_matches_rule};
pub use occurrences::{
    Meeting, Occurrence, OccurrenceStatus, fate, meeting_on, meeting_start, meetings, meetings_on,
    occurrences, series_held_from,
};
pub use zones::{Resolution, resolve};

use crate::content::{Call, CallStatus};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// How far back the calendar reaches, for the past meetings a call page
/// lists.
const LOOK_BACK_DAYS: i64 = 366;

/// The calendar of a site: every call's occurrences in the window from a
/// year before now to the horizon, the months with meetings, and the span
/// of time each zone must describe in the feeds.
#[derive(Debug)]
pub struct Calendar {
    pub now: DateTime<Utc>,
    /// Where the window starts: meetings before it are not expanded.
    pub from: DateTime<Utc>,
    /// How far ahead recurring calls are expanded.
    pub horizon: DateTime<Utc>,
    /// Per call, in the order of the site's calls: its occurrences in the
    /// window, in order of start.
    occurrences: Vec<Vec<Occurrence>>,
    /// Every occurrence as (call position, index in its call's list), in
    /// order of start with the call id breaking ties: sorted once, so that
    /// each page reads a range instead of sorting all of them again.
    timeline: Vec<(DateTime<Utc>, usize, usize)>,
    /// The longest meeting in the window: how far before now a meeting
    /// still under way can have started.
    longest: Duration,
    /// Months with meetings in the window, in order.
    pub months: Vec<(i32, u32)>,
    /// Per zone name: the zone and the instants its VTIMEZONE must cover,
    /// from the zone's earliest call to the horizon or a later move.
    pub zones: BTreeMap<String, ZoneSpan>,
}

/// The span of time a zone's description must cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZoneSpan {
    pub zone: Tz,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl Calendar {
    /// Expands `calls` (in parallel) as of `now`, `horizon_days` ahead.
    pub fn build(calls: &[Call], now: DateTime<Utc>, horizon_days: u32) -> Calendar {
        let horizon = now + Duration::days(i64::from(horizon_days));
        let window_start = now - Duration::days(LOOK_BACK_DAYS);
        let occurrences: Vec<Vec<Occurrence>> = calls
            .par_iter()
            .map(|c| {
                let all = occurrences(c, window_start, horizon);
                if c.status == CallStatus::Cancelled {
                    once(all, now)
                } else {
                    all
                }
            })
            .collect();
        // Made in one allocation and sorted on both threads: it was most
        // of the serial time between the model and the pages.
        let mut timeline: Vec<(DateTime<Utc>, usize, usize)> =
            Vec::with_capacity(occurrences.iter().map(Vec::len).sum());
        for (i, occs) in occurrences.iter().enumerate() {
            let starts = occs.iter().enumerate();
            timeline.extend(starts.map(|(k, o)| (o.start.with_timezone(&Utc), i, k)));
        }
        // Same instant: the call id decides, never the order of calls
        // (the position last, for ids written twice: no two entries are
        // equal, so an unstable sort is deterministic).
        timeline.par_sort_unstable_by(|a, b| {
            (a.0, &calls[a.1].id, a.2, a.1).cmp(&(b.0, &calls[b.1].id, b.2, b.1))
        });
        let months: BTreeSet<(i32, u32)> = occurrences
            .iter()
            .flatten()
            .map(|o| (o.start.year(), o.start.month()))
            .collect();
        let months: Vec<(i32, u32)> = months.into_iter().collect();
        let longest = occurrences
            .iter()
            .flatten()
            .map(|o| o.end - o.start)
            .max()
            .unwrap_or_default();
        Calendar {
            now,
            from: window_start,
            horizon,
            occurrences,
            timeline,
            longest,
            months,
            zones: zone_spans(calls, horizon),
        }
    }

    /// The occurrences of the call at `position` in the site's calls.
    pub fn of(&self, position: usize) -> &[Occurrence] {
        self.occurrences.get(position).map_or(&[], Vec::as_slice)
    }

    /// Where `o` is among the occurrences of the call at `position`, when
    /// it is one of them (not a copy), so that what is made per meeting can
    /// be kept per meeting.
    /// Found by its address, not by a scan: every list entry asks.
    pub fn index_in_call(&self, position: usize, o: &Occurrence) -> Option<usize> {
        let list = self.of(position);
        let size = std::mem::size_of::<Occurrence>();
        let offset = (o as *const Occurrence as usize).checked_sub(list.as_ptr() as usize)?;
        let index = offset / size;
        (offset % size == 0 && index < list.len()).then_some(index)
    }

    /// The occurrences whose local start (in their call's zone) is in the
    /// month, in order of start: found in the range of the timeline the
    /// month covers with two days either side, as no zone is more than a
    /// day from UTC, rather than by testing every meeting in the window.
    pub fn in_month(&self, year: i32, month: u32) -> Vec<(usize, &Occurrence)> {
        let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
            return Vec::new();
        };
        let next = first + chrono::Months::new(1);
        let margin = Duration::days(2);
        let midnight = |d: NaiveDate| d.and_time(chrono::NaiveTime::MIN).and_utc();
        self.entries(self.span(midnight(first) - margin, midnight(next) + margin))
            .filter(|(_, o)| o.start.year() == year && o.start.month() == month)
            .collect()
    }

    /// Occurrences starting in `[from, to)`, in order: a range of the
    /// timeline, found by binary search.
    pub fn between<'a>(
        &'a self,
        _calls: &'a [Call],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<(usize, &'a Occurrence)> {
        self.entries(self.span(from, to)).collect()
    }

    /// Every call's meetings not over at `now` that start before `to`, in
    /// order. A meeting under way is still ahead, on every page that lists
    /// what is ahead (late joiners look for its link), until it ends.
    pub fn ahead(&self, to: DateTime<Utc>) -> Vec<(usize, &Occurrence)> {
        self.entries(self.span(self.now - self.longest, to))
            .filter(|(_, o)| self.not_over(o))
            .collect()
    }

    /// [`Calendar::ahead`] for some calls only (by position).
    pub fn ahead_of(&self, positions: &[usize], to: DateTime<Utc>) -> Vec<(usize, &Occurrence)> {
        let mut ahead = self.between_of(positions, self.now - self.longest, to);
        ahead.retain(|(_, o)| self.not_over(o));
        ahead
    }

    /// Whether `o` has not ended at `now`.
    pub fn not_over(&self, o: &Occurrence) -> bool {
        o.end.with_timezone(&Utc) > self.now
    }

    /// The part of the timeline starting in `[from, to)`, by binary search.
    fn span(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> &[(DateTime<Utc>, usize, usize)] {
        let first = self.timeline.partition_point(|e| e.0 < from);
        let last = self.timeline.partition_point(|e| e.0 < to);
        &self.timeline[first..last.max(first)]
    }

    /// [`Calendar::between`] for some calls only (by position).
    pub fn between_of<'a>(
        &'a self,
        positions: &[usize],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<(usize, &'a Occurrence)> {
        let in_range = |o: &Occurrence| {
            let at = o.start.with_timezone(&Utc);
            at >= from && at < to
        };
        if let [only] = positions {
            // One call's meetings are already in order.
            return self
                .of(*only)
                .iter()
                .filter(|o| in_range(o))
                .map(|o| (*only, o))
                .collect();
        }
        let mut wanted = vec![false; self.occurrences.len()];
        for p in positions {
            if let Some(w) = wanted.get_mut(*p) {
                *w = true;
            }
        }
        let first = self.timeline.partition_point(|e| e.0 < from);
        let last = self.timeline.partition_point(|e| e.0 < to);
        self.entries(&self.timeline[first..last.max(first)])
            .filter(|(i, _)| wanted[*i])
            .collect()
    }

    fn entries<'a>(
        &'a self,
        slice: &'a [(DateTime<Utc>, usize, usize)],
    ) -> impl Iterator<Item = (usize, &'a Occurrence)> + 'a {
        slice
            .iter()
            .map(|(_, i, k)| (*i, &self.occurrences[*i][*k]))
    }
}

/// A cancelled series shows once, as cancelled, not as a column of
/// crossed-out weeks: its next meeting (or, when none is left, its last).
fn once(all: Vec<Occurrence>, now: DateTime<Utc>) -> Vec<Occurrence> {
    let next = all
        .iter()
        .position(|o| o.start.with_timezone(&Utc) >= now)
        .or(all.len().checked_sub(1));
    next.map(|i| all[i].clone()).into_iter().collect()
}

/// Per zone, the span from its earliest call's start to the horizon (or a
/// meeting moved beyond it).
pub fn zone_spans<'a>(
    calls: impl IntoIterator<Item = &'a Call>,
    horizon: DateTime<Utc>,
) -> BTreeMap<String, ZoneSpan> {
    let mut spans: BTreeMap<String, ZoneSpan> = BTreeMap::new();
    for call in calls {
        let first = resolve(call.timezone, call.start).0.with_timezone(&Utc);
        let last = call
            .moved
            .iter()
            .map(|m| resolve(call.timezone, m.to).0.with_timezone(&Utc))
            .fold(horizon.max(first), DateTime::max);
        let span = spans
            .entry(call.timezone.name().to_string())
            .or_insert(ZoneSpan {
                zone: call.timezone,
                from: first,
                to: last,
            });
        span.from = span.from.min(first);
        span.to = span.to.max(last);
    }
    spans
}
