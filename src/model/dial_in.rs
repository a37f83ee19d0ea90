//! A call's `dial_in`: the conference bridge's numbers are published, a
//! person's number written next to them is not.

use crate::contacts::{self, ContactKind, Found};
use crate::content::Call;

/// The words of the names of a call's people, lowercased: a number after
/// one of them in `dial_in` is that person's.
pub fn names(call: &Call) -> Vec<String> {
    [&call.facilitator, &call.backup_facilitator, &call.tech]
        .into_iter()
        .flatten()
        .flat_map(|n| {
            n.split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.chars().count() > 1)
        .collect()
}

/// The contacts in `dial_in` that are people's rather than the bridge's
/// (the caller drops those the site allows). A conference bridge's numbers
/// are public by nature; a number written after a person's name ("or Jo on
/// 030/1234567", "Jo: tel:+1…") is that person's, and so is any address. `names` are the words of the call's
/// people's names, lowercased ([`names`]).
pub fn personal_contacts(dial_in: &str, names: &[String]) -> Vec<Found> {
    let mut personal = Vec::new();
    let chars: Vec<char> = dial_in.chars().collect();
    let mut clause_start = 0;
    for found in contacts::find(dial_in) {
        let at = found.column as usize - 1;
        let before: String = chars[clause_start.min(at)..at].iter().collect();
        clause_start = at + found.width as usize;
        let theirs = match found.kind {
            ContactKind::Email => true,
            ContactKind::Phone => names_a_person(contacts::without_link(&before), names),
        };
        if theirs {
            personal.push(found);
        }
    }
    personal
}

/// Words that introduce a bridge's number rather than a person's.
const BRIDGE_WORDS: &[&str] = &[
    "dial",
    "dial-in",
    "bridge",
    "conference",
    "line",
    "access",
    "phone",
    "toll",
    "toll-free",
    "free",
    "number",
    "pin",
    "code",
    "us",
    "usa",
    "uk",
    "ca",
    "de",
    "fr",
    "local",
    "backup",
    "alternate",
    "alternative",
    "international",
    "call",
    "or",
    "and",
    "then",
];

/// Whether the text before a number names someone: one of the call's
/// people, or a capitalised word right before "on", "at" or a colon.
fn names_a_person(before: &str, people: &[String]) -> bool {
    let words: Vec<String> = before
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if words.iter().any(|w| people.contains(&w.to_lowercase())) {
        return true;
    }
    let trimmed = before.trim_end();
    let (rest, colon) = match trimmed.strip_suffix(':') {
        Some(r) => (r.trim_end(), true),
        None => (trimmed, false),
    };
    let mut tail = rest.rsplitn(3, char::is_whitespace);
    let last = tail.next().unwrap_or("");
    let (name, linked) = if colon {
        (last, true)
    } else if ["on", "at"].contains(&last.to_lowercase().as_str()) {
        (tail.next().unwrap_or(""), true)
    } else {
        ("", false)
    };
    let name = name.trim_matches(|c: char| !c.is_alphanumeric());
    linked
        && name.chars().next().is_some_and(char::is_uppercase)
        && !BRIDGE_WORDS.contains(&name.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_after_a_name_is_a_persons_and_a_bridges_is_not() {
        let people = vec!["bea".to_string()];
        assert!(names_a_person("+1 555 0100, or Jo on ", &people));
        assert!(names_a_person("ask Bea at ", &people));
        assert!(names_a_person("Jo: ", &people));
        let linked = contacts::without_link("; or Jo on tel:");
        assert!(names_a_person(linked, &people));
        assert!(!names_a_person("", &people));
        assert!(!names_a_person("Dial-in: ", &people));
        assert!(!names_a_person("US toll-free: ", &people));
        assert!(!names_a_person("Bridge on ", &people));
        assert!(!names_a_person(", PIN sent on registration; ", &people));
    }
}
