//! The model's checks of minutes and agendas: each names a call and one of
//! its meetings, one record of each kind per meeting whichever of a moved
//! meeting's dates it carries, and minutes come after their meeting.

use super::checks::nearest_text;
use crate::content::{Call, CallStatus, Record, RecordKind};
use crate::diagnostics::{Diagnostic, closest};
use crate::schedule::{self, Meeting, OccurrenceStatus};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};

/// What record checks need to know about the site.
pub struct RecordContext<'a> {
    pub calls: &'a [Call],
    pub call_index: &'a crate::fxhash::FxHashMap<String, usize>,
    /// Calls whose file has an error of its own: records naming them are
    /// not reported again.
    pub broken_calls: &'a HashSet<String>,
    pub now: DateTime<Utc>,
}

/// Every record names a call and one of its meetings, one record per kind
/// and meeting whichever of a moved meeting's dates it carries, and
/// minutes are not written before their meeting.
pub fn check_records(records: &[Record], cx: &RecordContext, diags: &mut Vec<Diagnostic>) {
    let call_of = |id: &str| cx.call_index.get(id).map(|i| &cx.calls[*i]);
    let (dates_by_call, meetings) = meetings_of(records, call_of);
    let mut seen: HashMap<(&str, NaiveDate), &Record> = HashMap::new();
    for r in records {
        if cx.broken_calls.contains(&r.call) {
            continue;
        }
        let Some(list) = meetings.get(r.call.as_str()) else {
            diags.push(unknown_call(r, cx.calls));
            continue;
        };
        let meeting = schedule::meeting_on(list, r.date);
        let identity = meeting.map_or(r.date, |m| m.original);
        match seen.get(&(r.call.as_str(), identity)) {
            Some(first) => diags.push(duplicate(r, first, meeting)),
            None => {
                seen.insert((r.call.as_str(), identity), r);
            }
        }
        match meeting {
            None => {
                let last = dates_by_call.get(r.call.as_str()).and_then(|d| d.last());
                diags.push(not_on_a_meeting(
                    r,
                    call_of(&r.call).zip(last.copied()),
                    list,
                ));
            }
            Some(m) if m.status == OccurrenceStatus::Cancelled => {
                let whole = cx
                    .call_index
                    .get(&r.call)
                    .is_some_and(|i| cx.calls[*i].status == CallStatus::Cancelled);
                diags.push(on_a_cancelled_meeting(r, whole));
            }
            Some(m) if r.kind == RecordKind::Minutes && m.start.with_timezone(&Utc) > cx.now => {
                diags.push(
                    Diagnostic::warning(
                        &r.file,
                        Some(r.at.of("date")),
                        format!(
                            "these minutes are for a meeting that has not started yet ({})",
                            m.start.format("%A %Y-%m-%d at %H:%M %Z")
                        ),
                    )
                    .hint("minutes are written after the call: check `date:`"),
                );
            }
            Some(_) => {}
        }
    }
}

fn unknown_call(r: &Record, calls: &[Call]) -> Diagnostic {
    let ids: Vec<&str> = calls.iter().map(|c| c.id.as_str()).collect();
    let hint = match closest(&r.call, &ids) {
        Some(c) => format!("did you mean `{c}`?"),
        None => "use the file name (without .md) of a call in content/calls/".to_string(),
    };
    let what = match r.kind {
        RecordKind::Minutes => "these minutes name",
        RecordKind::Agenda => "this agenda names",
    };
    Diagnostic::error(
        &r.file,
        Some(r.at.of("call")),
        format!("{what} the call `{}`, which does not exist", r.call),
    )
    .hint(hint)
    .width(r.call.len())
}

/// A second record of one meeting: says which file holds it, and for a
/// moved meeting which date to keep.
fn duplicate(r: &Record, first: &Record, meeting: Option<&Meeting>) -> Diagnostic {
    let noun = r.kind.noun();
    match meeting.filter(|m| m.moved()) {
        Some(m) => Diagnostic::error(
            &r.file,
            Some(r.at.of("date")),
            format!(
                "{} already holds the {noun} of this meeting of `{}`, planned for {} and held on {}",
                first.file, r.call, m.original, m.held
            ),
        )
        .hint(format!(
            "a meeting has one {noun} file: merge the two into one, dated {} (the day it was held)",
            m.held
        )),
        None => Diagnostic::error(
            &r.file,
            Some(r.at.of("date")),
            format!(
                "{} already holds the {noun} of `{}` on {}",
                first.file, r.call, r.date
            ),
        )
        .hint("merge the two files, or fix the `date:` of one of them"),
    }
}

fn on_a_cancelled_meeting(r: &Record, whole: bool) -> Diagnostic {
    let (message, hint) = if whole {
        (
            format!(
                "`{}` is cancelled as a whole (`status: cancelled`), so it did not meet on {}",
                r.call, r.date
            ),
            "if the series ran for a while before it stopped, end it with `until:` instead of `status: cancelled`",
        )
    } else {
        (
            format!("the meeting of `{}` on {} was cancelled", r.call, r.date),
            "fix the date, or remove the date from the call's `cancelled:` list if the call took place",
        )
    };
    Diagnostic::warning(&r.file, Some(r.at.of("date")), message).hint(hint)
}

/// A list per call id.
type ByCall<'r, T> = HashMap<&'r str, Vec<T>>;

/// Per call id, the dates of `records` (sorted, each once) and the
/// meetings on them, for the calls `call_of` knows.
fn meetings_of<'r, 'c>(
    records: &'r [Record],
    call_of: impl Fn(&str) -> Option<&'c Call>,
) -> (ByCall<'r, NaiveDate>, ByCall<'r, Meeting>) {
    let mut dates_by_call: HashMap<&str, Vec<NaiveDate>> = HashMap::new();
    for r in records {
        dates_by_call.entry(&r.call).or_default().push(r.date);
    }
    let meetings = dates_by_call
        .iter_mut()
        .filter_map(|(id, dates)| {
            dates.sort_unstable();
            dates.dedup();
            Some((*id, schedule::meetings_on(call_of(id)?, dates)))
        })
        .collect();
    (dates_by_call, meetings)
}

/// `r` is on no meeting of its call; `call` and the last date of its
/// records give every meeting to name the nearest from (`kept` holds only
/// those that records are dated on).
fn not_on_a_meeting(r: &Record, call: Option<(&Call, NaiveDate)>, kept: &[Meeting]) -> Diagnostic {
    let all = call.map(|(call, last)| schedule::meetings(call, last));
    let held = all
        .as_deref()
        .unwrap_or(kept)
        .iter()
        .filter(|m| m.status != OccurrenceStatus::Cancelled)
        .map(|m| m.held);
    Diagnostic::warning(&r.file, Some(r.at.of("date")), format!(
        "`{}` does not meet on {} ({}){}",
        r.call,
        r.date,
        crate::time::weekday_name(chrono::Datelike::weekday(&r.date)),
        nearest_text(r.date, held),
    ))
    .hint("set `date:` to the day the call met, or record a one-time change under the call's `moved:`")
}
