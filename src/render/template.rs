//! Themes: Tera templates and static files, looked up in the site's chosen
//! theme, then the site's `themes/default/`, then the default theme compiled
//! into the binary, so a site folder without `themes/` builds and a theme
//! may override only the templates it cares about.

use crate::diagnostics::Diagnostic;
use crate::diagnostics::Pos;
use crate::fs::{Contents, OutputFile};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

macro_rules! embedded {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $dir, "/", $name)))),*]
    };
}

/// The default theme's templates, compiled in.
const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded!("templates":
    "base.html", "index.html", "calendar.html", "month.html", "calls.html", "call.html",
    "minutes.html", "record.html", "faq.html", "cocs.html", "decisions.html", "page.html",
    "404.html", "occurrence.html", "search.html", "subscribe.html", "tags.html", "topic.html",
    "announcements.html", "announcement.html", "embed.html", "embed-snippet.html", "request.html",
    "topics-filter.html",
);

/// The default theme's static files, compiled in.
const DEFAULT_STATIC: &[(&str, &str)] = embedded!("static": "style.css", "localtime.js", "search.js", "request.js", "topics.js", "favicon.svg");

/// Where a template or static file came from, for error messages.
#[derive(Clone, Debug)]
enum Source {
    File(PathBuf),
    BuiltIn,
}

/// Loaded templates and the theme's static files.
pub struct Theme {
    tera: tera::Tera,
    /// Hash of every template's name and text and every static file's
    /// path, for caches that must notice a theme edit.
    fingerprint: u64,
    /// Template name → the file shown in errors.
    shown: BTreeMap<String, String>,
    /// Templates whose text marks something `data-search`.
    searchable: std::collections::BTreeSet<String>,
    statics: BTreeMap<String, (Source, Option<&'static str>)>,
}

/// The regular files under `dir` (a theme's `templates/` or `static/`).
/// A symbolic link on the way or inside is refused, as in content/: a
/// linked `static/` could publish `.git/config` or anything else on the
/// machine.
fn read_dir_files(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    if let Some(link) = linked_component(root, dir) {
        diags.push(
            Diagnostic::error(
                &crate::fs::display_path(root, &link),
                None,
                "this theme folder is a symbolic link, which is not followed",
            )
            .hint("copy the theme's files into themes/ instead of linking to them"),
        );
        return Vec::new();
    }
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy();
        if entry.depth() == 0 || entry.file_type().is_dir() || crate::fs::is_editor_litter(&name) {
            continue;
        }
        let shown = crate::fs::display_path(root, entry.path());
        if entry.file_type().is_file() {
            let rel = crate::fs::display_path(dir, entry.path());
            out.push((rel, entry.path().to_path_buf()));
        } else {
            diags.push(
                Diagnostic::error(
                    &shown,
                    None,
                    "this theme file is a symbolic link or not a regular file, and is not used",
                )
                .hint("replace it with a copy of the file it stands for"),
            );
        }
    }
    out
}

/// The first folder from `root/themes` down to `dir` that is a symbolic
/// link, if any.
fn linked_component(root: &Path, dir: &Path) -> Option<PathBuf> {
    let rel = dir.strip_prefix(root).ok()?;
    let mut at = root.to_path_buf();
    for part in rel.components() {
        at.push(part);
        if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            return Some(at);
        }
    }
    None
}

impl Theme {
    /// Loads theme `name` for the site at `root`. Every template that does
    /// not compile is reported.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let mut files = Files {
            templates: DEFAULT_TEMPLATES
                .iter()
                .map(|(n, text)| {
                    let shown = format!("(built-in default theme) templates/{n}");
                    ((*n).to_string(), ((*text).to_string(), shown))
                })
                .collect(),
            statics: DEFAULT_STATIC
                .iter()
                .map(|(n, text)| ((*n).to_string(), (Source::BuiltIn, Some(*text))))
                .collect(),
            diags: Vec::new(),
        };
        let mut layers = vec!["default"];
        if name != "default" {
            if !root.join("themes").join(name).is_dir() {
                files.diags.push(
                    Diagnostic::error(
                        "content/site.yaml",
                        None,
                        format!("the theme `{name}` does not exist"),
                    )
                    .hint(format!(
                        "create themes/{name}/templates/, or set `theme: default`"
                    )),
                );
            }
            layers.push(name);
        }
        for layer in layers {
            files.add_layer(root, &root.join("themes").join(layer));
        }
        let Files {
            templates,
            statics,
            mut diags,
        } = files;
        let mut tera = engine();
        let shown: BTreeMap<String, String> = templates
            .iter()
            .map(|(n, (_, s))| (n.clone(), s.clone()))
            .collect();
        if let Err(e) =
            tera.add_raw_templates(templates.iter().map(|(n, (t, _))| (n.as_str(), t.as_str())))
        {
            diags.push(template_error(&e, &shown));
        }
        diags.dedup();
        if !diags.is_empty() {
            return Err(diags);
        }
        let fingerprint = super::cache::hash_of(&(&templates, statics.keys().collect::<Vec<_>>()));
        let searchable = templates
            .iter()
            .filter(|(_, (text, _))| super::search::extract::marks(text))
            .map(|(n, _)| n.clone())
            .collect();
        Ok(Theme {
            tera,
            fingerprint,
            shown,
            searchable,
            statics,
        })
    }

    /// Renders `template` with `context`; errors name the template file,
    /// its line and what is missing.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|e| template_error(&e, &self.shown))
    }

    /// [`render`](Self::render) as the bytes of a file. Tera's `render`
    /// checks the whole text is UTF-8 once more before it returns it (a
    /// hundredth of a build), but everything it writes is text already:
    /// template source, strings, and bytes values (which no template can
    /// make) written lossily.
    pub fn render_bytes(
        &self,
        template: &str,
        context: &tera::Context,
    ) -> Result<Vec<u8>, Diagnostic> {
        // Most pages are a minutes page or smaller: one allocation.
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, context, &mut out)
            .map_err(|e| template_error(&e, &self.shown))?;
        Ok(out)
    }

    /// Whether template `name` marks anything for search.
    pub fn marks_search(&self, name: &str) -> bool {
        self.searchable.contains(name)
    }

    /// The file template `name` came from, as diagnostics show it.
    pub fn file_of(&self, name: &str) -> String {
        self.shown
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("templates/{name}"))
    }

    /// Changes whenever a template or the set of static files changes.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The theme's static files, for the output.
    pub fn statics(&self) -> Vec<OutputFile> {
        self.statics
            .iter()
            .map(|(rel, (source, text))| OutputFile {
                path: rel.clone(),
                contents: match (source, text) {
                    (Source::File(p), _) => Contents::Copy(p.clone()),
                    (Source::BuiltIn, Some(t)) => Contents::Embedded(t.as_bytes()),
                    (Source::BuiltIn, None) => Contents::Embedded(b""),
                },
            })
            .collect()
    }
}

/// Tera with HTML and XML escaped, and a `safe` filter that fails on an
/// undefined value as printing it does: Tera's own turns it into nothing,
/// so a typo such as `{{ o.htlm | safe }}` would blank every list silently.
fn engine() -> tera::Tera {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.register_filter("safe", strict_safe);
    tera
}

fn strict_safe(
    value: &tera::Value,
    _: tera::Kwargs,
    _: &tera::State,
) -> tera::TeraResult<tera::Value> {
    if value.is_undefined() {
        return Err(tera::Error::message(
            "the value given to `safe` is not defined (is its name spelt right?)",
        ));
    }
    Ok(match value.as_str() {
        Some(text) => tera::Value::safe_string(text),
        None => tera::Value::safe_string(&value.to_string()),
    })
}

/// A theme's files as its layers override each other: template name →
/// (text, file shown in errors), static path → source.
struct Files {
    templates: BTreeMap<String, (String, String)>,
    statics: BTreeMap<String, (Source, Option<&'static str>)>,
    diags: Vec<Diagnostic>,
}

impl Files {
    /// Adds the templates and static files of the theme folder `dir`, over
    /// those of earlier layers.
    fn add_layer(&mut self, root: &Path, dir: &Path) {
        for (rel, path) in read_dir_files(root, &dir.join("templates"), &mut self.diags) {
            let shown = crate::fs::display_path(root, &path);
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    self.templates.insert(rel, (text, shown));
                }
                Err(e) => self.diags.push(
                    Diagnostic::error(&shown, None, format!("the template cannot be read: {e}"))
                        .hint("save it as UTF-8 text"),
                ),
            }
        }
        for (rel, path) in read_dir_files(root, &dir.join("static"), &mut self.diags) {
            self.statics.insert(rel, (Source::File(path), None));
        }
    }
}

/// A Tera error as a diagnostic on the template's file. Tera's own report
/// names the template and line (`--> call.html:12:4`); we point at the file
/// the template came from.
fn template_error(e: &tera::Error, shown: &BTreeMap<String, String>) -> Diagnostic {
    let text = error_chain(e);
    let (name, pos) = locate(&text);
    let file = name
        .as_deref()
        .and_then(|n| shown.get(n))
        .cloned()
        .unwrap_or_else(|| name.clone().unwrap_or_else(|| "themes".into()));
    // Tera's first line says what is wrong; its snippet is ours to print.
    let what = text
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .trim_start_matches("error: ");
    let hint = if what.contains("is not defined") {
        "use only names the page's context has (the message lists them; the default theme shows each page's names)"
    } else {
        "fix the template syntax at this spot"
    };
    Diagnostic::error(&file, pos, format!("template error: {what}")).hint(hint)
}

fn error_chain(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push('\n');
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// Finds `--> NAME:LINE:COL` in Tera's report.
fn locate(text: &str) -> (Option<String>, Option<Pos>) {
    for line in text.lines() {
        if let Some(rest) = line.trim().strip_prefix("--> ") {
            let mut parts = rest.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.parse().ok());
            let line_no = parts.next().and_then(|l| l.parse().ok());
            let name = parts.next().map(str::to_string);
            if let (Some(line), Some(column)) = (line_no, column) {
                return (name, Some(Pos { line, column }));
            }
            return (Some(rest.to_string()), None);
        }
    }
    (None, None)
}
