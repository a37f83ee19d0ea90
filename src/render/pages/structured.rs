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
use serde::Serialize;

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
    let page = ctx.base.absolute(&routes::call(&call.id));
    let parts = Parts {
        page: &page,
        name: &call.title,
        summary: call.summary.as_deref(),
        place: VirtualLocation {
            kind: "VirtualLocation",
            url: call.register.as_deref().unwrap_or(&page),
        },
        organizer: Organization {
            kind: "Organization",
            name: &ctx.site.config.title,
            url: &ctx.base.url,
        },
    };
    let events: Vec<Event> = ctx
        .calendar
        .of(i)
        .iter()
        .filter(|o| o.end.with_timezone(&Utc) > ctx.now)
        .enumerate()
        .filter(|(n, o)| *n < EVENTS || changed(o))
        .map(|(_, o)| event(&parts, call, o))
        .collect();
    if events.is_empty() {
        return String::new();
    }
    script_json(&Graph {
        context: "https://schema.org",
        graph: events,
    })
}

// Typed rather than built as serde_json values (a map per event, keys
// copied): the fields are declared in the order serde_json's maps sorted
// them, so the text is the same.

#[derive(Serialize)]
struct Graph<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<Event<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Event<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    end_date: String,
    event_attendance_mode: &'static str,
    event_status: &'static str,
    is_accessible_for_free: bool,
    location: &'a VirtualLocation<'a>,
    name: &'a str,
    organizer: &'a Organization<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_start_date: Option<String>,
    start_date: String,
    url: &'a str,
}

#[derive(Serialize)]
struct VirtualLocation<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: &'a str,
}

/// What a call's events share.
struct Parts<'a> {
    page: &'a str,
    name: &'a str,
    summary: Option<&'a str>,
    place: VirtualLocation<'a>,
    organizer: Organization<'a>,
}

fn event<'a>(parts: &'a Parts<'a>, call: &Call, o: &Occurrence) -> Event<'a> {
    let status = match o.status {
        OccurrenceStatus::Scheduled => "https://schema.org/EventScheduled",
        OccurrenceStatus::Cancelled => "https://schema.org/EventCancelled",
        OccurrenceStatus::Moved => "https://schema.org/EventRescheduled",
    };
    Event {
        id: format!("{}#{}", parts.page, o.original.format("%Y-%m-%dT%H:%M")),
        kind: "Event",
        description: parts.summary,
        end_date: o.end.to_rfc3339(),
        event_attendance_mode: "https://schema.org/OnlineEventAttendanceMode",
        event_status: status,
        is_accessible_for_free: true,
        location: &parts.place,
        name: parts.name,
        organizer: &parts.organizer,
        previous_start_date: (o.status == OccurrenceStatus::Moved)
            .then(|| resolve(call.timezone, o.original).0.to_rfc3339()),
        start_date: o.start.to_rfc3339(),
        url: parts.page,
    }
}
