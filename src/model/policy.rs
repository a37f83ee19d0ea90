//! The network's call policy, measured against "now": full staffing for
//! calls still to be held, a registration link in time, and recordings that
//! have outlived the conference service's retention. The last two are
//! date-driven: the passage of time alone raises them.

use crate::content::{Call, CallStatus, Record, SiteConfig};
use crate::diagnostics::{Diagnostic, Pos, plural};
use crate::schedule::{self, OccurrenceStatus};
use chrono::{DateTime, Duration, Utc};

/// The call protocol staffs every call with a facilitator, a backup
/// facilitator and a tech supporter; checked for calls still to be held.
pub fn lint_staffing(call: &Call, now: DateTime<Utc>, diags: &mut Vec<Diagnostic>) {
    if call.status != CallStatus::Scheduled || !has_meeting_after(call, now) {
        return;
    }
    let missing: Vec<&str> = [
        ("facilitator", &call.facilitator),
        ("backup_facilitator", &call.backup_facilitator),
        ("tech", &call.tech),
    ]
    .iter()
    .filter(|(_, v)| v.is_none())
    .map(|(k, _)| *k)
    .collect();
    if !missing.is_empty() {
        diags.push(
            Diagnostic::warning(&call.file, Some(Pos { line: 1, column: 1 }), format!("this scheduled call names no {}", missing.join(", no ")))
                .hint("every call needs a facilitator, a backup facilitator and a tech supporter: add `facilitator:`, `backup_facilitator:` and `tech:` with their names"),
        );
    }
}

fn has_meeting_after(call: &Call, now: DateTime<Utc>) -> bool {
    let today = now.with_timezone(&call.timezone).date_naive();
    let last = today + Duration::days(3660);
    // Lazily: an open series stops at its first meeting still to come.
    schedule::series_held_from(call, today)
        .take_while(|t| t.date() <= last)
        .any(|t| {
            let (moved, cancelled) = schedule::fate(call, t.date());
            !cancelled && moved.map_or(t.date(), |m| m.to.date()) >= today
        })
}

/// The registration link must be public `link_posted_hours` before a call.
pub fn lint_register_link(
    call: &Call,
    config: &SiteConfig,
    now: DateTime<Utc>,
    diags: &mut Vec<Diagnostic>,
) {
    if call.status != CallStatus::Scheduled || call.register.is_some() {
        return;
    }
    let hours = i64::from(config.policy.link_posted_hours);
    let soon = schedule::occurrences(call, now, now + Duration::hours(hours))
        .into_iter()
        .find(|o| o.status != OccurrenceStatus::Cancelled && o.start.with_timezone(&Utc) >= now);
    if let Some(next) = soon {
        diags.push(
            Diagnostic::warning(&call.file, Some(Pos { line: 1, column: 1 }), format!(
                "the call meets {} ({}), within {}, and has no registration link",
                next.start.format("%A %Y-%m-%d at %H:%M"),
                next.start.format("%Z"),
                plural(hours as usize, "hour"),
            ))
            .hint(format!("add `register: https://…`; the protocol asks for the link to be public at least {} before the call", plural(hours as usize, "hour")))
            .date_driven(),
        );
    }
}

/// The conference service deletes recordings after its retention period.
pub fn lint_recording(
    record: &Record,
    config: &SiteConfig,
    now: DateTime<Utc>,
    diags: &mut Vec<Diagnostic>,
) {
    if record.recording.is_none() {
        return;
    }
    let days = i64::from(config.policy.recording_retention_days);
    let expired = record.date + Duration::days(days);
    if now.date_naive() > expired {
        diags.push(
            Diagnostic::warning(&record.file, record.at.get("recording"), format!(
                "this recording is older than the conference service's {days}-day retention (expired {expired}) and is probably gone"
            ))
            .hint("delete the `recording:` line, or link a copy kept elsewhere")
            .date_driven(),
        );
    }
}
