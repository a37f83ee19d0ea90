//! The client-side search index: public minutes, calls, the FAQ and free
//! pages, written at build time as small JSON files.
//!
//! Minutes are sharded by year so a phone downloads only what a search
//! needs, newest first; each entry carries its title, date and summary (the
//! first paragraph), never a whole body. Withheld minutes are never listed:
//! only records with a route are.

use super::bodies::{self, Bodies};
use super::context::Base;
use crate::model::{Site, routes};
use serde::Serialize;
use std::collections::BTreeMap;

/// One searchable item: title, URL, date (may be empty) and text.
#[derive(Serialize)]
struct Entry(String, String, String, String);

/// The main index: what is always loaded, and the minutes shards by year.
#[derive(Serialize)]
struct Index {
    /// Calls, FAQ questions and pages.
    items: Vec<Entry>,
    /// Years with public minutes, newest first; each is at
    /// `search/minutes-YYYY.json`.
    years: Vec<i32>,
}

/// Where the index of calls, questions and pages is written.
pub const INDEX: &str = "search/index.json";

/// `(path, JSON)` for `search/index.json` and every minutes shard.
pub fn files(site: &Site, bodies: &Bodies, base: &Base) -> Vec<(String, String)> {
    let mut items = Vec::new();
    for c in &site.calls {
        items.push(Entry(
            c.title.clone(),
            base.link(&routes::call(&c.id)),
            String::new(),
            c.summary.clone().unwrap_or_default(),
        ));
    }
    for s in &site.faq {
        for (i, q) in s.questions.iter().enumerate() {
            let answer = bodies.summary(&bodies::faq_answer(&s.file, i));
            items.push(Entry(
                q.question.clone(),
                base.link(&routes::faq_question(&s.id, &q.question)),
                String::new(),
                answer.chars().take(200).collect(),
            ));
        }
    }
    for p in &site.pages {
        items.push(Entry(
            p.title.clone(),
            base.link(&routes::page(&p.id)),
            String::new(),
            bodies.summary(&p.file).to_string(),
        ));
    }
    let mut shards: BTreeMap<i32, Vec<Entry>> = BTreeMap::new();
    for m in &site.minutes {
        let Some(route) = site.record_route(m) else {
            continue;
        };
        shards
            .entry(chrono::Datelike::year(&m.date))
            .or_default()
            .push(Entry(
                site.title_of(m),
                base.link(&route),
                m.date.to_string(),
                bodies.summary(&m.file).chars().take(160).collect(),
            ));
    }
    let years: Vec<i32> = shards.keys().rev().copied().collect();
    let mut out = vec![(
        INDEX.to_string(),
        serde_json::to_string(&Index { items, years }).unwrap_or_default(),
    )];
    for (year, entries) in shards {
        out.push((
            format!("search/minutes-{year}.json"),
            serde_json::to_string(&entries).unwrap_or_default(),
        ));
    }
    out
}
