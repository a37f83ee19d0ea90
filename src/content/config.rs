//! `content/site.yaml`: the site's name, zone, feed and policy settings.

use crate::front_matter::fields::{FieldPositions, Fields};
use crate::time::parse_iso_duration;
use chrono_tz::Tz;

/// Settings of the iCalendar feeds.
#[derive(Clone, Debug, PartialEq)]
pub struct CalendarConfig {
    /// NAME and X-WR-CALNAME.
    pub name: String,
    /// How far past now recurring calls are expanded on pages.
    pub horizon_days: u32,
    /// REFRESH-INTERVAL, as written (`PT6H`) and in seconds.
    pub refresh: String,
    pub refresh_secs: u64,
    /// VALARM lead time in seconds, if any.
    pub reminder: Option<String>,
    pub reminder_secs: Option<u64>,
    /// A role address (`mailto:`) for ORGANIZER.
    pub organizer: Option<String>,
}

/// The network's call policy, from its call-request protocol and the
/// conference service's terms; lints are measured against it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    pub request_lead_days: u32,
    pub link_posted_hours: u32,
    pub recording_retention_days: u32,
}

/// `site.yaml`.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteConfig {
    pub title: String,
    pub tagline: Option<String>,
    pub base_url: String,
    pub language: String,
    pub timezone: Tz,
    pub theme: String,
    pub calendar: CalendarConfig,
    pub policy: Policy,
    pub per_page: u32,
    /// Role addresses allowed to appear in public minutes and agendas.
    pub public_contacts: Vec<String>,
    /// Where the request form sends requests.
    pub requests: super::request::RequestSettings,
    /// Where each setting is written (`calendar.organizer` for nested ones).
    pub at: FieldPositions,
}

/// The fields of site.yaml, for "did you mean".
pub const FIELDS: &[&str] = &[
    "title",
    "tagline",
    "base_url",
    "language",
    "timezone",
    "theme",
    "calendar",
    "policy",
    "archive",
    "public_contacts",
    "requests",
];
const CALENDAR_FIELDS: &[&str] = &["name", "horizon_days", "refresh", "reminder", "organizer"];
const POLICY_FIELDS: &[&str] = &[
    "request_lead_days",
    "link_posted_hours",
    "recording_retention_days",
];
const ARCHIVE_FIELDS: &[&str] = &["per_page"];

/// Reads site.yaml; `None` only when a required value is unusable.
pub fn read(f: &mut Fields) -> Option<SiteConfig> {
    let title = f.required_text("title", "InterOccupy");
    let tagline = f.text("tagline");
    let base_url = f.url("base_url", false);
    if base_url.is_none() && !f.has("base_url") {
        f.missing("base_url", "https://example.org/");
    }
    let language = f.text("language").unwrap_or_else(|| "en".to_string());
    let timezone = read_zone(f, "timezone");
    if timezone.is_none() && !f.has("timezone") {
        f.missing("timezone", "America/New_York");
    }
    let theme = f.text("theme").unwrap_or_else(|| "default".to_string());
    if !crate::content::is_valid_id(&theme) {
        let at = f.at("theme");
        f.error(
            at,
            format!("`{theme}` is not a theme folder name"),
            "name a folder under themes/, like `theme: default`",
        );
    }
    let public_contacts = f.text_list("public_contacts");

    let mut at = f.positions();
    let calendar = read_calendar(f, title.clone().unwrap_or_default(), &mut at);
    let policy = read_policy(f);
    let requests = super::request::read_settings(f, &mut at);
    let mut per_page = 50;
    if let Some(mut a) = f.section("archive", ARCHIVE_FIELDS)
        && let Some(v) = a.positive("per_page", 50, 10_000)
    {
        per_page = v;
    }
    Some(SiteConfig {
        title: title?,
        tagline,
        base_url: base_url?,
        language,
        timezone: timezone?,
        theme,
        calendar,
        policy,
        per_page,
        public_contacts,
        requests,
        at,
    })
}

/// The `calendar:` section, with its defaults; its positions go into `at`
/// as `calendar.FIELD`.
fn read_calendar(f: &mut Fields, name: String, at: &mut FieldPositions) -> CalendarConfig {
    let mut calendar = CalendarConfig {
        name,
        horizon_days: 180,
        refresh: "PT6H".into(),
        refresh_secs: 21_600,
        reminder: None,
        reminder_secs: None,
        organizer: None,
    };
    if let Some(mut c) = f.section("calendar", CALENDAR_FIELDS) {
        if let Some(name) = c.text("name") {
            calendar.name = name;
        }
        if let Some(days) = c.positive("horizon_days", 180, 3660) {
            calendar.horizon_days = days;
        }
        if let Some((text, secs)) = iso_duration(&mut c, "refresh") {
            calendar.refresh = text;
            calendar.refresh_secs = secs;
        }
        if let Some((text, secs)) = iso_duration(&mut c, "reminder") {
            calendar.reminder = Some(text);
            calendar.reminder_secs = Some(secs);
        }
        calendar.organizer = c.url("organizer", true);
        at.nest("calendar", c.positions());
    }
    calendar
}

/// The `policy:` section, with the protocol's defaults.
fn read_policy(f: &mut Fields) -> Policy {
    let mut policy = Policy {
        request_lead_days: 7,
        link_posted_hours: 48,
        recording_retention_days: 120,
    };
    if let Some(mut p) = f.section("policy", POLICY_FIELDS) {
        if let Some(v) = p.count("request_lead_days", 7) {
            policy.request_lead_days = v;
        }
        if let Some(v) = p.count("link_posted_hours", 48) {
            policy.link_posted_hours = v;
        }
        if let Some(v) = p.positive("recording_retention_days", 120, 36_600) {
            policy.recording_retention_days = v;
        }
    }
    policy
}

/// Zone names that are a fixed offset from UTC, read as a region's zone
/// by someone who wrote the abbreviation they see in winter, and the
/// place meant most often.
const WINTER_ONLY: &[(&str, &str)] = &[("EST", "America/New_York"), ("MST", "America/Denver")];

/// An IANA zone name; a wrong one suggests the closest real zone.
pub fn read_zone(f: &mut Fields, name: &str) -> Option<Tz> {
    let text = f.text(name)?;
    match text.parse::<Tz>() {
        Ok(tz) => {
            if let Some((_, place)) = WINTER_ONLY.iter().find(|(z, _)| *z == text) {
                let at = f.at(name);
                f.warning(
                    at,
                    format!("`{text}` is a fixed offset from UTC, with no daylight saving time: from March to November its meetings would be an hour off the region's clocks"),
                    format!("write the place's zone, like `{place}`; keep `{text}` only for a place that never changes its clocks"),
                );
            }
            Some(tz)
        }
        Err(_) if let Some(fixed) = offset_only(&text) => {
            let at = f.at(name);
            let fixed = fixed
                .map(|z| {
                    format!("; for an offset that never changes, `{z}` (its sign is reversed)")
                })
                .unwrap_or_default();
            f.error(
                at,
                format!("`{text}` is not a time zone: an offset is not a place, and it does not follow daylight saving time"),
                format!("write the place's zone, like `Europe/Berlin` or `America/New_York`{fixed}"),
            );
            None
        }
        Err(_) => {
            let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|t| t.name()).collect();
            let lower = text.to_ascii_lowercase();
            let exact_case = names.iter().find(|n| n.to_ascii_lowercase() == lower);
            let hint = match exact_case
                .copied()
                .or_else(|| crate::diagnostics::closest(&text, &names))
            {
                Some(c) => {
                    format!("did you mean `{c}`? Zones are IANA names like America/New_York")
                }
                None => "use an IANA zone name like America/New_York or Europe/Berlin".to_string(),
            };
            let at = f.at(name);
            f.error(at, format!("`{text}` is not a time zone"), hint);
            None
        }
    }
}

/// `GMT+1`, `UTC-5`, `UTC+05:30`: an offset written as a zone; with the
/// zone of that fixed offset when there is one (`Etc/GMT-1` is UTC+1).
fn offset_only(text: &str) -> Option<Option<String>> {
    let upper = text.to_ascii_uppercase();
    let rest = upper
        .strip_prefix("GMT")
        .or_else(|| upper.strip_prefix("UTC"))?;
    let east = rest.starts_with('+');
    let number = rest.strip_prefix(['+', '-'])?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit() || b == b':') {
        return None;
    }
    let hours = number.parse::<u8>().ok().filter(|h| *h <= 12);
    let fixed = hours.map(|h| format!("Etc/GMT{}{h}", if east { '-' } else { '+' }));
    Some(fixed.filter(|z| z.parse::<Tz>().is_ok()))
}

fn iso_duration(f: &mut Fields, name: &str) -> Option<(String, u64)> {
    let text = f.text(name)?;
    match parse_iso_duration(&text) {
        Some(secs) if secs > 0 => Some((text, secs)),
        _ => {
            let at = f.at(name);
            f.error(
                at,
                format!("`{name}` is not an ISO 8601 duration: `{text}`"),
                format!("write it like `{name}: PT6H` (6 hours) or `P1D` (1 day)"),
            );
            None
        }
    }
}
