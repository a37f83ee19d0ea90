//! Files in `content/static/` against the files the build makes. A static
//! file where the build needs a folder (or the other way round) would fail
//! only when written, so `check` would pass what `build` fails; a static
//! file at a generated page's path silently replaced that page. Both are
//! decided here, from paths alone, before anything is written.

use crate::diagnostics::Diagnostic;
use crate::load::StaticFile;
use std::collections::HashSet;

/// Problems of `statics` against `generated` (output paths of pages,
/// feeds and other made files; the theme's static files included, which a
/// site may replace on purpose).
pub fn clashes(statics: &[StaticFile], generated: &[String], theme: &[String]) -> Vec<Diagnostic> {
    let made: HashSet<&str> = generated.iter().map(String::as_str).collect();
    let mut files: HashSet<&str> = made.clone();
    files.extend(theme.iter().map(String::as_str));
    let folders: HashSet<&str> = files.iter().flat_map(|p| ancestors(p)).collect();
    let mut out = Vec::new();
    for s in statics {
        let shown = format!("content/static/{}", s.rel);
        if made.contains(s.rel.as_str()) {
            out.push(
                Diagnostic::warning(
                    &shown,
                    None,
                    format!("replaces the file callsite makes at `{}`", s.rel),
                )
                .hint(
                    "remove or rename the static file, unless replacing that page is what you want",
                ),
            );
        } else if folders.contains(s.rel.as_str()) {
            out.push(
                Diagnostic::error(
                    &shown,
                    None,
                    format!(
                        "the site needs a folder `{}/` here for its own pages",
                        s.rel
                    ),
                )
                .hint("rename or move the static file"),
            );
        } else if let Some(file) = ancestors(&s.rel).find(|a| files.contains(a)) {
            out.push(
                Diagnostic::error(
                    &shown,
                    None,
                    format!("`{file}` is a file the site makes, so it cannot be a folder"),
                )
                .hint(format!("move the static files out of `static/{file}/`")),
            );
        }
    }
    out
}

/// `a/b/c.html` → `a/b`, `a`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statics(rels: &[&str]) -> Vec<StaticFile> {
        rels.iter()
            .map(|r| StaticFile {
                rel: r.to_string(),
                path: std::path::PathBuf::from(r),
            })
            .collect()
    }

    #[test]
    fn a_static_file_may_not_stand_where_the_site_needs_a_folder_or_file() {
        let generated = vec!["calls/index.html".to_string(), "calendar.ics".to_string()];
        let theme = vec!["style.css".to_string()];
        let found = clashes(
            &statics(&["calls", "calendar.ics/a", "style.css", "img/logo.png"]),
            &generated,
            &theme,
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].message.contains("needs a folder `calls/`"));
        assert!(found[1].message.contains("`calendar.ics` is a file"));
        let replaced = clashes(&statics(&["calls/index.html"]), &generated, &theme);
        assert_eq!(replaced.len(), 1);
        assert!(replaced[0].message.contains("replaces the file"));
    }
}
