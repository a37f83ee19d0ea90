//! `/calendar.json`: the upcoming meetings, from now to the calendar's
//! horizon, as documented JSON (docs/calendar-json.md) for CoC websites and
//! bots that would rather not parse iCalendar. The occurrences are the HTML
//! calendar's, from the same [`crate::schedule::Calendar`].

use super::ical::{FeedContext, local, uid};
use crate::content::{Call, CallStatus};
use crate::model::routes;
use crate::render::context::RenderCtx;
use crate::schedule::{Occurrence, OccurrenceStatus};
use chrono::{Datelike, Timelike};
use serde::Serialize;

/// The version of the format; raised only when a field changes meaning
/// or goes away.
const VERSION: u32 = 1;

// Typed rather than built as `serde_json::Value` maps: at a thousand weekly
// calls the document holds tens of thousands of meetings, and building a map
// for each cost more than the rest of the feed. Fields are in alphabetical
// order, the order the document has always had.

#[derive(Serialize)]
struct Document<'a> {
    feed: String,
    from: String,
    generated: String,
    occurrences: Vec<Meeting<'a>>,
    site: &'a str,
    timezone: &'a str,
    title: &'a str,
    to: String,
    version: u32,
}

#[derive(Serialize)]
struct Meeting<'a> {
    call: &'a str,
    confirmed: bool,
    emergency: bool,
    end: String,
    feed: &'a str,
    host: &'a Option<Host<'a>>,
    id: String,
    original_start: Option<String>,
    recurrence_id: Option<String>,
    register: &'a Option<String>,
    start: String,
    status: &'static str,
    summary: &'a Option<String>,
    tags: &'a [String],
    title: &'a str,
    uid: &'a str,
    url: &'a str,
    zone: &'a str,
}

/// What every meeting of a call shares, made once per call: a thousand
/// weekly calls have tens of thousands of meetings to the horizon.
struct CallParts<'a> {
    feed: String,
    host: Option<Host<'a>>,
    uid: String,
    url: String,
}

/// The hosting CoC: linked when it is one of the site's, else its name.
#[derive(Serialize)]
struct Host<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// The JSON document.
pub fn calendar(ctx: &RenderCtx) -> String {
    let site = ctx.site;
    let fc = FeedContext {
        config: &site.config,
        base_url: &ctx.base.url,
        now: ctx.now,
        zones: None,
    };
    let parts: Vec<CallParts> = site.calls.iter().map(|c| call_parts(ctx, &fc, c)).collect();
    let occurrences = ctx
        .calendar
        .between(&site.calls, ctx.now, ctx.calendar.horizon)
        .into_iter()
        .map(|(i, o)| occurrence(&site.calls[i], &parts[i], o))
        .collect();
    let doc = Document {
        feed: ctx.base.absolute("calendar.ics"),
        from: ctx.now.to_rfc3339(),
        generated: ctx.now.to_rfc3339(),
        occurrences,
        site: &ctx.base.url,
        timezone: site.config.timezone.name(),
        title: &site.config.calendar.name,
        to: ctx.calendar.horizon.to_rfc3339(),
        version: VERSION,
    };
    // Compact: at a thousand weekly calls it is read by programs, and
    // pretty-printing doubled its size. Written into one buffer sized
    // from the first meeting: growing a 20 MB buffer by doubling touched
    // three times the memory and copied it all twice.
    let each = (doc.occurrences.first())
        .and_then(|m| serde_json::to_vec(m).ok())
        .map_or(0, |v| v.len() + v.len() / 4);
    let mut text = Vec::with_capacity(1024 + each * doc.occurrences.len());
    if serde_json::to_writer(&mut text, &doc).is_err() {
        text.clear();
    }
    text.push(b'\n');
    String::from_utf8(text).unwrap_or_default()
}

fn call_parts<'a>(ctx: &'a RenderCtx, fc: &FeedContext, call: &'a Call) -> CallParts<'a> {
    let host = call
        .host
        .as_deref()
        .map(|h| match ctx.site.cocs.iter().find(|c| c.id == h) {
            Some(coc) => Host {
                id: Some(&coc.id),
                name: &coc.name,
                url: Some(ctx.base.absolute(&routes::coc(&coc.id))),
            },
            None => Host {
                id: None,
                name: h,
                url: None,
            },
        });
    CallParts {
        feed: ctx.base.absolute(&routes::call_feed(&call.id)),
        host,
        uid: uid(call, fc),
        url: ctx.base.absolute(&routes::call(&call.id)),
    }
}

fn occurrence<'a>(call: &'a Call, parts: &'a CallParts<'a>, o: &Occurrence) -> Meeting<'a> {
    let t = o.original;
    Meeting {
        call: &call.id,
        confirmed: call.status != CallStatus::Requested,
        emergency: call.emergency,
        end: o.end.to_rfc3339(),
        feed: &parts.feed,
        host: &parts.host,
        id: format!(
            "{}/{:04}-{:02}-{:02}T{:02}:{:02}",
            call.id,
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute()
        ),
        original_start: (o.status == OccurrenceStatus::Moved).then(|| {
            crate::schedule::resolve(call.timezone, o.original)
                .0
                .to_rfc3339()
        }),
        recurrence_id: call.rule.as_ref().map(|_| local(t)),
        register: &call.register,
        start: o.start.to_rfc3339(),
        status: match o.status {
            OccurrenceStatus::Scheduled => "scheduled",
            OccurrenceStatus::Cancelled => "cancelled",
            OccurrenceStatus::Moved => "moved",
        },
        summary: &call.summary,
        tags: &call.tags,
        title: &call.title,
        uid: &parts.uid,
        url: &parts.url,
        zone: call.timezone.name(),
    }
}
