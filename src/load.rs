//! The load stage: walk `content/`, read every file in parallel, split
//! front matter, and turn each file into a typed record.
//!
//! Nothing here stops at the first problem: each file yields its record (or
//! not) plus its diagnostics, and the caller gets all of them at once.

use crate::Error;
use crate::content::{self, Body, Call, Coc, FaqSection, Page, Record, RecordKind, SiteConfig};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::Pos;
use crate::front_matter::{fields::Fields, split as front_matter, yaml};
use crate::fs::{display_path, is_editor_litter, read_regular};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

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
    for (loaded, diags) in results {
        sources.diagnostics.extend(diags);
        match loaded {
            Some(Loaded::Call(c)) => sources.calls.push(*c),
            Some(Loaded::Record(r)) if r.kind == RecordKind::Minutes => sources.minutes.push(r),
            Some(Loaded::Record(r)) => sources.agendas.push(r),
            Some(Loaded::Coc(c)) => sources.cocs.push(c),
            Some(Loaded::Faq(f)) => sources.faq.push(f),
            Some(Loaded::Page(p)) => sources.pages.push(p),
            None => {}
        }
    }
    Ok(sources)
}

/// Version-control folders, never published even from `content/static/`.
const VCS_DIRS: &[&str] = &[".git", ".hg", ".svn"];

/// Whether the walk skips an entry: editor litter anywhere; hidden files
/// outside `content/static/`, where `.well-known/` and `.nojekyll` are
/// meant to be published.
fn skipped(entry: &walkdir::DirEntry, content: &Path) -> bool {
    let name = entry.file_name().to_string_lossy();
    if entry.depth() == 0 || !name.starts_with('.') && !is_editor_litter(&name) {
        return false;
    }
    let in_static = entry.path().strip_prefix(content.join("static")).is_ok();
    is_editor_litter(&name) || !in_static || VCS_DIRS.contains(&name.as_ref())
}

fn walk(
    root: &Path,
    content: &Path,
    files: &mut Vec<(Kind, PathBuf)>,
    sources: &mut Sources,
) -> Result<(), Error> {
    let mut vcs = Vec::new();
    let walker = walkdir::WalkDir::new(content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let skip = skipped(e, content);
            if skip && e.file_type().is_dir() && e.path().starts_with(content.join("static")) {
                vcs.push(display_path(root, e.path()));
            }
            !skip
        });
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map_or_else(|| content.to_path_buf(), Path::to_path_buf);
            Error::io(path, e)
        })?;
        if entry.depth() == 0 || entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path();
        let shown = display_path(root, path);
        if !entry.path_is_symlink() && !entry.file_type().is_file() {
            sources.diagnostics.push(
                Diagnostic::error(
                    &shown,
                    None,
                    "this is not a regular file (a pipe, socket or device) and cannot be read",
                )
                .hint("remove it from content/; only regular files are part of a site"),
            );
            continue;
        }
        if entry.path_is_symlink() {
            sources.diagnostics.push(
                Diagnostic::warning(
                    &shown,
                    None,
                    "symbolic links are not followed; this one is ignored",
                )
                .hint("copy the file into content/ instead of linking to it"),
            );
            continue;
        }
        let rel = path.strip_prefix(content).unwrap_or(path);
        let top = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        let is_md = path.extension().is_some_and(|e| e == "md");
        let kind = match top.as_str() {
            "static" => {
                let below = rel.strip_prefix("static").unwrap_or(rel);
                let name = display_path(Path::new(""), below);
                if name.contains([':', '\\']) {
                    sources.diagnostics.push(
                        Diagnostic::warning(&shown, None, "this file name has a `:` or `\\`, which cannot be part of a web address; it is not published")
                            .hint("rename the file without `:` and `\\`"),
                    );
                    continue;
                }
                sources.statics.push(StaticFile {
                    rel: display_path(Path::new(""), below),
                    path: path.to_path_buf(),
                });
                continue;
            }
            "site.yaml" if entry.depth() == 1 => continue,
            "calls" => Kind::Call,
            "minutes" => Kind::Minutes,
            "agendas" => Kind::Agenda,
            "cocs" => Kind::Coc,
            "faq" => Kind::Faq,
            "pages" => Kind::Page,
            _ => {
                sources.diagnostics.push(
                    Diagnostic::warning(&shown, None, "this file is not part of the site and is ignored")
                        .hint("content/ holds site.yaml and the folders calls, minutes, agendas, cocs, faq, pages and static"),
                );
                continue;
            }
        };
        if !is_md {
            sources.diagnostics.push(
                Diagnostic::warning(
                    &shown,
                    None,
                    format!("only .md files are read in content/{top}/; this one is ignored"),
                )
                .hint("rename it to end in .md, or move it to content/static/ to publish it as is"),
            );
            continue;
        }
        files.push((kind, path.to_path_buf()));
    }
    for shown in vcs {
        sources.diagnostics.push(
            Diagnostic::warning(&shown, None, "this version-control folder in content/static/ is not published")
                .hint("keep repositories out of content/static/; everything else there, hidden files included, is copied as is"),
        );
    }
    Ok(())
}

fn decode<'a>(shown: &str, bytes: &'a [u8], diags: &mut Vec<Diagnostic>) -> Option<&'a str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() as u32 + 1;
            let column = std::str::from_utf8(valid)
                .map(|v| v.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1)
                .unwrap_or(1);
            diags.push(
                Diagnostic::error(
                    shown,
                    Some(Pos { line, column }),
                    "the file is not valid UTF-8 text",
                )
                .hint("save it as UTF-8 (most editors offer it under \"Save with encoding\")"),
            );
            None
        }
    }
}

fn read_config(
    root: &Path,
    path: &Path,
    bytes: &[u8],
    diags: &mut Vec<Diagnostic>,
) -> Option<SiteConfig> {
    let shown = display_path(root, path);
    let text = decode(&shown, bytes, diags)?;
    let text = front_matter::normalize(text);
    let node = parse_yaml(&shown, &text, 1, diags)?;
    let mut f = Fields::new(
        &shown,
        &node,
        content::config::FIELDS,
        Pos { line: 1, column: 1 },
        diags,
    );
    content::config::read(&mut f)
}

fn parse_yaml(
    shown: &str,
    yaml: &str,
    first_line: u32,
    diags: &mut Vec<Diagnostic>,
) -> Option<yaml::Node> {
    match yaml::parse(yaml, first_line) {
        Ok(node) => Some(node),
        Err(e) => {
            let hint = if e.message.contains("duplicate mapping key") {
                "each field may appear once; delete or merge the repeated line".to_string()
            } else {
                "check the indentation and quote values containing `: ` or starting with `[`, `{`, `*`, `&`, `!`, `%` or `@`".to_string()
            };
            let message = e
                .message
                .replace(", set DuplicateKeyPolicy in Options if acceptable", "");
            diags.push(
                Diagnostic::error(
                    shown,
                    e.pos.or(Some(Pos {
                        line: first_line,
                        column: 1,
                    })),
                    format!("the front matter is not valid YAML: {message}"),
                )
                .hint(hint),
            );
            None
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

/// Turns one file's bytes into its record. Pure apart from `path`, which
/// only gives the id; exposed so tests can throw arbitrary bytes at it.
pub fn parse_source(
    shown: &str,
    path: &Path,
    bytes: &[u8],
    kind: Kind,
    site_zone: Option<chrono_tz::Tz>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded> {
    let text = decode(shown, bytes, diags)?;
    let text = front_matter::normalize(text);
    let split = match front_matter::split(&text) {
        Ok(s) => s,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    shown,
                    Some(Pos {
                        line: e.line,
                        column: 1,
                    }),
                    e.message,
                )
                .hint(e.hint),
            );
            return None;
        }
    };
    let node = parse_yaml(shown, split.yaml, split.yaml_line, diags)?;
    let body = Body {
        text: split.body.into(),
        first_line: split.body_line,
    };
    let known = match kind {
        Kind::Call => content::call::FIELDS,
        Kind::Minutes => content::record::MINUTES_FIELDS,
        Kind::Agenda => content::record::AGENDA_FIELDS,
        Kind::Coc => content::coc::FIELDS,
        Kind::Faq => content::faq::FIELDS,
        Kind::Page => content::page::FIELDS,
    };
    let mut f = Fields::new(shown, &node, known, Pos { line: 1, column: 1 }, diags);
    match kind {
        Kind::Call => {
            let id = item_id(&mut f, path)?;
            content::call::read(&mut f, id, site_zone, body).map(|c| Loaded::Call(Box::new(c)))
        }
        Kind::Minutes => {
            content::record::read(&mut f, RecordKind::Minutes, body).map(Loaded::Record)
        }
        Kind::Agenda => content::record::read(&mut f, RecordKind::Agenda, body).map(Loaded::Record),
        Kind::Coc => {
            let id = item_id(&mut f, path)?;
            content::coc::read(&mut f, id, body).map(Loaded::Coc)
        }
        Kind::Faq => {
            let id = item_id(&mut f, path)?;
            content::faq::read(&mut f, id, &body).map(Loaded::Faq)
        }
        Kind::Page => {
            let id = item_id(&mut f, path)?;
            content::page::read(&mut f, id, body).map(Loaded::Page)
        }
    }
}

/// The item's id: its `id` field, else its file name without `.md`.
fn item_id(f: &mut Fields, path: &Path) -> Option<String> {
    if let Some(id) = f.text("id") {
        if content::is_valid_id(&id) {
            return Some(id);
        }
        let at = f.at("id");
        f.error(
            at,
            format!("`{id}` is not a valid id"),
            format!(
                "ids use lowercase letters, digits and `-` only, like `id: {}`",
                content::slugify(&id)
            ),
        );
        return None;
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if content::is_valid_id(&stem) {
        return Some(stem);
    }
    let d = Diagnostic::error(
        f.file(),
        Some(Pos { line: 1, column: 1 }),
        format!("the file name `{stem}.md` is not a valid id"),
    )
    .hint(format!(
        "ids use lowercase letters, digits and `-` only: rename the file to `{}.md`",
        content::slugify(&stem)
    ));
    f.push(d);
    None
}
