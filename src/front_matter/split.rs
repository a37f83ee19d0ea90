//! Splitting a Markdown file into YAML front matter and body.

/// A file cut at its `---` fences, with the line numbers needed to map
/// positions in either part back to the file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// The file line on which the YAML starts (2 unless the file is empty).
    pub yaml_line: u32,
    pub body: &'a str,
    /// The file line on which the body starts.
    pub body_line: u32,
}

/// Why a file could not be split, with the line to point at.
#[derive(Debug, PartialEq, Eq)]
pub struct SplitError {
    pub line: u32,
    pub message: &'static str,
    pub hint: &'static str,
}

/// Splits normalized text (no BOM, LF line ends). The opening fence must be
/// the first line; the closing fence is the next line that is exactly `---`
/// (trailing spaces allowed).
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if is_fence(first) => {}
        _ => {
            return Err(SplitError {
                line: 1,
                message: "the file does not start with front matter",
                hint: "put a line `---` first, then the fields (`title: ...`), then another `---` before the text",
            });
        }
    }
    let yaml_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = yaml_start;
    let mut line_no = 1u32;
    for line in lines {
        line_no += 1;
        if is_fence(line) {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start.min(text.len())..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(SplitError {
        line: 1,
        message: "the front matter is never closed",
        hint: "add a line `---` after the last field, before the Markdown text",
    })
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\n', '\r', ' ', '\t']) == "---"
}

/// Strips a UTF-8 byte-order mark and turns CRLF into LF, keeping line
/// numbers and columns unchanged.
pub fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_the_usual_shapes() {
        let cases: &[(&str, &str, &str, u32)] = &[
            ("---\na: 1\n---\nbody\n", "a: 1\n", "body\n", 4),
            ("---\na: 1\n---\n", "a: 1\n", "", 4),
            ("---\na: 1\n---", "a: 1\n", "", 4),
            ("---\n---\nx", "", "x", 3),
            ("--- \na: 1\n---  \n\nbody", "a: 1\n", "\nbody", 4),
            (
                "---\na: |\n  x\n  ---y\n---\nb",
                "a: |\n  x\n  ---y\n",
                "b",
                6,
            ),
        ];
        for (input, yaml, body, body_line) in cases {
            let s = split(input).unwrap_or_else(|e| panic!("{input:?}: {e:?}"));
            assert_eq!(
                (s.yaml, s.body, s.body_line),
                (*yaml, *body, *body_line),
                "{input:?}"
            );
        }
    }

    #[test]
    fn reports_missing_fences_with_a_hint() {
        for (input, message) in [
            ("title: x\n", "the file does not start with front matter"),
            ("", "the file does not start with front matter"),
            ("---\ntitle: x\nbody", "the front matter is never closed"),
        ] {
            let e = split(input).unwrap_err();
            assert_eq!(e.message, message, "{input:?}");
            assert!(e.hint.contains("---"));
        }
    }

    #[test]
    fn normalizes_bom_and_crlf() {
        assert_eq!(
            normalize("\u{feff}---\r\na: 1\r\n---\r\n"),
            "---\na: 1\n---\n"
        );
    }
}
