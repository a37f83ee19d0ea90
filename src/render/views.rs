//! What templates receive: small serializable views built from the model,
//! never the model itself, so a theme cannot reach a withheld body and a
//! page's context holds only what the page shows.

use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Rendered HTML of a body, shared with the body cache. It is hashed by
/// the key of what it was rendered from (when there is one), so a page's
/// cache key covers the body without hashing every byte of it again.
#[derive(Clone, Debug, Default)]
pub struct Html {
    pub text: Arc<str>,
    /// The body's cache key; 0 without a cache.
    pub key: u64,
}

impl Serialize for Html {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl Hash for Html {
    fn hash<H: Hasher>(&self, state: &mut H) {
        if self.key == 0 {
            self.text.hash(state);
        } else {
            self.key.hash(state);
        }
    }
}

/// A meeting in a list: its entry as the theme's `occurrence.html` makes
/// it, rendered once per build and placed by every list that shows the
/// meeting (`{{ o.html }}`). The HTML is held as a Tera string marked
/// safe, which Tera clones (a pointer) when it converts a page's view
/// and prints unescaped: no copy of the entry per page that lists it, and
/// no `safe` filter call per entry (themes that still write one lose
/// nothing).
#[derive(Clone, Debug)]
pub struct Listed {
    html: tera::Value,
}

impl Listed {
    /// The entry whose HTML is `html`.
    pub fn new(html: &str) -> Listed {
        Listed {
            html: tera::Value::safe_string(html),
        }
    }

    /// The entry's HTML.
    pub fn html(&self) -> &str {
        self.html.as_str().unwrap_or_default()
    }
}

impl Serialize for Listed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Listed", 1)?;
        st.serialize_field("html", &self.html)?;
        st.end()
    }
}

impl Hash for Listed {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.html().hash(state);
    }
}

/// Site-wide values every page gets as `site`.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct SiteView {
    pub title: String,
    pub tagline: Option<String>,
    pub language: String,
    /// Absolute, ending in `/`.
    pub base_url: String,
    /// Root-relative prefix of every internal link (`/` or `/sub/`).
    pub base_path: String,
    pub nav: Vec<Link>,
    pub calendar_name: String,
    pub ics_url: String,
    pub webcal_url: String,
    pub feed_url: String,
    pub now: String,
}

/// A labelled link.
#[derive(Clone, Debug, Serialize, Hash, PartialEq, Eq)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// One meeting of a call, as lists and grids show it.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct OccurrenceView<'a> {
    pub call_id: &'a str,
    pub call_title: &'a str,
    /// The site's own link, or an absolute URL in a widget.
    pub call_url: Cow<'a, str>,
    /// Local date of the meeting, `YYYY-MM-DD`.
    pub date: String,
    pub day_label: String,
    /// "9:00 PM EST".
    pub time: String,
    pub end_time: String,
    /// RFC 3339 with the offset, for `<time datetime>`.
    pub datetime: String,
    pub status: &'static str,
    pub cancelled: bool,
    pub moved: bool,
    /// "Moved from Wednesday 2 December 2026".
    pub moved_from: Option<String>,
    pub emergency: bool,
    /// The call is requested and not yet confirmed by the protocol.
    pub requested: bool,
    pub agenda_url: Option<String>,
    pub minutes_url: Option<String>,
    pub minutes_withheld: bool,
    /// The call's topics as slugs, for filtering a calendar in the browser.
    pub tags: &'a [&'a str],
    /// The same slugs separated by spaces, as an attribute takes them.
    pub tag_list: &'a str,
}

/// Occurrences of one day.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct DayView {
    pub date: String,
    pub label: String,
    pub occurrences: Vec<Listed>,
}

/// Subscribe links for a feed.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct SubscribeView {
    pub https: String,
    pub webcal: String,
    /// "Add to Google Calendar" for a one-off call.
    pub google: Option<String>,
}

/// A call, on its page and in the list of calls.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct CallView<'a> {
    pub id: String,
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
    pub host: Option<Link>,
    pub host_text: Option<String>,
    pub schedule: String,
    pub duration: String,
    pub status: &'static str,
    pub emergency: bool,
    pub facilitator: Option<String>,
    pub backup_facilitator: Option<String>,
    pub tech: Option<String>,
    pub register: Option<String>,
    pub dial_in: Option<String>,
    /// `dial_in` as HTML, its numbers as `tel:` links.
    pub dial_in_html: Option<String>,
    pub notes_doc: Option<String>,
    pub list: Option<String>,
    pub tags: Vec<String>,
    /// Each tag with its topic page.
    pub topics: Vec<Link>,
    pub minutes_public: bool,
    pub body_html: Html,
    pub next: Option<OccurrenceView<'a>>,
    pub upcoming: Vec<Listed>,
    pub past: Vec<Listed>,
    /// Earlier meetings without records are not in `past`.
    pub past_more: bool,
    pub subscribe: SubscribeView,
}

/// A minutes or agenda entry in lists.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct RecordItem {
    pub title: String,
    pub call_title: String,
    pub call_url: String,
    pub date: String,
    pub date_label: String,
    /// `None` for withheld minutes, which have no page.
    pub url: Option<String>,
    pub withheld: bool,
    pub summary: String,
}

/// A decision with where it was taken.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct DecisionView {
    pub text: String,
    pub date: String,
    pub date_label: String,
    pub call_title: String,
    pub url: String,
}

/// One minutes or agenda page.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct RecordView {
    pub kind: &'static str,
    pub title: String,
    pub call_title: String,
    pub call_url: String,
    pub date: String,
    pub date_label: String,
    pub datetime: Option<String>,
    pub time: Option<String>,
    pub attendance: Option<u32>,
    pub recording: Option<String>,
    pub recording_expired: bool,
    pub decisions: Vec<DecisionView>,
    pub body_html: Html,
    pub agenda_url: Option<String>,
    pub minutes_url: Option<String>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

/// Page numbers of a paginated list.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<Link>,
}

/// One question of the FAQ.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct QuestionView {
    pub question: String,
    pub anchor: String,
    pub answer_html: Html,
}

/// A section of the FAQ.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct FaqSectionView {
    pub title: String,
    pub anchor: String,
    pub intro_html: Html,
    pub questions: Vec<QuestionView>,
}

/// A Committee of Correspondence.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct CocView {
    pub id: String,
    /// The CoC's own page, with the calls it hosts.
    pub url: String,
    pub name: String,
    pub ga: Option<String>,
    pub city: Option<String>,
    pub approved: Option<String>,
    pub contact: Option<String>,
    pub website: Option<String>,
    pub active: bool,
    pub body_html: Html,
}

/// CoCs of one region.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct RegionView {
    pub name: String,
    pub count: usize,
    pub cocs: Vec<CocView>,
}

/// CoCs of one country.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct CountryView {
    pub code: String,
    pub name: String,
    pub anchor: String,
    pub count: usize,
    pub active: usize,
    pub regions: Vec<RegionView>,
}

/// A day cell of a month grid.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct DayCell {
    pub day: Option<u32>,
    pub date: String,
    pub label: String,
    pub occurrences: Vec<Listed>,
}

/// A month grid.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct MonthView {
    pub slug: String,
    pub label: String,
    pub previous: Option<Link>,
    pub next: Option<Link>,
    /// Every meeting of the month, once: the style sheet shows the grid
    /// as a list of days on narrow screens.
    pub weeks: Vec<Vec<DayCell>>,
    /// How many meetings the month holds.
    pub meetings: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_prints_as_written_with_or_without_the_safe_filter() {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_template(
            "list.html",
            "{% for o in list %}{{ o.html }}|{{ o.html | safe }}{% endfor %}",
        )
        .unwrap();
        let entry = Listed::new("<li class=\"occurrence\">Q&amp;A</li>");
        let mut context = tera::Context::new();
        context.insert("list", &vec![entry.clone(), entry]);
        let html = tera.render("list.html", &context).unwrap();
        let one = "<li class=\"occurrence\">Q&amp;A</li>";
        assert_eq!(html, format!("{one}|{one}{one}|{one}"));
    }
}
