//! What the preview shows and who is told when it changes: the last good
//! site in memory, the current build errors, and the browsers listening on
//! Server-Sent Events.

use crate::fs::OutputFile;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use tokio::sync::{broadcast, watch};

/// A message to open pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A new build is in place: reload.
    Reload(u64),
    /// The last change broke the build: show these diagnostics.
    Errors(String),
    /// The errors are fixed (a reload follows).
    Clear,
}

/// The served site.
#[derive(Default)]
pub struct Snapshot {
    pub files: HashMap<String, OutputFile>,
    pub version: u64,
    /// Diagnostics of the last failed build, as the terminal shows them.
    pub errors: Option<String>,
}

/// Shared between the HTTP handlers and the rebuild loop.
#[derive(Clone)]
pub struct Hub {
    snapshot: Arc<RwLock<Snapshot>>,
    events: broadcast::Sender<Event>,
    /// Whether the search index of the current version is still being
    /// made (after a patch); its files are not served until it is.
    indexing: Arc<watch::Sender<bool>>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub {
            snapshot: Arc::default(),
            events: broadcast::channel(64).0,
            indexing: Arc::new(watch::channel(false).0),
        }
    }
}

impl Hub {
    /// Swaps in a new build and tells every page to reload. Only called
    /// once the whole build has succeeded, so a page never reloads into a
    /// half-built site.
    pub fn publish(&self, files: Vec<OutputFile>) {
        self.swap(|served| *served = files.into_iter().map(|f| (f.path.clone(), f)).collect());
        self.indexing.send_replace(false);
    }

    /// Puts the files a patch changed in place of the old ones and tells
    /// every page to reload; the search index follows with [`Hub::indexed`],
    /// and requests for its files wait for it.
    pub fn patch(&self, files: Vec<OutputFile>) {
        self.indexing.send_replace(true);
        self.swap(|served| served.extend(files.into_iter().map(|f| (f.path.clone(), f))));
    }

    /// The search index of the current version, made after a patch: it
    /// replaces every file of the old one.
    pub fn indexed(&self, files: Vec<OutputFile>) {
        {
            let mut snap = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
            snap.files
                .retain(|path, _| !crate::render::search::is_index_file(path));
            snap.files
                .extend(files.into_iter().map(|f| (f.path.clone(), f)));
        }
        self.indexing.send_replace(false);
    }

    /// Serves the old search index again, when making the new one failed.
    pub fn keep_index(&self) {
        self.indexing.send_replace(false);
    }

    /// Waits until the search index is the current version's.
    pub async fn search_ready(&self) {
        let mut rx = self.indexing.subscribe();
        let _ = rx.wait_for(|busy| !*busy).await;
    }

    /// Changes the served files with `change`, as a new version.
    fn swap(&self, change: impl FnOnce(&mut HashMap<String, OutputFile>)) {
        let (version, had_errors) = {
            let mut snap = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
            change(&mut snap.files);
            snap.version += 1;
            (snap.version, snap.errors.take().is_some())
        };
        if had_errors {
            let _ = self.events.send(Event::Clear);
        }
        let _ = self.events.send(Event::Reload(version));
    }

    /// Keeps the last good site and shows the errors on every open page.
    pub fn fail(&self, errors: String) {
        self.snapshot
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .errors = Some(errors.clone());
        let _ = self.events.send(Event::Errors(errors));
    }

    /// Events from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    /// The current build errors and site version.
    pub fn state(&self) -> (Option<String>, u64) {
        let snap = self.snapshot.read().unwrap_or_else(|e| e.into_inner());
        (snap.errors.clone(), snap.version)
    }

    /// The bytes of a served file, if the site has it.
    pub fn file(&self, path: &str) -> Option<std::io::Result<Vec<u8>>> {
        let snap = self.snapshot.read().unwrap_or_else(|e| e.into_inner());
        let file = snap.files.get(path)?;
        Some(file.contents.bytes().map(|b| b.into_owned()))
    }

    /// Whether the site has a file at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .files
            .contains_key(path)
    }
}
