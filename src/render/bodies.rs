//! Every Markdown body of the site rendered once, in parallel: calls,
//! public minutes, agendas, CoCs, free pages and each intro and answer of
//! the FAQ, all through the same pipeline, so a broken link is an error
//! wherever it is written. Withheld minutes are never rendered.

use super::cache::{RenderCache, hash_of};
use super::views::Html;
use crate::content::{Body, RecordKind};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, MarkdownOptions, Rendered};
use crate::model::Site;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The rendered bodies of a build, by id: a content file's path, or for
/// the FAQ the ids of [`faq_intro`] and [`faq_answer`].
#[derive(Default)]
pub struct Bodies {
    map: HashMap<String, (Arc<Rendered>, u64)>,
}

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

impl Bodies {
    /// Renders every body of `site`; `links` maps content files to their
    /// page URLs. With a cache, a body whose inputs are unchanged is reused.
    pub fn render(
        site: &Site,
        links: &HashMap<String, String>,
        cache: Option<&RenderCache>,
    ) -> Bodies {
        let sources = sources(site);
        // The link table is part of every body's output.
        let links_key = cache.map_or(0, |_| {
            let mut entries: Vec<(&String, &String)> = links.iter().collect();
            entries.sort();
            hash_of(&entries)
        });
        let map = sources
            .par_iter()
            .map(|b| {
                let opts = MarkdownOptions {
                    file: b.file,
                    first_line: b.first_line,
                    links,
                    decisions: b.decisions,
                    redact: b.redact,
                };
                let Some(cache) = cache else {
                    return (b.id.clone(), (Arc::new(markdown::render(b.text, &opts)), 0));
                };
                let key = hash_of(&(b.text, b.first_line, b.decisions, b.redact, links_key));
                let rendered = cache.body(&b.id, key).unwrap_or_else(|| {
                    let r = Arc::new(markdown::render(b.text, &opts));
                    cache.put_body(&b.id, key, &r);
                    r
                });
                (b.id.clone(), (rendered, key))
            })
            .collect();
        Bodies { map }
    }

    /// The rendered body `id`, if there is one.
    pub fn get(&self, id: &str) -> Option<&Rendered> {
        self.map.get(id).map(|(r, _)| r.as_ref())
    }

    /// The HTML of body `id` (empty when there is none).
    pub fn html(&self, id: &str) -> Html {
        self.map
            .get(id)
            .map_or_else(Html::default, |(r, key)| Html {
                text: r.html.as_str().into(),
                key: *key,
            })
    }

    /// The plain-text summary of body `id` (empty when there is none).
    pub fn summary(&self, id: &str) -> &str {
        self.get(id).map_or("", |r| r.summary.as_str())
    }

    /// Every body's problems (broken links), sorted.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .map
            .values()
            .flat_map(|(r, _)| r.diagnostics.iter().cloned())
            .collect();
        crate::diagnostics::sort(&mut out);
        out
    }

    /// The ids rendered, for the cache to forget the others.
    pub fn ids(&self) -> std::collections::HashSet<&str> {
        self.map.keys().map(String::as_str).collect()
    }
}

/// The bodies of `site`: only public minutes (withheld ones have no body
/// left in the model anyway).
fn sources<'a>(site: &'a Site) -> Vec<Source<'a>> {
    let source = |file: &'a str, body: &'a Body, decisions: bool| Source {
        id: file.to_string(),
        file,
        text: &body.text,
        first_line: body.first_line,
        decisions,
        redact: site.redactions(file),
    };
    let mut out: Vec<Source> = site
        .calls
        .iter()
        .map(|c| source(&c.file, &c.body, false))
        .collect();
    let records = site
        .minutes
        .iter()
        .filter(|r| site.is_public(r))
        .chain(&site.agendas);
    out.extend(records.map(|r| source(&r.file, &r.body, r.kind == RecordKind::Minutes)));
    out.extend(site.cocs.iter().map(|c| source(&c.file, &c.body, false)));
    out.extend(site.pages.iter().map(|p| source(&p.file, &p.body, false)));
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
