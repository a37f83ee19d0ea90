//! callsite: a static-site generator for a network of volunteer-run public
//! conference calls. The pipeline is load → model → schedule → render →
//! write; see docs/DESIGN.md.

pub mod content;
pub mod diagnostics;
pub mod import;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod recurrence;
pub mod render;
pub mod scaffold;
pub mod schedule;
pub mod serve;

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

    /// Whether `check` fails: on any error, and with `strict` on any
    /// warning that a change to the content caused. Date-driven warnings
    /// never fail it, so a scheduled rebuild is not stopped by the clock.
    pub fn failed(&self, strict: bool) -> bool {
        self.diagnostics.iter().any(|d| d.fails(strict))
    }
}

/// Loads and validates the whole site, rendering nothing.
pub fn check(opts: &BuildOptions) -> Result<CheckReport, Error> {
    check_with(opts, None)
}

/// What a `serve` session keeps between rebuilds so that an edit costs only
/// what depends on it.
#[derive(Default)]
pub struct Incremental {
    pub load: load::LoadCache,
    pub render: render::cache::RenderCache,
}

fn check_with(opts: &BuildOptions, cache: Option<&load::LoadCache>) -> Result<CheckReport, Error> {
    let sources = load::load_with(&opts.root, cache)?;
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

/// A site rendered in memory: what `build` writes and `serve` serves.
#[derive(Debug)]
pub struct RenderedSite {
    /// Every problem found; with an error among them `files` is empty.
    pub diagnostics: Vec<Diagnostic>,
    pub files: Vec<render::pages::OutputFile>,
    pub calls: usize,
    pub minutes: usize,
}

impl RenderedSite {
    /// Whether the site rendered without errors.
    pub fn ok(&self) -> bool {
        !self
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// HTML pages among the files.
    pub fn pages(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count()
    }
}

/// Loads, checks and renders the site into memory; nothing is written.
/// Content and template errors come back in the result; usage and I/O
/// problems as `Err`.
pub fn render(opts: &BuildOptions) -> Result<RenderedSite, Error> {
    render_with(opts, None)
}

/// [`render`], reusing what an earlier render of the same session did for
/// files that did not change. The result is the same as a fresh render's.
pub fn render_with(
    opts: &BuildOptions,
    cache: Option<&Incremental>,
) -> Result<RenderedSite, Error> {
    let report = check_with(opts, cache.map(|c| &c.load))?;
    let mut out = RenderedSite {
        diagnostics: report.diagnostics,
        files: Vec::new(),
        calls: 0,
        minutes: 0,
    };
    let Some(site) = report.site.filter(|_| out.ok()) else {
        return Ok(out);
    };
    let base_url = resolve_base_url(opts.base_url.as_deref().unwrap_or(&site.config.base_url))?;
    let theme = match render::theme::Theme::load(&opts.root, &site.config.theme) {
        Ok(t) => t,
        Err(diags) => {
            out.diagnostics.extend(diags);
            return Ok(out);
        }
    };
    let render_opts = render::pages::RenderOptions {
        now: opts.now,
        base_url,
        cache: cache.map(|c| &c.render),
    };
    match render::pages::render_site(&site, &theme, &render_opts) {
        Ok(files) => out.files = files,
        Err(diags) => {
            out.diagnostics.extend(diags);
            diagnostics::sort(&mut out.diagnostics);
        }
    }
    out.calls = site.calls.len();
    out.minutes = site.minutes.len();
    Ok(out)
}

/// The outcome of `build`.
#[derive(Debug)]
pub struct BuildReport {
    pub site: RenderedSite,
    pub output: PathBuf,
    /// Whether the output folder was replaced.
    pub written: bool,
}

/// Builds the site into its output folder. With any error in the content
/// or the templates nothing is written.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Error> {
    let output = output::check_target(&opts.root, &opts.output_dir(), opts.force)?;
    let site = render(opts)?;
    let written = site.ok();
    if written {
        output::write(&output, &site.files)?;
    }
    Ok(BuildReport {
        site,
        output,
        written,
    })
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
