//! Privacy lints from the network's own rules: names only for people, no
//! personal addresses or numbers in public minutes, a registration link in
//! time, full staffing, and recordings that have outlived the conference
//! service's retention.

use crate::content::{Call, CallStatus, Record, RecordKind, SiteConfig};
use crate::diagnostics::{Diagnostic, plural};
use crate::load::yaml::Pos;
use crate::schedule::{self, OccurrenceStatus};
use chrono::{DateTime, Duration, Utc};

/// An email address or phone number found in a line, at its column.
#[derive(Debug, PartialEq, Eq)]
pub struct Found {
    pub column: u32,
    pub text: String,
    pub what: &'static str,
}

/// Finds email addresses in `line`.
pub fn find_emails(line: &str) -> Vec<Found> {
    let chars: Vec<char> = line.chars().collect();
    let local_char = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let domain_char = |c: char| c.is_alphanumeric() || c == '.' || c == '-';
    let mut out = Vec::new();
    for (at, _) in chars.iter().enumerate().filter(|(_, c)| **c == '@') {
        let mut start = at;
        while start > 0 && local_char(chars[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < chars.len() && domain_char(chars[end]) {
            end += 1;
        }
        let domain: String = chars[at + 1..end].iter().collect();
        let domain = domain.trim_end_matches(['.', '-']);
        let tld_ok = domain
            .rsplit('.')
            .next()
            .is_some_and(|t| t.len() >= 2 && t.chars().all(char::is_alphabetic));
        if start < at && domain.contains('.') && tld_ok {
            let local: String = chars[start..at].iter().collect();
            out.push(Found {
                column: start as u32 + 1,
                text: format!("{local}@{domain}"),
                what: "an email address",
            });
        }
    }
    out
}

/// Finds phone numbers in `line`: 7 to 15 digits written as a number is
/// (`+1 555 0100`, `(555) 123-4567`, `555-123-4567`), not dates, times,
/// counts or parts of web addresses.
pub fn find_phones(line: &str) -> Vec<Found> {
    let chars: Vec<char> = line.chars().collect();
    let urls = url_spans(&chars);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev_ok =
            i == 0 || !(chars[i - 1].is_alphanumeric() || "/=?&#_.:-+@".contains(chars[i - 1]));
        if !(c.is_ascii_digit() || c == '+' || c == '(')
            || !prev_ok
            || urls.iter().any(|(a, b)| i >= *a && i < *b)
        {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let d = chars[j];
            let next_starts_number = chars
                .get(j + 1)
                .is_some_and(|n| n.is_ascii_digit() || *n == '(');
            if d.is_ascii_digit()
                || "()-.".contains(d) && next_starts_number
                || d == ')'
                || d == ' ' && next_starts_number
            {
                j += 1;
            } else {
                break;
            }
        }
        let run: String = chars[i..j].iter().collect();
        let run = run.trim_end_matches([' ', '-', '.', '(']);
        let groups: Vec<&str> = run
            .split(|c: char| !c.is_ascii_digit())
            .filter(|g| !g.is_empty())
            .collect();
        let digits: usize = groups.iter().map(|g| g.len()).sum();
        let date_like = groups.len() >= 3
            && groups[0].len() == 4
            && groups[1].len() <= 2
            && groups[2].len() <= 2;
        let shaped = run.starts_with('+')
            || run.contains('(')
            || groups.len() >= 3
            || (groups.len() == 1 && digits >= 10);
        // "21:00" right after the digits: a date and time, not a number.
        let then_time = chars.get(i + run.chars().count()) == Some(&':');
        if (7..=15).contains(&digits) && shaped && !date_like && !then_time {
            out.push(Found {
                column: i as u32 + 1,
                text: run.to_string(),
                what: "a phone number",
            });
        }
        i = j.max(i + 1);
    }
    out
}

fn url_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let text: String = chars.iter().collect();
    let mut spans = Vec::new();
    for (byte, _) in text.match_indices("://").chain(text.match_indices("www.")) {
        let at = text[..byte].chars().count();
        let mut start = at;
        while start > 0
            && !chars[start - 1].is_whitespace()
            && chars[start - 1] != '('
            && chars[start - 1] != '<'
        {
            start -= 1;
        }
        let mut end = at;
        while end < chars.len()
            && !chars[end].is_whitespace()
            && chars[end] != ')'
            && chars[end] != '>'
        {
            end += 1;
        }
        spans.push((start, end));
    }
    spans
}

/// Everything in `text` that looks like a personal contact.
pub fn find_contacts(text: &str) -> Vec<Found> {
    // Cheap byte tests first: most lines of minutes have neither.
    let mut found = if text.contains('@') {
        find_emails(text)
    } else {
        Vec::new()
    };
    if text.bytes().filter(u8::is_ascii_digit).count() >= 7 {
        found.extend(find_phones(text));
    }
    found.sort_by_key(|f| f.column);
    found
}

/// People are published by name only.
pub fn lint_person_fields(call: &Call, config: &SiteConfig, diags: &mut Vec<Diagnostic>) {
    let people = [
        ("facilitator", &call.facilitator),
        ("backup_facilitator", &call.backup_facilitator),
        ("tech", &call.tech),
    ];
    for (field, value) in people {
        let Some(value) = value else { continue };
        if let Some(found) = find_contacts(value).first() {
            let pos = call.at.of(field);
            diags.push(
                Diagnostic::error(&call.file, Some(pos), format!("`{field}` contains {}: `{}`", found.what, found.text))
                    .hint("publish names only; callers reach people through the registration link or the call's list"),
            );
        }
    }
    // These go into the calendar feeds, which subscribers' apps copy.
    let published = [
        ("summary", call.summary.as_deref()),
        ("dial_in", call.dial_in.as_deref()),
    ];
    lint_published_fields(&call.file, &call.at, &published, config, diags);
}

/// Personal contacts in fields that pages and feeds publish are errors:
/// unlike a body, such a field cannot be read over before it goes out.
pub fn lint_published_fields(
    file: &str,
    at: &crate::load::fields::FieldPositions,
    fields: &[(&str, Option<&str>)],
    config: &SiteConfig,
    diags: &mut Vec<Diagnostic>,
) {
    let allowed = allowed_contacts(config);
    for (field, value) in fields {
        let Some(value) = value else { continue };
        let found = find_contacts(value)
            .into_iter()
            .find(|f| !allowed.contains(&f.text.to_lowercase()));
        if let Some(found) = found {
            diags.push(
                Diagnostic::error(file, Some(at.of(field)), format!("`{field}` contains {}: `{}`", found.what, found.text))
                    .hint("this field is published on pages and in feeds: remove it, or list a role address under `public_contacts` in site.yaml"),
            );
        }
    }
}

fn allowed_contacts(config: &SiteConfig) -> Vec<String> {
    config
        .public_contacts
        .iter()
        .map(|c| c.trim_start_matches("mailto:").to_lowercase())
        .collect()
}

/// The call protocol staffs every call with a facilitator, a backup
/// facilitator and a tech supporter; checked for calls still to be held.
pub fn lint_staffing(call: &Call, now: DateTime<Utc>, diags: &mut Vec<Diagnostic>) {
    if call.status != CallStatus::Scheduled || !has_meeting_after(call, now) {
        return;
    }
    let missing: Vec<&str> = [
        ("facilitator", &call.facilitator),
        ("backup_facilitator", &call.backup_facilitator),
        ("tech", &call.tech),
    ]
    .iter()
    .filter(|(_, v)| v.is_none())
    .map(|(k, _)| *k)
    .collect();
    if !missing.is_empty() {
        diags.push(
            Diagnostic::warning(&call.file, Some(Pos { line: 1, column: 1 }), format!("this scheduled call names no {}", missing.join(", no ")))
                .hint("every call needs a facilitator, a backup facilitator and a tech supporter: add `facilitator:`, `backup_facilitator:` and `tech:` with their names"),
        );
    }
}

fn has_meeting_after(call: &Call, now: DateTime<Utc>) -> bool {
    let today = now.with_timezone(&call.timezone).date_naive();
    let last = today + Duration::days(3660);
    // Lazily: an open series stops at its first meeting still to come.
    schedule::series(call)
        .take_while(|t| t.date() <= last)
        .any(|t| {
            let (moved, cancelled) = schedule::fate(call, t.date());
            !cancelled && moved.map_or(t.date(), |m| m.to.date()) >= today
        })
}

/// The registration link must be public `link_posted_hours` before a call.
pub fn lint_register_link(
    call: &Call,
    config: &SiteConfig,
    now: DateTime<Utc>,
    diags: &mut Vec<Diagnostic>,
) {
    if call.status != CallStatus::Scheduled || call.register.is_some() {
        return;
    }
    let hours = i64::from(config.policy.link_posted_hours);
    let soon = schedule::occurrences(call, now, now + Duration::hours(hours))
        .into_iter()
        .find(|o| o.status != OccurrenceStatus::Cancelled && o.start.with_timezone(&Utc) >= now);
    if let Some(next) = soon {
        diags.push(
            Diagnostic::warning(&call.file, Some(Pos { line: 1, column: 1 }), format!(
                "the call meets {} ({}), within {}, and has no registration link",
                next.start.format("%A %Y-%m-%d at %H:%M"),
                next.start.format("%Z"),
                plural(hours as usize, "hour"),
            ))
            .hint(format!("add `register: https://…`; the protocol asks for the link to be public at least {} before the call", plural(hours as usize, "hour")))
            .date_driven(),
        );
    }
}

/// The conference service deletes recordings after its retention period.
pub fn lint_recording(
    record: &Record,
    config: &SiteConfig,
    now: DateTime<Utc>,
    diags: &mut Vec<Diagnostic>,
) {
    if record.recording.is_none() {
        return;
    }
    let days = i64::from(config.policy.recording_retention_days);
    let expired = record.date + Duration::days(days);
    if now.date_naive() > expired {
        diags.push(
            Diagnostic::warning(&record.file, record.at.get("recording"), format!(
                "this recording is older than the conference service's {days}-day retention (expired {expired}) and is probably gone"
            ))
            .hint("delete the `recording:` line, or link a copy kept elsewhere")
            .date_driven(),
        );
    }
}

/// Personal addresses and numbers in public minutes and agendas; role
/// addresses listed in `public_contacts` are fine.
pub fn lint_record_body(
    record: &Record,
    public: bool,
    config: &SiteConfig,
    diags: &mut Vec<Diagnostic>,
) {
    if !public {
        return;
    }
    let allowed = allowed_contacts(config);
    for (i, line) in record.body.text.lines().enumerate() {
        for found in find_contacts(line) {
            if found.what == "an email address" && allowed.contains(&found.text.to_lowercase()) {
                continue;
            }
            let pos = Pos {
                line: record.body.first_line + i as u32,
                column: found.column,
            };
            let noun = match record.kind {
                RecordKind::Minutes => "public minutes",
                RecordKind::Agenda => "a public agenda",
            };
            diags.push(
                Diagnostic::warning(&record.file, Some(pos), format!("{} in {noun}: `{}`", capitalize(found.what), found.text))
                    .hint(if found.what == "an email address" {
                        "remove it (participants' addresses are never published), or list a role address under `public_contacts` in site.yaml"
                    } else {
                        "remove it; participants' numbers are never published"
                    })
                    .width(found.text.chars().count()),
            );
        }
    }
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

    fn texts(found: Vec<Found>) -> Vec<String> {
        found.into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn finds_addresses() {
        assert_eq!(
            texts(find_emails("write to jo.smith+x@mail.example.com.")),
            ["jo.smith+x@mail.example.com"]
        );
        assert_eq!(
            texts(find_emails("<mailto:info@example.org>")),
            ["info@example.org"]
        );
        assert!(find_emails("@InterOcc on twitter, a @ b, x@localhost").is_empty());
    }

    #[test]
    fn finds_phone_numbers_not_dates_or_counts() {
        for phone in [
            "+1 555 0100",
            "(555) 123-4567",
            "555-123-4567",
            "call 555.123.4567 now",
            "+49 30 1234567",
            "5551234567",
        ] {
            assert_eq!(find_phones(phone).len(), 1, "{phone}");
        }
        for not_phone in [
            "2026-11-24",
            "met 2026-11-24 21:00",
            "2011-2012",
            "1,800 of 4500 callers",
            "45 people, 12 new",
            "https://example.org/register/5551234567",
            "see www.example.org/555-123-4567",
            "version 1.2.3",
            "9:00 PM EST",
        ] {
            assert!(
                find_phones(not_phone).is_empty(),
                "{not_phone}: {:?}",
                find_phones(not_phone)
            );
        }
    }
}
