//! A YAML value tree that remembers where every node sits in the file.
//!
//! Front matter is parsed into this tree first and turned into typed records
//! afterwards, field by field, so that one file with five mistakes yields five
//! diagnostics (serde's derive stops at the first) and every one of them points
//! at the key or value a volunteer has to change.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

pub use crate::diagnostics::Pos;

/// A YAML node: its value, where it starts, and its source text for scalars.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
    /// The scalar as written (for `title: 1.10` this is `1.10`, not `1.1`).
    pub raw: Option<String>,
}

/// The shapes front matter can take. Booleans are strict (`true`/`false`
/// only), so `country: NO` stays the string "NO".
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The scalar as text, whatever YAML inferred for it; `None` for
    /// null, sequences and mappings.
    pub fn as_text(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            Value::Bool(_) | Value::Int(_) | Value::Float(_) => self.raw.as_deref(),
            _ => None,
        }
    }

    /// A word for the node's kind, used in "expected text, found a list".
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "a number",
            Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Where the YAML parser gave up, in file coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub pos: Option<Pos>,
    pub message: String,
}

/// Parse `yaml`, whose first line is line `first_line` of its file, with
/// the YAML parser (`front_matter::parse` tries the plain shape first).
pub fn parse(yaml: &str, first_line: u32) -> Result<Node, YamlError> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_events: 200_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_depth: 64,
        },
    };
    let parsed: Result<Spanned<RawValue>, _> = serde_saphyr::from_str_with_options(yaml, options);
    match parsed {
        Ok(spanned) => Ok(to_node(spanned, yaml, first_line)),
        Err(err) => {
            let pos = err.location().filter(|l| l.line() > 0).map(|l| Pos {
                line: l.line() as u32 + first_line - 1,
                column: l.column() as u32,
            });
            Err(YamlError {
                pos,
                message: clean_message(&err.without_snippet().to_string()),
            })
        }
    }
}

/// serde-saphyr appends "at line X column Y" in snippet coordinates; we
/// report file coordinates ourselves, so drop its version.
fn clean_message(msg: &str) -> String {
    let first = msg.lines().next().unwrap_or(msg).trim();
    match first.find(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

fn to_node(spanned: Spanned<RawValue>, src: &str, first_line: u32) -> Node {
    let loc = spanned.referenced;
    let pos = Pos {
        line: (loc.line() as u32).max(1) + first_line - 1,
        column: (loc.column() as u32).max(1),
    };
    let raw_text = || {
        let span = loc.span();
        let (start, len) = (span.byte_offset()? as usize, span.byte_len()? as usize);
        src.get(start..start + len).map(|s| s.trim().to_string())
    };
    let (value, raw) = match spanned.value {
        RawValue::Null => (Value::Null, None),
        RawValue::Bool(b) => (Value::Bool(b), raw_text().or_else(|| Some(b.to_string()))),
        RawValue::Int(i) => (Value::Int(i), raw_text().or_else(|| Some(i.to_string()))),
        RawValue::Float(f) => (Value::Float(f), raw_text().or_else(|| Some(f.to_string()))),
        RawValue::Str(s) => (Value::Str(s), None),
        RawValue::Seq(items) => (
            Value::Seq(
                items
                    .into_iter()
                    .map(|i| to_node(i, src, first_line))
                    .collect(),
            ),
            None,
        ),
        RawValue::Map(entries) => (
            Value::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (to_node(k, src, first_line), to_node(v, src, first_line)))
                    .collect(),
            ),
            None,
        ),
    };
    Node { value, pos, raw }
}

/// What serde-saphyr hands us, before positions are mapped to the file.
enum RawValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawValue>>),
    Map(Vec<(Spanned<RawValue>, Spanned<RawValue>)>),
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_none<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
        Ok(i64::try_from(v).map_or(RawValue::Float(v as f64), RawValue::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<RawValue, E> {
        Ok(i64::try_from(v).map_or(RawValue::Float(v as f64), RawValue::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<RawValue, E> {
        Ok(i64::try_from(v).map_or(RawValue::Float(v as f64), RawValue::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawValue, E> {
        Ok(RawValue::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawValue, E> {
        Ok(RawValue::Str(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<RawValue, E> {
        Ok(RawValue::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawValue>>()? {
            items.push(item);
        }
        Ok(RawValue::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<Spanned<RawValue>, Spanned<RawValue>>()? {
            entries.push((k, v));
        }
        Ok(RawValue::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(node: &Node) -> Vec<(&str, &Node)> {
        match &node.value {
            Value::Map(entries) => entries
                .iter()
                .map(|(k, v)| (k.as_text().unwrap(), v))
                .collect(),
            _ => panic!("not a map"),
        }
    }

    #[test]
    fn keeps_positions_in_file_coordinates() {
        let node = parse("title: Caravan\ntags: [a, b]\n", 2).unwrap();
        let fields = map(&node);
        assert_eq!(fields[0].1.pos, Pos { line: 2, column: 8 });
        let Value::Seq(tags) = &fields[1].1.value else {
            panic!()
        };
        assert_eq!(
            tags[1].pos,
            Pos {
                line: 3,
                column: 11
            }
        );
    }

    #[test]
    fn booleans_are_strict_and_scalars_keep_their_text() {
        let node = parse(
            "country: NO\nregion: ON\nok: true\nversion: 1.10\nzip: 01234\n",
            1,
        )
        .unwrap();
        let fields = map(&node);
        assert_eq!(fields[0].1.value, Value::Str("NO".into()));
        assert_eq!(fields[1].1.value, Value::Str("ON".into()));
        assert_eq!(fields[2].1.value, Value::Bool(true));
        assert_eq!(fields[3].1.as_text(), Some("1.10"));
        assert_eq!(fields[4].1.as_text(), Some("01234"));
    }

    #[test]
    fn errors_point_into_the_file() {
        let e = parse("a: 1\na: 2\n", 2).unwrap_err();
        assert_eq!(e.pos, Some(Pos { line: 3, column: 1 }));
        assert!(e.message.contains("duplicate"), "{}", e.message);
        let e = parse("a: [1, 2\nb: 3\n", 2).unwrap_err();
        assert_eq!(e.pos.map(|p| p.line), Some(3));
        assert!(!e.message.contains(" at line "), "{}", e.message);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            yaml.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        assert!(parse(&yaml, 2).is_err());
    }
}
