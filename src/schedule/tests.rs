//! Tests of the expansion engine against hand-computed schedules.

use super::expand::*;
use super::occurrences::*;
use crate::content::{Call, CallStatus};
use crate::recurrence::End;
use crate::time::parse_datetime;
use chrono::{DateTime, Utc};

pub(super) fn call(start: &str, zone: &str, repeat: Option<&str>) -> Call {
    let start = parse_datetime(start).unwrap();
    Call {
        id: "c".into(),
        file: "content/calls/c.md".into(),
        title: "C".into(),
        summary: None,
        host: None,
        start,
        timezone: zone.parse().unwrap(),
        duration_minutes: 60,
        rule: repeat.map(|r| crate::recurrence::parse(r, start).unwrap()),
        cancelled: Vec::new(),
        moved: Vec::new(),
        status: CallStatus::Scheduled,
        emergency: false,
        facilitator: None,
        backup_facilitator: None,
        tech: None,
        register: None,
        dial_in: None,
        notes_doc: None,
        list: None,
        minutes_public: true,
        tags: Vec::new(),
        draft: false,
        request: Default::default(),
        body: Default::default(),
        at: Default::default(),
    }
}

pub(super) fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn starts(c: &Call, from: &str, to: &str) -> Vec<String> {
    occurrences(c, utc(from), utc(to))
        .iter()
        .map(|o| o.start.to_rfc3339())
        .collect()
}

fn dates(c: &Call, n: usize) -> Vec<String> {
    series(c)
        .take(n)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .collect()
}

#[test]
fn a_weekly_call_keeps_its_wall_time_across_both_dst_changes() {
    let c = call("2026-03-03 21:00", "America/New_York", Some("weekly"));
    assert_eq!(
        starts(&c, "2026-03-01T00:00:00Z", "2026-03-18T02:00:00Z"),
        [
            "2026-03-03T21:00:00-05:00",
            "2026-03-10T21:00:00-04:00",
            "2026-03-17T21:00:00-04:00"
        ]
    );
    assert_eq!(
        starts(&c, "2026-10-26T00:00:00Z", "2026-11-11T03:00:00Z"),
        [
            "2026-10-27T21:00:00-04:00",
            "2026-11-03T21:00:00-05:00",
            "2026-11-10T21:00:00-05:00"
        ]
    );
}

#[test]
fn biweekly_in_berlin() {
    let c = call("2026-03-07 18:00", "Europe/Berlin", Some("biweekly"));
    assert_eq!(
        starts(&c, "2026-03-01T00:00:00Z", "2026-04-10T00:00:00Z"),
        [
            "2026-03-07T18:00:00+01:00",
            "2026-03-21T18:00:00+01:00",
            "2026-04-04T18:00:00+02:00"
        ]
    );
}

#[test]
fn monthly_is_the_same_nth_weekday_or_the_last_one() {
    let second_thursday = call("2026-01-08 21:00", "America/New_York", Some("monthly"));
    assert_eq!(
        dates(&second_thursday, 4),
        ["2026-01-08", "2026-02-12", "2026-03-12", "2026-04-09"]
    );
    let last_friday = call("2026-01-30 12:00", "America/New_York", Some("monthly"));
    assert_eq!(
        dates(&last_friday, 4),
        ["2026-01-30", "2026-02-27", "2026-03-27", "2026-04-24"]
    );
}

#[test]
fn rrules_with_ordinal_weekdays_month_days_and_months() {
    let c = call(
        "2026-02-04 20:00",
        "America/New_York",
        Some("FREQ=MONTHLY;BYDAY=1WE,3WE;COUNT=5"),
    );
    assert_eq!(
        dates(&c, 9),
        [
            "2026-02-04",
            "2026-02-18",
            "2026-03-04",
            "2026-03-18",
            "2026-04-01"
        ]
    );
    let c = call(
        "2026-01-30 12:00",
        "UTC",
        Some("FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=2"),
    );
    assert_eq!(dates(&c, 3), ["2026-01-30", "2026-03-27", "2026-05-29"]);
    let c = call(
        "2026-01-31 12:00",
        "UTC",
        Some("FREQ=MONTHLY;BYMONTHDAY=-1"),
    );
    assert_eq!(dates(&c, 3), ["2026-01-31", "2026-02-28", "2026-03-31"]);
    let c = call(
        "2026-05-01 12:00",
        "UTC",
        Some("FREQ=YEARLY;BYMONTH=5,11;BYDAY=1FR"),
    );
    assert_eq!(dates(&c, 3), ["2026-05-01", "2026-11-06", "2027-05-07"]);
    let c = call(
        "2026-01-05 12:00",
        "UTC",
        Some("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"),
    );
    assert_eq!(
        dates(&c, 4),
        ["2026-01-05", "2026-01-08", "2026-01-19", "2026-01-22"]
    );
    let c = call("2026-01-05 12:00", "UTC", Some("FREQ=DAILY;BYDAY=MO,WE,FR"));
    assert_eq!(
        dates(&c, 4),
        ["2026-01-05", "2026-01-07", "2026-01-09", "2026-01-12"]
    );
}

#[test]
fn an_impossible_rule_ends_instead_of_spinning() {
    let c = call(
        "2026-01-30 12:00",
        "UTC",
        Some("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),
    );
    assert_eq!(dates(&c, 5), ["2026-01-30"]);
}

#[test]
fn until_is_inclusive_of_its_local_day_and_count_includes_the_first() {
    let mut c = call("2026-01-07 21:00", "America/New_York", Some("weekly"));
    c.rule.as_mut().unwrap().end =
        End::Until(chrono::NaiveDate::from_ymd_opt(2026, 1, 21).unwrap());
    assert_eq!(dates(&c, 10), ["2026-01-07", "2026-01-14", "2026-01-21"]);
    c.rule.as_mut().unwrap().end = End::Count(2);
    assert_eq!(dates(&c, 10), ["2026-01-07", "2026-01-14"]);
}

#[test]
fn the_sample_series_end_where_their_pages_say() {
    let mut europe = call("2026-03-07 18:00", "Europe/Berlin", Some("weekly"));
    europe.rule.as_mut().unwrap().end = End::Count(52);
    assert_eq!(
        series(&europe).last().unwrap().date().to_string(),
        "2027-02-27"
    );
    let mut coc = call("2026-01-08 21:00", "America/New_York", Some("monthly"));
    coc.rule.as_mut().unwrap().end = End::Count(24);
    assert_eq!(
        series(&coc).last().unwrap().date().to_string(),
        "2027-12-09"
    );
}

#[test]
fn cancellations_and_moves_are_applied_and_marked() {
    let mut c = call(
        "2026-02-04 20:00",
        "America/New_York",
        Some("FREQ=MONTHLY;BYDAY=1WE,3WE"),
    );
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    c.cancelled.push((day("2026-12-16"), Default::default()));
    c.moved.push(crate::content::call::Move {
        from: day("2026-12-02"),
        to: parse_datetime("2026-12-03 20:00").unwrap(),
        pos: Default::default(),
    });
    let occ = occurrences(&c, utc("2026-12-01T00:00:00Z"), utc("2027-01-10T00:00:00Z"));
    let seen: Vec<(String, OccurrenceStatus, String)> = occ
        .iter()
        .map(|o| (o.start.to_rfc3339(), o.status, o.original.to_string()))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "2026-12-03T20:00:00-05:00".into(),
                OccurrenceStatus::Moved,
                "2026-12-02 20:00:00".into()
            ),
            (
                "2026-12-16T20:00:00-05:00".into(),
                OccurrenceStatus::Cancelled,
                "2026-12-16 20:00:00".into()
            ),
            (
                "2027-01-06T20:00:00-05:00".into(),
                OccurrenceStatus::Scheduled,
                "2027-01-06 20:00:00".into()
            ),
        ]
    );
    c.status = CallStatus::Cancelled;
    let occ = occurrences(&c, utc("2027-01-01T00:00:00Z"), utc("2027-02-01T00:00:00Z"));
    assert!(occ.iter().all(|o| o.status == OccurrenceStatus::Cancelled) && occ.len() == 2);
}

#[test]
fn occurrences_in_a_gap_or_overlap_follow_rfc_5545() {
    // 02:30 daily: on 2026-03-08 New York skips 02:00–03:00.
    let c = call("2026-03-07 02:30", "America/New_York", Some("daily"));
    assert_eq!(
        starts(&c, "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z"),
        [
            "2026-03-07T02:30:00-05:00",
            "2026-03-08T03:30:00-04:00",
            "2026-03-09T02:30:00-04:00"
        ]
    );
    // 01:30 on 2026-11-01 happens twice; the first (EDT) is meant.
    let c = call("2026-10-31 01:30", "America/New_York", Some("daily"));
    assert_eq!(
        starts(&c, "2026-10-31T00:00:00Z", "2026-11-02T12:00:00Z"),
        [
            "2026-10-31T01:30:00-04:00",
            "2026-11-01T01:30:00-04:00",
            "2026-11-02T01:30:00-05:00"
        ]
    );
}

#[test]
fn a_one_off_call_is_one_occurrence() {
    let c = call("2026-12-01 20:00", "America/New_York", None);
    assert_eq!(dates(&c, 5), ["2026-12-01"]);
    assert_eq!(
        starts(&c, "2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ["2026-12-01T20:00:00-05:00"]
    );
}

#[test]
fn until_in_utc_excludes_a_later_local_meeting() {
    // 23 November 21:00 EST is 02:00 UTC on the 24th, after UNTIL.
    let c = call(
        "2026-11-09 21:00",
        "America/New_York",
        Some("FREQ=WEEKLY;UNTIL=20261124T010000Z"),
    );
    assert_eq!(dates(&c, 9), ["2026-11-09", "2026-11-16"]);
}

#[test]
fn a_meeting_moved_in_from_beyond_the_window_is_in_it() {
    let mut c = call("2026-01-05 21:00", "America/New_York", Some("weekly"));
    c.moved.push(crate::content::call::Move {
        from: chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
        to: parse_datetime("2026-12-10 21:00").unwrap(),
        pos: Default::default(),
    });
    let occ = occurrences(&c, utc("2026-12-10T00:00:00Z"), utc("2026-12-12T00:00:00Z"));
    assert_eq!(occ.len(), 1, "{occ:?}");
    assert_eq!(occ[0].status, OccurrenceStatus::Moved);
}

#[test]
fn a_walk_from_a_date_gives_what_the_whole_walk_gives_from_it() {
    let rules = [
        "weekly",
        "biweekly",
        "monthly",
        "daily",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=DAILY;BYDAY=MO,WE,FR",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
        "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU,SA",
        "FREQ=WEEKLY;BYMONTH=1,7",
        "FREQ=WEEKLY;UNTIL=20261124T010000Z",
        "FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=2",
        "FREQ=MONTHLY;BYDAY=1WE,3WE",
        "FREQ=MONTHLY;BYDAY=1WE,3WE;COUNT=40",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=MONTHLY;BYMONTHDAY=31",
        "FREQ=YEARLY;BYMONTH=5,11;BYDAY=1FR",
        "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29",
    ];
    let first = chrono::NaiveDate::from_ymd_opt(2013, 1, 1).unwrap();
    let end = first + chrono::Duration::days(5_200);
    for rule in rules {
        let c = call("2014-09-30 18:30", "America/Chicago", Some(rule));
        let all: Vec<_> = series(&c).take_while(|t| t.date() < end).collect();
        // From before the start, on it, within its first periods, and on
        // each of 700 days spread over the next thirteen years.
        for step in 0..700 {
            let from = first + chrono::Duration::days(step * 7 + step % 5);
            let expected: Vec<_> = all.iter().filter(|t| t.date() >= from).take(30).collect();
            let got: Vec<_> = series_from(&c, from)
                .take_while(|t| t.date() < end)
                .take(30)
                .collect();
            assert_eq!(
                got.iter().collect::<Vec<_>>(),
                expected,
                "{rule} from {from}"
            );
        }
    }
}

#[test]
fn the_meetings_records_are_dated_on_are_those_of_the_whole_list() {
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    for rule in [
        "weekly",
        "FREQ=MONTHLY;BYDAY=1WE,3WE",
        "FREQ=WEEKLY;COUNT=300",
    ] {
        let mut c = call("2014-10-01 18:30", "America/Chicago", Some(rule));
        let moves = [
            ("2015-01-07", "2015-01-08 19:00"),
            ("2019-05-15", "2019-05-01 18:30"),
            ("2020-02-05", "2020-02-12 18:30"),
        ];
        for (from, to) in moves {
            c.moved.push(crate::content::call::Move {
                from: d(from),
                to: parse_datetime(to).unwrap(),
                pos: Default::default(),
            });
        }
        c.cancelled.push((d("2016-03-02"), Default::default()));
        let mut dates: Vec<_> = (0..1_500)
            .map(|i| d("2014-09-20") + chrono::Duration::days(i * 3))
            .chain(moves.iter().map(|(_, to)| d(&to[..10])))
            .collect();
        dates.sort_unstable();
        dates.dedup();
        // Every window of the dates: the first few, a handful, all.
        for (skip, take) in [(0, 3), (40, 9), (700, 40), (0, dates.len())] {
            let some: Vec<_> = dates.iter().copied().skip(skip).take(take).collect();
            let last = *some.last().unwrap();
            let on = |x: chrono::NaiveDate| some.contains(&x);
            let expected: Vec<_> = meetings(&c, last)
                .into_iter()
                .filter(|m| on(m.original) || on(m.held))
                .collect();
            assert_eq!(meetings_on(&c, &some), expected, "{rule}, {skip}+{take}");
        }
    }
}
