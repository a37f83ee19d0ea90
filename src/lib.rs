//! callsite: a static-site generator for a network of volunteer-run public
//! conference calls. The pipeline is load → model → schedule → render →
//! write; see DESIGN.md.

pub mod content;
pub mod diagnostics;
pub mod load;
pub mod model;
pub mod recurrence;
pub mod schedule;

use chrono::{DateTime, Utc};
use diagnostics::{Diagnostic, Severity};
use std::path::PathBuf;

/// What every command needs to know about a run, passed as one value
/// instead of a growing list of arguments.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The site folder, holding `content/`.
    pub root: PathBuf,
    /// "Now": decides upcoming versus past and the calendar horizon.
    pub now: DateTime<Utc>,
    /// Include `draft: true` calls and pages.
    pub drafts: bool,
}

/// Errors that stop a command before content can be judged (exit 2).
#[derive(Debug)]
pub enum Error {
    /// A bad command-line value.
    Usage(String),
    /// A file system problem, with the path involved.
    Io { path: PathBuf, message: String },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Usage(m) => f.write_str(m),
            Error::Io { path, message } => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl From<load::LoadError> for Error {
    fn from(e: load::LoadError) -> Self {
        Error::Io {
            path: e.path,
            message: e.message,
        }
    }
}

/// The outcome of `check`: every diagnostic, sorted, and what was read.
#[derive(Debug)]
pub struct CheckReport {
    pub diagnostics: Vec<Diagnostic>,
    pub site: Option<model::Site>,
}

impl CheckReport {
    /// Whether any error was found.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Whether any warning was found.
    pub fn has_warnings(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning)
    }
}

/// Loads and validates the whole site, rendering nothing.
pub fn check(opts: &BuildOptions) -> Result<CheckReport, Error> {
    let sources = load::load(&opts.root)?;
    let mut diagnostics = Vec::new();
    let site = model::build(
        sources,
        model::ModelOptions {
            now: opts.now,
            drafts: opts.drafts,
        },
        &mut diagnostics,
    );
    diagnostics::sort(&mut diagnostics);
    diagnostics.dedup();
    Ok(CheckReport { diagnostics, site })
}

/// Reads `--now` (`YYYY-MM-DD` or RFC 3339); without it
/// `SOURCE_DATE_EPOCH`, else the clock. A date means its midnight in UTC.
pub fn resolve_now(
    flag: Option<&str>,
    source_date_epoch: Option<&str>,
) -> Result<DateTime<Utc>, Error> {
    if let Some(text) = flag {
        if let Ok(t) = DateTime::parse_from_rfc3339(text) {
            return Ok(t.with_timezone(&Utc));
        }
        if let Ok(d) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Ok(d.and_time(chrono::NaiveTime::MIN).and_utc());
        }
        return Err(Error::Usage(format!(
            "--now {text}: use YYYY-MM-DD or an RFC 3339 time like 2026-11-24T18:00:00Z"
        )));
    }
    if let Some(epoch) = source_date_epoch.filter(|s| !s.is_empty()) {
        let secs: i64 = epoch.trim().parse().map_err(|_| {
            Error::Usage(format!(
                "SOURCE_DATE_EPOCH={epoch} is not a number of seconds"
            ))
        })?;
        return DateTime::from_timestamp(secs, 0)
            .ok_or_else(|| Error::Usage(format!("SOURCE_DATE_EPOCH={epoch} is out of range")));
    }
    Ok(Utc::now())
}
