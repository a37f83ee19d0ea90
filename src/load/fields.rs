//! Typed reading of front-matter fields, one diagnostic per bad field.
//!
//! Each content kind lists its known fields and pulls typed values out of a
//! [`Fields`]. A wrong value is reported at its own line and column with an
//! example of the right form, and reading goes on, so a file with several
//! mistakes reports all of them.

use crate::diagnostics::{Diagnostic, closest};
use crate::load::yaml::{Node, Pos, Value};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::collections::BTreeMap;

/// Where each field's value sits in the file, kept on every record so that
/// later stages (model, schedule) can point at the field they reject.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldPositions(BTreeMap<String, Pos>);

impl FieldPositions {
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

    /// Adds a nested section's positions as `section.field`, so a rule
    /// about `calendar.organizer` can point at its line.
    pub fn nest(&mut self, section: &str, inner: FieldPositions) {
        for (k, v) in inner.0 {
            self.0.insert(format!("{section}.{k}"), v);
        }
    }
}

/// A front-matter mapping being read by one content kind.
pub struct Fields<'a> {
    file: &'a str,
    entries: Vec<(&'a str, &'a Node)>,
    /// Where the mapping starts; missing fields are reported here.
    at: Pos,
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
                            Some(c) => format!("did you mean `{c}`?"),
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

    /// Positions of every present field, for later stages.
    pub fn positions(&self) -> FieldPositions {
        FieldPositions(
            self.entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.pos))
                .collect(),
        )
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
                    match item.as_text() {
                        Some(t) if !t.trim().is_empty() => out.push(t.trim().to_string()),
                        _ => self.error(
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

/// Parses `YYYY-MM-DD`, explaining impossible dates in words.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(format!("`{text}` is not of the form YYYY-MM-DD"));
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(format!("`{text}` is not of the form YYYY-MM-DD"));
    };
    if y.to_string().len() != 4 {
        return Err(format!("`{text}` needs a four-digit year"));
    }
    if !(1900..=2999).contains(&y) {
        return Err(format!(
            "the year {y} is out of range; calls fall between 1900 and 2999"
        ));
    }
    if !(1..=12).contains(&m) {
        return Err(format!("there is no month {m}"));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let last = days_in_month(y, m);
        let month = NaiveDate::from_ymd_opt(y, m, 1)
            .map(|f| f.format("%B %Y").to_string())
            .unwrap_or_default();
        format!("{month} has {last} days, so day {d} does not exist")
    })
}

/// Parses `YYYY-MM-DD HH:MM` (a `T` or `:SS` is accepted).
pub fn parse_datetime(text: &str) -> Result<NaiveDateTime, String> {
    let (date, time) = text
        .split_once(['T', ' '])
        .ok_or_else(|| format!("`{text}` has no time; add one, like `{text} 21:00`"))?;
    let date = parse_date(date.trim())?;
    let time = time.trim();
    let time = NaiveTime::parse_from_str(time, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M:%S"))
        .ok()
        // chrono reads `23:59:60` as a leap second; no clock shows it.
        .filter(|t| chrono::Timelike::nanosecond(t) < 1_000_000_000)
        .ok_or_else(|| format!("`{time}` is not a time of day (HH:MM, 00:00 to 23:59)"))?;
    Ok(date.and_time(time))
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map_or(28, |d| chrono::Datelike::day(&d))
}

/// Parses a call length: `45m`, `1h`, `1h30m`, `90` (minutes).
pub fn parse_minutes(text: &str) -> Option<u32> {
    let t = text.trim().to_ascii_lowercase().replace(' ', "");
    if t.is_empty() {
        return None;
    }
    if let Ok(m) = t.parse::<u32>() {
        return Some(m);
    }
    let (hours, rest) = match t.split_once('h') {
        Some((h, rest)) => (h.parse::<u32>().ok()?, rest),
        None => (0, t.as_str()),
    };
    let minutes = match rest.strip_suffix('m').or(rest.strip_suffix("min")) {
        Some(m) => m.parse::<u32>().ok()?,
        None if rest.is_empty() => 0,
        None => return None,
    };
    hours.checked_mul(60)?.checked_add(minutes)
}

/// Parses the ISO 8601 durations of site.yaml (`PT6H`, `PT8H`, `P1D`,
/// `PT1H30M`) into seconds.
pub fn parse_iso_duration(text: &str) -> Option<u64> {
    let rest = text.trim().strip_prefix('P')?;
    let (days, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut secs = 0u64;
    let mut any = false;
    let mut num = String::new();
    for ch in days.chars() {
        match ch {
            '0'..='9' => num.push(ch),
            'D' | 'W' => {
                let n: u64 = num.parse().ok()?;
                let unit: u64 = if ch == 'D' { 86_400 } else { 604_800 };
                secs = secs.checked_add(n.checked_mul(unit)?)?;
                num.clear();
                any = true;
            }
            _ => return None,
        }
    }
    if !num.is_empty() {
        return None;
    }
    if let Some(time) = time {
        for ch in time.chars() {
            match ch {
                '0'..='9' => num.push(ch),
                'H' | 'M' | 'S' => {
                    let n: u64 = num.parse().ok()?;
                    let unit: u64 = match ch {
                        'H' => 3600,
                        'M' => 60,
                        _ => 1,
                    };
                    secs = secs.checked_add(n.checked_mul(unit)?)?;
                    num.clear();
                    any = true;
                }
                _ => return None,
            }
        }
        if !num.is_empty() {
            return None;
        }
    }
    any.then_some(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_impossible_dates() {
        assert_eq!(
            parse_date("2026-02-30").unwrap_err(),
            "February 2026 has 28 days, so day 30 does not exist"
        );
        assert_eq!(
            parse_date("2026-13-01").unwrap_err(),
            "there is no month 13"
        );
        assert!(parse_date("14/03/2026").is_err());
        assert_eq!(
            parse_date("2024-02-29").unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
    }

    #[test]
    fn reads_date_times() {
        let dt = parse_datetime("2012-03-14 21:00").unwrap();
        assert_eq!(dt.to_string(), "2012-03-14 21:00:00");
        assert_eq!(
            parse_datetime("2012-03-14T09:30:00").unwrap().to_string(),
            "2012-03-14 09:30:00"
        );
        assert!(parse_datetime("2012-03-14").is_err());
        assert!(parse_datetime("2012-03-14 25:00").is_err());
    }

    #[test]
    fn reads_durations() {
        for (text, minutes) in [
            ("45m", Some(45)),
            ("1h", Some(60)),
            ("1h30m", Some(90)),
            ("90", Some(90)),
            ("90min", Some(90)),
            ("1 h 30 m", Some(90)),
            ("1.5h", None),
            ("soon", None),
            ("", None),
        ] {
            assert_eq!(parse_minutes(text), minutes, "{text}");
        }
        assert_eq!(parse_iso_duration("PT6H"), Some(21_600));
        assert_eq!(parse_iso_duration("PT1H30M"), Some(5_400));
        assert_eq!(parse_iso_duration("P1D"), Some(86_400));
        assert_eq!(parse_iso_duration("6h"), None);
        assert_eq!(parse_iso_duration("PT"), None);
        assert_eq!(parse_iso_duration("PT9999999999999999999H"), None);
        assert_eq!(parse_iso_duration("P99999999999999999D"), None);
    }
}
