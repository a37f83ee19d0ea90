//! Link and image destinations: links between content files become page
//! URLs (a missing file is an error at its line), script URLs and links to
//! redacted contacts become `#`.

use super::{MarkdownOptions, redact, sanitize};
use crate::diagnostics::{Diagnostic, Pos};
use pulldown_cmark::{CowStr, Event, LinkType, Tag};

/// Rewrites a link's or image's destination in place: content files to
/// their pages, script URLs and redacted contacts to `#`. A link to a
/// missing content file is an error at `line`.
pub fn link_destination(
    event: &mut Event,
    opts: &MarkdownOptions,
    line: u32,
) -> Option<Diagnostic> {
    let (Event::Start(Tag::Link {
        dest_url,
        link_type,
        ..
    })
    | Event::Start(Tag::Image {
        dest_url,
        link_type,
        ..
    })) = event
    else {
        return None;
    };
    if redact::apply(dest_url, opts.redact) != dest_url.as_ref() {
        *dest_url = CowStr::from("#");
        return None;
    }
    if matches!(link_type, LinkType::Email) {
        return None;
    }
    match rewrite_link(dest_url, opts) {
        Ok(Some(url)) => *dest_url = CowStr::from(url),
        Ok(None) => {}
        Err(target) => {
            return Some(
                Diagnostic::error(opts.file, Some(Pos { line, column: 1 }), format!("the link `{target}` points to a content file that does not exist"))
                    .hint("check the file name and folder; links between content files use their path, like `../minutes/caravan-2026-11-18.md`"),
            );
        }
    }
    None
}

/// Rewrites `x.md` links to page URLs; neutralizes script URLs. `Err`
/// carries a link to a missing content file.
fn rewrite_link(dest: &str, opts: &MarkdownOptions) -> Result<Option<String>, String> {
    if !sanitize::safe_url(dest) {
        return Ok(Some("#".into()));
    }
    if dest.contains(':') || dest.starts_with('#') || dest.starts_with('/') {
        return Ok(None);
    }
    let (path, fragment) = dest
        .split_once('#')
        .map_or((dest, None), |(p, f)| (p, Some(f)));
    if !path.ends_with(".md") {
        return Ok(None);
    }
    let dir = opts
        .file
        .strip_prefix("content/")
        .and_then(|f| f.rsplit_once('/'))
        .map_or("", |(d, _)| d);
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for piece in path.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(dest.to_string());
                }
            }
            p => parts.push(p),
        }
    }
    let key = parts.join("/");
    match opts.links.get(&key) {
        Some(url) => Ok(Some(match fragment {
            Some(f) => format!("{url}#{f}"),
            None => url.clone(),
        })),
        None => Err(dest.to_string()),
    }
}
