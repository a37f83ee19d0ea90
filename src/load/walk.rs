//! Walking `content/`: which files are content, which are published as
//! they are, and which are refused (links, pipes) or skipped (editor
//! litter, hidden files outside `static/`).

use super::{Kind, Sources, StaticFile};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::fs::{display_path, is_editor_litter};
use std::path::{Path, PathBuf};

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

/// What the walk does with one file.
enum Found {
    Content(Kind),
    Static(StaticFile),
    /// site.yaml, read on its own.
    Settings,
    Problem(Diagnostic),
}

/// Hands every content file under `content` (Markdown, by kind) to
/// `found` as the walk meets it, in order; static files and problems go
/// into `sources`.
pub fn walk(
    root: &Path,
    content: &Path,
    found: &mut dyn FnMut(Kind, PathBuf),
    sources: &mut Sources,
) -> Result<(), Error> {
    let static_dir = content.join("static");
    let (mut vcs, mut litter) = (Vec::new(), Vec::new());
    let walker = walkdir::WalkDir::new(content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let skip = skipped(e, content);
            let in_static = || e.path().strip_prefix(&static_dir).ok();
            if let Some(rel) = skip.then(in_static).flatten() {
                if is_editor_litter(&e.file_name().to_string_lossy()) {
                    litter.push(display_path(Path::new(""), rel));
                } else {
                    vcs.push(display_path(root, e.path()));
                }
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
        match classify(root, content, &entry) {
            Found::Content(kind) => found(kind, entry.path().to_path_buf()),
            Found::Static(file) => sources.statics.push(file),
            Found::Settings => {}
            Found::Problem(d) => sources.diagnostics.push(d),
        }
    }
    for shown in vcs {
        sources.diagnostics.push(
            Diagnostic::warning(
                &shown,
                None,
                "this version-control folder in content/static/ is not published",
            )
            .hint(format!(
                "keep repositories out of content/static/; {STATIC_RULE}"
            )),
        );
    }
    if !litter.is_empty() {
        sources
            .diagnostics
            .push(litter_warning(root, &static_dir, &litter));
    }
    Ok(())
}

/// What content/static/ publishes, for hints.
const STATIC_RULE: &str = "everything else there, hidden files included, is copied as is, except editor and system leftovers (.DS_Store, *.swp, *.swx, *.tmp, *~, #*#, .#*)";

/// Editor and system leftovers are never published (a swap file holds the
/// text being edited), but a volunteer who put one there on purpose should
/// learn why it is missing: one warning per build names them all.
fn litter_warning(root: &Path, static_dir: &Path, litter: &[String]) -> Diagnostic {
    const SHOWN: usize = 10;
    let mut names = litter[..litter.len().min(SHOWN)].join(", ");
    if litter.len() > SHOWN {
        names.push_str(&format!(" and {} more", litter.len() - SHOWN));
    }
    Diagnostic::warning(
        &display_path(root, static_dir),
        None,
        format!("editor and system leftovers in content/static/ are not published: {names}"),
    )
    .hint("delete them; to publish such a file, rename it (callsite leaves out .DS_Store, *.swp, *.swx, *.tmp, names ending in ~, #*# and .#*)")
}

/// Decides what one file below `content` is.
fn classify(root: &Path, content: &Path, entry: &walkdir::DirEntry) -> Found {
    let path = entry.path();
    let shown = || display_path(root, path);
    if entry.path_is_symlink() {
        return Found::Problem(
            Diagnostic::warning(
                &shown(),
                None,
                "symbolic links are not followed; this one is ignored",
            )
            .hint("copy the file into content/ instead of linking to it"),
        );
    }
    if !entry.file_type().is_file() {
        return Found::Problem(
            Diagnostic::error(
                &shown(),
                None,
                "this is not a regular file (a pipe, socket or device) and cannot be read",
            )
            .hint("remove it from content/; only regular files are part of a site"),
        );
    }
    let rel = path.strip_prefix(content).unwrap_or(path);
    let top = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    let kind = match top.as_str() {
        "static" => return static_file(&shown(), rel, path),
        "site.yaml" if entry.depth() == 1 => return Found::Settings,
        "calls" => Kind::Call,
        "minutes" => Kind::Minutes,
        "agendas" => Kind::Agenda,
        "cocs" => Kind::Coc,
        "faq" => Kind::Faq,
        "pages" => Kind::Page,
        _ => {
            return Found::Problem(
                Diagnostic::warning(&shown(), None, "this file is not part of the site and is ignored")
                    .hint("content/ holds site.yaml and the folders calls, minutes, agendas, cocs, faq, pages and static"),
            );
        }
    };
    if path.extension().is_some_and(|e| e == "md") {
        return Found::Content(kind);
    }
    Found::Problem(
        Diagnostic::warning(
            &shown(),
            None,
            format!("only .md files are read in content/{top}/; this one is ignored"),
        )
        .hint("rename it to end in .md, or move it to content/static/ to publish it as is"),
    )
}

/// A file of `content/static/`, published at its path below `static/`.
fn static_file(shown: &str, rel: &Path, path: &Path) -> Found {
    let below = rel.strip_prefix("static").unwrap_or(rel);
    let name = display_path(Path::new(""), below);
    if name.contains([':', '\\']) {
        return Found::Problem(
            Diagnostic::warning(shown, None, "this file name has a `:` or `\\`, which cannot be part of a web address; it is not published")
                .hint("rename the file without `:` and `\\`"),
        );
    }
    Found::Static(StaticFile {
        rel: name,
        path: path.to_path_buf(),
    })
}
