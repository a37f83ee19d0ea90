//! Which pages read which part of which body, noted while a `serve` build
//! renders, so that an edit to one body re-renders the pages that read the
//! part that changed and nothing else.
//!
//! Nothing is listed by hand: every page reads bodies through `Bodies`,
//! whose accessors note the read against the page being rendered on that
//! thread (pages render on one thread each, and nothing inside a page's
//! render hands work to another).

use std::cell::Cell;
use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

/// The part of a rendered body a page reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Html,
    Summary,
    Decisions,
}

thread_local! {
    /// The plan position of the page this thread is rendering.
    static PAGE: Cell<Option<usize>> = const { Cell::new(None) };
}

/// Runs `render` as the page at plan position `at`: the bodies it reads
/// are noted against it.
pub fn as_page<T>(at: usize, render: impl FnOnce() -> T) -> T {
    let outer = PAGE.with(|p| p.replace(Some(at)));
    let out = render();
    PAGE.with(|p| p.set(outer));
    out
}

/// Readers by body id and part. Positions are those of the plan of the
/// build that noted them; a build with a new plan starts afresh.
#[derive(Default)]
pub struct Reads {
    readers: Mutex<HashMap<String, BTreeSet<(Part, usize)>>>,
}

impl Reads {
    /// Forgets every read, before a build that renders every page again.
    pub fn clear(&self) {
        self.readers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Notes that the page being rendered on this thread reads `part` of
    /// body `id`. Reads outside a page (the bodies' own diagnostics) are
    /// not noted.
    pub fn note(&self, id: &str, part: Part) {
        let Some(at) = PAGE.with(Cell::get) else {
            return;
        };
        let mut readers = self.readers.lock().unwrap_or_else(|e| e.into_inner());
        match readers.get_mut(id) {
            Some(set) => {
                set.insert((part, at));
            }
            None => {
                readers.insert(id.to_string(), BTreeSet::from([(part, at)]));
            }
        }
    }

    /// The plan positions of the pages that read any of `parts` of body
    /// `id`, in plan order.
    pub fn readers(&self, id: &str, parts: &[Part]) -> Vec<usize> {
        let readers = self.readers.lock().unwrap_or_else(|e| e.into_inner());
        let mut out: Vec<usize> = readers
            .get(id)
            .into_iter()
            .flatten()
            .filter(|(part, _)| parts.contains(part))
            .map(|(_, at)| *at)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_noted_against_the_page_being_rendered() {
        let reads = Reads::default();
        reads.note("a.md", Part::Html);
        as_page(3, || {
            reads.note("a.md", Part::Summary);
            as_page(7, || reads.note("a.md", Part::Html));
            reads.note("b.md", Part::Decisions);
        });
        assert_eq!(reads.readers("a.md", &[Part::Html]), vec![7]);
        assert_eq!(
            reads.readers("a.md", &[Part::Html, Part::Summary]),
            vec![3, 7]
        );
        assert_eq!(reads.readers("b.md", &[Part::Decisions]), vec![3]);
        reads.clear();
        assert!(reads.readers("a.md", &[Part::Html]).is_empty());
    }
}
