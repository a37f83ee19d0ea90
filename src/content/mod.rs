//! Typed content records, one module per kind of file in `content/`.
//!
//! Each kind lists its fields (unknown ones are errors with a suggestion)
//! and reads them through [`crate::front_matter::fields::Fields`], which reports
//! every bad value. A record keeps the positions of its fields so later
//! stages can point at them.

pub mod call;
pub mod coc;
pub mod config;
pub mod faq;
pub mod page;
pub mod placeholders;
pub mod record;
pub mod request;

pub use call::{Call, CallStatus};
pub use coc::Coc;
pub use config::SiteConfig;
pub use faq::{FaqSection, Question};
pub use page::Page;
pub use record::{Record, RecordKind};

/// The Markdown after the front matter, and where it starts in its file.
/// Shared, so `serve`'s cache hands out a body without copying it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Body {
    pub text: std::sync::Arc<str>,
    pub first_line: u32,
    /// Set once the text has been let go (see [`Body::release`]): where to
    /// read it again, and what it must be.
    pub released: Option<Box<Released>>,
}

/// A body that a build read and checked, then let go of to keep its
/// memory to the model's size: the archive's Markdown is most of what a
/// build would otherwise hold, and each record's body is wanted again by
/// its own page only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Released {
    /// The file it came from.
    pub path: std::path::PathBuf,
    /// [`crate::fxhash::fingerprint`] of the text that was checked, so
    /// that a file edited during the build is noticed instead of
    /// published unchecked.
    pub fingerprint: u64,
    /// The text's length in bytes, to read the file again in one go.
    pub len: usize,
}

impl Body {
    /// Lets go of the text, noting that it is read again from `path`.
    pub fn release(&mut self, path: std::path::PathBuf) {
        let released = Released {
            path,
            fingerprint: crate::fxhash::fingerprint(&self.text),
            len: self.text.len(),
        };
        self.released = Some(Box::new(released));
        self.text = "".into();
    }
}

/// Whether `id` is a valid item id: lowercase `[a-z0-9-]+`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A valid id resembling `text`, to suggest in a rename hint.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-').to_string();
    if trimmed.is_empty() {
        "item".to_string()
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_words_and_dashes() {
        assert!(is_valid_id("occupy-boston-2"));
        for bad in ["", "Occupy", "a_b", "../x", "a b", "é"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
        assert_eq!(slugify("Occupy Boston CoC"), "occupy-boston-coc");
        assert_eq!(slugify("../x"), "x");
    }
}
