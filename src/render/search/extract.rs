//! The searchable parts of a rendered page: the elements its theme marks
//! `data-search`, less what is inside `data-search-ignore`, as plain text.
//!
//! Reading the page the visitor gets, rather than the Markdown it came
//! from, is what keeps the index honest: redactions, withheld records and
//! drafts are already settled when a page exists, so nothing the site does
//! not show can be found. The pages are our own templates' well-formed
//! HTML, so a small scanner does instead of an HTML parser.

/// One marked element: a search result of its own.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Section {
    /// The element's `id`: the result links to `page#id`.
    pub id: Option<String>,
    /// The text of its first heading (h1-h3).
    pub title: String,
    /// All its text, the heading included, whitespace as it came.
    pub text: String,
}

/// Every `data-search` element of `html`, in document order.
pub fn sections(html: &str) -> Vec<Section> {
    let mut out = Vec::new();
    let mut from = 0;
    let marker = memchr::memmem::Finder::new(" data-search");
    while let Some(at) = marker.find(&html.as_bytes()[from..]).map(|i| i + from) {
        from = at + 1;
        let Some(start) = html[..at].rfind('<') else {
            continue;
        };
        let Some(end) = html[at..].find('>').map(|i| i + at) else {
            break;
        };
        let tag = Tag::parse(&html[start + 1..end]);
        if !tag.has("data-search") {
            continue;
        }
        let (section, stop) = read(html, end + 1, tag.id());
        out.push(section);
        from = stop.max(from);
    }
    out
}

/// Where a section's reading has got to.
struct Reader {
    section: Section,
    /// Elements open inside the section, itself counted.
    depth: usize,
    /// The depth of the `data-search-ignore` element being skipped.
    ignore_from: Option<usize>,
    /// The depth of the first heading and where its text starts.
    heading: Option<(usize, usize)>,
}

impl Reader {
    /// An end tag; whether it closed the section.
    fn close(&mut self) -> bool {
        self.depth = self.depth.saturating_sub(1);
        if self.ignore_from == Some(self.depth) {
            self.ignore_from = None;
        }
        if let Some((_, from)) = self.heading.filter(|(l, _)| *l == self.depth) {
            self.section.title = collapse(&self.section.text[from..]);
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
            self.heading = Some((self.depth, self.section.text.len()));
        }
        self.depth += 1;
    }
}

/// The text of the element whose start tag ended just before `at`, and
/// where the element ends.
fn read(html: &str, at: usize, id: Option<String>) -> (Section, usize) {
    let mut r = Reader {
        section: Section {
            id,
            ..Section::default()
        },
        depth: 1,
        ignore_from: None,
        heading: None,
    };
    let mut pos = at;
    while let Some(lt) = memchr::memchr(b'<', &html.as_bytes()[pos..]).map(|i| i + pos) {
        if r.ignore_from.is_none() {
            push_text(&mut r.section.text, &html[pos..lt]);
        }
        let Some(gt) = memchr::memchr(b'>', &html.as_bytes()[lt..]).map(|i| i + lt) else {
            return (r.section, html.len());
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
        if !tag.is_inline() && r.ignore_from.is_none() {
            r.section.text.push(' ');
        }
        if tag.closing {
            if r.close() {
                return (r.section, pos);
            }
        } else if matches!(tag.name, "script" | "style" | "template") {
            pos = past_end_tag(html, pos, tag.name);
        } else if !tag.is_void() {
            r.open(&tag);
        }
    }
    if r.ignore_from.is_none() {
        push_text(&mut r.section.text, &html[pos..]);
    }
    (r.section, pos)
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

/// Appends the text between two tags, with its character references
/// decoded.
fn push_text(out: &mut String, raw: &str) {
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.bytes().take(12).position(|b| b == b';');
        match end.and_then(|e| decode(&rest[1..e]).map(|c| (c, e))) {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
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
        let name_end = body
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
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
    fn has(&self, name: &str) -> bool {
        self.attrs.match_indices(name).any(|(i, _)| {
            let before = self.attrs[..i].chars().next_back();
            let after = self.attrs[i + name.len()..].chars().next();
            before.is_some_and(char::is_whitespace)
                && after.is_none_or(|c| c.is_whitespace() || c == '=' || c == '/')
        })
    }

    /// The value of `id="..."`.
    fn id(&self) -> Option<String> {
        let at = self.attrs.find(" id=\"")? + 5;
        let end = self.attrs[at..].find('"')? + at;
        let mut id = String::new();
        push_text(&mut id, &self.attrs[at..end]);
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_marked_elements_and_skips_ignored_parts() {
        let html = r#"<body><nav>Menu</nav><article class="x" data-search>
<h1>Caravan &amp; friends</h1><p>We de<em>cid</em>ed&nbsp;to go.</p>
<nav data-search-ignore><a href="/">Previous</a><div>deep</div></nav>
<script>var hidden = 1;</script><!-- a > comment --><p>After<br>it</p>
</article><footer>Footer</footer></body>"#;
        let s = sections(html);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].title, "Caravan & friends");
        assert_eq!(
            collapse(&s[0].text),
            "Caravan & friends We decided to go. After it"
        );
        assert_eq!(s[0].id, None);
    }

    #[test]
    fn each_marked_element_is_a_section_with_its_id() {
        let html = r#"<div id="q-one" data-search><h3>One?</h3><p>Yes.</p></div>
<div id="q-two" data-search><h3>Two?</h3><p>No &#8212; &#x41;.</p></div><p data-search-ignore>x</p>"#;
        let s = sections(html);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].id.as_deref(), Some("q-one"));
        assert_eq!(s[1].title, "Two?");
        assert_eq!(collapse(&s[1].text), "Two? No \u{2014} A.");
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
            for section in sections(&html) {
                super::super::words::Words::default().read(&section.text);
            }
        }
    }

    #[test]
    fn an_unclosed_element_ends_the_section_at_the_end_of_the_page() {
        let s = sections("<main data-search><h1>T</h1><div>open <b>text");
        assert_eq!(collapse(&s[0].text), "T open text");
        assert!(sections("<p>data-search is just words here</p>").is_empty());
    }
}
