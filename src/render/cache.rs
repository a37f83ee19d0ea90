//! What `serve` keeps between rebuilds so that an edit re-renders only
//! what depends on it.
//!
//! Keys are computed from what is rendered, never listed by hand: a
//! Markdown body is reused when everything `markdown::render` reads is
//! unchanged (its text, place, options, redactions and the table of
//! content links); a page when the hash of its template, the site values
//! and its whole view is unchanged. Feeds are always rendered. A full
//! build uses no cache, and tests check that both give the same bytes.

use super::views::Listed;
use crate::fs::{Contents, OutputFile};
use crate::markdown::Rendered;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

/// List entries by key.
type Entries = HashMap<u64, Listed>;

/// A value with the key it was made under.
type Keyed<T> = Mutex<HashMap<String, (u64, T)>>;

/// Rendered bodies and record pages of the previous build.
#[derive(Default)]
pub struct RenderCache {
    bodies: Keyed<Arc<Rendered>>,
    pages: Keyed<Arc<[u8]>>,
    /// Meetings' list entries by the hash of everything they show: those
    /// of the previous build, and those this build used.
    fragments: Mutex<(Entries, Entries)>,
    /// The search index's words and what each page was read into.
    pub search: super::search::memory::Memory,
    /// Which pages read which bodies, for an edit to re-render only those.
    pub reads: super::reads::Reads,
}

/// A 64-bit hash of anything hashable.
pub fn hash_of(value: &impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

impl RenderCache {
    /// The body rendered for `file` under `key`, if unchanged.
    pub fn body(&self, file: &str, key: u64) -> Option<Arc<Rendered>> {
        let bodies = self.bodies.lock().unwrap_or_else(|e| e.into_inner());
        bodies
            .get(file)
            .filter(|(k, _)| *k == key)
            .map(|(_, r)| r.clone())
    }

    /// The body last rendered for `file`, whatever its key.
    pub fn last_body(&self, file: &str) -> Option<Arc<Rendered>> {
        let bodies = self.bodies.lock().unwrap_or_else(|e| e.into_inner());
        bodies.get(file).map(|(_, r)| r.clone())
    }

    /// Remembers a rendered body.
    pub fn put_body(&self, file: &str, key: u64, rendered: &Arc<Rendered>) {
        self.bodies
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(file.to_string(), (key, rendered.clone()));
    }

    /// The list entry made under `key`, by this build or the previous one.
    pub fn fragment(&self, key: u64) -> Option<Listed> {
        let mut f = self.fragments.lock().unwrap_or_else(|e| e.into_inner());
        let (previous, used) = &mut *f;
        let entry = used.get(&key).or_else(|| previous.get(&key))?.clone();
        used.insert(key, entry.clone());
        Some(entry)
    }

    /// Remembers a list entry.
    pub fn put_fragment(&self, key: u64, entry: &Listed) {
        let mut f = self.fragments.lock().unwrap_or_else(|e| e.into_inner());
        f.1.insert(key, entry.clone());
    }

    /// The bytes of the page at `path` rendered under `key`, if unchanged.
    pub fn page(&self, path: &str, key: u64) -> Option<Arc<[u8]>> {
        let pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        pages
            .get(path)
            .filter(|(k, _)| *k == key)
            .map(|(_, b)| b.clone())
    }

    /// Remembers a rendered page.
    pub fn put_page(&self, path: &str, key: u64, bytes: &Arc<[u8]>) {
        self.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), (key, bytes.clone()));
    }

    /// Hands a freshly rendered page to the cache, sharing its bytes.
    pub fn share(&self, key: u64, file: OutputFile) -> OutputFile {
        match file.contents {
            Contents::Bytes(b) => {
                let shared: Arc<[u8]> = b.into();
                self.put_page(&file.path, key, &shared);
                OutputFile {
                    path: file.path,
                    contents: Contents::Shared(shared),
                }
            }
            contents => OutputFile {
                path: file.path,
                contents,
            },
        }
    }

    /// Forgets what the last build no longer has.
    pub fn retain(
        &self,
        bodies: &std::collections::HashSet<&str>,
        pages: &std::collections::HashSet<String>,
    ) {
        self.bodies
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|k, _| bodies.contains(k.as_str()));
        self.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|k, _| pages.contains(k));
        let mut f = self.fragments.lock().unwrap_or_else(|e| e.into_inner());
        f.0 = std::mem::take(&mut f.1);
    }
}
