//! Privacy lints from the network's own rules: people are published by
//! name only, and no personal address or number goes out in any published
//! field or body (bodies are redacted on the site, the rest is refused).

use crate::contacts::{self, ContactKind, Found};
use crate::content::{Call, Coc, FaqSection, Page, Record, RecordKind, SiteConfig};
use crate::diagnostics::{Diagnostic, Pos};
use crate::front_matter::fields::FieldPositions;
use std::collections::HashSet;

/// Contacts that may be published: the site's role addresses
/// (`public_contacts` in site.yaml), and in one file those its own
/// `public_contacts` lists (people who agreed).
pub struct Allowed {
    keys: HashSet<String>,
}

impl Allowed {
    /// The site's role addresses.
    pub fn site(config: &SiteConfig) -> Allowed {
        Allowed {
            keys: config
                .public_contacts
                .iter()
                .map(|c| contacts::contact_key(c))
                .collect(),
        }
    }

    /// The site's role addresses and `extra`, a file's own list.
    pub fn with(config: &SiteConfig, extra: &[String]) -> Allowed {
        let mut allowed = Allowed::site(config);
        allowed
            .keys
            .extend(extra.iter().map(|c| contacts::contact_key(c)));
        allowed
    }

    /// Whether `found` may be published.
    pub fn allows(&self, found: &Found) -> bool {
        self.keys.contains(&found.key())
    }
}

/// The hint for a contact in a field that is published as written.
const FIELD_HINT: &str = "this field is published on pages and in feeds: remove it, or list a role address under `public_contacts` in site.yaml";

fn field_error(file: &str, pos: Pos, field: &str, found: &Found, hint: &str) -> Diagnostic {
    Diagnostic::error(
        file,
        Some(pos),
        format!("`{field}` contains {}: `{}`", found.what(), found.text),
    )
    .hint(hint)
}

/// Personal contacts in fields that pages and feeds publish are errors:
/// unlike a body, such a field cannot be read over before it goes out.
/// `fields` are plain text; `urls` are links, whose query is checked.
pub fn lint_published_fields(
    file: &str,
    at: &FieldPositions,
    fields: &[(&str, Option<&str>)],
    allowed: &Allowed,
    diags: &mut Vec<Diagnostic>,
) {
    for (field, value) in fields {
        let Some(value) = value else { continue };
        if let Some(found) = contacts::find(value)
            .into_iter()
            .find(|f| !allowed.allows(f))
        {
            diags.push(field_error(file, at.of(field), field, &found, FIELD_HINT));
        }
    }
}

/// Links that fields publish: an address or number in a link's query
/// (`?email=…`) is published with it.
pub fn lint_published_urls(
    file: &str,
    at: &FieldPositions,
    urls: &[(&str, Option<&str>)],
    allowed: &Allowed,
    diags: &mut Vec<Diagnostic>,
) {
    for (field, value) in urls {
        let Some(value) = value else { continue };
        let found = contacts::find_in_url(value);
        if let Some(found) = found.into_iter().find(|f| !allowed.allows(f)) {
            diags.push(field_error(file, at.of(field), field, &found, "this link is published on pages and in feeds: remove the personal address or number from it"));
        }
    }
}

/// Everything a call publishes: people by name only, no personal contact
/// in any text or link, and in `dial_in` only the bridge's own numbers.
pub fn lint_call(call: &Call, config: &SiteConfig, diags: &mut Vec<Diagnostic>) {
    let people = [
        ("facilitator", &call.facilitator),
        ("backup_facilitator", &call.backup_facilitator),
        ("tech", &call.tech),
    ];
    for (field, value) in people {
        let Some(value) = value else { continue };
        if let Some(found) = contacts::find(value).first() {
            diags.push(field_error(&call.file, call.at.of(field), field, found, "publish names only; callers reach people through the registration link or the call's list"));
        }
    }
    let allowed = Allowed::site(config);
    let tags = call.tags.join(", ");
    let texts = [
        ("title", Some(call.title.as_str())),
        ("summary", call.summary.as_deref()),
        ("host", call.host.as_deref()),
        ("tags", Some(tags.as_str())),
    ];
    lint_published_fields(&call.file, &call.at, &texts, &allowed, diags);
    let urls = [
        ("register", call.register.as_deref()),
        ("notes_doc", call.notes_doc.as_deref()),
        ("list", call.list.as_deref()),
    ];
    lint_published_urls(&call.file, &call.at, &urls, &allowed, diags);
    if let Some(dial_in) = &call.dial_in {
        lint_dial_in(call, dial_in, &allowed, diags);
    }
}

/// A conference bridge's numbers are public by nature; a number written
/// after a person's name ("or Jo on 030/1234567") is that person's, and an
/// address in `dial_in` is held to the usual rule.
fn lint_dial_in(call: &Call, dial_in: &str, allowed: &Allowed, diags: &mut Vec<Diagnostic>) {
    let names: Vec<String> = [&call.facilitator, &call.backup_facilitator, &call.tech]
        .into_iter()
        .flatten()
        .flat_map(|n| {
            n.split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.chars().count() > 1)
        .collect();
    let chars: Vec<char> = dial_in.chars().collect();
    let mut clause_start = 0;
    for found in contacts::find(dial_in) {
        let at = found.column as usize - 1;
        let before: String = chars[clause_start.min(at)..at].iter().collect();
        clause_start = at + found.width as usize;
        let personal = match found.kind {
            ContactKind::Email => !allowed.allows(&found),
            ContactKind::Phone => {
                names_a_person(contacts::without_link(&before), &names) && !allowed.allows(&found)
            }
        };
        if personal {
            diags.push(field_error(&call.file, call.at.of("dial_in"), "dial_in", &found, "`dial_in` is for the conference bridge's own numbers and PIN; reach people through the registration link or the call's list"));
        }
    }
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

/// A public record's title and decisions are published as written; its
/// recording link with its query.
pub fn lint_record_fields(record: &Record, config: &SiteConfig, diags: &mut Vec<Diagnostic>) {
    let allowed = Allowed::with(config, &record.public_contacts);
    let decisions = record.decisions.join("; ");
    let fields = [
        ("title", record.title.as_deref()),
        ("decisions", Some(decisions.as_str())),
    ];
    let hint = "this field is published on pages and in feeds: remove it, or list a role address under `public_contacts` in site.yaml (or, for someone who agreed, in this file's `public_contacts`)";
    for (field, value) in fields {
        let Some(value) = value else { continue };
        if let Some(found) = contacts::find(value)
            .into_iter()
            .find(|f| !allowed.allows(f))
        {
            diags.push(field_error(
                &record.file,
                record.at.of(field),
                field,
                &found,
                hint,
            ));
        }
    }
    let urls = [("recording", record.recording.as_deref())];
    lint_published_urls(&record.file, &record.at, &urls, &allowed, diags);
}

/// Site-wide names go on every page and feed; the feed's ORGANIZER must
/// be a role address the site declares, never a person's.
pub fn lint_site(config: &SiteConfig, diags: &mut Vec<Diagnostic>) {
    let file = "content/site.yaml";
    let allowed = Allowed::site(config);
    let fields = [
        ("title", Some(config.title.as_str())),
        ("tagline", config.tagline.as_deref()),
        ("calendar.name", Some(config.calendar.name.as_str())),
    ];
    lint_published_fields(file, &config.at, &fields, &allowed, diags);
    if let Some(organizer) = &config.calendar.organizer {
        let key = contacts::contact_key(organizer);
        let listed = config
            .public_contacts
            .iter()
            .any(|c| contacts::contact_key(c) == key);
        if !listed {
            diags.push(
                Diagnostic::error(file, Some(config.at.of("calendar.organizer")), format!("`calendar.organizer` ({organizer}) is not one of the site's `public_contacts`"))
                    .hint("the feed's organizer is published to every subscriber: use a role address, and list it under `public_contacts` to say it is one"),
            );
        }
    }
}

/// A CoC's names and its website link are published.
pub fn lint_coc(coc: &Coc, config: &SiteConfig, diags: &mut Vec<Diagnostic>) {
    let allowed = Allowed::site(config);
    let fields = [
        ("name", Some(coc.name.as_str())),
        ("ga", coc.ga.as_deref()),
        ("city", coc.city.as_deref()),
        ("region", coc.region.as_deref()),
    ];
    lint_published_fields(&coc.file, &coc.at, &fields, &allowed, diags);
    let urls = [("website", coc.website.as_deref())];
    lint_published_urls(&coc.file, &coc.at, &urls, &allowed, diags);
}

/// Titles of FAQ sections, their questions and free pages are published.
pub fn lint_titles(
    faq: &[FaqSection],
    pages: &[Page],
    config: &SiteConfig,
    diags: &mut Vec<Diagnostic>,
) {
    let allowed = Allowed::site(config);
    for s in faq {
        lint_published_fields(
            &s.file,
            &s.at,
            &[("title", Some(s.title.as_str()))],
            &allowed,
            diags,
        );
        for q in &s.questions {
            if let Some(found) = contacts::find(&q.question)
                .into_iter()
                .find(|f| !allowed.allows(f))
            {
                diags.push(
                    Diagnostic::error(&s.file, Some(Pos { line: q.line, column: 1 }), format!("this question contains {}: `{}`", found.what(), found.text))
                        .hint("questions are published as headings and in search: remove it, or list a role address under `public_contacts` in site.yaml"),
                );
            }
        }
    }
    for p in pages {
        lint_published_fields(
            &p.file,
            &p.at,
            &[("title", Some(p.title.as_str()))],
            &allowed,
            diags,
        );
    }
}

/// Personal addresses and numbers in the body of public minutes and
/// agendas: see [`lint_body`]. Role addresses and what the file's own
/// `public_contacts` lists are published.
pub fn lint_record_body(
    record: &Record,
    public: bool,
    config: &SiteConfig,
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    if !public {
        return Vec::new();
    }
    let allowed = Allowed::with(config, &record.public_contacts);
    let noun = match record.kind {
        RecordKind::Minutes => "public minutes",
        RecordKind::Agenda => "a public agenda",
    };
    let hint = "remove it, or if this person agreed to have it published, list it under `public_contacts:` in this file (a role address: in site.yaml)";
    lint_body(&record.file, &record.body, (noun, hint), &allowed, diags)
}

/// A call's description is on its page: the same rule as for minutes.
pub fn lint_call_body(
    call: &Call,
    config: &SiteConfig,
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let hint = "publish names only: remove it, or list a role address under `public_contacts` in site.yaml";
    lint_body(
        &call.file,
        &call.body,
        ("a call's description", hint),
        &Allowed::site(config),
        diags,
    )
}

/// Each personal contact in a published body is reported at its line and
/// column, and returned so the renderer redacts it (the source file is
/// never changed).
fn lint_body(
    file: &str,
    body: &crate::content::Body,
    (noun, hint): (&str, &str),
    allowed: &Allowed,
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut redact = Vec::new();
    for (i, line) in body.text.lines().enumerate() {
        for found in contacts::find(line) {
            if allowed.allows(&found) {
                continue;
            }
            let pos = Pos {
                line: body.first_line + i as u32,
                column: found.column,
            };
            diags.push(
                Diagnostic::warning(
                    file,
                    Some(pos),
                    format!(
                        "{} in {noun}: `{}`; the site shows it as “{}”",
                        capitalize(found.what()),
                        found.text,
                        crate::contacts::REDACTED
                    ),
                )
                .hint(hint)
                .width(found.width as usize),
            );
            redact.push(found.text);
        }
    }
    redact.sort();
    redact.dedup();
    redact
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
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
