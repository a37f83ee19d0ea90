//! `content/calls/ID.md`: one call or a recurring series.

use super::Body;
use crate::front_matter::fields::{FieldPositions, Fields};
use crate::front_matter::yaml::{Pos, Value};
use crate::recurrence::{self, End, Rule};
use crate::time::{parse_date, parse_datetime, parse_minutes};
use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

/// The state of a call in the network's request process.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CallStatus {
    /// Asked for, not yet staffed: shown, but not held to the staffing lints.
    Requested,
    Scheduled,
    /// Called off entirely: every occurrence is cancelled.
    Cancelled,
}

/// One occurrence moved to another time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    pub from: NaiveDate,
    pub to: NaiveDateTime,
    pub pos: Pos,
}

/// A call record.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    pub id: String,
    pub file: String,
    pub title: String,
    pub summary: Option<String>,
    pub host: Option<String>,
    /// Wall time of the first occurrence in `timezone`.
    pub start: NaiveDateTime,
    pub timezone: Tz,
    pub duration_minutes: u32,
    /// `None` for a one-off call.
    pub rule: Option<Rule>,
    pub cancelled: Vec<(NaiveDate, Pos)>,
    pub moved: Vec<Move>,
    pub status: CallStatus,
    pub emergency: bool,
    pub facilitator: Option<String>,
    pub backup_facilitator: Option<String>,
    pub tech: Option<String>,
    pub register: Option<String>,
    pub dial_in: Option<String>,
    pub notes_doc: Option<String>,
    pub list: Option<String>,
    pub minutes_public: bool,
    pub tags: Vec<String>,
    pub draft: bool,
    pub body: Body,
    /// What the request form adds (see [`super::request`]).
    pub request: super::request::CallRequest,
    pub at: FieldPositions,
}

/// The fields of a call, for "did you mean".
pub const FIELDS: &[&str] = &[
    "id",
    "title",
    "summary",
    "host",
    "start",
    "timezone",
    "duration",
    "repeat",
    "until",
    "count",
    "cancelled",
    "moved",
    "status",
    "emergency",
    "facilitator",
    "backup_facilitator",
    "tech",
    "register",
    "dial_in",
    "notes_doc",
    "list",
    "minutes_public",
    "tags",
    "draft",
    "requested",
    "help_wanted",
    "list_wanted",
];

/// Reads a call; `None` when a value the schedule needs is unusable.
pub fn read(f: &mut Fields, id: String, site_zone: Option<Tz>, body: Body) -> Option<Call> {
    let title = f.required_text("title", "Occupy Caravan national call");
    let when = read_when(f, site_zone);
    let cancelled = read_cancelled(f);
    let moved = read_moved(f);
    let status = match f.choice("status", &["requested", "scheduled", "cancelled"]) {
        Some("requested") => CallStatus::Requested,
        Some("cancelled") => CallStatus::Cancelled,
        _ => CallStatus::Scheduled,
    };
    let call = Call {
        summary: f.text("summary"),
        host: f.text("host"),
        emergency: f.switch("emergency", false, false),
        facilitator: f.text("facilitator"),
        backup_facilitator: f.text("backup_facilitator"),
        tech: f.text("tech"),
        register: f.url("register", false),
        dial_in: f.text("dial_in"),
        notes_doc: f.url("notes_doc", false),
        list: f.url("list", true),
        minutes_public: f.switch("minutes_public", true, false),
        tags: read_tags(f),
        draft: f.switch("draft", false, true),
        request: super::request::read_call(f),
        at: f.positions(),
        file: f.file().to_string(),
        id,
        title: title?,
        start: when.start?,
        timezone: when.timezone?,
        duration_minutes: when.duration_minutes?,
        rule: when.rule?,
        cancelled,
        moved,
        status,
        body,
    };
    Some(call)
}

/// When a call meets, each part `None` when unusable (and reported).
struct When {
    start: Option<NaiveDateTime>,
    timezone: Option<Tz>,
    duration_minutes: Option<u32>,
    /// `Some(None)`: a one-off call.
    rule: Option<Option<Rule>>,
}

fn read_when(f: &mut Fields, site_zone: Option<Tz>) -> When {
    let start = f.datetime("start");
    if start.is_none() && !f.has("start") {
        f.missing("start", "2026-03-14 21:00");
    }
    let timezone = if f.has("timezone") {
        crate::content::config::read_zone(f, "timezone")
    } else {
        site_zone
    };
    When {
        start,
        timezone,
        duration_minutes: read_duration(f),
        rule: read_rule(f, start),
    }
}

/// `tags`, a list; one value with commas in it reads as one topic, which
/// is seldom what was meant (`tags: a, b` for `tags: [a, b]`). A topic
/// written twice (`Mutual Aid` and `mutual-aid` are one) is kept once, as
/// first written: the feed's categories and the call's topic links would
/// otherwise list it twice.
fn read_tags(f: &mut Fields) -> Vec<String> {
    let mut tags = f.text_list("tags");
    let mut seen = std::collections::HashSet::new();
    let mut i = 0;
    tags.retain(|tag| {
        i += 1;
        if seen.insert(super::slugify(tag)) {
            return true;
        }
        let at = f.item_at("tags", i - 1);
        f.warning(
            at,
            format!("the topic `{tag}` is listed twice in `tags`"),
            "delete this one: topics that differ only in case or punctuation are the same",
        );
        false
    });
    let one_with_commas = matches!(tags.as_slice(), [only] if only.contains(','));
    if one_with_commas && f.node("tags").is_some_and(|n| n.as_text().is_some()) {
        let at = f.at("tags");
        let items = tags[0]
            .split(',')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(", ");
        f.warning(
            at,
            format!("`tags: {}` is one topic with commas in its name", tags[0]),
            format!("for several topics, write them in brackets: `tags: [{items}]`"),
        );
    }
    tags
}

fn read_duration(f: &mut Fields) -> Option<u32> {
    let Some(text) = f.text("duration") else {
        return Some(60);
    };
    match parse_minutes(&text) {
        Some(m) if (1..=24 * 60).contains(&m) => {
            if text.trim().bytes().all(|b| b.is_ascii_digit()) {
                // `duration: 2` meant two hours more often than two minutes.
                let at = f.at("duration");
                f.warning(
                    at,
                    format!(
                        "`duration: {m}` has no unit and is read as {}",
                        crate::diagnostics::plural(m as usize, "minute")
                    ),
                    format!("write the unit: `duration: {m}m`, or `{m}h` for hours"),
                );
            }
            Some(m)
        }
        _ => {
            let at = f.at("duration");
            f.error(
                at,
                format!(
                    "`duration` must be a length between 1 minute and 24 hours, found `{text}`"
                ),
                "write it like `duration: 45m`, `1h` or `1h30m`",
            );
            None
        }
    }
}

/// `repeat` with its end (`until` or `count`); `Some(None)` for a one-off
/// call.
fn read_rule(f: &mut Fields, start: Option<NaiveDateTime>) -> Option<Option<Rule>> {
    let until = f.date("until");
    let count = f.positive("count", 12, 10_000);
    if f.has("until") && f.has("count") {
        let at = f.at("count");
        f.error(
            at,
            "a call can have `until` or `count`, not both",
            "keep the one you mean and delete the other line",
        );
    }
    match (f.text("repeat"), start) {
        (Some(text), Some(start)) => match recurrence::parse(&text, start) {
            Ok(mut rule) => {
                apply_end(f, &mut rule, until, count);
                Some(Some(rule))
            }
            Err(e) => {
                let at = f.at("repeat");
                f.error(
                    at,
                    format!("`repeat` is not understood: {}", e.message),
                    e.hint,
                );
                None
            }
        },
        (None, _) => {
            for field in ["until", "count"] {
                if f.has(field) {
                    let at = f.at(field);
                    f.warning(
                        at,
                        format!("`{field}` has no effect on a call without `repeat`"),
                        "add `repeat: weekly` (or biweekly, monthly) or delete this line",
                    );
                }
            }
            Some(None)
        }
        (Some(_), None) => None,
    }
}

fn apply_end(f: &mut Fields, rule: &mut Rule, until: Option<NaiveDate>, count: Option<u32>) {
    let field_end = match (until, count) {
        (Some(d), _) => Some(End::Until(d)),
        (None, Some(n)) => Some(End::Count(n)),
        _ => None,
    };
    if let Some(end) = field_end {
        if rule.end != End::Never {
            let at = f.at(if until.is_some() { "until" } else { "count" });
            f.error(
                at,
                "the end of this series is given twice: in the RRULE and in this field",
                "keep one: delete this line or the UNTIL/COUNT part of `repeat`",
            );
        }
        rule.end = end;
    }
}

fn read_cancelled(f: &mut Fields) -> Vec<(NaiveDate, Pos)> {
    let Some(node) = f.node("cancelled") else {
        return Vec::new();
    };
    let items: Vec<_> = match &node.value {
        Value::Seq(items) => items.iter().collect(),
        _ => vec![node],
    };
    let mut out = Vec::new();
    for item in items {
        match item.as_text().map(|t| parse_date(t.trim())) {
            Some(Ok(d)) => out.push((d, item.pos)),
            Some(Err(why)) => f.error(
                item.pos,
                format!("a cancelled date is not valid: {why}"),
                "list the dates called off as YYYY-MM-DD, like `cancelled: [2026-04-10]`",
            ),
            None => f.error(
                item.pos,
                format!("a cancelled date must be a date, found {}", item.kind()),
                "list the dates called off as YYYY-MM-DD, like `cancelled: [2026-04-10]`",
            ),
        }
    }
    out
}

fn read_moved(f: &mut Fields) -> Vec<Move> {
    let Some(node) = f.node("moved") else {
        return Vec::new();
    };
    let hint = "map each original date to its new date and time, like `moved: { 2026-04-17: 2026-04-18 20:00 }`";
    let Value::Map(entries) = &node.value else {
        f.error(
            node.pos,
            format!("`moved` must map dates to new times, found {}", node.kind()),
            hint,
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in entries {
        let from = k.as_text().map(|t| parse_date(t.trim()));
        let to = v.as_text().map(|t| parse_datetime(t.trim()));
        match (from, to) {
            (Some(Ok(from)), Some(Ok(to))) => out.push(Move {
                from,
                to,
                pos: k.pos,
            }),
            (Some(Err(why)), _) => {
                f.error(k.pos, format!("a moved date is not valid: {why}"), hint)
            }
            (None, _) => f.error(k.pos, "a moved date must be a date", hint),
            (Some(Ok(from)), Some(Err(_)))
                if v.as_text()
                    .is_some_and(|t| crate::time::is_clock_time(t.trim())) =>
            {
                let time = v.as_text().unwrap_or_default().trim();
                f.error(
                    v.pos,
                    format!("the new time of a moved occurrence, `{time}`, has no date"),
                    format!("write the date as well, even when it stays the same: `{from}: {from} {time}`"),
                )
            }
            (_, Some(Err(why))) => f.error(
                v.pos,
                format!("the new time of a moved occurrence is not valid: {why}"),
                hint,
            ),
            (_, None) => f.error(
                v.pos,
                "a moved occurrence needs its new date and time",
                hint,
            ),
        }
    }
    out
}
