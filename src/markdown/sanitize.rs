//! Raw HTML in Markdown, made safe tag by tag.
//!
//! Only raw HTML can carry a script: everything else a body produces is
//! written by pulldown-cmark, which escapes text and attributes. So only
//! the raw fragments pass through here, in one linear scan with no tree:
//! allowed tags are rewritten with allowed attributes and safe URLs, every
//! other tag is dropped (with its content for `script`, `style` and their
//! kin), comments vanish, stray `<` and `&` are escaped. Open tags are
//! kept on a stack so that a close tag without its open tag is dropped and
//! whatever a body leaves open is closed at its end; deep nesting costs
//! nothing extra.

use super::html::{Tag, decode_references, escape_attr, is_reference, skip_content};
use std::fmt::Write as _;

/// Elements allowed from raw HTML: text formatting, structure, tables,
/// links and images; nothing that runs, embeds, styles or submits.
const ALLOWED: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements without content or close tag.
const VOID: &[&str] = &["br", "col", "hr", "img", "wbr"];

/// Elements whose content is not HTML and goes with them.
const DROP_WITH_CONTENT: &[&str] = &[
    "script",
    "style",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "plaintext",
    "template",
    "textarea",
    "title",
    "xmp",
];

/// Attributes every allowed element keeps.
const GENERIC_ATTRS: &[&str] = &["title", "lang", "dir", "id"];

/// Attributes particular elements keep.
fn element_attrs(tag: &str) -> &'static [&'static str] {
    match tag {
        "a" => &["href", "hreflang"],
        "img" => &["src", "alt", "width", "height"],
        "td" | "th" => &["colspan", "rowspan", "headers", "scope"],
        "ol" => &["start", "reversed", "type"],
        "li" => &["value"],
        "blockquote" | "q" => &["cite"],
        "del" | "ins" => &["cite", "datetime"],
        "time" => &["datetime"],
        "col" | "colgroup" => &["span"],
        "details" => &["open"],
        "data" => &["value"],
        "abbr" | "dfn" => &["title"],
        _ => &[],
    }
}

/// Attributes whose value is a URL.
const URL_ATTRS: &[&str] = &["href", "src", "cite"];

/// The state of one body's raw HTML: the tags it opened and not yet closed,
/// and the personal contacts to hide.
pub struct Sanitizer<'a> {
    open: Vec<String>,
    redact: &'a [String],
}

impl<'a> Sanitizer<'a> {
    /// A sanitizer for one body; `redact` lists contacts to hide in text
    /// and attributes.
    pub fn new(redact: &'a [String]) -> Self {
        Sanitizer {
            open: Vec::new(),
            redact,
        }
    }

    /// The safe form of one raw fragment.
    pub fn clean(&mut self, raw: &str) -> String {
        let mut out = String::with_capacity(raw.len());
        let mut pos = 0;
        // The first `>` at or after `pos`: a tag never reaches past it, so
        // no `<` costs more than the distance to it, and the whole scan is
        // linear however the fragment is built.
        let mut gt = raw.find('>');
        while let Some(lt) = raw[pos..].find('<').map(|i| pos + i) {
            self.text(&raw[pos..lt], &mut out);
            if gt.is_some_and(|g| g < lt) {
                gt = raw[lt..].find('>').map(|i| lt + i);
            }
            pos = lt + self.markup(&raw[lt..], gt.map(|g| g - lt + 1), &mut out);
        }
        self.text(&raw[pos..], &mut out);
        out
    }

    /// Close tags for whatever the body left open, innermost first.
    pub fn finish(&mut self) -> String {
        let mut out = String::new();
        while let Some(tag) = self.open.pop() {
            let _ = write!(out, "</{tag}>");
        }
        out
    }

    /// Text between tags: contacts redacted, `<`, `>` and bare `&` escaped.
    fn text(&self, text: &str, out: &mut String) {
        if text.is_empty() {
            return;
        }
        let text = super::redact::apply(text, self.redact);
        for (i, c) in text.char_indices() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' if !is_reference(&text[i..]) => out.push_str("&amp;"),
                c if c.is_control() && !c.is_whitespace() => {}
                c => out.push(c),
            }
        }
    }

    /// Handles the markup at the start of `s` (which starts with `<`) whose
    /// first `>` ends at byte `tag_end`; returns the bytes it used.
    fn markup(&mut self, s: &str, tag_end: Option<usize>, out: &mut String) -> usize {
        if let Some(body) = s.strip_prefix("<!--") {
            return body.find("-->").map_or(s.len(), |e| 4 + e + 3);
        }
        let Some(tag_end) = tag_end else {
            out.push_str("&lt;");
            return 1;
        };
        if s.starts_with("<!") || s.starts_with("<?") {
            return tag_end;
        }
        let Some(tag) = Tag::parse(&s[..tag_end]) else {
            out.push_str("&lt;");
            return 1;
        };
        if tag.closing {
            self.close(&tag.name, out);
            return tag_end;
        }
        if DROP_WITH_CONTENT.contains(&tag.name.as_str()) {
            return tag_end + skip_content(&s[tag_end..], &tag.name);
        }
        if ALLOWED.contains(&tag.name.as_str()) {
            self.open_tag(&tag, out);
        }
        tag_end
    }

    fn open_tag(&mut self, tag: &Tag, out: &mut String) {
        let _ = write!(out, "<{}", tag.name);
        let own = element_attrs(&tag.name);
        for (name, value) in &tag.attrs {
            if !(GENERIC_ATTRS.contains(&name.as_str()) || own.contains(&name.as_str())) {
                continue;
            }
            let value = decode_references(value);
            if URL_ATTRS.contains(&name.as_str()) && !safe_url(&value) {
                continue;
            }
            let value = if self.redact.is_empty() {
                value
            } else if URL_ATTRS.contains(&name.as_str()) {
                redact_url(&value, self.redact)
            } else {
                super::redact::apply(&value, self.redact).into_owned()
            };
            let _ = write!(out, " {name}=\"{}\"", escape_attr(&value));
        }
        out.push('>');
        if !VOID.contains(&tag.name.as_str()) && !tag.self_closing {
            self.open.push(tag.name.clone());
        }
    }

    fn close(&mut self, name: &str, out: &mut String) {
        let Some(at) = self.open.iter().rposition(|t| t == name) else {
            return;
        };
        while self.open.len() > at {
            if let Some(tag) = self.open.pop() {
                let _ = write!(out, "</{tag}>");
            }
        }
    }
}

/// Schemes a link may use: the web, mail, phone and calendar ones and a
/// few harmless others; never `javascript:`, `vbscript:`, `data:`, `file:`.
const SAFE_SCHEMES: &[&str] = &[
    "http", "https", "mailto", "tel", "webcal", "sms", "ftp", "irc", "ircs", "xmpp", "matrix",
    "geo", "news",
];

/// A link a page may carry: a safe scheme, or relative. Whitespace and
/// control characters inside the scheme are ignored, as browsers do.
pub fn safe_url(url: &str) -> bool {
    // Only the scheme decides: what comes before the first `:`, `/`, `?`
    // or `#`, lower-cased, read without building the whole URL again
    // (every link and image of every body passes here).
    let mut scheme = String::with_capacity(8);
    for c in url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
    {
        match c {
            ':' => return SAFE_SCHEMES.contains(&scheme.as_str()),
            '/' | '?' | '#' => return true,
            c => scheme.push(c.to_ascii_lowercase()),
        }
    }
    true
}

/// A URL that points at a redacted contact becomes `#`.
fn redact_url(url: &str, redact: &[String]) -> String {
    if super::redact::apply(url, redact) == url {
        url.to_string()
    } else {
        "#".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(raw: &str) -> String {
        let mut s = Sanitizer::new(&[]);
        let mut out = s.clean(raw);
        out.push_str(&s.finish());
        out
    }

    #[test]
    fn keeps_formatting_and_drops_what_runs() {
        let cases = [
            ("<b>kept</b>", "<b>kept</b>"),
            ("<script>alert(1)</script>x", "x"),
            ("<SCRIPT SRC=//evil></SCRIPT>", ""),
            ("<img src=x onerror=\"alert(2)\">", "<img src=\"x\">"),
            ("<a href=\"JaVaScRiPt:alert(3)\">c</a>", "<a>c</a>"),
            ("<a href=\"java&#x09;script:x\">c</a>", "<a>c</a>"),
            ("<a href=\"&#106;avascript:x\">c</a>", "<a>c</a>"),
            ("<a href=\"data:text/html,x\">c</a>", "<a>c</a>"),
            (
                "<a href=\"https://example.org/?a=1&amp;b=2\">c</a>",
                "<a href=\"https://example.org/?a=1&amp;b=2\">c</a>",
            ),
            ("<td style=\"position:fixed\">x</td>", "<td>x</td>"),
            ("<div class=\"x\" onclick=\"y\">z</div>", "<div>z</div>"),
            (
                "<iframe src=\"https://example.org\"></iframe>after",
                "after",
            ),
            ("<style>body{display:none}</style>", ""),
            ("<svg onload=alert(1)><circle/></svg>", ""),
            ("<!-- <script>x</script> -->y", "y"),
            ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
            ("AT&amp;T &#64;", "AT&amp;T &#64;"),
            ("</div>stray", "stray"),
            ("<div><p>open", "<div><p>open</p></div>"),
            ("<b><i>x</b>y</i>", "<b><i>x</i></b>y"),
            ("<input type=text><form action=x>", ""),
            (
                "<img src=\"x\" alt='a\"b'>",
                "<img src=\"x\" alt=\"a&quot;b\">",
            ),
            ("<a href=x\nonclick=y>k</a>", "<a href=\"x\">k</a>"),
            ("<br/><hr />", "<br><hr>"),
            ("<object data=x>fallback</object>", ""),
        ];
        for (raw, want) in cases {
            assert_eq!(clean(raw), want, "{raw}");
        }
    }

    #[test]
    fn deep_nesting_is_linear() {
        let raw = "<dl><dd>".repeat(40_000);
        let out = clean(&raw);
        assert!(out.ends_with("</dd></dl>"));
        assert_eq!(out.matches("<dd>").count(), 40_000);
    }

    #[test]
    fn unsafe_schemes_are_refused() {
        for ok in [
            "https://x.org",
            "mailto:a@b.org",
            "tel:+1555",
            "/x",
            "x.html",
            "#a",
            "?q=1:2",
        ] {
            assert!(safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:x",
            " JAVASCRIPT:x",
            "vbscript:x",
            "data:x",
            "java\tscript:x",
            "file:///etc",
        ] {
            assert!(!safe_url(bad), "{bad}");
        }
    }
}
