//! Stubs nobody finished: the placeholders `callsite new` writes (see
//! `content::placeholders`) are refused until replaced.

use crate::content::placeholders::{is_empty_outline, is_placeholder};
use crate::content::{Call, Coc, Page, Record};
use crate::diagnostics::{Diagnostic, Pos};
use crate::front_matter::fields::FieldPositions;

/// Placeholders `callsite new` wrote and nobody replaced: refused, so an
/// unedited stub never reaches a page or a feed.
pub fn check_placeholders(
    calls: &[Call],
    cocs: &[Coc],
    pages: &[Page],
    minutes: &[Record],
    diags: &mut Vec<Diagnostic>,
) {
    let mut field = |file: &str, at: &FieldPositions, name: &str, value: Option<&str>| {
        if let Some(v) = value.filter(|v| is_placeholder(v)) {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(at.of(name)),
                    format!("`{name}` is still the placeholder `{v}` that `callsite new` wrote"),
                )
                .hint(format!("replace it, or delete the `{name}:` line")),
            );
        }
    };
    for c in calls {
        for (name, value) in [
            ("summary", c.summary.as_deref()),
            ("facilitator", c.facilitator.as_deref()),
            ("backup_facilitator", c.backup_facilitator.as_deref()),
            ("tech", c.tech.as_deref()),
        ] {
            field(&c.file, &c.at, name, value);
        }
    }
    for c in cocs {
        for (name, value) in [
            ("name", Some(c.name.as_str())),
            ("ga", c.ga.as_deref()),
            ("city", c.city.as_deref()),
        ] {
            field(&c.file, &c.at, name, value);
        }
    }
    check_bodies(calls, cocs, pages, minutes, diags);
}

/// Bodies still the placeholder text, and minutes still the empty outline.
fn check_bodies(
    calls: &[Call],
    cocs: &[Coc],
    pages: &[Page],
    minutes: &[Record],
    diags: &mut Vec<Diagnostic>,
) {
    let bodies = calls
        .iter()
        .map(|c| (&c.file, &c.body))
        .chain(cocs.iter().map(|c| (&c.file, &c.body)))
        .chain(pages.iter().map(|p| (&p.file, &p.body)));
    for (file, body) in bodies {
        if is_placeholder(&body.text) {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(Pos {
                        line: body.first_line,
                        column: 1,
                    }),
                    "the text is still the placeholder that `callsite new` wrote",
                )
                .hint("write the text in its place"),
            );
        }
    }
    diags.extend(minutes.iter().filter_map(unwritten_outline));
}

/// Minutes still the empty outline `callsite new` wrote: headings with
/// nothing under them.
pub fn unwritten_outline(m: &Record) -> Option<Diagnostic> {
    is_empty_outline(&m.body.text).then(|| {
        Diagnostic::error(&m.file, Some(Pos { line: m.body.first_line, column: 1 }), "these minutes are still the outline that `callsite new` wrote: headings with nothing under them")
            .hint("write the notes under the headings (or delete the file until there are notes)")
    })
}
