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
