//! The load stage: walk `content/`, read every file in parallel, split
//! front matter, and turn each file into a typed record.
//!
//! Nothing here stops at the first problem: each file yields its record (or
//! not) plus its diagnostics, and the caller gets all of them at once.

mod parse;
mod walk;

pub use parse::{parse_source, reread_body};

use crate::content::{Call, Coc, FaqSection, Page, Record, RecordKind, SiteConfig};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::fs::{display_path, read_regular};
use parse::read_config;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walk::walk;

/// A file of `content/static/`, copied as is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaticFile {
    /// Path below `static/`, with `/` separators; also its URL path.
    pub rel: String,
    pub path: PathBuf,
}

/// Everything read from `content/`, before cross-checking.
#[derive(Debug, Default)]
pub struct Sources {
    pub config: Option<SiteConfig>,
    pub calls: Vec<Call>,
    /// Ids of call files that could not be read (their errors are among
    /// the diagnostics).
    pub broken_calls: Vec<String>,
    pub minutes: Vec<Record>,
    pub agendas: Vec<Record>,
    pub cocs: Vec<Coc>,
    pub faq: Vec<FaqSection>,
    pub pages: Vec<Page>,
    pub statics: Vec<StaticFile>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The kinds of Markdown file, by their folder under `content/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Call,
    Minutes,
    Agenda,
    Coc,
    Faq,
    Page,
}

/// One file's typed record.
#[derive(Clone, Debug)]
pub enum Loaded {
    Call(Box<Call>),
    /// A call file with an error of its own, by id: it still exists for
    /// the records that name it, so one mistake gives one error.
    BrokenCall(String),
    Record(Record),
    Coc(Coc),
    Faq(FaqSection),
    Page(Page),
}

/// Parsed files kept between rebuilds of `serve`, keyed by path and checked
/// against a hash of the file's bytes: a file whose bytes are unchanged is
/// not parsed again.
#[derive(Default)]
pub struct LoadCache {
    entries: std::sync::Mutex<std::collections::HashMap<PathBuf, CachedFile>>,
}

type CachedFile = (
    FileStamp,
    Option<chrono_tz::Tz>,
    Option<Loaded>,
    Vec<Diagnostic>,
);

/// What tells a changed file from an unchanged one without reading it:
/// its length and modification time, as editors and git always update them.
type FileStamp = (u64, Option<std::time::SystemTime>);

impl LoadCache {
    /// Whether the last load read `path`, or a file below it.
    pub fn knows(&self, path: &Path) -> bool {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.keys().any(|p| p.starts_with(path))
    }

    /// Forgets `paths`, which the watcher saw change: they are read again
    /// whatever their length and time say.
    pub fn invalidate(&self, paths: &[PathBuf]) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        for p in paths {
            entries.remove(p);
        }
    }
}

/// Reads the site under `root` (the folder holding `content/`).
pub fn load(root: &Path) -> Result<Sources, Error> {
    load_with(root, None)
}

/// [`load`], reusing what `cache` holds for files whose bytes did not change.
pub fn load_with(root: &Path, cache: Option<&LoadCache>) -> Result<Sources, Error> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Error::refused(
            root,
            "there is no content/ folder here; pass --root with the site folder, or create one with `callsite init DIR`",
        ));
    }
    let mut sources = Sources::default();
    let config_path = content.join("site.yaml");
    match read_regular(&config_path) {
        Ok(bytes) => {
            sources.config = read_config(root, &config_path, &bytes, &mut sources.diagnostics)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => sources.diagnostics.push(
            Diagnostic::error(
                "content/site.yaml",
                None,
                "the site settings file is missing",
            )
            .hint("create content/site.yaml with at least `title:`, `base_url:` and `timezone:`"),
        ),
        Err(e) => return Err(Error::io(config_path, e)),
    }
    let site_zone = sources.config.as_ref().map(|c| c.timezone);

    let mut files = Vec::new();
    walk(root, &content, &mut files, &mut sources)?;
    let results: Vec<(Option<Loaded>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|(kind, path)| read_item(root, path, *kind, site_zone, cache))
        .collect();
    if let Some(cache) = cache {
        let keep: std::collections::HashSet<&PathBuf> = files.iter().map(|(_, p)| p).collect();
        cache
            .entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|p, _| keep.contains(p));
    }
    gather(&mut sources, results);
    Ok(sources)
}

/// Puts each parsed file in its list of `sources`, with its problems.
fn gather(sources: &mut Sources, results: Vec<(Option<Loaded>, Vec<Diagnostic>)>) {
    // Room for every record at once: grown by doubling, the list of ten
    // thousand minutes was copied (into fresh memory) a dozen times while
    // the other thread waited.
    let records = |minutes: bool| {
        (results.iter())
            .filter(|(l, _)| matches!(l, Some(Loaded::Record(r)) if (r.kind == RecordKind::Minutes) == minutes))
            .count()
    };
    sources.minutes.reserve(records(true));
    sources.agendas.reserve(records(false));
    for (loaded, diags) in results {
        sources.diagnostics.extend(diags);
        match loaded {
            Some(Loaded::Call(c)) => sources.calls.push(*c),
            Some(Loaded::BrokenCall(id)) => sources.broken_calls.push(id),
            Some(Loaded::Record(r)) if r.kind == RecordKind::Minutes => sources.minutes.push(r),
            Some(Loaded::Record(r)) => sources.agendas.push(r),
            Some(Loaded::Coc(c)) => sources.cocs.push(c),
            Some(Loaded::Faq(f)) => sources.faq.push(f),
            Some(Loaded::Page(p)) => sources.pages.push(p),
            None => {}
        }
    }
}

fn read_item(
    root: &Path,
    path: &Path,
    kind: Kind,
    site_zone: Option<chrono_tz::Tz>,
    cache: Option<&LoadCache>,
) -> (Option<Loaded>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let shown = display_path(root, path);
    let stamp: Option<FileStamp> = cache
        .and_then(|_| std::fs::metadata(path).ok())
        .map(|m| (m.len(), m.modified().ok()));
    if let (Some(cache), Some(stamp)) = (cache, stamp)
        && stamp.1.is_some()
        && let Some((s, zone, loaded, d)) = cache
            .entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
        && *s == stamp
        && *zone == site_zone
    {
        return (loaded.clone(), d.clone());
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error(&shown, None, format!("the file cannot be read: {e}"))
                    .hint("check its permissions"),
            );
            return (None, diags);
        }
    };
    let (Some(cache), Some(stamp)) = (cache, stamp) else {
        let loaded = parse_source(&shown, path, &bytes, kind, site_zone, &mut diags);
        return (loaded, diags);
    };
    let loaded = parse_source(&shown, path, &bytes, kind, site_zone, &mut diags);
    cache
        .entries
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(
            path.to_path_buf(),
            (stamp, site_zone, loaded.clone(), diags.clone()),
        );
    (loaded, diags)
}
