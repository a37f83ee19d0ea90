//! What a visitor sees on the sample site: a page that says how to
//! subscribe in each app and is linked from every page, calls in the order
//! of their next meeting, a past list that says when it is cut short, one
//! site title on the home page, and a favicon.

mod common;

use common::Site;

const NOW: &str = "2026-12-02T15:00:00Z";

fn built() -> Site {
    let site = Site::sample();
    let run = site.run(&["build", "--now", NOW]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    site
}

fn page(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.root().join("output").join(rel)).unwrap()
}

#[test]
fn the_subscribe_page_covers_each_app_and_every_page_links_to_it() {
    let site = built();
    let subscribe = page(&site, "subscribe/index.html");
    for app in [
        "Google Calendar",
        "Apple Calendar",
        "Outlook",
        "Thunderbird",
    ] {
        assert!(subscribe.contains(&format!(">{app}")), "{app}");
    }
    assert!(subscribe.contains("value=\"https://example.org/calendar.ics\""));
    assert!(subscribe.contains("href=\"webcal://example.org/calendar.ics\""));
    for (file, _) in site.tree("output") {
        if file.ends_with(".html") && !file.starts_with("embed/") {
            assert!(
                page(&site, &file).contains("href=\"/subscribe/\""),
                "{file}"
            );
        }
    }
    let call = page(&site, "calls/caravan/index.html");
    assert!(
        call.contains("how to subscribe in Google Calendar"),
        "the call page says how"
    );
}

#[test]
fn calls_are_listed_by_their_next_meeting() {
    let site = built();
    let list = page(&site, "calls/index.html");
    let at = |id: &str| {
        list.find(&format!("href=\"/calls/{id}/\""))
            .unwrap_or_else(|| panic!("{id}"))
    };
    // The caravan meets on Thursday 3 December, the European call on
    // Saturday 5, the planning call on Monday 7, the May Day assembly in
    // May; the housing emergency call (held on 1 December) and the
    // cancelled student debt series have no meeting left and come last.
    assert!(at("caravan") < at("europe-solidarity"));
    assert!(at("europe-solidarity") < at("io-planning"));
    assert!(at("io-planning") < at("may-day-assembly"));
    assert!(at("may-day-assembly") < at("housing-emergency"));
    assert!(at("may-day-assembly") < at("student-debt"));
}

#[test]
fn a_cut_short_past_list_says_so() {
    let site = built();
    let weekly = page(&site, "calls/io-planning/index.html");
    assert!(weekly.contains("Earlier meetings without an agenda or minutes are not listed"));
    let one_off = page(&site, "calls/housing-emergency/index.html");
    assert!(!one_off.contains("Earlier meetings without"));
}

#[test]
fn the_home_page_names_the_site_once_and_pages_have_a_favicon() {
    let site = built();
    let home = page(&site, "index.html");
    let main = &home[home.find("<main").unwrap()..];
    assert!(
        !main.contains("Free conference calls for the movement"),
        "the tagline twice"
    );
    assert!(main.contains("<h1 class=\"vh\">InterOccupy</h1>"));
    assert!(home.contains("<link rel=\"icon\" href=\"/favicon.svg\""));
    assert!(site.root().join("output/favicon.svg").is_file());
}
