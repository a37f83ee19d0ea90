//! The calendar's lookups: a meeting's place in its call, a month's
//! meetings.

use super::Calendar;
use super::occurrences::Occurrence;
use super::tests::{call, utc};
use chrono::Datelike;

#[test]
fn a_meeting_is_found_in_its_call_by_address_and_a_copy_is_not() {
    let calls = vec![
        call("2026-01-05T19:00", "America/New_York", Some("FREQ=WEEKLY")),
        call(
            "2026-01-07T12:00",
            "Europe/Berlin",
            Some("FREQ=WEEKLY;INTERVAL=2"),
        ),
    ];
    let calendar = Calendar::build(&calls, utc("2026-06-01T00:00:00Z"), 90);
    for position in 0..calls.len() {
        let list = calendar.of(position);
        assert!(list.len() > 5);
        for (k, o) in list.iter().enumerate() {
            assert_eq!(calendar.index_in_call(position, o), Some(k));
            let copy = o.clone();
            assert_eq!(calendar.index_in_call(position, &copy), None);
        }
        let other = calendar.of(1 - position);
        assert_eq!(calendar.index_in_call(position, &other[0]), None);
    }
}

#[test]
fn a_months_meetings_are_those_whose_local_date_is_in_it() {
    // Meetings at local midnight in the zones furthest ahead of and behind
    // UTC fall in another UTC month than their own.
    let calls = vec![
        call("2026-01-01T00:00", "Pacific/Kiritimati", Some("FREQ=DAILY")),
        call("2026-01-01T23:30", "Etc/GMT+12", Some("FREQ=DAILY")),
        call("2026-01-05T19:00", "America/New_York", Some("FREQ=WEEKLY")),
    ];
    let calendar = Calendar::build(&calls, utc("2026-06-15T00:00:00Z"), 120);
    let every: Vec<(usize, &Occurrence)> = calendar
        .between(&calls, calendar.from, calendar.horizon)
        .into_iter()
        .collect();
    let months = &calendar.months;
    for (n, &(year, month)) in months.iter().enumerate() {
        let expected: Vec<_> = every
            .iter()
            .filter(|(_, o)| o.start.year() == year && o.start.month() == month)
            .map(|(i, o)| (*i, o.start))
            .collect();
        let got: Vec<_> = calendar
            .in_month(year, month)
            .into_iter()
            .map(|(i, o)| (i, o.start))
            .collect();
        assert!(!got.is_empty());
        assert_eq!(got, expected, "{year}-{month}");
        if n > 0 && n + 1 < months.len() {
            let first = got.first().unwrap().1;
            assert_eq!(first.day(), 1, "{year}-{month}: the 1st, in its own zone");
        }
    }
}

/// What lists the meetings ahead (the home page, the calendar, its JSON,
/// topic pages, widgets) keeps a meeting until it ends, as a call's own
/// page does: late joiners look for the link of the one under way.
#[test]
fn a_meeting_under_way_is_still_ahead_until_it_ends() {
    let calls = vec![
        call("2026-01-05T19:00", "America/New_York", Some("FREQ=WEEKLY")),
        call("2026-01-05T18:00", "America/New_York", Some("FREQ=WEEKLY")),
    ];
    // Monday 2026-06-01 19:30 in New York: the first call's meeting (an
    // hour from 19:00) is half over, the second's (18:00-19:00) is over.
    let calendar = Calendar::build(&calls, utc("2026-06-01T23:30:00Z"), 30);
    let starts = |list: Vec<(usize, &Occurrence)>| -> Vec<(usize, String)> {
        list.into_iter()
            .map(|(i, o)| (i, o.start.to_rfc3339()))
            .take(2)
            .collect()
    };
    let expected = [
        (0, "2026-06-01T19:00:00-04:00".to_string()),
        (1, "2026-06-08T18:00:00-04:00".to_string()),
    ];
    assert_eq!(starts(calendar.ahead(calendar.horizon)), expected);
    assert_eq!(
        starts(calendar.ahead_of(&[0, 1], calendar.horizon)),
        expected
    );
    assert_eq!(
        starts(calendar.ahead_of(&[1], calendar.horizon))[0],
        expected[1]
    );
    let at_end = Calendar::build(&calls, utc("2026-06-02T00:00:00Z"), 30);
    assert_eq!(
        starts(at_end.ahead(at_end.horizon))[0].1,
        "2026-06-08T18:00:00-04:00",
        "a meeting that has ended is not ahead"
    );
}
