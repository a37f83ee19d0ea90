//! Personal contacts in what an import publishes: a calendar invitation's
//! title often carries its organiser's address ("Invitation: … (jo@…)"),
//! and callsite publishes people by name only. Such contacts are left out
//! of the fields `check` holds to that rule, with a note naming the event.

use super::draft::Draft;
use super::report::{Level, Notes};
use crate::contacts;

/// Removes personal contacts from the draft's title, summary and tags, and
/// personal queries from its links; each removal is noted.
pub fn withhold(d: &mut Draft, line: usize, notes: &mut Notes) {
    let mut removed: Vec<(&str, String)> = Vec::new();
    if let Some(found) = strip(&mut d.title) {
        strip(&mut d.id_hint);
        removed.push(("SUMMARY", found));
    }
    if let Some(summary) = d.summary.as_mut()
        && let Some(found) = strip(summary)
    {
        removed.push(("DESCRIPTION", found));
    }
    for tag in &mut d.tags {
        if let Some(found) = strip(tag) {
            removed.push(("CATEGORIES", found));
        }
    }
    d.tags.retain(|t| !t.is_empty());
    for (field, link) in [("URL", &mut d.register), ("URL", &mut d.notes_doc)] {
        if link
            .as_deref()
            .is_some_and(|l| !contacts::find_in_url(l).is_empty())
        {
            let plain = link
                .as_deref()
                .map(|l| l.split(['?', '#']).next().unwrap_or(l).to_string());
            removed.push((field, link.take().unwrap_or_default()));
            *link = plain.filter(|p| contacts::find_in_url(p).is_empty());
        }
    }
    for (property, what) in removed {
        notes.add(
            Level::Note,
            line,
            property,
            format!("left out a personal contact: `{what}`"),
            "callsite publishes people by name only; add a role address under `public_contacts` in site.yaml if it is one",
        );
    }
}

/// Removes every contact from `text` (tidying the brackets and spaces it
/// leaves); returns what was removed.
fn strip(text: &mut String) -> Option<String> {
    let found = contacts::find(text);
    if found.is_empty() {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for f in &found {
        let start = f.column as usize - 1;
        out.extend(&chars[at.min(start)..start]);
        at = start + f.width as usize;
    }
    out.extend(&chars[at.min(chars.len())..]);
    let tidy = out
        .replace("()", "")
        .replace("<>", "")
        .replace("[]", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    *text = tidy
        .trim_matches(|c: char| c == ',' || c == ';' || c == '-' || c.is_whitespace())
        .to_string();
    Some(
        found
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_left_out_and_the_text_tidied() {
        let mut t = "Invitation: Planning @ Tue (jo.smith@mail.example.com)".to_string();
        assert_eq!(strip(&mut t).as_deref(), Some("jo.smith@mail.example.com"));
        assert_eq!(t, "Invitation: Planning @ Tue");
        let mut plain = "Weekly call".to_string();
        assert_eq!(strip(&mut plain), None);
    }
}
