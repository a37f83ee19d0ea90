//! `/calendar.json`: the upcoming meetings, from now to the calendar's
//! horizon, as documented JSON (docs/calendar-json.md) for CoC websites and
//! bots that would rather not parse iCalendar. The occurrences are the HTML
//! calendar's, from the same [`crate::schedule::Calendar`].

use super::ical::{FeedContext, local, uid};
use crate::content::{Call, CallStatus};
use crate::model::routes;
use crate::render::context::RenderCtx;
use crate::schedule::{Occurrence, OccurrenceStatus};
use chrono::{Datelike, NaiveDateTime, Timelike};
use serde::Serialize;
use serde_json::value::RawValue;

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

/// One meeting. The fields it shares with its call's other meetings are
/// JSON text made once per call ([`CallParts`]), written as they are.
#[derive(Serialize)]
struct Meeting<'a> {
    call: &'a RawValue,
    confirmed: bool,
    emergency: bool,
    end: String,
    feed: &'a RawValue,
    host: &'a RawValue,
    id: String,
    original_start: Option<String>,
    recurrence_id: Option<String>,
    register: &'a RawValue,
    start: String,
    status: &'static str,
    summary: &'a RawValue,
    tags: &'a RawValue,
    title: &'a RawValue,
    uid: &'a RawValue,
    url: &'a RawValue,
    zone: &'a RawValue,
}

/// What every meeting of a call shares, as JSON, made once per call: a
/// thousand weekly calls have tens of thousands of meetings to the
/// horizon, and escaping the same title, summary and URLs for each was
/// most of the feed's time.
struct CallParts {
    call: Box<RawValue>,
    feed: Box<RawValue>,
    host: Box<RawValue>,
    register: Box<RawValue>,
    summary: Box<RawValue>,
    tags: Box<RawValue>,
    title: Box<RawValue>,
    uid: Box<RawValue>,
    url: Box<RawValue>,
    zone: Box<RawValue>,
}

/// `value` as JSON text (compact, as the document is written); a string,
/// list or small object, which always serialises.
fn json<T: Serialize + ?Sized>(value: &T) -> Box<RawValue> {
    serde_json::value::to_raw_value(value).unwrap_or_else(|_| RawValue::NULL.to_owned())
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
        .ahead(ctx.calendar.horizon)
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

fn call_parts(ctx: &RenderCtx, fc: &FeedContext, call: &Call) -> CallParts {
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
        call: json(&call.id),
        feed: json(&ctx.base.absolute(&routes::call_feed(&call.id))),
        host: json(&host),
        register: json(&call.register),
        summary: json(&call.summary),
        tags: json(&call.tags),
        title: json(&call.title),
        uid: json(&uid(call, fc)),
        url: json(&ctx.base.absolute(&routes::call(&call.id))),
        zone: json(call.timezone.name()),
    }
}

/// `call/2026-11-23T18:00`: a meeting's id, from the wall time the rule
/// gave it (so a moved meeting keeps its id); written out by hand, as
/// there is one per meeting.
fn meeting_id(call: &str, t: NaiveDateTime) -> String {
    use crate::time::push_two_digits as two;
    if !(0..=9999).contains(&t.year()) {
        let (date, hour, minute) = (t.date(), t.hour(), t.minute());
        let (year, month, day) = (date.year(), date.month(), date.day());
        return format!("{call}/{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}");
    }
    let mut id = String::with_capacity(call.len() + 17);
    id.push_str(call);
    id.push('/');
    crate::time::push_iso_date(&mut id, t.date());
    id.push('T');
    two(&mut id, t.hour());
    id.push(':');
    two(&mut id, t.minute());
    id
}

fn occurrence<'a>(call: &Call, parts: &'a CallParts, o: &Occurrence) -> Meeting<'a> {
    let t = o.original;
    Meeting {
        call: &parts.call,
        confirmed: call.status != CallStatus::Requested,
        emergency: call.emergency,
        end: o.end.to_rfc3339(),
        feed: &parts.feed,
        host: &parts.host,
        id: meeting_id(&call.id, t),
        original_start: (o.status == OccurrenceStatus::Moved).then(|| {
            crate::schedule::resolve(call.timezone, o.original)
                .0
                .to_rfc3339()
        }),
        recurrence_id: call.rule.as_ref().map(|_| local(t)),
        register: &parts.register,
        start: o.start.to_rfc3339(),
        status: match o.status {
            OccurrenceStatus::Scheduled => "scheduled",
            OccurrenceStatus::Cancelled => "cancelled",
            OccurrenceStatus::Moved => "moved",
        },
        summary: &parts.summary,
        tags: &parts.tags,
        title: &parts.title,
        uid: &parts.uid,
        url: &parts.url,
        zone: &parts.zone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// Both are written by hand for speed; they must read as the patterns
    /// they replaced, far years included.
    #[test]
    fn ids_and_basic_times_read_as_their_patterns() {
        let years = [1, 999, 2026, 9999, 10_000, -44];
        for (k, year) in years.into_iter().enumerate() {
            let d = NaiveDate::from_ymd_opt(year, 1 + k as u32, 9 + k as u32).unwrap();
            let t = d.and_hms_opt(k as u32 * 4, 5 * k as u32, k as u32).unwrap();
            let (y, m, day) = (t.year(), t.month(), t.day());
            let (h, min, s) = (t.hour(), t.minute(), t.second());
            let id = format!("c/{y:04}-{m:02}-{day:02}T{h:02}:{min:02}");
            assert_eq!(meeting_id("c", t), id);
            let basic = format!("{y:04}{m:02}{day:02}T{h:02}{min:02}{s:02}");
            assert_eq!(local(t), basic);
        }
    }
}
