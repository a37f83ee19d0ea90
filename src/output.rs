//! The write stage, the only code that touches the output folder.
//!
//! A build is written into a fresh folder beside the output and swapped in
//! only when every file is written, so a failed build leaves the last good
//! site as it was. The output folder carries a marker file; a folder
//! without it that holds anything but a `.keep` is not ours, and is never
//! replaced without `--force`. The site root, `content/`, `themes/` and
//! their ancestors are refused outright: peers have lost whole projects
//! to an output folder pointed one level too high.

use crate::fs::{Contents, OutputFile};
use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};

/// Marks a folder as written by callsite.
pub const MARKER: &str = ".callsite-output";
/// Placeholder files kept so an empty output folder can live in git.
const KEEP: &[&str] = &[".keep", ".gitkeep"];

/// Why the output was not written (exit status 2).
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

fn err(path: &Path, message: impl Into<String>) -> WriteError {
    WriteError {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// An absolute, `..`-free form of `path` without touching the disk beyond
/// the current directory.
fn absolute(path: &Path) -> Result<PathBuf, WriteError> {
    let base = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().map_err(|e| err(path, e.to_string()))?
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

/// Checks that `output` may be replaced by a build of the site at `root`.
pub fn check_target(root: &Path, output: &Path, force: bool) -> Result<PathBuf, WriteError> {
    let out = absolute(output)?;
    let root = absolute(root)?;
    // Resolved through symlinks, so a linked content/ is protected too.
    let protected_paths = [
        root.clone(),
        absolute(&root.join("content"))?,
        absolute(&root.join("themes"))?,
    ];
    for protected in protected_paths {
        if protected.starts_with(&out) {
            return Err(err(
                &out,
                format!(
                    "refusing to build into {}: it is, or contains, {}; choose a folder of its own, like output/",
                    out.display(),
                    protected.display()
                ),
            ));
        }
        if protected != root && out.starts_with(&protected) {
            return Err(err(
                &out,
                format!(
                    "refusing to build inside {}; choose a folder of its own, like output/",
                    protected.display()
                ),
            ));
        }
    }
    if out.is_file() {
        return Err(err(&out, "this is a file, not a folder"));
    }
    if out.join(MARKER).is_file() && !force {
        let foreign = unlisted_files(&out)?;
        if let Some(first) = foreign.first() {
            return Err(err(
                &out,
                format!(
                    "refusing to replace {}: it holds {} that callsite did not write ({first}); move such files to content/static/ to publish them, or pass --force",
                    out.display(),
                    if foreign.len() == 1 {
                        "a file".to_string()
                    } else {
                        format!("{} files", foreign.len())
                    },
                ),
            ));
        }
    }
    if out.is_dir() && !out.join(MARKER).is_file() && !force {
        let foreign: Vec<String> = std::fs::read_dir(&out)
            .map_err(|e| err(&out, e.to_string()))?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !KEEP.contains(&n.as_str()))
            .collect();
        if !foreign.is_empty() {
            return Err(err(
                &out,
                format!(
                    "refusing to replace a folder callsite did not write (it holds {}); empty it, choose another --output, or pass --force",
                    foreign.first().map_or("files", String::as_str)
                ),
            ));
        }
    }
    Ok(out)
}

/// Files in an output folder that its marker does not list (the marker
/// lists every file the last build wrote). A marker without a list, from
/// an older callsite, lists nothing to compare against.
fn unlisted_files(out: &Path) -> Result<Vec<String>, WriteError> {
    let marker = std::fs::read_to_string(out.join(MARKER)).map_err(|e| err(out, e.to_string()))?;
    let listed: std::collections::HashSet<&str> = marker.lines().skip(1).collect();
    if listed.is_empty() {
        return Ok(Vec::new());
    }
    let mut foreign = Vec::new();
    for entry in walkdir::WalkDir::new(out)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| err(out, e.to_string()))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = crate::fs::display_path(out, entry.path());
        if rel != MARKER && !KEEP.contains(&rel.as_str()) && !listed.contains(rel.as_str()) {
            foreign.push(rel);
        }
    }
    Ok(foreign)
}

/// Writes `files` into `output` (already checked), atomically.
pub fn write(output: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let parent = output
        .parent()
        .ok_or_else(|| err(output, "has no parent folder"))?;
    std::fs::create_dir_all(parent).map_err(|e| err(parent, e.to_string()))?;
    let name = output
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.callsite-new-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| err(&staging, e.to_string()))?;
    }
    let result =
        write_tree(&staging, output, files).and_then(|()| swap(&staging, output, parent, &name));
    if result.is_err() && staging.exists() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn write_tree(staging: &Path, output: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    std::fs::create_dir_all(staging).map_err(|e| err(staging, e.to_string()))?;
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| {
            safe_join(staging, &f.path)
                .ok()?
                .parent()
                .map(Path::to_path_buf)
        })
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(|e| err(d, e.to_string()))?;
    }
    files.par_iter().try_for_each(|f| {
        let target = safe_join(staging, &f.path)?;
        match &f.contents {
            Contents::Bytes(b) => std::fs::write(&target, b),
            Contents::Shared(b) => std::fs::write(&target, b),
            Contents::Embedded(b) => std::fs::write(&target, b),
            Contents::Copy(from) => std::fs::copy(from, &target).map(|_| ()),
        }
        .map_err(|e| err(&target, e.to_string()))
    })?;
    for keep in KEEP {
        let old = output.join(keep);
        if old.is_file() {
            std::fs::copy(&old, staging.join(keep)).map_err(|e| err(&old, e.to_string()))?;
        }
    }
    // The marker lists what this build wrote, so the next one can tell a
    // file someone added (a CNAME, a .git folder) from its own.
    let mut marker = String::from(
        "This folder is written by callsite; it is replaced on every build. Files it wrote:\n",
    );
    let mut paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    paths.sort_unstable();
    for p in paths {
        marker.push_str(p);
        marker.push('\n');
    }
    std::fs::write(staging.join(MARKER), marker).map_err(|e| err(staging, e.to_string()))
}

/// `base/rel`, refusing any `rel` that could leave `base`.
pub fn safe_join(base: &Path, rel: &str) -> Result<PathBuf, WriteError> {
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

fn swap(staging: &Path, output: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    if output.exists() {
        let old = parent.join(format!(".{name}.callsite-old-{}", std::process::id()));
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| err(&old, e.to_string()))?;
        }
        std::fs::rename(output, &old).map_err(|e| err(output, e.to_string()))?;
        if let Err(e) = std::fs::rename(staging, output) {
            let _ = std::fs::rename(&old, output);
            return Err(err(output, e.to_string()));
        }
        std::fs::remove_dir_all(&old).map_err(|e| err(&old, e.to_string()))?;
    } else {
        std::fs::rename(staging, output).map_err(|e| err(output, e.to_string()))?;
    }
    Ok(())
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
