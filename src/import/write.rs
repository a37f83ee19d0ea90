//! Drafts written as call records: YAML front matter in the form
//! `callsite new call` writes, under an id made from the title.

use super::draft::Draft;
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use chrono_tz::Tz;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

/// A YAML double-quoted string.
pub fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A wall time as callsite reads it, with seconds only when it has some.
fn at(t: NaiveDateTime) -> String {
    if t.second() == 0 {
        t.format("%Y-%m-%d %H:%M").to_string()
    } else {
        t.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// An id from `hint` (a title), unique among `taken` and the files in `dir`.
pub fn unique_id(hint: &str, taken: &mut BTreeSet<String>, dir: &Path) -> String {
    let mut base = if crate::content::is_valid_id(hint) {
        hint.to_string()
    } else {
        // Spelt in Latin letters first: `Réunion` gives `reunion`, not
        // `r-union`, and a Cyrillic or Japanese title a readable id.
        crate::content::slugify(&deunicode::deunicode(hint))
    };
    if base.len() > 48 {
        let cut = base[..48].rfind('-').unwrap_or(48);
        base.truncate(cut);
    }
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) || dir.join(format!("{id}.md")).exists() {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// The end of the series, its cancellations and moves.
fn schedule(y: &mut String, d: &Draft) {
    if let Some(u) = d.until {
        let _ = writeln!(y, "until: {u}");
    }
    if let Some(c) = d.count {
        let _ = writeln!(y, "count: {c}");
    }
    if !d.cancelled.is_empty() {
        let list: Vec<String> = d.cancelled.iter().map(NaiveDate::to_string).collect();
        let _ = writeln!(y, "cancelled: [{}]", list.join(", "));
    }
    if !d.moved.is_empty() {
        y.push_str("moved:\n");
        for (from, to) in &d.moved {
            let _ = writeln!(y, "  {from}: {}", at(*to));
        }
    }
}

/// The file's text.
pub fn render(d: &Draft, site_zone: Tz) -> String {
    let mut y = String::from("---\n");
    for line in &d.origin {
        let _ = writeln!(y, "# {line}");
    }
    let _ = writeln!(y, "title: {}", quoted(&d.title));
    if let Some(s) = &d.summary {
        let _ = writeln!(y, "summary: {}", quoted(s));
    }
    let _ = writeln!(y, "start: {}", at(d.start));
    if let Some(z) = d.zone.filter(|z| *z != site_zone) {
        let _ = writeln!(y, "timezone: {}", z.name());
    }
    if d.minutes != 60 {
        let _ = writeln!(y, "duration: {}m", d.minutes);
    }
    if let Some(r) = &d.repeat {
        let _ = writeln!(y, "repeat: {}", quoted(r));
    }
    schedule(&mut y, d);
    if let Some(s) = d.status {
        let _ = writeln!(y, "status: {s}");
    }
    if d.emergency {
        y.push_str("emergency: true\n");
    }
    for (field, value) in [
        ("register", &d.register),
        ("dial_in", &d.dial_in),
        ("notes_doc", &d.notes_doc),
    ] {
        if let Some(v) = value {
            let _ = writeln!(y, "{field}: {}", quoted(v));
        }
    }
    if !d.tags.is_empty() {
        let tags: Vec<String> = d.tags.iter().map(|t| quoted(t)).collect();
        let _ = writeln!(y, "tags: [{}]", tags.join(", "));
    }
    y.push_str(
        "# Add facilitator, backup_facilitator and tech: the calendar does not name them.\n",
    );
    y.push_str("---\n");
    y.push_str(&d.body);
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_yaml_safely() {
        assert_eq!(
            quoted("Caravan: \"west\" \\ east"),
            "\"Caravan: \\\"west\\\" \\\\ east\""
        );
    }

    #[test]
    fn ids_are_readable_and_unique() {
        let dir = tempfile::tempdir().unwrap();
        let mut taken = BTreeSet::new();
        assert_eq!(
            unique_id("Weekly Sync: Team", &mut taken, dir.path()),
            "weekly-sync-team"
        );
        assert_eq!(
            unique_id("Weekly sync — team", &mut taken, dir.path()),
            "weekly-sync-team-2"
        );
        let long = unique_id(&"word ".repeat(30), &mut taken, dir.path());
        assert!(long.len() <= 48 && !long.ends_with('-'), "{long}");
    }
}
