//! What `serve` keeps between rebuilds so that an edit re-renders only
//! what depends on it.
//!
//! Dependencies are explicit: a Markdown body is reused when its text, its
//! position in the file and the table of content links are unchanged; a
//! minutes or agenda page when a fingerprint of everything it shows (the
//! record, its call's title and times, its neighbours in the call's
//! minutes, its agenda or minutes counterpart, the site settings, the
//! templates and "now") is unchanged. Everything else is rendered again on
//! every rebuild. A full build uses no cache, and tests check that both
//! give the same bytes.

use crate::markdown::Rendered;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

/// A value with the key it was made under.
type Keyed<T> = Mutex<HashMap<String, (u64, T)>>;

/// Rendered bodies and record pages of the previous build.
#[derive(Default)]
pub struct RenderCache {
    bodies: Keyed<Arc<Rendered>>,
    pages: Keyed<Arc<[u8]>>,
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

    /// Remembers a rendered body.
    pub fn put_body(&self, file: &str, key: u64, rendered: &Arc<Rendered>) {
        self.bodies
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(file.to_string(), (key, rendered.clone()));
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
    }
}
