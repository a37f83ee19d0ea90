//! `callsite new` and `callsite init`: files with every field stubbed and
//! commented, prefilled from what the site already knows, so a volunteer
//! starts from a file that passes `check` instead of a blank page.

mod init;

pub use init::{Ci, InitOptions, InitReport, init};

use crate::content::{Call, Record, RecordKind, is_valid_id, slugify};
use crate::diagnostics::closest;
use crate::model::Site;
use crate::schedule::{self, OccurrenceStatus};
use crate::{BuildOptions, Error};
use chrono::{NaiveDate, Utc};
use std::path::{Path, PathBuf};

/// What `new` should write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NewItem {
    Call(String),
    /// Minutes or an agenda of a call, on a date or the nearest meeting.
    Record(RecordKind, String, Option<NaiveDate>),
    Coc(String),
    Page(String),
}

impl NewItem {
    /// Reads `new KIND ARGS…`.
    pub fn parse(kind: &str, args: &[String]) -> Result<NewItem, Error> {
        let usage = || {
            Error::Usage(format!(
                "usage: callsite new call ID | new minutes CALL [DATE] | new agenda CALL [DATE] | new coc ID | new page ID (got `new {kind} {}`)",
                args.join(" ")
            ))
        };
        let id = |i: usize| args.get(i).cloned().ok_or_else(usage);
        let date = |i: usize| -> Result<Option<NaiveDate>, Error> {
            match args.get(i) {
                None => Ok(None),
                Some(d) => crate::time::parse_date(d).map(Some).map_err(|why| {
                    Error::Usage(format!("`{d}` is not a date: {why}; write YYYY-MM-DD"))
                }),
            }
        };
        let item = match kind {
            "call" => NewItem::Call(id(0)?),
            "minutes" => NewItem::Record(RecordKind::Minutes, id(0)?, date(1)?),
            "agenda" => NewItem::Record(RecordKind::Agenda, id(0)?, date(1)?),
            "coc" => NewItem::Coc(id(0)?),
            "page" => NewItem::Page(id(0)?),
            _ => return Err(usage()),
        };
        let max = if matches!(item, NewItem::Record(..)) {
            2
        } else {
            1
        };
        if args.len() > max {
            return Err(usage());
        }
        Ok(item)
    }
}

/// Writes `text` at `path`, never over an existing file.
fn create(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Usage(format!(
                    "{} already exists; edit it instead, or pick another name",
                    path.display()
                ))
            } else {
                Error::io(path, e)
            }
        })?;
    std::io::Write::write_all(&mut f, text.as_bytes()).map_err(|e| Error::io(path, e))
}

fn checked_id(id: &str) -> Result<(), Error> {
    if is_valid_id(id) {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "`{id}` is not a valid id: use lowercase letters, digits and `-`, like `{}`",
            slugify(id)
        )))
    }
}

/// Writes the new file and returns its path relative to the site root.
/// `force` accepts a date that is not a meeting of the call.
pub fn new(opts: &BuildOptions, item: &NewItem, force: bool) -> Result<PathBuf, Error> {
    let (rel, text) = match item {
        NewItem::Call(id) => {
            checked_id(id)?;
            (
                PathBuf::from(format!("content/calls/{id}.md")),
                call_stub(id, opts),
            )
        }
        NewItem::Coc(id) => {
            checked_id(id)?;
            (
                PathBuf::from(format!("content/cocs/{id}.md")),
                COC_STUB.to_string(),
            )
        }
        NewItem::Page(id) => {
            checked_id(id)?;
            if crate::content::page::RESERVED.contains(&id.as_str()) {
                return Err(Error::Usage(format!(
                    "`{id}` is taken by the site's own /{id}/ page; pick another id"
                )));
            }
            (
                PathBuf::from(format!("content/pages/{id}.md")),
                PAGE_STUB.replace("{title}", &title_case(id)),
            )
        }
        NewItem::Record(kind, call_id, date) => record(opts, *kind, call_id, *date, force)?,
    };
    create(&opts.root.join(&rel), &text)?;
    Ok(rel)
}

fn title_case(id: &str) -> String {
    id.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn load_site(opts: &BuildOptions) -> Result<Site, Error> {
    let report = crate::check(opts)?;
    report.site.ok_or_else(|| {
        Error::Usage("content/site.yaml has errors; run `callsite check` and fix them first".into())
    })
}

fn record(
    opts: &BuildOptions,
    kind: RecordKind,
    call_id: &str,
    date: Option<NaiveDate>,
    force: bool,
) -> Result<(PathBuf, String), Error> {
    let site = load_site(opts)?;
    let Some(call) = site.call(call_id) else {
        let ids: Vec<&str> = site.calls.iter().map(|c| c.id.as_str()).collect();
        let hint =
            closest(call_id, &ids).map_or_else(String::new, |c| format!("; did you mean `{c}`?"));
        return Err(Error::Usage(format!("there is no call `{call_id}`{hint}")));
    };
    let today = opts.now.with_timezone(&call.timezone).date_naive();
    let meetings = schedule::meeting_dates(
        call,
        today.max(date.unwrap_or(today)) + chrono::Duration::days(400),
    );
    let held = |d: &NaiveDate| {
        meetings
            .iter()
            .any(|(m, s)| m == d && *s != OccurrenceStatus::Cancelled)
    };
    let date = match date {
        Some(d) => {
            if !held(&d) && !force {
                let near = nearest(d, &meetings);
                return Err(Error::Usage(format!(
                    "`{call_id}` does not meet on {d}{near}; give one of its dates, or pass --force to write it anyway"
                )));
            }
            d
        }
        // Minutes are written after a call: its latest meeting; an agenda
        // before one: its next.
        None => {
            let pick = match kind {
                RecordKind::Minutes => meetings
                    .iter()
                    .rev()
                    .find(|(d, s)| *d <= today && *s != OccurrenceStatus::Cancelled),
                RecordKind::Agenda => meetings
                    .iter()
                    .find(|(d, s)| *d >= today && *s != OccurrenceStatus::Cancelled),
            };
            pick.map(|(d, _)| *d).ok_or_else(|| {
                Error::Usage(format!(
                    "`{call_id}` has no {} meeting; give a date",
                    if kind == RecordKind::Minutes {
                        "past"
                    } else {
                        "coming"
                    }
                ))
            })?
        }
    };
    refuse_existing(&site, kind, call_id, date)?;
    let folder = if kind == RecordKind::Minutes {
        "minutes"
    } else {
        "agendas"
    };
    let rel = PathBuf::from(format!("content/{folder}/{call_id}/{call_id}-{date}.md"));
    let agenda = site
        .agendas
        .iter()
        .find(|a| a.call == call_id && a.date == date);
    Ok((rel, record_stub(kind, call, date, agenda)))
}

/// One minutes (or agenda) file per meeting: point at the one there is.
fn refuse_existing(
    site: &Site,
    kind: RecordKind,
    call_id: &str,
    date: NaiveDate,
) -> Result<(), Error> {
    let (existing, what) = match kind {
        RecordKind::Minutes => (&site.minutes, "a minutes"),
        RecordKind::Agenda => (&site.agendas, "an agenda"),
    };
    match existing
        .iter()
        .find(|r| r.call == call_id && r.date == date)
    {
        Some(other) => Err(Error::Usage(format!(
            "there is already {what} file for `{call_id}` on {date}: {}; edit that file",
            other.file
        ))),
        None => Ok(()),
    }
}

fn nearest(date: NaiveDate, meetings: &[(NaiveDate, OccurrenceStatus)]) -> String {
    let before = meetings
        .iter()
        .rev()
        .find(|(d, s)| *d < date && *s != OccurrenceStatus::Cancelled);
    let after = meetings
        .iter()
        .find(|(d, s)| *d > date && *s != OccurrenceStatus::Cancelled);
    match (before, after) {
        (Some((b, _)), Some((a, _))) => format!(" (the nearest meetings are {b} and {a})"),
        (Some((b, _)), None) => format!(" (its last meeting is {b})"),
        (None, Some((a, _))) => format!(" (its first meeting is {a})"),
        (None, None) => String::new(),
    }
}

/// Headings for new minutes: the agenda's items when there is an agenda.
fn headings(agenda: Option<&Record>) -> Vec<String> {
    let from_agenda: Vec<String> = agenda
        .map(|a| {
            a.body
                .text
                .lines()
                .filter_map(|l| {
                    let t = l.trim_start();
                    let rest = t
                        .strip_prefix("- ")
                        .or_else(|| t.strip_prefix("* "))
                        .or_else(|| {
                            t.split_once(". ")
                                .filter(|(n, _)| {
                                    n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty()
                                })
                                .map(|(_, r)| r)
                        })
                        .or_else(|| t.strip_prefix("## "));
                    // Top-level items only.
                    (l.len() - t.len() < 2)
                        .then_some(rest)
                        .flatten()
                        .map(|r| r.trim().to_string())
                })
                .filter(|r| !r.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if from_agenda.is_empty() {
        ["Check-in", "Report-backs", "Proposals", "Next steps"]
            .map(String::from)
            .to_vec()
    } else {
        from_agenda
    }
}

fn record_stub(kind: RecordKind, call: &Call, date: NaiveDate, agenda: Option<&Record>) -> String {
    let label = format!("{}, {}", call.title, crate::time::long_date(date));
    match kind {
        RecordKind::Agenda => format!(
            "---\n\
             call: {id}\n\
             date: {date}\n\
             # title: {label}\n\
             # (the title is optional; the line above is the default)\n\
             ---\n\
             1. Welcome and check-in\n\
             2. Report-backs\n\
             3. Proposals\n\
             4. Next steps\n",
            id = call.id
        ),
        RecordKind::Minutes => {
            let mut body = String::new();
            for h in headings(agenda) {
                body.push_str(&format!("## {h}\n\n\n"));
            }
            format!(
                "---\n\
                 call: {id}\n\
                 date: {date}\n\
                 # title: {label}\n\
                 # attendance: 0          # how many were on the call\n\
                 # recording: https://... # the conference service keeps it for a limited time\n\
                 decisions: []            # consensus decisions, like [Adopt the route]\n\
                 withheld: false          # true keeps these notes and the recording off the site\n\
                 # Names only: never a participant's email address or phone number.\n\
                 # A paragraph starting with \"Decision:\" is listed on the decisions page.\n\
                 ---\n\
                 {body}",
                id = call.id
            )
        }
    }
}

fn call_stub(id: &str, opts: &BuildOptions) -> String {
    let title = title_case(id);
    // Calls are requested at least a week ahead: propose a start a week on.
    let start = (opts.now + chrono::Duration::days(7))
        .with_timezone(&Utc)
        .date_naive();
    format!(
        "---\n\
         title: {title}                      # required\n\
         summary: One line for lists and feeds\n\
         # host: a-coc-id                    # a CoC id, or free text\n\
         start: {start} 21:00                # required: the first meeting, wall time in `timezone`\n\
         # timezone: America/New_York        # default: the site's\n\
         duration: 1h                        # 45m, 1h, 1h30m\n\
         repeat: weekly                      # weekly | biweekly | monthly | an RRULE; delete for a one-off call\n\
         # until: 2027-06-30                 # or count: 12\n\
         # cancelled: [2027-01-05]           # meetings called off\n\
         # moved: {{ 2027-01-12: 2027-01-13 21:00 }}\n\
         status: requested                   # requested | scheduled | cancelled\n\
         emergency: false\n\
         facilitator: Name                   # names only, never contact details\n\
         backup_facilitator: Name\n\
         tech: Name                          # the conference-system tech supporter\n\
         # register: https://…               # public at least 48 hours before the call\n\
         # dial_in: Number and PIN arrive with your registration\n\
         # notes_doc: https://…              # the shared agenda and notes document\n\
         # list: https://…                   # the call's mailing list\n\
         minutes_public: true                # false withholds every minutes of this call\n\
         tags: []\n\
         draft: false\n\
         ---\n\
         What the call is for, who should join, and how it runs.\n"
    )
}

const COC_STUB: &str = "---\n\
name: Name of the CoC                 # required\n\
ga: Name of its General Assembly\n\
city: City\n\
# region: MA                          # state or province\n\
country: US                           # two-letter code (NO is Norway)\n\
# approved: 2026-01-15                # when its GA approved it\n\
# contact: https://…                  # a public contact the CoC chose to publish\n\
# website: https://…\n\
status: active                        # active | inactive\n\
---\n\
One or two sentences about the committee.\n";

const PAGE_STUB: &str = "---\n\
title: {title}\n\
# order: 10                           # position in the menu\n\
nav: false                            # true lists it in the site menu\n\
draft: false\n\
---\n\
The text of the page, in Markdown.\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_new_arguments() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            NewItem::parse("call", &args(&["caravan"])).unwrap(),
            NewItem::Call("caravan".into())
        );
        assert_eq!(
            NewItem::parse("minutes", &args(&["caravan", "2026-11-18"])).unwrap(),
            NewItem::Record(
                RecordKind::Minutes,
                "caravan".into(),
                NaiveDate::from_ymd_opt(2026, 11, 18)
            )
        );
        assert!(NewItem::parse("minutes", &args(&["caravan", "2026-02-30"])).is_err());
        assert!(NewItem::parse("thing", &args(&["x"])).is_err());
        assert!(NewItem::parse("call", &args(&[])).is_err());
    }

    #[test]
    fn agenda_items_become_minutes_headings() {
        let agenda = Record {
            kind: RecordKind::Agenda,
            file: String::new(),
            call: "c".into(),
            date: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            title: None,
            recording: None,
            attendance: None,
            decisions: vec![],
            withheld: false,
            public_contacts: vec![],
            body: crate::content::Body {
                text: "1. Welcome\n2. Route\n   - detail\n- Next steps\n".into(),
                first_line: 5,
            },
            at: Default::default(),
        };
        assert_eq!(headings(Some(&agenda)), ["Welcome", "Route", "Next steps"]);
        assert_eq!(headings(None)[0], "Check-in");
    }
}
