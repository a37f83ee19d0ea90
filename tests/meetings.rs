//! Meetings as volunteers live them, through the real binary on copies of
//! the sample site: moved meetings, their records, `new minutes`, one error
//! per mistake, dial-ins, requested and cancelled calls, series in words,
//! and stubs that were never edited.

mod common;

use common::Site;
use serde_json::Value;

/// Wednesday 2 December 2026, 10 AM in New York.
const NOW: &str = "2026-12-02T15:00:00Z";

fn build_at(site: &Site, now: &str) {
    let run = site.run(&["build", "--now", now]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

fn page(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.root().join("output").join(rel)).unwrap()
}

/// The part of a call page under "Past meetings".
fn past_section(html: &str) -> &str {
    html.split("id=\"past\"").nth(1).unwrap_or("")
}

fn check_json(site: &Site, now: &str) -> (i32, Vec<Value>) {
    let run = site.run(&["check", "--strict", "--format", "json", "--now", now]);
    (run.code, run.diagnostics())
}

#[test]
fn a_moved_meeting_is_past_only_once_it_has_been_held_and_then_once() {
    let site = Site::sample();
    build_at(&site, NOW);
    let html = page(&site, "calls/caravan/index.html");
    assert!(
        !past_section(&html).contains("2026-12-03"),
        "listed as past before it happens"
    );
    assert!(
        html.contains("datetime=\"2026-12-03T20:00:00-05:00\""),
        "it is a next meeting"
    );

    build_at(&site, "2026-12-04T12:00:00Z");
    let html = page(&site, "calls/caravan/index.html");
    let past = past_section(&html);
    assert_eq!(
        past.matches("datetime=\"2026-12-03T20:00:00-05:00\"")
            .count(),
        1,
        "{past}"
    );
    assert!(
        past.contains("/agendas/caravan/2026-12-02/"),
        "its agenda, filed under the original date"
    );
    for other in ["Next meetings", "past"] {
        assert!(html.contains(other));
    }
}

#[test]
fn a_moved_meeting_has_one_set_of_minutes_whichever_date_is_written() {
    let site = Site::sample();
    site.write(
        "minutes/caravan/a.md",
        "---\ncall: caravan\ndate: 2026-12-02\n---\nNotes.\n",
    );
    site.write(
        "minutes/caravan/b.md",
        "---\ncall: caravan\ndate: 2026-12-03\n---\nMore notes.\n",
    );
    let (code, diags) = check_json(&site, "2026-12-04T12:00:00Z");
    assert_eq!(code, 1);
    let dup: Vec<&Value> = diags
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("already holds the minutes of this meeting")
        })
        .collect();
    assert_eq!(dup.len(), 1, "{diags:#?}");
    assert!(
        dup[0]["message"]
            .as_str()
            .unwrap()
            .contains("planned for 2026-12-02 and held on 2026-12-03")
    );
    assert!(
        dup[0]["hint"]
            .as_str()
            .unwrap()
            .contains("dated 2026-12-03")
    );
}

#[test]
fn new_minutes_are_for_the_latest_meeting_that_has_started() {
    let site = Site::sample();
    // 18 November is the latest caravan meeting that has started; it has
    // minutes, and the 2 December one was moved to 3 December.
    let run = site.run(&["new", "minutes", "caravan", "--now", NOW]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("the latest meeting of `caravan` that has started"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("18 November 2026"), "{}", run.stderr);
    assert!(
        run.stderr.contains("caravan-2026-11-18.md"),
        "{}",
        run.stderr
    );
    for d in ["2026-12-02", "2026-12-03"] {
        assert!(
            !site
                .root()
                .join(format!("content/minutes/caravan/caravan-{d}.md"))
                .exists()
        );
    }
    let run = site.run(&["new", "minutes", "caravan", "2026-12-03", "--now", NOW]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("has not started yet"), "{}", run.stderr);

    // A weekly call at 9 PM: at 10 AM the same day, the minutes are last
    // week's.
    site.write("calls/evening.md", "---\ntitle: Evening call\nstart: 2026-11-04 21:00\nrepeat: weekly\nfacilitator: A\nbackup_facilitator: B\ntech: C\nregister: https://example.org/r\n---\nWeekly.\n");
    let run = site.run(&["new", "minutes", "evening", "--now", NOW]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("evening-2026-11-25.md"),
        "{}",
        run.stdout
    );
}

#[test]
fn minutes_dated_before_their_meeting_are_flagged() {
    let site = Site::sample();
    site.write(
        "minutes/caravan/early.md",
        "---\ncall: caravan\ndate: 2026-12-03\n---\nWritten too soon.\n",
    );
    let (code, diags) = check_json(&site, NOW);
    assert_eq!(code, 1);
    assert!(
        diags.iter().any(|d| d["severity"] == "warning"
            && d["message"]
                .as_str()
                .unwrap()
                .contains("has not started yet")),
        "{diags:#?}"
    );
}

#[test]
fn one_mistake_gives_one_error() {
    let site = Site::sample();
    let path = site.root().join("content/calls/caravan.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("duration: 90m", "duration: 90 minutes")).unwrap();
    let (code, diags) = check_json(&site, NOW);
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["file"], "content/calls/caravan.md");

    let site = Site::sample();
    let path = site.root().join("content/site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("timezone: America/New_York", "timezone: America/New_Yrok"),
    )
    .unwrap();
    let (code, diags) = check_json(&site, NOW);
    assert_eq!(code, 1);
    let errors: Vec<&Value> = diags.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["file"], "content/site.yaml", "reported first");
    let github = site.run(&["check", "--format", "github", "--now", NOW]);
    assert_eq!(github.stdout.lines().count(), 1, "{}", github.stdout);
}

#[test]
fn a_bridge_dial_in_is_public_and_one_tap_away() {
    let site = Site::sample();
    let path = site.root().join("content/calls/caravan.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "dial_in: Dial-in number and PIN arrive with your registration",
            "dial_in: \"+1 555 0100, PIN sent on registration\"",
        ),
    )
    .unwrap();
    let (code, diags) = check_json(&site, NOW);
    assert_eq!(code, 0, "{diags:#?}");
    build_at(&site, NOW);
    let html = page(&site, "calls/caravan/index.html");
    assert!(
        html.contains("<a href=\"tel:+15550100\">+1 555 0100</a>, PIN sent on registration"),
        "{html}"
    );
    let feed = page(&site, "calls/caravan.ics").replace("\r\n ", "");
    assert!(
        feed.contains("CONFERENCE;VALUE=URI;FEATURE=PHONE;LABEL=Dial-in:tel:+15550100"),
        "{feed}"
    );
}

#[test]
fn requested_calls_are_marked_on_every_page_and_tentative_in_feeds() {
    let site = Site::sample();
    build_at(&site, NOW);
    let month = page(&site, "calendar/2027-01/index.html");
    let gathering = month
        .split("<li class=\"occurrence")
        .find(|li| li.contains("/calls/national-gathering/"))
        .unwrap();
    assert!(
        gathering.contains("is-requested") && gathering.contains("not confirmed"),
        "{gathering}"
    );
    let calendar = page(&site, "calendar/index.html");
    assert!(calendar.contains("Requested, not confirmed yet"));
    let feed = page(&site, "calls/national-gathering.ics");
    assert!(feed.contains("STATUS:TENTATIVE"));

    // The widgets other sites embed, in the week of the call.
    build_at(&site, "2027-01-15T15:00:00Z");
    for embed in [
        "upcoming",
        "calls/national-gathering",
        "tags/national",
        "cocs/occupy-chicago",
    ] {
        let html = page(&site, &format!("embed/{embed}/index.html"));
        let item = html
            .split("<li")
            .skip(1)
            .find(|li| li.contains("/calls/national-gathering/"))
            .unwrap_or_else(|| panic!("{embed}: not listed\n{html}"));
        assert!(
            item.contains("is-requested") && item.contains("Requested, not confirmed yet"),
            "{embed}: {item}"
        );
    }
}

#[test]
fn a_cancelled_series_shows_once() {
    let site = Site::sample();
    build_at(&site, NOW);
    let calendar = page(&site, "calendar/index.html");
    assert_eq!(
        calendar.matches("/calls/student-debt/").count(),
        1,
        "the student debt series"
    );
    let cancelled = calendar.matches("badge-cancelled").count();
    assert!(cancelled <= 3, "{cancelled} cancelled entries");
}

#[test]
fn a_series_is_described_in_its_zones_generic_name() {
    let site = Site::sample();
    build_at(&site, NOW);
    let html = page(&site, "calls/io-planning/index.html");
    assert!(
        html.contains("Every Monday, 8:00 PM Eastern Time"),
        "{html}"
    );
    let europe = page(&site, "calls/europe-solidarity/index.html");
    assert!(europe.contains("Central European Time"), "{europe}");
    // A dated meeting keeps its abbreviation.
    assert!(html.contains("8:00 PM EST"));
}

#[test]
fn unedited_stubs_are_refused_until_edited() {
    let site = Site::sample();
    for args in [
        ["new", "call", "fresh"],
        ["new", "coc", "occupy-fresh"],
        ["new", "page", "fresh-page"],
    ] {
        let run = site.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let run = site.run(&["new", "minutes", "io-planning", "--now", NOW]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (code, diags) = check_json(&site, NOW);
    assert_eq!(code, 1);
    let messages: Vec<String> = diags
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| format!("{} {}", d["file"], d["message"]))
        .collect();
    for expected in [
        "calls/fresh.md\" \"`summary` is still the placeholder",
        "calls/fresh.md\" \"`facilitator` is still the placeholder `Name`",
        "calls/fresh.md\" \"the text is still the placeholder",
        "cocs/occupy-fresh.md\" \"`name` is still the placeholder",
        "pages/fresh-page.md\" \"the text is still the placeholder",
        "io-planning-2026-11-30.md\" \"these minutes are still the outline",
    ] {
        assert!(
            messages.iter().any(|m| m.contains(expected)),
            "{expected}: {messages:#?}"
        );
    }
}
