//! An RFC 5545 expander written for the tests and independent of
//! callsite's engine: the `ical` crate reads the file, the `rrule` crate
//! (an independent port of python-dateutil) expands every RRULE, and the
//! zones are chrono-tz's for IANA names or the file's own VTIMEZONE
//! otherwise. It gives, per UID, the set of (start, end) instants of the
//! meetings that are held, so an original export and the feed built from
//! its import can be compared.
//!
//! Readings where RFC 5545 leaves room, chosen as calendar apps mostly do:
//! DTSTART is always a meeting; an UNTIL that is a DATE ends the series at
//! the start of that day in the series' zone; an EXDATE or RECURRENCE-ID
//! that is a DATE names the meeting(s) of that local day; an override
//! whose RECURRENCE-ID is no meeting is a meeting of its own; of several
//! overrides of one meeting the highest SEQUENCE wins; a floating DTSTART
//! is read in the site's zone, and a floating EXDATE, RDATE or
//! RECURRENCE-ID of a zoned event in the event's zone (as
//! python-recurring-ical-events reads them). A Windows zone name with no
//! VTIMEZONE in the file is read by CLDR's table (the `localzone` crate).
//!
//! One reading goes beyond RFC 5545, as Google Calendar and
//! python-recurring-ical-events (through x-wr-timezone) read Google's
//! exports: a recurring event whose DTSTART is in UTC, in a file with an
//! X-WR-TIMEZONE naming an IANA or Windows zone, repeats at DTSTART's wall
//! time in that zone, not at its UTC time (the import reads it so; of the
//! corpus, only the second event of `npm-ical-test14.ics` is concerned).
#![allow(dead_code)]

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use ical::parser::ical::component::{IcalCalendar, IcalEvent, IcalTimeZone};
use ical::property::Property;
use std::collections::{BTreeMap, BTreeSet};

/// A meeting: start and end in Unix seconds. An all-day meeting has
/// `end == ALL_DAY` and starts at its date's midnight UTC.
pub type Occ = (i64, i64);
pub const ALL_DAY: i64 = i64::MIN;

/// The meetings of one UID.
#[derive(Debug, Default, Clone)]
pub struct Event {
    pub summary: String,
    pub occ: BTreeSet<Occ>,
    /// UTC offset (seconds) of each meeting's start in the event's zone,
    /// to name its local date.
    pub offsets: BTreeMap<i64, i32>,
}

/// Meetings by the instant that names them (their original start).
type Meetings = BTreeMap<i64, (Occ, Time)>;

/// A zone as the engine reads it.
#[derive(Clone, Debug)]
enum Zone {
    Iana(chrono_tz::Tz),
    /// A VTIMEZONE: (UTC instant, offset from then on), and the offset before.
    Def(Vec<(i64, i32)>, i32),
}

impl Zone {
    fn offset_at(&self, utc: i64) -> i32 {
        match self {
            Zone::Iana(tz) => {
                let t = chrono::DateTime::from_timestamp(utc, 0).unwrap_or_default();
                tz.offset_from_utc_datetime(&t.naive_utc())
                    .fix()
                    .local_minus_utc()
            }
            Zone::Def(changes, first) => {
                let i = changes.partition_point(|(t, _)| *t <= utc);
                if i == 0 { *first } else { changes[i - 1].1 }
            }
        }
    }

    /// The instant of a wall time: the earlier of two in a repeated hour,
    /// the offset before the change in a skipped one.
    fn instant(&self, wall: NaiveDateTime) -> i64 {
        let w = wall.and_utc().timestamp();
        let mut fits = Vec::new();
        for probe in [w - 86_400, w, w + 86_400] {
            let o = i64::from(self.offset_at(probe));
            if i64::from(self.offset_at(w - o)) == o {
                fits.push(w - o);
            }
        }
        if let Some(first) = fits.iter().min() {
            return *first;
        }
        let before = i64::from(self.offset_at(w - 86_400));
        w - before
    }
}

fn param<'a>(p: &'a Property, name: &str) -> Option<&'a str> {
    p.params
        .as_ref()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .and_then(|(_, v)| v.first().map(String::as_str))
}

fn props<'a>(list: &'a [Property], name: &'a str) -> impl Iterator<Item = &'a Property> + 'a {
    list.iter()
        .filter(move |p| p.name.eq_ignore_ascii_case(name))
}

fn value<'a>(list: &'a [Property], name: &'a str) -> Option<&'a str> {
    props(list, name)
        .next()
        .and_then(|p| p.value.as_deref())
        .map(str::trim)
}

/// A value as read: a day, or a wall time with its zone (`None`: UTC).
#[derive(Clone, Debug)]
enum Time {
    Day(NaiveDate),
    Wall(NaiveDateTime, Option<Zone>),
}

fn offset(text: &str) -> i32 {
    let t = text.trim();
    let sign = if t.starts_with('-') { -1 } else { 1 };
    let d: String = t.chars().filter(char::is_ascii_digit).collect();
    let n = |a: usize, b: usize| d.get(a..b).and_then(|s| s.parse::<i32>().ok()).unwrap_or(0);
    sign * (n(0, 2) * 3600 + n(2, 4) * 60 + n(4, 6))
}

fn wall(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text.trim().trim_end_matches('Z'), "%Y%m%dT%H%M%S").ok()
}

/// Expands an RRULE from a wall time, wall-time-as-UTC, up to `cutoff`.
fn rrule_walls(
    rule: &str,
    start: NaiveDateTime,
    cutoff: NaiveDateTime,
) -> Result<Vec<NaiveDateTime>, String> {
    let tz = rrule::Tz::UTC;
    let dt = tz.from_utc_datetime(&start);
    let parsed: rrule::RRule<rrule::Unvalidated> = rule.parse().map_err(|e| format!("{e}"))?;
    let set = parsed.build(dt).map_err(|e| format!("{e}"))?;
    Ok((&set)
        .into_iter()
        .map(|t| t.naive_utc())
        .take_while(|t| *t <= cutoff)
        .collect())
}

/// An RRULE split into its UNTIL (applied here, against instants) and the rest.
fn split_until(rule: &str) -> (String, Option<String>) {
    let mut until = None;
    let kept: Vec<&str> = rule
        .split(';')
        .filter(|p| match p.split_once('=') {
            Some((k, v)) if k.trim().eq_ignore_ascii_case("UNTIL") => {
                until = Some(v.trim().to_string());
                false
            }
            // RFC 7529's defaults, which the rrule crate does not read.
            _ => {
                let p = p.trim();
                !p.is_empty()
                    && !p.eq_ignore_ascii_case("RSCALE=GREGORIAN")
                    && !p.eq_ignore_ascii_case("SKIP=OMIT")
            }
        })
        .collect();
    (kept.join(";"), until)
}

fn vtimezone(tz: &IcalTimeZone) -> Zone {
    let mut changes = Vec::new();
    let mut first: Option<(i64, i32)> = None;
    let end = NaiveDate::from_ymd_opt(2100, 1, 1)
        .unwrap()
        .and_time(NaiveTime::MIN);
    for t in &tz.transitions {
        let from = value(&t.properties, "TZOFFSETFROM").map_or(0, offset);
        let to = value(&t.properties, "TZOFFSETTO").map_or(0, offset);
        let Some(start) = value(&t.properties, "DTSTART").and_then(wall) else {
            continue;
        };
        let mut onsets = vec![start];
        if let Some(rule) = value(&t.properties, "RRULE") {
            let (rest, until) = split_until(rule);
            let limit = until
                .as_deref()
                .and_then(wall)
                .map(|u| u + Duration::seconds(i64::from(from)));
            if let Ok(w) = rrule_walls(&rest, start, end) {
                onsets.extend(w.into_iter().filter(|w| limit.is_none_or(|l| *w <= l)));
            }
        }
        for p in props(&t.properties, "RDATE") {
            onsets.extend(p.value.as_deref().unwrap_or("").split(',').filter_map(wall));
        }
        for o in onsets {
            let utc = o.and_utc().timestamp() - i64::from(from);
            changes.push((utc, to));
            if first.is_none_or(|(u, _)| utc < u) {
                first = Some((utc, from));
            }
        }
    }
    changes.sort();
    changes.dedup();
    Zone::Def(changes, first.map_or(0, |f| f.1))
}

/// The engine for one file.
pub struct Engine {
    zones: BTreeMap<String, Zone>,
    site: chrono_tz::Tz,
    cutoff: NaiveDateTime,
    /// The calendar's X-WR-TIMEZONE, when it names a zone.
    x_wr: Option<chrono_tz::Tz>,
}

/// A TZID as an IANA zone: itself, after a vendor prefix, or a Windows
/// name by CLDR (only when the file does not define it).
fn iana(tzid: &str) -> Option<chrono_tz::Tz> {
    if let Ok(z) = tzid.parse() {
        return Some(z);
    }
    chrono_tz::TZ_VARIANTS
        .iter()
        .filter(|z| z.name().contains('/') && tzid.ends_with(&format!("/{}", z.name())))
        .max_by_key(|z| z.name().len())
        .copied()
}

impl Engine {
    pub fn new(cal: &IcalCalendar, site: chrono_tz::Tz, cutoff: NaiveDateTime) -> Engine {
        let zones = cal
            .timezones
            .iter()
            .filter_map(|z| {
                Some((
                    value(&z.properties, "TZID")?
                        .replace("\\,", ",")
                        .replace("\\;", ";"),
                    vtimezone(z),
                ))
            })
            .collect();
        let x_wr = value(&cal.properties, "X-WR-TIMEZONE").and_then(|n| {
            n.parse()
                .ok()
                .or_else(|| localzone::win_zone_to_iana(n, None).and_then(|n| n.parse().ok()))
        });
        Engine {
            zones,
            site,
            cutoff,
            x_wr,
        }
    }

    /// A recurring event's UTC DTSTART as a wall time in X-WR-TIMEZONE
    /// (see the module's comment); kept in UTC when that wall time is in
    /// a repeated hour and names another instant.
    fn in_calendar_zone(&self, ev: &IcalEvent, start: Time) -> Time {
        let (Some(tz), Time::Wall(w, None)) = (self.x_wr, &start) else {
            return start;
        };
        let recurring = props(&ev.properties, "RRULE").next().is_some()
            || props(&ev.properties, "RDATE").next().is_some();
        let local = tz.from_utc_datetime(w).naive_local();
        let zone = Zone::Iana(tz);
        if !recurring || zone.instant(local) != w.and_utc().timestamp() {
            return start;
        }
        Time::Wall(local, Some(zone))
    }

    fn zone(&self, tzid: &str) -> Result<Zone, String> {
        let tzid = tzid.trim();
        if let Some(z) = iana(tzid) {
            return Ok(Zone::Iana(z));
        }
        if let Some(z) = self.zones.get(tzid) {
            return Ok(z.clone());
        }
        localzone::win_zone_to_iana(tzid, None)
            .and_then(|n| n.parse().ok())
            .map(Zone::Iana)
            .ok_or_else(|| format!("unknown zone {tzid}"))
    }

    fn times(
        &self,
        p: &Property,
        floating: Option<&Zone>,
    ) -> Result<Vec<(Time, Option<String>)>, String> {
        let date_only = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
        let zone = match param(p, "TZID") {
            Some(z) => Some(self.zone(z)?),
            None => None,
        };
        let mut out = Vec::new();
        for v in p
            .value
            .as_deref()
            .unwrap_or("")
            .split(',')
            .filter(|v| !v.trim().is_empty())
        {
            let (v, period) = match v.split_once('/') {
                Some((a, b)) => (a.trim(), Some(b.trim().to_string())),
                None => (v.trim(), None),
            };
            let t = if date_only || (v.len() == 8 && !v.contains('T')) {
                Time::Day(NaiveDate::parse_from_str(v, "%Y%m%d").map_err(|e| format!("{v}: {e}"))?)
            } else {
                let w = wall(v).ok_or_else(|| format!("bad date-time {v}"))?;
                if v.ends_with('Z') {
                    Time::Wall(w, None)
                } else {
                    let z = zone
                        .clone()
                        .or_else(|| floating.cloned())
                        .unwrap_or(Zone::Iana(self.site));
                    Time::Wall(w, Some(z))
                }
            };
            out.push((t, period));
        }
        Ok(out)
    }

    fn instant(t: &Time) -> i64 {
        match t {
            Time::Day(d) => d.and_time(NaiveTime::MIN).and_utc().timestamp(),
            Time::Wall(w, None) => w.and_utc().timestamp(),
            Time::Wall(w, Some(z)) => z.instant(*w),
        }
    }

    fn one(
        &self,
        list: &[Property],
        name: &str,
        floating: Option<&Zone>,
    ) -> Result<Option<Time>, String> {
        match props(list, name).next() {
            None => Ok(None),
            Some(p) => Ok(self.times(p, floating)?.into_iter().next().map(|t| t.0)),
        }
    }

    /// The length of a component in seconds (0 without an end).
    fn length(&self, list: &[Property], start: &Time) -> Result<i64, String> {
        let floating = match start {
            Time::Wall(_, z) => z.as_ref(),
            Time::Day(_) => None,
        };
        if let Some(end) = self.one(list, "DTEND", floating)? {
            return Ok(Self::instant(&end) - Self::instant(start));
        }
        Ok(value(list, "DURATION").and_then(duration).unwrap_or(0))
    }

    fn occ(&self, start: &Time, length: i64) -> Occ {
        match start {
            Time::Day(_) => (Self::instant(start), ALL_DAY),
            _ => (Self::instant(start), Self::instant(start) + length),
        }
    }

    /// The meetings of one series (master), before overrides, by the
    /// local wall time or day that names them, with the master's zone.
    fn master(
        &self,
        ev: &IcalEvent,
        floating: Option<&Zone>,
    ) -> Result<(Meetings, Option<Zone>, i64), String> {
        let start = self
            .one(&ev.properties, "DTSTART", floating)?
            .ok_or("no DTSTART")?;
        let length = self.length(&ev.properties, &start)?;
        let start = self.in_calendar_zone(ev, start);
        let zone = match &start {
            Time::Wall(_, z) => z.clone(),
            Time::Day(_) => None,
        };
        let floating = zone.as_ref();
        let mut out = BTreeMap::new();
        out.insert(
            Self::instant(&start),
            (self.occ(&start, length), start.clone()),
        );
        for p in props(&ev.properties, "RRULE") {
            for t in self.rule(p.value.as_deref().unwrap_or(""), &start)? {
                out.insert(Self::instant(&t), (self.occ(&t, length), t));
            }
        }
        for p in props(&ev.properties, "RDATE") {
            for (t, period) in self.times(p, floating)? {
                let len = match period {
                    None => length,
                    Some(end) if end.starts_with(['P', '+', '-']) => {
                        duration(&end).unwrap_or(length)
                    }
                    Some(end) => wall(&end).map_or(length, |e| {
                        let z = match &t {
                            Time::Wall(_, z) => z.clone(),
                            Time::Day(_) => None,
                        };
                        Self::instant(&Time::Wall(e, if end.ends_with('Z') { None } else { z }))
                            - Self::instant(&t)
                    }),
                };
                out.entry(Self::instant(&t))
                    .or_insert((self.occ(&t, len), t));
            }
        }
        for p in props(&ev.properties, "EXDATE") {
            for (t, _) in self.times(p, floating)? {
                self.remove(&mut out, &t, zone.as_ref());
            }
        }
        Ok((out, zone, length))
    }

    /// Removes the meeting `t` names (a day: every meeting that local day).
    fn remove(
        &self,
        out: &mut BTreeMap<i64, (Occ, Time)>,
        t: &Time,
        zone: Option<&Zone>,
    ) -> Vec<(Occ, Time)> {
        let keys: Vec<i64> = match t {
            Time::Day(d) => out
                .iter()
                .filter(|(k, (_, orig))| match orig {
                    Time::Day(o) => o == d,
                    Time::Wall(..) => local_date(**k, zone) == *d,
                })
                .map(|(k, _)| *k)
                .collect(),
            _ => vec![Self::instant(t)],
        };
        keys.iter().filter_map(|k| out.remove(k)).collect()
    }

    fn rule(&self, rule: &str, start: &Time) -> Result<Vec<Time>, String> {
        let (rest, until) = split_until(rule);
        let (w, zone) = match start {
            Time::Day(d) => (d.and_time(NaiveTime::MIN), None),
            Time::Wall(w, z) => (*w, z.clone()),
        };
        let mut out = Vec::new();
        for t in rrule_walls(&rest, w, self.cutoff)? {
            let time = match start {
                Time::Day(_) => Time::Day(t.date()),
                Time::Wall(..) => Time::Wall(t, zone.clone()),
            };
            let within = match until.as_deref() {
                None => true,
                Some(u) if u.len() == 8 => {
                    t <= NaiveDate::parse_from_str(u, "%Y%m%d")
                        .map_err(|e| e.to_string())?
                        .and_time(NaiveTime::MIN)
                }
                Some(u) if u.ends_with('Z') => {
                    Self::instant(&time) <= wall(u).ok_or("bad UNTIL")?.and_utc().timestamp()
                }
                Some(u) => t <= wall(u).ok_or("bad UNTIL")?,
            };
            if !within {
                break;
            }
            out.push(time);
        }
        Ok(out)
    }

    /// Every UID's meetings.
    pub fn expand(&self, events: &[IcalEvent]) -> BTreeMap<String, Result<Event, String>> {
        let mut groups: BTreeMap<String, (Vec<&IcalEvent>, Vec<&IcalEvent>)> = BTreeMap::new();
        for (i, ev) in events.iter().enumerate() {
            let uid = value(&ev.properties, "UID").map_or_else(|| format!("#{i}"), str::to_string);
            let g = groups.entry(uid).or_default();
            if value(&ev.properties, "RECURRENCE-ID").is_some() {
                g.1.push(ev)
            } else {
                g.0.push(ev)
            }
        }
        groups
            .into_iter()
            .map(|(uid, (masters, overrides))| (uid, self.group(&masters, &overrides)))
            .collect()
    }

    fn group(&self, masters: &[&IcalEvent], overrides: &[&IcalEvent]) -> Result<Event, String> {
        let seq = |e: &IcalEvent| {
            value(&e.properties, "SEQUENCE")
                .and_then(|s| s.parse::<i64>().ok())
                .unwrap_or(0)
        };
        let Some(master) = masters.iter().rev().max_by_key(|e| seq(e)) else {
            let mut ev = Event::default();
            for o in overrides {
                let (m, zone, _) = self.master(o, None)?;
                if !cancelled(&o.properties) {
                    self.collect(&mut ev, m, zone.as_ref());
                }
                ev.summary = value(&o.properties, "SUMMARY").unwrap_or("").to_string();
            }
            return Ok(ev);
        };
        let (m, zone, _) = self.master(master, None)?;
        let mut ev = Event {
            summary: value(&master.properties, "SUMMARY")
                .unwrap_or("")
                .to_string(),
            ..Event::default()
        };
        let mut latest: BTreeMap<String, &IcalEvent> = BTreeMap::new();
        for o in overrides {
            let key = value(&o.properties, "RECURRENCE-ID")
                .unwrap_or("")
                .to_string();
            if latest.get(&key).is_none_or(|old| seq(o) >= seq(old)) {
                latest.insert(key, o);
            }
        }
        let m = self.overridden(m, latest.into_values().collect(), zone.as_ref())?;
        if !cancelled(&master.properties) {
            self.collect(&mut ev, m, zone.as_ref());
        }
        Ok(ev)
    }

    fn collect(&self, ev: &mut Event, m: BTreeMap<i64, (Occ, Time)>, zone: Option<&Zone>) {
        for (occ, _) in m.into_values() {
            ev.offsets
                .insert(occ.0, zone.map_or(0, |z| z.offset_at(occ.0)));
            ev.occ.insert(occ);
        }
    }

    /// The series with its overrides: a meeting named by an override's
    /// RECURRENCE-ID takes the override; any other takes the shift and
    /// length of the latest RANGE=THISANDFUTURE override before it
    /// (RFC 5545 §3.8.4.4: instances are named by their original time).
    fn overridden(
        &self,
        m: BTreeMap<i64, (Occ, Time)>,
        list: Vec<&IcalEvent>,
        zone: Option<&Zone>,
    ) -> Result<BTreeMap<i64, (Occ, Time)>, String> {
        let mut own: BTreeMap<i64, &IcalEvent> = BTreeMap::new();
        let mut ranges: Vec<(i64, &IcalEvent)> = Vec::new();
        let mut out = BTreeMap::new();
        for o in list {
            let rid_prop = props(&o.properties, "RECURRENCE-ID")
                .next()
                .ok_or("no RECURRENCE-ID")?;
            let rid = self
                .times(rid_prop, zone)?
                .into_iter()
                .next()
                .ok_or("empty RECURRENCE-ID")?
                .0;
            let keys: Vec<i64> = match &rid {
                Time::Day(d) => m
                    .iter()
                    .filter(|(k, _)| local_date(**k, zone) == *d)
                    .map(|(k, _)| *k)
                    .collect(),
                t => vec![Self::instant(t)]
                    .into_iter()
                    .filter(|k| m.contains_key(k))
                    .collect(),
            };
            if param(rid_prop, "RANGE").is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE")) {
                ranges.push((Self::instant(&rid), o));
            }
            if keys.is_empty() && !cancelled(&o.properties) {
                // No such meeting: the override is a meeting of its own.
                let (extra, _, _) = self.master(o, zone)?;
                out.extend(extra);
            }
            for k in keys {
                own.insert(k, o);
            }
        }
        ranges.sort_by_key(|r| r.0);
        for (orig, (occ, t)) in m {
            let range = ranges.iter().rev().find(|(r, _)| *r <= orig);
            let Some(o) = own.get(&orig).copied().or(range.map(|r| r.1)) else {
                out.insert(orig, (occ, t));
                continue;
            };
            if cancelled(&o.properties) {
                continue;
            }
            let rid = self
                .one(&o.properties, "RECURRENCE-ID", zone)?
                .ok_or("no RECURRENCE-ID")?;
            let start = self
                .one(&o.properties, "DTSTART", zone)?
                .unwrap_or_else(|| rid.clone());
            let len = match (
                props(&o.properties, "DTEND").next(),
                value(&o.properties, "DURATION"),
            ) {
                (None, None) => {
                    if occ.1 == ALL_DAY {
                        0
                    } else {
                        occ.1 - occ.0
                    }
                }
                _ => self.length(&o.properties, &start)?,
            };
            let new = if own.contains_key(&orig) {
                self.occ(&start, len)
            } else {
                let delta = Self::instant(&start) - Self::instant(&rid);
                (occ.0 + delta, occ.0 + delta + len)
            };
            out.insert(new.0, (new, start));
        }
        Ok(out)
    }
}

fn cancelled(list: &[Property]) -> bool {
    value(list, "STATUS").is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED"))
}

fn local_date(utc: i64, zone: Option<&Zone>) -> NaiveDate {
    let off = zone.map_or(0, |z| z.offset_at(utc));
    chrono::DateTime::from_timestamp(utc + i64::from(off), 0)
        .unwrap_or_default()
        .date_naive()
}

/// An RFC 5545 DURATION in seconds.
pub fn duration(text: &str) -> Option<i64> {
    let t = text.trim();
    let (sign, t) = match t.strip_prefix('-') {
        Some(r) => (-1, r),
        None => (1, t.trim_start_matches('+')),
    };
    let t = t.strip_prefix('P')?;
    let (mut secs, mut n) = (0i64, String::new());
    for c in t.chars() {
        let unit = match c {
            '0'..='9' => {
                n.push(c);
                continue;
            }
            'T' => continue,
            'W' => 604_800,
            'D' => 86_400,
            'H' => 3_600,
            'M' => 60,
            'S' => 1,
            _ => return None,
        };
        secs += n.parse::<i64>().ok()? * unit;
        n.clear();
    }
    Some(sign * secs)
}

/// The local date (`YYYY-MM-DD`) of a meeting of `ev`, and its UTC date.
pub fn dates_of(ev: &Event, occ: &Occ) -> [String; 2] {
    let off = i64::from(ev.offsets.get(&occ.0).copied().unwrap_or(0));
    let f = |s: i64| {
        chrono::DateTime::from_timestamp(s, 0)
            .unwrap_or_default()
            .format("%Y-%m-%d")
            .to_string()
    };
    [f(occ.0 + off), f(occ.0)]
}

/// Parses a whole file with the `ical` crate.
pub fn read(text: &str) -> Result<Vec<IcalCalendar>, String> {
    ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
        .map(|c| c.map_err(|e| e.to_string()))
        .collect()
}

/// The latest year-month-day written in `text`, five years on: where open
/// series are compared up to.
pub fn cutoff(text: &str) -> NaiveDateTime {
    let mut latest = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    for line in text.lines() {
        let upper = line.to_ascii_uppercase();
        if ![
            "DTSTART",
            "DTEND",
            "RDATE",
            "EXDATE",
            "RECURRENCE-ID",
            "RRULE",
        ]
        .iter()
        .any(|p| upper.starts_with(p))
        {
            continue;
        }
        for token in line.split([':', ',', '/', ';', '=']) {
            if let Some(d) = token
                .trim()
                .get(..8)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok())
                && d.year() < 2200
            {
                latest = latest.max(d);
            }
        }
    }
    NaiveDate::from_ymd_opt(latest.year() + 5, 12, 31)
        .unwrap()
        .and_time(NaiveTime::MIN)
}
