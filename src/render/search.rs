//! The client-side search index: public minutes, calls, the FAQ and free
//! pages, written at build time as small JSON files.
//!
//! Minutes are sharded by year so a phone downloads only what a search
//! needs, newest first; each entry carries its title, date and summary (the
//! first paragraph), never a whole body. Withheld minutes are never listed.

use crate::content::RecordKind;
use crate::model::Site;
use serde::Serialize;
use std::collections::BTreeMap;

/// One searchable item: title, URL, date (may be empty) and text.
#[derive(Serialize)]
struct Entry<'a>(&'a str, String, String, String);

/// The main index: what is always loaded, and the minutes shards by year.
#[derive(Serialize)]
struct Index<'a> {
    /// Calls, FAQ questions and pages.
    items: Vec<Entry<'a>>,
    /// Years with public minutes, newest first; each is at
    /// `search/minutes-YYYY.json`.
    years: Vec<i32>,
}

/// `(path, JSON)` for `search/index.json` and every minutes shard.
/// `summaries` maps a file to its plain-text summary.
pub fn files(
    site: &Site,
    base_path: &str,
    summaries: &dyn Fn(&str) -> String,
) -> Vec<(String, String)> {
    let mut items = Vec::new();
    for c in &site.calls {
        items.push(Entry(
            &c.title,
            format!("{base_path}calls/{}/", c.id),
            String::new(),
            c.summary.clone().unwrap_or_default(),
        ));
    }
    for s in &site.faq {
        for q in &s.questions {
            let anchor = format!("{}-{}", s.id, crate::markdown::slug(&q.question));
            let answer: String = q.answer.chars().take(200).collect();
            items.push(Entry(
                &q.question,
                format!("{base_path}faq/#{anchor}"),
                String::new(),
                answer,
            ));
        }
    }
    for p in &site.pages {
        items.push(Entry(
            &p.title,
            format!("{base_path}{}/", p.id),
            String::new(),
            summaries(&p.file),
        ));
    }
    let mut shards: BTreeMap<i32, Vec<Entry>> = BTreeMap::new();
    for m in site.minutes.iter().filter(|m| site.is_public(m)) {
        debug_assert_eq!(m.kind, RecordKind::Minutes);
        let call = site
            .call(&m.call)
            .map_or(m.call.as_str(), |c| c.title.as_str());
        let title = m.title.as_deref().unwrap_or(call);
        let url = format!("{base_path}minutes/{}/{}/", m.call, m.date);
        let summary: String = summaries(&m.file).chars().take(160).collect();
        shards
            .entry(chrono::Datelike::year(&m.date))
            .or_default()
            .push(Entry(title, url, m.date.to_string(), summary));
    }
    let years: Vec<i32> = shards.keys().rev().copied().collect();
    let mut out = vec![(
        "search/index.json".to_string(),
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
