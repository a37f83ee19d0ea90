//! Markdown to safe HTML, with heading anchors, a plain-text summary, links
//! between content files rewritten to page URLs, and the decisions a body
//! records inline.
//!
//! Only what can be unsafe is sanitised: raw HTML fragments (see
//! [`sanitize`]) and link and image destinations. Everything else is
//! written by pulldown-cmark, which escapes it.

mod html;
mod links;
pub mod redact;
mod safe;
pub mod sanitize;

use crate::diagnostics::Diagnostic;
use crate::fxhash::FxHashMap;
use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
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
pub(crate) type Spanned<'e> = (Event<'e>, std::ops::Range<usize>);

/// Renders `text` (a body) to HTML.
pub fn render(text: &str, opts: &MarkdownOptions) -> Rendered {
    let parsed = Parser::new_ext(text, options()).into_offset_iter();
    // About one event per four bytes of Markdown in ordinary minutes.
    let mut events = safe::safe_events(parsed, text.len() / 4 + 16, opts.redact);
    let mut walk = Walk {
        out: Rendered::default(),
        used_ids: FxHashMap::default(),
        table: TableCells::default(),
        lines: LineIndex::new(text, opts.first_line),
    };
    for i in 0..events.len() {
        walk.visit(&mut events, i, opts);
    }
    let mut out = walk.out;
    out.html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter().map(|(e, _)| e));
    out
}

/// File lines of byte offsets in a body, found by binary search so that a
/// body with many links costs no more than one with few.
struct LineIndex {
    newlines: Vec<usize>,
    first_line: u32,
}

impl LineIndex {
    fn new(text: &str, first_line: u32) -> Self {
        LineIndex {
            newlines: memchr::memchr_iter(b'\n', text.as_bytes()).collect(),
            first_line,
        }
    }

    fn line(&self, offset: usize) -> u32 {
        self.first_line + self.newlines.partition_point(|n| *n < offset) as u32
    }
}

/// One pass over a body's events: anchors for headings, link targets,
/// decisions, table cells and the summary.
struct Walk {
    out: Rendered,
    used_ids: FxHashMap<String, u32>,
    table: TableCells,
    lines: LineIndex,
}

impl Walk {
    fn visit(&mut self, events: &mut [Spanned], i: usize, opts: &MarkdownOptions) {
        let is_paragraph = matches!(events[i].0, Event::Start(Tag::Paragraph));
        match &events[i].0 {
            Event::Start(Tag::Heading { .. }) => self.heading(events, i),
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                let line = self.lines.line(events[i].1.start);
                if let Some(d) = links::link_destination(&mut events[i].0, opts, line) {
                    self.out.diagnostics.push(d);
                }
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) if opts.decisions => {
                self.decision(events, i, !is_paragraph);
            }
            _ => self.table.rewrite(&mut events[i].0),
        }
        if self.out.summary.is_empty() && is_paragraph {
            let first = plain_text(&events[i + 1..], |e| {
                matches!(e, Event::End(TagEnd::Paragraph))
            });
            self.out.summary = truncate(&first, 300);
        }
    }

    /// A heading gets a unique anchor and a place in the table of contents.
    fn heading(&mut self, events: &mut [Spanned], i: usize) {
        let text = plain_text(&events[i + 1..], |e| {
            matches!(e, Event::End(TagEnd::Heading(_)))
        });
        let anchor = unique_id(&slug(&text), &mut self.used_ids);
        if let Event::Start(Tag::Heading { id, level, .. }) = &mut events[i].0 {
            *id = Some(CowStr::from(anchor.clone()));
            self.out.headings.push(Heading {
                level: heading_level(*level),
                id: anchor,
                text,
            });
        }
    }

    /// A paragraph or list item starting with `Decision:` gets an anchor
    /// and is listed.
    fn decision(&mut self, events: &mut [Spanned], i: usize, is_item: bool) {
        if let Some(decision) = decision_text(&events[i + 1..], is_item) {
            let anchor = unique_id("decision", &mut self.used_ids);
            let tag = if is_item { "li" } else { "p" };
            events[i].0 = Event::Html(CowStr::from(format!("<{tag} id=\"{anchor}\">")));
            self.out.decisions.push(InlineDecision {
                anchor,
                text: decision,
            });
        }
    }
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
                let align = self.alignments.get(self.column);
                *event = Event::Html(CowStr::Borrowed(match (self.head, align) {
                    (true, Some(Alignment::Left)) => "<th class=\"align-left\">",
                    (true, Some(Alignment::Center)) => "<th class=\"align-center\">",
                    (true, Some(Alignment::Right)) => "<th class=\"align-right\">",
                    (true, _) => "<th>",
                    (false, Some(Alignment::Left)) => "<td class=\"align-left\">",
                    (false, Some(Alignment::Center)) => "<td class=\"align-center\">",
                    (false, Some(Alignment::Right)) => "<td class=\"align-right\">",
                    (false, _) => "<td>",
                }));
            }
            Event::End(TagEnd::TableCell) => {
                self.column += 1;
                let end = if self.head { "</th>" } else { "</td>" };
                *event = Event::Html(CowStr::Borrowed(end));
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
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}

/// `base`, or `base-1`, `base-2`... if the body already used it.
fn unique_id(base: &str, used: &mut FxHashMap<String, u32>) -> String {
    match used.get_mut(base) {
        Some(n) => {
            *n += 1;
            format!("{base}-{}", *n - 1)
        }
        None => {
            used.insert(base.to_string(), 1);
            base.to_string()
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_words_joined_by_dashes() {
        for (text, slug_of) in [
            ("Check-in & Report-backs!", "check-in-report-backs"),
            ("Réunion GÉNÉRALE 2", "réunion-générale-2"),
            ("  Tasks -- ", "tasks"),
            ("???", "section"),
        ] {
            assert_eq!(slug(text), slug_of);
        }
        let mut used = FxHashMap::default();
        let ids: Vec<String> = ["a", "a", "b", "a"]
            .iter()
            .map(|b| unique_id(b, &mut used))
            .collect();
        assert_eq!(ids, ["a", "a-1", "b", "a-2"]);
    }

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
