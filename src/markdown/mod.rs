//! Markdown to safe HTML, with heading anchors, a plain-text summary, links
//! between content files rewritten to page URLs, and the decisions a body
//! records inline.
//!
//! Only what can be unsafe is sanitised: raw HTML fragments (see
//! [`sanitize`]) and link and image destinations. Everything else is
//! written by pulldown-cmark, which escapes it.

mod html;
pub mod redact;
pub mod sanitize;

use crate::diagnostics::Diagnostic;
use crate::diagnostics::Pos;
use pulldown_cmark::{
    Alignment, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use std::collections::HashMap;

/// How to render one body.
pub struct MarkdownOptions<'a> {
    /// The file, as diagnostics name it (`content/minutes/x.md`).
    pub file: &'a str,
    /// The file line on which the body starts.
    pub first_line: u32,
    /// Page URLs of content files, keyed by path below `content/`
    /// (`minutes/x.md`); links to `.md` files are rewritten through it.
    pub links: &'a HashMap<String, String>,
    /// Collect paragraphs and list items starting with `Decision:` and give
    /// each an anchor (public minutes only).
    pub decisions: bool,
    /// Personal contacts the privacy rules found in this body: shown as
    /// [`redact::REDACTED`] wherever they appear.
    pub redact: &'a [String],
}

/// A heading of the body, for tables of contents.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A decision recorded in the body, with its anchor.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct InlineDecision {
    pub anchor: String,
    pub text: String,
}

/// The rendered body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// The first paragraph as plain text, for lists and feeds.
    pub summary: String,
    pub headings: Vec<Heading>,
    pub decisions: Vec<InlineDecision>,
    pub diagnostics: Vec<Diagnostic>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// An event with the source range it came from.
type Spanned<'e> = (Event<'e>, std::ops::Range<usize>);

/// Renders `text` (a body) to HTML.
pub fn render(text: &str, opts: &MarkdownOptions) -> Rendered {
    let mut out = Rendered::default();
    let events: Vec<Spanned> = Parser::new_ext(text, options())
        .into_offset_iter()
        .collect();
    let mut events = safe_events(events, opts.redact);
    let mut used_ids: HashMap<String, u32> = HashMap::new();
    let mut table = TableCells::default();
    for i in 0..events.len() {
        let is_paragraph = matches!(events[i].0, Event::Start(Tag::Paragraph));
        match &events[i].0 {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = heading_level(*level);
                let text = plain_text(&events[i + 1..], |e| {
                    matches!(e, Event::End(TagEnd::Heading(_)))
                });
                let anchor = unique_id(&slug(&text), &mut used_ids);
                if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
                    *id = Some(CowStr::from(anchor.clone()));
                }
                out.headings.push(Heading {
                    level,
                    id: anchor,
                    text,
                });
            }
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                let line = opts.first_line
                    + text[..events[i].1.start.min(text.len())]
                        .matches('\n')
                        .count() as u32;
                if let Some(d) = link_destination(&mut events[i].0, opts, line) {
                    out.diagnostics.push(d);
                }
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) if opts.decisions => {
                let is_item = !is_paragraph;
                if let Some(decision) = decision_text(&events[i + 1..], is_item) {
                    let anchor = unique_id("decision", &mut used_ids);
                    let tag = if is_item { "li" } else { "p" };
                    events[i].0 = Event::Html(CowStr::from(format!("<{tag} id=\"{anchor}\">")));
                    out.decisions.push(InlineDecision {
                        anchor,
                        text: decision,
                    });
                }
            }
            _ => table.rewrite(&mut events[i].0),
        }
        if out.summary.is_empty() && is_paragraph {
            out.summary = truncate(
                &plain_text(&events[i + 1..], |e| {
                    matches!(e, Event::End(TagEnd::Paragraph))
                }),
                300,
            );
        }
    }
    out.html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter().map(|(e, _)| e));
    out
}

/// The events with raw HTML made safe (consecutive fragments of one HTML
/// block are cleaned together, so a tag may span lines) and personal
/// contacts redacted from text and code.
fn safe_events<'e>(events: Vec<Spanned<'e>>, redact: &[String]) -> Vec<Spanned<'e>> {
    let mut sanitizer = sanitize::Sanitizer::new(redact);
    let mut out: Vec<Spanned> = Vec::with_capacity(events.len());
    let mut block = String::new();
    let mut block_range: Option<std::ops::Range<usize>> = None;
    let flush = |block: &mut String,
                 range: &mut Option<std::ops::Range<usize>>,
                 s: &mut sanitize::Sanitizer,
                 out: &mut Vec<Spanned>| {
        if let Some(r) = range.take() {
            out.push((Event::Html(CowStr::from(s.clean(block))), r));
            block.clear();
        }
    };
    for (event, range) in merge_text(events) {
        match event {
            Event::Html(html) => {
                block.push_str(&html);
                let start = block_range.as_ref().map_or(range.start, |r| r.start);
                block_range = Some(start..range.end);
            }
            other => {
                flush(&mut block, &mut block_range, &mut sanitizer, &mut out);
                let other = match other {
                    Event::InlineHtml(html) => {
                        Event::InlineHtml(CowStr::from(sanitizer.clean(&html)))
                    }
                    Event::Text(t) => Event::Text(redacted(t, redact)),
                    Event::Code(t) => Event::Code(redacted(t, redact)),
                    e => e,
                };
                out.push((other, range));
            }
        }
    }
    flush(&mut block, &mut block_range, &mut sanitizer, &mut out);
    let rest = sanitizer.finish();
    if !rest.is_empty() {
        out.push((Event::Html(CowStr::from(rest)), 0..0));
    }
    out
}

/// Adjacent text events joined: pulldown-cmark splits text at character
/// references (`kim&#64;home` arrives in three pieces), and a contact must
/// be seen whole to be redacted.
fn merge_text(events: Vec<Spanned>) -> Vec<Spanned> {
    let mut out: Vec<Spanned> = Vec::with_capacity(events.len());
    for (event, range) in events {
        if let (Event::Text(next), Some((Event::Text(prev), prev_range))) = (&event, out.last_mut())
        {
            let mut joined = prev.to_string();
            joined.push_str(next);
            *prev = CowStr::from(joined);
            prev_range.end = range.end;
            continue;
        }
        out.push((event, range));
    }
    out
}

fn redacted<'e>(text: CowStr<'e>, redact: &[String]) -> CowStr<'e> {
    match redact::apply(&text, redact) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(s) => CowStr::from(s),
    }
}

/// Rewrites a link's or image's destination in place: content files to
/// their pages, script URLs and redacted contacts to `#`. A link to a
/// missing content file is an error at `line`.
fn link_destination(event: &mut Event, opts: &MarkdownOptions, line: u32) -> Option<Diagnostic> {
    let (Event::Start(Tag::Link {
        dest_url,
        link_type,
        ..
    })
    | Event::Start(Tag::Image {
        dest_url,
        link_type,
        ..
    })) = event
    else {
        return None;
    };
    if redact::apply(dest_url, opts.redact) != dest_url.as_ref() {
        *dest_url = CowStr::from("#");
        return None;
    }
    if matches!(link_type, LinkType::Email) {
        return None;
    }
    match rewrite_link(dest_url, opts) {
        Ok(Some(url)) => *dest_url = CowStr::from(url),
        Ok(None) => {}
        Err(target) => {
            return Some(
                Diagnostic::error(opts.file, Some(Pos { line, column: 1 }), format!("the link `{target}` points to a content file that does not exist"))
                    .hint("check the file name and folder; links between content files use their path, like `../minutes/caravan-2026-11-18.md`"),
            );
        }
    }
    None
}

/// Table cells written with an alignment class instead of pulldown-cmark's
/// `style` attribute: bodies carry no inline styles at all.
#[derive(Default)]
struct TableCells {
    alignments: Vec<Alignment>,
    head: bool,
    column: usize,
}

impl TableCells {
    fn rewrite(&mut self, event: &mut Event) {
        match event {
            Event::Start(Tag::Table(a)) => self.alignments = a.clone(),
            Event::Start(Tag::TableHead) => (self.head, self.column) = (true, 0),
            Event::End(TagEnd::TableHead) => self.head = false,
            Event::Start(Tag::TableRow) => self.column = 0,
            Event::Start(Tag::TableCell) => {
                let tag = if self.head { "th" } else { "td" };
                let class = match self.alignments.get(self.column) {
                    Some(Alignment::Left) => " class=\"align-left\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-right\"",
                    _ => "",
                };
                *event = Event::Html(CowStr::from(format!("<{tag}{class}>")));
            }
            Event::End(TagEnd::TableCell) => {
                let tag = if self.head { "th" } else { "td" };
                self.column += 1;
                *event = Event::Html(CowStr::from(format!("</{tag}>")));
            }
            _ => {}
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The text of events up to the first one `end` accepts.
fn plain_text(events: &[(Event, std::ops::Range<usize>)], end: impl Fn(&Event) -> bool) -> String {
    let mut text = String::new();
    for (e, _) in events {
        if end(e) {
            break;
        }
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// The decision a paragraph or list item records, if it starts with
/// `Decision:` (plain or bold).
fn decision_text(events: &[(Event, std::ops::Range<usize>)], is_item: bool) -> Option<String> {
    let mut depth = 0usize;
    let mut text = String::new();
    for (e, _) in events {
        match e {
            Event::Start(Tag::Paragraph) if is_item && depth == 0 => {}
            Event::End(TagEnd::Paragraph) if is_item && depth == 0 => {}
            Event::Start(Tag::List(_)) | Event::Start(Tag::Item) if is_item => depth += 1,
            Event::End(TagEnd::List(_)) | Event::End(TagEnd::Item) if is_item && depth > 0 => {
                depth -= 1
            }
            Event::End(TagEnd::Item) if is_item => break,
            Event::End(TagEnd::Paragraph) if !is_item => break,
            Event::Text(t) | Event::Code(t) if depth == 0 => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if depth == 0 => text.push(' '),
            _ => {}
        }
    }
    let rest = text.trim_start().strip_prefix("Decision:")?;
    Some(rest.trim().to_string()).filter(|t| !t.is_empty())
}

/// A URL-safe anchor from heading text: lowercase letters and digits
/// (any script) joined by `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}

fn unique_id(base: &str, used: &mut HashMap<String, u32>) -> String {
    let n = used.entry(base.to_string()).or_insert(0);
    *n += 1;
    if *n == 1 {
        base.to_string()
    } else {
        format!("{base}-{}", *n - 1)
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// Rewrites `x.md` links to page URLs; neutralizes script URLs. `Err`
/// carries a link to a missing content file.
fn rewrite_link(dest: &str, opts: &MarkdownOptions) -> Result<Option<String>, String> {
    if !sanitize::safe_url(dest) {
        return Ok(Some("#".into()));
    }
    if dest.contains(':') || dest.starts_with('#') || dest.starts_with('/') {
        return Ok(None);
    }
    let (path, fragment) = dest
        .split_once('#')
        .map_or((dest, None), |(p, f)| (p, Some(f)));
    if !path.ends_with(".md") {
        return Ok(None);
    }
    let dir = opts
        .file
        .strip_prefix("content/")
        .and_then(|f| f.rsplit_once('/'))
        .map_or("", |(d, _)| d);
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for piece in path.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(dest.to_string());
                }
            }
            p => parts.push(p),
        }
    }
    let key = parts.join("/");
    match opts.links.get(&key) {
        Some(url) => Ok(Some(match fragment {
            Some(f) => format!("{url}#{f}"),
            None => url.clone(),
        })),
        None => Err(dest.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Rendered {
        let mut links = HashMap::new();
        links.insert(
            "minutes/a.md".to_string(),
            "/minutes/caravan/2026-11-18/".to_string(),
        );
        render(
            text,
            &MarkdownOptions {
                file: "content/calls/x.md",
                first_line: 5,
                links: &links,
                decisions: true,
                redact: &[],
            },
        )
    }

    #[test]
    fn renders_the_extensions() {
        let r = md(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\"\n\n- [x] done\n\nNote[^1].\n\n[^1]: The note.\n",
        );
        for needle in [
            "<table>",
            "<del>old</del>",
            "“quoted”",
            "type=\"checkbox\"",
            "footnote-reference",
        ] {
            assert!(r.html.contains(needle), "{needle}: {}", r.html);
        }
    }

    #[test]
    fn anchors_headings_uniquely() {
        let r = md("## Who can ask?\n\n## Who can ask?\n\n### Réunion 2026\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["who-can-ask", "who-can-ask-1", "réunion-2026"]);
        assert!(r.html.contains("<h2 id=\"who-can-ask-1\">"));
    }

    #[test]
    fn summarizes_the_first_paragraph() {
        assert_eq!(
            md("## Title\n\nFirst *para*\ncontinues.\n\nSecond.").summary,
            "First para continues."
        );
    }

    #[test]
    fn rewrites_links_between_content_files() {
        let r = md("See [minutes](../minutes/a.md#decision) and [gone](../minutes/b.md).\n");
        assert!(
            r.html
                .contains("href=\"/minutes/caravan/2026-11-18/#decision\""),
            "{}",
            r.html
        );
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].line, Some(5));
        assert!(r.diagnostics[0].message.contains("../minutes/b.md"));
    }

    #[test]
    fn strips_scripts_handlers_and_script_urls() {
        let r = md(
            "<script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\n[a](javascript:alert(3)) [b](JaVaScRiPt:alert(4)) <a href=\"data:text/html,x\">c</a>\n\n<b>kept</b>\n",
        );
        for bad in ["<script", "onerror", "javascript:", "JaVaScRiPt", "data:"] {
            assert!(
                !r.html.to_lowercase().contains(&bad.to_lowercase()),
                "{bad}: {}",
                r.html
            );
        }
        assert!(r.html.contains("<b>kept</b>"));
        let plain = md("[a](javascript:alert(3))");
        assert!(!plain.html.contains("javascript"), "{}", plain.html);
    }

    #[test]
    fn finds_inline_decisions_and_anchors_them() {
        let r = md(
            "Intro.\n\nDecision: Move the call to Mondays.\n\n- **Decision:** Adopt the route.\n- Not one.\n\n**Decision:** Fund the vans.\n",
        );
        let texts: Vec<&str> = r.decisions.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Move the call to Mondays.",
                "Adopt the route.",
                "Fund the vans."
            ]
        );
        assert!(
            r.html.contains("<p id=\"decision\">Decision: Move"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<li id=\"decision-1\">"), "{}", r.html);
    }
}
