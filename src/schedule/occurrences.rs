//! Occurrences: wall times placed on the time line per RFC 5545, with the
//! call's cancellations and moves applied.

use super::expand::{series, series_from};
use super::zones::resolve;
use crate::content::{Call, CallStatus};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

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
    for original in series_held_from(call, first_local.date()).take_while(|t| *t < last_local) {
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

/// The series from the first meeting that may be held on or after `date`:
/// from `date`, or from an earlier meeting that was moved.
pub fn series_held_from(call: &Call, date: NaiveDate) -> impl Iterator<Item = NaiveDateTime> + '_ {
    let moved_from = call.moved.iter().map(|m| m.from);
    series_from(call, moved_from.fold(date, NaiveDate::min))
}

/// One meeting of a call, with its identity: the date the rule gave it.
/// A moved meeting keeps that identity (like RECURRENCE-ID) and is held on
/// another day; records may carry either date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    /// The date the rule gave it: its identity.
    pub original: NaiveDate,
    /// The local date it is held on (after a move).
    pub held: NaiveDate,
    /// When it starts (after a move).
    pub start: DateTime<Tz>,
    pub status: OccurrenceStatus,
}

impl Meeting {
    /// Whether a record dated `date` belongs to this meeting.
    pub fn is_on(&self, date: NaiveDate) -> bool {
        self.original == date || self.held == date
    }

    /// Whether it was moved to another time.
    pub fn moved(&self) -> bool {
        self.status == OccurrenceStatus::Moved
    }
}

/// Every meeting of `call` whose date (either of a moved meeting's) is at
/// most `last` and a little beyond, in order of identity; for checking that
/// records belong to a real meeting and for picking one.
pub fn meetings(call: &Call, last: NaiveDate) -> Vec<Meeting> {
    series(call)
        .take_while(|t| t.date() <= last + Duration::days(60))
        .map(|original| meeting(call, original))
        .collect()
}

/// The meetings of `call` that records dated `dates` (sorted) may belong
/// to: those with either of their dates among them, as [`meetings`] lists
/// them. A call that has met weekly for a decade has hundreds of meetings
/// and a few records: each of theirs is looked up from its own date, not
/// reached by walking every meeting since the first.
pub fn meetings_on(call: &Call, dates: &[NaiveDate]) -> Vec<Meeting> {
    let Some(&last) = dates.last() else {
        return Vec::new();
    };
    let listed = |d: NaiveDate| dates.binary_search(&d).is_ok();
    // A record's date is its meeting's own, or the day one was moved to.
    let moved_here = call.moved.iter().filter(|m| listed(m.to.date()));
    let mut originals: Vec<NaiveDate> = dates
        .iter()
        .copied()
        .chain(moved_here.map(|m| m.from))
        .filter(|d| *d <= last + Duration::days(60))
        .collect();
    originals.sort_unstable();
    originals.dedup();
    originals
        .into_iter()
        .filter_map(|d| series_from(call, d).next().filter(|t| t.date() == d))
        .map(|original| meeting(call, original))
        .filter(|m| listed(m.original) || listed(m.held))
        .collect()
}

/// The meeting the rule gives at `original`, after its call's moves and
/// cancellations.
fn meeting(call: &Call, original: NaiveDateTime) -> Meeting {
    let (moved, cancelled) = fate(call, original.date());
    let local = moved.map_or(original, |m| m.to);
    Meeting {
        original: original.date(),
        held: local.date(),
        start: resolve(call.timezone, local).0,
        status: if cancelled {
            OccurrenceStatus::Cancelled
        } else if moved.is_some() {
            OccurrenceStatus::Moved
        } else {
            OccurrenceStatus::Scheduled
        },
    }
}

/// The meeting a record dated `date` belongs to, if any: the meeting the
/// rule gave that day, or one moved to it.
pub fn meeting_on(meetings: &[Meeting], date: NaiveDate) -> Option<&Meeting> {
    meetings
        .iter()
        .find(|m| m.original == date)
        .or_else(|| meetings.iter().find(|m| m.held == date))
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
