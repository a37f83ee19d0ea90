//! `callsite import` from the command line: small calendars written for
//! one behaviour each, imported with the real binary into a temp site.

mod common;

use common::Site;

/// An empty site in New York, like the network's.
fn site() -> Site {
    let site = Site::minimal();
    for dir in ["calls", "minutes", "agendas"] {
        let _ = std::fs::remove_dir_all(site.root().join("content").join(dir));
    }
    site
}

fn calendar(site: &Site, body: &str) -> String {
    let text = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Test//EN\r\n{}END:VCALENDAR\r\n",
        body.replace('\n', "\r\n")
    );
    let path = site.root().join("export.ics");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn call(site: &Site, id: &str) -> String {
    std::fs::read_to_string(site.root().join(format!("content/calls/{id}.md"))).unwrap_or_else(
        |e| {
            panic!(
                "{id}: {e}; have {:?}",
                site.tree("content/calls").keys().collect::<Vec<_>>()
            )
        },
    )
}

#[test]
fn a_utc_exdate_cancels_the_new_york_evening_it_names() {
    let site = site();
    // Tuesdays at 9 PM in New York; 10 November 9 PM EST is 02:00 UTC on
    // the 11th, which is how Nextcloud writes the exception.
    let ics = calendar(
        &site,
        "BEGIN:VEVENT\nUID:1f8a6c@nextcloud\nSUMMARY:Caravan national call\nDTSTART;TZID=America/New_York:20261103T210000\nDTEND;TZID=America/New_York:20261103T223000\nRRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20261202T015959Z\nEXDATE:20261111T020000Z\nEND:VEVENT\nBEGIN:VEVENT\nUID:1f8a6c@nextcloud\nSUMMARY:Caravan national call\nRECURRENCE-ID:20261118T020000Z\nDTSTART:20261119T020000Z\nDTEND:20261119T033000Z\nEND:VEVENT\n",
    );
    let run = site.run(&["import", &ics]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = call(&site, "caravan-national-call");
    assert!(text.contains("cancelled: [2026-11-10]"), "{text}");
    assert!(
        text.contains("moved:\n  2026-11-17: 2026-11-18 21:00"),
        "{text}"
    );
    // 1 December 9 PM EST is after UNTIL (02:00 UTC less a second).
    assert!(text.contains("until: 2026-11-24"), "{text}");
    let (code, diags) = site.check_json();
    assert!(diags.iter().all(|d| d["severity"] != "error"), "{diags:#?}");
    assert!(code == 0 || code == 1);
    let build = site.run(&["build", "--now", "2026-11-01"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let feed = std::fs::read_to_string(site.root().join("output/calendar.ics")).unwrap();
    assert!(
        feed.contains("RECURRENCE-ID;TZID=America/New_York:20261110T210000\r\n"),
        "{feed}"
    );
}

#[test]
fn dry_run_prints_what_would_be_written_and_writes_nothing() {
    let site = site();
    let ics = calendar(
        &site,
        "BEGIN:VEVENT\nUID:7v3ju5ft4je5iq18nfdk2s3spk@google.com\nSUMMARY:Weekly Sync: Outreach\nDTSTART;TZID=Europe/Berlin:20260105T180000\nDURATION:PT45M\nRRULE:FREQ=WEEKLY;WKST=MO;BYDAY=MO\nEND:VEVENT\n",
    );
    let run = site.run(&["import", "--dry-run", &ics]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("would write content/calls/weekly-sync-outreach.md"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("repeat: \"FREQ=WEEKLY;BYDAY=MO\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("timezone: Europe/Berlin\nduration: 45m"),
        "{}",
        run.stdout
    );
    assert!(!site.root().join("content/calls").exists());
}

#[test]
fn nothing_importable_exits_1_and_says_why() {
    let site = site();
    let ics = calendar(
        &site,
        "BEGIN:VEVENT\nUID:a@b\nSUMMARY:Holiday\nDTSTART;VALUE=DATE:20260704\nRRULE:FREQ=YEARLY\nEND:VEVENT\n",
    );
    let run = site.run(&["import", &ics]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("event \"Holiday\" (UID a@b): not imported: DTSTART: an all-day event"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("imported 0 calls from 1 event"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_malformed_file_is_refused_with_its_line() {
    let site = site();
    let ics = calendar(&site, "BEGIN:VEVENT\nUID:a@b\nEND:VTODO\n");
    let run = site.run(&["import", &ics]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "line 6: not a readable iCalendar file: END:VTODO closes BEGIN:VEVENT of line 4"
        ),
        "{}",
        run.stderr
    );
    // A broken line inside one event refuses that event only.
    let ics = calendar(
        &site,
        "BEGIN:VEVENT\nUID:a@b\nSUMMARY:Broken\nDTSTART;TZID=\"W. Europe Standard Time:20200609T090000\nEND:VEVENT\nBEGIN:VEVENT\nUID:c@d\nSUMMARY:Fine\nDTSTART:20260609T090000Z\nDURATION:PT1H\nEND:VEVENT\n",
    );
    let run = site.run(&["import", &ics]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(":7: event \"Broken\" (UID a@b): not imported: line: an unclosed quote"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("wrote content/calls/fine.md"),
        "{}",
        run.stdout
    );
}

#[test]
fn several_rrules_and_wkst_become_calls_that_check_passes() {
    let site = site();
    let ics = calendar(
        &site,
        "BEGIN:VEVENT\nUID:r@c\nSUMMARY:Two rules\nDTSTART;TZID=America/New_York:20260105T200000\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4\nRRULE:FREQ=MONTHLY;BYDAY=1TH;COUNT=2\nEND:VEVENT\nBEGIN:VEVENT\nUID:w@c\nSUMMARY:Fortnight\nDTSTART;TZID=America/New_York:20260105T200000\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;COUNT=4\nEND:VEVENT\n",
    );
    let run = site.run(&["import", &ics]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(call(&site, "two-rules").contains("count: 4"));
    // The first Thursday of January is before DTSTART: not a meeting.
    assert!(call(&site, "two-rules-2").contains(
        "start: 2026-02-05 20:00\nrepeat: \"FREQ=MONTHLY;BYDAY=1TH\"\nuntil: 2026-03-05"
    ));
    // Monday weeks: Mon 5, Sun 11, Mon 19, Sun 25 January.
    let monday = call(&site, "fortnight");
    let sunday = call(&site, "fortnight-2");
    assert!(monday.contains("start: 2026-01-05 20:00\nrepeat: \"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO\"\nuntil: 2026-01-19"), "{monday}");
    assert!(sunday.contains("start: 2026-01-11 20:00\nrepeat: \"FREQ=WEEKLY;INTERVAL=2;BYDAY=SU\"\nuntil: 2026-01-25"), "{sunday}");
    let (_, diags) = site.check_json();
    assert!(diags.iter().all(|d| d["severity"] != "error"), "{diags:#?}");
}

#[test]
fn outlook_zone_names_are_read_as_iana_zones() {
    let site = site();
    let ics = calendar(
        &site,
        "BEGIN:VEVENT\nUID:o@x\nSUMMARY:Berlin sync\nDTSTART;TZID=W. Europe Standard Time:20260105T180000\nDTEND;TZID=W. Europe Standard Time:20260105T190000\nRRULE:FREQ=WEEKLY;UNTIL=20260126T180000\nEND:VEVENT\n",
    );
    let run = site.run(&["import", &ics]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = call(&site, "berlin-sync");
    assert!(text.contains("timezone: Europe/Berlin"), "{text}");
    // UNTIL as a local date-time ends at that meeting, not later that day.
    assert!(text.contains("until: 2026-01-26"), "{text}");
    assert!(
        run.stderr
            .contains("is read as Europe/Berlin (CLDR's mapping)"),
        "{}",
        run.stderr
    );
}

#[test]
fn our_own_feed_gives_back_fields_not_links_to_the_old_site() {
    let site = Site::from_fixture("feed");
    let build = site.run(&["build", "--now", "2026-10-15"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let fresh = self::site();
    let ics = fresh.root().join("calendar.ics");
    std::fs::copy(site.root().join("output/calendar.ics"), &ics).unwrap();
    let run = fresh.run(&["import", ics.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (path, bytes) in fresh.tree("content/calls") {
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains("Call page:"), "{path}: {text}");
        assert!(!text.contains("Register:"), "{path}: {text}");
    }
}

#[test]
fn a_utc_series_in_a_google_export_keeps_the_time_of_day_of_its_calendar_zone() {
    let site = site();
    // 23:00 UTC is 7 PM in New York until 1 November; Google Calendar
    // shows the series at 7 PM all along (midnight UTC in winter), and its
    // EXDATE names the 7 PM meeting of Monday 9 November.
    let ics = calendar(
        &site,
        "X-WR-TIMEZONE:America/New_York\nBEGIN:VEVENT\nUID:evening@google.com\nSUMMARY:Evening assembly\nDTSTART:20261019T230000Z\nDTEND:20261020T000000Z\nRRULE:FREQ=WEEKLY;WKST=MO;COUNT=5;BYDAY=MO\nEXDATE:20261110T000000Z\nEND:VEVENT\nBEGIN:VEVENT\nUID:once@google.com\nSUMMARY:Press briefing\nDTSTART:20261105T170000Z\nDTEND:20261105T173000Z\nEND:VEVENT\n",
    );
    let run = site.run(&["import", &ics]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = call(&site, "evening-assembly");
    for line in [
        "start: 2026-10-19 19:00\n",
        "repeat: \"FREQ=WEEKLY;BYDAY=MO\"\ncount: 5\ncancelled: [2026-11-09]\n",
    ] {
        assert!(text.contains(line), "{line:?} not in\n{text}");
    }
    // The site's zone: no `timezone:` line.
    assert!(!text.contains("timezone:"), "{text}");
    let note = format!(
        "note: {ics}:8: event \"Evening assembly\" (UID evening@google.com): X-WR-TIMEZONE: DTSTART 2026-10-19 23:00 UTC is read in the calendar's zone, America/New_York (line 4), as Google Calendar shows it: every meeting is at 19:00 there, which is 23:00 or 00:00 UTC depending on daylight-saving time\n  = to keep every meeting at 23:00 UTC instead, set `timezone: UTC` and `start: 2026-10-19 23:00` in the call file\n"
    );
    assert!(run.stderr.contains(&note), "{}", run.stderr);
    // A one-off event is an instant either way: noon in New York, unnoted.
    let once = call(&site, "press-briefing");
    assert!(once.contains("start: 2026-11-05 12:00\n"), "{once}");
    assert_eq!(
        run.stderr.matches("X-WR-TIMEZONE").count(),
        1,
        "{}",
        run.stderr
    );

    // Built, the series meets at 7 PM on either side of the change.
    let build = site.run(&["build", "--now", "2026-10-01"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let feed = std::fs::read_to_string(site.root().join("output/calendar.ics")).unwrap();
    assert!(
        feed.contains("DTSTART;TZID=America/New_York:20261019T190000\r\n"),
        "{feed}"
    );
}

#[test]
fn a_utc_series_is_kept_in_utc_when_x_wr_timezone_names_no_zone() {
    let site = site();
    let ics = calendar(
        &site,
        "X-WR-TIMEZONE:Mars/Olympus\nBEGIN:VEVENT\nUID:mars@example\nSUMMARY:Rover sync\nDTSTART:20261019T230000Z\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;COUNT=3\nEND:VEVENT\n",
    );
    let run = site.run(&["import", &ics]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = call(&site, "rover-sync");
    assert!(
        text.contains("start: 2026-10-19 23:00\ntimezone: UTC\n"),
        "{text}"
    );
    assert!(
        run.stderr.contains("warning: ")
            && run.stderr.contains(
                "X-WR-TIMEZONE: DTSTART is in UTC and the calendar's zone `Mars/Olympus` (line 4) is neither an IANA nor a Windows zone: the series is kept at 23:00 UTC all year"
            )
            && run.stderr.contains("  = if the meetings are held at a fixed local time, set `timezone:`"),
        "{}",
        run.stderr
    );
}

/// Titles in other scripts and with accents give readable ids, spelt in
/// Latin letters, not `r-union-g-n-rale` or `item`.
#[test]
fn ids_from_titles_in_any_script_are_readable() {
    let site = site();
    let event = |uid: &str, summary: &str| {
        format!(
            "BEGIN:VEVENT\nUID:{uid}\nSUMMARY:{summary}\nDTSTART;TZID=Europe/Paris:20261103T190000\nDTEND;TZID=Europe/Paris:20261103T200000\nRRULE:FREQ=WEEKLY\nEND:VEVENT\n"
        )
    };
    let ics = calendar(
        &site,
        &[
            event("a@x", "Réunion générale — ÉTÉ"),
            event("b@x", "Общее собрание"),
            event("c@x", "Straße & Café"),
        ]
        .concat(),
    );
    let run = site.run(&["import", &ics]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: Vec<String> = site.tree("content/calls").into_keys().collect();
    for id in ["reunion-generale-ete", "obshchee-sobranie", "strasse-cafe"] {
        assert!(
            ids.iter().any(|f| f.ends_with(&format!("{id}.md"))),
            "{id}: {ids:?}"
        );
    }
    assert!(call(&site, "reunion-generale-ete").contains("title: \"Réunion générale — ÉTÉ\""));
}
