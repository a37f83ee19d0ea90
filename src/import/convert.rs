//! A parsed calendar turned into drafts and notices, event by event.

use super::draft::{Draft, Part};
use super::event::{self, Group};
use super::fields;
use super::frame::Cx;
use super::overrides;
use super::parse::Component;
use super::report::{Level, Notes, Notice};
use super::zones::Zones;
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// Everything a file gives.
#[derive(Debug, Default)]
pub struct Converted {
    pub drafts: Vec<Draft>,
    pub notices: Vec<Notice>,
    /// Events seen (series and one-offs, by UID).
    pub events: usize,
    /// Events not imported at all.
    pub refused: usize,
    /// Other components (to-dos, journal entries…) that are not calls.
    pub skipped: usize,
}

/// Converts every VCALENDAR of a file.
pub fn convert(calendars: &[Component], site_zone: Tz) -> Converted {
    let mut out = Converted::default();
    let last = chrono::NaiveDate::from_ymd_opt(2100, 1, 1)
        .unwrap_or_default()
        .and_time(chrono::NaiveTime::MIN);
    for cal in calendars {
        let callsite = cal
            .value("PRODID")
            .is_some_and(|p| p.contains("//callsite//"));
        let zones = Zones::new(cal, last);
        let cx = Cx {
            zones: &zones,
            site_zone,
            callsite,
            calendar_zone: super::xwr::read(cal),
        };
        out.skipped += cal
            .children
            .iter()
            .filter(|c| !matches!(c.name.as_str(), "VEVENT" | "VTIMEZONE"))
            .count();
        let mut seen = std::collections::BTreeSet::new();
        for g in groups(cal, &mut out.notices) {
            let (drafts, notes) = one(&g, &cx);
            out.events += 1;
            if notes.refused() || drafts.is_empty() {
                out.refused += 1;
            }
            out.drafts.extend(drafts);
            // A zone's reading is said once, not for every event in it;
            // a UTC series read in X-WR-TIMEZONE is said for each event.
            for n in notes.list {
                let event = if n.property == super::xwr::PROPERTY {
                    format!("{} {}", n.uid, n.line)
                } else {
                    String::new()
                };
                if n.level != Level::Note
                    || seen.insert((n.property.clone(), n.message.clone(), event))
                {
                    out.notices.push(n);
                }
            }
        }
    }
    out
}

/// Events by UID, in file order; of two VEVENTs with the same UID and no
/// RECURRENCE-ID the one with the higher SEQUENCE (else the later) wins,
/// as in calendar apps.
fn groups<'a>(cal: &'a Component, notices: &mut Vec<Notice>) -> Vec<Group<'a>> {
    let mut order: Vec<String> = Vec::new();
    let mut by: BTreeMap<String, Group<'a>> = BTreeMap::new();
    for ev in cal.children.iter().filter(|c| c.name == "VEVENT") {
        let uid = ev.value("UID").unwrap_or("").to_string();
        let key = if uid.is_empty() {
            format!("line {}", ev.line)
        } else {
            uid.clone()
        };
        let g = by.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Group {
                uid: uid.clone(),
                master: None,
                overrides: Vec::new(),
            }
        });
        if ev.get("RECURRENCE-ID").is_some() {
            g.overrides.push(ev);
            continue;
        }
        let seq = |c: &Component| {
            c.value("SEQUENCE")
                .and_then(|s| s.parse::<i64>().ok())
                .unwrap_or(0)
        };
        let (keep, drop) = match g.master {
            Some(old) if seq(old) > seq(ev) => (old, Some(ev)),
            Some(old) => (ev, Some(old)),
            None => (ev, None),
        };
        g.master = Some(keep);
        if let Some(d) = drop {
            let mut n = Notes::new(&super::frame::title(d), &uid);
            n.add(
                Level::Refused,
                d.line,
                "UID",
                format!(
                    "another VEVENT (line {}) has the same UID and replaces this one",
                    keep.line
                ),
                "give the events different UIDs if both are meant",
            );
            notices.extend(n.list);
        }
    }
    order.into_iter().filter_map(|u| by.remove(&u)).collect()
}

/// One event's drafts.
fn one(g: &Group, cx: &Cx) -> (Vec<Draft>, Notes) {
    let Some(m) = g.master else {
        // Overrides without their series: each is a meeting of its own.
        let mut all = Vec::new();
        let mut notes = Notes::new(&super::frame::title(g.overrides[0]), &g.uid);
        for ov in &g.overrides {
            notes.add(Level::Note, ov.line, "RECURRENCE-ID", "the series this meeting belongs to is not in the file; it is imported as a call of its own", "");
            let single = Group {
                uid: g.uid.clone(),
                master: Some(ov),
                overrides: Vec::new(),
            };
            let (d, n) = series(ov, &single, cx);
            all.extend(d);
            notes.list.extend(n.list);
        }
        return (all, notes);
    };
    series(m, g, cx)
}

fn series(m: &Component, g: &Group, cx: &Cx) -> (Vec<Draft>, Notes) {
    let mut notes = Notes::new(&super::frame::title(m), &g.uid);
    let Some((f, start)) = event::frame_for(m, g, cx, &mut notes) else {
        return (Vec::new(), notes);
    };
    let Some(mut parts) = event::rule_parts(m, &f, start, &mut notes) else {
        return (Vec::new(), notes);
    };
    super::dates::rdates(m, &f, &mut parts, cx, &mut notes);
    super::dates::exdates(m, &f, &mut parts, cx, &mut notes);
    overrides::apply(&mut parts, &g.overrides, &f, cx, &mut notes);
    if notes.refused() {
        return (Vec::new(), notes);
    }
    let parts: Vec<Part> = parts.into_iter().filter(|p| !p.gone).collect();
    let total = parts.len();
    let drafts = parts
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let mut d = fields::draft(m, &f, p, cx.callsite, &g.uid);
            super::contacts::withhold(&mut d, m.line, &mut notes);
            if total > 1 {
                d.origin.push(format!(
                    "Part {} of {total} of that event: callsite writes it as several calls.",
                    i + 1
                ));
            }
            d
        })
        .collect();
    (drafts, notes)
}
