//! Random Markdown and raw HTML never panic the renderer, and what comes
//! out carries no script, no event handler, no inline style and no unsafe
//! link, and no redacted contact.

use callsite::markdown::{MarkdownOptions, render};
use proptest::prelude::*;
use std::collections::HashMap;

/// Pieces hostile bodies are made of: tags, attributes, quotes, entities,
/// Markdown syntax, contacts.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<".to_string()),
        Just(">".to_string()),
        Just("</".to_string()),
        Just("/>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("=".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("&#".to_string()),
        Just("&#x6a;".to_string()),
        Just("&colon;".to_string()),
        Just(";".to_string()),
        Just("\t".to_string()),
        Just("script".to_string()),
        Just("SCRIPT".to_string()),
        Just("style".to_string()),
        Just("iframe".to_string()),
        Just("svg".to_string()),
        Just("img".to_string()),
        Just("a".to_string()),
        Just("div".to_string()),
        Just("td".to_string()),
        Just("href".to_string()),
        Just("src".to_string()),
        Just("onerror".to_string()),
        Just("onclick".to_string()),
        Just("javascript:".to_string()),
        Just("java\tscript:".to_string()),
        Just("data:".to_string()),
        Just("alert(1)".to_string()),
        Just("*".to_string()),
        Just("[x](".to_string()),
        Just(")".to_string()),
        Just("`".to_string()),
        Just("| a |\n|--:|\n| b |".to_string()),
        Just("- ".to_string()),
        Just("## ".to_string()),
        Just("kim@mail.example.com".to_string()),
        Just("kim&#64;mail.example.com".to_string()),
        Just("x".to_string()),
        "[a-z]{1,6}".prop_map(|s| s),
    ]
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|p| p.concat())
}

/// Every tag in rendered HTML, as its name and attributes (name, value),
/// read as a browser reads them: a quoted value runs to its closing quote,
/// whatever it holds (a title may well say "onclick" after a space).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let lower = html.to_ascii_lowercase();
    let mut chars = lower.chars().peekable();
    let mut out = Vec::new();
    while let Some(c) = chars.next() {
        if c != '<' {
            continue;
        }
        let closing = chars.next_if_eq(&'/').map_or("", |_| "/");
        let name: String = closing
            .chars()
            .chain(std::iter::from_fn(|| {
                chars.next_if(char::is_ascii_alphanumeric)
            }))
            .collect();
        let mut attrs = Vec::new();
        loop {
            while chars.next_if(|c| c.is_whitespace() || *c == '/').is_some() {}
            match chars.peek() {
                None => break,
                Some('>') => {
                    chars.next();
                    break;
                }
                _ => {}
            }
            let attr: String = std::iter::from_fn(|| {
                chars.next_if(|c| !c.is_whitespace() && !matches!(c, '=' | '>' | '/'))
            })
            .collect();
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            let mut value = String::new();
            if chars.next_if_eq(&'=').is_some() {
                while chars.next_if(|c| c.is_whitespace()).is_some() {}
                match chars.next_if(|c| matches!(c, '"' | '\'')) {
                    Some(quote) => {
                        value.extend(std::iter::from_fn(|| chars.next_if(|c| *c != quote)))
                    }
                    None => value.extend(std::iter::from_fn(|| {
                        chars.next_if(|c| !c.is_whitespace() && *c != '>')
                    })),
                }
                chars.next_if(|c| matches!(c, '"' | '\''));
            }
            attrs.push((attr, value));
        }
        out.push((name, attrs));
    }
    out
}

fn assert_safe(html: &str, redacted: &[String]) {
    for (tag, attrs) in tags(html) {
        let name = tag.trim_start_matches('/');
        assert!(
            ![
                "script", "style", "iframe", "svg", "object", "embed", "form", "textarea"
            ]
            .contains(&name),
            "<{tag}> in {html}"
        );
        for (attr, value) in &attrs {
            assert!(!attr.starts_with("on"), "{attr} in <{tag}> in {html}");
            assert!(attr != "style", "{attr} in <{tag}> in {html}");
            if attr == "href" || attr == "src" {
                let compact: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    assert!(!compact.starts_with(scheme), "{value} in <{tag}>");
                }
            }
        }
    }
    for contact in redacted {
        assert!(!html.contains(contact.as_str()), "{contact} in {html}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_body_renders_safely(text in body()) {
        let links = HashMap::new();
        // What the privacy rules report, line by line, is what is redacted.
        let redact: Vec<String> = text
            .lines()
            .flat_map(callsite::contacts::find)
            .map(|f| f.text)
            .collect();
        let rendered = render(&text, &MarkdownOptions {
            file: "content/pages/fuzz.md",
            first_line: 4,
            links: &links,
            decisions: true,
            redact: &redact,
        });
        assert_safe(&rendered.html, &redact);
        for contact in &redact {
            prop_assert!(!rendered.summary.contains(contact.as_str()));
        }
    }
}

/// The checker itself: it must see what a browser would run, and not take
/// a quoted title that mentions `onclick` for a handler.
#[test]
fn the_checker_tells_handlers_from_text_in_a_value() {
    let unsafe_html = [
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=' java\tscript:x'>x</a>",
        "<img src=x onerror=alert(1)>",
        "<a title=\"x\" onclick=\"y\">x</a>",
        "<p style=\"color:red\">x</p>",
        "<SCRIPT>alert(1)</SCRIPT>",
        "<svg/onload=alert(1)>",
    ];
    for html in unsafe_html {
        let caught = std::panic::catch_unwind(|| assert_safe(html, &[]));
        assert!(caught.is_err(), "passed: {html}");
    }
    let safe = "<a href=\"#\" title=\"onclick&lt;!--\nonclickjhref | a |\">x</a>\
                <img src=\"/a.png\" alt=\"style=x onerror=y\">";
    assert_safe(safe, &[]);
}
