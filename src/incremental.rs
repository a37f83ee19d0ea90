//! What a `serve` session keeps between rebuilds, and the rebuild itself:
//! an edit to the bodies of minutes or agendas whose front matter did not
//! change is applied to the previous build (the model's `edit`, then
//! render's `patch`: only the pages that read what changed); any other
//! change renders the site again, reusing what is unchanged.

use crate::diagnostics::Diagnostic;
use crate::fs::{Contents, OutputFile, display_path};
use crate::load::{self, Kind, Loaded};
use crate::model::{self, Site};
use crate::render::{self, patch::Previous};
use crate::{BuildOptions, Error, Kept, RenderedSite};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What a `serve` session keeps between rebuilds so that an edit costs only
/// what depends on it.
#[derive(Default)]
pub struct Incremental {
    pub load: load::LoadCache,
    pub render: render::cache::RenderCache,
    /// The last build that succeeded.
    last: Mutex<Option<Last>>,
}

/// The last successful build: its model, what rendered it and its files.
struct Last {
    /// The options it was built with: a patch applies under the same.
    opts: BuildOptions,
    site: Site,
    parts: Kept,
    /// By path; every file's bytes shared.
    files: BTreeMap<String, OutputFile>,
    diagnostics: Vec<Diagnostic>,
}

/// What a rebuild made.
pub enum Rebuilt {
    /// A full render: every file, or with errors none and the problems.
    Whole(RenderedSite),
    /// A patch of the last build: the files that changed and the last
    /// build's warnings. The search index follows from
    /// [`Incremental::index`].
    Patched {
        files: Vec<OutputFile>,
        diagnostics: Vec<Diagnostic>,
    },
}

impl Incremental {
    /// The site after `changed` (paths the watcher reported) changed:
    /// patched when only record bodies changed and nothing about them
    /// needs reporting, else rendered again. Either way the same bytes as
    /// a full render.
    pub fn rebuild(&self, opts: &BuildOptions, changed: &[PathBuf]) -> Result<Rebuilt, Error> {
        // Decided before the load cache forgets the changed paths: what it
        // knows tells a file of the site from an editor's temporary file.
        let patched = self.patch(opts, changed);
        self.load.invalidate(changed);
        if let Some(patched) = patched? {
            return Ok(patched);
        }
        self.full(opts).map(Rebuilt::Whole)
    }

    /// The whole site rendered again, reusing what an earlier render of
    /// this session made from files that did not change: the same as
    /// [`crate::render`]'s.
    pub fn full(&self, opts: &BuildOptions) -> Result<RenderedSite, Error> {
        let sink = crate::fs::Collect::default();
        let caches = crate::Caches {
            load: &self.load,
            render: &self.render,
        };
        let run = crate::pipeline(opts, Some(caches), &sink)?;
        let mut rendered = RenderedSite::of(&run, sink);
        self.remember(opts, run.site, run.rendered, &mut rendered);
        Ok(rendered)
    }

    /// The search index after a patch (a full render makes its own).
    pub fn index(&self) -> Result<Vec<OutputFile>, Error> {
        let mut guard = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let Some(last) = guard.as_mut() else {
            return Ok(Vec::new());
        };
        let files = render::patch::index(&last.previous(), &last.parts.base_url, &self.render)?;
        // A smaller index has fewer files: none of the old ones is kept.
        last.files
            .retain(|path, _| !render::search::is_index_file(path));
        for f in &files {
            last.files.insert(f.path.clone(), shared(f.clone()));
        }
        Ok(files)
    }

    /// Keeps a successful render for the next edit to patch, and shares
    /// its files' bytes with what is kept.
    fn remember(
        &self,
        opts: &BuildOptions,
        site: Option<Site>,
        parts: Option<Kept>,
        rendered: &mut RenderedSite,
    ) {
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        *last = None;
        let (Some(site), Some(parts), true) = (site, parts, rendered.ok()) else {
            return;
        };
        let files: BTreeMap<String, OutputFile> = std::mem::take(&mut rendered.files)
            .into_iter()
            .map(|f| (f.path.clone(), shared(f)))
            .collect();
        rendered.files = files.values().cloned().collect();
        *last = Some(Last {
            opts: opts.clone(),
            site,
            parts,
            files,
            diagnostics: rendered.diagnostics.clone(),
        });
    }

    /// The files an edit in `changed` changes, with the kept warnings, if
    /// it is one a patch covers. The kept build is dropped when a patch fails halfway, so
    /// the full render that follows starts clean.
    fn patch(&self, opts: &BuildOptions, changed: &[PathBuf]) -> Result<Option<Rebuilt>, Error> {
        let mut guard = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let Some(last) = guard.as_mut().filter(|l| l.opts == *opts) else {
            return Ok(None);
        };
        let Some(edited) = edited_records(&opts.root, last, &self.load, changed) else {
            return Ok(None);
        };
        if !edited
            .iter()
            .all(|r| model::edit::replace_body(&mut last.site, r))
        {
            *guard = None;
            return Ok(None);
        }
        let ids: Vec<&str> = edited.iter().map(|r| r.file.as_str()).collect();
        let render_opts = render::RenderOptions {
            base_url: last.parts.base_url.clone(),
            cache: Some(&self.render),
        };
        let made = match render::patch::patch(&last.previous(), &ids, &render_opts) {
            Ok(Some(made)) => made,
            other => {
                // The model holds the new bodies, its files the old pages.
                *guard = None;
                return other.map(|_| None);
            }
        };
        let made: Vec<OutputFile> = made.into_iter().map(shared).collect();
        for f in &made {
            last.files.insert(f.path.clone(), f.clone());
        }
        Ok(Some(Rebuilt::Patched {
            files: made,
            diagnostics: last.diagnostics.clone(),
        }))
    }
}

impl Last {
    /// The build as a patch reads it.
    fn previous(&self) -> Previous<'_> {
        Previous {
            site: &self.site,
            calendar: &self.parts.calendar,
            theme: &self.parts.theme,
            planned: &self.parts.planned,
            files: &self.files,
        }
    }
}

/// The records `changed` holds, read again, if the change is only to
/// public records' files that the last build reported nothing about.
/// Paths that are gone and were never part of the site (an editor's
/// temporary file) are passed over; anything else is not a body edit.
fn edited_records(
    root: &Path,
    last: &Last,
    loaded: &load::LoadCache,
    changed: &[PathBuf],
) -> Option<Vec<crate::content::Record>> {
    let site = &last.site;
    let mut out: Vec<crate::content::Record> = Vec::new();
    for path in changed {
        let shown = display_path(root, path);
        if last
            .diagnostics
            .iter()
            .any(|d| is_at_or_below(&d.file, &shown))
        {
            return None;
        }
        let kind = if site.minutes.iter().any(|r| r.file == shown) {
            Kind::Minutes
        } else if site.agendas.iter().any(|r| r.file == shown) {
            Kind::Agenda
        } else if never_read(root, site, loaded, path, &shown) {
            continue;
        } else {
            return None;
        };
        if out.iter().any(|r| r.file == shown) {
            continue;
        }
        let bytes = crate::fs::read_regular(path).ok()?;
        let mut problems = Vec::new();
        let zone = Some(site.config.timezone);
        match load::parse_source(&shown, path, &bytes, kind, zone, &mut problems) {
            Some(Loaded::Record(r)) if problems.is_empty() => out.push(r),
            _ => return None,
        }
    }
    Some(out)
}

/// Whether `path` (shown as `shown`) is gone and nothing at or below it
/// was part of the last build: not under `themes/`, not a file the loader
/// read (drafts included), not a static file nor the settings.
fn never_read(
    root: &Path,
    site: &Site,
    loaded: &load::LoadCache,
    path: &Path,
    shown: &str,
) -> bool {
    !path.exists()
        && shown.starts_with("content/")
        && !loaded.knows(path)
        && !is_at_or_below("content/site.yaml", shown)
        && !site
            .statics
            .iter()
            .any(|s| is_at_or_below(&display_path(root, &s.path), shown))
}

/// Whether `file` is `dir` or a file below it (`/`-separated paths).
fn is_at_or_below(file: &str, dir: &str) -> bool {
    file.strip_prefix(dir)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The file with its bytes shared, so keeping it costs no copy.
fn shared(file: OutputFile) -> OutputFile {
    match file.contents {
        Contents::Bytes(b) => OutputFile {
            path: file.path,
            contents: Contents::Shared(b.into()),
        },
        _ => file,
    }
}
