//! The write stage, the only code that touches the output folder.
//!
//! A build is written into a fresh folder beside the output and swapped in
//! whole (see `swap`), so the output is always the last good site or the
//! new one, never a mix. The folder carries a marker listing every file
//! the build wrote; callsite deletes nothing else, whatever the flags.
//! Files it did not write stop the build, or with `--force` are kept
//! where they are. The site root, `content/`, `themes/`, the home folder
//! and their ancestors are refused outright: peers have lost whole
//! projects to an output folder pointed one level too high.

mod inventory;
mod relocate;
mod staging;
mod swap;
mod tidy;

pub use staging::Staging;

use crate::error::Error;
use inventory::{Listing, Unit};
use std::path::{Component, Path, PathBuf};

/// Marks a folder as written by callsite and lists the files it wrote.
pub const MARKER: &str = ".callsite-output";
/// The marker while it is written, so a half-written one is never read.
const MARKER_TMP: &str = ".callsite-output.tmp";
/// The marker's first line; every other line is a path.
const MARKER_HEADER: &str = "This folder is written by callsite; on every build it replaces the files listed here and keeps any other. Files it wrote:\n";
/// Placeholder files kept so an empty output folder can live in git; they
/// are carried into every new output without counting as foreign.
const KEEP: &[&str] = &[".keep", ".gitkeep"];

fn err(path: &Path, message: impl Into<String>) -> Error {
    Error::refused(path, message)
}

/// An absolute, `..`-free form of `path` without touching the disk beyond
/// the current directory.
fn absolute(path: &Path) -> Result<PathBuf, Error> {
    let base = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().map_err(|e| Error::io(path, e))?
    };
    let mut out = PathBuf::new();
    for c in base.join(path).components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symlinks of the part that exists, so `out -> ..` is caught.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// An output folder that passed the safety checks, with what preparing it
/// noticed but did not stop for.
#[derive(Debug)]
pub struct Target {
    /// Absolute and resolved through symlinks.
    pub path: PathBuf,
    /// Keep files callsite did not write in place instead of refusing.
    force: bool,
    /// Leftovers of an interrupted build that could not be cleared.
    pub warnings: Vec<String>,
}

/// Checks that `output` may receive a build of the site at `root`, and
/// finishes what an interrupted earlier build left beside it. Runs before
/// rendering, so a refusal costs nothing.
pub fn prepare(root: &Path, output: &Path, force: bool) -> Result<Target, Error> {
    let out = absolute(output)?;
    refuse_protected(root, &out)?;
    if out.is_file() {
        return Err(err(&out, "this is a file, not a folder"));
    }
    let warnings = swap::recover(&out)?;
    let listing = Listing::read(&out)?;
    refuse_foreign(&out, &listing, &inventory::foreign(&out, &listing)?, force)?;
    Ok(Target {
        path: out,
        force,
        warnings,
    })
}

/// Refuses an output folder that is, holds or sits inside what must never
/// be replaced.
fn refuse_protected(root: &Path, out: &Path) -> Result<(), Error> {
    let root = absolute(root)?;
    // Resolved through symlinks, so a linked content/ is protected too.
    let inside = [
        absolute(&root.join("content"))?,
        absolute(&root.join("themes"))?,
    ];
    for protected in std::iter::once(&root).chain(&inside) {
        if protected.starts_with(out) {
            return Err(err(
                out,
                format!(
                    "refusing to build into {}: it is, or contains, {}; choose a folder of its own, like output/",
                    out.display(),
                    protected.display()
                ),
            ));
        }
    }
    for protected in &inside {
        if out.starts_with(protected) {
            return Err(err(
                out,
                format!(
                    "refusing to build inside {}; choose a folder of its own, like output/",
                    protected.display()
                ),
            ));
        }
    }
    if let Some(home) = home()
        && absolute(&home)?.starts_with(out)
    {
        return Err(err(
            out,
            format!(
                "refusing to build into {}: it is, or contains, your home folder; choose a folder of its own, like output/",
                out.display()
            ),
        ));
    }
    Ok(())
}

fn home() -> Option<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    std::env::var_os(var)
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// Refuses an output folder holding files callsite did not write, unless
/// `force` (then they are kept in place). A marker without a file list is
/// refused either way when anything else is there: callsite cannot tell.
fn refuse_foreign(out: &Path, listing: &Listing, units: &[Unit], force: bool) -> Result<(), Error> {
    let foreign: Vec<&Unit> = units
        .iter()
        .filter(|u| u.dir || !KEEP.contains(&inventory::key(&u.rel).as_str()))
        .collect();
    if foreign.is_empty() || force {
        return Ok(());
    }
    let names = inventory::names(&foreign);
    Err(err(
        out,
        match listing {
            Listing::Unlisted => format!(
                "refusing to replace {}: its {MARKER} lists no files (an older callsite wrote it, or it was emptied), so callsite cannot tell its own files from others ({names}); if all of them came from callsite, delete the folder and build again; --force keeps them where they are, and stops at any the build would write over",
                out.display()
            ),
            _ => format!(
                "refusing to replace {}: it holds {} that callsite did not write ({names}); to publish such files put them in content/static/, or move them elsewhere; --force builds around them and keeps them where they are (callsite never deletes a file it did not write)",
                out.display(),
                if foreign.len() == 1 {
                    "a file".to_string()
                } else {
                    format!("{} files", foreign.len())
                },
            ),
        },
    ))
}

/// The folder holding `output` and `output`'s name.
fn parent_and_name(output: &Path) -> Result<(&Path, String), Error> {
    let parent = output
        .parent()
        .ok_or_else(|| err(output, "has no parent folder"))?;
    let name = output
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    Ok((parent, name))
}

/// Puts a fully written staging folder in the place of the output: the
/// marker listing `paths` (the files the build wrote), then files callsite
/// did not write carried in (`--force`), then one swap. Returns warnings: a
/// failure to remove the old site once the new one is in place does not
/// fail the build.
pub fn finish(
    target: &Target,
    mut staging: Staging,
    paths: &[String],
) -> Result<Vec<String>, Error> {
    let output = target.path.as_path();
    // Again: the folder may have changed while the site was rendered.
    let listing = Listing::read(output)?;
    let units = inventory::foreign(output, &listing)?;
    refuse_foreign(output, &listing, &units, target.force)?;
    let moves = relocate::plan(output, &units, paths)?;
    // The marker, sorted and each path once, goes in before any foreign
    // file, so that a staging folder left by a killed build says which of
    // its files are callsite's.
    staging.close();
    write_marker(&staging.dir, paths)?;
    let dir = staging.dir.clone();
    let result = relocate::move_all(output, &dir, &moves).and_then(|()| {
        keep_mode(output, &dir);
        swap::replace(&dir, output).inspect_err(|_| {
            // With no output left, the next build restores the old
            // one first and then puts these back.
            if output.is_dir() {
                relocate::move_back(output, &dir, &moves);
            }
        })
    });
    // From here the folder is the output, the old site, or removed below.
    staging.done = true;
    match result {
        Ok(old) => Ok(old
            .and_then(|old| tidy::remove(&old).err())
            .into_iter()
            .collect()),
        Err(e) => {
            let _ = tidy::remove(&dir);
            Err(e)
        }
    }
}

/// Gives the new output the old one's permissions (a private folder stays
/// private).
fn keep_mode(output: &Path, staging: &Path) {
    if let Ok(m) = std::fs::metadata(output) {
        let _ = std::fs::set_permissions(staging, m.permissions());
    }
}

/// The marker: the list lets the next build tell a file someone added (a
/// CNAME, a .git folder) from its own.
fn write_marker(staging: &Path, paths: &[String]) -> Result<(), Error> {
    let mut marker = String::from(MARKER_HEADER);
    let mut sorted: Vec<&str> = paths.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    for p in sorted {
        marker.push_str(p);
        marker.push('\n');
    }
    let tmp = staging.join(MARKER_TMP);
    std::fs::write(&tmp, marker).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, staging.join(MARKER)).map_err(|e| Error::io(&tmp, e))
}

/// `base/rel`, refusing any `rel` that could leave `base`.
pub fn safe_join(base: &Path, rel: &str) -> Result<PathBuf, Error> {
    let mut out = base.to_path_buf();
    for part in rel.split('/') {
        if part.is_empty()
            || part == "."
            || part == ".."
            || part.contains('\\')
            || part.contains(':')
        {
            return Err(err(
                base,
                format!("refusing to write `{rel}`: it would leave the output folder"),
            ));
        }
        out.push(part);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_output() {
        let base = Path::new("/tmp/out");
        assert!(safe_join(base, "calls/x/index.html").is_ok());
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "a//b",
            "c:\\x",
            "a\\..\\b",
        ] {
            assert!(safe_join(base, bad).is_err(), "{bad}");
        }
    }
}
