//! What `serve` keeps of the search index between rebuilds, so an edit
//! costs the pages it changed rather than a reading of every page: the
//! word pool (its ids stay valid from build to build) and what each page
//! was read into, by the very bytes it was read from (the page cache hands
//! an unchanged page back as the same shared bytes).

use super::vocabulary::{Pool, Terms};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// One marked part of a page, as read.
#[derive(Clone)]
pub struct Read {
    pub id: Option<String>,
    pub title: String,
    /// The local whose ids `terms` uses.
    pub local: u32,
    pub terms: Terms,
    pub len: u32,
}

/// A page's bytes and what they were read into.
type Kept = (Arc<[u8]>, Arc<[Read]>);

/// Kept by `serve`'s render cache; a full build has none.
#[derive(Default)]
pub struct Memory {
    pub(super) pool: Pool,
    pages: Mutex<HashMap<String, Kept>>,
}

impl Memory {
    /// What the page at `route` was read into, if its bytes are the same.
    pub(super) fn recall(&self, route: &str, bytes: &Arc<[u8]>) -> Option<Arc<[Read]>> {
        let pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        let (kept, reads) = pages.get(route)?;
        Arc::ptr_eq(kept, bytes).then(|| reads.clone())
    }

    /// Remembers what a page was read into.
    pub(super) fn keep(&self, route: &str, bytes: &Arc<[u8]>, reads: Arc<[Read]>) {
        self.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(route.to_string(), (bytes.clone(), reads));
    }

    /// Forgets pages no longer in the site.
    pub(super) fn retain(&self, routes: &HashSet<String>) {
        self.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|r, _| routes.contains(r));
    }
}
