//! iCalendar text (RFC 5545 §3.1) read into components and properties
//! that remember their line, so every message about an imported file can
//! point at the line to look at.
//!
//! Our own reader rather than the `ical` crate's because that one reports
//! "invalid component" with no line, and a volunteer with a 3,000-line
//! export cannot act on that.

/// One property: `NAME;PARAM=VALUE:value`, unfolded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prop {
    /// Upper case.
    pub name: String,
    /// Parameter names upper case; values without their quotes.
    pub params: Vec<(String, String)>,
    pub value: String,
    /// The line the property starts on (1-based).
    pub line: usize,
}

impl Prop {
    /// A parameter's value, by case-insensitive name.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A `BEGIN:X` … `END:X` block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Component {
    /// Upper case: VCALENDAR, VEVENT, VTIMEZONE, STANDARD…
    pub name: String,
    pub props: Vec<Prop>,
    pub children: Vec<Component>,
    /// The line of its `BEGIN`.
    pub line: usize,
    /// Lines inside it that are not properties: the component is then
    /// refused by name rather than the whole file.
    pub broken: Vec<ParseError>,
}

impl Component {
    /// The first property called `name`.
    pub fn get(&self, name: &str) -> Option<&Prop> {
        self.props.iter().find(|p| p.name == name)
    }

    /// Every property called `name`, in file order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Prop> + 'a {
        self.props.iter().filter(move |p| p.name == name)
    }

    /// A property's value, trimmed.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.get(name).map(|p| p.value.trim())
    }
}

/// Why a file could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
    pub hint: String,
}

/// Logical lines (folding undone) with the line each starts on.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match raw.strip_prefix([' ', '\t']) {
            Some(rest) if !out.is_empty() => {
                if let Some(last) = out.last_mut() {
                    last.1.push_str(rest);
                }
            }
            _ if raw.trim().is_empty() => {}
            _ => out.push((i + 1, raw.to_string())),
        }
    }
    out
}

/// Splits one content line into a property.
fn content_line(line: usize, text: &str) -> Result<Prop, ParseError> {
    let bad = |what: &str| ParseError {
        line,
        message: format!("{what}: `{}`", shorten(text)),
        hint: "each line must be NAME:value or NAME;PARAM=value:value; fix or delete this line"
            .into(),
    };
    let name_end = text.find([';', ':']).ok_or_else(|| bad("not a property"))?;
    let name = text[..name_end].trim().to_ascii_uppercase();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(bad("not a property name"));
    }
    let mut params = Vec::new();
    let mut rest = &text[name_end..];
    while let Some(after) = rest.strip_prefix(';') {
        let eq = after
            .find('=')
            .ok_or_else(|| bad("a parameter without `=`"))?;
        let key = after[..eq].trim().to_ascii_uppercase();
        let (value, tail) =
            param_value(&after[eq + 1..]).ok_or_else(|| bad("an unclosed quote"))?;
        params.push((key, value));
        rest = tail;
    }
    let value = rest
        .strip_prefix(':')
        .ok_or_else(|| bad("no `:` before the value"))?;
    Ok(Prop {
        name,
        params,
        value: value.to_string(),
        line,
    })
}

/// A parameter value (quoted or not, possibly a list) and the text after it.
fn param_value(text: &str) -> Option<(String, &str)> {
    let mut value = String::new();
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' | ':' if !quoted => return Some((value, &text[i..])),
            c => value.push(c),
        }
    }
    None
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// Closes the open component at an `END` line.
fn close(
    stack: &mut Vec<Component>,
    top: &mut Vec<Component>,
    prop: &Prop,
) -> Result<(), ParseError> {
    let line = prop.line;
    let name = prop.value.trim().to_ascii_uppercase();
    let open = stack.pop().ok_or_else(|| ParseError {
        line,
        message: format!("END:{name} without a BEGIN:{name}"),
        hint: "delete this line, or add the missing BEGIN line".into(),
    })?;
    if open.name != name {
        return Err(ParseError {
            line,
            message: format!(
                "END:{name} closes BEGIN:{} of line {}",
                open.name, open.line
            ),
            hint: format!(
                "end the {} with END:{} before this line",
                open.name, open.name
            ),
        });
    }
    match stack.last_mut() {
        Some(parent) => parent.children.push(open),
        None => top.push(open),
    }
    Ok(())
}

/// Reads every top-level component (normally one VCALENDAR).
pub fn parse(text: &str) -> Result<Vec<Component>, ParseError> {
    let mut stack: Vec<Component> = Vec::new();
    let mut top = Vec::new();
    for (line, text) in unfold(text) {
        let prop = match content_line(line, &text) {
            Ok(p) => p,
            Err(e) => match stack.last_mut() {
                Some(c) if c.name != "VCALENDAR" => {
                    c.broken.push(e);
                    continue;
                }
                _ => return Err(e),
            },
        };
        match prop.name.as_str() {
            "BEGIN" => stack.push(Component {
                name: prop.value.trim().to_ascii_uppercase(),
                line,
                ..Component::default()
            }),
            "END" => close(&mut stack, &mut top, &prop)?,
            _ => {
                match stack.last_mut() {
                    Some(c) => c.props.push(prop),
                    None => {
                        return Err(ParseError {
                        line,
                        message: format!("`{}` is outside BEGIN:VCALENDAR … END:VCALENDAR", prop.name),
                        hint: "is this an iCalendar (.ics) file? It must start with BEGIN:VCALENDAR"
                            .into(),
                    });
                    }
                }
            }
        }
    }
    if let Some(open) = stack.last() {
        return Err(ParseError {
            line: open.line,
            message: format!("BEGIN:{} is never closed", open.name),
            hint: format!(
                "the file may be cut short: add END:{} at its end",
                open.name
            ),
        });
    }
    if top.is_empty() {
        return Err(ParseError {
            line: 1,
            message: "no BEGIN:VCALENDAR in the file".into(),
            hint: "export the calendar again as an iCalendar (.ics) file".into(),
        });
    }
    Ok(top)
}

/// Reverses TEXT escaping (`\n`, `\,`, `\;`, `\\`).
pub fn unescape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolds_and_keeps_line_numbers() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Long\r\n  title\r\nDTSTART;TZID=\"America/New_York\":20260105T210000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let cals = parse(text).unwrap();
        let ev = &cals[0].children[0];
        assert_eq!(ev.line, 2);
        assert_eq!(ev.value("SUMMARY"), Some("Long title"));
        let start = ev.get("DTSTART").unwrap();
        assert_eq!(
            (start.line, start.param("tzid")),
            (5, Some("America/New_York"))
        );
    }

    #[test]
    fn quoted_parameters_may_hold_colons_and_semicolons() {
        let p = content_line(
            1,
            "DTSTART;TZID=\"(UTC-05:00) Eastern; US\":20260105T210000",
        )
        .unwrap();
        assert_eq!(p.param("TZID"), Some("(UTC-05:00) Eastern; US"));
        assert_eq!(p.value, "20260105T210000");
    }

    #[test]
    fn errors_name_the_line() {
        let cals =
            parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nno colon here\nEND:VEVENT\nEND:VCALENDAR\n")
                .unwrap();
        assert_eq!(cals[0].children[0].broken[0].line, 3);
        let e = parse("BEGIN:VCALENDAR\nno colon here\nEND:VCALENDAR\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VTODO\nEND:VCALENDAR\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.message.contains("BEGIN:VEVENT of line 2"),
            "{}",
            e.message
        );
        let e = parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn unescapes_text() {
        assert_eq!(unescape_text("a\\,b\\;c\\\\d\\ne"), "a,b;c\\d\ne");
    }
}
