//! The placeholders `callsite new` writes into a stub, in one place: the
//! stubs are written from them and `check` refuses a file that still holds
//! one, so an unedited stub never reaches the home page or a feed.

/// A call's one-line summary.
pub const SUMMARY: &str = "One line for lists and feeds";
/// A person's name (facilitator, backup facilitator, tech supporter).
pub const NAME: &str = "Name";
/// A call's description.
pub const CALL_BODY: &str = "What the call is for, who should join, and how it runs.";
/// A CoC's name.
pub const COC_NAME: &str = "Name of the CoC";
/// A CoC's General Assembly.
pub const COC_GA: &str = "Name of its General Assembly";
/// A CoC's city.
pub const CITY: &str = "City";
/// A CoC's description.
pub const COC_BODY: &str = "One or two sentences about the committee.";
/// A free page's text.
pub const PAGE_BODY: &str = "The text of the page, in Markdown.";

const ALL: &[&str] = &[
    SUMMARY, NAME, CALL_BODY, COC_NAME, COC_GA, CITY, COC_BODY, PAGE_BODY,
];

/// Whether `text` is still a placeholder of a stub.
pub fn is_placeholder(text: &str) -> bool {
    ALL.contains(&text.trim())
}

/// Whether Markdown minutes are still the outline `callsite new minutes`
/// wrote: headings and nothing under them.
pub fn is_empty_outline(body: &str) -> bool {
    let mut lines = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    lines.peek().is_some() && lines.all(|l| l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stubs_are_recognised_and_real_text_is_not() {
        assert!(is_placeholder(" Name "));
        assert!(is_placeholder(CALL_BODY));
        assert!(!is_placeholder("Sam"));
        assert!(is_empty_outline("## Check-in\n\n\n## Next steps\n\n"));
        assert!(!is_empty_outline("## Check-in\n\nTwelve callers.\n"));
        assert!(!is_empty_outline(""));
    }
}
