//! The first pass over a body's events: raw HTML made safe and personal
//! contacts redacted, before anything else reads the events.

use super::{Spanned, redact, sanitize};
use pulldown_cmark::{CowStr, Event, Tag};

/// The events with raw HTML made safe (consecutive fragments of one HTML
/// block are cleaned together, so a tag may span lines) and personal
/// contacts redacted from text, code and link and image titles.
pub fn safe_events<'e>(events: Vec<Spanned<'e>>, redact: &[String]) -> Vec<Spanned<'e>> {
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
                    Event::Start(tag) => Event::Start(title_redacted(tag, redact)),
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

/// A link's or image's title is shown on hover and read by screen
/// readers: it is redacted like text.
fn title_redacted<'e>(tag: Tag<'e>, redact: &[String]) -> Tag<'e> {
    match tag {
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Link {
            link_type,
            dest_url,
            title: redacted(title, redact),
            id,
        },
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Image {
            link_type,
            dest_url,
            title: redacted(title, redact),
            id,
        },
        other => other,
    }
}

fn redacted<'e>(text: CowStr<'e>, redact: &[String]) -> CowStr<'e> {
    match redact::apply(&text, redact) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(s) => CowStr::from(s),
    }
}
