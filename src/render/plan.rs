//! The plan of a build: every file the site has, as a route and a kind.
//! This is the only place output paths are listed; dispatch is a short
//! match over the kinds (see `render::render_site`).

use crate::content::RecordKind;
use crate::model::{Site, routes};
use crate::schedule::Calendar;

/// What a planned file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Calendar,
    Month(i32, u32),
    Calls,
    /// A call's page, by its position in the site's calls.
    Call(usize),
    CallFeed(usize),
    Feed,
    /// A page of the minutes archive, from 1.
    MinutesPage(usize),
    MinutesYear(i32),
    /// A minutes or agenda page, by its position in its list.
    Record(RecordKind, usize),
    Faq,
    Cocs,
    Decisions,
    /// A free page, by its position in the site's pages.
    Page(usize),
    NotFound,
    Atom,
    Search,
    /// How to subscribe in each calendar app.
    Subscribe,
    /// The list of topics.
    Tags,
    /// A topic's page and feed, by position in `site.topics()`.
    Tag(usize),
    TagFeed(usize),
    /// A CoC's page and the feed of the calls it hosts, by position in the
    /// site's CoCs.
    Coc(usize),
    CocFeed(usize),
    /// The call request form.
    Request,
    /// The list of weekly announcements, one week's, and their Atom feed.
    Announcements,
    Announcement(chrono::IsoWeek),
    AnnouncementsFeed,
    /// `/calendar.json`.
    CalendarJson,
    /// An embeddable widget.
    Embed(EmbedOf),
}

/// What a widget shows, by position in the site's lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbedOf {
    All,
    Tag(usize),
    Coc(usize),
    Call(usize),
}

impl PageKind {
    /// Whether the kind is an HTML page listed in the sitemap.
    pub fn in_sitemap(self) -> bool {
        !self.is_feed() && !matches!(self, PageKind::NotFound | PageKind::Embed(_))
    }

    /// Whether the kind is written by `render::feeds` rather than a template.
    pub fn is_feed(self) -> bool {
        matches!(
            self,
            PageKind::CallFeed(_)
                | PageKind::Feed
                | PageKind::Atom
                | PageKind::TagFeed(_)
                | PageKind::CocFeed(_)
                | PageKind::AnnouncementsFeed
                | PageKind::CalendarJson
        )
    }
}

/// One file of the site: where it goes and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub route: String,
    pub kind: PageKind,
}

fn planned(route: String, kind: PageKind) -> Planned {
    Planned { route, kind }
}

/// Every page and feed of `site`, in output order.
pub fn plan(site: &Site, calendar: &Calendar) -> Vec<Planned> {
    let mut out = vec![
        planned(String::new(), PageKind::Home),
        planned("calendar/".into(), PageKind::Calendar),
    ];
    out.extend(
        calendar
            .months
            .iter()
            .map(|&(y, m)| planned(routes::month(y, m), PageKind::Month(y, m))),
    );
    out.push(planned("calls/".into(), PageKind::Calls));
    out.push(planned("calendar.ics".into(), PageKind::Feed));
    for (i, call) in site.calls.iter().enumerate() {
        out.push(planned(routes::call(&call.id), PageKind::Call(i)));
        out.push(planned(routes::call_feed(&call.id), PageKind::CallFeed(i)));
    }
    let pages = site
        .minutes
        .len()
        .div_ceil(site.config.per_page as usize)
        .max(1);
    out.extend((1..=pages).map(|n| planned(routes::minutes_page(n), PageKind::MinutesPage(n))));
    out.extend(
        site.years()
            .iter()
            .map(|&y| planned(routes::minutes_year(y), PageKind::MinutesYear(y))),
    );
    for (kind, list) in [
        (RecordKind::Minutes, &site.minutes),
        (RecordKind::Agenda, &site.agendas),
    ] {
        for (i, r) in list.iter().enumerate() {
            if let Some(route) = site.record_route(r) {
                out.push(planned(route, PageKind::Record(kind, i)));
            }
        }
    }
    out.extend([
        planned("faq/".into(), PageKind::Faq),
        planned("cocs/".into(), PageKind::Cocs),
        planned("decisions/".into(), PageKind::Decisions),
        planned("404.html".into(), PageKind::NotFound),
        planned("feed.xml".into(), PageKind::Atom),
        planned("search/".into(), PageKind::Search),
        planned("subscribe/".into(), PageKind::Subscribe),
    ]);
    for (i, p) in site.pages.iter().enumerate() {
        out.push(planned(routes::page(&p.id), PageKind::Page(i)));
    }
    out.extend(network(site, calendar));
    out
}

/// Topics, CoC pages, the request form, announcements, the JSON calendar
/// and the widgets.
fn network(site: &Site, calendar: &Calendar) -> Vec<Planned> {
    use routes::Embed;
    let mut out = vec![
        planned(routes::TAGS.into(), PageKind::Tags),
        planned(routes::REQUEST.into(), PageKind::Request),
        planned(routes::CALENDAR_JSON.into(), PageKind::CalendarJson),
        planned(routes::embed(Embed::All), PageKind::Embed(EmbedOf::All)),
    ];
    for (i, t) in site.topics().iter().enumerate() {
        out.push(planned(routes::tag(&t.slug), PageKind::Tag(i)));
        out.push(planned(routes::tag_feed(&t.slug), PageKind::TagFeed(i)));
        let embed = routes::embed(Embed::Tag(&t.slug));
        out.push(planned(embed, PageKind::Embed(EmbedOf::Tag(i))));
    }
    for (i, c) in site.cocs.iter().enumerate() {
        out.push(planned(routes::coc(&c.id), PageKind::Coc(i)));
        out.push(planned(routes::coc_feed(&c.id), PageKind::CocFeed(i)));
        let embed = routes::embed(Embed::Coc(&c.id));
        out.push(planned(embed, PageKind::Embed(EmbedOf::Coc(i))));
    }
    for (i, c) in site.calls.iter().enumerate() {
        let embed = routes::embed(Embed::Call(&c.id));
        out.push(planned(embed, PageKind::Embed(EmbedOf::Call(i))));
    }
    out.push(planned(
        routes::ANNOUNCEMENTS.into(),
        PageKind::Announcements,
    ));
    out.push(planned(
        routes::ANNOUNCEMENTS_FEED.into(),
        PageKind::AnnouncementsFeed,
    ));
    let zone = site.config.timezone;
    for week in crate::announce::published_weeks(calendar.now, zone) {
        out.push(planned(
            routes::announcement(week),
            PageKind::Announcement(week),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{now, sample_site};

    #[test]
    fn every_page_once_and_no_page_for_withheld_minutes() {
        let site = sample_site();
        let calendar = Calendar::build(&site.calls, now(), site.config.calendar.horizon_days);
        let planned = plan(&site, &calendar);
        let mut routes: Vec<&str> = planned.iter().map(|p| p.route.as_str()).collect();
        let total = routes.len();
        routes.sort_unstable();
        routes.dedup();
        assert_eq!(routes.len(), total, "a route planned twice");
        for withheld in site.minutes.iter().filter(|m| !site.is_public(m)) {
            let route = routes::record(RecordKind::Minutes, &withheld.call, withheld.date);
            assert!(!routes.contains(&route.as_str()), "{route}");
        }
        for route in [
            "",
            "calendar/",
            "calls/caravan/",
            "calls/caravan.ics",
            "minutes/",
            "faq/",
            "404.html",
        ] {
            assert!(routes.contains(&route), "{route}");
        }
        assert!(!PageKind::NotFound.in_sitemap() && PageKind::Faq.in_sitemap());
    }
}
