//! The searchable parts of a rendered page: the elements its theme marks
//! `data-search`, less what is inside `data-search-ignore`, as words.
//!
//! Reading the page the visitor gets, rather than the Markdown it came
//! from, is what keeps the index honest: redactions, withheld records and
//! drafts are already settled when a page exists, so nothing the site does
//! not show can be found. The pages are our own templates' well-formed
//! HTML, so a small scanner does instead of an HTML parser.

use super::words::Words;

/// One marked element: a search result of its own.
#[derive(Default)]
pub struct Section {
    /// The element's `id`: the result links to `page#id`.
    pub id: Option<String>,
    /// The text of its first heading (h1-h3).
    pub title: String,
}

/// The attribute that marks a searchable element.
const MARK: &str = "data-search";

/// Whether `text` (a template, a page) has the `data-search` attribute
/// itself, not only `data-search-ignore`: `check` warns about a theme
/// template that renders searchable pages without it.
pub fn marks(text: &str) -> bool {
    text.match_indices(MARK)
        .any(|(i, m)| !text[i + m.len()..].starts_with('-'))
}

/// Calls `f` with each `data-search` element of `html`, in document
/// order, and its words (the heading's included), read into `words`
/// straight from the HTML: no copy of the text is made, and the caller's
/// buffers serve page after page.
pub fn each(html: &str, words: &mut Words, mut f: impl FnMut(Section, &Words)) {
    let mut from = 0;
    let marker = memchr::memmem::Finder::new(MARK);
    while let Some(at) = marker.find(&html.as_bytes()[from..]).map(|i| i + from) {
        from = at + 1;
        if !html[..at].ends_with(|c: char| c.is_ascii_whitespace()) {
            continue;
        }
        let Some(start) = html[..at].rfind('<') else {
            continue;
        };
        let Some(end) = html[at..].find('>').map(|i| i + at) else {
            break;
        };
        let tag = Tag::parse(&html[start + 1..end]);
        if !tag.has(MARK) {
            continue;
        }
        words.clear();
        let (section, stop) = read(html, end + 1, tag.id(), words);
        f(section, words);
        from = stop.max(from);
    }
}

/// Where a section's reading has got to.
struct Reader<'w> {
    section: Section,
    words: &'w mut Words,
    /// Elements open inside the section, itself counted.
    depth: usize,
    /// The depth of the `data-search-ignore` element being skipped.
    ignore_from: Option<usize>,
    /// The depth of the first heading while it is being read.
    heading: Option<usize>,
}

impl Reader<'_> {
    /// An end tag; whether it closed the section.
    fn close(&mut self) -> bool {
        self.depth = self.depth.saturating_sub(1);
        if self.ignore_from == Some(self.depth) {
            self.ignore_from = None;
        }
        if self.heading == Some(self.depth) {
            self.section.title = collapse(&self.section.title);
            self.heading = None;
        }
        self.depth == 0
    }

    /// A start tag of an element with an end tag.
    fn open(&mut self, tag: &Tag) {
        if self.ignore_from.is_none() && !tag.attrs.is_empty() && tag.has("data-search-ignore") {
            self.ignore_from = Some(self.depth);
        }
        let is_heading = matches!(tag.name, "h1" | "h2" | "h3");
        if is_heading
            && self.heading.is_none()
            && self.section.title.is_empty()
            && self.ignore_from.is_none()
        {
            self.heading = Some(self.depth);
        }
        self.depth += 1;
    }

    /// Text between two tags.
    fn text(&mut self, raw: &str) {
        if self.ignore_from.is_some() {
            return;
        }
        let (words, title) = (&mut *self.words, &mut self.section.title);
        let heading = self.heading.is_some();
        decode_into(raw, |piece| match piece {
            Piece::Run(s) => {
                words.feed(s);
                if heading {
                    title.push_str(s);
                }
            }
            Piece::Char(c) => {
                words.feed_char(c);
                if heading {
                    title.push(c);
                }
            }
        });
    }

    /// A tag between words: any but an inline one separates them.
    fn separate(&mut self, tag: &Tag) {
        if !tag.is_inline() && self.ignore_from.is_none() {
            self.words.end_word();
            if self.heading.is_some() {
                self.section.title.push(' ');
            }
        }
    }

    fn done(self) -> Section {
        self.words.finish();
        self.section
    }
}

/// The text of the element whose start tag ended just before `at`, and
/// where the element ends.
fn read(html: &str, at: usize, id: Option<String>, words: &mut Words) -> (Section, usize) {
    let mut r = Reader {
        section: Section {
            id,
            ..Section::default()
        },
        words,
        depth: 1,
        ignore_from: None,
        heading: None,
    };
    let mut pos = at;
    while let Some(lt) = memchr::memchr(b'<', &html.as_bytes()[pos..]).map(|i| i + pos) {
        r.text(&html[pos..lt]);
        let Some(gt) = memchr::memchr(b'>', &html.as_bytes()[lt..]).map(|i| i + lt) else {
            return (r.done(), html.len());
        };
        pos = gt + 1;
        let inner = &html[lt + 1..gt];
        if inner.starts_with('!') {
            // A comment or doctype: its '>' may come later for a comment.
            if inner.starts_with("!--") && !inner.ends_with("--") {
                pos = html[lt..].find("-->").map_or(html.len(), |i| lt + i + 3);
            }
            continue;
        }
        let tag = Tag::parse(inner);
        r.separate(&tag);
        if tag.closing {
            if r.close() {
                return (r.done(), pos);
            }
        } else if matches!(tag.name, "script" | "style" | "template") {
            pos = past_end_tag(html, pos, tag.name);
        } else if !tag.is_void() {
            r.open(&tag);
        }
    }
    r.text(&html[pos..]);
    (r.done(), pos)
}

/// Where the text after `</name>` starts: a script's or style's content
/// is skipped with its end tag, which never opened a level.
fn past_end_tag(html: &str, pos: usize, name: &str) -> usize {
    let close = format!("</{name}");
    html[pos..]
        .find(&close)
        .and_then(|i| html[pos + i..].find('>').map(|j| pos + i + j + 1))
        .unwrap_or(html.len())
}

/// A piece of text with its character references decoded.
enum Piece<'a> {
    Run(&'a str),
    Char(char),
}

/// Hands `raw`'s pieces to `f` in order: runs of plain text, and each
/// character a reference stands for.
fn decode_into(raw: &str, mut f: impl FnMut(Piece)) {
    let mut rest = raw;
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        f(Piece::Run(&rest[..amp]));
        rest = &rest[amp..];
        let end = rest.bytes().take(12).position(|b| b == b';');
        match end.and_then(|e| decode(&rest[1..e]).map(|c| (c, e))) {
            Some((c, e)) => {
                f(Piece::Char(c));
                rest = &rest[e + 1..];
            }
            None => {
                f(Piece::Char('&'));
                rest = &rest[1..];
            }
        }
    }
    f(Piece::Run(rest));
}

/// Appends `raw` with its character references decoded.
fn push_text(out: &mut String, raw: &str) {
    decode_into(raw, |p| match p {
        Piece::Run(s) => out.push_str(s),
        Piece::Char(c) => out.push(c),
    });
}

/// The character a reference names (the few our pages use, and numbers).
fn decode(name: &str) -> Option<char> {
    let named = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            return char::from_u32(code);
        }
    };
    Some(named)
}

/// Runs of whitespace as one space, none at the ends.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A start or end tag, read loosely.
struct Tag<'a> {
    /// As written: the templates and the Markdown renderer write lower case.
    name: &'a str,
    closing: bool,
    self_closing: bool,
    attrs: &'a str,
}

impl<'a> Tag<'a> {
    /// `inner` is what is between `<` and `>`.
    fn parse(inner: &'a str) -> Self {
        let closing = inner.starts_with('/');
        let body = inner.trim_start_matches('/');
        let name_end = (body.bytes())
            .position(|b| b.is_ascii_whitespace() || b == b'/')
            .unwrap_or(body.len());
        Tag {
            name: &body[..name_end],
            closing,
            self_closing: inner.ends_with('/'),
            attrs: &body[name_end..],
        }
    }

    /// Whether words run on across the tag.
    fn is_inline(&self) -> bool {
        matches!(
            self.name,
            "a" | "abbr"
                | "b"
                | "cite"
                | "code"
                | "del"
                | "em"
                | "i"
                | "ins"
                | "mark"
                | "q"
                | "s"
                | "small"
                | "span"
                | "strong"
                | "sub"
                | "sup"
                | "time"
                | "u"
        )
    }

    /// Whether the tag has no end tag.
    fn is_void(&self) -> bool {
        self.self_closing
            || matches!(
                self.name,
                "area"
                    | "base"
                    | "br"
                    | "col"
                    | "embed"
                    | "hr"
                    | "img"
                    | "input"
                    | "link"
                    | "meta"
                    | "source"
                    | "track"
                    | "wbr"
            )
    }

    /// Whether the tag has attribute `name` (with or without a value).
    /// Asked of every start tag with attributes, so it looks for the
    /// name's first byte with memchr rather than building a searcher.
    fn has(&self, name: &str) -> bool {
        let (attrs, name) = (self.attrs.as_bytes(), name.as_bytes());
        let Some(&first) = name.first() else {
            return false;
        };
        memchr::memchr_iter(first, attrs).any(|i| {
            attrs[i..].starts_with(name)
                && i.checked_sub(1)
                    .is_some_and(|b| attrs[b].is_ascii_whitespace())
                && attrs
                    .get(i + name.len())
                    .is_none_or(|&c| c.is_ascii_whitespace() || c == b'=' || c == b'/')
        })
    }

    /// The value of `id="..."` (or `id='...'`).
    fn id(&self) -> Option<String> {
        let (i, _) = self
            .attrs
            .match_indices("id=")
            .find(|(i, _)| self.attrs[..*i].ends_with(|c: char| c.is_ascii_whitespace()))?;
        let quote = self.attrs[i + 3..]
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')?;
        let at = i + 4;
        let end = self.attrs[at..].find(quote)? + at;
        let mut id = String::new();
        push_text(&mut id, &self.attrs[at..end]);
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each section with its words joined by spaces.
    fn sections(html: &str) -> Vec<(Section, String)> {
        let mut out = Vec::new();
        each(html, &mut Words::default(), |s, w| {
            out.push((s, w.iter().collect::<Vec<_>>().join(" ")))
        });
        out
    }

    #[test]
    fn an_attribute_is_found_by_its_whole_name_only() {
        let has = |attrs: &str, name: &str| Tag::parse(&format!("div{attrs}")).has(name);
        assert!(has(" data-search", "data-search"));
        assert!(has(" class=\"x\" data-search id=\"a\"", "data-search"));
        assert!(has(" data-search=\"\"", "data-search"));
        assert!(has(" data-search/", "data-search"));
        assert!(has(" data-search-ignore", "data-search-ignore"));
        assert!(!has(" data-search-ignore", "data-search"));
        assert!(!has(" data-searchy", "data-search"));
        assert!(!has(" class=\"data-search\"", "data-search"));
        assert!(!has(" class=\"x\"", "data-search"));
        assert!(!has("", "data-search"));
    }

    #[test]
    fn reads_marked_elements_and_skips_ignored_parts() {
        let html = r#"<body><nav>Menu</nav><article class="x" data-search>
<h1>Caravan &amp; <em>friends</em></h1><p>We de<em>cid</em>ed&nbsp;to go.</p>
<nav data-search-ignore><a href="/">Previous</a><div>deep</div></nav>
<script>var hidden = 1;</script><!-- a > comment --><p>After<br>it</p>
</article><footer>Footer</footer></body>"#;
        let s = sections(html);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].0.title, "Caravan & friends");
        assert_eq!(s[0].1, "caravan friends we decided to go after it");
        assert_eq!(s[0].0.id, None);
    }

    #[test]
    fn each_marked_element_is_a_section_with_its_id() {
        let html = r#"<div id="q-&amp;one" data-search><h3>One?</h3><p>Yes.</p></div>
<div id="q-two" data-search><h3>Two?</h3><p>No&#8212;&#x41;&#x42;. R&eacute;union</p></div><p data-search-ignore>x</p>"#;
        let s = sections(html);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].0.id.as_deref(), Some("q-&one"));
        assert_eq!(s[0].1, "one yes");
        assert_eq!(s[1].0.title, "Two?");
        // An unknown reference is left as written.
        assert_eq!(s[1].1, "two no ab eacute union");
    }

    #[test]
    fn a_reference_near_a_wide_character_is_read() {
        // From a real calendar export: the 12th byte is inside '’'.
        let mut out = String::new();
        push_text(&mut out, "&amp;M team’s &gt;;„’’ &bogus’’’’’’");
        assert_eq!(out, "&M team’s >;„’’ &bogus’’’’’’");
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_without_panicking(html in "(<|>|&|;|/|#|x|1|a|é|’|\\s| data-search| data-search-ignore|<h1>|</h1>|<div|</div>|<script>|</script|<!--|-->|=\"|\")*") {
            let _ = sections(&html);
        }
    }

    #[test]
    fn attributes_on_their_own_line_and_single_quotes_are_read() {
        let s = sections("<div\n\tdata-search\n\tid='q-1'><h3>Q</h3>Answer here</div>");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].0.id.as_deref(), Some("q-1"));
        assert_eq!(s[0].1, "answer here");
    }

    #[test]
    fn an_unclosed_element_ends_the_section_at_the_end_of_the_page() {
        let s = sections("<main data-search><h1>T</h1><div>open <b>text");
        assert_eq!(s[0].1, "open text");
        assert!(sections("<p>data-search is just words here</p>").is_empty());
    }
}
