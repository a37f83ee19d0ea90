//! The stubs `callsite new` writes: every field present and commented,
//! placeholders from `content::placeholders` so that `check` refuses the
//! file until it is edited.

use crate::BuildOptions;
use crate::content::placeholders::{
    CALL_BODY, CITY, COC_BODY, COC_GA, COC_NAME, NAME, PAGE_BODY, SUMMARY,
};
use crate::content::{Call, Record, RecordKind};
use chrono::{NaiveDate, Utc};

/// A new call, requested a week from now.
pub fn call(id: &str, opts: &BuildOptions) -> String {
    let title = super::title_case(id);
    // Calls are requested at least a week ahead: propose a start a week on.
    let start = (opts.now + chrono::Duration::days(7))
        .with_timezone(&Utc)
        .date_naive();
    format!(
        "---\n\
         title: {title}                      # required\n\
         summary: {SUMMARY}\n\
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
         facilitator: {NAME}                   # names only, never contact details\n\
         backup_facilitator: {NAME}\n\
         tech: {NAME}                          # the conference-system tech supporter\n\
         # register: https://…               # public at least 48 hours before the call\n\
         # dial_in: Number and PIN arrive with your registration\n\
         # notes_doc: https://…              # the shared agenda and notes document\n\
         # list: https://…                   # the call's mailing list\n\
         minutes_public: true                # false withholds all minutes of this call\n\
         tags: []\n\
         draft: false\n\
         ---\n\
         {CALL_BODY}\n"
    )
}

/// A new CoC.
pub fn coc() -> String {
    format!(
        "---\n\
name: {COC_NAME}                 # required\n\
ga: {COC_GA}\n\
city: {CITY}\n\
# region: MA                          # state or province\n\
country: US                           # two-letter code (NO is Norway)\n\
# approved: 2026-01-15                # when its GA approved it\n\
# contact: https://…                  # a public contact the CoC chose to publish\n\
# website: https://…\n\
status: active                        # active | inactive\n\
---\n\
{COC_BODY}\n"
    )
}

/// A new free page.
pub fn page(title: &str) -> String {
    format!(
        "---\n\
title: {title}\n\
# order: 10                           # position in the menu\n\
nav: false                            # true lists it in the site menu\n\
draft: false\n\
---\n\
{PAGE_BODY}\n"
    )
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

/// New minutes or a new agenda for the meeting of `call` on `date`;
/// minutes take their headings from the meeting's agenda.
pub fn record(kind: RecordKind, call: &Call, date: NaiveDate, agenda: Option<&Record>) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Record;

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
                released: None,
            },
            at: Default::default(),
        };
        assert_eq!(headings(Some(&agenda)), ["Welcome", "Route", "Next steps"]);
        assert_eq!(headings(None)[0], "Check-in");
    }
}
