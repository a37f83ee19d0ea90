//! schema.org `Event` data for call pages, so search engines and other
//! sites read a call's coming meetings: one `Event` per meeting (the next
//! few, and every cancelled or moved one to the calendar's horizon), online,
//! with the registration link as its `VirtualLocation`, cancelled and moved
//! meetings marked (`EventCancelled`, `EventRescheduled` with
//! `previousStartDate`) and the site as organizer. No person's name or
//! contact is in it. A requested call, not confirmed yet, has none.

use super::super::context::RenderCtx;
use super::faq::script_json;
use crate::content::{Call, CallStatus};
use crate::model::routes;
use crate::schedule::{Occurrence, OccurrenceStatus, resolve};
use chrono::Utc;
use serde_json::{Value, json};

/// How many coming meetings a page describes; cancelled and moved ones up
/// to the calendar's horizon come as well, so a consumer of the page learns
/// of every change `/calendar.json` and the feeds carry.
const EVENTS: usize = 8;

/// The JSON-LD of the call at position `i`, safe inside `<script>`; empty
/// when there is nothing to describe.
pub fn call_json_ld(ctx: &RenderCtx, i: usize) -> String {
    let call = &ctx.site.calls[i];
    if call.status == CallStatus::Requested {
        return String::new();
    }
    let changed = |o: &Occurrence| {
        o.status != OccurrenceStatus::Scheduled
            && o.start.with_timezone(&Utc) < ctx.calendar.horizon
    };
    let events: Vec<Value> = ctx
        .calendar
        .of(i)
        .iter()
        .filter(|o| o.end.with_timezone(&Utc) > ctx.now)
        .enumerate()
        .filter(|(n, o)| *n < EVENTS || changed(o))
        .map(|(_, o)| event(ctx, call, o))
        .collect();
    if events.is_empty() {
        return String::new();
    }
    script_json(&json!({"@context": "https://schema.org", "@graph": events}))
}

fn event(ctx: &RenderCtx, call: &Call, o: &Occurrence) -> Value {
    let page = ctx.base.absolute(&routes::call(&call.id));
    let status = match o.status {
        OccurrenceStatus::Scheduled => "https://schema.org/EventScheduled",
        OccurrenceStatus::Cancelled => "https://schema.org/EventCancelled",
        OccurrenceStatus::Moved => "https://schema.org/EventRescheduled",
    };
    let mut e = json!({
        "@type": "Event",
        "@id": format!("{page}#{}", o.original.format("%Y-%m-%dT%H:%M")),
        "name": call.title,
        "url": page,
        "startDate": o.start.to_rfc3339(),
        "endDate": o.end.to_rfc3339(),
        "eventStatus": status,
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": {
            "@type": "VirtualLocation",
            "url": call.register.clone().unwrap_or_else(|| page.clone()),
        },
        "organizer": {
            "@type": "Organization",
            "name": ctx.site.config.title,
            "url": ctx.base.url,
        },
        "isAccessibleForFree": true,
    });
    if let Some(summary) = &call.summary {
        e["description"] = json!(summary);
    }
    if o.status == OccurrenceStatus::Moved {
        let before = resolve(call.timezone, o.original).0;
        e["previousStartDate"] = json!(before.to_rfc3339());
    }
    e
}
