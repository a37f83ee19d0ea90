//! The first pass over a body's events: raw HTML made safe and personal
//! contacts redacted, before anything else reads the events.

use super::{Spanned, redact, sanitize};
use pulldown_cmark::{CowStr, Event, Tag};

/// The events with raw HTML made safe (consecutive fragments of one HTML
/// block are cleaned together, so a tag may span lines) and personal
/// contacts redacted from text, code and link and image titles.
/// Streamed from the parser into the one list the later passes read: the
/// events are moved once, not copied through intermediate lists.
pub fn safe_events<'e>(
    events: impl Iterator<Item = Spanned<'e>>,
    capacity: usize,
    redact: &[String],
) -> Vec<Spanned<'e>> {
    let mut sanitizer = sanitize::Sanitizer::new(redact);
    let mut out: Vec<Spanned> = Vec::with_capacity(capacity);
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
fn merge_text<'e>(events: impl Iterator<Item = Spanned<'e>>) -> impl Iterator<Item = Spanned<'e>> {
    let mut events = events.peekable();
    let is_text = |e: &Spanned| matches!(e.0, Event::Text(_));
    std::iter::from_fn(move || {
        let (event, mut range) = events.next()?;
        let Event::Text(first) = event else {
            return Some((event, range));
        };
        if !events.peek().is_some_and(is_text) {
            return Some((Event::Text(first), range));
        }
        // One buffer for the whole run: joining pairs would copy it again
        // for every piece (smart punctuation splits text at each quote).
        let mut joined = first.into_string();
        while let Some((Event::Text(next), next_range)) = events.next_if(is_text) {
            joined.push_str(&next);
            range.end = next_range.end;
        }
        Some((Event::Text(CowStr::from(joined)), range))
    })
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
