//! The Atom feed of new minutes and the sitemap, written directly: both are
//! small fixed formats where a template would only add ways to break them.

use super::pages::OutputFile;
use crate::content::RecordKind;
use crate::model::Site;
use std::fmt::Write as _;

/// How many minutes the Atom feed carries.
const ATOM_ENTRIES: usize = 20;

/// Escapes text for XML content and attributes.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if !is_xml_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 allows `c` in a document: no control characters but
/// tab, line feed and carriage return, no U+FFFE or U+FFFF.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !('\u{7f}'..='\u{9f}').contains(&c)
}

/// Atom feed of the latest public minutes. `body` gives a file's rendered
/// HTML and summary; withheld minutes are skipped.
pub fn atom(site: &Site, base_url: &str, body: &dyn Fn(&str) -> (String, String)) -> String {
    let public: Vec<_> = site
        .minutes
        .iter()
        .filter(|m| site.is_public(m))
        .take(ATOM_ENTRIES)
        .collect();
    let updated = public.first().map_or_else(
        || "1970-01-01T00:00:00Z".to_string(),
        |m| format!("{}T00:00:00Z", m.date),
    );
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    let _ = writeln!(
        x,
        "  <title>{} – minutes</title>",
        xml_escape(&site.config.title)
    );
    let _ = writeln!(
        x,
        "  <link rel=\"self\" href=\"{}feed.xml\"/>",
        xml_escape(base_url)
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}minutes/\"/>",
        xml_escape(base_url)
    );
    let _ = writeln!(x, "  <id>{}feed.xml</id>", xml_escape(base_url));
    let _ = writeln!(x, "  <updated>{updated}</updated>");
    let _ = writeln!(
        x,
        "  <author><name>{}</name></author>",
        xml_escape(&site.config.title)
    );
    for m in public {
        debug_assert_eq!(m.kind, RecordKind::Minutes);
        let url = format!("{base_url}minutes/{}/{}/", m.call, m.date);
        let call = site
            .call(&m.call)
            .map_or(m.call.as_str(), |c| c.title.as_str());
        let title = m
            .title
            .clone()
            .unwrap_or_else(|| format!("{call}, {}", super::words::long_date(m.date)));
        let (html, summary) = body(&m.file);
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <title>{}</title>", xml_escape(&title));
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml_escape(&url)
        );
        let _ = writeln!(x, "    <id>{}</id>", xml_escape(&url));
        let _ = writeln!(x, "    <updated>{}T00:00:00Z</updated>", m.date);
        if !summary.is_empty() {
            let _ = writeln!(x, "    <summary>{}</summary>", xml_escape(&summary));
        }
        let _ = writeln!(
            x,
            "    <content type=\"html\">{}</content>",
            xml_escape(&html)
        );
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// The sitemap of every HTML page but the 404 page, sorted by URL.
pub fn sitemap(base_url: &str, files: &[OutputFile], _language: &str) -> String {
    let mut urls: Vec<String> = files
        .iter()
        .filter(|f| f.path.ends_with(".html") && f.path != "404.html" && f.contents.is_rendered())
        .map(|f| format!("{base_url}{}", f.path.trim_end_matches("index.html")))
        .collect();
    urls.sort();
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls {
        let _ = writeln!(x, "  <url><loc>{}</loc></url>", xml_escape(&u));
    }
    x.push_str("</urlset>\n");
    x
}
