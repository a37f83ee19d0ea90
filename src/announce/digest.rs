//! The digest of one week: a pure function of the site and the week, read
//! by `callsite announce`, the announcement pages and their Atom feed.

use super::week::{bounds, monday};
use crate::content::{Call, CallStatus};
use crate::model::{Site, routes};
use crate::schedule::Calendar;
use crate::schedule::{self, Occurrence, OccurrenceStatus, resolve};
use chrono::{DateTime, Duration, IsoWeek, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// One week's announcement.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct Digest {
    /// `2026-W49`.
    pub week: String,
    /// "30 November – 6 December 2026".
    pub dates: String,
    pub site_title: String,
    /// The site's zone, in which the week runs from Monday to Sunday.
    pub zone: String,
    pub meetings: Vec<Meeting>,
    /// Meetings of the week called off or moved (into or out of it).
    pub changes: Vec<Change>,
    /// Public minutes of meetings held in the week before.
    pub minutes: Vec<MinutesItem>,
    /// Absolute URLs: this announcement's page and the calendar feed.
    pub url: String,
    pub calendar_url: String,
}

/// A meeting of the week.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct Meeting {
    pub title: String,
    pub summary: Option<String>,
    /// Absolute URL of the call's page.
    pub url: String,
    pub register: Option<String>,
    /// "Thursday 3 December 2026".
    pub day: String,
    /// "8:00 PM EST", in the call's zone.
    pub time: String,
    /// The call's IANA zone.
    pub zone: String,
    /// The same moment in the site's zone, when that zone differs:
    /// "Saturday 5 December 2026, 12:00 PM EST".
    pub site_time: Option<String>,
    /// RFC 3339 with the offset.
    pub datetime: String,
    /// `scheduled`, `cancelled` or `moved`.
    pub status: &'static str,
    /// "Moved from Wednesday 2 December 2026".
    pub moved_from: Option<String>,
    pub emergency: bool,
    /// Requested and not confirmed yet.
    pub requested: bool,
}

/// A cancellation or a move affecting the week.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct Change {
    pub title: String,
    pub url: String,
    /// `cancelled` or `moved`.
    pub kind: &'static str,
    /// "Tuesday 1 December 2026, 9:00 PM EST is cancelled", or
    /// "moved from … to …".
    pub text: String,
}

/// Minutes published for a meeting of the week before.
#[derive(Clone, Debug, Serialize, Hash)]
pub struct MinutesItem {
    pub title: String,
    pub day: String,
    pub url: String,
}

/// Every meeting that starts in `[from, to)` or was moved out of it, by
/// call. Only a moved meeting starts elsewhere than its original time, so
/// only its original time needs resolving.
fn touching<'s>(
    site: &'s Site,
    calendar: &Calendar,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<(&'s Call, Occurrence)> {
    // A day either side catches meetings moved into or out of the week.
    let (wide_from, wide_to) = (from - Duration::days(1), to + Duration::days(1));
    let covered = calendar.from <= wide_from && wide_to <= calendar.horizon;
    let within = |t: DateTime<Utc>| t >= from && t < to;
    let original = |c: &Call, o: &Occurrence| resolve(c.timezone, o.original).0.with_timezone(&Utc);
    let keep = |c: &Call, o: &Occurrence| {
        within(o.start.with_timezone(&Utc))
            || (o.status == OccurrenceStatus::Moved && within(original(c, o)))
    };
    let mut found = Vec::new();
    for (i, call) in site.calls.iter().enumerate() {
        if covered {
            let kept = calendar.of(i).iter().filter(|o| keep(call, o));
            found.extend(kept.map(|o| (call, o.clone())));
        } else {
            let occs = schedule::occurrences(call, wide_from, wide_to);
            found.extend(
                occs.into_iter()
                    .filter(|o| keep(call, o))
                    .map(|o| (call, o)),
            );
        }
    }
    found
}

/// The digest of `week` for `site`, with links under `base_url`. The
/// meetings come from `calendar` when its window holds the week (the same
/// meetings the pages show); otherwise each call's meetings are expanded
/// for the week itself, so a week beyond the horizon is complete too.
pub fn digest(site: &Site, calendar: &Calendar, week: IsoWeek, base_url: &str) -> Digest {
    let zone = site.config.timezone;
    let (from, to) = bounds(week, zone);
    let abs = |route: &str| format!("{base_url}{route}");
    let within = |t: DateTime<Utc>| t >= from && t < to;
    let mut found = touching(site, calendar, from, to);
    found.sort_by(|a, b| {
        (a.1.start.with_timezone(&Utc), &a.0.id).cmp(&(b.1.start.with_timezone(&Utc), &b.0.id))
    });
    let meetings = found
        .iter()
        .filter(|(_, o)| within(o.start.with_timezone(&Utc)))
        .map(|(c, o)| meeting(c, o, zone, &abs(&routes::call(&c.id))))
        .collect();
    let changes = found
        .iter()
        .filter_map(|(c, o)| change(c, o, &abs(&routes::call(&c.id))))
        .collect();
    let first = monday(week);
    let last_week = first - Duration::days(7)..first;
    let minutes = site
        .minutes
        .iter()
        .rev()
        .filter(|m| last_week.contains(&m.date))
        .filter_map(|m| {
            Some(MinutesItem {
                title: site.title_of(m),
                day: crate::time::day_label(m.date),
                url: abs(&site.record_route(m)?),
            })
        })
        .collect();
    Digest {
        week: super::week::week_label(week),
        dates: dates(first),
        site_title: site.config.title.clone(),
        zone: zone.name().to_string(),
        meetings,
        changes,
        minutes,
        url: abs(&routes::announcement(week)),
        calendar_url: abs("calendar.ics"),
    }
}

/// "30 November – 6 December 2026".
fn dates(monday: chrono::NaiveDate) -> String {
    let sunday = monday + Duration::days(6);
    let first = if monday.format("%Y").to_string() == sunday.format("%Y").to_string() {
        monday.format("%-d %B").to_string()
    } else {
        monday.format("%-d %B %Y").to_string()
    };
    format!("{first} – {}", sunday.format("%-d %B %Y"))
}

fn meeting(call: &Call, o: &Occurrence, site_zone: Tz, url: &str) -> Meeting {
    let in_site = o.start.with_timezone(&site_zone);
    let differs = call.timezone != site_zone;
    Meeting {
        title: call.title.clone(),
        summary: call.summary.clone(),
        url: url.to_string(),
        register: call.register.clone(),
        day: crate::time::day_label(o.start.date_naive()),
        time: crate::time::clock_label(&o.start),
        zone: call.timezone.name().to_string(),
        site_time: differs.then(|| {
            format!(
                "{}, {}",
                crate::time::day_label(in_site.date_naive()),
                crate::time::clock_label(&in_site)
            )
        }),
        datetime: o.start.to_rfc3339(),
        status: status(o.status),
        moved_from: (o.status == OccurrenceStatus::Moved)
            .then(|| format!("Moved from {}", crate::time::day_label(o.original.date()))),
        emergency: call.emergency,
        requested: call.status == CallStatus::Requested,
    }
}

fn status(s: OccurrenceStatus) -> &'static str {
    match s {
        OccurrenceStatus::Scheduled => "scheduled",
        OccurrenceStatus::Cancelled => "cancelled",
        OccurrenceStatus::Moved => "moved",
    }
}

fn change(call: &Call, o: &Occurrence, url: &str) -> Option<Change> {
    let (planned, _) = resolve(call.timezone, o.original);
    let at = |t: &DateTime<Tz>| {
        format!(
            "{}, {}",
            crate::time::day_label(t.date_naive()),
            crate::time::clock_label(t)
        )
    };
    let text = match o.status {
        OccurrenceStatus::Scheduled => return None,
        OccurrenceStatus::Cancelled => format!("{} is cancelled", at(&o.start)),
        OccurrenceStatus::Moved => format!("moved from {} to {}", at(&planned), at(&o.start)),
    };
    Some(Change {
        title: call.title.clone(),
        url: url.to_string(),
        kind: status(o.status),
        text,
    })
}
