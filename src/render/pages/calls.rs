//! `/calls/` and `/calls/ID/`: every call, and one call with its schedule
//! in words, its next meetings and its past ones with their records.

use super::super::context::RenderCtx;
use super::super::views::{CallView, Link, Listed, OccurrenceView, SubscribeView};
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
struct CallsView<'a> {
    calls: Vec<CallView<'a>>,
}

/// The list of calls.
pub fn list(ctx: &RenderCtx, route: &str) -> Result<OutputFile, Diagnostic> {
    let site = ctx.site;
    // Soonest next meeting first; calls with none left after them; the
    // title, then the id, break ties.
    let next = |i: usize| {
        ctx.calendar
            .of(i)
            .iter()
            .find(|o| {
                o.end.with_timezone(&Utc) > ctx.now && o.status != OccurrenceStatus::Cancelled
            })
            .map(|o| o.start.with_timezone(&Utc))
    };
    let mut order: Vec<(Option<DateTime<Utc>>, usize)> =
        (0..site.calls.len()).map(|i| (next(i), i)).collect();
    order.sort_by(|(a, i), (b, j)| {
        let (ci, cj) = (&site.calls[*i], &site.calls[*j]);
        (a.is_none(), a, &ci.title, &ci.id).cmp(&(b.is_none(), b, &cj.title, &cj.id))
    });
    let view = CallsView {
        calls: order
            .into_iter()
            .map(|(_, i)| call_view(ctx, i, false))
            .collect::<Result<_, _>>()?,
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
struct CallPage<'a> {
    call: CallView<'a>,
    /// schema.org Events of the coming meetings (see `structured`).
    json_ld: String,
    embed: super::topics::EmbedView,
}

/// One call's page.
pub fn call(ctx: &RenderCtx, route: &str, i: usize) -> Result<OutputFile, Diagnostic> {
    let call = &ctx.site.calls[i];
    let view = CallPage {
        call: call_view(ctx, i, true)?,
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
fn call_view<'c>(ctx: &'c RenderCtx, i: usize, full: bool) -> Result<CallView<'c>, Diagnostic> {
    let call = &ctx.site.calls[i];
    let occs = ctx.calendar.of(i);
    let ahead = |o: &&Occurrence| o.end.with_timezone(&Utc) > ctx.now;
    let coming: Vec<&Occurrence> = occs.iter().filter(ahead).take(NEXT_COUNT).collect();
    let (upcoming, next) = coming_meetings(ctx, i, &coming)?;
    let sample = occs
        .iter()
        .find(ahead)
        .or(occs.last())
        .map(|o| o.start)
        .unwrap_or_else(|| schedule::resolve(call.timezone, call.start).0);
    let (host, host_text) = host(ctx, call);
    Ok(CallView {
        id: call.id.clone(),
        url: ctx.link(&routes::call(&call.id)),
        title: call.title.clone(),
        summary: call.summary.clone(),
        host,
        host_text,
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
        dial_in_html: call.dial_in.as_deref().map(dial_in_html),
        notes_doc: call.notes_doc.clone(),
        list: call.list.clone(),
        tags: call.tags.clone(),
        topics: topics(ctx, i),
        minutes_public: call.minutes_public,
        body_html: if full {
            ctx.bodies.html(&call.file)
        } else {
            Default::default()
        },
        next,
        upcoming,
        past: if full {
            past(ctx, i, occs)?
        } else {
            Vec::new()
        },
        past_more: full && past_more(ctx, call, occs),
        subscribe: subscribe(ctx, call),
    })
}

/// The entries of a call's coming meetings, and the first one that is not
/// cancelled (the calls list's "Next").
fn coming_meetings<'c>(
    ctx: &'c RenderCtx,
    i: usize,
    coming: &[&Occurrence],
) -> Result<(Vec<Listed>, Option<OccurrenceView<'c>>), Diagnostic> {
    let upcoming = coming
        .iter()
        .map(|o| super::listed(ctx, i, o, true))
        .collect::<Result<Vec<_>, _>>()?;
    let next = coming
        .iter()
        .find(|o| o.status != OccurrenceStatus::Cancelled)
        .map(|o| super::occurrence(ctx, i, o));
    Ok((upcoming, next))
}

/// The host: a link to its CoC, or the free text written.
fn host(ctx: &RenderCtx, call: &Call) -> (Option<Link>, Option<String>) {
    let coc = call
        .host
        .as_ref()
        .and_then(|h| ctx.site.cocs.iter().find(|c| &c.id == h));
    match coc {
        Some(c) => (
            Some(Link {
                title: c.name.clone(),
                url: ctx.link(&routes::coc(&c.id)),
            }),
            None,
        ),
        None => (None, call.host.clone()),
    }
}

/// The call's own feed, and a Google link for a one-off call.
fn subscribe(ctx: &RenderCtx, call: &Call) -> SubscribeView {
    let ics = ctx.base.absolute(&routes::call_feed(&call.id));
    SubscribeView {
        webcal: super::super::context::webcal(&ics),
        google: call.rule.is_none().then(|| google_link(ctx, call)),
        https: ics,
    }
}

/// Each tag of a call with its topic page.
fn topics(ctx: &RenderCtx, i: usize) -> Vec<Link> {
    let call = &ctx.site.calls[i];
    (call.tags.iter())
        .zip(ctx.site.topics_of(i))
        .map(|(tag, topic)| Link {
            title: tag.clone(),
            url: ctx.link(&routes::tag(&topic.slug)),
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

/// The dial-in text, escaped, with each of its numbers a `tel:` link.
fn dial_in_html(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let escape = |t: &[char]| {
        let s: String = t.iter().collect();
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut out = String::new();
    let mut at = 0;
    for f in crate::contacts::find(text)
        .into_iter()
        .filter(|f| f.kind == crate::contacts::ContactKind::Phone)
    {
        let start = f.column as usize - 1;
        let end = start + f.width as usize;
        out.push_str(&escape(&chars[at.min(start)..start]));
        let shown = escape(&chars[start..end]);
        out.push_str(&format!(
            "<a href=\"{}\">{shown}</a>",
            crate::contacts::tel_uri(&f.text)
        ));
        at = end;
    }
    out.push_str(&escape(&chars[at.min(chars.len())..]));
    out
}

/// Past meetings: those with an agenda or minutes (all of them), plus the
/// most recent ones without, newest first. A meeting is past once it has
/// ended, and is listed once whichever of a moved meeting's dates its
/// records carry.
fn past(ctx: &RenderCtx, i: usize, occs: &[Occurrence]) -> Result<Vec<Listed>, Diagnostic> {
    let call = &ctx.site.calls[i];
    let length = Duration::minutes(i64::from(call.duration_minutes));
    let ended = |start: DateTime<chrono_tz::Tz>| (start + length).with_timezone(&Utc) <= ctx.now;
    // By identity: the date the rule gave the meeting.
    let mut by_meeting: BTreeMap<NaiveDate, Occurrence> = BTreeMap::new();
    for o in occs
        .iter()
        .filter(|o| ended(o.start))
        .rev()
        .take(RECENT_PAST)
    {
        by_meeting.insert(o.original.date(), o.clone());
    }
    let records: Vec<_> = ctx.site.records_of(&call.id).collect();
    let mut dates: Vec<NaiveDate> = records.iter().map(|r| r.date).collect();
    dates.sort_unstable();
    dates.dedup();
    let meetings = schedule::meetings_on(call, &dates);
    for r in records {
        let o = match schedule::meeting_on(&meetings, r.date) {
            Some(m) => Occurrence {
                start: m.start,
                end: m.start + length,
                original: m.original.and_time(call.start.time()),
                status: m.status,
            },
            // A record on a day the call does not meet (`check` warns).
            None => {
                let start = schedule::meeting_start(call, r.date);
                Occurrence {
                    start,
                    end: start + length,
                    original: start.naive_local(),
                    status: OccurrenceStatus::Scheduled,
                }
            }
        };
        if ended(o.start) {
            by_meeting.entry(o.original.date()).or_insert(o);
        }
    }
    let mut list: Vec<Occurrence> = by_meeting.into_values().collect();
    list.sort_by_key(|o| std::cmp::Reverse(o.start));
    list.iter()
        .map(|o| super::listed(ctx, i, o, true))
        .collect()
}

/// Whether meetings without records were left out of the past ones: more
/// than the recent few, or any before the calendar's window.
fn past_more(ctx: &RenderCtx, call: &Call, occs: &[Occurrence]) -> bool {
    let ended = occs
        .iter()
        .filter(|o| o.end.with_timezone(&Utc) <= ctx.now)
        .count();
    let began_before_window = schedule::resolve(call.timezone, call.start)
        .0
        .with_timezone(&Utc)
        < ctx.calendar.from;
    ended > RECENT_PAST || began_before_window
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{text, with_sample};

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(1), "1 minute");
        assert_eq!(duration(45), "45 minutes");
        assert_eq!(duration(60), "1 hour");
        assert_eq!(duration(90), "1 h 30 min");
        assert_eq!(duration(120), "2 hours");
    }

    #[test]
    fn a_call_page_has_its_schedule_feed_and_past_meetings_with_records() {
        with_sample(|ctx| {
            let i = ctx.site.call_position("caravan").unwrap();
            let html = text(call(ctx, "calls/caravan/", i).unwrap());
            assert!(
                html.contains("webcal://example.org/calls/caravan.ics"),
                "{html}"
            );
            assert!(html.contains("/minutes/caravan/2026-11-18/"));
            assert!(
                html.contains("/agendas/caravan/2026-12-02/"),
                "agenda of the moved meeting"
            );
            let all = text(list(ctx, "calls/").unwrap());
            assert!(all.contains("/calls/caravan/") && all.contains("/calls/io-planning/"));
        });
    }

    #[test]
    fn a_one_off_call_gets_an_add_to_google_link_in_utc() {
        with_sample(|ctx| {
            let one_off = ctx
                .site
                .calls
                .iter()
                .position(|c| c.rule.is_none())
                .unwrap();
            let link = google_link(ctx, &ctx.site.calls[one_off]);
            assert!(
                link.starts_with(
                    "https://calendar.google.com/calendar/render?action=TEMPLATE&text="
                )
            );
            assert!(link.contains("Z/") && link.contains("&ctz="), "{link}");
        });
    }
}
