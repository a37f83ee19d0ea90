//! Every front-matter field that pages and feeds publish, for each kind of
//! content, and how it is published. The privacy rules walk these tables
//! rather than naming fields one by one, so no published field goes
//! unchecked; a test holds every field a kind of content reads to being
//! listed here or declared unpublished.

use crate::content::{Call, Coc, FaqSection, Page, Record, SiteConfig};
use std::borrow::Cow;

/// How a field is published, which decides the rule it is held to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// Text shown as written: no personal contact.
    Text,
    /// A link: no personal address anywhere in it, no number in its query
    /// or after a phone link.
    Link,
    /// A person's name: no contact at all, not even a role address.
    Name,
    /// A call's `dial_in`: the bridge's numbers are public, a number after
    /// a person's name is not.
    DialIn,
    /// An address published as the site's: it must be in `public_contacts`.
    Role,
}

/// One published field of one file.
pub struct Field<'a> {
    /// The field as `check` names it (`calendar.organizer` when nested).
    pub name: &'static str,
    pub value: Option<Cow<'a, str>>,
    /// A list's items (empty for a single value): each is checked and
    /// reported on its own line.
    pub items: &'a [String],
    pub how: How,
}

fn field<'a>(name: &'static str, value: Option<&'a str>, how: How) -> Field<'a> {
    Field {
        name,
        value: value.map(Cow::Borrowed),
        items: &[],
        how,
    }
}

/// A list published as one line (`tags`, `decisions`).
fn joined<'a>(name: &'static str, items: &'a [String], sep: &str) -> Field<'a> {
    Field {
        name,
        value: (!items.is_empty()).then(|| Cow::Owned(items.join(sep))),
        items,
        how: How::Text,
    }
}

/// What a call's page, the lists and every feed publish of it.
pub fn call(c: &Call) -> Vec<Field<'_>> {
    vec![
        field("title", Some(&c.title), How::Text),
        field("summary", c.summary.as_deref(), How::Text),
        field("host", c.host.as_deref(), How::Text),
        joined("tags", &c.tags, ", "),
        field("facilitator", c.facilitator.as_deref(), How::Name),
        field(
            "backup_facilitator",
            c.backup_facilitator.as_deref(),
            How::Name,
        ),
        field("tech", c.tech.as_deref(), How::Name),
        field("register", c.register.as_deref(), How::Link),
        field("notes_doc", c.notes_doc.as_deref(), How::Link),
        field("list", c.list.as_deref(), How::Link),
        field("dial_in", c.dial_in.as_deref(), How::DialIn),
    ]
}

/// What /cocs/, a CoC's page and topic pages publish of it.
pub fn coc(c: &Coc) -> Vec<Field<'_>> {
    vec![
        field("name", Some(&c.name), How::Text),
        field("ga", c.ga.as_deref(), How::Text),
        field("city", c.city.as_deref(), How::Text),
        field("region", c.region.as_deref(), How::Text),
        field("country", c.country.as_deref(), How::Text),
        field("contact", c.contact.as_deref(), How::Link),
        field("website", c.website.as_deref(), How::Link),
    ]
}

/// What public minutes or a public agenda publish besides the body.
pub fn record(r: &Record) -> Vec<Field<'_>> {
    vec![
        field("title", r.title.as_deref(), How::Text),
        joined("decisions", &r.decisions, "; "),
        field("recording", r.recording.as_deref(), How::Link),
    ]
}

/// What every page and feed publishes of site.yaml. `requests.email` is
/// held to the role rule by [`super::requests`], with the form's rules.
pub fn site(c: &SiteConfig) -> Vec<Field<'_>> {
    vec![
        field("title", Some(&c.title), How::Text),
        field("tagline", c.tagline.as_deref(), How::Text),
        field("calendar.name", Some(&c.calendar.name), How::Text),
        field(
            "calendar.organizer",
            c.calendar.organizer.as_deref(),
            How::Role,
        ),
        field(
            "requests.repository",
            c.requests.repository.as_deref(),
            How::Link,
        ),
    ]
}

/// A free page's front matter.
pub fn page(p: &Page) -> Vec<Field<'_>> {
    vec![field("title", Some(&p.title), How::Text)]
}

/// An FAQ section's front matter (its questions are checked at their lines).
pub fn faq(s: &FaqSection) -> Vec<Field<'_>> {
    vec![field("title", Some(&s.title), How::Text)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{call, coc, faq, page, record, request};

    /// Fields read but not published as text: ids, dates, numbers, switches
    /// and choices the loader validates, and lists of allowed contacts.
    const UNPUBLISHED: &[&str] = &[
        "id",
        "call",
        "date",
        "start",
        "timezone",
        "duration",
        "repeat",
        "until",
        "count",
        "cancelled",
        "moved",
        "status",
        "emergency",
        "minutes_public",
        "draft",
        "withheld",
        "attendance",
        "approved",
        "order",
        "nav",
        "public_contacts",
        "requested",
        "help_wanted",
        "list_wanted",
    ];

    /// A kind of content, the fields it reads, and those its table holds.
    type Kind<'a> = (&'a str, Vec<&'a [&'a str]>, Vec<&'static str>);

    fn names(fields: Vec<Field>) -> Vec<&'static str> {
        fields.iter().map(|f| f.name).collect()
    }

    /// Every field a kind of content reads is in its table or declared
    /// unpublished, so a new field cannot skip the privacy rules.
    #[test]
    fn every_field_read_is_listed() {
        let site = crate::render::testing::sample_site();
        let kinds: [Kind; 6] = [
            (
                "call",
                vec![call::FIELDS, request::CALL_FIELDS],
                names(super::call(&site.calls[0])),
            ),
            ("coc", vec![coc::FIELDS], names(super::coc(&site.cocs[0]))),
            (
                "minutes",
                vec![record::MINUTES_FIELDS],
                names(record(&site.minutes[0])),
            ),
            (
                "agenda",
                vec![record::AGENDA_FIELDS],
                names(record(&site.minutes[0])),
            ),
            (
                "page",
                vec![page::FIELDS],
                names(super::page(&site.pages[0])),
            ),
            ("faq", vec![faq::FIELDS], names(super::faq(&site.faq[0]))),
        ];
        for (kind, read, published) in kinds {
            for f in read.into_iter().flatten() {
                assert!(
                    published.contains(f) || UNPUBLISHED.contains(f),
                    "{kind}: `{f}` is read but neither in its table nor in UNPUBLISHED"
                );
            }
        }
    }
}
