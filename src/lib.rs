//! callsite: a static-site generator for a network of volunteer-run public
//! conference calls. The pipeline is load → model → schedule → render →
//! write; see DESIGN.md.

pub mod content;
pub mod diagnostics;
pub mod import;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod recurrence;
pub mod render;
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
    /// Where `build` writes; default `ROOT/output`.
    pub output: Option<PathBuf>,
    /// Overrides site.yaml's `base_url` (deploy previews).
    pub base_url: Option<String>,
    /// Replace an output folder callsite did not write.
    pub force: bool,
}

impl BuildOptions {
    /// Options for the site at `root` as of `now`, everything else default.
    pub fn new(root: impl Into<PathBuf>, now: DateTime<Utc>) -> Self {
        BuildOptions {
            root: root.into(),
            now,
            drafts: false,
            output: None,
            base_url: None,
            force: false,
        }
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("output"))
    }
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

impl From<output::WriteError> for Error {
    fn from(e: output::WriteError) -> Self {
        Error::Io {
            path: e.path,
            message: e.message,
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

/// The outcome of `build`.
#[derive(Debug)]
pub struct BuildReport {
    /// Every problem found; with an error among them nothing was written.
    pub diagnostics: Vec<Diagnostic>,
    /// Files written (pages, feeds and static files).
    pub files: usize,
    /// HTML pages among them.
    pub pages: usize,
    pub calls: usize,
    pub minutes: usize,
    pub output: PathBuf,
    /// Whether the output folder was replaced.
    pub written: bool,
}

/// Builds the site into its output folder. Content and template errors come
/// back in the report (and nothing is written); usage and I/O problems as
/// `Err`.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Error> {
    let output = output::check_target(&opts.root, &opts.output_dir(), opts.force)?;
    let report = check(opts)?;
    let mut build = BuildReport {
        diagnostics: report.diagnostics,
        files: 0,
        pages: 0,
        calls: 0,
        minutes: 0,
        output,
        written: false,
    };
    let failed = |b: &BuildReport| b.diagnostics.iter().any(|d| d.severity == Severity::Error);
    let Some(site) = report.site.filter(|_| !failed(&build)) else {
        return Ok(build);
    };
    let base_url = resolve_base_url(opts.base_url.as_deref().unwrap_or(&site.config.base_url))?;
    let theme = match render::theme::Theme::load(&opts.root, &site.config.theme) {
        Ok(t) => t,
        Err(diags) => {
            build.diagnostics.extend(diags);
            return Ok(build);
        }
    };
    let render_opts = render::pages::RenderOptions {
        now: opts.now,
        base_url,
    };
    let files = match render::pages::render_site(&site, &theme, &render_opts) {
        Ok(f) => f,
        Err(diags) => {
            build.diagnostics.extend(diags);
            diagnostics::sort(&mut build.diagnostics);
            return Ok(build);
        }
    };
    output::write(&build.output, &files)?;
    build.files = files.len();
    build.pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    build.calls = site.calls.len();
    build.minutes = site.minutes.len();
    build.written = true;
    Ok(build)
}

/// An absolute http(s) URL ending in `/`.
pub fn resolve_base_url(url: &str) -> Result<String, Error> {
    let url = url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(Error::Usage(format!(
            "base URL `{url}` must be absolute, like https://example.org/"
        )));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}
