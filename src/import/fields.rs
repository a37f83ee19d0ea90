//! The fields of a call that are not about time: title, status, links,
//! tags and the body, from an event's text properties. A callsite feed's
//! DESCRIPTION is read back into the fields it was written from instead
//! of being copied into the body, links to the old site included.

use super::draft::{Draft, Part};
use super::frame::Frame;
use super::parse::{Component, unescape_text};

/// The draft for one part of an event.
pub fn draft(m: &Component, f: &Frame, part: Part, callsite: bool, uid: &str) -> Draft {
    let mut d = Draft {
        id_hint: part.title.clone(),
        title: part.title.clone(),
        start: part.series.start,
        zone: Some(f.zone),
        minutes: part.minutes,
        repeat: part.series.repeat.clone(),
        until: part.series.until,
        count: part.series.count,
        cancelled: part.cancelled.clone(),
        moved: part.moved.clone(),
        ..Draft::default()
    };
    let status = m.value("STATUS").unwrap_or("").to_ascii_uppercase();
    d.status = match status.as_str() {
        _ if part.called_off => Some("cancelled"),
        "CANCELLED" => Some("cancelled"),
        "TENTATIVE" => Some("requested"),
        _ => None,
    };
    if callsite {
        ours(&mut d, m, &status, uid);
    } else {
        text_fields(&mut d, m);
    }
    if let Some(cats) = m.value("CATEGORIES") {
        d.tags = cats
            .split(',')
            .map(|t| unescape_text(t).trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
    }
    if !part.notes.is_empty() {
        d.body
            .push_str("\nMeetings that differ in the original calendar:\n\n");
        for n in &part.notes {
            d.body.push_str(n);
            d.body.push('\n');
        }
    }
    let from = if uid.is_empty() {
        "no UID".to_string()
    } else {
        format!("UID {uid}")
    };
    d.origin.push(format!(
        "Imported from the event at line {} ({from}), its {}.",
        m.line, part.origin
    ));
    d
}

/// A callsite feed's event: the title without "Cancelled: ", the id
/// from the UID, the fields from DESCRIPTION.
fn ours(d: &mut Draft, m: &Component, status: &str, uid: &str) {
    if let Some(rest) = d
        .title
        .strip_prefix("Cancelled: ")
        .filter(|_| status == "CANCELLED")
    {
        d.title = rest.to_string();
    }
    if let Some(local) = uid
        .split('@')
        .next()
        .filter(|l| crate::content::is_valid_id(l))
    {
        d.id_hint = local.to_string();
    }
    read_our_description(d, m);
}

fn text_fields(d: &mut Draft, m: &Component) {
    if let Some(loc) = m.value("LOCATION").map(unescape_text) {
        let loc = loc.trim();
        if loc.starts_with("https://") || loc.starts_with("http://") {
            d.register = Some(loc.to_string());
        } else if !loc.is_empty() {
            d.body.push_str(&format!("Location: {loc}\n\n"));
        }
    }
    if let Some(desc) = m.value("DESCRIPTION").map(unescape_text)
        && !desc.trim().is_empty()
    {
        d.body.push_str(desc.trim_end());
        d.body.push('\n');
    }
}

/// Our feed writes DESCRIPTION as: "Emergency call.", the summary, a
/// blank line, then `Register:`, `Dial-in:`, `Agenda and notes:` and
/// `Call page:` lines (see render::ical).
fn read_our_description(d: &mut Draft, m: &Component) {
    let Some(desc) = m.value("DESCRIPTION").map(unescape_text) else {
        return;
    };
    let mut summary = Vec::new();
    for line in desc.lines() {
        if line == "Emergency call." {
            d.emergency = true;
        } else if let Some(v) = line.strip_prefix("Register: ") {
            d.register = Some(v.to_string());
        } else if let Some(v) = line.strip_prefix("Dial-in: ") {
            d.dial_in = Some(v.to_string());
        } else if let Some(v) = line.strip_prefix("Agenda and notes: ") {
            d.notes_doc = Some(v.to_string());
        } else if line.starts_with("Call page: ") || line.trim().is_empty() {
        } else {
            summary.push(line);
        }
    }
    if !summary.is_empty() {
        d.summary = Some(summary.join(" "));
    }
}
