//! The iCalendar wire format, exact where generic generators are sloppy:
//! CRLF everywhere, folding at 75 octets that never splits a UTF-8 sequence
//! or an escape and never leaves a line ending in a space (parsers that
//! trim lines would eat it), TEXT escaping, and quoted parameter values.

/// Builds iCalendar text line by line.
#[derive(Default)]
pub struct IcsWriter {
    out: String,
}

impl IcsWriter {
    /// A property whose value is written as given (dates, URIs, rules).
    pub fn raw(&mut self, name: &str, value: &str) {
        let mut line = String::with_capacity(name.len() + value.len() + 1);
        line.push_str(name);
        line.push(':');
        line.push_str(value);
        fold_into(&line, &mut self.out);
    }

    /// A TEXT property, escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape_text(value));
    }

    /// Text already folded (a VTIMEZONE computed once for many feeds).
    pub fn push_folded(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// The finished text; every line ends in CRLF.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Escapes a TEXT value: `\\`, `\;`, `\,`, newlines as `\n`; other control
/// characters are dropped (a tab becomes a space).
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value: quoted when it holds `:`, `;` or `,`; a double quote
/// cannot appear in one at all and is dropped, as are control characters.
pub fn param_value(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// Folds one logical line into physical lines of at most 75 octets.
pub fn fold_into(line: &str, out: &mut String) {
    const LIMIT: usize = 75;
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut first = true;
    while start < bytes.len() {
        // A continuation line spends one octet on its leading space.
        let room = if first { LIMIT } else { LIMIT - 1 };
        let mut end = (start + room).min(bytes.len());
        if end < bytes.len() {
            end = safe_break(line, start, end);
        }
        if !first {
            out.push(' ');
        }
        out.push_str(&line[start..end]);
        out.push_str("\r\n");
        start = end;
        first = false;
    }
    if bytes.is_empty() {
        out.push_str("\r\n");
    }
}

/// The last break point at or before `end` that is a char boundary, does
/// not split `\x`, and does not leave the line ending in a space.
fn safe_break(line: &str, start: usize, end: usize) -> usize {
    let bytes = line.as_bytes();
    let ok = |at: usize| {
        if !line.is_char_boundary(at) || at <= start {
            return false;
        }
        let before = bytes[at - 1];
        if before == b' ' || before == b'\t' {
            return false;
        }
        // An odd run of backslashes before `at` means the last one escapes
        // the character at `at`.
        let run = bytes[start..at]
            .iter()
            .rev()
            .take_while(|b| **b == b'\\')
            .count();
        run % 2 == 0
    };
    let mut at = end;
    // Prefer a clean break within a few octets; otherwise any boundary.
    while at > start + 1 && !ok(at) && end - at < 16 {
        at -= 1;
    }
    if ok(at) {
        return at;
    }
    let mut at = end;
    while !line.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn escapes_text_and_drops_control_characters() {
        assert_eq!(
            escape_text("a,b;c\\d\ne\r\nf\u{7}g\th"),
            "a\\,b\\;c\\\\d\\ne\\nfg h"
        );
    }

    #[test]
    fn quotes_parameter_values_instead_of_escaping() {
        assert_eq!(param_value("InterOccupy"), "InterOccupy");
        assert_eq!(
            param_value("Calls: \"all\", of them"),
            "\"Calls: all, of them\""
        );
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters_escapes_or_spaces() {
        let samples = [
            format!("SUMMARY:{}", "é".repeat(80)),
            format!("SUMMARY:{}", "🎉a".repeat(40)),
            format!("DESCRIPTION:{}", "a\\,".repeat(60)),
            format!("DESCRIPTION:{}", "word ".repeat(40).trim_end()),
            "X:short".to_string(),
        ];
        for line in samples {
            let mut out = String::new();
            fold_into(&line, &mut out);
            assert!(out.ends_with("\r\n"));
            for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
                assert!(
                    physical.len() <= 75,
                    "{} octets: {physical:?}",
                    physical.len()
                );
                assert!(!physical.ends_with(' '), "ends in a space: {physical:?}");
                let body = physical.strip_prefix(' ').unwrap_or(physical);
                let trailing = body.bytes().rev().take_while(|b| *b == b'\\').count();
                assert!(
                    trailing % 2 == 0 || out.ends_with(&format!("{physical}\r\n")),
                    "split escape: {physical:?}"
                );
            }
            assert_eq!(unfold(&out), format!("{line}\r\n"));
        }
    }
}
