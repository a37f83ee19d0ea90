//! Reading raw HTML as a browser would, just enough to rewrite it: a tag
//! with its attributes, the end of an element whose content goes with it,
//! character references. No tree is built: everything here is linear.

/// A start or end tag as written.
pub struct Tag {
    pub name: String,
    pub closing: bool,
    pub self_closing: bool,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    /// Reads the tag `s`, from `<` to its first `>`; `None` when `<`
    /// starts no tag.
    pub fn parse(s: &str) -> Option<Tag> {
        let b = s.as_bytes();
        let mut i = 1;
        let closing = b.get(1) == Some(&b'/');
        if closing {
            i += 1;
        }
        let name_start = i;
        if !b.get(i)?.is_ascii_alphabetic() {
            return None;
        }
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
            i += 1;
        }
        let name = s[name_start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                self_closing = b[i] == b'/';
                i += 1;
            }
            match b.get(i)? {
                b'>' => {
                    return Some(Tag {
                        name,
                        closing,
                        self_closing,
                        attrs,
                    });
                }
                _ => {
                    let (attr, next) = parse_attr(s, i)?;
                    attrs.push(attr);
                    self_closing = false;
                    i = next;
                }
            }
        }
    }
}

/// One attribute starting at byte `i`: its lowercased name and raw value.
fn parse_attr(s: &str, mut i: usize) -> Option<((String, String), usize)> {
    let b = s.as_bytes();
    let start = i;
    while i < b.len() && !b[i].is_ascii_whitespace() && !b"/>=".contains(&b[i]) {
        i += 1;
    }
    let name = s[start..i].to_ascii_lowercase();
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    if b.get(i) != Some(&b'=') {
        return Some(((name, String::new()), i.max(start + 1)));
    }
    i += 1;
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    let value = match b.get(i)? {
        q @ (b'"' | b'\'') => {
            // A quote left open runs to the end of the tag as browsers
            // read it; the value then stops at the `>`.
            let last = b.len() - 1;
            let end = s[i + 1..last].find(*q as char).map_or(last, |e| e + i + 1);
            let v = &s[i + 1..end];
            i = if end == last { last } else { end + 1 };
            v
        }
        _ => {
            let v_start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                i += 1;
            }
            &s[v_start..i]
        }
    };
    Some(((name, value.to_string()), i))
}

/// How many bytes of `s` to skip to get past `</name>` (all of them when
/// it never closes). Case-insensitive without copying `s`.
pub fn skip_content(s: &str, name: &str) -> usize {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(at) = s[from..].find("</").map(|i| from + i) {
        let candidate = &b[at + 2..];
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return s[at..].find('>').map_or(s.len(), |e| at + e + 1);
        }
        from = at + 2;
    }
    s.len()
}

/// Whether `s` starts with a character reference (`&amp;`, `&#64;`).
pub fn is_reference(s: &str) -> bool {
    let Some(end) = s.find(';').filter(|e| *e > 1 && *e <= 32) else {
        return false;
    };
    let body = &s[1..end];
    match body.strip_prefix('#') {
        Some(num) => match num.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()),
        },
        None => body.chars().all(|c| c.is_ascii_alphanumeric()),
    }
}

/// Decodes the character references browsers would decode in a value.
pub fn decode_references(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|e| *e <= 32);
        let decoded = end.and_then(|e| reference(&rest[1..e]).map(|c| (c, e + 1)));
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference(body: &str) -> Option<char> {
    if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(n);
    }
    Some(match body {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "colon" => ':',
        "tab" => '\t',
        "newline" => '\n',
        "commat" => '@',
        _ => return None,
    })
}

/// An attribute value, escaped for a double-quoted attribute.
pub fn escape_attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}
