//! The iCalendar feeds (RFC 5545, RFC 7986): `/calendar.ics` with every
//! call and `/calls/ID.ics` per call.
//!
//! A small writer of our own, because the feed must be exact where generic
//! generators are sloppy: CRLF everywhere, folding at 75 octets that never
//! splits a UTF-8 sequence or an escape and never leaves a line ending in a
//! space (parsers that trim lines would eat it), TEXT escaping, and quoted
//! parameter values.

use crate::content::{Call, CallStatus, SiteConfig};
use crate::model::routes;
use crate::recurrence::{End, Freq, Rule};
use crate::schedule::{self, ZoneSpan};
use crate::time::weekday_code;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use std::collections::BTreeMap;

/// Builds iCalendar text line by line.
#[derive(Default)]
pub struct IcsWriter {
    out: String,
}

impl IcsWriter {
    /// A property whose value is written as given (dates, URIs, rules).
    pub fn raw(&mut self, name: &str, value: &str) {
        let mut line = String::with_capacity(name.len() + value.len() + 1);
        line.push_str(name);
        line.push(':');
        line.push_str(value);
        fold_into(&line, &mut self.out);
    }

    /// A TEXT property, escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape_text(value));
    }

    /// The finished text; every line ends in CRLF.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Escapes a TEXT value: `\\`, `\;`, `\,`, newlines as `\n`; other control
/// characters are dropped (a tab becomes a space).
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value: quoted when it holds `:`, `;` or `,`; a double quote
/// cannot appear in one at all and is dropped, as are control characters.
pub fn param_value(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// Folds one logical line into physical lines of at most 75 octets.
pub fn fold_into(line: &str, out: &mut String) {
    const LIMIT: usize = 75;
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut first = true;
    while start < bytes.len() {
        // A continuation line spends one octet on its leading space.
        let room = if first { LIMIT } else { LIMIT - 1 };
        let mut end = (start + room).min(bytes.len());
        if end < bytes.len() {
            end = safe_break(line, start, end);
        }
        if !first {
            out.push(' ');
        }
        out.push_str(&line[start..end]);
        out.push_str("\r\n");
        start = end;
        first = false;
    }
    if bytes.is_empty() {
        out.push_str("\r\n");
    }
}

/// The last break point at or before `end` that is a char boundary, does
/// not split `\x`, and does not leave the line ending in a space.
fn safe_break(line: &str, start: usize, end: usize) -> usize {
    let bytes = line.as_bytes();
    let ok = |at: usize| {
        if !line.is_char_boundary(at) || at <= start {
            return false;
        }
        let before = bytes[at - 1];
        if before == b' ' || before == b'\t' {
            return false;
        }
        // An odd run of backslashes before `at` means the last one escapes
        // the character at `at`.
        let run = bytes[start..at]
            .iter()
            .rev()
            .take_while(|b| **b == b'\\')
            .count();
        run % 2 == 0
    };
    let mut at = end;
    // Prefer a clean break within a few octets; otherwise any boundary.
    while at > start + 1 && !ok(at) && end - at < 16 {
        at -= 1;
    }
    if ok(at) {
        return at;
    }
    let mut at = end;
    while !line.is_char_boundary(at) {
        at -= 1;
    }
    at
}

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
    let used: std::collections::BTreeSet<&str> = calls.iter().map(|c| c.timezone.name()).collect();
    for name in used {
        if let Some(text) = zones.get(name) {
            w.out.push_str(text);
        }
    }
    for call in calls {
        write_call(&mut w, call, ctx);
    }
    w.raw("END", "VCALENDAR");
    w.finish()
}

/// Folded VTIMEZONE components, one per zone, each covering its span (and
/// a day before, for meetings moved earlier).
pub fn vtimezones(spans: &BTreeMap<String, ZoneSpan>) -> BTreeMap<String, String> {
    spans
        .iter()
        .map(|(name, span)| {
            let mut text = String::new();
            let from = span.from - Duration::days(1);
            for line in super::vtimezone::vtimezone_lines(span.zone, from, span.to) {
                fold_into(&line, &mut text);
            }
            (name.clone(), text)
        })
        .collect()
}

fn local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
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

fn write_call(w: &mut IcsWriter, call: &Call, ctx: &FeedContext) {
    let tz = call.timezone.name();
    let length = Duration::minutes(i64::from(call.duration_minutes));
    let stamp = utc_stamp(ctx.now);
    let uid = uid(call, ctx);
    let one_off = call.rule.is_none();
    let one_off_cancelled = one_off && !call.cancelled.is_empty();
    let one_off_move = if one_off { call.moved.first() } else { None };
    let series_cancelled = call.status == CallStatus::Cancelled || one_off_cancelled;
    let start = one_off_move.map_or(call.start, |m| m.to);

    let common = |w: &mut IcsWriter, summary: &str| {
        w.raw("UID", &uid);
        w.raw("DTSTAMP", &stamp);
        w.text("SUMMARY", summary);
        w.text("DESCRIPTION", &description(call, ctx));
        if let Some(r) = &call.register {
            w.text("LOCATION", r);
        }
        w.raw("URL", &ctx.call_url(call));
        if let Some(org) = &ctx.config.calendar.organizer {
            w.raw(
                &format!("ORGANIZER;CN={}", param_value(&ctx.config.title)),
                org,
            );
        }
        if let Some(r) = &call.register {
            w.raw("CONFERENCE;VALUE=URI;FEATURE=AUDIO;LABEL=Register", r);
        }
        if !call.tags.is_empty() {
            let tags: Vec<String> = call.tags.iter().map(|t| escape_text(t)).collect();
            w.raw("CATEGORIES", &tags.join(","));
        }
    };
    let alarm = |w: &mut IcsWriter| {
        if let Some(lead) = &ctx.config.calendar.reminder {
            w.raw("BEGIN", "VALARM");
            w.raw("ACTION", "DISPLAY");
            w.raw("TRIGGER", &format!("-{lead}"));
            w.text("DESCRIPTION", &format!("Reminder: {}", call.title));
            w.raw("END", "VALARM");
        }
    };

    w.raw("BEGIN", "VEVENT");
    let title = if series_cancelled {
        format!("Cancelled: {}", call.title)
    } else {
        call.title.clone()
    };
    common(w, &title);
    w.raw(&format!("DTSTART;TZID={}", param_value(tz)), &local(start));
    w.raw(
        &format!("DTEND;TZID={}", param_value(tz)),
        &local(start + length),
    );
    if let Some(rule) = &call.rule {
        w.raw("RRULE", &rrule(rule, call));
    }
    w.raw(
        "STATUS",
        match (series_cancelled, call.status) {
            (true, _) => "CANCELLED",
            (false, CallStatus::Requested) => "TENTATIVE",
            _ => "CONFIRMED",
        },
    );
    w.raw("SEQUENCE", if one_off_move.is_some() { "1" } else { "0" });
    if !series_cancelled {
        alarm(w);
    }
    w.raw("END", "VEVENT");

    if one_off || call.status == CallStatus::Cancelled {
        return;
    }
    // Overrides, in date order: a cancelled occurrence stays in the feed,
    // marked, so subscribers see it called off instead of silently gone.
    let mut overrides: Vec<(NaiveDateTime, Option<NaiveDateTime>)> = call
        .cancelled
        .iter()
        .map(|(d, _)| (d.and_time(call.start.time()), None))
        .chain(
            call.moved
                .iter()
                .map(|m| (m.from.and_time(call.start.time()), Some(m.to))),
        )
        .collect();
    overrides.sort();
    for (original, moved_to) in overrides {
        w.raw("BEGIN", "VEVENT");
        let at = moved_to.unwrap_or(original);
        let summary = match moved_to {
            None => format!("Cancelled: {}", call.title),
            Some(_) => call.title.clone(),
        };
        common(w, &summary);
        w.raw(
            &format!("RECURRENCE-ID;TZID={}", param_value(tz)),
            &local(original),
        );
        w.raw(&format!("DTSTART;TZID={}", param_value(tz)), &local(at));
        w.raw(
            &format!("DTEND;TZID={}", param_value(tz)),
            &local(at + length),
        );
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
            alarm(w);
        }
        w.raw("END", "VEVENT");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn escapes_text_and_drops_control_characters() {
        assert_eq!(
            escape_text("a,b;c\\d\ne\r\nf\u{7}g\th"),
            "a\\,b\\;c\\\\d\\ne\\nfg h"
        );
    }

    #[test]
    fn quotes_parameter_values_instead_of_escaping() {
        assert_eq!(param_value("InterOccupy"), "InterOccupy");
        assert_eq!(
            param_value("Calls: \"all\", of them"),
            "\"Calls: all, of them\""
        );
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters_escapes_or_spaces() {
        let samples = [
            format!("SUMMARY:{}", "é".repeat(80)),
            format!("SUMMARY:{}", "🎉a".repeat(40)),
            format!("DESCRIPTION:{}", "a\\,".repeat(60)),
            format!("DESCRIPTION:{}", "word ".repeat(40).trim_end()),
            "X:short".to_string(),
        ];
        for line in samples {
            let mut out = String::new();
            fold_into(&line, &mut out);
            assert!(out.ends_with("\r\n"));
            for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
                assert!(
                    physical.len() <= 75,
                    "{} octets: {physical:?}",
                    physical.len()
                );
                assert!(!physical.ends_with(' '), "ends in a space: {physical:?}");
                let body = physical.strip_prefix(' ').unwrap_or(physical);
                let trailing = body.bytes().rev().take_while(|b| *b == b'\\').count();
                assert!(
                    trailing % 2 == 0 || out.ends_with(&format!("{physical}\r\n")),
                    "split escape: {physical:?}"
                );
            }
            assert_eq!(unfold(&out), format!("{line}\r\n"));
        }
    }
}
