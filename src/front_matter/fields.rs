//! Typed reading of front-matter fields, one diagnostic per bad field.
//!
//! Each content kind lists its known fields and pulls typed values out of a
//! [`Fields`]. A wrong value is reported at its own line and column with an
//! example of the right form, and reading goes on, so a file with several
//! mistakes reports all of them.

use crate::diagnostics::Pos;
use crate::diagnostics::{Diagnostic, closest};
pub use crate::front_matter::positions::FieldPositions;
use crate::front_matter::yaml::{Node, Value};
use crate::time::{parse_date, parse_datetime};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;

/// A front-matter mapping being read by one content kind.
pub struct Fields<'a> {
    file: &'a str,
    entries: Vec<(&'a str, &'a Node)>,
    /// Where the mapping starts; missing fields are reported here.
    at: Pos,
    /// Known names an unknown field was taken for (`strat` -> `start`):
    /// that field is not reported missing as well, since the one typo
    /// already has its error and its fix.
    suggested: Vec<String>,
    pub diags: &'a mut Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    /// Starts reading `root`, reporting every key not in `known` (with the
    /// closest known name) and a root that is not a mapping.
    pub fn new(
        file: &'a str,
        root: &'a Node,
        known: &[&str],
        at: Pos,
        diags: &'a mut Vec<Diagnostic>,
    ) -> Self {
        let mut fields = Fields {
            file,
            entries: Vec::new(),
            at,
            suggested: Vec::new(),
            diags,
        };
        match &root.value {
            Value::Map(entries) => {
                for (key, value) in entries {
                    let Some(name) = key.as_text() else {
                        fields.error(
                            key.pos,
                            format!("a field name must be text, found {}", key.kind()),
                            "write field names as plain words, like `title:`",
                        );
                        continue;
                    };
                    if known.contains(&name) {
                        fields.entries.push((name, value));
                    } else {
                        let hint = match closest(name, known) {
                            Some(c) => {
                                fields.suggested.push(c.to_string());
                                format!("did you mean `{c}`?")
                            }
                            None => format!("known fields here: {}", known.join(", ")),
                        };
                        let d = Diagnostic::error(
                            file,
                            Some(key.pos),
                            format!("unknown field `{name}`"),
                        )
                        .hint(hint)
                        .width(name.chars().count());
                        fields.push(d);
                    }
                }
            }
            Value::Null => {}
            _ => fields.error(
                root.pos,
                format!(
                    "the front matter must be a list of fields, found {}",
                    root.kind()
                ),
                "write one `field: value` per line",
            ),
        }
        fields
    }

    /// Records a diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Reports an error at `pos` with a fix.
    pub fn error(&mut self, pos: Pos, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::error(self.file, Some(pos), message).hint(hint);
        self.push(d);
    }

    /// Reports a warning at `pos` with a fix.
    pub fn warning(&mut self, pos: Pos, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::warning(self.file, Some(pos), message).hint(hint);
        self.push(d);
    }

    /// The file being read, as diagnostics name it.
    pub fn file(&self) -> &'a str {
        self.file
    }

    /// Where item `i` of what [`Fields::text_list`] read of `name` is, or
    /// the field if it is no list.
    pub fn item_at(&self, name: &str, i: usize) -> Pos {
        match self.node(name).map(|n| &n.value) {
            Some(Value::Seq(items)) => listed(items)
                .nth(i)
                .map_or_else(|| self.at(name), |n| n.pos),
            _ => self.at(name),
        }
    }

    /// Positions of every present field, for later stages, and of each
    /// item of a list as `name[i]`, numbered as [`Fields::text_list`]
    /// reads them (a rule about one item points at it).
    pub fn positions(&self) -> FieldPositions {
        let mut at = BTreeMap::new();
        for (k, v) in &self.entries {
            at.insert(k.to_string(), v.pos);
            if let Value::Seq(items) = &v.value {
                for (i, item) in listed(items).enumerate() {
                    at.insert(FieldPositions::item_key(k, i), item.pos);
                }
            }
        }
        FieldPositions::from_map(at)
    }

    /// The raw node of a field; a null value counts as absent.
    pub fn node(&self, name: &str) -> Option<&'a Node> {
        self.entry(name).filter(|v| v.value != Value::Null)
    }

    /// The raw node of a field, null or not.
    fn entry(&self, name: &str) -> Option<&'a Node> {
        self.entries
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| *v)
    }

    /// Whether a field is present with a value.
    pub fn has(&self, name: &str) -> bool {
        self.node(name).is_some()
    }

    /// Reports a missing required field.
    pub fn missing(&mut self, name: &str, example: &str) {
        if self.suggested.iter().any(|s| s == name) {
            return;
        }
        let at = self.at;
        self.error(
            at,
            format!("the required field `{name}` is missing"),
            format!("add a line `{name}: {example}`"),
        );
    }

    /// A text field. Numbers and booleans are taken as written.
    pub fn text(&mut self, name: &str) -> Option<String> {
        let node = self.node(name)?;
        match node.as_text() {
            Some(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
            None => {
                self.error(
                    node.pos,
                    format!("`{name}` must be text, found {}", node.kind()),
                    format!("write it on one line, like `{name}: some text`"),
                );
                None
            }
        }
    }

    /// A text field that must be present.
    pub fn required_text(&mut self, name: &str, example: &str) -> Option<String> {
        let value = self.text(name);
        if value.is_none() && self.node(name).is_none() {
            self.missing(name, example);
        }
        value
    }

    /// A switch written `true` or `false`, nothing else (YAML 1.1's
    /// `yes`/`no` are text). Absent, it is `absent`. Present but empty
    /// (`withheld:`, `~`) or not a boolean, it is an error at its line and
    /// reads as `on_error`: a volunteer who deletes `false` from
    /// `withheld: false` must not publish by accident, so privacy switches
    /// pass the value that keeps things private.
    pub fn switch(&mut self, name: &str, absent: bool, on_error: bool) -> bool {
        let Some(node) = self.entry(name) else {
            return absent;
        };
        match node.value {
            Value::Bool(b) => b,
            Value::Null => {
                self.error(
                    node.pos,
                    format!("`{name}` has no value"),
                    format!("write `{name}: true` or `{name}: false`, or delete the line"),
                );
                on_error
            }
            _ => {
                self.error(
                    node.pos,
                    format!(
                        "`{name}` must be true or false, found `{}`",
                        node.as_text().unwrap_or(node.kind())
                    ),
                    format!("write `{name}: true` or `{name}: false`"),
                );
                on_error
            }
        }
    }

    /// A whole number of at least 0.
    pub fn count(&mut self, name: &str, example: u32) -> Option<u32> {
        let node = self.node(name)?;
        let parsed = match node.value {
            Value::Int(i) => u32::try_from(i).ok(),
            _ => node.as_text().and_then(|t| t.trim().parse::<u32>().ok()),
        };
        if parsed.is_none() {
            self.error(
                node.pos,
                format!(
                    "`{name}` must be a whole number, found `{}`",
                    node.as_text().unwrap_or(node.kind())
                ),
                format!("write it like `{name}: {example}`"),
            );
        }
        parsed
    }

    /// A whole number; 0 and values above `max` are reported.
    pub fn positive(&mut self, name: &str, example: u32, max: u32) -> Option<u32> {
        let value = self.count(name, example)?;
        if value == 0 || value > max {
            let pos = self.at(name);
            self.error(
                pos,
                format!("`{name}` must be between 1 and {max}, found {value}"),
                format!("write it like `{name}: {example}`"),
            );
            return None;
        }
        Some(value)
    }

    /// The position of a present field's value (or of the mapping).
    pub fn at(&self, name: &str) -> Pos {
        self.node(name).map_or(self.at, |n| n.pos)
    }

    /// One of a fixed set of words.
    pub fn choice(&mut self, name: &str, allowed: &[&'static str]) -> Option<&'static str> {
        let text = self.text(name)?;
        match allowed.iter().find(|a| a.eq_ignore_ascii_case(&text)) {
            Some(a) => Some(a),
            None => {
                let pos = self.at(name);
                let hint = match closest(&text, allowed) {
                    Some(c) => format!("did you mean `{c}`? (one of: {})", allowed.join(", ")),
                    None => format!("use one of: {}", allowed.join(", ")),
                };
                self.error(pos, format!("`{name}` cannot be `{text}`"), hint);
                None
            }
        }
    }

    /// A calendar date written `YYYY-MM-DD`.
    pub fn date(&mut self, name: &str) -> Option<NaiveDate> {
        let node = self.node(name)?;
        let text = node.as_text().unwrap_or_default().trim().to_string();
        match parse_date(&text) {
            Ok(d) => Some(d),
            Err(why) => {
                self.error(
                    node.pos,
                    format!("`{name}` is not a valid date: {why}"),
                    format!("write it as YYYY-MM-DD, like `{name}: 2026-03-14`"),
                );
                None
            }
        }
    }

    /// A wall-clock date and time written `YYYY-MM-DD HH:MM`.
    pub fn datetime(&mut self, name: &str) -> Option<NaiveDateTime> {
        let node = self.node(name)?;
        let text = node.as_text().unwrap_or_default().trim().to_string();
        match parse_datetime(&text) {
            Ok(d) => Some(d),
            Err(why) => {
                self.error(
                    node.pos,
                    format!("`{name}` is not a valid date and time: {why}"),
                    format!("write it as YYYY-MM-DD HH:MM (24-hour clock), like `{name}: 2026-03-14 21:00`"),
                );
                None
            }
        }
    }

    /// A list of text items; a single text value counts as a list of one.
    pub fn text_list(&mut self, name: &str) -> Vec<String> {
        let Some(node) = self.node(name) else {
            return Vec::new();
        };
        match &node.value {
            Value::Seq(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item_text(item) {
                        Some(t) => out.push(t.to_string()),
                        None => self.error(
                            item.pos,
                            format!("each item of `{name}` must be text, found {}", item.kind()),
                            format!("write `{name}: [first, second]` or one `- item` per line"),
                        ),
                    }
                }
                out
            }
            _ => match node.as_text() {
                Some(t) => vec![t.trim().to_string()],
                None => {
                    self.error(
                        node.pos,
                        format!("`{name}` must be a list, found {}", node.kind()),
                        format!("write `{name}: [first, second]` or one `- item` per line"),
                    );
                    Vec::new()
                }
            },
        }
    }

    /// A web address (http or https) or, where `mailto` is allowed, a mail
    /// address link.
    pub fn url(&mut self, name: &str, mailto: bool) -> Option<String> {
        let text = self.text(name)?;
        let lower = text.to_ascii_lowercase();
        let ok = ((lower.starts_with("https://") || lower.starts_with("http://"))
            && text.len() > 8
            && !text.contains(|c: char| {
                c.is_whitespace() || c.is_control() || "\"<>\\^`{|}".contains(c)
            }))
            || (mailto
                && lower.starts_with("mailto:")
                && text.contains('@')
                && !text.contains(|c: char| c.is_whitespace() || c.is_control()));
        if ok {
            Some(text)
        } else {
            let pos = self.at(name);
            let form = if mailto {
                "https://… or mailto:…"
            } else {
                "https://…"
            };
            self.error(
                pos,
                format!("`{name}` must be a full web address, found `{text}`"),
                format!("write the whole address, starting with {form}"),
            );
            None
        }
    }

    /// A nested mapping, read with its own list of known fields.
    pub fn section(&mut self, name: &str, known: &[&str]) -> Option<Fields<'_>> {
        let node = self.node(name)?;
        if !matches!(node.value, Value::Map(_)) {
            self.error(
                node.pos,
                format!("`{name}` must be a group of fields, found {}", node.kind()),
                format!("indent its fields under `{name}:`, one per line"),
            );
            return None;
        }
        let file = self.file;
        let at = node.pos;
        Some(Fields::new(file, node, known, at, self.diags))
    }
}

/// An item of a text list as it is read: trimmed, and only if it is
/// text that is not blank (any other item is an error, and not counted).
fn item_text(item: &Node) -> Option<&str> {
    item.as_text().map(str::trim).filter(|t| !t.is_empty())
}

/// The items of a list that [`Fields::text_list`] reads, in order: the
/// one rule for what "item `i`" means in positions and messages.
fn listed(items: &[Node]) -> impl Iterator<Item = &Node> {
    items.iter().filter(|n| item_text(n).is_some())
}
