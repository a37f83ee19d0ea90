//! Full-text search: an index of the public pages, written with the site
//! and read by the browser (themes/default/static/search.js) a few small
//! files at a time.
//!
//! Pages are indexed as they are rendered, from the HTML the visitor gets
//! (see `extract`), so only what is published can be found. The layout of
//! the files is described in the README ("Search"); in short: a manifest,
//! word shards (each word's stem and the stem's postings, split by
//! alphabetical range so a query fetches one or two) and document chunks
//! (title, URL, kind, call and date of 32 results at a time).

pub mod extract;
mod index;
pub mod memory;
mod vocabulary;
pub mod words;

use super::plan::{PageKind, Planned};
use crate::content::RecordKind;
use crate::error::Error;
use crate::fs::{Contents, Sink};
use crate::model::Site;
use chrono::NaiveDate;
use memory::{Memory, Read};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// Maps keyed by words, with a hasher cheaper than the default's: a page
/// has hundreds of words and the index hundreds of thousands, none chosen
/// to collide (content comes from the site's own volunteers).
type WordMap<K, V> = crate::fxhash::FxHashMap<K, V>;

/// Where the manifest is written: the file the search page loads first.
pub const INDEX: &str = "search/index.json";

/// The folders of the word shards and of the document chunks.
const WORDS: &str = "search/words/";
const DOCS: &str = "search/docs/";

/// Whether `path` is one of the index's files (the manifest, a word shard
/// or a document chunk), as opposed to the search page beside them.
pub fn is_index_file(path: &str) -> bool {
    path == INDEX || path.starts_with(WORDS) || path.starts_with(DOCS)
}

/// What a result is. Declared in the order a call's results are
/// numbered in (its page, then its minutes, then its agendas).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Call,
    Minutes,
    Agenda,
    Faq,
    Page,
    Coc,
}

impl Kind {
    /// How a result names its kind.
    fn label(self) -> &'static str {
        match self {
            Kind::Call => "Call",
            Kind::Minutes => "Minutes",
            Kind::Agenda => "Agenda",
            Kind::Faq => "FAQ",
            Kind::Page => "Page",
            Kind::Coc => "Committee of Correspondence",
        }
    }

    /// The template that renders its pages.
    fn template(self) -> &'static str {
        match self {
            Kind::Call => "call.html",
            Kind::Minutes | Kind::Agenda => "record.html",
            Kind::Faq => "faq.html",
            Kind::Page => "page.html",
            Kind::Coc => "topic.html",
        }
    }
}

/// What a result shows besides its excerpt, known from the plan rather
/// than read back from the page.
#[derive(Clone, Debug)]
struct Meta {
    url: String,
    title: String,
    kind: Kind,
    /// Position in `site.calls`, for the call filter.
    call: Option<usize>,
    date: Option<NaiveDate>,
}

/// One search result: a marked part of a page and its words (uses, title
/// uses counting five), by the ids of the local that read it.
struct Doc {
    /// Plan position and section: the order results are numbered in
    /// comes from this, never from which thread finished first.
    at: (usize, usize),
    meta: Meta,
    local: u32,
    terms: vocabulary::Terms,
    /// Number of words, for length normalisation.
    len: u32,
}

/// The index being gathered while pages render, from any thread.
pub struct Collector<'a> {
    site: &'a Site,
    /// A route's link (base path included).
    link: &'a (dyn Fn(&str) -> String + Sync),
    calls: HashMap<&'a str, usize>,
    /// The words of this build, when no `serve` session keeps them.
    own: vocabulary::Pool,
    memory: Option<&'a Memory>,
    docs: Mutex<Vec<Doc>>,
    /// The routes read or recalled, for `Memory::retain`.
    seen: Mutex<HashSet<String>>,
}

impl<'a> Collector<'a> {
    /// `memory` is `serve`'s, kept between rebuilds.
    pub fn new(
        site: &'a Site,
        link: &'a (dyn Fn(&str) -> String + Sync),
        memory: Option<&'a Memory>,
    ) -> Self {
        Collector {
            site,
            link,
            calls: site
                .calls
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.as_str(), i))
                .collect(),
            own: vocabulary::Pool::default(),
            memory,
            docs: Mutex::default(),
            seen: Mutex::default(),
        }
    }

    fn pool(&self) -> &vocabulary::Pool {
        self.memory.map_or(&self.own, |m| &m.pool)
    }

    /// Indexes the marked parts of a rendered page, if its kind is one
    /// search covers; `at` is its place in the plan.
    pub fn add(&self, at: usize, page: &Planned, contents: &Contents) {
        let Some(mut meta) = self.meta(page.kind) else {
            return;
        };
        let (bytes, shared) = match contents {
            Contents::Bytes(b) => (&b[..], None),
            Contents::Shared(b) => (&b[..], Some(b)),
            _ => return,
        };
        let url = (self.link)(&page.route);
        meta.url.clone_from(&url);
        let kept = self.memory.zip(shared);
        let reads = match kept.and_then(|(m, b)| m.recall(&page.route, b)) {
            Some(reads) => reads,
            None => {
                let Ok(html) = std::str::from_utf8(bytes) else {
                    return;
                };
                let reads: Arc<[Read]> = self.read(html).into();
                if let Some((m, b)) = kept {
                    m.keep(&page.route, b, reads.clone());
                }
                reads
            }
        };
        if self.memory.is_some() {
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            seen.insert(page.route.clone());
        }
        let found = reads.iter().enumerate().map(|(n, r)| {
            let mut meta = meta.clone();
            if let Some(id) = &r.id {
                meta.url = format!("{url}#{id}");
            }
            if !r.title.is_empty() {
                meta.title.clone_from(&r.title);
            }
            Doc {
                at: (at, n),
                meta,
                local: r.local,
                terms: r.terms.clone(),
                len: r.len,
            }
        });
        self.docs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(found);
    }

    /// The marked parts of a page, their words numbered by a local of
    /// the pool.
    fn read(&self, html: &str) -> Vec<Read> {
        self.pool().with(|local| {
            let mut found = Vec::new();
            let mut text = std::mem::take(&mut local.text);
            extract::each(html, &mut text, |section, words| {
                found.push(Read {
                    terms: local.terms(words, &section.title),
                    id: section.id,
                    title: section.title,
                    local: local.slot,
                    len: words.len() as u32,
                });
            });
            local.text = text;
            found
        })
    }

    /// The templates that render the pages of `planned` search covers:
    /// each must mark what is searchable, or its pages cannot be found.
    pub fn templates(&self, planned: &[Planned]) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = planned
            .iter()
            .filter_map(|p| self.meta(p.kind))
            .map(|m| m.kind.template())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The result's kind, call and date, for the kinds search covers.
    fn meta(&self, kind: PageKind) -> Option<Meta> {
        let site = self.site;
        let (kind, call, date) = match kind {
            PageKind::Record(kind, i) => {
                let (r, kind) = match kind {
                    RecordKind::Minutes => (&site.minutes[i], Kind::Minutes),
                    RecordKind::Agenda => (&site.agendas[i], Kind::Agenda),
                };
                (kind, self.calls.get(r.call.as_str()).copied(), Some(r.date))
            }
            PageKind::Call(i) => (Kind::Call, Some(i), None),
            PageKind::Coc(_) => (Kind::Coc, None, None),
            PageKind::Faq => (Kind::Faq, None, None),
            PageKind::Page(_) => (Kind::Page, None, None),
            _ => return None,
        };
        Some(Meta {
            url: String::new(),
            title: String::new(),
            kind,
            call,
            date,
        })
    }

    /// Writes the index's files (the manifest, the word shards and the
    /// document chunks) to `sink`; returns their paths.
    pub fn write(self, sink: &dyn Sink) -> Result<Vec<String>, Error> {
        let mut docs = self.docs.into_inner().unwrap_or_else(|e| e.into_inner());
        docs.sort_by_key(order);
        if let Some(m) = self.memory {
            m.retain(&self.seen.into_inner().unwrap_or_else(|e| e.into_inner()));
        }
        let pool = self.memory.map_or(&self.own, |m| &m.pool);
        let locals = pool.locals();
        let (words, maps) = vocabulary::join(&locals.0);
        index::write(self.site, &words, &maps, &mut docs, sink)
    }
}

/// Results are numbered call by call (so a call's are one range, which is
/// the call filter), then by kind, date and place in the plan.
fn order(d: &Doc) -> (usize, Kind, Option<NaiveDate>, (usize, usize)) {
    let m = &d.meta;
    (m.call.unwrap_or(usize::MAX), m.kind, m.date, d.at)
}
