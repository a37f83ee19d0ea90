//! The calendar engine and the feed, end to end on `tests/fixtures/feed`:
//! a hand-checked table of occurrences, the feed's wire format, the feed
//! parsed back by the `ical` crate, and a round trip through `import`.

mod common;
mod ical_engine;

use callsite::render::feeds::ical::{FeedContext, feed};
use callsite::schedule::{self, OccurrenceStatus};
use chrono::{DateTime, Duration, Utc};
use common::Site;

const NOW: &str = "2026-10-15T00:00:00Z";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW).unwrap().to_utc()
}

/// Every occurrence in the fixture's window, hand-checked: local time with
/// its offset, the same instant in UTC, and its status.
const EXPECTED: &[&str] = &[
    "weekly-ny 2026-10-20T21:00:00-04:00 2026-10-21T01:00:00Z scheduled",
    "weekly-ny 2026-10-27T21:00:00-04:00 2026-10-28T01:00:00Z scheduled",
    // New York falls back on 1 November 2026: still 9 PM, now EST.
    "weekly-ny 2026-11-03T21:00:00-05:00 2026-11-04T02:00:00Z scheduled",
    "weekly-ny 2026-11-10T21:00:00-05:00 2026-11-11T02:00:00Z scheduled",
    "weekly-ny 2026-11-17T21:00:00-05:00 2026-11-18T02:00:00Z scheduled",
    "weekly-ny 2026-11-24T21:00:00-05:00 2026-11-25T02:00:00Z scheduled",
    "weekly-ny 2026-12-01T21:00:00-05:00 2026-12-02T02:00:00Z scheduled",
    "caravan 2026-12-02T20:00:00-05:00 2026-12-03T01:00:00Z scheduled",
    "weekly-ny 2026-12-08T21:00:00-05:00 2026-12-09T02:00:00Z scheduled",
    "second-thursday 2026-12-10T19:00:00-05:00 2026-12-11T00:00:00Z scheduled",
    "weekly-ny 2026-12-15T21:00:00-05:00 2026-12-16T02:00:00Z scheduled",
    "caravan 2026-12-16T20:00:00-05:00 2026-12-17T01:00:00Z cancelled",
    "weekly-ny 2026-12-22T21:00:00-05:00 2026-12-23T02:00:00Z scheduled",
    "weekly-ny 2026-12-29T21:00:00-05:00 2026-12-30T02:00:00Z scheduled",
    "called-off 2027-01-04T12:00:00-05:00 2027-01-04T17:00:00Z cancelled",
    "weekly-ny 2027-01-05T21:00:00-05:00 2027-01-06T02:00:00Z scheduled",
    // Moved from Wednesday 6 January.
    "caravan 2027-01-07T20:00:00-05:00 2027-01-08T01:00:00Z moved",
    "called-off 2027-01-11T12:00:00-05:00 2027-01-11T17:00:00Z cancelled",
    "weekly-ny 2027-01-12T21:00:00-05:00 2027-01-13T02:00:00Z scheduled",
    "second-thursday 2027-01-14T19:00:00-05:00 2027-01-15T00:00:00Z scheduled",
    "cafe 2027-01-15T09:30:00-08:00 2027-01-15T17:30:00Z scheduled",
    "called-off 2027-01-18T12:00:00-05:00 2027-01-18T17:00:00Z cancelled",
    "weekly-ny 2027-01-19T21:00:00-05:00 2027-01-20T02:00:00Z scheduled",
    "caravan 2027-01-20T20:00:00-05:00 2027-01-21T01:00:00Z scheduled",
    "weekly-ny 2027-01-26T21:00:00-05:00 2027-01-27T02:00:00Z scheduled",
    "weekly-ny 2027-02-02T21:00:00-05:00 2027-02-03T02:00:00Z scheduled",
    "weekly-ny 2027-02-09T21:00:00-05:00 2027-02-10T02:00:00Z scheduled",
    "second-thursday 2027-02-11T19:00:00-05:00 2027-02-12T00:00:00Z scheduled",
    "weekly-ny 2027-02-16T21:00:00-05:00 2027-02-17T02:00:00Z scheduled",
    "weekly-ny 2027-02-23T21:00:00-05:00 2027-02-24T02:00:00Z scheduled",
    "weekly-ny 2027-03-02T21:00:00-05:00 2027-03-03T02:00:00Z scheduled",
    "weekly-ny 2027-03-09T21:00:00-05:00 2027-03-10T02:00:00Z scheduled",
    "second-thursday 2027-03-11T19:00:00-05:00 2027-03-12T00:00:00Z scheduled",
    // Berlin is still on CET; New York springs forward on 14 March 2027.
    "berlin 2027-03-13T18:00:00+01:00 2027-03-13T17:00:00Z scheduled",
    "weekly-ny 2027-03-16T21:00:00-04:00 2027-03-17T01:00:00Z scheduled",
    // Berlin springs forward on 28 March 2027.
    "berlin 2027-03-27T18:00:00+01:00 2027-03-27T17:00:00Z scheduled",
    "berlin 2027-04-10T18:00:00+02:00 2027-04-10T16:00:00Z scheduled",
    "berlin 2027-04-24T18:00:00+02:00 2027-04-24T16:00:00Z scheduled",
];

fn checked_site(root: &std::path::Path) -> callsite::model::Site {
    let opts = callsite::BuildOptions::new(root, now());
    let report = callsite::check(&opts).unwrap();
    assert!(!report.has_errors(), "{:#?}", report.diagnostics);
    report.site.unwrap()
}

fn occurrence_table(site: &callsite::model::Site) -> Vec<String> {
    let to = now() + Duration::days(i64::from(site.config.calendar.horizon_days));
    let mut rows: Vec<(DateTime<Utc>, String)> = site
        .calls
        .iter()
        .flat_map(|c| {
            schedule::occurrences(c, now(), to)
                .into_iter()
                .map(move |o| {
                    let status = match o.status {
                        OccurrenceStatus::Scheduled => "scheduled",
                        OccurrenceStatus::Cancelled => "cancelled",
                        OccurrenceStatus::Moved => "moved",
                    };
                    let utc = o.start.with_timezone(&Utc);
                    (
                        utc,
                        format!(
                            "{} {} {} {status}",
                            c.id,
                            o.start.to_rfc3339(),
                            utc.format("%Y-%m-%dT%H:%M:%SZ")
                        ),
                    )
                })
        })
        .collect();
    rows.sort();
    rows.into_iter().map(|(_, r)| r).collect()
}

fn render_feed(site: &callsite::model::Site) -> String {
    let ctx = FeedContext {
        config: &site.config,
        base_url: &site.config.base_url,
        now: now(),
        zones: None,
    };
    let calls: Vec<&callsite::content::Call> = site.calls.iter().collect();
    feed(&calls, &ctx, &site.config.calendar.name)
}

#[test]
fn the_schedule_matches_the_hand_checked_table() {
    let site = Site::from_fixture("feed");
    assert_eq!(occurrence_table(&checked_site(site.root())), EXPECTED);
}

#[test]
fn the_feed_is_well_formed_on_the_wire() {
    let site = Site::from_fixture("feed");
    let text = render_feed(&checked_site(site.root()));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "a bare LF");
    assert!(!text.replace("\r\n", "").contains('\r'), "a bare CR");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.ends_with(' '), "ends in a space: {line:?}");
    }
    let unfolded = text.replace("\r\n ", "");
    for needle in [
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "NAME:Feed test calls",
        "X-WR-CALNAME:Feed test calls",
        "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        "X-PUBLISHED-TTL:PT6H",
        "ORGANIZER;CN=Feed test network:mailto:calls@example.org",
        "UID:weekly-ny@calls.example.org",
        "DTSTAMP:20261015T000000Z",
        "DTSTART;TZID=America/New_York:20261020T210000",
        "DTEND;TZID=America/New_York:20261020T220000",
        "RRULE:FREQ=WEEKLY;UNTIL=20270317T035959Z;BYDAY=TU",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;WKST=SU;COUNT=4;BYDAY=SA",
        "RRULE:FREQ=MONTHLY;COUNT=4;BYDAY=2TH",
        "RRULE:FREQ=MONTHLY;UNTIL=20270201T045959Z;BYDAY=1WE,3WE",
        "DTSTART;TZID=Europe/Berlin:20270313T180000",
        "DTSTART;TZID=America/Los_Angeles:20270115T093000",
        "RECURRENCE-ID;TZID=America/New_York:20261216T200000",
        "RECURRENCE-ID;TZID=America/New_York:20270106T200000",
        "SUMMARY:Cancelled: Caravan\\, first and third Wednesday",
        "SUMMARY:Cancelled: Called-off series",
        "URL:https://calls.example.org/calls/weekly-ny/",
        "LOCATION:https://calls.example.org/register/weekly",
        "CATEGORIES:weekly,national",
        "TRIGGER:-PT8H",
        "BEGIN:VTIMEZONE",
        "TZID:America/New_York",
        "TZID:Europe/Berlin",
        "TZID:America/Los_Angeles",
        "SUMMARY:Café ☕ réunion 🎉: Zürich\\, São Paulo\\; and \"friends\"",
        "a backslash \\\\ too",
    ] {
        assert!(
            unfolded.contains(&format!("{needle}\r\n")) || unfolded.contains(needle),
            "missing {needle:?}"
        );
    }
    assert!(
        !unfolded.contains("@example.org\r\n") || !unfolded.contains("sam@"),
        "a person's address"
    );
    // The override of the moved meeting: same UID, new time, raised SEQUENCE.
    let moved = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("RECURRENCE-ID;TZID=America/New_York:20270106T200000"))
        .unwrap();
    assert!(moved.contains("UID:caravan@calls.example.org\r\n"));
    assert!(moved.contains("DTSTART;TZID=America/New_York:20270107T200000\r\n"));
    assert!(moved.contains("SEQUENCE:1\r\n"));
    let cancelled_series = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:called-off@"))
        .unwrap();
    assert!(cancelled_series.contains("STATUS:CANCELLED\r\n"));
}

#[test]
fn the_ical_crate_parses_the_feed_back() {
    let site = Site::from_fixture("feed");
    let text = render_feed(&checked_site(site.root()));
    let cals: Vec<_> = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
        .collect::<Result<_, _>>()
        .expect("the feed parses");
    assert_eq!(cals.len(), 1);
    let cal = &cals[0];
    // Six series plus two overrides.
    assert_eq!(cal.events.len(), 8);
    let zones: Vec<String> = cal
        .timezones
        .iter()
        .map(|z| {
            z.properties
                .iter()
                .find(|p| p.name == "TZID")
                .and_then(|p| p.value.clone())
                .unwrap()
        })
        .collect();
    assert_eq!(
        zones,
        ["America/Los_Angeles", "America/New_York", "Europe/Berlin"]
    );
    let cafe = cal
        .events
        .iter()
        .find(|e| {
            e.properties
                .iter()
                .any(|p| p.name == "UID" && p.value.as_deref() == Some("cafe@calls.example.org"))
        })
        .unwrap();
    let summary = cafe
        .properties
        .iter()
        .find(|p| p.name == "SUMMARY")
        .unwrap()
        .value
        .clone()
        .unwrap();
    assert_eq!(
        callsite::import::unescape_text(&summary),
        "Café ☕ réunion 🎉: Zürich, São Paulo; and \"friends\""
    );
    let description = cafe
        .properties
        .iter()
        .find(|p| p.name == "DESCRIPTION")
        .unwrap()
        .value
        .clone()
        .unwrap();
    assert!(
        callsite::import::unescape_text(&description).contains("and a backslash \\ too."),
        "{description}"
    );
}

#[test]
fn importing_the_feed_gives_back_the_same_occurrences() {
    let site = Site::from_fixture("feed");
    let text = render_feed(&checked_site(site.root()));
    let empty = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(empty.path().join("content")).unwrap();
    std::fs::copy(
        site.root().join("content/site.yaml"),
        empty.path().join("content/site.yaml"),
    )
    .unwrap();
    let ics = empty.path().join("calendar.ics");
    std::fs::write(&ics, &text).unwrap();
    let run = common::run_in(empty.path(), &["import", ics.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("wrote content/calls/caravan.md"),
        "{}",
        run.stdout
    );
    assert_eq!(occurrence_table(&checked_site(empty.path())), EXPECTED);

    // A second import never overwrites: it writes beside the first.
    let again = common::run_in(empty.path(), &["import", ics.to_str().unwrap()]);
    assert_eq!(again.code, 0);
    assert!(
        again.stdout.contains("wrote content/calls/caravan-2.md"),
        "{}",
        again.stdout
    );
}

/// The occurrences `calendar/index.html` shows, in the table's form.
fn html_occurrences(html: &str) -> Vec<String> {
    html.split("<li class=\"occurrence")
        .skip(1)
        .map(|item| {
            let item = item.split("</li>").next().unwrap();
            let datetime = item
                .split("datetime=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let call = item
                .split("href=\"/calls/")
                .nth(1)
                .unwrap()
                .split('/')
                .next()
                .unwrap();
            let local = DateTime::parse_from_rfc3339(datetime).unwrap();
            let status = if item.starts_with(" is-cancelled") || item.contains("Cancelled</strong>")
            {
                "cancelled"
            } else if item.contains("Moved from") {
                "moved"
            } else {
                "scheduled"
            };
            assert_eq!(
                item.contains(">Cancelled<"),
                status == "cancelled",
                "{item}"
            );
            format!(
                "{call} {} {} {status}",
                local.to_rfc3339(),
                local.to_utc().format("%Y-%m-%dT%H:%M:%SZ")
            )
        })
        .collect()
}

#[test]
fn the_html_calendar_shows_the_same_occurrences() {
    let site = Site::from_fixture("feed");
    let run = site.run(&["build", "--now", NOW]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let html = std::fs::read_to_string(site.root().join("output/calendar/index.html")).unwrap();
    assert_eq!(html_occurrences(&html), shown_on_pages());
    // The built feed is the one the library renders.
    let built = std::fs::read_to_string(site.root().join("output/calendar.ics")).unwrap();
    assert_eq!(built, render_feed(&checked_site(site.root())));
    // Month grids carry the same occurrences, month by month.
    let mut from_months = Vec::new();
    for month in [
        "2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04",
    ] {
        let grid = std::fs::read_to_string(
            site.root()
                .join(format!("output/calendar/{month}/index.html")),
        )
        .unwrap();
        let table = grid
            .split("<table class=\"month\">")
            .nth(1)
            .unwrap()
            .split("</table>")
            .next()
            .unwrap();
        from_months.extend(html_occurrences(table));
    }
    assert_eq!(from_months, shown_on_pages());
}

/// What pages show of the table: a cancelled series (`called-off`) once, as
/// cancelled, at its next meeting, not as a column of crossed-out weeks.
fn shown_on_pages() -> Vec<&'static str> {
    let mut seen = false;
    EXPECTED
        .iter()
        .copied()
        .filter(|row| {
            if !row.starts_with("called-off ") {
                return true;
            }
            !std::mem::replace(&mut seen, true)
        })
        .collect()
}

/// The feed declares the site's zone in X-WR-TIMEZONE, and readers that
/// follow Google Calendar (python's recurring-ical-events) move a series
/// whose times are named UTC (`Z`, `TZID=UTC`, `TZID=Etc/UTC`) into that
/// zone, an hour later all winter. A UTC call is written in Etc/GMT, the
/// same instants under a name no reader re-reads, and still meets at
/// 14:00 UTC after New York falls back.
#[test]
fn a_utc_series_is_written_so_no_reader_moves_it_into_the_site_zone() {
    let site = Site::from_fixture("feed");
    let _ = std::fs::remove_dir_all(site.root().join("content/calls"));
    site.write(
        "calls/world.md",
        "---\ntitle: World assembly\nstart: 2026-10-19 14:00\ntimezone: UTC\nrepeat: weekly\ncancelled: [2026-11-09]\nfacilitator: Ana\nbackup_facilitator: Bo\ntech: Cy\n---\n",
    );
    site.write(
        "calls/zulu.md",
        "---\ntitle: Zulu check-in\nstart: 2026-10-20 09:00\ntimezone: Etc/UTC\nfacilitator: Ana\nbackup_facilitator: Bo\ntech: Cy\n---\n",
    );
    let text = render_feed(&checked_site(site.root()));
    let unfolded = text.replace("\r\n ", "");
    // Both zones are written as Etc/GMT, defined once.
    assert_eq!(unfolded.matches("BEGIN:VTIMEZONE").count(), 1, "{unfolded}");
    for needle in [
        "DTSTART;TZID=Etc/GMT:20261020T090000\r\n",
        "X-WR-TIMEZONE:America/New_York\r\n",
        "BEGIN:VTIMEZONE\r\nTZID:Etc/GMT\r\n",
        "TZOFFSETTO:+0000\r\nTZNAME:GMT\r\n",
        "DTSTART;TZID=Etc/GMT:20261019T140000\r\nDTEND;TZID=Etc/GMT:20261019T150000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO\r\n",
        "RECURRENCE-ID;TZID=Etc/GMT:20261109T140000\r\n",
    ] {
        assert!(unfolded.contains(needle), "{needle:?} not in\n{unfolded}");
    }
    for utc_named in ["TZID=UTC", "TZID:UTC", "TZID=Etc/UTC", "DTSTART:2026"] {
        assert!(!unfolded.contains(utc_named), "{utc_named} in\n{unfolded}");
    }
    // An independent expander reads it back: 14:00 UTC on either side of
    // 1 November, and the cancelled Monday gone.
    let cal = ical_engine::read(&text).unwrap().remove(0);
    let cutoff = chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let events =
        ical_engine::Engine::new(&cal, chrono_tz::America::New_York, cutoff).expand(&cal.events);
    let world = events["world@calls.example.org"].as_ref().unwrap();
    let starts: Vec<String> = world
        .occ
        .iter()
        .map(|o| {
            DateTime::from_timestamp(o.0, 0)
                .unwrap()
                .format("%m-%d %H:%M")
                .to_string()
        })
        .collect();
    assert_eq!(
        starts,
        [
            "10-19 14:00",
            "10-26 14:00",
            "11-02 14:00",
            "11-16 14:00",
            "11-23 14:00"
        ]
    );
}
