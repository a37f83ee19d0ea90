//! `content/pages/ID.md`: free pages such as "about" and "privacy".

use super::Body;
use crate::front_matter::fields::{FieldPositions, Fields};

/// A free page at `/ID/`.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub id: String,
    pub file: String,
    pub title: String,
    pub order: Option<u32>,
    /// Listed in the site menu.
    pub nav: bool,
    pub draft: bool,
    pub body: Body,
    pub at: FieldPositions,
}

/// The fields of a page.
pub const FIELDS: &[&str] = &["id", "title", "order", "nav", "draft"];

/// URLs the site itself uses; a page with one of these ids would hide it.
pub const RESERVED: &[&str] = &[
    "calendar",
    "calls",
    "minutes",
    "agendas",
    "faq",
    "cocs",
    "decisions",
    "static",
    "search",
    "request",
    "announcements",
    "tags",
    "embed",
    "subscribe",
];

/// Reads a page.
pub fn read(f: &mut Fields, id: String, body: Body) -> Option<Page> {
    let title = f.required_text("title", "About the network");
    Some(Page {
        order: f.count("order", 1),
        nav: f.switch("nav", false, false),
        draft: f.switch("draft", false, true),
        at: f.positions(),
        file: f.file().to_string(),
        id,
        title: title?,
        body,
    })
}
