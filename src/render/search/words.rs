//! Words as search sees them. The browser splits a query by the same rule
//! (themes/default/static/search.js), so the two must change together:
//! lower case, final sigma as sigma, marks dropped after canonical
//! decomposition ("décidé" is "decide"), runs of letters and digits, at
//! least two characters.

use pagefind_stem::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;

/// Where `text`'s words are written: one buffer and their spans in it, so
/// a page's words cost two allocations, reused from page to page.
#[derive(Default)]
pub struct Words {
    buf: String,
    spans: Vec<(u32, u32)>,
    start: usize,
}

impl Words {
    /// Replaces the words with those of `text`.
    pub fn read(&mut self, text: &str) -> &mut Self {
        self.clear();
        self.feed(text);
        self.finish();
        self
    }

    /// Forgets all words, keeping the memory.
    pub fn clear(&mut self) {
        self.buf.clear();
        self.spans.clear();
        self.start = 0;
    }

    /// Adds `text`; its last word may go on in the next call (the text
    /// on both sides of an inline tag).
    pub fn feed(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Runs of ASCII letters and digits, the bulk of any page, are
            // copied whole and lower-cased by `finish`.
            let run = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            self.buf.push_str(&text[run..i]);
            let Some(&b) = bytes.get(i) else { break };
            if b.is_ascii() {
                self.end_word();
                i += 1;
            } else if let Some(c) = text[i..].chars().next() {
                self.feed_char(c);
                i += c.len_utf8();
            }
        }
    }

    /// Adds one character outside ASCII (or any, from a reference):
    /// lower-cased and decomposed, its marks dropped, the rest letters,
    /// digits or a separator.
    pub fn feed_char(&mut self, c: char) {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                self.buf.push(c);
            } else {
                self.end_word();
            }
            return;
        }
        for lower in c.to_lowercase() {
            // A final sigma is a sigma: lower-casing per character (here)
            // and per string (in the browser) then agree.
            let lower = if lower == 'ς' { 'σ' } else { lower };
            unicode_normalization::char::decompose_canonical(lower, |d| {
                if is_combining_mark(d) {
                } else if d.is_alphanumeric() {
                    self.buf.push(d);
                } else {
                    self.end_word();
                }
            });
        }
    }

    /// Ends the last word and lower-cases what was copied as it came.
    pub fn finish(&mut self) {
        self.end_word();
        self.buf.make_ascii_lowercase();
    }

    /// The words read, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.spans
            .iter()
            .map(|&(s, e)| &self.buf[s as usize..e as usize])
    }

    /// How many words were read.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether no word was read.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Ends the word being written: kept if it has two characters or more.
    pub fn end_word(&mut self) {
        let len = self.buf.len() - self.start;
        if len == 0 {
            return;
        }
        if len > 4 || self.buf[self.start..].chars().nth(1).is_some() {
            self.spans.push((self.start as u32, self.buf.len() as u32));
            self.start = self.buf.len();
        } else {
            self.buf.truncate(self.start);
        }
    }
}

/// The stemmer of a site's `language` ("en", "es-MX", ...), if there is one:
/// it groups "decide", "decided" and "decision" under one entry so a query
/// for any finds all.
pub fn stemmer(language: &str) -> Option<Stemmer> {
    let code = language.split(['-', '_']).next()?.to_ascii_lowercase();
    let algorithm = match code.as_str() {
        "en" => Algorithm::English,
        "es" => Algorithm::Spanish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "pt" => Algorithm::Portuguese,
        "it" => Algorithm::Italian,
        "nl" => Algorithm::Dutch,
        "ru" => Algorithm::Russian,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        Words::default()
            .read(text)
            .iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn words_are_folded_like_the_browser_folds_them() {
        assert_eq!(
            words("Réunion, DÉCIDÉ 2018! a b—Houston's"),
            ["reunion", "decide", "2018", "houston"]
        );
        assert_eq!(
            words("ОБЩЕЕ собрание ΟΔΟΣ οδός"),
            ["общее", "собрание", "οδοσ", "οδοσ"]
        );
        assert_eq!(words("x y z 1 22"), ["22"]);
    }

    #[test]
    fn stems_group_forms_of_a_word() {
        let en = stemmer("en-GB").expect("English");
        assert_eq!(en.stem("decided"), en.stem("decides"));
        assert!(stemmer("tlh").is_none());
    }
}
