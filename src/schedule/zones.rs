//! Wall times placed on the time line of a zone.
//!
//! Wall times that do not exist or exist twice follow RFC 5545 §3.3.5, as
//! calendar clients do: a time in a spring-forward gap is read with the
//! offset in force before the gap (2:30 AM becomes 3:30 AM daylight time),
//! and a time repeated at fall-back means its first instance (daylight time).

use chrono::{DateTime, Duration, NaiveDateTime, Offset as _, TimeZone, Utc};
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
