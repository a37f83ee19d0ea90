//! Privacy lints from the network's own rules: people are published by
//! name only, and no personal address or number goes out in any published
//! field or body (bodies are redacted on the site, the rest is refused).

use super::dial_in;
use super::published::{self, Field, How};
use crate::contacts::{self, Found};
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

    /// Whether a contact as written (`mailto:calls@…`) is one listed.
    pub fn allows_text(&self, contact: &str) -> bool {
        self.keys.contains(&contacts::contact_key(contact))
    }
}

/// The hint for a contact in a field that is published as written.
const FIELD_HINT: &str = "this field is published on pages and in feeds: remove it, or list a role address under `public_contacts` in site.yaml";
const RECORD_HINT: &str = "this field is published on pages and in feeds: remove it, or list a role address under `public_contacts` in site.yaml (or, for someone who agreed, in this file's `public_contacts`)";
const LINK_HINT: &str =
    "this link is published on pages and in feeds: remove the personal address or number from it";
const NAME_HINT: &str =
    "publish names only; callers reach people through the registration link or the call's list";
const DIAL_IN_HINT: &str = "`dial_in` is for the conference bridge's own numbers and PIN; reach people through the registration link or the call's list";
const ROLE_HINT: &str = "this address is published as the site's to every visitor and subscriber: use a role address, and list it under `public_contacts` to say it is one";

fn field_error(file: &str, pos: Pos, field: &str, found: &Found, hint: &str) -> Diagnostic {
    Diagnostic::error(
        file,
        Some(pos),
        format!("`{field}` contains {}: `{}`", found.what(), found.text),
    )
    .hint(hint)
}

/// One file's published fields and what they may contain.
struct Scope<'a> {
    file: &'a str,
    at: &'a FieldPositions,
    allowed: Allowed,
    /// The hint for a contact in a text field.
    hint: &'static str,
    /// The words of a call's people's names (see [`dial_in::names`]).
    people: Vec<String>,
}

/// Personal contacts in fields that pages and feeds publish are errors:
/// unlike a body, such a field cannot be read over before it goes out.
/// Each field is held to the rule of how it is published ([`How`]).
fn lint_fields(scope: &Scope, fields: &[Field], diags: &mut Vec<Diagnostic>) {
    let allowed = &scope.allowed;
    for f in fields {
        let Some(value) = f.value.as_deref() else {
            continue;
        };
        let pos = scope.at.of(f.name);
        let report_at = |at, found: &Found, hint| field_error(scope.file, at, f.name, found, hint);
        let report = |found: &Found, hint| report_at(pos, found, hint);
        let not_allowed = |found: &Found| !allowed.allows(found);
        match f.how {
            How::Text if !f.items.is_empty() => {
                for (i, item) in f.items.iter().enumerate() {
                    let found = contacts::find(item).into_iter().find(|c| not_allowed(c));
                    let at = scope.at.of_item(f.name, i);
                    diags.extend(found.map(|c| report_at(at, &c, scope.hint)));
                }
            }
            How::Text => diags.extend(
                contacts::find(value)
                    .iter()
                    .find(|c| not_allowed(c))
                    .map(|c| report(c, scope.hint)),
            ),
            How::Link => diags.extend(
                contacts::find_in_url(value)
                    .iter()
                    .find(|c| not_allowed(c))
                    .map(|c| report(c, LINK_HINT)),
            ),
            How::Name => diags.extend(contacts::find(value).first().map(|c| report(c, NAME_HINT))),
            How::DialIn => diags.extend(
                dial_in::personal_contacts(value, &scope.people)
                    .iter()
                    .filter(|c| not_allowed(c))
                    .map(|c| report(c, DIAL_IN_HINT)),
            ),
            How::Role if !allowed.allows_text(value) => diags.push(
                Diagnostic::error(
                    scope.file,
                    Some(pos),
                    format!(
                        "`{}` ({value}) is not one of the site's `public_contacts`",
                        f.name
                    ),
                )
                .hint(ROLE_HINT),
            ),
            How::Role => {}
        }
    }
}

/// Everything a call publishes: people by name only, no personal contact
/// in any text or link, and in `dial_in` only the bridge's own numbers.
pub fn lint_call(call: &Call, config: &SiteConfig, diags: &mut Vec<Diagnostic>) {
    let scope = Scope {
        file: &call.file,
        at: &call.at,
        allowed: Allowed::site(config),
        hint: FIELD_HINT,
        people: dial_in::names(call),
    };
    lint_fields(&scope, &published::call(call), diags);
}

/// What public minutes or a public agenda publish besides the body; the
/// file's own `public_contacts` may be published.
pub fn lint_record_fields(record: &Record, config: &SiteConfig, diags: &mut Vec<Diagnostic>) {
    let scope = Scope {
        file: &record.file,
        at: &record.at,
        allowed: Allowed::with(config, &record.public_contacts),
        hint: RECORD_HINT,
        people: Vec::new(),
    };
    lint_fields(&scope, &published::record(record), diags);
}

/// One file of the site's own (site.yaml, a CoC, a page, an FAQ section):
/// only the site's role addresses may be published.
fn lint_site_file(
    file: &str,
    at: &FieldPositions,
    fields: &[Field],
    config: &SiteConfig,
    diags: &mut Vec<Diagnostic>,
) {
    let scope = Scope {
        file,
        at,
        allowed: Allowed::site(config),
        hint: FIELD_HINT,
        people: Vec::new(),
    };
    lint_fields(&scope, fields, diags);
}

/// Site-wide names go on every page and feed; the feed's ORGANIZER must
/// be a role address the site declares, never a person's.
pub fn lint_site(config: &SiteConfig, diags: &mut Vec<Diagnostic>) {
    let fields = published::site(config);
    lint_site_file("content/site.yaml", &config.at, &fields, config, diags);
}

/// A CoC's names and links are published on /cocs/, its page and topics.
pub fn lint_coc(coc: &Coc, config: &SiteConfig, diags: &mut Vec<Diagnostic>) {
    lint_site_file(&coc.file, &coc.at, &published::coc(coc), config, diags);
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
        lint_site_file(&s.file, &s.at, &published::faq(s), config, diags);
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
        lint_site_file(&p.file, &p.at, &published::page(p), config, diags);
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
    for (i, line) in lines(&body.text).enumerate() {
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

/// The lines of `text` as `str::lines` gives them (a `\r` before a `\n`
/// dropped), each end found with memchr: every line of every public body
/// is read here.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text).filter(|t| !t.is_empty());
    std::iter::from_fn(move || {
        let t = rest?;
        match memchr::memchr(b'\n', t.as_bytes()) {
            Some(end) => {
                rest = Some(&t[end + 1..]).filter(|r| !r.is_empty());
                let line = &t[..end];
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => {
                rest = None;
                Some(t)
            }
        }
    })
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
    fn lines_are_those_str_lines_gives() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\r",
            "\r\n\r\n",
            "a\n\nb\n\n",
            "x\ry\n",
        ] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }
}
