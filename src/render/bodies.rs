//! Every Markdown body of the site rendered once: calls, public minutes,
//! agendas, CoCs, free pages and each intro and answer of the FAQ, all
//! through the same pipeline, so a broken link is an error wherever it is
//! written. Withheld minutes are never rendered.
//!
//! Minutes and agendas are most of a site's text and each is shown in
//! full on one page only, so their HTML is not kept: the record's own page
//! renders it and leaves behind what other pages read (the summary, the
//! inline decisions, the problems). Nor is their Markdown: once checked,
//! a build lets go of it ([`crate::content::Body::release`]) and the page
//! reads its file again, refusing a file that changed in between. A build
//! then holds neither the archive's text nor its HTML.

use super::cache::{RenderCache, hash_of};
use super::reads::Part;
use super::views::Html;
use crate::content::{Body, RecordKind, Released};
use crate::diagnostics::Diagnostic;
use crate::fxhash::FxHashMap;
use crate::markdown::{self, InlineDecision, MarkdownOptions, Rendered};
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
    /// Every body, rendered the first time it is asked for (calls, CoCs,
    /// free pages and the FAQ up front in a build). A record's slot holds
    /// no HTML unless a cache keeps it anyway.
    slots: FxHashMap<String, (Source<'a>, OnceLock<Keyed>)>,
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
    /// Where `text` is read again from, when the model let go of it.
    released: Option<&'a Released>,
    first_line: u32,
    decisions: bool,
    redact: &'a [String],
    /// A minutes or agenda body: shown whole on its own page only.
    record: bool,
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
        let bodies = Bodies::on_demand(site, links, cache);
        bodies
            .slots
            .par_iter()
            .filter(|(_, (s, _))| !s.record)
            .for_each(|(id, _)| {
                bodies.get(id);
            });
        bodies
    }

    /// The bodies of `site`, each rendered only when first asked for: what
    /// a patch to a few pages needs.
    pub fn on_demand(
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
        Bodies {
            links,
            cache,
            links_key,
            slots: records(site)
                .chain(eager(site))
                .map(|s| (s.id.clone(), (s, OnceLock::new())))
                .collect(),
        }
    }

    /// The rendered body `id`, if there is one (a record's without HTML).
    pub(super) fn get(&self, id: &str) -> Option<&Rendered> {
        let (source, slot) = self.slots.get(id)?;
        let (r, _) = slot.get_or_init(|| self.keep(source, self.render_one(source)));
        Some(r)
    }

    /// The HTML of body `id` (empty when there is none). A record's is
    /// rendered on each call: its page asks once, the Atom feed for the
    /// latest few.
    pub fn html(&self, id: &str) -> Html {
        self.note(id, Part::Html);
        let Some((source, slot)) = self.slots.get(id) else {
            return Html::default();
        };
        let (r, key) = if source.record {
            let full = self.render_one(source);
            let _ = slot.get_or_init(|| self.keep(source, full.clone()));
            full
        } else {
            slot.get_or_init(|| self.render_one(source)).clone()
        };
        Html {
            text: r.html.as_str().into(),
            key,
        }
    }

    /// The plain-text summary of body `id` (empty when there is none).
    pub fn summary(&self, id: &str) -> &str {
        self.note(id, Part::Summary);
        self.get(id).map_or("", |r| r.summary.as_str())
    }

    /// The decisions recorded inline in body `id`.
    pub fn decisions(&self, id: &str) -> &[InlineDecision] {
        self.note(id, Part::Decisions);
        self.get(id).map_or(&[], |r| r.decisions.as_slice())
    }

    /// Notes, in a `serve` build, that the page being rendered reads
    /// `part` of body `id`.
    fn note(&self, id: &str, part: Part) {
        if let Some(cache) = self.cache {
            cache.reads.note(id, part);
        }
    }

    /// Every body's problems (broken links), sorted. Bodies no page has
    /// rendered (there are none in a complete build) are rendered here.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.slots.par_iter().for_each(|(id, _)| {
            self.get(id);
        });
        let mut out: Vec<Diagnostic> = self
            .slots
            .values()
            .filter_map(|(_, slot)| slot.get())
            .flat_map(|(r, _)| r.diagnostics.iter().cloned())
            .collect();
        crate::diagnostics::sort(&mut out);
        out
    }

    /// The ids rendered, for the cache to forget the others.
    pub fn ids(&self) -> HashSet<&str> {
        self.slots.keys().map(String::as_str).collect()
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
        let again;
        let text = match s.released {
            None => s.text,
            Some(released) => match crate::load::reread_body(released) {
                Some(reread) => {
                    again = reread;
                    again.body()
                }
                None => return (Arc::new(changed_during_build(s.file)), 0),
            },
        };
        let Some(cache) = self.cache else {
            return (Arc::new(markdown::render(text, &opts)), 0);
        };
        let key = hash_of(&(text, s.first_line, s.decisions, s.redact, self.links_key));
        let rendered = cache.body(&s.id, key).unwrap_or_else(|| {
            let r = Arc::new(markdown::render(text, &opts));
            cache.put_body(&s.id, key, &r);
            r
        });
        (rendered, key)
    }

    /// What a slot keeps: all of it for bodies other than records' and
    /// when the cache holds it anyway, else everything but the HTML and
    /// the headings.
    fn keep(&self, source: &Source, (r, key): Keyed) -> Keyed {
        if !source.record || self.cache.is_some() {
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
        released: body.released.as_deref(),
        first_line: body.first_line,
        decisions,
        redact: site.redactions(file),
        record: false,
    }
}

/// Public minutes and every agenda (withheld minutes have no body left in
/// the model anyway).
fn records<'a>(site: &'a Site) -> impl Iterator<Item = Source<'a>> {
    site.minutes
        .iter()
        .chain(&site.agendas)
        .filter(|r| site.is_public(r))
        .map(|r| Source {
            record: true,
            ..source(site, &r.file, &r.body, r.kind == RecordKind::Minutes)
        })
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
            released: None,
            first_line,
            decisions: false,
            redact: &[],
            record: false,
        };
        out.push(part(faq_intro(&s.file), &s.intro, s.intro_line));
        for (i, q) in s.questions.iter().enumerate() {
            out.push(part(faq_answer(&s.file, i), &q.answer, q.answer_line));
        }
    }
    out
}

/// A body whose file no longer holds the text that was checked: it was
/// edited (or removed) while the site was being built.
fn changed_during_build(file: &str) -> Rendered {
    let problem = Diagnostic::error(
        file,
        None,
        "the file changed while the site was being built, so the text that was checked is gone",
    )
    .hint("build again once the edit is saved");
    Rendered {
        html: String::new(),
        summary: String::new(),
        headings: Vec::new(),
        decisions: Vec::new(),
        diagnostics: vec![problem],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::context::Base;
    use crate::render::testing::sample_site;
    use std::path::Path;

    /// The HTML and problems of `file`'s body in `site`.
    fn rendered(site: &Site, file: &str) -> (String, Vec<Diagnostic>) {
        let links = crate::render::links(site, &Base::new("https://example.org/"));
        let bodies = Bodies::render(site, &links, None);
        let html = bodies.html(file).text.to_string();
        let problems = bodies.diagnostics();
        (html, problems)
    }

    #[test]
    fn a_released_body_is_read_again_and_an_edit_meanwhile_fails_the_build() {
        let site = sample_site();
        let file = site
            .minutes
            .iter()
            .find(|m| site.is_public(m))
            .unwrap()
            .file
            .clone();
        let (expected, problems) = rendered(&site, &file);
        assert!(
            expected.contains("<p>") && problems.is_empty(),
            "{expected}"
        );

        let root = tempfile::tempdir().unwrap();
        let sample = Path::new(env!("CARGO_MANIFEST_DIR"));
        for r in site.minutes.iter().chain(&site.agendas) {
            let copy = root.path().join(&r.file);
            std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
            std::fs::copy(sample.join(&r.file), &copy).unwrap();
        }
        let (original, copy) = (sample.join(&file), root.path().join(&file));
        let mut released = sample_site();
        released.release_record_bodies(root.path());
        let record = released.minutes.iter().find(|m| m.file == file).unwrap();
        assert!(record.body.text.is_empty() && record.body.released.is_some());
        assert_eq!(rendered(&released, &file), (expected, vec![]));

        // A phone number added after the checks ran is never published.
        let edited = std::fs::read_to_string(&original).unwrap() + "\nCall Ann on 555-0100.\n";
        std::fs::write(&copy, edited).unwrap();
        let (html, problems) = rendered(&released, &file);
        assert_eq!(html, "");
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0]
                .message
                .contains("changed while the site was being built")
        );
        assert_eq!(problems[0].file, file);

        std::fs::remove_file(&copy).unwrap();
        assert_eq!(rendered(&released, &file).1.len(), 1);
    }
}
