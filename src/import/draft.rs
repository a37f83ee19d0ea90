//! A call about to be written: one run of meetings of an imported event
//! (a series or a one-off) with its cancellations and moves.

use super::rules::Series;
use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use std::collections::{BTreeMap, BTreeSet};

/// One call record to write.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// A readable id to start from (made unique when written).
    pub id_hint: String,
    pub title: String,
    pub summary: Option<String>,
    pub start: NaiveDateTime,
    pub zone: Option<Tz>,
    pub minutes: u32,
    pub repeat: Option<String>,
    pub until: Option<NaiveDate>,
    pub count: Option<u32>,
    pub cancelled: BTreeSet<NaiveDate>,
    pub moved: BTreeMap<NaiveDate, NaiveDateTime>,
    /// `cancelled` or `requested`.
    pub status: Option<&'static str>,
    pub emergency: bool,
    pub register: Option<String>,
    pub dial_in: Option<String>,
    pub notes_doc: Option<String>,
    pub tags: Vec<String>,
    pub body: String,
    /// YAML comment lines: where the call came from.
    pub origin: Vec<String>,
}

/// A run of meetings of one event while overrides are applied.
#[derive(Debug, Clone)]
pub struct Part {
    pub series: Series,
    pub minutes: u32,
    pub title: String,
    pub cancelled: BTreeSet<NaiveDate>,
    pub moved: BTreeMap<NaiveDate, NaiveDateTime>,
    /// Meetings whose override gives its own length: (seconds, start).
    pub lengths: BTreeMap<NaiveDate, (i64, NaiveDateTime)>,
    /// A one-off whose single meeting was cancelled.
    pub called_off: bool,
    /// A one-off removed by EXDATE: not written.
    pub gone: bool,
    /// Body lines about single meetings (their own titles).
    pub notes: Vec<String>,
    /// Where it comes from, for the file's comment ("RRULE at line 12").
    pub origin: String,
    /// How far its meetings are from the times the rule gave them
    /// (after RANGE=THISANDFUTURE), which later overrides still name.
    pub shift: chrono::Duration,
}

impl Part {
    /// A part for `series`.
    pub fn new(series: Series, minutes: u32, title: &str, origin: String) -> Part {
        Part {
            series,
            minutes,
            title: title.to_string(),
            cancelled: BTreeSet::new(),
            moved: BTreeMap::new(),
            lengths: BTreeMap::new(),
            called_off: false,
            gone: false,
            notes: Vec::new(),
            origin,
            shift: chrono::Duration::zero(),
        }
    }

    /// A one-off meeting.
    pub fn one_off(at: NaiveDateTime, minutes: u32, title: &str, origin: String) -> Part {
        let series = Series {
            start: at,
            repeat: None,
            until: None,
            count: None,
            walls: vec![at],
        };
        Part::new(series, minutes, title, origin)
    }

    /// Whether the part repeats.
    pub fn repeats(&self) -> bool {
        self.series.repeat.is_some()
    }
}
