//! The network's weekly rhythm, done by the site: call requests checked
//! like the form checks them, topic and host feeds that are exact subsets
//! of the site feed, schema.org events, `/calendar.json`, the widgets and
//! the weekly announcement. All on the sample site, with the real binary.

mod common;

use common::Site;
use serde_json::Value;
use std::collections::BTreeSet;

fn vectors() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/request/vectors.json"
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["vectors"].as_array().unwrap().clone()
}

/// The file each vector holds is what request.js writes for its input
/// (`scripts/request-check` runs the script on the same vectors); here the
/// real `check` judges it as CI would.
#[test]
fn the_request_forms_files_pass_check_exactly_when_the_form_accepts_them() {
    for v in vectors() {
        let name = v["name"].as_str().unwrap();
        let site = Site::sample();
        let path = v["path"].as_str().unwrap();
        let rel = path.strip_prefix("content/").unwrap();
        site.write(rel, v["text"].as_str().unwrap());
        let (code, diags) = site.check_json();
        let mine: Vec<&Value> = diags.iter().filter(|d| d["file"] == path).collect();
        let expected: Vec<&str> = v["check_errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_str().unwrap())
            .collect();
        let form_errors = v["errors"].as_array().unwrap();
        assert_eq!(form_errors.is_empty(), expected.is_empty(), "{name}");
        if expected.is_empty() {
            assert_eq!(code, 0, "{name}: {diags:#?}");
            assert!(mine.is_empty(), "{name}: {mine:#?}");
            let strict = site.run(&["check", "--strict", "--now", "2026-11-24"]);
            assert_eq!(strict.code, 0, "{name}: {}{}", strict.stdout, strict.stderr);
            assert!(
                v["text"]
                    .as_str()
                    .unwrap()
                    .contains("\nstatus: requested\n")
            );
        } else {
            assert_eq!(code, 1, "{name}");
            assert_eq!(mine.len(), expected.len(), "{name}: {mine:#?}");
            for (d, text) in mine.iter().zip(&expected) {
                assert_eq!(d["severity"], "error", "{name}");
                assert!(d["message"].as_str().unwrap().contains(text), "{name}: {d}");
            }
        }
    }
}

#[test]
fn check_holds_hand_written_requests_to_the_same_rules() {
    let site = Site::sample();
    site.write(
        "calls/asked.md",
        "---\ntitle: Asked late\nstart: 2026-12-01 20:00\nstatus: requested\nrequested: 2026-11-28\nfacilitator: Sam\nhelp_wanted: [backup_facilitator, chef]\n---\n",
    );
    site.write(
        "calls/urgent.md",
        "---\ntitle: Urgent\nstart: 2026-11-25 20:00\nstatus: requested\nrequested: 2026-11-24\nemergency: true\n---\n",
    );
    site.write(
        "calls/backwards.md",
        "---\ntitle: Backwards\nstart: 2026-12-20 20:00\nstatus: requested\nrequested: 2026-12-24\nfacilitator: A\nbackup_facilitator: B\ntech: C\n---\n",
    );
    let (_, diags) = site.check_json();
    let of = |file: &str| -> Vec<String> {
        diags
            .iter()
            .filter(|d| d["file"] == format!("content/calls/{file}.md"))
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect()
    };
    let asked = of("asked");
    assert_eq!(asked.len(), 3, "{asked:#?}");
    assert!(
        asked
            .iter()
            .any(|m| m.contains("`chef`, which is not a role"))
    );
    assert!(asked.iter().any(|m| m.contains("requested 3 days before")));
    assert!(asked.iter().any(|m| m.contains("names no tech supporter")));
    assert!(of("urgent").is_empty(), "{:#?}", of("urgent"));
    assert!(of("backwards")[0].contains("is after the first meeting"));
}

#[test]
fn the_request_address_must_be_a_public_role_address() {
    let site = Site::sample();
    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &yaml.replace("email: calls@example.org", "email: sam@example.net"),
    );
    let (code, diags) = site.check_json();
    assert_eq!(code, 1);
    assert!(diags.iter().any(|d| {
        d["message"]
            .as_str()
            .unwrap()
            .contains("`requests.email` (sam@example.net) is not one of")
    }));
}

fn built() -> (Site, std::path::PathBuf) {
    let site = Site::sample();
    let out = site.root().join("out");
    let run = site.run(&["build", "--now", "2026-11-24", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (site, out)
}

/// The VEVENT blocks of a feed, unfolded.
fn events(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("BEGIN:VEVENT\r\n")
        .skip(1)
        .map(|e| e.split("END:VEVENT\r\n").next().unwrap().to_string())
        .collect()
}

fn uid(event: &str) -> String {
    event
        .lines()
        .find_map(|l| l.strip_prefix("UID:"))
        .unwrap()
        .to_string()
}

#[test]
fn topic_and_host_feeds_are_exact_subsets_of_the_site_feed() {
    let (site, out) = built();
    let all = events(&std::fs::read_to_string(out.join("calendar.ics")).unwrap());
    let mut feeds = 0;
    for dir in ["tags", "cocs"] {
        for entry in std::fs::read_dir(out.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "ics") {
                continue;
            }
            feeds += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.ends_with("END:VCALENDAR\r\n"));
            let mine = events(&text);
            let uids: BTreeSet<String> = mine.iter().map(|e| uid(e)).collect();
            // Exactly the site feed's events of those calls, in its order.
            let expected: Vec<&String> = all.iter().filter(|e| uids.contains(&uid(e))).collect();
            assert_eq!(
                mine.iter().collect::<Vec<_>>(),
                expected,
                "{}",
                path.display()
            );
        }
    }
    assert!(feeds > 20, "{feeds} feeds");
    let legal = std::fs::read_to_string(out.join("tags/jail-support.ics")).unwrap();
    assert_eq!(
        events(&legal).iter().map(|e| uid(e)).collect::<Vec<_>>(),
        ["legal-support@example.org"]
    );
    let philly = std::fs::read_to_string(out.join("cocs/occupy-philadelphia.ics")).unwrap();
    assert!(
        events(&philly)
            .iter()
            .all(|e| uid(e) == "caravan@example.org")
    );
    assert!(philly.contains("X-WR-CALNAME:InterOccupy calls – Occupy Philadelphia"));
    drop(site);
}

/// The `application/ld+json` of a page, parsed.
fn json_ld(html: &str) -> Value {
    let start = html.find("<script type=\"application/ld+json\">").unwrap();
    let rest = &html[start..];
    let body = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
    assert!(
        !body.contains('<') && !body.contains('&'),
        "unescaped: {body}"
    );
    serde_json::from_str(body).unwrap()
}

#[test]
fn call_pages_describe_coming_meetings_as_schema_org_events() {
    let (_site, out) = built();
    let page = std::fs::read_to_string(out.join("calls/caravan/index.html")).unwrap();
    let doc = json_ld(&page);
    assert_eq!(doc["@context"], "https://schema.org");
    let events = doc["@graph"].as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        assert_eq!(e["@type"], "Event");
        assert_eq!(
            e["eventAttendanceMode"],
            "https://schema.org/OnlineEventAttendanceMode"
        );
        assert_eq!(e["location"]["@type"], "VirtualLocation");
        assert_eq!(e["location"]["url"], "https://example.org/register/caravan");
        assert_eq!(e["organizer"]["@type"], "Organization");
        assert!(chrono::DateTime::parse_from_rfc3339(e["startDate"].as_str().unwrap()).is_ok());
    }
    let status = |start: &str| {
        events
            .iter()
            .find(|e| e["startDate"].as_str().unwrap().starts_with(start))
            .unwrap_or_else(|| panic!("no event at {start}"))
    };
    let moved = status("2026-12-03T20:00");
    assert_eq!(moved["eventStatus"], "https://schema.org/EventRescheduled");
    assert_eq!(moved["previousStartDate"], "2026-12-02T20:00:00-05:00");
    assert_eq!(
        status("2026-12-16T20:00")["eventStatus"],
        "https://schema.org/EventCancelled"
    );
    for person in ["Bea", "Jamal", "Sunita", "mailto:", "@"] {
        let text = doc
            .to_string()
            .replace("\"@context\"", "")
            .replace("\"@graph\"", "")
            .replace("\"@type\"", "")
            .replace("\"@id\"", "");
        assert!(!text.contains(person), "{person}");
    }
    // A requested call is not announced as an event.
    let requested =
        std::fs::read_to_string(out.join("calls/national-gathering/index.html")).unwrap();
    assert!(!requested.contains("application/ld+json"));
}

#[test]
fn every_change_on_the_calendar_is_in_its_calls_json_ld() {
    // Changes months ahead, far past the next few meetings.
    let site = Site::sample();
    let path = site.root().join("content/calls/legal-support.md");
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "repeat: weekly\n",
        "repeat: weekly\ncancelled: [2027-03-07]\nmoved: { 2027-03-14: 2027-03-15 19:00 }\n",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let out = site.root().join("out");
    let run = site.run(&["build", "--now", "2026-12-02", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    let calendar: Value = serde_json::from_str(&read("calendar.json")).unwrap();
    let (mut cancelled, mut moved) = (0, 0);
    for o in calendar["occurrences"].as_array().unwrap() {
        if o["status"] == "scheduled" || o["confirmed"] == false {
            continue;
        }
        let call = o["call"].as_str().unwrap();
        let doc = json_ld(&read(&format!("calls/{call}/index.html")));
        let e = doc["@graph"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["startDate"] == o["start"])
            .unwrap_or_else(|| panic!("{call}: {o} is not in the JSON-LD"));
        if o["status"] == "cancelled" {
            assert_eq!(e["eventStatus"], "https://schema.org/EventCancelled", "{o}");
            cancelled += 1;
        } else {
            assert_eq!(
                e["eventStatus"], "https://schema.org/EventRescheduled",
                "{o}"
            );
            assert_eq!(e["previousStartDate"], o["original_start"], "{o}");
            moved += 1;
        }
    }
    assert!(
        cancelled >= 3 && moved >= 2,
        "{cancelled} cancelled, {moved} moved"
    );
    let legal = json_ld(&read("calls/legal-support/index.html"));
    let starts: Vec<&str> = legal["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["startDate"].as_str().unwrap())
        .collect();
    assert!(starts.contains(&"2027-03-07T19:00:00-05:00"), "{starts:?}");
    assert!(starts.contains(&"2027-03-15T19:00:00-04:00"), "{starts:?}");
}

#[test]
fn calendar_json_lists_the_html_calendars_meetings() {
    let (_site, out) = built();
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("calendar.json")).unwrap()).unwrap();
    assert_eq!(doc["version"], 1);
    let occs = doc["occurrences"].as_array().unwrap();
    let html = std::fs::read_to_string(out.join("calendar/index.html")).unwrap();
    assert_eq!(occs.len(), html.matches("<li class=\"occurrence").count());
    let ids: BTreeSet<&str> = occs.iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), occs.len(), "ids are unique");
    let moved = occs
        .iter()
        .find(|o| o["id"] == "caravan/2026-12-02T20:00")
        .unwrap();
    assert_eq!(moved["status"], "moved");
    assert_eq!(moved["start"], "2026-12-03T20:00:00-05:00");
    assert_eq!(moved["original_start"], "2026-12-02T20:00:00-05:00");
    assert_eq!(moved["uid"], "caravan@example.org");
    assert_eq!(moved["recurrence_id"], "20261202T200000");
    assert_eq!(moved["host"]["id"], "occupy-philadelphia");
    let off = occs
        .iter()
        .find(|o| o["id"] == "maestro-basic-training/2026-12-01T21:00")
        .unwrap();
    assert_eq!(off["status"], "cancelled");
    for o in occs {
        assert!(
            html.contains(&format!("datetime=\"{}\"", o["start"].as_str().unwrap())),
            "{o}"
        );
    }
}

#[test]
fn widgets_are_self_contained() {
    let (_site, out) = built();
    for page in [
        "embed/upcoming/index.html",
        "embed/cocs/occupy-boston/index.html",
        "embed/tags/training/index.html",
        "embed/calls/caravan/index.html",
    ] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(!html.contains("<script"), "{page}");
        assert!(!html.contains("<link"), "{page}");
        assert!(!html.contains(" src="), "{page}");
        assert!(html.contains("prefers-color-scheme:dark"), "{page}");
        assert!(html.contains("<base target=\"_top\">"), "{page}");
    }
    let call = std::fs::read_to_string(out.join("calls/caravan/index.html")).unwrap();
    assert!(call.contains("&lt;iframe src=&quot;https://example.org/embed/calls/caravan/&quot;"));
    let coc = std::fs::read_to_string(out.join("cocs/occupy-boston/index.html")).unwrap();
    assert!(coc.contains("https://example.org/embed/cocs/occupy-boston/"));
    assert!(coc.contains("webcal://example.org/cocs/occupy-boston.ics"));
}

#[test]
fn announce_prints_the_week_with_zones_cancellations_and_moves() {
    let site = Site::sample();
    let run = site.run(&["announce", "--week", "2026-W49", "--now", "2026-11-24"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = run.stdout;
    assert!(text.starts_with("InterOccupy: calls of 30 November – 6 December 2026 (2026-W49)"));
    assert!(text.contains(
        "Conference system training — basics: Tuesday 1 December 2026, 9:00 PM EST is cancelled"
    ));
    assert!(text.contains("Occupy Caravan national call: moved from Wednesday 2 December 2026, 8:00 PM EST to Thursday 3 December 2026, 8:00 PM EST"));
    assert!(text.contains("Saturday 5 December 2026, 6:00 PM CET (Europe/Berlin) = Saturday 5 December 2026, 12:00 PM EST in America/New_York"));
    assert!(text.contains("Register: https://example.org/register/io-planning"));
    for format in ["markdown", "html"] {
        let run = site.run(&["announce", "-w", "2026-W49", "--format", format]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.contains("Occupy Caravan national call"));
    }
    let html = site
        .run(&["announce", "-w", "2026-W49", "--format", "html"])
        .stdout;
    assert!(html.contains("<time datetime=\"2026-12-03T20:00:00-05:00\">"));
    let bad = site.run(&["announce", "--week", "2026-W60"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("2026 has no week 60"), "{}", bad.stderr);
}

#[test]
fn announcements_are_pages_and_an_atom_feed() {
    let (_site, out) = built();
    let page = std::fs::read_to_string(out.join("announcements/2026-W49/index.html")).unwrap();
    assert!(page.contains("Calls of 30 November – 6 December 2026"));
    assert!(page.contains("moved from Wednesday 2 December 2026"));
    let feed = std::fs::read_to_string(out.join("announcements/feed.xml")).unwrap();
    assert_eq!(feed.matches("<entry>").count(), 8);
    assert!(feed.contains("<id>https://example.org/announcements/2026-W49/</id>"));
    // Published when the week before begins, whatever the build's time.
    assert!(feed.contains("<published>2026-11-23T05:00:00+00:00</published>"));
}
