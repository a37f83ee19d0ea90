//! Watching `content/` and `themes/` for changes, with notify's event types
//! kept behind one small function.
//!
//! Editors save in odd ways: vim and Helix write a temp file and rename it
//! over the original (and vim probes with a file named `4913`), Emacs
//! leaves `#x#` and `.#x` lock files, others leave `x~` backups. We only
//! care that something under the watched folders changed, so every event
//! counts except those on editor litter; the debouncer then waits for the
//! storm (an atomic save, a `git checkout` of 500 files) to settle before
//! one rebuild.

use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

/// How long the tree must be quiet before a rebuild.
pub const QUIET: Duration = Duration::from_millis(30);
/// A rebuild happens at the latest this long after the first change, even
/// if changes keep coming.
pub const MAX_WAIT: Duration = Duration::from_secs(2);

/// Keeps the watcher alive; dropping it stops watching.
pub enum Watch {
    Native(RecommendedWatcher),
    Poll(notify::PollWatcher),
}

/// Starts watching `dirs`; falls back to polling when native watching
/// fails (network file systems, some containers) or when asked to.
pub fn start(dirs: &[PathBuf], poll: bool) -> notify::Result<(Watch, Receiver<PathBuf>)> {
    let (tx, rx) = channel();
    let handler = move |tx: &Sender<PathBuf>, res: notify::Result<notify::Event>| {
        // Reading files (our own rebuild does) raises access events; only
        // changes count.
        if let Ok(event) = res
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            for path in event.paths {
                if !is_litter(&path) {
                    let _ = tx.send(path);
                }
            }
        }
    };
    if !poll {
        let t = tx.clone();
        let native =
            RecommendedWatcher::new(move |res| handler(&t, res), notify::Config::default());
        if let Ok(mut w) = native
            && dirs
                .iter()
                .all(|d| !d.is_dir() || w.watch(d, RecursiveMode::Recursive).is_ok())
        {
            return Ok((Watch::Native(w), rx));
        }
        eprintln!("native file watching is unavailable here; polling for changes instead");
    }
    let config = notify::Config::default()
        .with_poll_interval(Duration::from_millis(250))
        .with_compare_contents(true);
    let mut w = notify::PollWatcher::new(move |res| handler(&tx, res), config)?;
    for d in dirs.iter().filter(|d| d.is_dir()) {
        w.watch(d, RecursiveMode::Recursive)?;
    }
    Ok((Watch::Poll(w), rx))
}

fn is_litter(path: &Path) -> bool {
    path.file_name()
        .map(|n| crate::fs::is_editor_litter(&n.to_string_lossy()))
        .unwrap_or(false)
}

/// Blocks until a change arrives, then until the tree has been quiet for
/// [`QUIET`] (or [`MAX_WAIT`] has passed); returns the changed paths, or
/// `None` when the watcher is gone.
pub fn next_batch(rx: &Receiver<PathBuf>) -> Option<Vec<PathBuf>> {
    let first = rx.recv().ok()?;
    let started = Instant::now();
    let mut batch = vec![first];
    loop {
        let left = MAX_WAIT.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Some(batch);
        }
        match rx.recv_timeout(QUIET.min(left)) {
            Ok(p) => batch.push(p),
            Err(RecvTimeoutError::Timeout) => return Some(batch),
            Err(RecvTimeoutError::Disconnected) => return Some(batch),
        }
    }
}
