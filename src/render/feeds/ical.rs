//! The iCalendar feeds (RFC 5545, RFC 7986): `/calendar.ics` with every
//! call and `/calls/ID.ics` per call, one VEVENT per series with its RRULE
//! and an override per cancelled or moved meeting, times in the call's
//! zone with a VTIMEZONE per zone (a UTC call's as `Etc/GMT`, see
//! [`wire_zone`]). The wire format is in [`super::ics`].

use super::ics::{IcsWriter, escape_text, fold_into, param_value};
use crate::content::{Call, CallStatus, SiteConfig};
use crate::model::routes;
use crate::recurrence::{End, Freq, Rule};
use crate::schedule::{self, ZoneSpan};
use crate::time::weekday_code;
use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetName, Tz};
use std::collections::BTreeMap;

/// What the feed needs beyond the calls.
pub struct FeedContext<'a> {
    pub config: &'a SiteConfig,
    /// Absolute, ending in `/`.
    pub base_url: &'a str,
    /// DTSTAMP, and the end of the covered zone range.
    pub now: DateTime<Utc>,
    /// VTIMEZONE text per zone name, computed once for the whole site so
    /// a thousand per-call feeds do not recompute it (see [`vtimezones`]).
    pub zones: Option<&'a BTreeMap<String, String>>,
}

impl FeedContext<'_> {
    fn host(&self) -> &str {
        let rest = self
            .base_url
            .split_once("://")
            .map_or(self.base_url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        host.rsplit('@').next().unwrap_or(host)
    }

    /// The page of a call.
    pub fn call_url(&self, call: &Call) -> String {
        format!("{}{}", self.base_url, routes::call(&call.id))
    }
}

/// Forever-stable UID of a call's series: its id and the site's host.
pub fn uid(call: &Call, ctx: &FeedContext) -> String {
    format!("{}@{}", call.id, ctx.host())
}

/// The whole feed for `calls` (all of the site's, or one).
pub fn feed(calls: &[&Call], ctx: &FeedContext, name: &str) -> String {
    let mut w = IcsWriter::default();
    let cfg = ctx.config;
    w.raw("BEGIN", "VCALENDAR");
    w.raw("VERSION", "2.0");
    w.raw(
        "PRODID",
        concat!("-//callsite//callsite ", env!("CARGO_PKG_VERSION"), "//EN"),
    );
    w.raw("CALSCALE", "GREGORIAN");
    w.raw("METHOD", "PUBLISH");
    w.text("NAME", name);
    w.text("X-WR-CALNAME", name);
    if let Some(tagline) = &cfg.tagline {
        w.text("X-WR-CALDESC", tagline);
    }
    w.raw("X-WR-TIMEZONE", cfg.timezone.name());
    w.raw("REFRESH-INTERVAL;VALUE=DURATION", &cfg.calendar.refresh);
    w.raw("X-PUBLISHED-TTL", &cfg.calendar.refresh);

    // One VTIMEZONE per zone used.
    let own;
    let zones = match ctx.zones {
        Some(z) => z,
        None => {
            let horizon = ctx.now + Duration::days(i64::from(cfg.calendar.horizon_days));
            own = vtimezones(&schedule::zone_spans(calls.iter().copied(), horizon));
            &own
        }
    };
    // By the name written; UTC and Etc/UTC are both written as Etc/GMT,
    // whose one fixed observance is the same whatever the span.
    let used: BTreeMap<&str, &str> = calls
        .iter()
        .map(|c| (wire_zone(c.timezone).name(), c.timezone.name()))
        .collect();
    for name in used.values() {
        if let Some(text) = zones.get(*name) {
            w.push_folded(text);
        }
    }
    for call in calls {
        write_call(&mut w, call, ctx);
    }
    w.raw("END", "VCALENDAR");
    w.finish()
}

/// Folded VTIMEZONE components, one per zone (keyed by the call's zone
/// name, written under its [`wire_zone`]), each covering its span (and a
/// day before, for meetings moved earlier).
pub fn vtimezones(spans: &BTreeMap<String, ZoneSpan>) -> BTreeMap<String, String> {
    spans
        .iter()
        .map(|(name, span)| {
            let mut text = String::new();
            let from = span.from - Duration::days(1);
            let zone = wire_zone(span.zone);
            for line in super::vtimezone::vtimezone_lines(zone, from, span.to) {
                fold_into(&line, &mut text);
            }
            (name.clone(), text)
        })
        .collect()
}

/// The zone a call's times are written in: its own, except that a zone
/// whose times are called "UTC" (UTC, Etc/UTC, Zulu…) is written as
/// Etc/GMT, the same instants under another name. The feed declares the
/// site's zone in X-WR-TIMEZONE, and readers that follow Google Calendar
/// (python's recurring-ical-events, through x-wr-timezone) take any time
/// named UTC, `TZID=UTC` included, for a Google-style UTC time and move
/// the series into that zone: a UTC call would be an hour off for half
/// the year. No reader re-reads a time in Etc/GMT.
pub fn wire_zone(zone: Tz) -> Tz {
    let offset = zone.offset_from_utc_datetime(&NaiveDateTime::default());
    if offset.abbreviation() == Some("UTC") && offset.fix().local_minus_utc() == 0 {
        chrono_tz::Etc::GMT
    } else {
        zone
    }
}

/// A floating date-time in iCalendar's basic form, `20261202T200000`;
/// written out, not through chrono's pattern parser: a feed has one or
/// more per meeting.
pub(super) fn local(t: NaiveDateTime) -> String {
    use crate::time::push_two_digits as two;
    use chrono::{Datelike, Timelike};
    if let Ok(year @ 0..=9999) = u32::try_from(t.year()) {
        let mut out = String::with_capacity(15);
        two(&mut out, year / 100);
        two(&mut out, year % 100);
        two(&mut out, t.month());
        two(&mut out, t.day());
        out.push('T');
        two(&mut out, t.hour());
        two(&mut out, t.minute());
        two(&mut out, t.second());
        return out;
    }
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The RRULE text of a rule, with UNTIL in UTC as RFC 5545 requires for
/// a zoned DTSTART.
pub fn rrule(rule: &Rule, call: &Call) -> String {
    let mut parts = vec![format!(
        "FREQ={}",
        match rule.freq {
            Freq::Daily => "DAILY",
            Freq::Weekly => "WEEKLY",
            Freq::Monthly => "MONTHLY",
            Freq::Yearly => "YEARLY",
        }
    )];
    if rule.interval > 1 {
        parts.push(format!("INTERVAL={}", rule.interval));
        // Our weeks start on Sunday; clients must count intervals alike.
        parts.push("WKST=SU".into());
    }
    match rule.end {
        End::Never => {}
        End::Count(n) => parts.push(format!("COUNT={n}")),
        End::Until(day) => {
            let last = day.and_hms_opt(23, 59, 59).unwrap_or(call.start);
            let (t, _) = schedule::resolve(call.timezone, last);
            parts.push(format!("UNTIL={}", utc_stamp(t.with_timezone(&Utc))));
        }
        End::UntilLocal(at) => {
            let (t, _) = schedule::resolve(call.timezone, at);
            parts.push(format!("UNTIL={}", utc_stamp(t.with_timezone(&Utc))));
        }
        End::UntilUtc(at) => parts.push(format!("UNTIL={}", utc_stamp(at.and_utc()))),
    }
    if !rule.by_month.is_empty() {
        let months: Vec<String> = rule.by_month.iter().map(u8::to_string).collect();
        parts.push(format!("BYMONTH={}", months.join(",")));
    }
    if !rule.by_month_day.is_empty() {
        let days: Vec<String> = rule.by_month_day.iter().map(i8::to_string).collect();
        parts.push(format!("BYMONTHDAY={}", days.join(",")));
    }
    if !rule.by_day.is_empty() {
        let days: Vec<String> = rule
            .by_day
            .iter()
            .map(|b| {
                let n = b.nth.map(|n| n.to_string()).unwrap_or_default();
                format!("{n}{}", weekday_code(b.weekday))
            })
            .collect();
        parts.push(format!("BYDAY={}", days.join(",")));
    }
    parts.join(";")
}

fn description(call: &Call, ctx: &FeedContext) -> String {
    let mut lines = Vec::new();
    if call.emergency {
        lines.push("Emergency call.".to_string());
    }
    if let Some(s) = &call.summary {
        lines.push(s.clone());
    }
    if !lines.is_empty() {
        lines.push(String::new());
    }
    if let Some(r) = &call.register {
        lines.push(format!("Register: {r}"));
    }
    if let Some(d) = &call.dial_in {
        lines.push(format!("Dial-in: {d}"));
    }
    if let Some(n) = &call.notes_doc {
        lines.push(format!("Agenda and notes: {n}"));
    }
    lines.push(format!("Call page: {}", ctx.call_url(call)));
    lines.join("\n")
}

/// One call: its series (or one-off) VEVENT, then for a series an
/// override per cancelled or moved meeting, in date order.
fn write_call(w: &mut IcsWriter, call: &Call, ctx: &FeedContext) {
    let ev = Event::new(call, ctx);
    ev.master(w);
    if call.rule.is_some() && call.status != CallStatus::Cancelled {
        ev.overrides(w);
    }
}

/// What every VEVENT of one call shares.
struct Event<'a> {
    call: &'a Call,
    ctx: &'a FeedContext<'a>,
    uid: String,
    stamp: String,
    length: Duration,
    tzid: String,
}

impl<'a> Event<'a> {
    fn new(call: &'a Call, ctx: &'a FeedContext<'a>) -> Self {
        Event {
            call,
            ctx,
            uid: uid(call, ctx),
            stamp: utc_stamp(ctx.now),
            length: Duration::minutes(i64::from(call.duration_minutes)),
            tzid: param_value(wire_zone(call.timezone).name()),
        }
    }

    /// UID, DTSTAMP, SUMMARY and the properties every VEVENT of the call
    /// carries.
    fn common(&self, w: &mut IcsWriter, summary: &str) {
        let call = self.call;
        w.raw("UID", &self.uid);
        w.raw("DTSTAMP", &self.stamp);
        w.text("SUMMARY", summary);
        w.text("DESCRIPTION", &description(call, self.ctx));
        if let Some(r) = &call.register {
            w.text("LOCATION", r);
        }
        w.raw("URL", &self.ctx.call_url(call));
        if let Some(org) = &self.ctx.config.calendar.organizer {
            w.raw(
                &format!("ORGANIZER;CN={}", param_value(&self.ctx.config.title)),
                org,
            );
        }
        if let Some(r) = &call.register {
            w.raw("CONFERENCE;VALUE=URI;FEATURE=AUDIO;LABEL=Register", r);
        }
        // The bridge's numbers, which phones dial from the event.
        for number in call.dial_in.iter().flat_map(|d| crate::contacts::find(d)) {
            if number.kind == crate::contacts::ContactKind::Phone {
                w.raw(
                    "CONFERENCE;VALUE=URI;FEATURE=PHONE;LABEL=Dial-in",
                    &crate::contacts::tel_uri(&number.text),
                );
            }
        }
        if !call.tags.is_empty() {
            let tags: Vec<String> = call.tags.iter().map(|t| escape_text(t)).collect();
            w.raw("CATEGORIES", &tags.join(","));
        }
    }

    /// DTSTART and DTEND in the call's zone.
    fn times(&self, w: &mut IcsWriter, at: NaiveDateTime) {
        w.raw(&format!("DTSTART;TZID={}", self.tzid), &local(at));
        w.raw(
            &format!("DTEND;TZID={}", self.tzid),
            &local(at + self.length),
        );
    }

    /// The reminder, when the site sets one.
    fn alarm(&self, w: &mut IcsWriter) {
        if let Some(lead) = &self.ctx.config.calendar.reminder {
            w.raw("BEGIN", "VALARM");
            w.raw("ACTION", "DISPLAY");
            w.raw("TRIGGER", &format!("-{lead}"));
            w.text("DESCRIPTION", &format!("Reminder: {}", self.call.title));
            w.raw("END", "VALARM");
        }
    }

    /// The series (with its RRULE) or the one-off call. A one-off call's
    /// move is its time; a cancelled series or one-off is CANCELLED.
    fn master(&self, w: &mut IcsWriter) {
        let call = self.call;
        let one_off = call.rule.is_none();
        let one_off_move = if one_off { call.moved.first() } else { None };
        let cancelled =
            call.status == CallStatus::Cancelled || (one_off && !call.cancelled.is_empty());
        w.raw("BEGIN", "VEVENT");
        let title = if cancelled {
            format!("Cancelled: {}", call.title)
        } else {
            call.title.clone()
        };
        self.common(w, &title);
        self.times(w, one_off_move.map_or(call.start, |m| m.to));
        if let Some(rule) = &call.rule {
            w.raw("RRULE", &rrule(rule, call));
        }
        let status = match (cancelled, call.status) {
            (true, _) => "CANCELLED",
            (false, CallStatus::Requested) => "TENTATIVE",
            _ => "CONFIRMED",
        };
        w.raw("STATUS", status);
        w.raw("SEQUENCE", if one_off_move.is_some() { "1" } else { "0" });
        if !cancelled {
            self.alarm(w);
        }
        w.raw("END", "VEVENT");
    }

    /// A cancelled occurrence stays in the feed, marked, so subscribers see
    /// it called off instead of silently gone; a moved one carries its new
    /// time and a raised SEQUENCE.
    fn overrides(&self, w: &mut IcsWriter) {
        let call = self.call;
        let at = |d: chrono::NaiveDate| d.and_time(call.start.time());
        let mut overrides: Vec<(NaiveDateTime, Option<NaiveDateTime>)> = call
            .cancelled
            .iter()
            .map(|(d, _)| (at(*d), None))
            .chain(call.moved.iter().map(|m| (at(m.from), Some(m.to))))
            .collect();
        overrides.sort();
        for (original, moved_to) in overrides {
            w.raw("BEGIN", "VEVENT");
            let summary = match moved_to {
                None => format!("Cancelled: {}", call.title),
                Some(_) => call.title.clone(),
            };
            self.common(w, &summary);
            w.raw(
                &format!("RECURRENCE-ID;TZID={}", self.tzid),
                &local(original),
            );
            self.times(w, moved_to.unwrap_or(original));
            w.raw(
                "STATUS",
                if moved_to.is_some() {
                    "CONFIRMED"
                } else {
                    "CANCELLED"
                },
            );
            w.raw("SEQUENCE", "1");
            if moved_to.is_some() {
                self.alarm(w);
            }
            w.raw("END", "VEVENT");
        }
    }
}
