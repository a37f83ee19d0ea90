//! `callsite import FILE.ics`: a calendar export (Google Calendar,
//! Outlook/Exchange, Apple Calendar, Thunderbird, Nextcloud, or our own
//! feed) turned into call records, so a network can move its calendar onto
//! callsite without retyping it.
//!
//! Every property that decides when meetings happen is either carried
//! exactly or the event is reported by name, line and property: an import
//! never publishes different meetings without saying so. Each event is
//! checked with callsite's own schedule engine against an RFC 5545
//! expansion of the original before it is written (see `rules`).

mod contacts;
mod convert;
mod dates;
mod draft;
mod event;
pub(crate) mod expand;
mod fields;
mod frame;
mod overrides;
mod parse;
mod report;
mod rules;
mod values;
mod write;
mod xwr;
mod zones;

pub use parse::unescape_text;
pub use report::{Level, Notice};

use chrono_tz::Tz;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What an import did (or, with `dry_run`, would do).
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Files written (or to be written), relative to the site root, with
    /// their text.
    pub files: Vec<(PathBuf, String)>,
    pub notices: Vec<Notice>,
    /// Events in the file, and how many were not imported at all.
    pub events: usize,
    pub refused: usize,
    /// Components that are not events (to-dos, journal entries).
    pub skipped: usize,
}

/// Imports `ics` into `root/content/calls/`, never overwriting a file;
/// with `dry_run` nothing is written. `site_zone` reads floating times.
pub fn import(
    ics: &Path,
    root: &Path,
    site_zone: Tz,
    dry_run: bool,
) -> Result<ImportReport, crate::error::Error> {
    let bytes = std::fs::read(ics).map_err(|e| crate::error::Error::io(ics, e))?;
    let text = String::from_utf8_lossy(&bytes);
    let calendars = parse::parse(&text).map_err(|e| {
        crate::error::Error::refused(
            ics,
            format!(
                "line {}: not a readable iCalendar file: {}\n  = {}",
                e.line, e.message, e.hint
            ),
        )
    })?;
    let converted = convert::convert(&calendars, site_zone);
    let dir = root.join("content/calls");
    let mut taken = BTreeSet::new();
    let mut report = ImportReport {
        notices: converted.notices,
        events: converted.events,
        refused: converted.refused,
        skipped: converted.skipped,
        ..ImportReport::default()
    };
    for draft in converted.drafts {
        let id = write::unique_id(&draft.id_hint, &mut taken, &dir);
        let rel = PathBuf::from("content/calls").join(format!("{id}.md"));
        report.files.push((rel, write::render(&draft, site_zone)));
    }
    if !dry_run {
        std::fs::create_dir_all(&dir).map_err(|e| crate::error::Error::io(&dir, e))?;
        for (rel, text) in &report.files {
            let path = root.join(rel);
            // create_new: never overwrite, even if a file appeared meanwhile.
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(|e| crate::error::Error::io(&path, e))?;
            std::io::Write::write_all(&mut f, text.as_bytes())
                .map_err(|e| crate::error::Error::io(&path, e))?;
        }
    }
    Ok(report)
}
