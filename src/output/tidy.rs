//! Removing a tree a build wrote, one listed file at a time. Nothing here
//! calls `remove_dir_all`: a folder is removed only once it is empty, so a
//! file callsite did not write stops the removal instead of being lost.

use super::inventory::Listing;
use super::{MARKER, MARKER_TMP, safe_join};
use std::io::ErrorKind;
use std::path::Path;

/// Deletes the files `dir`'s marker lists, then the marker, then every
/// folder left empty, `dir` included. On failure says what is left and
/// why; the marker stays while a listed file does, so a later run still
/// knows those files are callsite's.
pub fn remove(dir: &Path) -> Result<(), String> {
    let listing = Listing::read(dir).map_err(|e| e.to_string())?;
    let mut failed = Vec::new();
    if let Listing::Listed { files, .. } = &listing {
        for rel in files {
            let Ok(path) = safe_join(dir, rel) else {
                continue;
            };
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_file() => {
                    if let Err(e) = std::fs::remove_file(&path) {
                        failed.push(format!("{}: {e}", path.display()));
                    }
                }
                // A path too long to exist was never written.
                Err(e) if !matches!(e.kind(), ErrorKind::NotFound | ErrorKind::InvalidFilename) => {
                    failed.push(format!("{}: {e}", path.display()));
                }
                // Gone already, or no longer the file the build wrote.
                _ => {}
            }
        }
    }
    if failed.is_empty() {
        for name in [MARKER, MARKER_TMP] {
            let path = dir.join(name);
            if let Err(e) = std::fs::remove_file(&path)
                && e.kind() != ErrorKind::NotFound
            {
                failed.push(format!("{}: {e}", path.display()));
            }
        }
    }
    remove_empty_dirs(dir);
    if std::fs::symlink_metadata(dir).is_err() {
        return Ok(());
    }
    failed.sort();
    Err(match failed.first() {
        Some(first) => format!(
            "could not remove {} (the previous site): {first}{}; the next build tries again",
            dir.display(),
            if failed.len() > 1 {
                format!(" and {} more", failed.len() - 1)
            } else {
                String::new()
            }
        ),
        None => format!(
            "kept {}: it holds files callsite did not write; move what you need out of it and delete it",
            dir.display()
        ),
    })
}

/// Removes the empty folders under `dir` and `dir` itself if empty,
/// deepest first; a folder that is not empty stays.
fn remove_empty_dirs(dir: &Path) {
    let dirs = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .contents_first(true)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir());
    for d in dirs {
        let _ = std::fs::remove_dir(d.path());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let tree = dir.path().join("tree");
        for rel in ["a/index.html", "a/mine.txt", "b/index.html"] {
            let p = tree.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        std::fs::write(tree.join(MARKER), "header\na/index.html\nb/index.html\n").unwrap();
        let left = remove(&tree).unwrap_err();
        assert!(left.contains("did not write"), "{left}");
        assert!(tree.join("a/mine.txt").is_file());
        assert!(!tree.join("b").exists() && !tree.join("a/index.html").exists());

        std::fs::remove_file(tree.join("a/mine.txt")).unwrap();
        assert_eq!(remove(&tree), Ok(()));
        assert!(!tree.exists());
    }
}
