//! The folder a build writes into while it renders, and its marker: the
//! list of every file written there, each path noted before its file.

use super::{MARKER, MARKER_HEADER, Target, err, parent_and_name, safe_join, swap, tidy};
use crate::error::Error;
use crate::fs::{Contents, OutputFile, Sink};
use crate::fxhash::FxHashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

/// The fresh folder beside the output that a build writes into while it
/// renders. Dropped before [`super::finish`] (an error, a failed render, a
/// panic), it is removed and the output stays as it was.
pub struct Staging {
    pub(super) dir: PathBuf,
    /// The output, to name a file that cannot be written by its place there.
    output: PathBuf,
    /// The marker, open for appending: each file's path goes in before the
    /// file, so a build killed midway leaves a folder whose marker lists
    /// everything in it, which the next build removes (see `swap::recover`).
    journal: Mutex<Option<std::fs::File>>,
    /// The paths the plan announced, noted in the marker in one write
    /// before rendering (see [`Sink::expect`]): their files need no write
    /// of their own to the marker, which cost a system call per page.
    expected: OnceLock<FxHashSet<String>>,
    /// Folders made (or found) so far: a page's folder is asked for once,
    /// not with a failing `mkdir` and a `stat` for every file in it.
    folders: Mutex<FxHashSet<PathBuf>>,
    /// Set once the marker is closed: a file written after that would be
    /// in no list, planned or not. (The marker's own `None` says the same,
    /// but reading it takes the lock every page's write would wait on.)
    closed: AtomicBool,
    pub(super) done: bool,
}

impl Staging {
    /// Makes this process's staging folder for `target`.
    pub fn create(target: &Target) -> Result<Staging, Error> {
        let output = target.path.as_path();
        let (parent, name) = parent_and_name(output)?;
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let dir = swap::staging(parent, &name);
        std::fs::create_dir(&dir).map_err(|e| {
            err(&dir, format!("cannot make the staging folder ({e}); if it is left from an earlier build, move out what you need and delete it"))
        })?;
        let marker = dir.join(MARKER);
        let journal = std::fs::OpenOptions::new()
            .append(true)
            .create_new(true)
            .open(&marker)
            .and_then(|mut f| f.write_all(MARKER_HEADER.as_bytes()).map(|()| f))
            .map_err(|e| Error::io(&marker, e));
        let journal = match journal {
            Ok(file) => file,
            Err(e) => {
                // Nothing is in the folder yet: it goes, not left for a
                // later build to find.
                let _ = std::fs::remove_dir_all(&dir);
                return Err(e);
            }
        };
        let staging = Staging {
            dir,
            output: output.to_path_buf(),
            journal: Mutex::new(Some(journal)),
            expected: OnceLock::new(),
            folders: Mutex::default(),
            closed: AtomicBool::new(false),
            done: false,
        };
        Ok(staging)
    }

    /// Notes `text` (paths, each ending in a line feed) in the marker.
    fn journal(&self, text: &str) -> Result<(), Error> {
        let mut file = self.journal.lock().unwrap_or_else(|e| e.into_inner());
        let marker = || self.dir.join(MARKER);
        let file = file
            .as_mut()
            .ok_or_else(|| err(&marker(), "the build has finished"))?;
        file.write_all(text.as_bytes())
            .map_err(|e| Error::io(marker(), e))
    }

    /// Closes the marker (a file still open cannot be replaced or removed
    /// everywhere).
    pub(super) fn close(&self) {
        self.closed.store(true, Ordering::Release);
        self.journal
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
    }

    /// Makes `folder` and its parents unless this build already has.
    fn make_folder(&self, folder: &Path, shown: impl Fn() -> PathBuf) -> Result<(), Error> {
        let known = |f: &Path| {
            let folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
            folders.contains(f)
        };
        if known(folder) {
            return Ok(());
        }
        std::fs::create_dir_all(folder).map_err(|e| Error::io(shown(), e))?;
        let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
        folders.insert(folder.to_path_buf());
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        self.close();
        if !self.done {
            let _ = tidy::remove(&self.dir);
        }
    }
}

impl Sink for Staging {
    /// Notes every path in the marker at once. A later call (there is
    /// none in a build) notes its paths without sparing their own notes.
    fn expect(&self, paths: &mut dyn Iterator<Item = String>) -> Result<(), Error> {
        // A path `put` would refuse is not noted: every line of the marker
        // names a place inside the folder.
        let paths: Vec<String> = paths.filter(|p| safe_join(&self.dir, p).is_ok()).collect();
        let mut text = String::with_capacity(paths.iter().map(|p| p.len() + 1).sum());
        for path in &paths {
            text.push_str(path);
            text.push('\n');
        }
        self.journal(&text)?;
        let _ = self.expected.set(paths.into_iter().collect());
        Ok(())
    }

    /// Writes one file. A failure names what the user knows: the source of
    /// a copied file, or the file's place in the output.
    fn put(&self, file: OutputFile) -> Result<(), Error> {
        let target = safe_join(&self.dir, &file.path)?;
        let shown = || self.output.join(&file.path);
        if !(self.expected.get()).is_some_and(|e| e.contains(&file.path)) {
            self.journal(&format!("{}\n", file.path))?;
        } else if self.closed.load(Ordering::Acquire) {
            return Err(err(&self.dir.join(MARKER), "the build has finished"));
        }
        if let Some(parent) = target.parent() {
            self.make_folder(parent, shown)?;
        }
        match &file.contents {
            Contents::Bytes(b) => std::fs::write(&target, b).map_err(|e| Error::io(shown(), e)),
            Contents::Shared(b) => std::fs::write(&target, b).map_err(|e| Error::io(shown(), e)),
            Contents::Embedded(b) => std::fs::write(&target, b).map_err(|e| Error::io(shown(), e)),
            Contents::Copy(from) => {
                let mut source = std::fs::File::open(from).map_err(|e| Error::io(from, e))?;
                let mut copy = std::fs::File::create(&target).map_err(|e| Error::io(shown(), e))?;
                std::io::copy(&mut source, &mut copy)
                    .map(|_| ())
                    .map_err(|e| Error::io(from, e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The marker's paths, header left out.
    fn marker(dir: &Path) -> Vec<String> {
        let text = std::fs::read_to_string(dir.join(MARKER)).unwrap_or_default();
        text.lines().skip(1).map(str::to_string).collect()
    }

    /// The marker names only places inside the folder, each before its
    /// file is written, and nothing is written once it is closed.
    #[test]
    fn every_file_is_in_the_marker_before_it_is_written_and_gone_with_the_folder() {
        let root = tempfile::tempdir().expect("temp dir");
        let target = super::super::prepare(root.path(), &root.path().join("out"), false)
            .expect("an output beside the site");
        let staging = Staging::create(&target).expect("staging");
        let dir = staging.dir.clone();
        let page = |path: &str| OutputFile {
            path: path.to_string(),
            contents: Contents::Bytes(b"x".to_vec()),
        };
        let planned = ["a/index.html", "../outside.html", "a/b/index.html"].map(String::from);
        staging.expect(&mut planned.iter().cloned()).expect("noted");
        assert_eq!(marker(&dir), ["a/index.html", "a/b/index.html"]);
        for path in [
            "a/b/index.html",
            "a/index.html",
            "extra/c.json",
            "extra/d.json",
        ] {
            staging.put(page(path)).expect("written");
        }
        // Noted once each: the planned ones up front, the others as they came.
        assert_eq!(
            marker(&dir),
            [
                "a/index.html",
                "a/b/index.html",
                "extra/c.json",
                "extra/d.json"
            ]
        );
        assert!(dir.join("a/b/index.html").is_file() && dir.join("extra/d.json").is_file());
        staging.close();
        for late in ["a/index.html", "extra/e.json"] {
            assert!(
                staging.put(page(late)).is_err(),
                "{late} written after the end"
            );
        }
        drop(staging);
        assert!(!dir.exists(), "an unfinished build's folder is removed");
    }
}
