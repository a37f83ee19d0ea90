//! A digest as plain text, Markdown or an HTML fragment: what is pasted
//! into the announcements list, or mailed from the Atom feed.

use super::digest::{Digest, Meeting};
use std::fmt::Write as _;

/// Output formats of `callsite announce --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Html,
    Markdown,
}

/// The digest in `format`.
pub fn render(d: &Digest, format: Format) -> String {
    match format {
        Format::Text => text(d),
        Format::Markdown => markdown(d),
        Format::Html => html(d),
    }
}

/// The heading every form starts with.
fn heading(d: &Digest) -> String {
    format!("{}: calls of {} ({})", d.site_title, d.dates, d.week)
}

/// What is special about a meeting, in words: "Cancelled", "Emergency
/// call", "Moved from …", "Requested, not confirmed yet".
fn notes(m: &Meeting) -> Vec<String> {
    let mut out = Vec::new();
    if m.status == "cancelled" {
        out.push("Cancelled".to_string());
    }
    if let Some(from) = &m.moved_from {
        out.push(from.clone());
    }
    if m.emergency {
        out.push("Emergency call".to_string());
    }
    if m.requested {
        out.push("Requested, not confirmed yet".to_string());
    }
    out
}

/// "Thursday 3 December 2026, 8:00 PM EST (America/New_York; 2:00 AM CET
/// in …)" — the call's zone, and the site's when it differs.
fn when(m: &Meeting, site_zone: &str) -> String {
    let mut s = format!("{}, {} ({})", m.day, m.time, m.zone);
    if let Some(site) = &m.site_time {
        let _ = write!(s, " = {site} in {site_zone}");
    }
    s
}

fn text(d: &Digest) -> String {
    let mut s = format!("{}\n\n", heading(d));
    if !d.changes.is_empty() {
        s.push_str("Changes\n\n");
        for c in &d.changes {
            let _ = write!(s, "- {}: {}\n  {}\n", c.title, c.text, c.url);
        }
        s.push('\n');
    }
    s.push_str("Calls this week\n\n");
    if d.meetings.is_empty() {
        s.push_str("No calls are scheduled this week.\n\n");
    }
    for m in &d.meetings {
        let _ = writeln!(s, "{}", when(m, &d.zone));
        let notes = notes(m);
        let upper = if m.status == "cancelled" {
            " [CANCELLED]"
        } else {
            ""
        };
        let _ = writeln!(s, "  {}{upper}", m.title);
        if !notes.is_empty() {
            let _ = writeln!(s, "  {}", notes.join(". "));
        }
        if let Some(summary) = &m.summary {
            let _ = writeln!(s, "  {summary}");
        }
        if let Some(r) = m.register.as_ref().filter(|_| m.status != "cancelled") {
            let _ = writeln!(s, "  Register: {r}");
        }
        let _ = writeln!(s, "  {}\n", m.url);
    }
    if !d.minutes.is_empty() {
        s.push_str("New minutes from last week\n\n");
        for m in &d.minutes {
            let _ = writeln!(s, "- {} ({})\n  {}", m.title, m.day, m.url);
        }
        s.push('\n');
    }
    let _ = write!(
        s,
        "Subscribe to the calendar: {}\nThis announcement online: {}\n",
        d.calendar_url, d.url
    );
    s
}

/// Escapes Markdown's punctuation in text that is not a link.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>#|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn markdown(d: &Digest) -> String {
    let mut s = format!("# {}\n\n", md(&heading(d)));
    if !d.changes.is_empty() {
        s.push_str("## Changes\n\n");
        for c in &d.changes {
            let _ = writeln!(s, "- [{}](<{}>): {}", md(&c.title), c.url, md(&c.text));
        }
        s.push('\n');
    }
    s.push_str("## Calls this week\n\n");
    if d.meetings.is_empty() {
        s.push_str("No calls are scheduled this week.\n\n");
    }
    for m in &d.meetings {
        let title = format!("[{}](<{}>)", md(&m.title), m.url);
        let title = if m.status == "cancelled" {
            format!("~~{title}~~")
        } else {
            title
        };
        let _ = writeln!(s, "- **{}**: {title}", md(&when(m, &d.zone)));
        let notes = notes(m);
        if !notes.is_empty() {
            let _ = writeln!(s, "  *{}*", md(&notes.join(". ")));
        }
        if let Some(summary) = &m.summary {
            let _ = writeln!(s, "  {}", md(summary));
        }
        if let Some(r) = m.register.as_ref().filter(|_| m.status != "cancelled") {
            let _ = writeln!(s, "  [Register](<{r}>)");
        }
    }
    s.push('\n');
    if !d.minutes.is_empty() {
        s.push_str("## New minutes from last week\n\n");
        for m in &d.minutes {
            let _ = writeln!(s, "- [{}](<{}>), {}", md(&m.title), m.url, md(&m.day));
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "[Subscribe to the calendar](<{}>) · [This announcement online](<{}>)",
        d.calendar_url, d.url
    );
    s
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An HTML fragment for a mail or the Atom feed: headings, lists and
/// links, with `<time datetime>` on every meeting.
pub fn html(d: &Digest) -> String {
    let e = escape;
    let mut s = format!("<h2>{}</h2>\n", e(&heading(d)));
    if !d.changes.is_empty() {
        s.push_str("<h3>Changes</h3>\n<ul>\n");
        for c in &d.changes {
            let _ = writeln!(
                s,
                "<li><a href=\"{}\">{}</a>: {}</li>",
                e(&c.url),
                e(&c.title),
                e(&c.text)
            );
        }
        s.push_str("</ul>\n");
    }
    s.push_str("<h3>Calls this week</h3>\n");
    if d.meetings.is_empty() {
        s.push_str("<p>No calls are scheduled this week.</p>\n");
    } else {
        s.push_str("<ul>\n");
        for m in &d.meetings {
            s.push_str(&html_meeting(m, &d.zone));
        }
        s.push_str("</ul>\n");
    }
    if !d.minutes.is_empty() {
        s.push_str("<h3>New minutes from last week</h3>\n<ul>\n");
        for m in &d.minutes {
            let _ = writeln!(
                s,
                "<li><a href=\"{}\">{}</a>, {}</li>",
                e(&m.url),
                e(&m.title),
                e(&m.day)
            );
        }
        s.push_str("</ul>\n");
    }
    let _ = writeln!(
        s,
        "<p><a href=\"{}\">Subscribe to the calendar</a> · <a href=\"{}\">This announcement online</a></p>",
        e(&d.calendar_url),
        e(&d.url)
    );
    s
}

fn html_meeting(m: &Meeting, site_zone: &str) -> String {
    let e = escape;
    let title = format!("<a href=\"{}\">{}</a>", e(&m.url), e(&m.title));
    let title = if m.status == "cancelled" {
        format!("<del>{title}</del>")
    } else {
        title
    };
    let mut s = format!(
        "<li><time datetime=\"{}\">{}</time>: <strong>{title}</strong>",
        e(&m.datetime),
        e(&when(m, site_zone))
    );
    let notes = notes(m);
    if !notes.is_empty() {
        let _ = write!(s, " <em>{}</em>", e(&notes.join(". ")));
    }
    if let Some(summary) = &m.summary {
        let _ = write!(s, "<br>{}", e(summary));
    }
    if let Some(r) = m.register.as_ref().filter(|_| m.status != "cancelled") {
        let _ = write!(s, "<br><a href=\"{}\">Register</a>", e(r));
    }
    s.push_str("</li>\n");
    s
}
