//! Where everything lives and what it is called, decided once.
//!
//! Routes are site-relative (`calls/caravan/`, `calls/caravan.ics`): the
//! renderer puts the base path in front and the writer turns a route into
//! an output path, so no page, feed, sitemap or search index builds a URL
//! of its own. A withheld record has no route: nothing can link to it.

use super::Site;
use crate::content::{Record, RecordKind};
use chrono::NaiveDate;

/// A call's page.
pub fn call(id: &str) -> String {
    ["calls/", id, "/"].concat()
}

/// A call's own feed.
pub fn call_feed(id: &str) -> String {
    ["calls/", id, ".ics"].concat()
}

/// The page of a call's minutes or agenda for one date.
pub fn record(kind: RecordKind, call: &str, date: NaiveDate) -> String {
    let folder = match kind {
        RecordKind::Minutes => "minutes",
        RecordKind::Agenda => "agendas",
    };
    let mut route = String::with_capacity(folder.len() + call.len() + 13);
    route.push_str(folder);
    route.push('/');
    route.push_str(call);
    route.push('/');
    crate::time::push_iso_date(&mut route, date);
    route.push('/');
    route
}

/// A free page.
pub fn page(id: &str) -> String {
    [id, "/"].concat()
}

/// A CoC's page: what it is and the calls it hosts.
pub fn coc(id: &str) -> String {
    ["cocs/", id, "/"].concat()
}

/// The feed of the calls a CoC hosts: a subset of `/calendar.ics`.
pub fn coc_feed(id: &str) -> String {
    ["cocs/", id, ".ics"].concat()
}

/// The list of topics (tags).
pub const TAGS: &str = "tags/";

/// A topic's page, by the tag's slug (see [`crate::model::topics`]).
pub fn tag(slug: &str) -> String {
    ["tags/", slug, "/"].concat()
}

/// The feed of a topic's calls: a subset of `/calendar.ics`.
pub fn tag_feed(slug: &str) -> String {
    ["tags/", slug, ".ics"].concat()
}

/// The call request form.
pub const REQUEST: &str = "request/";

/// The list of weekly announcements.
pub const ANNOUNCEMENTS: &str = "announcements/";

/// The Atom feed of weekly announcements, for RSS-to-email services.
pub const ANNOUNCEMENTS_FEED: &str = "announcements/feed.xml";

/// The announcement of one ISO week (`announcements/2026-W49/`).
pub fn announcement(week: chrono::IsoWeek) -> String {
    format!("announcements/{}-W{:02}/", week.year(), week.week())
}

/// Upcoming meetings as JSON, for other sites and bots.
pub const CALENDAR_JSON: &str = "calendar.json";

/// What an embeddable widget shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Embed<'a> {
    /// Every call.
    All,
    Tag(&'a str),
    Coc(&'a str),
    Call(&'a str),
}

/// The embeddable widget of upcoming meetings, for an iframe.
pub fn embed(what: Embed) -> String {
    match what {
        Embed::All => "embed/upcoming/".to_string(),
        Embed::Tag(slug) => ["embed/tags/", slug, "/"].concat(),
        Embed::Coc(id) => ["embed/cocs/", id, "/"].concat(),
        Embed::Call(id) => ["embed/calls/", id, "/"].concat(),
    }
}

/// An FAQ section, on the FAQ page.
pub fn faq_section(id: &str) -> String {
    ["faq/#", id].concat()
}

/// The anchor of a question of the FAQ: stable while the question's words
/// are.
pub fn question_anchor(section: &str, question: &str) -> String {
    format!("{section}-{}", crate::markdown::slug(question))
}

/// A question of the FAQ.
pub fn faq_question(section: &str, question: &str) -> String {
    format!("faq/#{}", question_anchor(section, question))
}

/// Page `n` of the minutes archive (1 is the archive itself).
pub fn minutes_page(n: usize) -> String {
    if n == 1 {
        "minutes/".to_string()
    } else {
        format!("minutes/page/{n}/")
    }
}

/// The minutes of one year.
pub fn minutes_year(year: i32) -> String {
    format!("minutes/{year}/")
}

/// The month grid of the calendar.
pub fn month(year: i32, month: u32) -> String {
    format!("calendar/{year:04}-{month:02}/")
}

/// The file a route is written to: `x/` is `x/index.html`.
pub fn output_path(route: &str) -> String {
    if route.is_empty() || route.ends_with('/') {
        format!("{route}index.html")
    } else {
        route.to_string()
    }
}

impl Site {
    /// A record's page, or `None` for withheld minutes, which have none.
    pub fn record_route(&self, r: &Record) -> Option<String> {
        self.is_public(r).then(|| record(r.kind, &r.call, r.date))
    }

    /// The title of a call, or its id when the call is unknown.
    pub fn call_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.call(id).map_or(id, |c| c.title.as_str())
    }

    /// A record's title: its own, or "<call title>, <date>". Withheld
    /// minutes show only their call and date, since a title can say as much
    /// as the notes (the model has dropped theirs).
    pub fn title_of(&self, r: &Record) -> String {
        match &r.title {
            Some(t) => t.clone(),
            None => [
                self.call_title(&r.call),
                ", ",
                &crate::time::long_date(r.date),
            ]
            .concat(),
        }
    }

    /// Routes of content files, each with its path below `content/`
    /// (`minutes/x.md`), for links between them. A link to withheld minutes
    /// leads to their call.
    pub fn content_routes(&self) -> Vec<(String, String)> {
        let key = |file: &str| file.strip_prefix("content/").unwrap_or(file).to_string();
        let records = self.minutes.iter().chain(&self.agendas);
        (self.calls.iter().map(|c| (key(&c.file), call(&c.id))))
            .chain(records.map(|r| {
                let route = self.record_route(r).unwrap_or_else(|| call(&r.call));
                (key(&r.file), route)
            }))
            .chain(self.cocs.iter().map(|c| (key(&c.file), coc(&c.id))))
            .chain(self.faq.iter().map(|f| (key(&f.file), faq_section(&f.id))))
            .chain(self.pages.iter().map(|p| (key(&p.file), page(&p.id))))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn routes_and_their_files() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        assert_eq!(
            record(RecordKind::Minutes, "caravan", d),
            "minutes/caravan/2026-11-18/"
        );
        assert_eq!(
            record(RecordKind::Agenda, "caravan", d),
            "agendas/caravan/2026-11-18/"
        );
        assert_eq!(output_path(&call("caravan")), "calls/caravan/index.html");
        assert_eq!(output_path(&call_feed("caravan")), "calls/caravan.ics");
        assert_eq!(output_path(""), "index.html");
        assert_eq!(minutes_page(1), "minutes/");
        assert_eq!(minutes_page(3), "minutes/page/3/");
        assert_eq!(month(2026, 3), "calendar/2026-03/");
        assert_eq!(tag_feed("jail-support"), "tags/jail-support.ics");
        assert_eq!(coc_feed("occupy-boston"), "cocs/occupy-boston.ics");
        let week = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap().iso_week();
        assert_eq!(announcement(week), "announcements/2026-W49/");
        assert_eq!(
            embed(Embed::Coc("occupy-boston")),
            "embed/cocs/occupy-boston/"
        );
        assert_eq!(
            question_anchor("calls", "Who can ask?"),
            "calls-who-can-ask"
        );
    }
}
