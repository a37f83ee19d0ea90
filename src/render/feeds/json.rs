//! `/calendar.json`: the upcoming meetings, from now to the calendar's
//! horizon, as documented JSON (docs/calendar-json.md) for CoC websites and
//! bots that would rather not parse iCalendar. The occurrences are the HTML
//! calendar's, from the same [`crate::schedule::Calendar`].

use super::ical::{FeedContext, uid};
use crate::content::{Call, CallStatus};
use crate::model::routes;
use crate::render::context::RenderCtx;
use crate::schedule::{Occurrence, OccurrenceStatus};
use serde_json::{Value, json};

/// The version of the format; raised only when a field changes meaning
/// or goes away.
const VERSION: u32 = 1;

/// The JSON document.
pub fn calendar(ctx: &RenderCtx) -> String {
    let site = ctx.site;
    let fc = FeedContext {
        config: &site.config,
        base_url: &ctx.base.url,
        now: ctx.now,
        zones: None,
    };
    let occurrences: Vec<Value> = ctx
        .calendar
        .between(&site.calls, ctx.now, ctx.calendar.horizon)
        .into_iter()
        .map(|(i, o)| occurrence(ctx, &fc, &site.calls[i], o))
        .collect();
    let doc = json!({
        "version": VERSION,
        "title": site.config.calendar.name,
        "site": ctx.base.url,
        "timezone": site.config.timezone.name(),
        "generated": ctx.now.to_rfc3339(),
        "from": ctx.now.to_rfc3339(),
        "to": ctx.calendar.horizon.to_rfc3339(),
        "feed": ctx.base.absolute("calendar.ics"),
        "occurrences": occurrences,
    });
    // Compact: at a thousand weekly calls it is read by programs, and
    // pretty-printing doubled its size.
    let mut text = serde_json::to_string(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn occurrence(ctx: &RenderCtx, fc: &FeedContext, call: &Call, o: &Occurrence) -> Value {
    let original = o.original.format("%Y-%m-%dT%H:%M").to_string();
    let host = call.host.as_ref().map(|h| match ctx.site.cocs.iter().find(|c| &c.id == h) {
        Some(coc) => json!({"id": coc.id, "name": coc.name, "url": ctx.base.absolute(&routes::coc(&coc.id))}),
        None => json!({"name": h}),
    });
    json!({
        "id": format!("{}/{original}", call.id),
        "uid": uid(call, fc),
        "recurrence_id": call.rule.as_ref().map(|_| o.original.format("%Y%m%dT%H%M%S").to_string()),
        "call": call.id,
        "title": call.title,
        "summary": call.summary,
        "start": o.start.to_rfc3339(),
        "end": o.end.to_rfc3339(),
        "zone": call.timezone.name(),
        "status": match o.status {
            OccurrenceStatus::Scheduled => "scheduled",
            OccurrenceStatus::Cancelled => "cancelled",
            OccurrenceStatus::Moved => "moved",
        },
        "original_start": (o.status == OccurrenceStatus::Moved)
            .then(|| crate::schedule::resolve(call.timezone, o.original).0.to_rfc3339()),
        "confirmed": call.status != CallStatus::Requested,
        "emergency": call.emergency,
        "tags": call.tags,
        "host": host,
        "url": ctx.base.absolute(&routes::call(&call.id)),
        "register": call.register,
        "feed": ctx.base.absolute(&routes::call_feed(&call.id)),
    })
}
