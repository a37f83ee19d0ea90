//! The gathered documents turned into the index's files. Everything the
//! browser would have to compute from whole documents (stems, weights,
//! which words are too common to help) is settled here, so a query reads
//! only small files and adds numbers.

use super::{Doc, INDEX, WordMap, words};
use crate::error::Error;
use crate::fs::{Contents, OutputFile, Sink};
use crate::model::Site;
use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Results per document chunk: ten results on screen fetch at most ten
/// chunks (about 1.5 KB compressed each), often fewer, since a call's
/// results are adjacent.
const CHUNK: usize = 32;

/// About how many bytes of JSON a word shard holds before the next starts
/// (about a third of that compressed).
const SHARD_BYTES: usize = 32 * 1024;

/// A word counts as common only in more results than this: on a small
/// site every word is worth its few bytes.
const COMMON_MIN: usize = 1000;

/// Where a query's words are looked up.
#[derive(Serialize, Default)]
struct Shard<'a> {
    /// Word to its stem.
    w: BTreeMap<&'a str, &'a str>,
    /// Stem to postings: pairs of (id - previous id, weight 1-255).
    g: BTreeMap<&'a str, Vec<u32>>,
}

/// `search/index.json`.
#[derive(Serialize)]
struct Manifest<'a> {
    v: u32,
    docs: usize,
    chunk: usize,
    shards: Vec<&'a str>,
    common: Vec<&'a str>,
    calls: Vec<(&'a str, &'a str, usize, usize)>,
    y0: i32,
    years: String,
    lang: &'a str,
}

/// The stems of the vocabulary, numbered, and each word's stem number.
fn stems(site: &Site, words: &[&str]) -> (Vec<String>, Vec<u32>) {
    let stemmer = words::stemmer(&site.config.language);
    let stemmed: Vec<String> = words
        .par_iter()
        .map(|w| match &stemmer {
            Some(s) => s.stem(w).into_owned(),
            None => w.to_string(),
        })
        .collect();
    let mut ids: WordMap<&str, u32> = WordMap::default();
    let mut of_word = Vec::with_capacity(words.len());
    let mut list: Vec<&str> = Vec::new();
    for s in &stemmed {
        let id = *ids.entry(s).or_insert_with(|| {
            list.push(s);
            (list.len() - 1) as u32
        });
        of_word.push(id);
    }
    (list.iter().map(|s| s.to_string()).collect(), of_word)
}

/// Each stem's postings, `id << 8 | summed weight`, ids ascending. Each
/// document's words are dropped once read: the two lists are the biggest
/// things search holds. `of_local[l][w]` is the stem of local `l`'s word
/// `w`.
fn postings(docs: &mut [Doc], of_local: &[Vec<u32>], stems: usize) -> Vec<Vec<u32>> {
    // Sized first (an upper bound: forms of one stem in one document
    // share an entry), so no list grows by doubling.
    let mut sizes = vec![0usize; stems];
    for d in docs.iter() {
        let stem_of = &of_local[d.local as usize];
        for (w, _) in d.terms.iter() {
            sizes[stem_of[w as usize] as usize] += 1;
        }
    }
    let mut out: Vec<Vec<u32>> = sizes.into_iter().map(Vec::with_capacity).collect();
    for (id, d) in docs.iter_mut().enumerate() {
        let id = id as u32;
        let stem_of = &of_local[d.local as usize];
        for (w, n) in std::mem::take(&mut d.terms).iter() {
            let p = &mut out[stem_of[w as usize] as usize];
            match p.last_mut() {
                Some(last) if *last >> 8 == id => {
                    *last = id << 8 | ((*last & 255) + n).min(255);
                }
                _ => p.push(id << 8 | n),
            }
        }
    }
    out
}

/// Which words this build's pages have: a `serve` session's pool keeps
/// words of earlier builds, and only those of this build are written, as
/// a full build would.
fn used(docs: &[Doc], maps: &[Vec<u32>], words: usize) -> Vec<bool> {
    let mut used = vec![false; words];
    for d in docs {
        for (w, _) in d.terms.iter() {
            used[maps[d.local as usize][w as usize] as usize] = true;
        }
    }
    used
}

/// BM25's term part (k1 = 1.2, b = 0.75) for `tf` uses in a document of
/// `len` words, scaled to 1-255.
fn weight(tf: u32, len: u32, average: f64) -> u32 {
    let (k1, b) = (1.2, 0.75);
    let tf = f64::from(tf);
    let s = tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * f64::from(len) / average));
    ((s / (k1 + 1.0) * 255.0).round() as u32).clamp(1, 255)
}

/// The index's files, handed to `sink` one at a time (so their JSON is
/// never all in memory); `docs` are in result order. Returns the paths.
pub fn write(
    site: &Site,
    words: &[&str],
    maps: &[Vec<u32>],
    docs: &mut [Doc],
    sink: &dyn Sink,
) -> Result<Vec<String>, Error> {
    let (stems, of_word) = stems(site, words);
    let of_local: Vec<Vec<u32>> = maps
        .iter()
        .map(|m| m.iter().map(|&g| of_word[g as usize]).collect())
        .collect();
    let used = used(docs, maps, words.len());
    let postings = postings(docs, &of_local, stems.len());
    let n = docs.len();
    // Words in over 40 % of many results barely change a ranking and
    // have the longest postings: the browser skips them unless a query
    // has nothing else.
    let common = |s: u32| {
        let df = postings[s as usize].len();
        df > COMMON_MIN && df * 10 > n * 4
    };
    let mut to_stem: Vec<(&str, u32)> = (words.iter().copied().zip(of_word))
        .zip(used)
        .filter_map(|(pair, used)| used.then_some(pair))
        .collect();
    to_stem.sort_unstable();
    let common_words = to_stem.iter().filter(|(_, s)| common(*s)).map(|(w, _)| *w);
    let mut by_stem: Vec<(&str, u32)> = (0..stems.len() as u32)
        .filter(|&s| !postings[s as usize].is_empty())
        .map(|s| (stems[s as usize].as_str(), s))
        .collect();
    by_stem.sort_unstable();
    let bounds = boundaries(&to_stem, &by_stem, &postings);
    let weights = Weights::new(docs);
    let put = |path: String, json: String| {
        let file = OutputFile {
            path: path.clone(),
            contents: Contents::Bytes(json.into_bytes()),
        };
        sink.put(file).map(|()| path)
    };
    let manifest = manifest(site, docs, &bounds, common_words.collect());
    let mut paths = vec![put(INDEX.to_string(), json(&manifest))?];
    let shard = |i: usize| {
        let json = shard(i, &bounds, &to_stem, &by_stem, &stems, |s| {
            weights.flat(&postings[s as usize])
        });
        put(format!("{}{i}.json", super::WORDS), json)
    };
    let chunk =
        |(i, docs): (usize, &[Doc])| put(format!("{}{i}.json", super::DOCS), chunk(site, docs));
    let written: Result<Vec<String>, Error> = (0..bounds.len())
        .into_par_iter()
        .map(shard)
        .chain(docs.par_chunks(CHUNK).enumerate().map(chunk))
        .collect();
    paths.extend(written?);
    Ok(paths)
}

/// Shard `i`'s JSON: the words and stems from its first key to the next
/// shard's.
fn shard(
    i: usize,
    bounds: &[&str],
    to_stem: &[(&str, u32)],
    by_stem: &[(&str, u32)],
    stems: &[String],
    flat: impl Fn(u32) -> Vec<u32>,
) -> String {
    let range = |keys: &[(&str, u32)]| {
        let from = keys.partition_point(|(k, _)| *k < bounds[i]);
        let to = bounds
            .get(i + 1)
            .map_or(keys.len(), |b| keys.partition_point(|(k, _)| k < b));
        from..to
    };
    let mut shard = Shard::default();
    for &(w, s) in &to_stem[range(to_stem)] {
        shard.w.insert(w, &stems[s as usize]);
    }
    for &(stem, s) in &by_stem[range(by_stem)] {
        shard.g.insert(stem, flat(s));
    }
    json(&shard)
}

/// What turns a posting's summed uses into its weight.
struct Weights {
    lens: Vec<u32>,
    average: f64,
}

impl Weights {
    fn new(docs: &[Doc]) -> Self {
        let lens: Vec<u32> = docs.iter().map(|d| d.len).collect();
        let total: f64 = lens.iter().map(|&l| f64::from(l)).sum();
        let average = (total / lens.len().max(1) as f64).max(1.0);
        Weights { lens, average }
    }

    /// Postings as the browser reads them: (id - previous id, weight).
    fn flat(&self, postings: &[u32]) -> Vec<u32> {
        let mut flat = Vec::with_capacity(postings.len() * 2);
        let mut previous = 0;
        for &p in postings {
            let id = p >> 8;
            flat.push(id - previous);
            flat.push(weight(p & 255, self.lens[id as usize], self.average));
            previous = id;
        }
        flat
    }
}

/// The first key of each shard: keys in order, a new shard each time the
/// last has about `SHARD_BYTES`.
fn boundaries<'a>(
    to_stem: &[(&'a str, u32)],
    by_stem: &[(&'a str, u32)],
    postings: &[Vec<u32>],
) -> Vec<&'a str> {
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for (w, _) in to_stem {
        *sizes.entry(w).or_default() += 2 * w.len() + 6;
    }
    for &(s, id) in by_stem {
        *sizes.entry(s).or_default() += s.len() + 4 + postings[id as usize].len() * 6;
    }
    let mut bounds = vec![""];
    let mut filled = 0;
    for (key, size) in sizes {
        if filled > 0 && filled + size > SHARD_BYTES {
            bounds.push(key);
            filled = 0;
        }
        filled += size;
    }
    bounds
}

/// A document chunk's JSON: `[url, title, kind, call title, date in
/// words, ISO date]` of each result.
fn chunk(site: &Site, docs: &[Doc]) -> String {
    let rows: Vec<[String; 6]> = docs
        .iter()
        .map(|d| {
            let m = &d.meta;
            [
                m.url.clone(),
                m.title.clone(),
                m.kind.label().to_string(),
                // A call's own page names no call: its title is the call.
                m.call
                    .filter(|_| m.kind != super::Kind::Call)
                    .map(|c| site.calls[c].title.clone())
                    .unwrap_or_default(),
                m.date.map(crate::time::day_label).unwrap_or_default(),
                m.date.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    json(&rows)
}

/// The manifest: shards, common words, and the two filters (each call's
/// range of results, each result's year).
fn manifest<'a>(
    site: &'a Site,
    docs: &[Doc],
    shards: &[&'a str],
    common: Vec<&'a str>,
) -> Manifest<'a> {
    let mut calls: Vec<(&str, &str, usize, usize)> = Vec::new();
    for (id, d) in docs.iter().enumerate() {
        let Some(c) = d.meta.call else { continue };
        match calls.last_mut() {
            Some(last) if last.0 == site.calls[c].id => last.3 += 1,
            _ => calls.push((&site.calls[c].id, &site.calls[c].title, id, 1)),
        }
    }
    calls.sort_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(b.0)));
    let y0 = docs
        .iter()
        .filter_map(|d| d.meta.date.map(|x| x.year()))
        .min()
        .unwrap_or(0);
    let years = docs
        .iter()
        .map(|d| match d.meta.date {
            Some(x) => char::from_u32(97 + (x.year() - y0) as u32).unwrap_or('-'),
            None => '-',
        })
        .collect();
    Manifest {
        v: 1,
        docs: docs.len(),
        chunk: CHUNK,
        shards: shards.to_vec(),
        common,
        calls,
        y0,
        years,
        lang: &site.config.language,
    }
}

fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
