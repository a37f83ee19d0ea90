//! Where each front-matter field's value sits in its file, kept on every
//! record: later stages point at the field (or list item) they reject.

use crate::diagnostics::Pos;
use std::collections::BTreeMap;

/// Where each field's value sits in the file, kept on every record so that
/// later stages (model, schedule) can point at the field they reject.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldPositions(BTreeMap<String, Pos>);

impl FieldPositions {
    /// The positions a front matter reader found.
    pub(super) fn from_map(at: BTreeMap<String, Pos>) -> Self {
        FieldPositions(at)
    }

    /// The position of `field`'s value, or of the file's first line when the
    /// field is absent (a missing field is a problem of the whole file).
    pub fn of(&self, field: &str) -> Pos {
        self.0
            .get(field)
            .copied()
            .unwrap_or(Pos { line: 1, column: 1 })
    }

    /// The position of `field`'s value if the field is present.
    pub fn get(&self, field: &str) -> Option<Pos> {
        self.0.get(field).copied()
    }

    /// The position of item `i` of the list `field`, or of the field.
    pub fn of_item(&self, field: &str, i: usize) -> Pos {
        self.get(&Self::item_key(field, i))
            .unwrap_or_else(|| self.of(field))
    }

    /// The key of item `i` of the list `field`.
    pub(super) fn item_key(field: &str, i: usize) -> String {
        format!("{field}[{i}]")
    }

    /// Adds a nested section's positions as `section.field`, so a rule
    /// about `calendar.organizer` can point at its line.
    pub fn nest(&mut self, section: &str, inner: FieldPositions) {
        for (k, v) in inner.0 {
            self.0.insert(format!("{section}.{k}"), v);
        }
    }
}
