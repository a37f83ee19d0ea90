//! `content/minutes/*.md` and `content/agendas/*.md`: what a call will
//! discuss and what it decided.

use super::Body;
use crate::front_matter::fields::{FieldPositions, Fields};
use chrono::NaiveDate;

/// Minutes or an agenda; they share their shape and their checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Minutes,
    Agenda,
}

impl RecordKind {
    /// "minutes" or "agenda", as sentences use it.
    pub fn noun(self) -> &'static str {
        match self {
            RecordKind::Minutes => "minutes",
            RecordKind::Agenda => "agenda",
        }
    }
}

/// One call's minutes or agenda for one date.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub kind: RecordKind,
    pub file: String,
    pub call: String,
    pub date: NaiveDate,
    pub title: Option<String>,
    pub recording: Option<String>,
    pub attendance: Option<u32>,
    pub decisions: Vec<String>,
    /// Set in the file; the call's `minutes_public: false` withholds too
    /// (see `model`).
    pub withheld: bool,
    /// Addresses or numbers of people who agreed to have them published
    /// in this file.
    pub public_contacts: Vec<String>,
    pub body: Body,
    pub at: FieldPositions,
}

/// The fields of minutes.
pub const MINUTES_FIELDS: &[&str] = &[
    "call",
    "date",
    "title",
    "recording",
    "attendance",
    "decisions",
    "withheld",
    "public_contacts",
];
/// The fields of an agenda.
pub const AGENDA_FIELDS: &[&str] = &["call", "date", "title", "public_contacts"];

/// Reads minutes or an agenda.
pub fn read(f: &mut Fields, kind: RecordKind, body: Body) -> Option<Record> {
    let call = f.required_text("call", "occupy-caravan");
    let date = f.date("date");
    if date.is_none() && !f.has("date") {
        f.missing("date", "2026-03-14");
    }
    if let Some(c) = &call
        && !super::is_valid_id(c)
    {
        let at = f.at("call");
        f.error(
            at,
            format!("`{c}` is not a call id"),
            format!(
                "use the call's file name without .md, like `call: {}`",
                super::slugify(c)
            ),
        );
    }
    let minutes = kind == RecordKind::Minutes;
    Some(Record {
        kind,
        file: f.file().to_string(),
        title: f.text("title"),
        recording: if minutes {
            f.url("recording", false)
        } else {
            None
        },
        attendance: if minutes {
            f.count("attendance", 45)
        } else {
            None
        },
        decisions: if minutes {
            f.text_list("decisions")
        } else {
            Vec::new()
        },
        withheld: minutes && f.switch("withheld", false, true),
        public_contacts: f.text_list("public_contacts"),
        at: f.positions(),
        call: call?,
        date: date?,
        body,
    })
}
