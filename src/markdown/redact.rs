//! Hiding the personal contacts that the privacy rules found in a body.
//!
//! The model decides which contacts a body may not publish (see
//! `model::privacy`); this only finds them again in rendered text, however
//! they are spelt, and puts [`REDACTED`] in their place.

use crate::contacts;
use std::borrow::Cow;

pub use crate::contacts::REDACTED;

/// `text` with every contact whose key matches one of `redact` replaced.
pub fn apply<'t>(text: &'t str, redact: &[String]) -> Cow<'t, str> {
    if redact.is_empty() {
        return Cow::Borrowed(text);
    }
    let keys: Vec<String> = redact.iter().map(|r| contacts::contact_key(r)).collect();
    let hits: Vec<contacts::Found> = contacts::find(text)
        .into_iter()
        .filter(|f| keys.contains(&f.key()))
        .collect();
    if hits.is_empty() {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for f in hits {
        let start = f.column as usize - 1;
        if start < at {
            continue;
        }
        out.extend(&chars[at..start]);
        out.push_str(REDACTED);
        at = start + f.width as usize;
    }
    out.extend(&chars[at.min(chars.len())..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_the_listed_contacts_however_spelt() {
        let list = vec![
            "kim@mail.example.com".to_string(),
            "+1 555 010 0199".to_string(),
        ];
        assert_eq!(
            apply(
                "Kim (kim&#64;mail.example.com) or info@example.org, +1-555-010-0199.",
                &list
            ),
            "Kim ([contact withheld]) or info@example.org, [contact withheld]."
        );
        assert!(matches!(apply("nothing here", &list), Cow::Borrowed(_)));
    }
}
