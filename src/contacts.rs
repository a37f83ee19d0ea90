//! Finding personal contacts (email addresses and phone numbers) in text,
//! however they are written: plainly, as HTML character references
//! (`jo&#64;example.org`), percent-encoded in a link (`jo%40example.org`),
//! or as a phone link (`tel:`, `sms:`, `https://wa.me/…`).
//!
//! This is the one scanner the privacy rules use for every published field
//! and body, and the one the renderer uses to redact, so what `check`
//! reports and what the site hides cannot drift apart.

/// What a personal contact is replaced with on the site.
pub const REDACTED: &str = "[contact withheld]";

/// What kind of contact was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactKind {
    Email,
    Phone,
}

/// A contact found in a text, at its 1-based character column in the text
/// as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub column: u32,
    /// How many characters it spans in the text as written.
    pub width: u32,
    /// The contact, decoded (`jo@example.org`, `+1 555 0100`).
    pub text: String,
    pub kind: ContactKind,
}

impl Found {
    /// "an email address" or "a phone number", for messages.
    pub fn what(&self) -> &'static str {
        match self.kind {
            ContactKind::Email => "an email address",
            ContactKind::Phone => "a phone number",
        }
    }

    /// The form two spellings of one contact share: a lowercased address,
    /// or the digits of a number.
    pub fn key(&self) -> String {
        contact_key(&self.text)
    }
}

/// The comparable form of a contact as written in a list such as
/// `public_contacts`: `mailto:` dropped and lowercased for addresses, the
/// digits alone for numbers.
pub fn contact_key(text: &str) -> String {
    let text = text.trim();
    let lower = text.to_lowercase();
    let lower = lower
        .strip_prefix("mailto:")
        .or_else(|| lower.strip_prefix("tel:"))
        .unwrap_or(&lower);
    if lower.contains('@') {
        lower.to_string()
    } else {
        lower.chars().filter(char::is_ascii_digit).collect()
    }
}

/// Text with character references and percent-escapes decoded, and for
/// each decoded character the index of the character it came from.
struct Decoded {
    chars: Vec<char>,
    origin: Vec<usize>,
    /// Characters in the original text.
    len: usize,
}

impl Decoded {
    fn new(text: &str) -> Decoded {
        let src: Vec<char> = text.chars().collect();
        let mut chars = Vec::with_capacity(src.len());
        let mut origin = Vec::with_capacity(src.len());
        let mut i = 0;
        while i < src.len() {
            let (c, used) = match src[i] {
                '&' => char_reference(&src[i..]).unwrap_or(('&', 1)),
                '%' => percent_escape(&src[i..]).unwrap_or(('%', 1)),
                c => (c, 1),
            };
            chars.push(c);
            origin.push(i);
            i += used;
        }
        Decoded {
            chars,
            origin,
            len: src.len(),
        }
    }

    /// Maps a span of decoded characters back to (column, width).
    fn span(&self, start: usize, end: usize) -> (u32, u32) {
        let from = self.origin[start];
        let to = self.origin.get(end).copied().unwrap_or(self.len);
        (from as u32 + 1, (to - from) as u32)
    }
}

/// `&#64;`, `&#x40;` and the named references that spell contacts.
fn char_reference(s: &[char]) -> Option<(char, usize)> {
    let end = s.iter().take(12).position(|c| *c == ';')?;
    let body: String = s[1..end].iter().collect();
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(n)?
    } else {
        match body.as_str() {
            "commat" => '@',
            "period" => '.',
            "plus" => '+',
            "lpar" => '(',
            "rpar" => ')',
            "hyphen" | "dash" => '-',
            "nbsp" => ' ',
            "amp" => '&',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

/// `%40` and its kin, as links carry them.
fn percent_escape(s: &[char]) -> Option<(char, usize)> {
    let hex: String = s.get(1..3)?.iter().collect();
    let byte = u8::from_str_radix(&hex, 16).ok()?;
    byte.is_ascii().then_some((byte as char, 3))
}

/// Every contact in `text`, in order of column.
pub fn find(text: &str) -> Vec<Found> {
    // Cheap tests first, in one pass over the bytes: most lines of minutes
    // have no `@` (nor `&` or `%`, which may encode one) and too few digits
    // for a number.
    // (Two passes the compiler and memchr vectorise: one branchy pass
    // cost more.)
    let maybe_email = memchr::memchr3(b'@', b'&', b'%', text.as_bytes()).is_some();
    if !maybe_email && digits(text) < 7 {
        return Vec::new();
    }
    let decoded = Decoded::new(text);
    let mut found = find_emails(&decoded);
    found.extend(find_phones(&decoded));
    found.sort_by_key(|f| f.column);
    found
}

/// How many ASCII digits `text` has, written so the compiler vectorises
/// it: every line of every published body is counted.
fn digits(text: &str) -> usize {
    // Counted a byte wide, 255 bytes at a time, so one SIMD lane holds a
    // count without widening.
    (text.as_bytes().chunks(255))
        .map(|chunk| {
            let n: u8 = chunk
                .iter()
                .map(|b| u8::from(b.wrapping_sub(b'0') < 10))
                .sum();
            usize::from(n)
        })
        .sum()
}

fn find_emails(d: &Decoded) -> Vec<Found> {
    let chars = &d.chars;
    let local_char = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let domain_char = |c: char| c.is_alphanumeric() || c == '.' || c == '-';
    let mut out = Vec::new();
    for (at, _) in chars.iter().enumerate().filter(|(_, c)| **c == '@') {
        let mut start = at;
        while start > 0 && local_char(chars[start - 1]) {
            start -= 1;
        }
        // Punctuation before an address (`--kim@…`, `.kim@…`) is prose.
        while start < at && "._%+-".contains(chars[start]) {
            start += 1;
        }
        let mut end = at + 1;
        while end < chars.len() && domain_char(chars[end]) {
            end += 1;
        }
        while end > at + 1 && matches!(chars[end - 1], '.' | '-') {
            end -= 1;
        }
        let domain: String = chars[at + 1..end].iter().collect();
        let tld_ok = domain
            .rsplit('.')
            .next()
            .is_some_and(|t| t.len() >= 2 && t.chars().all(char::is_alphabetic));
        if start < at && domain.contains('.') && tld_ok {
            let (column, width) = d.span(start, end);
            out.push(Found {
                column,
                width,
                text: chars[start..end].iter().collect(),
                kind: ContactKind::Email,
            });
        }
    }
    out
}

/// Phone numbers: 7 to 15 digits written as a number is (`+1 555 0100`,
/// `(555) 123-4567`, `555-123-4567`, `030/1234567`, `tel:+15550100`), not
/// dates, times, counts or parts of web addresses.
fn find_phones(d: &Decoded) -> Vec<Found> {
    let chars = &d.chars;
    let urls = url_spans(chars);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let in_url = urls.iter().any(|(a, b)| i >= *a && i < *b);
        if !may_start_number(chars, i) || (in_url && !ends_with_any(&chars[..i], PHONE_LINKS)) {
            i += 1;
            continue;
        }
        let j = number_end(chars, i);
        let run: String = chars[i..j].iter().collect();
        let mut run = run.trim_end_matches([' ', '-', '.', '(', '/']);
        // A closing parenthesis belongs to the number only if it opened one.
        while run.ends_with(')') && run.matches(')').count() > run.matches('(').count() {
            run = run[..run.len() - 1].trim_end_matches([' ', '-', '.', '/']);
        }
        let len = run.chars().count();
        // "21:00" right after the digits: a date and time, not a number.
        let then_time = chars.get(i + len) == Some(&':');
        if looks_like_phone(run) && !then_time {
            let (column, width) = d.span(i, i + len);
            out.push(Found {
                column,
                width,
                text: run.to_string(),
                kind: ContactKind::Phone,
            });
        }
        i = j.max(i + 1);
    }
    out
}

/// The ends of links that dial or message the number after them: what
/// follows one is a phone number however it is written, even inside a web
/// address (`https://wa.me/15550100199`).
const PHONE_LINKS: &[&str] = &[
    "tel:",
    "sms:",
    "smsto:",
    "mms:",
    "callto:",
    "facetime:",
    "facetime-audio:",
    "skype:",
    "wa.me/",
    "send?phone=",
    "viber://chat?number=",
    "signal.me/#p/",
];

/// Whether `before` ends with one of `links`, case aside.
fn ends_with_any(before: &[char], links: &[&str]) -> bool {
    links.iter().any(|link| {
        let n = link.chars().count();
        before.len() >= n
            && before[before.len() - n..]
                .iter()
                .collect::<String>()
                .eq_ignore_ascii_case(link)
    })
}

/// `before` without a link it ends with (`… Jo on tel:`, `… Jo on
/// https://wa.me/`): the words before a contact are then the prose that
/// introduces it, whatever scheme it was written with.
pub fn without_link(before: &str) -> &str {
    let chars: Vec<char> = before.chars().collect();
    if !ends_with_any(&chars, PHONE_LINKS) && !ends_with_any(&chars, &["mailto:"]) {
        return before;
    }
    let start = before
        .rfind(|c: char| c.is_whitespace() || "(<[\"'".contains(c))
        .map_or(0, |i| i + 1);
    before[..start].trim_end_matches(['(', '<', '[', '"', '\''])
}

/// A number starts with a digit, `+` or `(` that does not continue a word,
/// a path or a query; a phone link (`tel:`, `wa.me/`) is the exception.
fn may_start_number(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if !(c.is_ascii_digit() || c == '+' || c == '(') {
        return false;
    }
    if i == 0 {
        return true;
    }
    let prev = chars[i - 1];
    ends_with_any(&chars[..i], PHONE_LINKS)
        || !(prev.is_alphanumeric() || "/=?&#_.:-+@".contains(prev))
}

/// Where the run of digits and separators starting at `i` ends.
fn number_end(chars: &[char], i: usize) -> usize {
    let mut j = i + 1;
    while j < chars.len() {
        let d = chars[j];
        let next_starts_number = chars
            .get(j + 1)
            .is_some_and(|n| n.is_ascii_digit() || *n == '(');
        if d.is_ascii_digit() || d == ')' || ("()-./ ".contains(d) && next_starts_number) {
            j += 1;
        } else {
            break;
        }
    }
    j
}

/// Whether a run of digits and separators is written like a phone number.
fn looks_like_phone(run: &str) -> bool {
    let groups: Vec<&str> = run
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    if !(7..=15).contains(&digits) || groups.is_empty() {
        return false;
    }
    let sizes: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let date_like = sizes.len() >= 3
        && ((sizes[0] == 4 && sizes[1] <= 2 && sizes[2] <= 2)
            || (run.contains('/') && sizes[0] <= 2 && sizes[1] <= 2 && sizes[2] >= 2));
    let version_like = run.contains('.') && sizes.iter().all(|s| *s <= 3) && !run.contains(' ');
    // A trunk prefix (`030 1234567`) or a local number (`555-0100`).
    let two_groups = sizes.len() == 2
        && ((groups[0].starts_with('0') && digits >= 8) || (sizes == [3, 4] && run.contains('-')));
    let shaped = run.starts_with('+')
        || run.contains('(')
        || sizes.len() >= 3
        || two_groups
        || (sizes.len() == 1 && digits >= 10);
    shaped && !date_like && !version_like
}

fn url_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let text: String = chars.iter().collect();
    let mut spans = Vec::new();
    for (byte, _) in text.match_indices("://").chain(text.match_indices("www.")) {
        let at = text[..byte].chars().count();
        let mut start = at;
        while start > 0 && !chars[start - 1].is_whitespace() && !"(<".contains(chars[start - 1]) {
            start -= 1;
        }
        let mut end = at;
        while end < chars.len() && !chars[end].is_whitespace() && !")>".contains(chars[end]) {
            end += 1;
        }
        spans.push((start, end));
    }
    spans
}

/// The `tel:` URI of a phone number (RFC 3966): `+` and the digits, so a
/// phone dials it with one tap.
pub fn tel_uri(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if number.trim_start().starts_with("tel:+") || number.trim_start().starts_with('+') {
        format!("tel:+{digits}")
    } else {
        format!("tel:{digits}")
    }
}

/// Contacts in a link a field publishes (a registration or notes page, a
/// list): addresses anywhere in it, numbers in its query or fragment or
/// after a phone link (`https://wa.me/…`). A
/// `mailto:` link's own address is the list's and is not reported.
pub fn find_in_url(url: &str) -> Vec<Found> {
    let lower = url.to_ascii_lowercase();
    let (skip, rest) = match lower.strip_prefix("mailto:") {
        Some(_) => {
            let end = url.find(['?', '#']).unwrap_or(url.len());
            (end, &url[end..])
        }
        None => (0, url),
    };
    let mut found: Vec<Found> = find(rest)
        .into_iter()
        .filter(|f| f.kind == ContactKind::Email)
        .collect();
    // A phone link's number (`https://wa.me/…`, `tel:…`) wherever it is.
    let chars: Vec<char> = rest.chars().collect();
    found.extend(find(rest).into_iter().filter(|f| {
        let at = (f.column as usize - 1).min(chars.len());
        f.kind == ContactKind::Phone && ends_with_any(&chars[..at], PHONE_LINKS)
    }));
    if let Some(q) = rest.find(['?', '#']) {
        for value in rest[q + 1..].split(['&', '=', '#', ';']) {
            let decoded = Decoded::new(value);
            found.extend(
                find_phones(&decoded)
                    .into_iter()
                    .filter(|f| f.text.starts_with('+') || f.text.contains([' ', '-', '('])),
            );
        }
    }
    let offset = url[..skip].chars().count() as u32;
    for f in &mut found {
        f.column += offset;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        find(text).into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn finds_addresses_however_written() {
        assert_eq!(
            texts("write to jo.smith+x@mail.example.com."),
            ["jo.smith+x@mail.example.com"]
        );
        assert_eq!(texts("<mailto:info@example.org>"), ["info@example.org"]);
        assert_eq!(texts("jo&#64;example.org"), ["jo@example.org"]);
        assert_eq!(texts("jo&#x40;example.org"), ["jo@example.org"]);
        assert_eq!(texts("jo&commat;example.org"), ["jo@example.org"]);
        assert_eq!(texts("?email=jo%40example.org"), ["jo@example.org"]);
        assert!(find("@InterOcc on twitter, a @ b, x@localhost").is_empty());
    }

    #[test]
    fn a_link_before_a_contact_is_not_the_word_before_it() {
        assert_eq!(without_link("or Jo on tel:"), "or Jo on ");
        assert_eq!(without_link("or Jo on https://wa.me/"), "or Jo on ");
        assert_eq!(without_link("Jo: <SMS:"), "Jo: ");
        assert_eq!(without_link("Jo: mailto:"), "Jo: ");
        assert_eq!(without_link("or Jo on "), "or Jo on ");
        assert_eq!(without_link("tel:"), "");
    }

    #[test]
    fn columns_and_widths_are_in_the_text_as_written() {
        let f = &find("Mail jo&#64;example.org now")[0];
        assert_eq!((f.column, f.width), (6, 18));
        let f = &find("é x@example.org")[0];
        assert_eq!((f.column, f.width), (3, 13));
    }

    #[test]
    fn finds_phone_numbers_not_dates_or_counts() {
        for phone in [
            "+1 555 0100",
            "(555) 123-4567",
            "555-123-4567",
            "call 555.123.4567 now",
            "+49 30 1234567",
            "5551234567",
            "dial_in tel:+15550100199",
            "or Jo on 030/1234567",
            "Jo: 030 1234567",
            "555-0100",
            "+1&#32;555&#32;0100",
            "or Jo on sms:+15558675309",
            "Jo on callto:+15558675309",
            "Jo on https://wa.me/15558675309",
            "whatsapp://send?phone=15558675309",
        ] {
            assert_eq!(find(phone).len(), 1, "{phone}: {:?}", find(phone));
        }
        for not_phone in [
            "2026-11-24",
            "met 2026-11-24 21:00",
            "on 11/24/2026",
            "2011-2012",
            "1,800 of 4500 callers",
            "45 people, 12 new",
            "https://example.org/register/5551234567",
            "see www.example.org/555-123-4567",
            "version 1.2.3",
            "9:00 PM EST",
        ] {
            assert!(
                find(not_phone).is_empty(),
                "{not_phone}: {:?}",
                find(not_phone)
            );
        }
    }

    #[test]
    fn links_carry_contacts_in_their_query() {
        let emails =
            |u: &str| -> Vec<String> { find_in_url(u).into_iter().map(|f| f.text).collect() };
        assert_eq!(
            emails("https://example.org/r?email=jo%40mail.example.com"),
            ["jo@mail.example.com"]
        );
        assert_eq!(
            emails("https://example.org/r?phone=%2B1%20555%20010%200199"),
            ["+1 555 010 0199"]
        );
        assert!(find_in_url("https://example.org/register/5551234567?id=1234567890").is_empty());
        assert!(find_in_url("mailto:caravan@lists.example.org").is_empty());
        assert_eq!(emails("https://wa.me/15558675309"), ["15558675309"]);
        assert_eq!(
            emails("https://api.whatsapp.com/send?phone=15558675309"),
            ["15558675309"]
        );
        assert_eq!(
            emails("mailto:caravan@lists.example.org?cc=jo@mail.example.com"),
            ["jo@mail.example.com"]
        );
    }

    #[test]
    fn keys_compare_spellings() {
        assert_eq!(contact_key("mailto:Info@Example.org"), "info@example.org");
        assert_eq!(contact_key("+1 (555) 010-0199"), "15550100199");
    }
}
