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
    /// The words being read, as bytes: a run of ASCII is appended in one
    /// step, with no check per byte that it is text.
    bytes: Vec<u8>,
    /// The same once `finish` has checked them whole: what `iter` reads.
    text: String,
    spans: Vec<(u32, u32)>,
    start: usize,
}

/// Which bytes are ASCII letters and digits: one load per byte of every
/// page.
const ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

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
        let finished = std::mem::take(&mut self.text).into_bytes();
        if finished.capacity() > self.bytes.capacity() {
            self.bytes = finished;
        }
        self.bytes.clear();
        self.spans.clear();
        self.start = 0;
    }

    /// Adds `text`; its last word may go on in the next call (the text
    /// on both sides of an inline tag).
    pub fn feed(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // Room for all of it: ASCII, the bulk of any page, never grows.
        self.bytes.reserve(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            // ASCII letters and digits are copied as they are scanned;
            // `| 0x20` lower-cases a letter and leaves a digit as it is.
            while let Some(&b) = bytes.get(i).filter(|&&b| ALNUM[usize::from(b)]) {
                self.bytes.push(b | 0x20);
                i += 1;
            }
            let Some(&b) = bytes.get(i) else { break };
            if b.is_ascii() {
                self.end_word();
                i += 1;
            } else if let Some(c) = text.get(i..).and_then(|t| t.chars().next()) {
                self.feed_char(c);
                i += c.len_utf8();
            } else {
                break;
            }
        }
    }

    /// Adds one character outside ASCII (or any, from a reference):
    /// lower-cased and decomposed, its marks dropped, the rest letters,
    /// digits or a separator.
    pub fn feed_char(&mut self, c: char) {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                self.bytes.push(c.to_ascii_lowercase() as u8);
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
                    let d = d.to_ascii_lowercase();
                    (self.bytes).extend_from_slice(d.encode_utf8(&mut [0; 4]).as_bytes());
                } else {
                    self.end_word();
                }
            });
        }
    }

    /// Ends the last word and makes the words readable; `clear` comes
    /// before more are fed.
    pub fn finish(&mut self) {
        self.end_word();
        match String::from_utf8(std::mem::take(&mut self.bytes)) {
            Ok(text) => self.text = text,
            // Only whole characters are ever written; were one not, no
            // word is better than a wrong one.
            Err(_) => self.spans.clear(),
        }
    }

    /// The words read, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (self.spans.iter()).filter_map(|&(s, e)| self.text.get(s as usize..e as usize))
    }

    /// How many words were read.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether no word was read.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Ends the word being written: kept if it has two characters or more
    /// (over four bytes, or a second byte that starts a character).
    /// Called at every space and punctuation mark, so inlined.
    #[inline]
    pub fn end_word(&mut self) {
        let (start, end) = (self.start, self.bytes.len());
        let kept = end - start > 4
            || (end - start >= 2 && (self.bytes[start + 1..end].iter()).any(|b| b & 0xc0 != 0x80));
        if kept {
            self.spans.push((start as u32, end as u32));
            self.start = end;
        } else {
            self.bytes.truncate(start);
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
    fn a_word_runs_on_across_pieces_and_one_character_is_no_word() {
        let mut w = Words::default();
        w.clear();
        w.feed("De");
        w.feed_char('C');
        w.feed("ided ж я ab");
        w.feed_char('É');
        w.finish();
        assert_eq!(w.iter().collect::<Vec<_>>(), ["decided", "abe"]);
        // Read again, the same buffers serve.
        assert_eq!(
            w.read("Second TIME").iter().collect::<Vec<_>>(),
            ["second", "time"]
        );
    }

    #[test]
    fn stems_group_forms_of_a_word() {
        let en = stemmer("en-GB").expect("English");
        assert_eq!(en.stem("decided"), en.stem("decides"));
        assert!(stemmer("tlh").is_none());
    }
}
