//! The model stage: cross-link what was loaded, check ids and references,
//! lint against the network's rules, and decide once what is public and
//! where everything lives (see [`routes`]). Pure: no I/O.

mod checks;
mod dial_in;
pub mod edit;
mod lint;
pub mod policy;
pub mod privacy;
mod published;
mod records;
pub mod requests;
pub mod routes;
mod stubs;
pub mod topics;

use crate::content::{Body, Call, Coc, FaqSection, Page, Record, RecordKind, SiteConfig};
use crate::diagnostics::Diagnostic;
use crate::fxhash::FxHashMap;
use crate::load::{Sources, StaticFile};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rayon::slice::ParallelSliceMut;
use std::collections::{HashMap, HashSet};

/// The validated site, in deterministic order, with the indexes pages need.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    /// By id.
    pub calls: Vec<Call>,
    /// Newest first, then by call id. Withheld minutes keep only their
    /// call and date: their title, body, recording and decisions are
    /// dropped here, so no later stage can publish them.
    pub minutes: Vec<Record>,
    pub agendas: Vec<Record>,
    /// By id.
    pub cocs: Vec<Coc>,
    /// By `order`, then id.
    pub faq: Vec<FaqSection>,
    pub pages: Vec<Page>,
    pub statics: Vec<StaticFile>,
    index: Index,
    /// Personal contacts found in public bodies, by file: the renderer
    /// shows each as [`crate::contacts::REDACTED`].
    redactions: HashMap<String, Vec<String>>,
}

/// Lookups built once so pages never scan the whole site.
#[derive(Debug, Default)]
struct Index {
    calls: FxHashMap<String, usize>,
    /// Call → (kind, date) → position in `minutes` or `agendas`; by call
    /// first, so a lookup borrows the call's id instead of copying it.
    records: FxHashMap<String, FxHashMap<(RecordKind, NaiveDate), usize>>,
    /// Call → positions of its minutes and agendas, newest first.
    by_call: FxHashMap<String, (Vec<usize>, Vec<usize>)>,
    /// Years with minutes, newest first.
    years: Vec<i32>,
    /// Topics by slug, and calls by host (see [`topics`]).
    tags: Vec<topics::Topic>,
    /// Per call, its tags' positions in `tags` (see [`topics::tags`]).
    call_tags: Vec<Vec<usize>>,
    hosts: HashMap<String, Vec<usize>>,
}

impl Site {
    /// The call a record belongs to.
    pub fn call(&self, id: &str) -> Option<&Call> {
        self.index.calls.get(id).map(|i| &self.calls[*i])
    }

    /// The position of a call in `calls`.
    pub fn call_position(&self, id: &str) -> Option<usize> {
        self.index.calls.get(id).copied()
    }

    /// The personal contacts to redact from the body of `file`.
    pub fn redactions(&self, file: &str) -> &[String] {
        self.redactions.get(file).map_or(&[], Vec::as_slice)
    }

    /// Whether a record may be published: agendas always; minutes unless
    /// withheld themselves or by their call's `minutes_public: false`.
    pub fn is_public(&self, record: &Record) -> bool {
        record_is_public(record, self.call(&record.call))
    }

    /// The minutes or agenda of `call` on `date`.
    pub fn record_on(&self, kind: RecordKind, call: &str, date: NaiveDate) -> Option<&Record> {
        let i = *self.index.records.get(call)?.get(&(kind, date))?;
        Some(match kind {
            RecordKind::Minutes => &self.minutes[i],
            RecordKind::Agenda => &self.agendas[i],
        })
    }

    /// The minutes of a call, newest first.
    pub fn minutes_of<'a>(&'a self, call: &str) -> impl Iterator<Item = &'a Record> + 'a {
        let list = self
            .index
            .by_call
            .get(call)
            .map_or(&[][..], |l| l.0.as_slice());
        list.iter().map(|i| &self.minutes[*i])
    }

    /// The minutes and agendas of a call: minutes first, each newest first.
    pub fn records_of<'a>(&'a self, call: &str) -> impl Iterator<Item = &'a Record> + 'a {
        let (m, a) = self
            .index
            .by_call
            .get(call)
            .map_or((&[][..], &[][..]), |l| (l.0.as_slice(), l.1.as_slice()));
        m.iter()
            .map(|i| &self.minutes[*i])
            .chain(a.iter().map(|i| &self.agendas[*i]))
    }

    /// Years with minutes, newest first.
    pub fn years(&self) -> &[i32] {
        &self.index.years
    }

    /// Lets go of the bodies of minutes and agendas once they are checked:
    /// each is read again from its file under `root` by its own page, so
    /// a build holds the model and not the archive's text.
    pub fn release_record_bodies(&mut self, root: &std::path::Path) {
        use rayon::prelude::*;
        // In parallel: each release fingerprints the whole body.
        (self.minutes.par_iter_mut())
            .chain(self.agendas.par_iter_mut())
            .filter(|r| !r.body.text.is_empty())
            .for_each(|r| r.body.release(root.join(&r.file)));
    }
}

fn record_is_public(record: &Record, call: Option<&Call>) -> bool {
    record.kind == RecordKind::Agenda || (!record.withheld && call.is_none_or(|c| c.minutes_public))
}

/// What the model needs to know about the run.
#[derive(Clone, Copy, Debug)]
pub struct ModelOptions {
    /// Decides upcoming versus past for the time-dependent lints.
    pub now: DateTime<Utc>,
    /// Keep `draft: true` calls and pages.
    pub drafts: bool,
}

/// Checks `sources` and builds the site. The site is `None` when site.yaml
/// is unusable; every problem found is appended to `diags`.
pub fn build(sources: Sources, opts: ModelOptions, diags: &mut Vec<Diagnostic>) -> Option<Site> {
    let Sources {
        config,
        mut calls,
        broken_calls,
        mut minutes,
        mut agendas,
        mut cocs,
        mut faq,
        mut pages,
        statics,
        diagnostics,
    } = sources;
    diags.extend(diagnostics);
    sort(
        &mut calls,
        &mut minutes,
        &mut agendas,
        &mut cocs,
        &mut faq,
        &mut pages,
    );
    let call_index = call_index_of(&calls);
    let records = Records {
        minutes: &minutes,
        agendas: &agendas,
        calls: &calls,
        call_index: &call_index,
    };
    let broken: HashSet<String> = broken_calls.into_iter().collect();
    let checked = Checked {
        config: config.as_ref(),
        records: &records,
        cocs: &cocs,
        faq: &faq,
        pages: &pages,
        broken: &broken,
    };
    let redactions = check_all(&checked, opts.now, diags);
    let config = config?;
    if !opts.drafts {
        drop_drafts(&mut calls, &mut minutes, &mut agendas, &mut pages);
    }
    let mut site = Site {
        config,
        calls,
        minutes,
        agendas,
        cocs,
        faq,
        pages,
        statics,
        index: Index::default(),
        redactions,
    };
    site.index.calls = call_index_of(&site.calls);
    withhold(&mut site);
    site.index = index(&site);
    Some(site)
}

/// Deterministic order: never the order the file system listed files in.
fn sort(
    calls: &mut [Call],
    minutes: &mut [Record],
    agendas: &mut [Record],
    cocs: &mut [Coc],
    faq: &mut [FaqSection],
    pages: &mut [Page],
) {
    calls.sort_by(|a, b| (&a.id, &a.file).cmp(&(&b.id, &b.file)));
    cocs.sort_by(|a, b| (&a.id, &a.file).cmp(&(&b.id, &b.file)));
    let ordered = |order: Option<u32>| order.unwrap_or(u32::MAX);
    faq.sort_by(|a, b| (ordered(a.order), &a.id, &a.file).cmp(&(ordered(b.order), &b.id, &b.file)));
    pages.sort_by(|a, b| {
        (ordered(a.order), &a.id, &a.file).cmp(&(ordered(b.order), &b.id, &b.file))
    });
    // Newest first; the call id breaks ties.
    let record_order =
        |a: &Record, b: &Record| (b.date, &a.call, &a.file).cmp(&(a.date, &b.call, &b.file));
    // Ten thousand minutes and more: sorted on every thread.
    minutes.par_sort_by(record_order);
    agendas.par_sort_by(record_order);
}

/// Call id → position; the first of two calls with one id wins.
fn call_index_of(calls: &[Call]) -> FxHashMap<String, usize> {
    calls
        .iter()
        .enumerate()
        .rev()
        .map(|(i, c)| (c.id.clone(), i))
        .collect()
}

/// The records and calls the privacy lints read.
struct Records<'a> {
    minutes: &'a [Record],
    agendas: &'a [Record],
    calls: &'a [Call],
    call_index: &'a FxHashMap<String, usize>,
}

/// What the checks read, borrowed from the sources.
struct Checked<'a> {
    config: Option<&'a SiteConfig>,
    records: &'a Records<'a>,
    cocs: &'a [Coc],
    faq: &'a [FaqSection],
    pages: &'a [Page],
    broken: &'a HashSet<String>,
}

/// The checks of ids, placeholders, calls, records and requests beside
/// the privacy lint, which scans every body in parallel: the first are
/// serial, and on their own they left the other threads idle.
/// Diagnostics come in the order the checks ran in one after the other.
/// Returns the redactions.
fn check_all(
    c: &Checked,
    now: DateTime<Utc>,
    diags: &mut Vec<Diagnostic>,
) -> HashMap<String, Vec<String>> {
    let (checked, (redactions, linted)) = rayon::join(
        || {
            let mut d = Vec::new();
            let (calls, minutes) = (c.records.calls, c.records.minutes);
            checks::ids(calls, c.cocs, c.faq, c.pages, &mut d);
            stubs::check_placeholders(calls, c.cocs, c.pages, minutes, &mut d);
            check_calls_and_records(c.records, c.cocs, c.broken, now, &mut d);
            if let Some(config) = c.config {
                requests::check(config, c.records.calls, &mut d);
            }
            d
        },
        || {
            let mut d = Vec::new();
            let redactions = c.config.map_or_else(HashMap::new, |config| {
                lint::lint_privacy(config, c.records, c.cocs, c.faq, c.pages, now, &mut d)
            });
            (redactions, d)
        },
    );
    diags.extend(checked);
    diags.extend(linted);
    redactions
}

/// Every call makes sense and every record names a real meeting.
fn check_calls_and_records(
    records: &Records,
    cocs: &[Coc],
    broken_calls: &HashSet<String>,
    now: DateTime<Utc>,
    diags: &mut Vec<Diagnostic>,
) {
    let coc_ids: Vec<&str> = cocs.iter().map(|c| c.id.as_str()).collect();
    for call in records.calls {
        checks::check_call(call, &coc_ids, diags);
        checks::warn_meetings_in_clock_changes(call, now, diags);
    }
    let cx = records::RecordContext {
        calls: records.calls,
        call_index: records.call_index,
        broken_calls,
        now,
    };
    records::check_records(records.minutes, &cx, diags);
    records::check_records(records.agendas, &cx, diags);
}

/// Without `--drafts`, draft calls, their records and draft pages are gone.
fn drop_drafts(
    calls: &mut Vec<Call>,
    minutes: &mut Vec<Record>,
    agendas: &mut Vec<Record>,
    pages: &mut Vec<Page>,
) {
    let draft_calls: Vec<String> = calls
        .iter()
        .filter(|c| c.draft)
        .map(|c| c.id.clone())
        .collect();
    calls.retain(|c| !c.draft);
    pages.retain(|p| !p.draft);
    minutes.retain(|m| !draft_calls.contains(&m.call));
    agendas.retain(|m| !draft_calls.contains(&m.call));
}

/// Withheld minutes keep their call and date (the archive lists them as
/// withheld) and lose everything else.
fn withhold(site: &mut Site) {
    let private: Vec<bool> = site.minutes.iter().map(|m| !site.is_public(m)).collect();
    for (m, private) in site.minutes.iter_mut().zip(private) {
        if private {
            m.title = None;
            m.recording = None;
            m.attendance = None;
            m.decisions.clear();
            m.public_contacts.clear();
            m.body = Body {
                text: "".into(),
                first_line: m.body.first_line,
                released: None,
            };
        }
    }
}

fn index(site: &Site) -> Index {
    let mut index = Index {
        calls: call_index_of(&site.calls),
        ..Index::default()
    };
    for (i, r) in site.minutes.iter().enumerate() {
        index
            .records
            .entry(r.call.clone())
            .or_default()
            .entry((r.kind, r.date))
            .or_insert(i);
        index.by_call.entry(r.call.clone()).or_default().0.push(i);
    }
    for (i, r) in site.agendas.iter().enumerate() {
        index
            .records
            .entry(r.call.clone())
            .or_default()
            .entry((r.kind, r.date))
            .or_insert(i);
        index.by_call.entry(r.call.clone()).or_default().1.push(i);
    }
    index.years = site.minutes.iter().map(|m| m.date.year()).collect();
    index.years.sort_unstable_by(|a, b| b.cmp(a));
    index.years.dedup();
    (index.tags, index.call_tags) = topics::tags(&site.calls);
    index.hosts = topics::hosts(&site.calls);
    index
}

#[cfg(test)]
mod tests {
    use crate::render::testing::sample_site;

    #[test]
    fn withheld_minutes_keep_only_their_call_and_date() {
        let site = sample_site();
        let withheld: Vec<_> = site.minutes.iter().filter(|m| !site.is_public(m)).collect();
        assert!(!withheld.is_empty());
        for m in withheld {
            assert!(m.body.text.is_empty() && m.title.is_none() && m.recording.is_none());
            assert!(m.decisions.is_empty());
            assert_eq!(site.record_route(m), None);
            assert_eq!(
                site.title_of(m),
                format!(
                    "{}, {}",
                    site.call_title(&m.call),
                    crate::time::long_date(m.date)
                )
            );
        }
    }

    #[test]
    fn records_are_found_by_call_and_date_newest_first() {
        let site = sample_site();
        let dates: Vec<_> = site.minutes_of("caravan").map(|m| m.date).collect();
        assert!(dates.windows(2).all(|w| w[0] > w[1]), "{dates:?}");
        let first = site.minutes_of("caravan").next().unwrap();
        let found = site
            .record_on(crate::content::RecordKind::Minutes, "caravan", first.date)
            .unwrap();
        assert!(std::ptr::eq(first, found));
        assert!(site.years().windows(2).all(|w| w[0] > w[1]));
    }
}
