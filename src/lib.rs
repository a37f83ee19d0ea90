//! callsite: a static-site generator for a network of volunteer-run public
//! conference calls. The pipeline is load → model → schedule → render →
//! write; see docs/DESIGN.md.

pub mod announce;
pub mod contacts;
pub mod content;
pub mod diagnostics;
pub mod error;
pub mod front_matter;
pub mod fs;
pub mod fxhash;
pub mod import;
pub mod incremental;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod recurrence;
pub mod render;
pub mod scaffold;
pub mod schedule;
pub mod serve;
pub mod time;

use chrono::{DateTime, Utc};
use diagnostics::{Diagnostic, Severity};
pub use error::Error;
use std::path::PathBuf;

/// What every command needs to know about a run, passed as one value
/// instead of a growing list of arguments.
#[derive(Clone, Debug, PartialEq)]
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
    /// Build around files in the output that callsite did not write,
    /// keeping them in place, instead of refusing.
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

/// The outcome of `check`: every diagnostic, sorted, and what was read.
#[derive(Debug)]
pub struct CheckReport {
    pub diagnostics: Vec<Diagnostic>,
    pub site: Option<model::Site>,
}

impl CheckReport {
    /// Whether any error was found.
    pub fn has_errors(&self) -> bool {
        has_errors(&self.diagnostics)
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

/// Everything `build` does but writing: load, model, schedule, compile the
/// templates and render every page and feed in memory, so that what would
/// fail `build` fails `check`, with the same message.
pub fn check(opts: &BuildOptions) -> Result<CheckReport, Error> {
    let run = pipeline(opts, None, &fs::Discard)?;
    Ok(CheckReport {
        diagnostics: run.diagnostics,
        site: run.site,
    })
}

/// One run of the stages: every diagnostic, the site (unless site.yaml is
/// unusable) and, without errors, the paths of the files handed to the
/// sink.
pub(crate) struct Run {
    pub diagnostics: Vec<Diagnostic>,
    pub site: Option<model::Site>,
    pub paths: Vec<String>,
    /// With a site rendered: what `serve` keeps to patch it.
    pub rendered: Option<Kept>,
}

/// What a successful render made besides its files, which `serve` keeps
/// to patch the next edit into.
pub(crate) struct Kept {
    pub calendar: schedule::Calendar,
    pub theme: render::template::Theme,
    pub planned: Vec<render::plan::Planned>,
    pub base_url: String,
}

/// The caches a `serve` session hands the stages.
#[derive(Clone, Copy)]
pub(crate) struct Caches<'a> {
    pub load: &'a load::LoadCache,
    pub render: &'a render::cache::RenderCache,
}

/// load → model → schedule → render. The templates are compiled even when
/// the content has errors, so one run reports both; pages are rendered only
/// from content without errors.
pub(crate) fn pipeline(
    opts: &BuildOptions,
    cache: Option<Caches>,
    sink: &dyn fs::Sink,
) -> Result<Run, Error> {
    let sources = load::load_with(&opts.root, cache.map(|c| c.load))?;
    let mut diagnostics = Vec::new();
    let model_opts = model::ModelOptions {
        now: opts.now,
        drafts: opts.drafts,
    };
    let mut site = model::build(sources, model_opts, &mut diagnostics);
    // `serve` keeps them: it patches bodies into the last build.
    if let (None, Some(site)) = (cache, &mut site) {
        site.release_record_bodies(&opts.root);
    }
    let mut paths = Vec::new();
    let mut rendered = None;
    if let Some(site) = &site {
        match render::template::Theme::load(&opts.root, &site.config.theme) {
            Err(problems) => diagnostics.extend(problems),
            Ok(theme) if !has_errors(&diagnostics) => {
                let base_url =
                    resolve_base_url(opts.base_url.as_deref().unwrap_or(&site.config.base_url))?;
                let calendar = schedule::Calendar::build(
                    &site.calls,
                    opts.now,
                    site.config.calendar.horizon_days,
                );
                let render_opts = render::RenderOptions {
                    base_url,
                    cache: cache.map(|c| c.render),
                };
                match render::render_site(site, &calendar, &theme, &render_opts, sink)? {
                    Ok(done) => {
                        paths = done.paths;
                        diagnostics.extend(done.warnings);
                        rendered = Some(Kept {
                            calendar,
                            theme,
                            planned: done.planned,
                            base_url: render_opts.base_url,
                        });
                    }
                    Err(problems) => diagnostics.extend(problems),
                }
            }
            Ok(_) => {}
        }
    }
    diagnostics::sort(&mut diagnostics);
    diagnostics.dedup();
    Ok(Run {
        diagnostics,
        site,
        paths,
        rendered,
    })
}

fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// Reads `--now` (`YYYY-MM-DD` or RFC 3339); without it
/// `SOURCE_DATE_EPOCH`, else the clock. A date means its midnight in UTC.
pub fn resolve_now(
    flag: Option<&str>,
    source_date_epoch: Option<&str>,
) -> Result<DateTime<Utc>, Error> {
    if let Some(text) = flag {
        let parsed = DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&Utc))
            .ok()
            .or_else(|| {
                chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .ok()
                    .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc())
            });
        return match parsed {
            Some(t) if in_range(t) => Ok(t),
            Some(_) => Err(Error::Usage(format!("--now {text}: {RANGE}"))),
            None => Err(Error::Usage(format!(
                "--now {text}: use YYYY-MM-DD or an RFC 3339 time like 2026-11-24T18:00:00Z"
            ))),
        };
    }
    if let Some(epoch) = source_date_epoch.filter(|s| !s.is_empty()) {
        let secs: i64 = epoch.trim().parse().map_err(|_| {
            Error::Usage(format!(
                "SOURCE_DATE_EPOCH={epoch} is not a number of seconds"
            ))
        })?;
        return DateTime::from_timestamp(secs, 0)
            .filter(|t| in_range(*t))
            .ok_or_else(|| Error::Usage(format!("SOURCE_DATE_EPOCH={epoch}: {RANGE}")));
    }
    Ok(Utc::now())
}

/// The years "now" may be in, so that the calendar horizon and every date
/// derived from it stay far from chrono's limits.
const RANGE: &str = "\"now\" must fall between the years 1970 and 2999";

fn in_range(t: DateTime<Utc>) -> bool {
    (1970..=2999).contains(&chrono::Datelike::year(&t))
}

/// A site rendered in memory: what `serve` serves.
#[derive(Debug)]
pub struct RenderedSite {
    /// Every problem found; with an error among them `files` is empty.
    pub diagnostics: Vec<Diagnostic>,
    /// In path order.
    pub files: Vec<fs::OutputFile>,
    pub calls: usize,
    pub minutes: usize,
}

impl RenderedSite {
    /// Whether the site rendered without errors.
    pub fn ok(&self) -> bool {
        !has_errors(&self.diagnostics)
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
    let sink = fs::Collect::default();
    let run = pipeline(opts, None, &sink)?;
    Ok(RenderedSite::of(&run, sink))
}

impl RenderedSite {
    /// What `run` rendered into `sink`: its files only when it succeeded.
    pub(crate) fn of(run: &Run, sink: fs::Collect) -> RenderedSite {
        let (calls, minutes) = run.counts();
        let mut rendered = RenderedSite {
            diagnostics: run.diagnostics.clone(),
            files: Vec::new(),
            calls,
            minutes,
        };
        if rendered.ok() {
            rendered.files = sink.into_files();
        }
        rendered
    }
}

impl Run {
    /// Calls and minutes files read.
    fn counts(&self) -> (usize, usize) {
        self.site
            .as_ref()
            .map_or((0, 0), |s| (s.calls.len(), s.minutes.len()))
    }
}

/// The outcome of `build`.
#[derive(Debug)]
pub struct BuildReport {
    /// Every problem found; with an error among them nothing was written.
    pub diagnostics: Vec<Diagnostic>,
    pub output: PathBuf,
    /// Whether the output folder was replaced.
    pub written: bool,
    /// HTML pages written.
    pub pages: usize,
    pub calls: usize,
    pub minutes: usize,
    /// Problems that did not fail the build, such as an old site that
    /// could not be removed once the new one was in place.
    pub warnings: Vec<String>,
}

/// Builds the site into its output folder. Pages are written into a
/// staging folder as they are rendered, and swapped in whole only when
/// nothing went wrong: with any error in the content or the templates
/// the output stays as it was.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Error> {
    let target = output::prepare(&opts.root, &opts.output_dir(), opts.force)?;
    let staging = output::Staging::create(&target)?;
    let mut run = pipeline(opts, None, &staging)?;
    let (calls, minutes) = run.counts();
    // The model and what rendering kept are done with: freed on another
    // thread while this one puts the output in place.
    let done = (run.site.take(), run.rendered.take());
    rayon::spawn(move || drop(done));
    let written = !has_errors(&run.diagnostics);
    let mut warnings = target.warnings.clone();
    if written {
        warnings.extend(output::finish(&target, staging, &run.paths)?);
    }
    Ok(BuildReport {
        pages: run.paths.iter().filter(|p| p.ends_with(".html")).count(),
        diagnostics: run.diagnostics,
        output: target.path,
        written,
        calls,
        minutes,
        warnings,
    })
}

/// An absolute http(s) URL ending in `/`.
pub fn resolve_base_url(url: &str) -> Result<String, Error> {
    let url = url.trim();
    if let Some(bad) = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"<>\\^`{|}".contains(*c))
    {
        return Err(Error::Usage(format!(
            "base URL `{}` holds {bad:?}, which a web address cannot contain",
            url.escape_debug()
        )));
    }
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
