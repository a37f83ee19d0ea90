//! Each meeting's list entry (the theme's `occurrence.html`), rendered once
//! per build and shared by every page that lists the meeting: its month,
//! the calendar, the home page, its topics' and its CoC's pages and its
//! call's page. At a thousand weekly calls a meeting is listed on five or
//! more pages, and rendering its entry again for each was most of the
//! time spent on those pages.

use super::reads::{self, Made, Reads};
use super::template::Theme;
use super::views::{Listed, OccurrenceView};
use crate::diagnostics::Diagnostic;
use crate::schedule::{Calendar, Occurrence};
use std::sync::OnceLock;

/// The template of one meeting in a list.
pub const TEMPLATE: &str = "occurrence.html";

/// One entry, made the first time a page asks for it, with the body parts
/// it read (none today); `[plain, dated]`. The rare problem is boxed: a
/// slot per meeting and variant is made up front, and an inline
/// diagnostic made them 300 bytes a meeting (15 MB at a thousand calls).
type Slots = [OnceLock<(Result<Listed, Box<Diagnostic>>, Made)>; 2];

/// The entries of the calendar's meetings.
#[derive(Default)]
pub struct Fragments {
    /// Per call, per occurrence in the calendar's order.
    slots: Vec<Vec<Slots>>,
}

impl Fragments {
    /// Empty slots for every meeting of `calendar`'s first `calls` calls.
    pub fn new(calendar: &Calendar, calls: usize) -> Fragments {
        Fragments {
            slots: (0..calls)
                .map(|i| calendar.of(i).iter().map(|_| Default::default()).collect())
                .collect(),
        }
    }

    /// The entry of `o`, a meeting of the call at `call`, `dated` or not:
    /// shared when `o` is one of the calendar's, made by `make` otherwise
    /// (a past meeting rebuilt from its records). With `reads`, a page
    /// that takes a shared entry notes what making it read.
    pub fn get(
        &self,
        calendar: &Calendar,
        (call, o, dated): (usize, &Occurrence, bool),
        reads: Option<&Reads>,
        make: impl FnOnce() -> Result<Listed, Diagnostic>,
    ) -> Result<Listed, Diagnostic> {
        let slot = calendar
            .index_in_call(call, o)
            .and_then(|k| self.slots.get(call)?.get(k))
            .map(|s| &s[usize::from(dated)]);
        match slot {
            Some(slot) => {
                let (entry, made) = slot.get_or_init(|| {
                    let (entry, made) = reads::making(make);
                    (entry.map_err(Box::new), made)
                });
                if let Some(reads) = reads {
                    reads.again(made);
                }
                entry.clone().map_err(|d| *d)
            }
            None => make(),
        }
    }
}

/// Renders one entry with `o`, `dated` (a call's own page, where the date
/// leads and the call's title is left out) and `site`.
pub fn render(
    theme: &Theme,
    site: &tera::Value,
    view: &OccurrenceView,
    dated: bool,
) -> Result<Listed, Diagnostic> {
    let mut context = tera::Context::new();
    context.insert("o", view);
    context.insert("dated", &dated);
    context.insert_value("site", site.clone());
    Ok(Listed::new(&theme.render(TEMPLATE, &context)?))
}
