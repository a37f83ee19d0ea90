//! callsite's own schedule engine run on what the import is about to
//! write, so the import can check that a call it writes meets exactly when
//! the original event did before writing it.

use crate::content::{Call, CallStatus};
use crate::recurrence::Rule;
use crate::schedule;
use chrono::NaiveDateTime;
use chrono_tz::Tz;

/// A bare call with only what the schedule reads.
pub fn call(start: NaiveDateTime, zone: Tz, rule: Option<Rule>) -> Call {
    Call {
        id: "import".into(),
        file: String::new(),
        title: String::new(),
        summary: None,
        host: None,
        start,
        timezone: zone,
        duration_minutes: 60,
        rule,
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

/// The wall times the call's rule gives, up to and including `cutoff`.
pub fn walls(call: &Call, cutoff: NaiveDateTime) -> Vec<NaiveDateTime> {
    schedule::series(call)
        .take_while(|t| *t <= cutoff)
        .collect()
}

/// The wall times `rule` gives from `start` (which need not be one of
/// them: then it is left out, as RFC 5545 expanders other than ours do),
/// up to `cutoff`.
pub fn rule_walls(
    start: NaiveDateTime,
    zone: Tz,
    rule: &Rule,
    cutoff: NaiveDateTime,
) -> Vec<NaiveDateTime> {
    let c = call(start, zone, Some(rule.clone()));
    let own = schedule::start_matches_rule(&c);
    let mut c = c;
    if !own {
        // Our series always yields `start` first and counts it.
        if let Some(r) = c.rule.as_mut()
            && let crate::recurrence::End::Count(n) = r.end
        {
            r.end = crate::recurrence::End::Count(n.saturating_add(1));
        }
    }
    schedule::series(&c)
        .skip(usize::from(!own))
        .take_while(|t| *t <= cutoff)
        .collect()
}
