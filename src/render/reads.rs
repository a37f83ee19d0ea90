//! Which pages read which part of which body, noted while a `serve` build
//! renders, so that an edit to one body re-renders the pages that read the
//! part that changed and nothing else.
//!
//! Nothing is listed by hand: every page reads bodies through `Bodies`,
//! whose accessors note the read against the page being rendered on that
//! thread (pages render on one thread each, and nothing inside a page's
//! render hands work to another). A value made once and shared by several
//! pages (a meeting's list entry) keeps what it read ([`making`]), and
//! each page that takes it notes those reads as its own ([`Reads::again`]).

use std::cell::RefCell;

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
    /// The reads of the shared value being made on this thread, if any.
    static MAKING: RefCell<Option<Vec<(String, Part)>>> = const { RefCell::new(None) };
}

/// What a value shared between pages read while it was made.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Made(Vec<(String, Part)>);

/// Makes a value several pages will share, keeping what it reads.
pub fn making<T>(make: impl FnOnce() -> T) -> (T, Made) {
    let outer = MAKING.with(|m| m.replace(Some(Vec::new())));
    let value = make();
    let read = MAKING.with(|m| m.replace(outer)).unwrap_or_default();
    // A value made while making another was read by that one too.
    MAKING.with(|m| {
        if let Some(outer) = m.borrow_mut().as_mut() {
            outer.extend(read.iter().cloned());
        }
    });
    (value, Made(read))
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
        MAKING.with(|m| {
            if let Some(made) = m.borrow_mut().as_mut() {
                made.push((id.to_string(), part));
            }
        });
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

    /// Notes what a shared value read when it was made against the page
    /// that takes it now.
    pub fn again(&self, made: &Made) {
        for (id, part) in &made.0 {
            self.note(id, *part);
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

    #[test]
    fn a_shared_value_passes_its_reads_to_every_page_that_takes_it() {
        let reads = Reads::default();
        let ((), made) = as_page(1, || making(|| reads.note("a.md", Part::Summary)));
        as_page(4, || reads.again(&made));
        as_page(2, || reads.note("b.md", Part::Html));
        assert_eq!(reads.readers("a.md", &[Part::Summary]), vec![1, 4]);
        assert!(reads.readers("b.md", &[Part::Html]) == vec![2]);
        // Made inside another: the outer one read it too.
        let (((), inner), outer) = making(|| making(|| reads.note("c.md", Part::Decisions)));
        assert_eq!(inner, outer);
        assert_eq!(making(|| ()).1, Made::default());
    }
}
