//! Every Markdown body of the site rendered once: calls, public minutes,
//! agendas, CoCs, free pages and each intro and answer of the FAQ, all
//! through the same pipeline, so a broken link is an error wherever it is
//! written. Withheld minutes are never rendered.
//!
//! Minutes and agendas are most of a site's text and each is shown in
//! full on one page only, so their HTML is not kept: the record's own page
//! renders it and leaves behind what other pages read (the summary, the
//! inline decisions, the problems). A build then holds the archive's
//! Markdown but not its HTML as well.

use super::cache::{RenderCache, hash_of};
use super::views::Html;
use crate::content::{Body, RecordKind};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, MarkdownOptions, Rendered};
use crate::model::Site;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

/// The rendered bodies of a build, by id: a content file's path, or for
/// the FAQ the ids of [`faq_intro`] and [`faq_answer`].
pub struct Bodies<'a> {
    links: &'a HashMap<String, String>,
    cache: Option<&'a RenderCache>,
    /// Hash of `links`, part of every body's cache key.
    links_key: u64,
    /// Calls, CoCs, free pages and the FAQ, rendered up front.
    eager: HashMap<String, Keyed>,
    /// Minutes and agendas: a record's page fills its slot, without the
    /// HTML unless a cache keeps it anyway.
    records: HashMap<String, (Source<'a>, OnceLock<Keyed>)>,
}

/// A rendered body with its cache key (0 without a cache).
type Keyed = (Arc<Rendered>, u64);

/// The id of an FAQ section's intro.
pub fn faq_intro(file: &str) -> String {
    format!("{file}#intro")
}

/// The id of the answer to question `i` of an FAQ section.
pub fn faq_answer(file: &str, i: usize) -> String {
    format!("{file}#{i}")
}

/// One body to render.
struct Source<'a> {
    id: String,
    file: &'a str,
    text: &'a str,
    first_line: u32,
    decisions: bool,
    redact: &'a [String],
}

impl<'a> Bodies<'a> {
    /// Renders every body of `site` but the records'; `links` maps content
    /// files to their page URLs. With a cache, a body whose inputs are
    /// unchanged is reused.
    pub fn render(
        site: &'a Site,
        links: &'a HashMap<String, String>,
        cache: Option<&'a RenderCache>,
    ) -> Bodies<'a> {
        // The link table is part of every body's output.
        let links_key = cache.map_or(0, |_| {
            let mut entries: Vec<(&String, &String)> = links.iter().collect();
            entries.sort();
            hash_of(&entries)
        });
        let mut bodies = Bodies {
            links,
            cache,
            links_key,
            eager: HashMap::new(),
            records: records(site)
                .map(|s| (s.id.clone(), (s, OnceLock::new())))
                .collect(),
        };
        bodies.eager = eager(site)
            .par_iter()
            .map(|s| (s.id.clone(), bodies.render_one(s)))
            .collect();
        bodies
    }

    /// The rendered body `id`, if there is one (a record's without HTML).
    pub fn get(&self, id: &str) -> Option<&Rendered> {
        if let Some((r, _)) = self.eager.get(id) {
            return Some(r);
        }
        let (source, slot) = self.records.get(id)?;
        let (r, _) = slot.get_or_init(|| self.keep(self.render_one(source)));
        Some(r)
    }

    /// The HTML of body `id` (empty when there is none). A record's is
    /// rendered on each call: its page asks once, the Atom feed for the
    /// latest few.
    pub fn html(&self, id: &str) -> Html {
        let (r, key) = match (self.eager.get(id), self.records.get(id)) {
            (Some(keyed), _) => keyed.clone(),
            (None, Some((source, slot))) => {
                let full = self.render_one(source);
                let _ = slot.get_or_init(|| self.keep(full.clone()));
                full
            }
            (None, None) => return Html::default(),
        };
        Html {
            text: r.html.as_str().into(),
            key,
        }
    }

    /// The plain-text summary of body `id` (empty when there is none).
    pub fn summary(&self, id: &str) -> &str {
        self.get(id).map_or("", |r| r.summary.as_str())
    }

    /// Every body's problems (broken links), sorted. Records no page has
    /// rendered (there are none in a complete build) are rendered here.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.records.par_iter().for_each(|(id, _)| {
            self.get(id);
        });
        let records = self.records.values().filter_map(|(_, slot)| slot.get());
        let mut out: Vec<Diagnostic> = self
            .eager
            .values()
            .chain(records)
            .flat_map(|(r, _)| r.diagnostics.iter().cloned())
            .collect();
        crate::diagnostics::sort(&mut out);
        out
    }

    /// The ids rendered, for the cache to forget the others.
    pub fn ids(&self) -> HashSet<&str> {
        self.eager
            .keys()
            .chain(self.records.keys())
            .map(String::as_str)
            .collect()
    }

    /// Renders one body, or takes it from the cache.
    fn render_one(&self, s: &Source) -> Keyed {
        let opts = MarkdownOptions {
            file: s.file,
            first_line: s.first_line,
            links: self.links,
            decisions: s.decisions,
            redact: s.redact,
        };
        let Some(cache) = self.cache else {
            return (Arc::new(markdown::render(s.text, &opts)), 0);
        };
        let key = hash_of(&(s.text, s.first_line, s.decisions, s.redact, self.links_key));
        let rendered = cache.body(&s.id, key).unwrap_or_else(|| {
            let r = Arc::new(markdown::render(s.text, &opts));
            cache.put_body(&s.id, key, &r);
            r
        });
        (rendered, key)
    }

    /// What a record's slot keeps: all of it when the cache holds it
    /// anyway, else everything but the HTML and the headings.
    fn keep(&self, (r, key): Keyed) -> Keyed {
        if self.cache.is_some() {
            return (r, key);
        }
        let kept = Rendered {
            html: String::new(),
            summary: r.summary.clone(),
            headings: Vec::new(),
            decisions: r.decisions.clone(),
            diagnostics: r.diagnostics.clone(),
        };
        (Arc::new(kept), key)
    }
}

fn source<'a>(site: &'a Site, file: &'a str, body: &'a Body, decisions: bool) -> Source<'a> {
    Source {
        id: file.to_string(),
        file,
        text: &body.text,
        first_line: body.first_line,
        decisions,
        redact: site.redactions(file),
    }
}

/// Public minutes and every agenda (withheld minutes have no body left in
/// the model anyway).
fn records<'a>(site: &'a Site) -> impl Iterator<Item = Source<'a>> {
    site.minutes
        .iter()
        .chain(&site.agendas)
        .filter(|r| site.is_public(r))
        .map(|r| source(site, &r.file, &r.body, r.kind == RecordKind::Minutes))
}

/// The bodies rendered up front: calls, CoCs, free pages and the FAQ.
fn eager<'a>(site: &'a Site) -> Vec<Source<'a>> {
    let mut out: Vec<Source> = site
        .calls
        .iter()
        .map(|c| source(site, &c.file, &c.body, false))
        .collect();
    out.extend(
        site.cocs
            .iter()
            .map(|c| source(site, &c.file, &c.body, false)),
    );
    out.extend(
        site.pages
            .iter()
            .map(|p| source(site, &p.file, &p.body, false)),
    );
    for s in &site.faq {
        let part = |id: String, text: &'a str, first_line: u32| Source {
            id,
            file: &s.file,
            text,
            first_line,
            decisions: false,
            redact: &[],
        };
        out.push(part(faq_intro(&s.file), &s.intro, s.intro_line));
        for (i, q) in s.questions.iter().enumerate() {
            out.push(part(faq_answer(&s.file, i), &q.answer, q.answer_line));
        }
    }
    out
}
