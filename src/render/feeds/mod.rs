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
