//! What a folder callsite writes holds: the files its marker says a build
//! wrote, and everything else. Everything else is "foreign" and is never
//! deleted; it is grouped into the largest subtrees that hold nothing of
//! callsite's, so that keeping it costs one rename per subtree.

use super::{MARKER, MARKER_TMP};
use crate::error::Error;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What a folder's marker says about the files in it.
pub enum Listing {
    /// No marker: nothing in the folder is callsite's.
    Missing,
    /// A marker without a file list (from an older callsite, or emptied):
    /// callsite cannot tell its files from others, so none count as its own.
    Unlisted,
    /// The files the last build wrote, `/`-separated, and their folders.
    Listed {
        files: HashSet<String>,
        dirs: HashSet<String>,
    },
}

impl Listing {
    /// Reads the marker of `dir`.
    pub fn read(dir: &Path) -> Result<Listing, Error> {
        let path = dir.join(MARKER);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_file() => {}
            Ok(_) => return Ok(Listing::Missing),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Listing::Missing),
            Err(e) => return Err(Error::io(&path, e)),
        }
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let files: HashSet<String> = text
            .lines()
            .skip(1)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        if files.is_empty() {
            return Ok(Listing::Unlisted);
        }
        let mut dirs = HashSet::new();
        for f in &files {
            let mut at = f.as_str();
            while let Some((parent, _)) = at.rsplit_once('/') {
                if !dirs.insert(parent.to_string()) {
                    break;
                }
                at = parent;
            }
        }
        Ok(Listing::Listed { files, dirs })
    }

    /// Whether the regular file at `rel` is one callsite wrote.
    fn owns_file(&self, rel: &str) -> bool {
        if rel == MARKER || rel == MARKER_TMP {
            return true;
        }
        matches!(self, Listing::Listed { files, .. } if files.contains(rel))
    }

    /// Whether the folder at `rel` may hold a file callsite wrote.
    fn may_own_under(&self, rel: &str) -> bool {
        matches!(self, Listing::Listed { dirs, .. } if dirs.contains(rel))
    }
}

/// A foreign entry of a folder: a file, a symlink, or a folder holding
/// nothing callsite wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Relative to the folder.
    pub rel: PathBuf,
    /// A real folder (not a symlink to one).
    pub dir: bool,
}

impl Unit {
    /// `rel` as the build names paths: `/`-separated, folders ending in `/`.
    pub fn display(&self) -> String {
        let mut s = key(&self.rel);
        if self.dir {
            s.push('/');
        }
        s
    }
}

/// `rel` as a `/`-separated key, the form the marker lists.
pub fn key(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The foreign units of `dir`, sorted by path; none if it does not exist.
pub fn foreign(dir: &Path, listing: &Listing) -> Result<Vec<Unit>, Error> {
    let mut units = Vec::new();
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        collect(dir, Path::new(""), listing, &mut units)?;
    }
    Ok(units)
}

/// Adds the foreign units under `dir` (at `rel` in the folder) and says
/// whether `dir` holds a file callsite wrote.
fn collect(
    dir: &Path,
    rel: &Path,
    listing: &Listing,
    units: &mut Vec<Unit>,
) -> Result<bool, Error> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .collect::<Result<_, _>>()
        .map_err(|e| Error::io(dir, e))?;
    entries.sort_by_key(|e| e.file_name());
    let mut owns = false;
    for entry in entries {
        let child = rel.join(entry.file_name());
        let name = key(&child);
        let kind = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
        if kind.is_dir() {
            let mut inner = Vec::new();
            if listing.may_own_under(&name) && collect(&entry.path(), &child, listing, &mut inner)?
            {
                owns = true;
                units.extend(inner);
            } else {
                units.push(Unit {
                    rel: child,
                    dir: true,
                });
            }
        } else if kind.is_file() && listing.owns_file(&name) {
            owns = true;
        } else {
            units.push(Unit {
                rel: child,
                dir: false,
            });
        }
    }
    Ok(owns)
}

/// The first few of `units` for a message: `CNAME, .git/ and 3 more`.
pub fn names(units: &[&Unit]) -> String {
    const SHOWN: usize = 4;
    let mut text = units
        .iter()
        .take(SHOWN)
        .map(|u| u.display())
        .collect::<Vec<_>>()
        .join(", ");
    if units.len() > SHOWN {
        text.push_str(&format!(" and {} more", units.len() - SHOWN));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(root: &Path, rel: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "x").unwrap();
    }

    #[test]
    fn foreign_subtrees_are_grouped_and_listed_files_are_not_foreign() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join(MARKER),
            "header\nindex.html\ncalls/a/index.html\n",
        )
        .unwrap();
        for rel in [
            "index.html",
            "calls/a/index.html",
            "calls/a/notes.txt",
            "calls/b/index.html",
            ".git/HEAD",
            ".git/objects/ab/cd",
            "CNAME",
        ] {
            touch(root, rel);
        }
        let listing = Listing::read(root).unwrap();
        let units: Vec<String> = foreign(root, &listing)
            .unwrap()
            .iter()
            .map(Unit::display)
            .collect();
        assert_eq!(units, [".git/", "CNAME", "calls/a/notes.txt", "calls/b/"]);
    }

    #[test]
    fn a_marker_without_a_list_owns_nothing_but_itself() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MARKER), "header only\n").unwrap();
        touch(dir.path(), "index.html");
        let listing = Listing::read(dir.path()).unwrap();
        assert!(matches!(listing, Listing::Unlisted));
        let units = foreign(dir.path(), &listing).unwrap();
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].display(), "index.html");
    }
}
