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
}

impl PageKind {
    /// Whether the kind is an HTML page listed in the sitemap.
    pub fn in_sitemap(self) -> bool {
        !matches!(
            self,
            PageKind::CallFeed(_) | PageKind::Feed | PageKind::Atom | PageKind::NotFound
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
    ]);
    for (i, p) in site.pages.iter().enumerate() {
        out.push(planned(routes::page(&p.id), PageKind::Page(i)));
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
