//! The feeds, peers of the pages: each reads the model, the calendar and
//! the rendered bodies directly. iCalendar (`/calendar.ics`, one per call),
//! Atom (`/feed.xml`) and the sitemap are written by hand: small fixed
//! formats where a template would only add ways to break them.

pub mod announcements;
pub mod atom;
pub mod ical;
pub mod ics;
pub mod json;
pub mod sitemap;
pub mod topics;
pub mod vtimezone;

use super::context::RenderCtx;
use super::plan::PageKind;
use crate::fs::{Contents, OutputFile};
use std::collections::BTreeMap;

/// What every feed of one build shares: the VTIMEZONE text of each zone,
/// computed once for a thousand per-call feeds.
pub struct Feeds {
    zones: BTreeMap<String, String>,
}

impl Feeds {
    /// The shared parts of the feeds of the build `ctx` renders.
    pub fn new(ctx: &RenderCtx) -> Feeds {
        Feeds {
            zones: ical::vtimezones(&ctx.calendar.zones),
        }
    }

    /// Renders a planned feed.
    pub fn render(&self, ctx: &RenderCtx, route: &str, kind: PageKind) -> OutputFile {
        let site = ctx.site;
        let fc = ical::FeedContext {
            config: &site.config,
            base_url: &ctx.base.url,
            now: ctx.now,
            zones: Some(&self.zones),
        };
        let text = match kind {
            PageKind::Feed => {
                let calls: Vec<&crate::content::Call> = site.calls.iter().collect();
                ical::feed(&calls, &fc, &site.config.calendar.name)
            }
            PageKind::CallFeed(i) => {
                let call = &site.calls[i];
                let name = format!("{} – {}", site.config.calendar.name, call.title);
                ical::feed(&[call], &fc, &name)
            }
            PageKind::TagFeed(_) | PageKind::CocFeed(_) => topics::feed(site, kind, &fc),
            PageKind::AnnouncementsFeed => announcements::atom(ctx),
            PageKind::CalendarJson => json::calendar(ctx),
            _ => atom::atom(ctx),
        };
        OutputFile {
            path: route.to_string(),
            contents: Contents::Bytes(text.into_bytes()),
        }
    }
}

/// The bytes `xml_escape` looks at: markup characters, controls, and the
/// first bytes of U+0080-U+009F and U+FFFE/U+FFFF.
const XML_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b < 0x20
            || matches!(
                b as u8,
                b'&' | b'<' | b'>' | b'"' | b'\'' | 0x7f | 0xc2 | 0xef
            );
        b += 1;
    }
    table
};

/// Escapes text for XML content and attributes.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    // Byte by byte, copying a run at a time: feeds and the sitemap escape
    // every title and summary. What XML forbids is dropped: controls but
    // tab, line feed and return, DEL and U+0080-U+009F (0xC2 0x80-0x9F in
    // UTF-8), U+FFFE and U+FFFF (0xEF 0xBF 0xBE-0xBF).
    let bytes = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        // Most bytes need nothing: one table load each to pass them.
        match bytes[i..].iter().position(|&b| XML_SPECIAL[usize::from(b)]) {
            Some(skip) => i += skip,
            None => break,
        }
        let (replaced, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..=0x1f | 0x7f => ("", 1),
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => ("", 2),
            0xef if bytes.get(i + 1) == Some(&0xbf)
                && matches!(bytes.get(i + 2), Some(0xbe | 0xbf)) =>
            {
                ("", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[run..i]);
        out.push_str(replaced);
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
    out
}

/// Whether XML 1.0 allows `c` in a document: no control characters but
/// tab, line feed and carriage return, no U+FFFE or U+FFFF.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !('\u{7f}'..='\u{9f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The escape as the XML rules read, a character at a time.
    fn reference(s: &str) -> String {
        s.chars()
            .filter(|c| is_xml_char(*c))
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&apos;".to_string(),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        let texts = [
            "",
            "plain",
            "a & b < c > d \"e\" 'f'",
            "&&&",
            "\u{1}bell\u{7}",
            "tab\tline\ncr\r",
            "é — ünïcode 会议 🎉",
            "\u{85}\u{9f}\u{a0}\u{fffe}\u{ffff}\u{fffd}",
            "<\u{0}>",
            "end&",
        ];
        for t in texts {
            assert_eq!(xml_escape(t), reference(t), "{t:?}");
        }
        let around = (0..0x250).chain(0xd7f0..0xe010).chain(0xfff0..0x10010);
        for c in around.filter_map(char::from_u32) {
            let t = format!("a{c}b{c}");
            assert_eq!(xml_escape(&t), reference(&t), "{t:?}");
        }
    }
}
