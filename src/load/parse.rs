//! One file's bytes turned into its typed record: UTF-8, front matter,
//! YAML with positions, then the fields of its kind. Pure apart from the
//! path, which gives the id.

use super::{Kind, Loaded};
use crate::content::{self, Body, RecordKind, Released, SiteConfig};
use crate::diagnostics::{Diagnostic, Pos};
use crate::front_matter::{fields::Fields, split as front_matter, yaml};
use crate::fs::display_path;
use std::path::Path;

fn decode<'a>(shown: &str, bytes: &'a [u8], diags: &mut Vec<Diagnostic>) -> Option<&'a str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() as u32 + 1;
            let column = std::str::from_utf8(valid)
                .map(|v| v.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1)
                .unwrap_or(1);
            diags.push(
                Diagnostic::error(
                    shown,
                    Some(Pos { line, column }),
                    "the file is not valid UTF-8 text",
                )
                .hint("save it as UTF-8 (most editors offer it under \"Save with encoding\")"),
            );
            None
        }
    }
}

pub fn read_config(
    root: &Path,
    path: &Path,
    bytes: &[u8],
    diags: &mut Vec<Diagnostic>,
) -> Option<SiteConfig> {
    let shown = display_path(root, path);
    let text = decode(&shown, bytes, diags)?;
    let text = front_matter::normalize(text);
    let node = parse_yaml(&shown, &text, 1, diags)?;
    let mut f = Fields::new(
        &shown,
        &node,
        content::config::FIELDS,
        Pos { line: 1, column: 1 },
        diags,
    );
    content::config::read(&mut f)
}

fn parse_yaml(
    shown: &str,
    yaml: &str,
    first_line: u32,
    diags: &mut Vec<Diagnostic>,
) -> Option<yaml::Node> {
    match crate::front_matter::parse(yaml, first_line) {
        Ok(node) => Some(node),
        Err(e) => {
            let hint = if e.message.contains("duplicate mapping key") {
                "each field may appear once; delete or merge the repeated line".to_string()
            } else {
                "check the indentation and quote values containing `: ` or starting with `[`, `{`, `*`, `&`, `!`, `%` or `@`".to_string()
            };
            let message = e
                .message
                .replace(", set DuplicateKeyPolicy in Options if acceptable", "");
            diags.push(
                Diagnostic::error(
                    shown,
                    e.pos.or(Some(Pos {
                        line: first_line,
                        column: 1,
                    })),
                    format!("the front matter is not valid YAML: {message}"),
                )
                .hint(hint),
            );
            None
        }
    }
}

/// Turns one file's bytes into its record. Pure apart from `path`, which
/// only gives the id; exposed so tests can throw arbitrary bytes at it.
pub fn parse_source(
    shown: &str,
    path: &Path,
    bytes: &[u8],
    kind: Kind,
    site_zone: Option<chrono_tz::Tz>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded> {
    let loaded = parse_file(shown, path, bytes, kind, site_zone, diags);
    if kind == Kind::Call && loaded.is_none() {
        // Its own errors are reported; the records naming it are not
        // wrong as well.
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        return stem.map(Loaded::BrokenCall);
    }
    loaded
}

fn parse_file(
    shown: &str,
    path: &Path,
    bytes: &[u8],
    kind: Kind,
    site_zone: Option<chrono_tz::Tz>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded> {
    let text = decode(shown, bytes, diags)?;
    let text = front_matter::normalize(text);
    let split = match front_matter::split(&text) {
        Ok(s) => s,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    shown,
                    Some(Pos {
                        line: e.line,
                        column: 1,
                    }),
                    e.message,
                )
                .hint(e.hint),
            );
            return None;
        }
    };
    let node = parse_yaml(shown, split.yaml, split.yaml_line, diags)?;
    let body = Body {
        text: split.body.into(),
        first_line: split.body_line,
        released: None,
    };
    let mut f = Fields::new(
        shown,
        &node,
        known_fields(kind),
        Pos { line: 1, column: 1 },
        diags,
    );
    read_kind(&mut f, kind, path, site_zone, body)
}

/// Room for the front matter above a released body, so that the file is
/// read again with one `read` in the common case (more is read if needed).
const FRONT_MATTER_ROOM: usize = 4096;

/// A released body read again: the file's text and where the body starts
/// in it, so the body is not copied out of the text it came in.
pub struct Reread {
    text: String,
    start: usize,
}

impl Reread {
    /// The body, as [`parse_source`] split it off.
    pub fn body(&self) -> &str {
        &self.text[self.start..]
    }
}

/// The body of `released`'s file, read the way [`parse_source`] read it,
/// if it is still the text that was checked.
pub fn reread_body(released: &Released) -> Option<Reread> {
    let bytes = crate::fs::read_with_room(&released.path, released.len + FRONT_MATTER_ROOM).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let normalized = front_matter::normalize(&text);
    let body_len = front_matter::split(&normalized).ok()?.body.len();
    let text = match normalized {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(owned) => owned,
    };
    let start = text.len() - body_len;
    let reread = Reread { text, start };
    (crate::fxhash::fingerprint(reread.body()) == released.fingerprint).then_some(reread)
}

/// The fields a kind of file may have, for "did you mean".
fn known_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Call => content::call::FIELDS,
        Kind::Minutes => content::record::MINUTES_FIELDS,
        Kind::Agenda => content::record::AGENDA_FIELDS,
        Kind::Coc => content::coc::FIELDS,
        Kind::Faq => content::faq::FIELDS,
        Kind::Page => content::page::FIELDS,
    }
}

/// The record of a file of `kind`, read from its fields.
fn read_kind(
    f: &mut Fields,
    kind: Kind,
    path: &Path,
    site_zone: Option<chrono_tz::Tz>,
    body: Body,
) -> Option<Loaded> {
    match kind {
        Kind::Call => {
            let id = item_id(f, path)?;
            let call = content::call::read(f, id.clone(), site_zone, body);
            Some(call.map_or(Loaded::BrokenCall(id), |c| Loaded::Call(Box::new(c))))
        }
        Kind::Minutes => content::record::read(f, RecordKind::Minutes, body).map(Loaded::Record),
        Kind::Agenda => content::record::read(f, RecordKind::Agenda, body).map(Loaded::Record),
        Kind::Coc => {
            let id = item_id(f, path)?;
            content::coc::read(f, id, body).map(Loaded::Coc)
        }
        Kind::Faq => {
            let id = item_id(f, path)?;
            content::faq::read(f, id, &body).map(Loaded::Faq)
        }
        Kind::Page => {
            let id = item_id(f, path)?;
            content::page::read(f, id, body).map(Loaded::Page)
        }
    }
}

/// The item's id: its `id` field, else its file name without `.md`.
fn item_id(f: &mut Fields, path: &Path) -> Option<String> {
    if let Some(id) = f.text("id") {
        if content::is_valid_id(&id) {
            return Some(id);
        }
        let at = f.at("id");
        f.error(
            at,
            format!("`{id}` is not a valid id"),
            format!(
                "ids use lowercase letters, digits and `-` only, like `id: {}`",
                content::slugify(&id)
            ),
        );
        return None;
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if content::is_valid_id(&stem) {
        return Some(stem);
    }
    let d = Diagnostic::error(
        f.file(),
        Some(Pos { line: 1, column: 1 }),
        format!("the file name `{stem}.md` is not a valid id"),
    )
    .hint(format!(
        "ids use lowercase letters, digits and `-` only: rename the file to `{}.md`",
        content::slugify(&stem)
    ));
    f.push(d);
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn released(path: &Path, body: &str) -> Released {
        Released {
            path: path.to_path_buf(),
            fingerprint: crate::fxhash::fingerprint(body),
            len: body.len(),
        }
    }

    /// A body read again is the one split off when the file was loaded,
    /// after a byte-order mark, with Windows line ends, and under front
    /// matter longer than the room left for it; an edited file gives none.
    #[test]
    fn a_released_body_reads_back_as_it_was_split() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026-01-05.md");
        let long = format!("title: {}\n", "x".repeat(2 * FRONT_MATTER_ROOM));
        for text in [
            "---\ndate: 2026-01-05\n---\nThe body.\n".to_string(),
            "\u{feff}---\r\ndate: 2026-01-05\r\n---\r\nLine one.\r\nLine two.\r\n".to_string(),
            format!("---\n{long}---\nAfter a long front matter.\n"),
            "---\ndate: 2026-01-05\n---\n".to_string(),
        ] {
            std::fs::write(&path, &text).unwrap();
            let normalized = front_matter::normalize(&text);
            let body = front_matter::split(&normalized).unwrap().body;
            let again = reread_body(&released(&path, body)).expect("the same body");
            assert_eq!(again.body(), body);
            std::fs::write(&path, format!("{text}Call 555-0100.\n")).unwrap();
            assert!(reread_body(&released(&path, body)).is_none());
        }
    }
}
