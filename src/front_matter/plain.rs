//! The front matter most files have, read without the YAML parser: lines
//! of `key: value` whose values can only be text, a whole number or
//! `true`/`false`, like a minutes file's `call`, `date` and `attendance`;
//! a list of such values under a key, one `  - item` a line (a minutes
//! file's `decisions`); and a list of words in brackets (a call's
//! `tags: [a, b]`). The parser spent about 100,000 instructions on three
//! such lines, and twice that with a list: most of a build's loading.
//! Anything else (quotes, comments, blank lines, tabs, other indentation,
//! other characters, a repeated key, a word YAML reads as null or as a
//! boolean in another spelling, a number that is not plainly decimal)
//! goes to the parser; the tests hold this reading equal to the parser's.

use super::yaml::{Node, Pos, Value};

/// Front matter longer than this goes to the parser, whose limits (the
/// number of events it reads) then apply as they always did: real front
/// matter is a few hundred bytes, and the check for a repeated key looks
/// at every earlier key.
const MAX_BYTES: usize = 8 * 1024;

/// The longest key the parser reads as a key.
const MAX_KEY: usize = 1024;

/// `yaml` as the parser would read it, if every line is in the plain
/// shape; `None` otherwise.
pub fn parse(yaml: &str, first_line: u32) -> Option<Node> {
    if yaml.len() > MAX_BYTES || yaml.contains('\r') {
        return None;
    }
    let mut entries: Vec<(Node, Node)> = Vec::new();
    let mut lines = yaml.lines().enumerate().peekable();
    while let Some((i, line)) = lines.next() {
        let (key, value) = match line.split_once(": ") {
            Some((key, value)) => (key, Some(value)),
            None => (line.strip_suffix(':')?, None),
        };
        let repeated = entries.iter().any(|(k, _)| k.as_text() == Some(key));
        if !is_key(key) || repeated {
            return None;
        }
        let line = first_line + i as u32;
        let at = |column: usize| Pos {
            line,
            column: column as u32,
        };
        let value = match value {
            None => {
                let items = std::iter::from_fn(|| lines.next_if(|(_, l)| l.starts_with("  - ")));
                block_list(items, first_line)?
            }
            Some(words) if words.starts_with('[') => flow_list(words, at(key.len() + 3))?,
            Some(value) => {
                let (value, raw) = scalar(value)?;
                Node {
                    value,
                    pos: at(key.len() + 3),
                    raw,
                }
            }
        };
        let key = Node {
            value: Value::Str(key.to_string()),
            pos: at(1),
            raw: None,
        };
        entries.push((key, value));
    }
    let pos = entries.first()?.0.pos;
    Some(Node {
        value: Value::Map(entries),
        pos,
        raw: None,
    })
}

/// The `  - item` lines after a `key:` line, each item a plain value; the
/// list is placed at its first dash, as the parser places it. No item:
/// the key's value is null, which the parser reads.
fn block_list<'a>(items: impl Iterator<Item = (usize, &'a str)>, first_line: u32) -> Option<Node> {
    let mut list = Vec::new();
    for (i, line) in items {
        let (value, raw) = scalar(&line[4..])?;
        let line = first_line + i as u32;
        list.push(Node {
            value,
            pos: Pos { line, column: 5 },
            raw,
        });
    }
    let line = list.first()?.pos.line;
    Some(Node {
        value: Value::Seq(list),
        pos: Pos { line, column: 3 },
        raw: None,
    })
}

/// `[word, word]` at `at`: words separated by a comma and one space, each
/// text YAML reads as text in brackets (see [`flow_word`]).
fn flow_list(value: &str, at: Pos) -> Option<Node> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    let mut list = Vec::new();
    let mut column = at.column + 1;
    for word in inner.split(", ").filter(|_| !inner.is_empty()) {
        if !flow_word(word) {
            return None;
        }
        list.push(Node {
            value: Value::Str(word.to_string()),
            pos: Pos {
                line: at.line,
                column,
            },
            raw: None,
        });
        column += word.len() as u32 + 2;
    }
    Some(Node {
        value: Value::Seq(list),
        pos: at,
        raw: None,
    })
}

/// A word in brackets that can only be text: a letter, then letters,
/// digits, `-`, `_`, `.` and single inner spaces; no comma, colon or
/// bracket, which mean something there.
fn flow_word(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_alphabetic())
        && !word.ends_with(' ')
        && !word.contains("  ")
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_. ".contains(&b))
        && !special(word)
}

/// A key of lower-case letters, digits and underscores, as every field
/// is, and not a word YAML reads otherwise (`true:` is a boolean key).
fn is_key(key: &str) -> bool {
    key.len() <= MAX_KEY
        && !special(key)
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Words YAML (any version) may read as something other than text.
const SPECIAL: &[&str] = &[
    "true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf",
];

/// Whether YAML may read `word` as something other than text.
fn special(word: &str) -> bool {
    SPECIAL.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// A value that can only be text or a decimal number, typed as the parser
/// types it, with its text as written for a number; `None` for anything
/// that might be read otherwise.
fn scalar(value: &str) -> Option<(Value, Option<String>)> {
    let bytes = value.as_bytes();
    let first = *bytes.first()?;
    let plain = |b: u8| b.is_ascii_alphanumeric() || b" -_./,()+".contains(&b);
    if !bytes.iter().all(|&b| plain(b) || b == b':')
        || value.ends_with([' ', ':'])
        || value.contains(": ")
    {
        return None;
    }
    let text = || (Value::Str(value.to_string()), None);
    if value == "true" || value == "false" {
        return Some((Value::Bool(value == "true"), Some(value.to_string())));
    }
    if first.is_ascii_alphabetic() {
        return (!special(value)).then(text);
    }
    if bytes.iter().all(u8::is_ascii_digit) && (first != b'0' || bytes.len() == 1) {
        let n: i64 = value.parse().ok()?;
        return Some((Value::Int(n), Some(value.to_string())));
    }
    // A date, or a date and time, as calls and records write them.
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let date = |s: &[u8]| {
        s.len() == 10
            && digits(&s[..4])
            && s[4] == b'-'
            && digits(&s[5..7])
            && s[7] == b'-'
            && digits(&s[8..])
    };
    let time = |s: &[u8]| s.len() == 5 && digits(&s[..2]) && s[2] == b':' && digits(&s[3..]);
    // A duration as calls write them (`90m`, `1h`, `1h30m`): digits and
    // the letters h and m, which no YAML number has.
    if bytes
        .iter()
        .all(|b| b.is_ascii_digit() || b"hm".contains(b))
        && bytes.last().is_some_and(|b| b"hm".contains(b))
        && bytes.iter().filter(|b| b"hm".contains(b)).count() <= 2
    {
        return Some(text());
    }
    let dated = match bytes.len() {
        10 => date(bytes),
        16 => date(&bytes[..10]) && bytes[10] == b' ' && time(&bytes[11..]),
        _ => false,
    };
    dated.then(text)
}

#[cfg(test)]
mod tests {
    use super::super::yaml;
    use proptest::prelude::*;

    /// Where the plain reading answers, it is the parser's reading.
    fn agrees(text: &str) -> bool {
        match super::parse(text, 3) {
            Some(plain) => {
                assert_eq!(Ok(plain), yaml::parse(text, 3), "{text:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn the_usual_front_matter_reads_as_the_parser_reads_it() {
        for text in [
            "call: caravan\ndate: 2026-05-20\nattendance: 34\n",
            "call: caravan\ndate: 2026-05-20",
            "start: 2014-07-21 20:00\ntimezone: Europe/London\nrepeat: weekly\n",
            "title: Bristol free university (skill share), week 2\nweek: 0\n",
            "register: https://example.org/register/x-y_z\n",
            "nav: true\nlisted: false\n",
            "tags: [coordination, immigrant-rights, mutual aid]\n",
            "tags: []\n",
            "duration: 45m\nlong: 1h30m\nshort: 2h\n",
            "call: x\ndecisions:\n  - Keep the call at 9\n  - Record it, then post it\nb: 1\n",
            "d:\n  - 2026\n  - 2026-05-20\n  - true\n",
        ] {
            assert!(agrees(text), "{text:?} went to the parser");
        }
        for text in [
            "ok: True\n",
            "ok: yes\n",
            "t: [a,b]\n",
            "t: [ a, b ]\n",
            "t: [a, yes]\n",
            "t: [a, b] # c\n",
            "t: [a:b]\n",
            "t: [a,  b]\n",
            "d:\n",
            "d:\n  - x\n\n  - y\n",
            "d:\n- x\n",
            "d:\n  -   x\n",
            "d:\n  - a: b\n",
            "d:\n  - x\n    more\n",
            "d:\n  - x\n   - y\n",
            "a: 1\na: 2\n",
            "zip: 01234\n",
            "v: 1.10\n",
            "d: 1.5h\n",
            "q: 'x'\n",
            "c: x # note\n",
            "a: 1\n\nb: 2\n",
            "a: 1\r\n",
            "Key: x\n",
            "a: b: c\n",
            "country: NO\n",
            "x: ~\n",
            "true: x\n",
            "big: 99999999999999999999\n",
        ] {
            assert!(!agrees(text), "{text:?} was read without the parser");
        }
        let long_key = format!("{}: x\n", "k".repeat(super::MAX_KEY + 1));
        let long_list: String = std::iter::once("d:\n".to_string())
            .chain((0..super::MAX_BYTES / 8).map(|i| format!("  - x{i}\n")))
            .collect();
        for text in [long_key, long_list] {
            assert!(
                !agrees(&text),
                "{} bytes read without the parser",
                text.len()
            );
        }
        assert!(agrees(&format!("{}: x\n", "k".repeat(super::MAX_KEY))));
    }

    /// Every file of the sample site and the test fixtures.
    #[test]
    fn real_front_matter_reads_as_the_parser_reads_it() {
        let mut plain = 0;
        for dir in ["content", "tests/fixtures"] {
            let files = walkdir::WalkDir::new(dir).into_iter().flatten();
            for entry in files.filter(|e| e.path().extension().is_some_and(|x| x == "md")) {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                let text = super::super::split::normalize(&text);
                if let Ok(split) = super::super::split::split(&text) {
                    plain += usize::from(agrees(split.yaml));
                }
            }
        }
        assert!(plain > 20, "files read without the parser: {plain}");
    }

    proptest! {
        #[test]
        fn plain_looking_values_read_as_the_parser_reads_them(
            lines in prop::collection::vec(
                (
                    "[a-z][a-z_]{0,3}",
                    prop_oneof![
                        "[a-zA-Z][a-zA-Z0-9 ./,()+:-]{0,14}",
                        "[0-9]{1,6}",
                        "[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2})?",
                        "[0-9]{1,3}[hm]([0-9]{1,2}[hm])?",
                    ],
                ),
                1..5,
            )
        ) {
            let text: String = lines.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
            agrees(&text);
        }

        #[test]
        fn lists_read_as_the_parser_reads_them(
            items in prop::collection::vec("[a-zA-Z0-9][a-zA-Z0-9 ./,()+:#'_-]{0,10}", 0..4),
            words in prop::collection::vec("[a-zA-Z0-9 ._:,-]{0,8}", 0..4),
        ) {
            let block: String = items.iter().map(|i| format!("  - {i}\n")).collect();
            agrees(&format!("k: x\nd:\n{block}t: [{}]\n", words.join(", ")));
        }

        #[test]
        fn any_plain_reading_is_the_parsers(
            lines in prop::collection::vec(
                ("[a-c_][a-c0-9_]{0,3}", "[a-zA-Z0-9 :./,()+#'\"-]{0,12}"),
                1..5,
            )
        ) {
            let text: String = lines.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
            agrees(&text);
        }
    }
}
