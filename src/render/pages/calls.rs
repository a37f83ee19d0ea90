//! `/calls/` and `/calls/ID/`: every call, and one call with its schedule
//! in words, its next meetings and its past ones with their records.

use super::super::context::RenderCtx;
use super::super::views::{CallView, Link, OccurrenceView, SubscribeView};
use super::super::words;
use crate::content::{Call, CallStatus};
use crate::diagnostics::Diagnostic;
use crate::fs::OutputFile;
use crate::model::routes;
use crate::schedule::{self, Occurrence, OccurrenceStatus};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many past meetings without records a call page lists.
const RECENT_PAST: usize = 6;
/// How many upcoming meetings a call page lists.
const NEXT_COUNT: usize = 8;

#[derive(Serialize, Hash)]
struct CallsView {
    calls: Vec<CallView>,
}

/// The list of calls.
pub fn list(ctx: &RenderCtx, route: &str) -> Result<OutputFile, Diagnostic> {
    let site = ctx.site;
    let view = CallsView {
        calls: (0..site.calls.len())
            .map(|i| call_view(ctx, i, false))
            .collect(),
    };
    let meta = ctx.meta(
        "Calls".into(),
        format!("Every call of {}", site.config.title),
        route,
        "calls",
    );
    ctx.page(route, "calls.html", meta, &view)
}

#[derive(Serialize, Hash)]
struct CallPage {
    call: CallView,
    /// schema.org Events of the coming meetings (see `structured`).
    json_ld: String,
    embed: super::topics::EmbedView,
}

/// One call's page.
pub fn call(ctx: &RenderCtx, route: &str, i: usize) -> Result<OutputFile, Diagnostic> {
    let call = &ctx.site.calls[i];
    let view = CallPage {
        call: call_view(ctx, i, true),
        json_ld: super::structured::call_json_ld(ctx, i),
        embed: super::topics::embed_view(ctx, routes::Embed::Call(&call.id), &call.title),
    };
    let description = call
        .summary
        .clone()
        .unwrap_or_else(|| view.call.schedule.clone());
    let mut meta = ctx.meta(call.title.clone(), description, route, "calls");
    meta.calendar_url = Some(view.call.subscribe.https.clone());
    ctx.page(route, "call.html", meta, &view)
}

/// A call as its page (`full`) or the list of calls shows it.
fn call_view(ctx: &RenderCtx, i: usize, full: bool) -> CallView {
    let call = &ctx.site.calls[i];
    let occs = ctx.calendar.of(i);
    let ahead = |o: &&Occurrence| o.end.with_timezone(&Utc) > ctx.now;
    let upcoming: Vec<OccurrenceView> = occs
        .iter()
        .filter(ahead)
        .take(NEXT_COUNT)
        .map(|o| super::occurrence(ctx, call, o))
        .collect();
    let sample = occs
        .iter()
        .find(ahead)
        .or(occs.last())
        .map(|o| o.start)
        .unwrap_or_else(|| schedule::resolve(call.timezone, call.start).0);
    let host_coc = call
        .host
        .as_ref()
        .and_then(|h| ctx.site.cocs.iter().find(|c| &c.id == h));
    let ics = ctx.base.absolute(&routes::call_feed(&call.id));
    CallView {
        id: call.id.clone(),
        url: ctx.link(&routes::call(&call.id)),
        title: call.title.clone(),
        summary: call.summary.clone(),
        host: host_coc.map(|c| Link {
            title: c.name.clone(),
            url: ctx.link(&routes::coc(&c.id)),
        }),
        host_text: call.host.clone().filter(|_| host_coc.is_none()),
        schedule: words::schedule(call, &sample),
        duration: duration(call.duration_minutes),
        status: match call.status {
            CallStatus::Requested => "requested",
            CallStatus::Scheduled => "scheduled",
            CallStatus::Cancelled => "cancelled",
        },
        emergency: call.emergency,
        facilitator: call.facilitator.clone(),
        backup_facilitator: call.backup_facilitator.clone(),
        tech: call.tech.clone(),
        register: call.register.clone(),
        dial_in: call.dial_in.clone(),
        notes_doc: call.notes_doc.clone(),
        list: call.list.clone(),
        tags: call.tags.clone(),
        topics: topics(ctx, call),
        minutes_public: call.minutes_public,
        body_html: if full {
            ctx.bodies.html(&call.file)
        } else {
            Default::default()
        },
        next: upcoming.iter().find(|o| !o.cancelled).cloned(),
        upcoming,
        past: if full {
            past(ctx, call, occs)
        } else {
            Vec::new()
        },
        subscribe: SubscribeView {
            webcal: super::super::context::webcal(&ics),
            google: call.rule.is_none().then(|| google_link(ctx, call)),
            https: ics,
        },
    }
}

/// Each tag of a call with its topic page.
fn topics(ctx: &RenderCtx, call: &Call) -> Vec<Link> {
    call.tags
        .iter()
        .map(|t| Link {
            title: t.clone(),
            url: ctx.link(&routes::tag(&crate::content::slugify(t))),
        })
        .collect()
}

/// "90 minutes", "1 hour", "1 h 30 min".
fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => crate::diagnostics::plural(m as usize, "minute"),
        (1, 0) => "1 hour".into(),
        (h, 0) => format!("{h} hours"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Past meetings with an agenda or minutes (all of them), plus the most
/// recent ones without.
fn past(ctx: &RenderCtx, call: &Call, occs: &[Occurrence]) -> Vec<OccurrenceView> {
    let mut by_date: BTreeMap<NaiveDate, OccurrenceView> = BTreeMap::new();
    let recent: Vec<&Occurrence> = occs
        .iter()
        .filter(|o| o.end.with_timezone(&Utc) <= ctx.now)
        .collect();
    for o in recent.iter().rev().take(RECENT_PAST) {
        by_date.insert(o.start.date_naive(), super::occurrence(ctx, call, o));
    }
    let today = ctx.now.with_timezone(&call.timezone).date_naive();
    for r in ctx.site.records_of(&call.id).filter(|r| r.date <= today) {
        if by_date.contains_key(&r.date) {
            continue;
        }
        let start = schedule::meeting_start(call, r.date);
        let o = Occurrence {
            start,
            end: start + Duration::minutes(i64::from(call.duration_minutes)),
            original: start.naive_local(),
            status: OccurrenceStatus::Scheduled,
        };
        by_date.insert(r.date, super::occurrence(ctx, call, &o));
    }
    by_date.into_values().rev().collect()
}

/// "Add to Google Calendar" for a one-off call.
fn google_link(ctx: &RenderCtx, call: &Call) -> String {
    let local = call.moved.first().map_or(call.start, |m| m.to);
    let (start, _) = schedule::resolve(call.timezone, local);
    let end = start + Duration::minutes(i64::from(call.duration_minutes));
    let fmt =
        |t: DateTime<chrono_tz::Tz>| t.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string();
    let details = format!(
        "{}{}",
        call.summary.clone().map(|s| s + "\n").unwrap_or_default(),
        ctx.base.absolute(&routes::call(&call.id))
    );
    format!(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={}/{}&ctz={}&details={}",
        encode(&call.title),
        fmt(start),
        fmt(end),
        encode(call.timezone.name()),
        encode(&details)
    )
}

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
