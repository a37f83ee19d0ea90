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
use std::path::{Path, PathBuf};
use std::sync::Mutex;
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

    let read = |(kind, path): &Found| read_item(root, path, *kind, site_zone, cache);
    let (files, results) = walk_and_read(root, &content, &mut sources, &read)?;
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

/// What reading one file gives: the file, if it is part of the site, and
/// its problems.
type Read = (Option<Loaded>, Vec<Diagnostic>);

/// A content file the walk found, and what kind it is by its folder.
type Found = (Kind, PathBuf);

/// Walks `content` and reads each file it finds on the other threads
/// meanwhile, in batches: the walk (a few tens of milliseconds at ten
/// thousand files) no longer runs alone before any file is read. Gives
/// the files in walk order and what reading each gave, in the same order.
fn walk_and_read(
    root: &Path,
    content: &Path,
    sources: &mut Sources,
    read: &(dyn Fn(&Found) -> Read + Sync),
) -> Result<(Vec<Found>, Vec<Read>), Error> {
    const BATCH: usize = 64;
    let done: Mutex<Vec<(usize, Vec<Read>)>> = Mutex::new(Vec::new());
    let mut files: Vec<Found> = Vec::new();
    rayon::scope(|scope| {
        let done = &done;
        let mut batch: Vec<Found> = Vec::with_capacity(BATCH);
        let send = |batch: Vec<Found>, at: usize| {
            scope.spawn(move |_| {
                let out: Vec<Read> = batch.iter().map(read).collect();
                done.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((at, out));
            });
        };
        let mut found = |kind: Kind, path: PathBuf| {
            files.push((kind, path.clone()));
            batch.push((kind, path));
            if batch.len() == BATCH {
                send(
                    std::mem::replace(&mut batch, Vec::with_capacity(BATCH)),
                    files.len(),
                );
            }
        };
        let walked = walk(root, content, &mut found, sources);
        send(batch, files.len());
        walked
    })?;
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_unstable_by_key(|(at, _)| *at);
    let results = done.into_iter().flat_map(|(_, out)| out).collect();
    Ok((files, results))
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

/// What a content file is first read into: most are a few KB, and a
/// longer one grows the buffer.
const FILE_ROOM: usize = 8 * 1024;

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
    let bytes = match crate::fs::read_with_room(path, FILE_ROOM) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Files are read in batches on several threads; what the load gives
    /// must not depend on which batch finished first.
    #[test]
    fn files_read_in_batches_come_back_in_walk_order() {
        let root = tempfile::tempdir().unwrap();
        let content = root.path().join("content");
        let minutes = content.join("minutes/caravan");
        std::fs::create_dir_all(&minutes).unwrap();
        let settings = "title: T\nbase_url: https://example.org/\ntimezone: UTC\n";
        std::fs::write(content.join("site.yaml"), settings).unwrap();
        // Over three batches, with a file that is not Markdown among them.
        for day in 0..150u32 {
            let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
                + chrono::Days::new(day.into());
            let text = format!("---\ncall: caravan\ndate: {date}\n---\nNotes {day}.\n");
            std::fs::write(minutes.join(format!("caravan-{date}.md")), text).unwrap();
        }
        std::fs::write(minutes.join("caravan-2020-03-01.txt"), "stray").unwrap();
        for _ in 0..3 {
            let sources = load(root.path()).unwrap();
            let files: Vec<&str> = sources.minutes.iter().map(|r| r.file.as_str()).collect();
            let mut sorted = files.clone();
            sorted.sort_unstable();
            assert_eq!(files.len(), 150);
            assert_eq!(files, sorted);
            assert_eq!(sources.diagnostics.len(), 1, "{:?}", sources.diagnostics);
        }
    }
}
