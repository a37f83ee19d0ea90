//! `callsite import FILE.ics`: an existing calendar export (Google Calendar,
//! Thunderbird, or our own feed) turned into call records, so a network can
//! move its calendar onto callsite without retyping it.
//!
//! Each series (a VEVENT without RECURRENCE-ID) becomes one file in
//! `content/calls/`; its overrides become `cancelled` and `moved` entries.
//! Nothing is ever overwritten, and whatever cannot be expressed in our
//! fields is reported by event and property rather than dropped silently.

use crate::content::{is_valid_id, slugify};
use crate::recurrence::{self, End};
use crate::schedule;
use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use ical::parser::ical::component::IcalEvent;
use ical::property::Property;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Something in the file that did not make it into a call record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    /// The event's UID or summary.
    pub event: String,
    pub property: String,
    pub why: String,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Files written, relative to the site root.
    pub written: Vec<PathBuf>,
    pub unmapped: Vec<Unmapped>,
}

/// A call as read from the calendar, before it is written out.
#[derive(Debug, Default)]
struct Draft {
    id_hint: String,
    title: String,
    start: Option<NaiveDateTime>,
    zone: Option<Tz>,
    minutes: Option<u32>,
    repeat: Option<String>,
    until: Option<NaiveDate>,
    count: Option<u32>,
    cancelled: Vec<NaiveDate>,
    moved: Vec<(NaiveDate, NaiveDateTime)>,
    status: Option<&'static str>,
    register: Option<String>,
    tags: Vec<String>,
    body: String,
}

/// Imports `ics` into `root/content/calls/`. `site_zone` reads floating
/// and UTC times.
pub fn import(ics: &Path, root: &Path, site_zone: Tz) -> Result<ImportReport, crate::Error> {
    let file = std::fs::File::open(ics).map_err(|e| crate::Error::Io {
        path: ics.to_path_buf(),
        message: e.to_string(),
    })?;
    let mut events = Vec::new();
    for cal in ical::IcalParser::new(std::io::BufReader::new(file)) {
        let cal = cal.map_err(|e| crate::Error::Io {
            path: ics.to_path_buf(),
            message: format!("not a readable iCalendar file: {e}"),
        })?;
        events.extend(cal.events);
    }
    let mut report = ImportReport::default();
    let drafts = to_drafts(&events, site_zone, &mut report.unmapped);
    let dir = root.join("content/calls");
    std::fs::create_dir_all(&dir).map_err(|e| crate::Error::Io {
        path: dir.clone(),
        message: e.to_string(),
    })?;
    for draft in drafts {
        let base = if is_valid_id(&draft.id_hint) {
            draft.id_hint.clone()
        } else {
            slugify(&draft.title)
        };
        let mut id = base.clone();
        let mut n = 2;
        while dir.join(format!("{id}.md")).exists() {
            id = format!("{base}-{n}");
            n += 1;
        }
        let path = dir.join(format!("{id}.md"));
        // create_new: never overwrite, even if a file appeared meanwhile.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| crate::Error::Io {
                path: path.clone(),
                message: e.to_string(),
            })?;
        std::io::Write::write_all(&mut f, render(&draft, site_zone).as_bytes()).map_err(|e| {
            crate::Error::Io {
                path: path.clone(),
                message: e.to_string(),
            }
        })?;
        report
            .written
            .push(PathBuf::from("content/calls").join(format!("{id}.md")));
    }
    Ok(report)
}

fn prop<'a>(event: &'a IcalEvent, name: &str) -> Option<&'a Property> {
    event
        .properties
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
}

fn value<'a>(event: &'a IcalEvent, name: &str) -> Option<&'a str> {
    prop(event, name).and_then(|p| p.value.as_deref())
}

fn param<'a>(p: &'a Property, name: &str) -> Option<&'a str> {
    p.params
        .as_ref()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .and_then(|(_, v)| v.first().map(String::as_str))
}

/// Reverses TEXT escaping.
pub fn unescape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A DATE-TIME property as a wall time in a zone.
fn date_time(p: &Property, site_zone: Tz) -> Result<(NaiveDateTime, Tz), String> {
    let v = p.value.as_deref().unwrap_or("").trim();
    if param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE")) || v.len() == 8 {
        return Err("all-day events have no time to call in at".into());
    }
    let (text, utc) = match v.strip_suffix('Z') {
        Some(t) => (t, true),
        None => (v, false),
    };
    let t = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S")
        .map_err(|_| format!("`{v}` is not a date-time"))?;
    if utc {
        // A series defined in UTC repeats in UTC: converting it to the site's
        // zone would move it an hour at every daylight-saving change.
        return Ok((t, chrono_tz::UTC));
    }
    match param(p, "TZID") {
        None => Ok((t, site_zone)),
        Some(name) => {
            // Exports sometimes prefix the IANA name ("/mozilla.org/.../America/New_York").
            let clean = name.trim_matches('"');
            let zone = clean.parse::<Tz>().ok().or_else(|| {
                chrono_tz::TZ_VARIANTS
                    .iter()
                    .copied()
                    .find(|z| clean.ends_with(&format!("/{}", z.name())))
            });
            zone.map(|z| (t, z))
                .ok_or_else(|| format!("the zone `{clean}` is not an IANA zone"))
        }
    }
}

fn to_drafts(events: &[IcalEvent], site_zone: Tz, unmapped: &mut Vec<Unmapped>) -> Vec<Draft> {
    let mut masters: BTreeMap<String, (usize, Draft)> = BTreeMap::new();
    let mut overrides = Vec::new();
    for (i, ev) in events.iter().enumerate() {
        let uid = value(ev, "UID").map_or_else(|| format!("event-{i}"), str::to_string);
        if prop(ev, "RECURRENCE-ID").is_some() {
            overrides.push((uid, ev));
            continue;
        }
        let label = value(ev, "SUMMARY")
            .map(unescape_text)
            .unwrap_or_else(|| uid.clone());
        let mut miss = |property: &str, why: String| {
            unmapped.push(Unmapped {
                event: label.clone(),
                property: property.into(),
                why,
            })
        };
        let Some(draft) = master(ev, &uid, site_zone, &mut miss) else {
            continue;
        };
        masters.insert(uid, (i, draft));
    }
    for (uid, ev) in overrides {
        let label = value(ev, "SUMMARY")
            .map(unescape_text)
            .unwrap_or_else(|| uid.clone());
        let Some((_, draft)) = masters.get_mut(&uid) else {
            unmapped.push(Unmapped {
                event: label,
                property: "RECURRENCE-ID".into(),
                why: "an override whose series is not in the file".into(),
            });
            continue;
        };
        let zone = draft.zone.unwrap_or(site_zone);
        let original = prop(ev, "RECURRENCE-ID").map(|p| date_time(p, site_zone));
        let Some(Ok((original, _))) = original else {
            unmapped.push(Unmapped {
                event: label,
                property: "RECURRENCE-ID".into(),
                why: "not a date-time".into(),
            });
            continue;
        };
        if value(ev, "STATUS").is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED")) {
            draft.cancelled.push(original.date());
        } else if let Some(Ok((to, to_zone))) = prop(ev, "DTSTART").map(|p| date_time(p, site_zone))
        {
            let to = if to_zone == zone {
                to
            } else {
                schedule::resolve(to_zone, to)
                    .0
                    .with_timezone(&zone)
                    .naive_local()
            };
            if to != original {
                draft.moved.push((original.date(), to));
            }
        }
    }
    let mut drafts: Vec<(usize, Draft)> = masters.into_values().collect();
    drafts.sort_by_key(|(i, _)| *i);
    drafts.into_iter().map(|(_, d)| d).collect()
}

fn master(
    ev: &IcalEvent,
    uid: &str,
    site_zone: Tz,
    miss: &mut impl FnMut(&str, String),
) -> Option<Draft> {
    let mut d = Draft {
        id_hint: uid.split('@').next().unwrap_or("").to_string(),
        ..Draft::default()
    };
    let status = value(ev, "STATUS").unwrap_or("").to_ascii_uppercase();
    let summary = value(ev, "SUMMARY").map(unescape_text).unwrap_or_default();
    d.title = match summary.strip_prefix("Cancelled: ") {
        Some(rest) if status == "CANCELLED" => rest.to_string(),
        _ => summary,
    };
    if d.title.trim().is_empty() {
        d.title = "Untitled call".into();
    }
    d.status = match status.as_str() {
        "CANCELLED" => Some("cancelled"),
        "TENTATIVE" => Some("requested"),
        _ => None,
    };
    let start = match prop(ev, "DTSTART").map(|p| date_time(p, site_zone)) {
        Some(Ok(s)) => s,
        Some(Err(why)) => {
            miss("DTSTART", format!("{why}; the event was skipped"));
            return None;
        }
        None => {
            miss("DTSTART", "missing; the event was skipped".into());
            return None;
        }
    };
    d.start = Some(start.0);
    d.zone = Some(start.1);
    let start_instant = schedule::resolve(start.1, start.0).0;
    d.minutes = match (
        prop(ev, "DTEND").map(|p| date_time(p, site_zone)),
        value(ev, "DURATION"),
    ) {
        (Some(Ok((end, zone))), _) => {
            let end = schedule::resolve(zone, end).0;
            u32::try_from((end - start_instant).num_minutes()).ok()
        }
        (_, Some(dur)) => crate::time::parse_iso_duration(dur).map(|s| (s / 60) as u32),
        _ => None,
    }
    .filter(|m| (1..=1440).contains(m));
    if let Some(rule) = value(ev, "RRULE") {
        match recurrence::parse(rule, start.0) {
            Ok(parsed) => {
                let kept: Vec<&str> = rule
                    .split(';')
                    .filter(|p| !p.starts_with("UNTIL=") && !p.starts_with("COUNT="))
                    .collect();
                d.repeat = Some(kept.join(";"));
                match parsed.end {
                    End::Count(n) => d.count = Some(n),
                    End::Until(day) => d.until = Some(day),
                    End::UntilLocal(at) => d.until = Some(at.date()),
                    End::UntilUtc(at) => {
                        // The local day of that instant; `until` is inclusive.
                        // An UNTIL earlier in its day than the call's time
                        // already excludes that day's meeting.
                        let local = Utc
                            .from_utc_datetime(&at)
                            .with_timezone(&start.1)
                            .naive_local();
                        let day = local.date();
                        d.until = Some(if local.time() < start.0.time() {
                            day.pred_opt().unwrap_or(day)
                        } else {
                            day
                        });
                    }
                    End::Never => {}
                }
            }
            Err(e) => miss(
                "RRULE",
                format!("{}; imported as a one-off call", e.message),
            ),
        }
    }
    for p in ev
        .properties
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case("EXDATE"))
    {
        for v in p.value.as_deref().unwrap_or("").split(',') {
            let single = Property {
                value: Some(v.to_string()),
                ..p.clone()
            };
            match date_time(&single, site_zone) {
                Ok((t, _)) => d.cancelled.push(t.date()),
                Err(why) => miss("EXDATE", why),
            }
        }
    }
    if prop(ev, "RDATE").is_some() {
        miss(
            "RDATE",
            "extra dates outside the rule have no field; add them as separate calls".into(),
        );
    }
    if let Some(loc) = value(ev, "LOCATION").map(unescape_text) {
        if loc.starts_with("https://") || loc.starts_with("http://") {
            d.register = Some(loc);
        } else if !loc.trim().is_empty() {
            d.body.push_str(&format!("Location: {loc}\n\n"));
        }
    }
    if let Some(cats) = value(ev, "CATEGORIES") {
        d.tags = cats
            .split(',')
            .map(|t| unescape_text(t).trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
    }
    if let Some(desc) = value(ev, "DESCRIPTION") {
        d.body.push_str(&unescape_text(desc));
        d.body.push('\n');
    }
    if prop(ev, "ATTENDEE").is_some() {
        miss(
            "ATTENDEE",
            "attendees are personal data and are never published".into(),
        );
    }
    Some(d)
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn render(d: &Draft, site_zone: Tz) -> String {
    let mut y = String::from("---\n");
    let _ = writeln!(y, "title: {}", quoted(&d.title));
    if let Some(s) = d.start {
        let _ = writeln!(y, "start: {}", s.format("%Y-%m-%d %H:%M"));
    }
    if let Some(z) = d.zone.filter(|z| *z != site_zone) {
        let _ = writeln!(y, "timezone: {}", z.name());
    }
    if let Some(m) = d.minutes {
        let _ = writeln!(y, "duration: {m}m");
    }
    if let Some(r) = &d.repeat {
        let _ = writeln!(y, "repeat: {}", quoted(r));
    }
    if let Some(u) = d.until {
        let _ = writeln!(y, "until: {u}");
    }
    if let Some(c) = d.count {
        let _ = writeln!(y, "count: {c}");
    }
    if !d.cancelled.is_empty() {
        let mut dates = d.cancelled.clone();
        dates.sort();
        dates.dedup();
        let list: Vec<String> = dates.iter().map(NaiveDate::to_string).collect();
        let _ = writeln!(y, "cancelled: [{}]", list.join(", "));
    }
    if !d.moved.is_empty() {
        y.push_str("moved:\n");
        for (from, to) in &d.moved {
            let _ = writeln!(y, "  {from}: {}", to.format("%Y-%m-%d %H:%M"));
        }
    }
    if let Some(s) = d.status {
        let _ = writeln!(y, "status: {s}");
    }
    if let Some(r) = &d.register {
        let _ = writeln!(y, "register: {}", quoted(r));
    }
    if !d.tags.is_empty() {
        let tags: Vec<String> = d.tags.iter().map(|t| quoted(t)).collect();
        let _ = writeln!(y, "tags: [{}]", tags.join(", "));
    }
    y.push_str("# Imported from a calendar: add facilitator, backup_facilitator and tech.\n");
    y.push_str("---\n");
    y.push_str(&d.body);
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_text() {
        assert_eq!(unescape_text("a\\,b\\;c\\\\d\\ne"), "a,b;c\\d\ne");
    }

    #[test]
    fn quotes_yaml_safely() {
        assert_eq!(
            quoted("Caravan: \"west\" \\ east"),
            "\"Caravan: \\\"west\\\" \\\\ east\""
        );
    }
}
