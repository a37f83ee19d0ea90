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

/// Every tag in rendered HTML, with its name and attribute text.
fn tags(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        out.push(rest[..end].to_ascii_lowercase());
        rest = &rest[end..];
    }
    out
}

fn assert_safe(html: &str, redacted: &[String]) {
    for tag in tags(html) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            ![
                "script", "style", "iframe", "svg", "object", "embed", "form", "textarea"
            ]
            .contains(&name.as_str()),
            "<{tag}> in {html}"
        );
        for attr in tag.split_whitespace().skip(1) {
            let attr_name = attr.split('=').next().unwrap_or("");
            assert!(!attr_name.starts_with("on"), "{attr} in <{tag}>");
            assert!(attr_name != "style", "{attr} in <{tag}>");
        }
        for url_attr in ["href=\"", "src=\""] {
            if let Some(at) = tag.find(url_attr) {
                let value = &tag[at + url_attr.len()..];
                let value = value.split('"').next().unwrap_or("");
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
