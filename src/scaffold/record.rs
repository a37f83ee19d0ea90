//! `callsite new minutes CALL [DATE]` and `new agenda CALL [DATE]`: the
//! stub of a record for one meeting. Minutes are for the latest meeting
//! that has started, an agenda for the next one; a meeting has one record
//! of each kind whichever of a moved meeting's dates it carries.

use crate::BuildOptions;
use crate::content::{Call, RecordKind};
use crate::diagnostics::closest;
use crate::error::Error;
use crate::model::{self, Site};
use crate::schedule::{self, Meeting, OccurrenceStatus};
use chrono::{NaiveDate, Utc};
use std::path::PathBuf;

/// The path and text of a new record of `call_id`.
pub fn record(
    opts: &BuildOptions,
    kind: RecordKind,
    call_id: &str,
    date: Option<NaiveDate>,
    force: bool,
) -> Result<(PathBuf, String), Error> {
    let site = load_site(opts)?;
    let call = find_call(&site, call_id)?;
    let today = opts.now.with_timezone(&call.timezone).date_naive();
    let meetings = schedule::meetings(
        call,
        today.max(date.unwrap_or(today)) + chrono::Duration::days(400),
    );
    let given_date = date.is_some();
    let (date, meeting) = match date {
        Some(d) => given(kind, call, d, &meetings, opts, force)?,
        None => picked(kind, call, &meetings, opts)?,
    };
    refuse_existing(&site, kind, call, (date, meeting), given_date)?;
    let folder = match kind {
        RecordKind::Minutes => "minutes",
        RecordKind::Agenda => "agendas",
    };
    let rel = PathBuf::from(format!("content/{folder}/{call_id}/{call_id}-{date}.md"));
    let agenda = meeting
        .and_then(|m| {
            site.record_on(RecordKind::Agenda, call_id, m.original)
                .or_else(|| site.record_on(RecordKind::Agenda, call_id, m.held))
        })
        .or_else(|| site.record_on(RecordKind::Agenda, call_id, date));
    Ok((rel, super::stubs::record(kind, call, date, agenda)))
}

/// The site as the model sees it: loading and checking only, no rendering.
fn load_site(opts: &BuildOptions) -> Result<Site, Error> {
    let sources = crate::load::load(&opts.root)?;
    let mut diags = Vec::new();
    let model_opts = model::ModelOptions {
        now: opts.now,
        drafts: opts.drafts,
    };
    model::build(sources, model_opts, &mut diags).ok_or_else(|| {
        Error::Usage("content/site.yaml has errors; run `callsite check` and fix them first".into())
    })
}

fn find_call<'a>(site: &'a Site, call_id: &str) -> Result<&'a Call, Error> {
    site.call(call_id).ok_or_else(|| {
        let ids: Vec<&str> = site.calls.iter().map(|c| c.id.as_str()).collect();
        let hint =
            closest(call_id, &ids).map_or_else(String::new, |c| format!("; did you mean `{c}`?"));
        Error::Usage(format!("there is no call `{call_id}`{hint}"))
    })
}

/// A date given on the command line: it must be a meeting that is not
/// cancelled and, for minutes, one that has started; `--force` writes it
/// anyway.
fn given<'m>(
    kind: RecordKind,
    call: &Call,
    d: NaiveDate,
    meetings: &'m [Meeting],
    opts: &BuildOptions,
    force: bool,
) -> Result<(NaiveDate, Option<&'m Meeting>), Error> {
    let meeting =
        schedule::meeting_on(meetings, d).filter(|m| m.status != OccurrenceStatus::Cancelled);
    if force {
        return Ok((d, meeting));
    }
    let Some(m) = meeting else {
        let near = nearest(d, meetings);
        return Err(Error::Usage(format!(
            "`{}` does not meet on {d}{near}; give one of its dates, or pass --force to write it anyway",
            call.id
        )));
    };
    if kind == RecordKind::Minutes && m.start.with_timezone(&Utc) > opts.now {
        return Err(Error::Usage(format!(
            "the meeting of `{}` on {d} has not started yet ({}); minutes are written after the call, or pass --force",
            call.id,
            m.start.format("%A %-d %B %Y, %-I:%M %p %Z")
        )));
    }
    Ok((d, Some(m)))
}

/// Without a date: minutes for the latest meeting that has started, an
/// agenda for the next one; a moved meeting under the day it is held.
fn picked<'m>(
    kind: RecordKind,
    call: &Call,
    meetings: &'m [Meeting],
    opts: &BuildOptions,
) -> Result<(NaiveDate, Option<&'m Meeting>), Error> {
    let held = |m: &&Meeting| m.status != OccurrenceStatus::Cancelled;
    let started = |m: &&Meeting| m.start.with_timezone(&Utc) <= opts.now;
    let pick = match kind {
        RecordKind::Minutes => meetings
            .iter()
            .filter(held)
            .filter(started)
            .max_by_key(|m| m.start),
        RecordKind::Agenda => meetings
            .iter()
            .filter(held)
            .filter(|m| !started(m))
            .min_by_key(|m| m.start),
    };
    let m = pick.ok_or_else(|| {
        Error::Usage(format!(
            "`{}` has no {} meeting; give a date",
            call.id,
            match kind {
                RecordKind::Minutes => "past",
                RecordKind::Agenda => "coming",
            }
        ))
    })?;
    Ok((m.held, Some(m)))
}

/// One minutes (or agenda) file per meeting, whichever of a moved
/// meeting's dates it carries: point at the one there is.
fn refuse_existing(
    site: &Site,
    kind: RecordKind,
    call: &Call,
    (date, meeting): (NaiveDate, Option<&Meeting>),
    given_date: bool,
) -> Result<(), Error> {
    let what = match kind {
        RecordKind::Minutes => "minutes",
        RecordKind::Agenda => "an agenda",
    };
    let dates = meeting.map_or([date, date], |m| [m.original, m.held]);
    let Some(other) = dates
        .iter()
        .find_map(|d| site.record_on(kind, &call.id, *d))
    else {
        return Ok(());
    };
    let day = crate::time::long_date(date);
    Err(Error::Usage(if given_date {
        format!(
            "the meeting of `{}` on {day} already has {what}: {}; edit that file",
            call.id, other.file
        )
    } else {
        let which = match kind {
            RecordKind::Minutes => format!("latest meeting of `{}` that has started", call.id),
            RecordKind::Agenda => format!("next meeting of `{}`", call.id),
        };
        format!(
            "the {which}, {} {day}, already has {what}: {}; edit that file, or give the date of another meeting",
            crate::time::weekday_name(chrono::Datelike::weekday(&date)),
            other.file
        )
    }))
}

/// ", the nearest meetings are … and …" for a date that is not one.
fn nearest(date: NaiveDate, meetings: &[Meeting]) -> String {
    let held = || {
        meetings
            .iter()
            .filter(|m| m.status != OccurrenceStatus::Cancelled)
    };
    let before = held().filter(|m| m.held < date).map(|m| m.held).max();
    let after = held().filter(|m| m.held > date).map(|m| m.held).min();
    match (before, after) {
        (Some(b), Some(a)) => format!(" (the nearest meetings are {b} and {a})"),
        (Some(b), None) => format!(" (its last meeting is {b})"),
        (None, Some(a)) => format!(" (its first meeting is {a})"),
        (None, None) => String::new(),
    }
}
