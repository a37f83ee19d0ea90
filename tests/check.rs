//! `callsite check` end to end: the real binary on real files, one test per
//! rule, each asserting the file, line and hint a volunteer would see.

mod common;

use common::Site;
use serde_json::Value;

/// The single diagnostic whose message contains `needle`.
fn find<'a>(diags: &'a [Value], needle: &str) -> &'a Value {
    let hits: Vec<&Value> = diags
        .iter()
        .filter(|d| d["message"].as_str().unwrap_or("").contains(needle))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "expected one diagnostic with {needle:?}, got: {diags:#?}"
    );
    hits[0]
}

/// Asserts severity, location and hint of the diagnostic matching `needle`.
fn expect(diags: &[Value], severity: &str, file: &str, line: u64, needle: &str, hint: &str) {
    let d = find(diags, needle);
    assert_eq!(d["severity"], severity, "{d:#}");
    assert_eq!(d["file"], file, "{d:#}");
    assert_eq!(d["line"], line, "{d:#}");
    let got = d["hint"].as_str().unwrap_or("");
    assert!(got.contains(hint), "hint {got:?} lacks {hint:?}");
}

fn call(extra: &str) -> String {
    format!(
        "---\ntitle: A call\nstart: 2026-01-07 21:00\nfacilitator: Sam\nbackup_facilitator: Alex\ntech: Jo\nregister: https://example.org/r\n{extra}---\nBody.\n"
    )
}

#[test]
fn the_minimal_fixture_is_clean() {
    let site = Site::minimal();
    let run = site.run(&["check", "--strict", "--now", "2026-11-24"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_sample_site_passes_strict() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = common::run_in(root, &["check", "--strict", "--now", "2026-11-24"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn an_unknown_field_suggests_the_closest_name() {
    let site = Site::minimal();
    site.write(
        "calls/typo.md",
        "---\ntitle: Caravan\nstart: 2026-01-07 21:00\nfacilitater: Sam\n---\n",
    );
    let (code, diags) = site.check_json();
    assert_eq!(code, 1);
    expect(
        &diags,
        "error",
        "content/calls/typo.md",
        4,
        "unknown field `facilitater`",
        "did you mean `facilitator`?",
    );
    assert_eq!(find(&diags, "facilitater")["column"], 1);

    let human = site.run(&["check", "--now", "2026-11-24"]);
    assert_eq!(human.code, 1);
    assert!(
        human.stdout.contains("content/calls/typo.md:4:1"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("4 | facilitater: Sam"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("^^^^^^^^^^^ did you mean `facilitator`?"),
        "{}",
        human.stdout
    );
}

/// A misspelt required field is one mistake: it is reported once, as
/// unknown with the right name to use, not also as the field missing.
#[test]
fn a_misspelt_required_field_is_one_error() {
    let site = Site::minimal();
    site.write(
        "calls/typo.md",
        "---\ntitle: Caravan\nstrat: 2026-01-07 21:00\n---\n",
    );
    let (code, diags) = site.check_json();
    assert_eq!(code, 1);
    let about: Vec<&Value> = diags
        .iter()
        .filter(|d| d["file"] == "content/calls/typo.md")
        .collect();
    assert_eq!(about.len(), 1, "{about:?}");
    expect(
        &diags,
        "error",
        "content/calls/typo.md",
        3,
        "unknown field `strat`",
        "did you mean `start`?",
    );
    // Without a near name, the missing field is still reported.
    site.write(
        "calls/typo.md",
        "---\ntitle: Caravan\nwhen: 2026-01-07 21:00\n---\n",
    );
    let (_, diags) = site.check_json();
    find(&diags, "the required field `start` is missing");
}

#[test]
fn a_file_that_is_not_utf8_is_named() {
    let site = Site::minimal();
    site.write_bytes(
        "minutes/latin1.md",
        b"---\ncall: weekly\ndate: 2026-11-09\n---\nCaf\xe9 notes\n",
    );
    let (_, diags) = site.check_json();
    expect(
        &diags,
        "error",
        "content/minutes/latin1.md",
        5,
        "not valid UTF-8",
        "save it as UTF-8",
    );
}

#[test]
fn front_matter_fences_are_required() {
    let site = Site::minimal();
    site.write("pages/open.md", "---\ntitle: Never closed\n\nBody text.\n");
    site.write("pages/none.md", "title: No fences\n");
    let (_, diags) = site.check_json();
    expect(
        &diags,
        "error",
        "content/pages/open.md",
        1,
        "never closed",
        "add a line `---` after the last field",
    );
    expect(
        &diags,
        "error",
        "content/pages/none.md",
        1,
        "does not start with front matter",
        "put a line `---` first",
    );
}

#[test]
fn a_bom_and_crlf_line_ends_are_accepted_and_lines_stay_right() {
    let site = Site::minimal();
    site.write(
        "pages/windows.md",
        "\u{feff}---\r\ntitle: Windows\r\nnav: true\r\n---\r\nText\r\n",
    );
    site.write(
        "pages/windows-typo.md",
        "\u{feff}---\r\ntitle: Windows\r\nnva: true\r\n---\r\n",
    );
    let (_, diags) = site.check_json();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    expect(
        &diags,
        "error",
        "content/pages/windows-typo.md",
        3,
        "unknown field `nva`",
        "did you mean `nav`?",
    );
}

#[test]
fn yaml_syntax_and_duplicate_keys_are_located() {
    let site = Site::minimal();
    site.write("pages/syntax.md", "---\ntitle: [unclosed\nnav: true\n---\n");
    site.write(
        "pages/dup.md",
        "---\ntitle: One\nnav: true\ntitle: Two\n---\n",
    );
    let (_, diags) = site.check_json();
    let d = find(&diags, "not valid YAML: duplicate");
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (Some("content/pages/dup.md"), Some(4))
    );
    assert!(
        d["hint"]
            .as_str()
            .unwrap()
            .contains("each field may appear once")
    );
    let d = diags
        .iter()
        .find(|d| d["file"] == "content/pages/syntax.md")
        .expect("syntax error reported");
    assert!(d["message"].as_str().unwrap().contains("not valid YAML"));
    assert!(d["line"].as_u64().unwrap() >= 2);
    assert!(d["hint"].as_str().unwrap().contains("indentation"));
}

#[test]
fn country_no_and_region_on_stay_text() {
    let site = Site::minimal();
    site.write("cocs/oslo.md", "---\nname: Oslo CoC\ncountry: NO\n---\n");
    site.write(
        "cocs/toronto.md",
        "---\nname: Toronto CoC\ncountry: CA\nregion: ON\n---\n",
    );
    let (code, diags) = site.check_json();
    assert_eq!((code, diags.len()), (0, 0), "{diags:#?}");
}

/// `EST` is a real zone name but a fixed offset: written for New York, it
/// puts every summer meeting an hour off, so it is questioned; an offset
/// written as a zone is refused with the zone that means it.
#[test]
fn winter_abbreviations_and_offsets_are_not_taken_for_places() {
    let site = Site::minimal();
    site.write("calls/est.md", &call("timezone: EST\n"));
    site.write("calls/offset.md", &call("timezone: GMT+1\n"));
    let (code, diags) = site.check_json();
    assert_eq!(code, 1);
    let est = find(&diags, "`EST` is a fixed offset from UTC");
    assert_eq!(est["severity"], "warning");
    assert!(
        est["hint"]
            .as_str()
            .unwrap_or("")
            .contains("`America/New_York`")
    );
    let offset = find(&diags, "`GMT+1` is not a time zone");
    assert_eq!(offset["severity"], "error");
    assert!(
        offset["hint"]
            .as_str()
            .unwrap_or("")
            .contains("`Etc/GMT-1`"),
        "{offset}"
    );
}

/// A length without a unit is read as minutes, and said so: `2` meant
/// two hours more often than two minutes.
#[test]
fn a_duration_without_a_unit_is_questioned() {
    let site = Site::minimal();
    site.write("calls/short.md", &call("duration: 2\n"));
    let (code, diags) = site.check_json();
    assert_eq!(code, 0, "a warning, not an error");
    let d = find(&diags, "`duration: 2` has no unit and is read as 2 minutes");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["line"], 8);
}

/// `tags: a, b` is one topic named "a, b": questioned, with the list
/// that was probably meant.
#[test]
fn tags_written_without_brackets_are_questioned() {
    let site = Site::minimal();
    site.write("calls/tagged.md", &call("tags: mutual aid, housing\n"));
    let (code, diags) = site.check_json();
    assert_eq!(code, 0, "a warning, not an error");
    let d = find(&diags, "`tags: mutual aid, housing` is one topic");
    assert_eq!(d["severity"], "warning");
    assert!(
        d["hint"]
            .as_str()
            .unwrap_or("")
            .contains("`tags: [mutual aid, housing]`")
    );
}

/// A topic written twice is one topic, listed once.
#[test]
fn a_topic_written_twice_is_kept_once() {
    let site = Site::minimal();
    site.write(
        "calls/tagged.md",
        &call("tags: [Mutual Aid, housing, mutual-aid]\n"),
    );
    let (code, diags) = site.check_json();
    assert_eq!(code, 0, "a warning, not an error");
    let d = find(&diags, "the topic `mutual-aid` is listed twice");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(8), Some(29))
    );
    let built = site.run(&["build", "--now", "2026-11-24"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let feed = std::fs::read_to_string(site.root().join("output/calendar.ics")).unwrap_or_default();
    assert!(feed.contains("CATEGORIES:Mutual Aid,housing\r\n"), "{feed}");
}

#[test]
fn zones_dates_and_durations_are_validated() {
    let site = Site::minimal();
    site.write("calls/zone.md", &call("timezone: America/New_Yrok\n"));
    site.write(
        "calls/date.md",
        "---\ntitle: X\nstart: 2026-02-30 21:00\n---\n",
    );
    site.write("calls/length.md", &call("duration: 1.5 hours\n"));
    site.write("calls/booleans.md", &call("emergency: yes\n"));
    let (_, diags) = site.check_json();
    expect(
        &diags,
        "error",
        "content/calls/zone.md",
        8,
        "`America/New_Yrok` is not a time zone",
        "did you mean `America/New_York`?",
    );
    expect(
        &diags,
        "error",
        "content/calls/date.md",
        3,
        "February 2026 has 28 days, so day 30 does not exist",
        "YYYY-MM-DD HH:MM",
    );
    expect(
        &diags,
        "error",
        "content/calls/length.md",
        8,
        "`duration` must be a length",
        "`duration: 45m`, `1h` or `1h30m`",
    );
    expect(
        &diags,
        "error",
        "content/calls/booleans.md",
        8,
        "`emergency` must be true or false, found `yes`",
        "`emergency: true`",
    );
}

#[test]
fn repeat_rules_are_validated() {
    let site = Site::minimal();
    site.write(
        "calls/unsupported.md",
        &call("repeat: FREQ=MONTHLY;BYSETPOS=1\n"),
    );
    site.write(
        "calls/both-ends.md",
        &call("repeat: weekly\nuntil: 2026-06-30\ncount: 10\n"),
    );
    site.write(
        "calls/off-rule.md",
        &call("repeat: FREQ=MONTHLY;BYDAY=1MO\n"),
    );
    site.write(
        "calls/backwards.md",
        &call("repeat: weekly\nuntil: 2025-01-01\n"),
    );
    let (_, diags) = site.check_json();
    expect(
        &diags,
        "error",
        "content/calls/unsupported.md",
        8,
        "`BYSETPOS` is not supported",
        "supported parts: FREQ",
    );
    expect(
        &diags,
        "error",
        "content/calls/both-ends.md",
        10,
        "`until` or `count`, not both",
        "keep the one you mean",
    );
    expect(
        &diags,
        "error",
        "content/calls/off-rule.md",
        3,
        "is not a day the `repeat` rule produces",
        "move `start` to the first real meeting",
    );
    expect(
        &diags,
        "error",
        "content/calls/backwards.md",
        9,
        "the series ends before it starts",
        "on or after the date of `start`",
    );
}

/// Moving a meeting to another hour of the same day is common; the new
/// time alone gets a fix that names the date to write.
#[test]
fn a_moved_meeting_with_a_time_and_no_date_is_told_the_date() {
    let site = Site::minimal();
    site.write(
        "calls/series.md",
        &call("repeat: weekly\nmoved: { 2026-03-18: 20:00 }\n"),
    );
    let (code, diags) = site.check_json();
    assert_eq!(code, 1);
    expect(
        &diags,
        "error",
        "content/calls/series.md",
        9,
        "the new time of a moved occurrence, `20:00`, has no date",
        "`2026-03-18: 2026-03-18 20:00`",
    );
}

#[test]
fn cancelled_and_moved_dates_must_be_meetings() {
    let site = Site::minimal();
    // Wednesdays; 2026-03-12 is a Thursday.
    site.write("calls/series.md", &call("repeat: weekly\ncancelled: [2026-03-11, 2026-03-12]\nmoved: { 2026-03-19: 2026-03-20 21:00 }\n"));
    let (_, diags) = site.check_json();
    expect(
        &diags,
        "error",
        "content/calls/series.md",
        9,
        "cancelled date 2026-03-12 is not a meeting of this call; the nearest are Wednesday 2026-03-11 and Wednesday 2026-03-18",
        "only dates on which the series meets",
    );
    expect(
        &diags,
        "error",
        "content/calls/series.md",
        10,
        "moved date 2026-03-19 is not a meeting",
        "the date the call would have met",
    );
    // The latest date named, a day off: the meeting after it is named too.
    site.write(
        "calls/series.md",
        &call("repeat: weekly\ncancelled: [2026-12-08]\n"),
    );
    let (_, diags) = site.check_json();
    find(
        &diags,
        "cancelled date 2026-12-08 is not a meeting of this call; the nearest are Wednesday 2026-12-02 and Wednesday 2026-12-09",
    );
}

#[test]
fn wall_times_in_a_gap_or_an_overlap_say_which_instant_was_chosen() {
    let site = Site::minimal();
    site.write(
        "calls/gap.md",
        "---\ntitle: Night owls\nstart: 2026-03-08 02:30\n---\n",
    );
    site.write(
        "calls/twice.md",
        "---\ntitle: Night owls\nstart: 2026-11-01 01:30\n---\n",
    );
    let (_, diags) = site.check_json();
    expect(
        &diags,
        "warning",
        "content/calls/gap.md",
        3,
        "`start` 2026-03-08 02:30 does not exist in America/New_York: clocks skip that hour; it is read as 03:30 EDT (UTC-04:00)",
        "outside the daylight-saving change",
    );
    expect(
        &diags,
        "warning",
        "content/calls/twice.md",
        3,
        "happens twice in America/New_York: clocks fall back; the first one, 01:30 EDT (UTC-04:00), is used",
        "outside the daylight-saving change",
    );

    // A later meeting of a series in a gap is flagged too.
    site.write(
        "calls/night-series.md",
        "---\ntitle: Night owls\nstart: 2027-02-28 02:30\nrepeat: weekly\n---\n",
    );
    let (_, diags) = site.check_json();
    expect(
        &diags,
        "warning",
        "content/calls/night-series.md",
        3,
        "the meeting at 2027-03-14 02:30 does not exist in America/New_York",
        "outside the daylight-saving change",
    );
}

#[test]
fn ids_must_be_valid_and_unique() {
    let site = Site::minimal();
    site.write("calls/Bad Name.md", &call(""));
    site.write("calls/escape.md", &call("id: ../x\n"));
    site.write("calls/old/weekly.md", &call(""));
    site.write("pages/calendar.md", "---\ntitle: Our calendar\n---\n");
    let (_, diags) = site.check_json();
    expect(
        &diags,
        "error",
        "content/calls/Bad Name.md",
        1,
        "`Bad Name.md` is not a valid id",
        "rename the file to `bad-name.md`",
    );
    expect(
        &diags,
        "error",
        "content/calls/escape.md",
        8,
        "`../x` is not a valid id",
        "like `id: x`",
    );
    expect(
        &diags,
        "error",
        "content/calls/weekly.md",
        1,
        "id `weekly` is already used by content/calls/old/weekly.md",
        "ids must be unique",
    );
    expect(
        &diags,
        "error",
        "content/pages/calendar.md",
        1,
        "taken by the site's own /calendar/ page",
        "rename the file",
    );
}

#[test]
fn records_must_name_a_call_and_a_meeting() {
    let site = Site::minimal();
    site.write(
        "minutes/unknown.md",
        "---\ncall: weekyl\ndate: 2026-11-09\n---\n",
    );
    site.write(
        "minutes/off-day.md",
        "---\ncall: weekly\ndate: 2026-11-11\n---\n",
    );
    site.write(
        "agendas/next.md",
        "---\ncall: weekly\ndate: 2026-11-30\n---\n1. Welcome\n",
    );
    site.write(
        "minutes/again.md",
        "---\ncall: weekly\ndate: 2026-11-16\n---\n",
    );
    let (_, diags) = site.check_json();
    expect(
        &diags,
        "error",
        "content/minutes/unknown.md",
        2,
        "name the call `weekyl`, which does not exist",
        "did you mean `weekly`?",
    );
    expect(
        &diags,
        "warning",
        "content/minutes/off-day.md",
        3,
        "`weekly` does not meet on 2026-11-11 (Wednesday); the nearest are Monday 2026-11-09 and Monday 2026-11-16",
        "set `date:` to the day the call met",
    );
    expect(
        &diags,
        "error",
        "content/minutes/weekly-2026-11-16.md",
        3,
        "content/minutes/again.md already holds the minutes of `weekly` on 2026-11-16",
        "merge the two files",
    );
    assert!(
        !diags.iter().any(|d| d["file"] == "content/agendas/next.md"),
        "{diags:#?}"
    );
}

#[test]
fn a_host_that_looks_like_a_coc_id_must_match_one() {
    let site = Site::minimal();
    site.write(
        "cocs/occupy-boston.md",
        "---\nname: Occupy Boston CoC\n---\n",
    );
    site.write("calls/hosted.md", &call("host: occupy-bostn\n"));
    site.write("calls/free.md", &call("host: Outreach working group\n"));
    let (_, diags) = site.check_json();
    expect(
        &diags,
        "warning",
        "content/calls/hosted.md",
        8,
        "no CoC `occupy-bostn` exists",
        "did you mean the CoC `occupy-boston`?",
    );
    assert!(
        !diags.iter().any(|d| d["file"] == "content/calls/free.md"),
        "{diags:#?}"
    );
}

#[test]
fn people_are_published_by_name_only() {
    let site = Site::minimal();
    site.write("calls/contact.md", "---\ntitle: X\nstart: 2027-01-06 21:00\nfacilitator: Sam <sam@mail.example.com>\nbackup_facilitator: Alex (555) 123-4567\ntech: Jo\nregister: https://example.org/r\n---\n");
    let (_, diags) = site.check_json();
    expect(
        &diags,
        "error",
        "content/calls/contact.md",
        4,
        "`facilitator` contains an email address: `sam@mail.example.com`",
        "publish names only",
    );
    expect(
        &diags,
        "error",
        "content/calls/contact.md",
        5,
        "`backup_facilitator` contains a phone number: `(555) 123-4567`",
        "publish names only",
    );
}

/// Each item of a published list is its own line to fix: every item with
/// a contact is reported, at that item, not the first one at the list.
#[test]
fn every_list_item_with_a_contact_is_reported_at_its_line() {
    let site = Site::minimal();
    site.write(
        "minutes/lists.md",
        "---\ncall: weekly\ndate: 2026-11-09\ndecisions:\n  - Adopt it\n  - Call Jo at 555-0142-1234\n  - Mail jo at jo.x@mail.example.com\n---\n",
    );
    let (code, diags) = site.check_json();
    assert_eq!(code, 1);
    let decisions: Vec<(u64, u64)> = diags
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("`decisions`"))
        })
        .map(|d| {
            (
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(decisions, [(6, 5), (7, 5)], "{diags:?}");
    // An item that is no text (an error of its own) does not shift the
    // place of the ones after it.
    site.write(
        "minutes/lists.md",
        "---\ncall: weekly\ndate: 2026-11-09\ndecisions:\n  - [a, b]\n  - Mail jo at jo.x@mail.example.com\n---\n",
    );
    let (_, diags) = site.check_json();
    let contact = find(&diags, "`decisions` contains an email address");
    assert_eq!(
        (contact["line"].as_u64(), contact["column"].as_u64()),
        (Some(6), Some(5))
    );
}

#[test]
fn fields_that_reach_pages_and_feeds_carry_no_personal_contacts() {
    let site = Site::minimal();
    site.write("calls/leaky.md", "---\ntitle: X\nsummary: Mail jo.smith@mail.example.com\nstart: 2027-01-06 21:00\nfacilitator: A\nbackup_facilitator: B\ntech: C\nregister: https://example.org/r\ndial_in: \"+1 555 010 0199, or Jo on 030/1234567\"\n---\n");
    site.write("minutes/leaky.md", "---\ncall: weekly\ndate: 2026-11-09\ntitle: Notes by kim@mail.example.com\ndecisions: [Ask ray@mail.example.com to host]\n---\n");
    site.write("minutes/private.md", "---\ncall: weekly\ndate: 2026-11-02\nwithheld: true\ntitle: Notes by kim@mail.example.com\n---\n");
    let (code, diags) = site.check_json();
    assert_eq!(code, 1);
    expect(
        &diags,
        "error",
        "content/calls/leaky.md",
        3,
        "`summary` contains an email address: `jo.smith@mail.example.com`",
        "published on pages and in feeds",
    );
    expect(
        &diags,
        "error",
        "content/calls/leaky.md",
        9,
        "`dial_in` contains a phone number: `030/1234567`",
        "the conference bridge's own numbers",
    );
    expect(
        &diags,
        "error",
        "content/minutes/leaky.md",
        4,
        "`title` contains an email address",
        "public_contacts",
    );
    expect(
        &diags,
        "error",
        "content/minutes/leaky.md",
        5,
        "`decisions` contains an email address: `ray@mail.example.com`",
        "public_contacts",
    );
    assert!(
        !diags
            .iter()
            .any(|d| d["file"] == "content/minutes/private.md"),
        "{diags:#?}"
    );
}

#[test]
fn scheduled_calls_need_three_people_and_a_timely_link() {
    let site = Site::minimal();
    site.write("calls/unstaffed.md", "---\ntitle: X\nstart: 2027-01-06 21:00\nfacilitator: Sam\nregister: https://example.org/r\n---\n");
    site.write(
        "calls/requested.md",
        "---\ntitle: X\nstart: 2027-01-06 21:00\nstatus: requested\n---\n",
    );
    site.write(
        "calls/old.md",
        "---\ntitle: X\nstart: 2012-03-14 21:00\n---\n",
    );
    site.write("calls/tomorrow.md", "---\ntitle: X\nstart: 2026-11-25 12:00\nfacilitator: Sam\nbackup_facilitator: Alex\ntech: Jo\n---\n");
    site.write("calls/next-week.md", "---\ntitle: X\nstart: 2026-12-02 21:00\nfacilitator: Sam\nbackup_facilitator: Alex\ntech: Jo\n---\n");
    let (_, diags) = site.check_json();
    expect(
        &diags,
        "warning",
        "content/calls/unstaffed.md",
        1,
        "names no backup_facilitator, no tech",
        "a facilitator, a backup facilitator and a tech supporter",
    );
    expect(
        &diags,
        "warning",
        "content/calls/tomorrow.md",
        1,
        "the call meets Wednesday 2026-11-25 at 12:00 (EST), within 48 hours, and has no registration link",
        "at least 48 hours before the call",
    );
    for quiet in ["requested", "old", "next-week"] {
        let file = format!("content/calls/{quiet}.md");
        assert!(
            !diags.iter().any(|d| d["file"] == file.as_str()),
            "{file}: {diags:#?}"
        );
    }
}

#[test]
fn old_recordings_are_flagged() {
    let site = Site::minimal();
    site.write(
        "minutes/old.md",
        "---\ncall: weekly\ndate: 2026-06-01\nrecording: https://example.org/rec/1\n---\n",
    );
    site.write(
        "minutes/fresh.md",
        "---\ncall: weekly\ndate: 2026-09-14\nrecording: https://example.org/rec/2\n---\n",
    );
    let (_, diags) = site.check_json();
    expect(
        &diags,
        "warning",
        "content/minutes/old.md",
        4,
        "older than the conference service's 120-day retention (expired 2026-09-29)",
        "delete the `recording:` line",
    );
    assert!(
        !diags
            .iter()
            .any(|d| d["file"] == "content/minutes/fresh.md"),
        "{diags:#?}"
    );
}

#[test]
fn personal_contacts_in_public_minutes_are_flagged_at_their_line() {
    let site = Site::minimal();
    site.write("minutes/leak.md", "---\ncall: weekly\ndate: 2026-11-09\n---\n## Next steps\n\n- Kim (kim.lee@mail.example.com) sends the flyer.\n- Call Ray at +1 555 010 0199.\n- Questions to info@example.org.\n");
    site.write("minutes/private.md", "---\ncall: weekly\ndate: 2026-11-02\nwithheld: true\n---\nReach Kim at kim.lee@mail.example.com.\n");
    let (_, diags) = site.check_json();
    expect(
        &diags,
        "warning",
        "content/minutes/leak.md",
        7,
        "An email address in public minutes: `kim.lee@mail.example.com`; the site shows it as “[contact withheld]”",
        "list it under `public_contacts:` in this file",
    );
    assert_eq!(find(&diags, "kim.lee")["column"], 8);
    expect(
        &diags,
        "warning",
        "content/minutes/leak.md",
        8,
        "A phone number in public minutes: `+1 555 010 0199`",
        "if this person agreed to have it published",
    );
    assert_eq!(diags.len(), 2, "{diags:#?}");
}

#[test]
fn five_broken_files_are_all_reported_in_one_run() {
    let site = Site::minimal();
    site.write(
        "calls/one.md",
        "---\ntitel: X\nstart: 2026-01-07 21:00\n---\n",
    );
    site.write("calls/two.md", "---\ntitle: X\nstart: tomorrow\n---\n");
    site.write(
        "minutes/three.md",
        "---\ncall: nope\ndate: 2026-11-09\n---\n",
    );
    site.write("cocs/four.md", "---\ncity: Boston\n---\n");
    site.write("pages/five.md", "---\ntitle: [x\n---\n");
    let (code, diags) = site.check_json();
    assert_eq!(code, 1);
    let mut files: Vec<&str> = diags
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    files.dedup();
    assert_eq!(
        files,
        [
            "content/calls/one.md",
            "content/calls/two.md",
            "content/cocs/four.md",
            "content/minutes/three.md",
            "content/pages/five.md"
        ]
    );
    let human = site.run(&["check", "--now", "2026-11-24"]);
    assert!(human.stderr.contains("errors"), "{}", human.stderr);
}

#[test]
fn strict_turns_warnings_into_failure() {
    let site = Site::minimal();
    site.write(
        "minutes/off-day.md",
        "---\ncall: weekly\ndate: 2026-11-11\n---\n",
    );
    assert_eq!(site.run(&["check", "--now", "2026-11-24"]).code, 0);
    let strict = site.run(&["check", "--strict", "--now", "2026-11-24"]);
    assert_eq!(strict.code, 1);
    assert!(
        strict.stderr.contains("0 errors, 1 warning"),
        "{}",
        strict.stderr
    );
}

#[test]
fn a_request_form_with_nowhere_to_send_fails_strict() {
    let site = Site::minimal();
    let path = site.root().join("content/site.yaml");
    let yaml = std::fs::read_to_string(&path)
        .unwrap()
        .replace("public_contacts: [info@example.org]\n", "");
    site.write("site.yaml", &yaml);
    // Its minutes' address is then a personal one: leave it out.
    let minutes = site.root().join("content/minutes/weekly-2026-11-16.md");
    let text = std::fs::read_to_string(&minutes).unwrap();
    std::fs::write(&minutes, text.replace("info@example.org", "the list")).unwrap();
    let (code, diags) = site.check_json();
    assert_eq!(code, 0, "a warning, not an error");
    assert_eq!(diags.len(), 1, "{diags:#?}");
    expect(
        &diags,
        "warning",
        "content/site.yaml",
        1,
        "the request form (/request/) has nowhere to send requests",
        "`requests: { repository: https://github.com/OWNER/REPO, branch: main }`",
    );
    let strict = site.run(&["check", "--strict", "--now", "2026-11-24"]);
    assert_eq!(strict.code, 1, "the change caused it: {}", strict.stderr);

    // A repository is somewhere to send them.
    site.write(
        "site.yaml",
        &format!("{yaml}requests:\n  repository: https://github.com/owner/net\n"),
    );
    let strict = site.run(&["check", "--strict", "--now", "2026-11-24"]);
    assert_eq!(strict.code, 0, "{}", strict.stderr);
}

#[test]
fn usage_and_io_problems_exit_2() {
    let empty = tempfile::tempdir().unwrap();
    let run = common::run_in(empty.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no content/ folder"), "{}", run.stderr);
    let site = Site::minimal();
    let run = site.run(&["check", "--now", "yesterday"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("YYYY-MM-DD"), "{}", run.stderr);
    let again = site.run(&["init", site.root().to_str().unwrap()]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("already has a content/ folder"),
        "{}",
        again.stderr
    );
}

#[test]
fn github_format_is_workflow_command_syntax() {
    let site = Site::minimal();
    site.write(
        "calls/typo.md",
        "---\ntitle: X\nstart: 2026-01-07 21:00\nfacilitater: Sam\n---\n",
    );
    let run = site.run(&["check", "--format", "github", "--now", "2026-11-24"]);
    assert_eq!(run.code, 1);
    let line = run.stdout.lines().next().unwrap();
    assert_eq!(
        line,
        "::error file=content/calls/typo.md,line=4,col=1::unknown field `facilitater`%0Adid you mean `facilitator`?"
    );
}

#[test]
fn a_missing_site_yaml_is_an_error_with_a_fix() {
    let site = Site::minimal();
    site.remove("site.yaml");
    let (code, diags) = site.check_json();
    assert_eq!(code, 1);
    let d = find(&diags, "site settings file is missing");
    assert_eq!(d["file"], "content/site.yaml");
    assert!(d["hint"].as_str().unwrap().contains("`base_url:`"));
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed() {
    let site = Site::minimal();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: Secret\n---\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        site.root().join("content/pages/secret.md"),
    )
    .unwrap();
    let (_, diags) = site.check_json();
    let d = find(&diags, "symbolic links are not followed");
    assert_eq!(d["file"], "content/pages/secret.md");
}

/// `check` renders everything `build` renders: what fails one fails the
/// other, with the same words at the same place.
#[test]
fn check_fails_on_what_build_fails_with_the_same_message() {
    let cases: [(&str, &str, &str, u64); 3] = [
        (
            "../themes/default/templates/page.html",
            "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ title }</h1>\n{% endblock content %}\n",
            "themes/default/templates/page.html",
            3,
        ),
        (
            "pages/broken.md",
            "---\ntitle: Broken\n---\nFirst line.\n\nSee [the minutes](../minutes/nope.md).\n",
            "content/pages/broken.md",
            6,
        ),
        (
            "faq/broken.md",
            "---\ntitle: Broken\n---\nIntro.\n\n## Where are the minutes?\n\nIn [the archive](../minutes/nope.md).\n",
            "content/faq/broken.md",
            8,
        ),
    ];
    for (rel, text, file, line) in cases {
        let site = Site::sample();
        site.write(rel, text);
        let (code, diags) = {
            let run = site.run(&[
                "check",
                "--strict",
                "--format",
                "json",
                "--now",
                "2026-11-24",
            ]);
            (run.code, run.diagnostics())
        };
        assert_eq!(code, 1, "{file}: {diags:#?}");
        let found: Vec<&Value> = diags.iter().filter(|d| d["file"] == file).collect();
        assert_eq!(found.len(), 1, "{file}: {diags:#?}");
        assert_eq!(found[0]["line"], line, "{file}: {diags:#?}");
        let check = site.run(&["check", "--now", "2026-11-24"]);
        let build = site.run(&["build", "--now", "2026-11-24"]);
        assert_eq!((check.code, build.code), (1, 1), "{file}");
        assert_eq!(
            check.stdout, build.stdout,
            "{file}: check and build say different things"
        );
        assert!(!site.root().join("output/index.html").exists());
    }
}

#[test]
fn a_template_error_and_a_content_error_are_reported_in_one_run() {
    let site = Site::sample();
    site.write("../themes/default/templates/page.html", "{% if %}\n");
    site.write(
        "calls/typo.md",
        "---\ntitel: X\nstart: 2027-01-06 21:00\n---\n",
    );
    let (code, diags) = site.check_json();
    assert_eq!(code, 1);
    assert!(
        diags
            .iter()
            .any(|d| d["file"] == "themes/default/templates/page.html"),
        "{diags:#?}"
    );
    assert!(
        diags.iter().any(|d| d["file"] == "content/calls/typo.md"),
        "{diags:#?}"
    );
}

/// A static file where the site needs a folder (or a folder where it makes
/// a file) fails `check` as it fails `build`, before anything is written;
/// one that replaces a made page is said, not silent.
#[test]
fn static_files_that_clash_with_made_files_are_caught_by_check() {
    for (rel, needle) in [
        ("static/calls", "needs a folder `calls/`"),
        ("static/calendar.ics/a", "`calendar.ics` is a file"),
    ] {
        let site = Site::sample();
        site.write(rel, "x\n");
        let check = site.run(&["check", "--now", "2026-11-24"]);
        let build = site.run(&["build", "--now", "2026-11-24"]);
        assert_eq!((check.code, build.code), (1, 1), "{rel}: {}", build.stderr);
        assert!(check.stdout.contains(needle), "{rel}: {}", check.stdout);
        assert!(check.stdout.contains(&format!("content/{rel}")));
        assert_eq!(check.stdout, build.stdout, "{rel}");
        assert!(!site.root().join("output/index.html").exists());
    }
    let site = Site::sample();
    site.write("static/about/index.html", "<p>mine</p>\n");
    let strict = site.run(&["check", "--strict", "--now", "2026-11-24"]);
    assert_eq!(strict.code, 1, "{}", strict.stdout);
    assert!(
        strict
            .stdout
            .contains("replaces the file callsite makes at `about/index.html`"),
        "{}",
        strict.stdout
    );
    let build = site.run(&["build", "--now", "2026-11-24"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let page = std::fs::read_to_string(site.root().join("output/about/index.html")).unwrap();
    assert_eq!(page, "<p>mine</p>\n");
}

/// A misspelt name given to `safe` fails like a misspelt name printed:
/// Tera alone would render nothing there and pass.
#[test]
fn a_misspelt_name_given_to_safe_is_an_error_not_an_empty_page() {
    let site = Site::sample();
    site.write(
        "../themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<div>{{ body_htlm | safe }}</div>\n{% endblock content %}\n",
    );
    let run = site.run(&["check", "--now", "2026-11-24"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("themes/default/templates/page.html"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("`safe` is not defined"),
        "{}",
        run.stdout
    );
}
