//! Problems found in a site, and the three ways they are printed.
//!
//! Every stage reports into a `Vec<Diagnostic>` and goes on, so a volunteer
//! sees every mistake of a commit in one run instead of fixing them one CI
//! round-trip at a time.

use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;

/// A 1-based position in a file (not in its front-matter snippet).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// How bad a problem is: errors fail `check` and `build`; warnings fail
/// only `check --strict`, and date-driven ones never do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located in a file as editors and CI annotations expect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Relative to the site root, with `/` separators.
    pub file: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// How many characters to underline from `column`.
    #[serde(skip)]
    pub width: u32,
    /// Raised by the passage of time rather than by a change to the content
    /// (a recording past its retention, a call soon without a registration
    /// link). Such warnings are reported everywhere but never fail
    /// `check --strict`, so a scheduled rebuild is not stopped by the date.
    pub date_driven: bool,
}

impl Diagnostic {
    /// An error at a position in a file.
    pub fn error(file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file, pos, message)
    }

    /// A warning at a position in a file.
    pub fn warning(file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file, pos, message)
    }

    fn new(severity: Severity, file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: file.to_string(),
            line: pos.map(|p| p.line),
            column: pos.map(|p| p.column),
            message: message.into(),
            hint: None,
            width: 1,
            date_driven: false,
        }
    }

    /// Adds the fix a volunteer should make.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Underlines `width` characters in the snippet.
    pub fn width(mut self, width: usize) -> Self {
        self.width = width.max(1) as u32;
        self
    }

    /// Marks a warning whose outcome depends on "now" alone: the same files
    /// raise it tomorrow though they did not today.
    pub fn date_driven(mut self) -> Self {
        self.date_driven = true;
        self
    }

    /// Whether this problem fails `check`, or `check --strict` when
    /// `strict`: errors always; warnings with `strict` unless date-driven.
    pub fn fails(&self, strict: bool) -> bool {
        match self.severity {
            Severity::Error => true,
            Severity::Warning => strict && !self.date_driven,
        }
    }

    /// `path:line:column`, the form editors and terminals make clickable.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            (Some(l), None) => format!("{}:{l}", self.file),
            _ => self.file.clone(),
        }
    }
}

/// Sorts diagnostics by file and position so output does not depend on
/// thread scheduling.
pub fn sort(diags: &mut [Diagnostic]) {
    // The site's settings first: a mistake there explains the others.
    let key = |d: &Diagnostic| d.file != "content/site.yaml";
    diags.sort_by(|a, b| {
        (key(a), &a.file, a.line, a.column, a.severity, &a.message).cmp(&(
            key(b),
            &b.file,
            b.line,
            b.column,
            b.severity,
            &b.message,
        ))
    });
}

/// Output formats of `check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: location, the offending line, and a hint.
    Human,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// One JSON object per line, for other tools.
    Json,
}

/// Renders diagnostics in `format`; `root` is read to quote offending lines.
pub fn render(diags: &[Diagnostic], format: Format, root: &Path) -> String {
    let mut out = String::new();
    let mut cache: Option<(String, Vec<String>)> = None;
    for d in diags {
        match format {
            Format::Human => {
                let lines = match &cache {
                    _ if d.line.is_none() => &[][..],
                    Some((f, lines)) if *f == d.file => lines,
                    _ => {
                        // Only a line to quote is worth reading, and only
                        // from a regular file: a pipe would never end.
                        let path = root.join(&d.file);
                        let regular = std::fs::metadata(&path).is_ok_and(|m| m.is_file());
                        let text = regular
                            .then(|| std::fs::read(&path).ok())
                            .flatten()
                            .map(|b| String::from_utf8_lossy(&b).into_owned())
                            .unwrap_or_default();
                        let lines = text.lines().map(str::to_string).collect();
                        &cache.insert((d.file.clone(), lines)).1
                    }
                };
                render_human(&mut out, d, lines);
            }
            Format::Github => render_github(&mut out, d),
            Format::Json => {
                let json = serde_json::to_string(d).unwrap_or_default();
                out.push_str(&json);
                out.push('\n');
            }
        }
    }
    out
}

/// Text from content made safe for a terminal or a CI log: control
/// characters (an escape sequence could recolour, move the cursor or forge
/// a workflow command) are shown as `\u{1b}`, never sent as they are.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\t') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && c != '\t' {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn render_human(out: &mut String, d: &Diagnostic, lines: &[String]) {
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let _ = writeln!(
        out,
        "{label}: {} in {}",
        printable(&d.message),
        printable(&d.location())
    );
    if let Some(line_no) = d.line
        && let Some(text) = lines.get(line_no as usize - 1)
    {
        let text = text.trim_start_matches('\u{feff}').trim_end_matches('\r');
        let text = printable(text);
        let gutter = line_no.to_string();
        let pad = " ".repeat(gutter.len());
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{gutter} | {text}");
        let col = d.column.unwrap_or(1).max(1) as usize;
        let caret = format!(
            "{}{}",
            " ".repeat(col - 1),
            "^".repeat(d.width.max(1) as usize)
        );
        match &d.hint {
            Some(h) => {
                let _ = writeln!(out, "{pad} | {caret} {}", printable(h));
            }
            None => {
                let _ = writeln!(out, "{pad} | {caret}");
            }
        }
    } else if let Some(h) = &d.hint {
        let _ = writeln!(out, "  = help: {}", printable(h));
    }
    if d.date_driven {
        let _ = writeln!(out, "  = note: {DATE_DRIVEN_NOTE}");
    }
    out.push('\n');
}

/// What a date-driven warning adds, in the terminal and in annotations.
const DATE_DRIVEN_NOTE: &str =
    "raised by today's date, not by a change: `check --strict` reports it without failing";

/// GitHub's workflow-command syntax: `::error file=F,line=L,col=C::message`.
/// Property values escape `%`, CR, LF, `:` and `,`; the message escapes `%`,
/// CR and LF.
fn render_github(out: &mut String, d: &Diagnostic) {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = format!("file={}", escape_property(&d.file));
    if let Some(l) = d.line {
        let _ = write!(props, ",line={l}");
    }
    if let Some(c) = d.column {
        let _ = write!(props, ",col={c}");
    }
    if d.date_driven {
        let _ = write!(props, ",title={}", escape_property("Date-driven warning"));
    }
    let mut msg = d.message.clone();
    if let Some(h) = &d.hint {
        let _ = write!(msg, "\n{h}");
    }
    if d.date_driven {
        let _ = write!(msg, "\n({DATE_DRIVEN_NOTE})");
    }
    let _ = writeln!(out, "::{kind} {props}::{}", escape_data(&msg));
}

fn escape_data(s: &str) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    printable(&s).into_owned()
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The final line: "2 errors, 1 warning", and how many warnings only the
/// date raised: "0 errors, 3 warnings (2 date-driven)".
pub fn summary(diags: &[Diagnostic]) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    let dated = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.date_driven)
        .count();
    let mut line = format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    if dated > 0 {
        let _ = write!(line, " ({} date-driven)", count(dated));
    }
    line
}

/// A count with thousands separated: "1,204".
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    grouped
}

/// "1 error", "2 errors", with thousands separated.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{} {word}s", count(n))
    }
}

/// The known name closest to a misspelt one, if any is close enough to be
/// a plausible typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&word, &c.to_lowercase()), *c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

/// Damerau-Levenshtein distance (optimal string alignment): a swap of two
/// neighbouring letters counts as one typo.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let known = ["facilitator", "backup_facilitator", "tech", "title"];
        assert_eq!(closest("facilitater", &known), Some("facilitator"));
        assert_eq!(closest("titel", &known), Some("title"));
        assert_eq!(closest("Title", &known), Some("title"));
        assert_eq!(closest("colour", &known), None);
    }

    #[test]
    fn github_annotations_escape_their_syntax() {
        let d = Diagnostic::error(
            "content/calls/a,b.md",
            Some(Pos { line: 3, column: 1 }),
            "50% wrong\nreally",
        );
        let mut out = String::new();
        render_github(&mut out, &d);
        assert_eq!(
            out,
            "::error file=content/calls/a%2Cb.md,line=3,col=1::50%25 wrong%0Areally\n"
        );
    }

    #[test]
    fn date_driven_warnings_say_so_and_never_fail_strict() {
        let pos = Some(Pos { line: 2, column: 3 });
        let dated = Diagnostic::warning("a.md", pos, "old").date_driven();
        let plain = Diagnostic::warning("a.md", pos, "odd");
        assert!(!dated.fails(true) && !dated.fails(false));
        assert!(plain.fails(true) && !plain.fails(false));
        assert!(
            Diagnostic::error("a.md", pos, "bad")
                .date_driven()
                .fails(false)
        );
        let mut out = String::new();
        render_github(&mut out, &dated);
        assert!(
            out.starts_with("::warning file=a.md,line=2,col=3,title=Date-driven warning::old%0A("),
            "{out}"
        );
        let mut human = String::new();
        render_human(&mut human, &dated, &[]);
        assert!(human.contains("= note: raised by today's date"), "{human}");
        assert_eq!(
            summary(&[dated.clone(), plain, dated]),
            "0 errors, 3 warnings (2 date-driven)"
        );
        let json =
            serde_json::to_value(Diagnostic::warning("a.md", pos, "x").date_driven()).unwrap();
        assert_eq!(json["date_driven"], true);
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(plural(1, "error"), "1 error");
        assert_eq!(plural(1204, "page"), "1,204 pages");
        assert_eq!(plural(0, "warning"), "0 warnings");
    }
}
