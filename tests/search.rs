//! The search index as the browser reads it: built by the real binary from
//! copies of the sample site, then looked up word by word the way
//! search.js does (manifest, word shard, stem shard, document chunk).

mod common;

use common::Site;
use serde_json::Value;
use std::collections::BTreeMap;

const NOW: &str = "2026-12-02";

/// A built site's index, read from its files.
struct Index {
    files: BTreeMap<String, Vec<u8>>,
    manifest: Value,
}

/// One result: its document id and `[url, title, kind, call, date, iso]`.
#[derive(Debug)]
struct Hit {
    id: u64,
    row: Vec<String>,
    weight: u64,
}

impl Index {
    fn of(site: &Site) -> Index {
        let files = site.tree("output/search");
        let manifest = serde_json::from_slice(&files["index.json"]).expect("manifest");
        Index { files, manifest }
    }

    fn json(&self, rel: &str) -> Value {
        serde_json::from_slice(&self.files[rel]).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// The shard a word or stem falls in, by the manifest's first words.
    fn shard(&self, key: &str) -> Value {
        let firsts = self.manifest["shards"].as_array().expect("shards");
        let i = firsts
            .iter()
            .rposition(|f| f.as_str().expect("first word") <= key)
            .expect("shard 0 starts at the empty word");
        self.json(&format!("words/{i}.json"))
    }

    /// The documents a (folded) query word is in, best first.
    fn lookup(&self, word: &str) -> Vec<Hit> {
        let Some(stem) = self.shard(word)["w"][word].as_str().map(str::to_string) else {
            return Vec::new();
        };
        let postings = self.shard(&stem)["g"][&stem]
            .as_array()
            .unwrap_or_else(|| panic!("{word}: stem {stem} has no postings"))
            .clone();
        let chunk = self.manifest["chunk"].as_u64().expect("chunk");
        let mut id = 0;
        let mut hits: Vec<Hit> = postings
            .chunks(2)
            .map(|pair| {
                id += pair[0].as_u64().expect("delta");
                let docs = self.json(&format!("docs/{}.json", id / chunk));
                let row = docs[(id % chunk) as usize]
                    .as_array()
                    .expect("row")
                    .iter()
                    .map(|v| v.as_str().expect("text").to_string())
                    .collect();
                Hit {
                    id,
                    row,
                    weight: pair[1].as_u64().expect("weight"),
                }
            })
            .collect();
        hits.sort_by_key(|h| std::cmp::Reverse(h.weight));
        hits
    }

    /// Whether any file of the index has `text` in it.
    fn mentions(&self, text: &str) -> bool {
        self.files
            .values()
            .any(|b| String::from_utf8_lossy(b).contains(text))
    }
}

fn built(site: &Site) -> Index {
    let run = site.run(&["build", "--now", NOW]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    Index::of(site)
}

fn append(site: &Site, rel: &str, text: &str) {
    let path = site.root().join("content").join(rel);
    let old = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    site.write(rel, &format!("{old}\n{text}\n"));
}

#[test]
fn a_word_in_one_public_minutes_finds_it_and_nothing_unpublished_is_found() {
    let site = Site::sample();
    append(
        &site,
        "minutes/caravan/caravan-2026-10-21.md",
        "The Quuxpublic route was agreed, Zorblaxing; write to janedoeq@mailhost.example.",
    );
    append(
        &site,
        "minutes/caravan/caravan-2026-05-20.md",
        "Nothing was zorblaxed.",
    );
    // Withheld by the file, by its call, and a draft call.
    append(
        &site,
        "minutes/io-planning/io-planning-2026-10-19.md",
        "Quuxwithheld.",
    );
    append(
        &site,
        "minutes/legal-support/legal-support-2026-11-08.md",
        "Quuxprivatecall.",
    );
    site.write("calls/drafted.md", "---\ntitle: Quuxdraft call\ndraft: true\nstart: 2026-12-20 18:00\nrepeat: weekly\nfacilitator: A\nbackup_facilitator: B\ntech: C\nregister: https://example.org/r\n---\nQuuxdraft body.\n");
    let index = built(&site);

    let hits = index.lookup("quuxpublic");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].row[0], "/minutes/caravan/2026-10-21/");
    assert_eq!(hits[0].row[2], "Minutes");
    assert_eq!(hits[0].row[4], "Wednesday 21 October 2026");
    // Either form of a word finds both.
    let forms = index.lookup("zorblaxed");
    assert_eq!(forms.len(), 2, "{forms:?}");
    assert_eq!(forms.len(), index.lookup("zorblaxing").len());
    // The filters place it: its call's range and its year.
    let calls = index.manifest["calls"].as_array().expect("calls");
    let caravan = calls.iter().find(|c| c[0] == "caravan").expect("caravan");
    let (first, count) = (caravan[2].as_u64().unwrap(), caravan[3].as_u64().unwrap());
    assert!((first..first + count).contains(&hits[0].id), "{caravan}");
    let years = index.manifest["years"].as_str().expect("years");
    let y0 = index.manifest["y0"].as_i64().expect("y0");
    let year = years.chars().nth(hits[0].id as usize).expect("year") as i64 - 97 + y0;
    assert_eq!(year, 2026);

    for word in ["quuxwithheld", "quuxprivatecall", "quuxdraft"] {
        assert!(index.lookup(word).is_empty(), "{word} was indexed");
        assert!(!index.mentions(word), "{word} is in the index");
    }
    // The address was redacted on the page, so it is not in the index.
    assert!(!index.mentions("janedoeq") && !index.mentions("mailhost"));
}

#[test]
fn faq_answers_pages_calls_and_cocs_are_results_of_their_own() {
    let site = Site::sample();
    append(&site, "faq/money.md", "Zorbfaqword.");
    append(&site, "pages/about.md", "Zorbpageword.");
    append(&site, "calls/caravan.md", "Zorbcallword.");
    append(&site, "cocs/occupy-oslo.md", "Zorbcocword.");
    let index = built(&site);

    let faq = index.lookup("zorbfaqword");
    assert_eq!(faq.len(), 1, "{faq:?}");
    assert!(faq[0].row[0].starts_with("/faq/#money-"), "{faq:?}");
    assert_eq!(faq[0].row[2], "FAQ");
    assert!(
        faq[0].row[1].ends_with('?'),
        "the question is the title: {faq:?}"
    );
    assert_eq!(index.lookup("zorbpageword")[0].row[0], "/about/");
    let call = &index.lookup("zorbcallword")[0];
    assert_eq!(
        (call.row[0].as_str(), call.row[2].as_str()),
        ("/calls/caravan/", "Call")
    );
    assert_eq!(index.lookup("zorbcocword")[0].row[0], "/cocs/occupy-oslo/");
}

#[test]
fn words_in_a_title_outweigh_the_same_word_in_a_body() {
    let site = Site::sample();
    append(
        &site,
        "minutes/caravan/caravan-2026-05-20.md",
        "We talked about the Plumbus.",
    );
    site.write("minutes/caravan/caravan-2026-10-21.md", &{
        let path = site
            .root()
            .join("content/minutes/caravan/caravan-2026-10-21.md");
        std::fs::read_to_string(path).expect("minutes").replacen(
            "call: caravan",
            "call: caravan\ntitle: Plumbus planning",
            1,
        )
    });
    let index = built(&site);
    let hits = index.lookup("plumbus");
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert_eq!(hits[0].row[1], "Plumbus planning");
}

#[test]
fn the_same_content_and_now_give_the_same_index() {
    let site = Site::sample();
    let first = built(&site).files;
    let again = site.run(&["build", "--now", NOW]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(first, site.tree("output/search"));
}

#[test]
fn a_theme_template_that_marks_nothing_is_named_by_check() {
    let site = Site::sample();
    let default = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/record.html"),
    )
    .expect("default record.html");
    let templates = site.root().join("themes/plain/templates");
    std::fs::create_dir_all(&templates).expect("theme folder");
    std::fs::write(
        templates.join("record.html"),
        default.replace(" data-search>", ">"),
    )
    .expect("template");
    let config = std::fs::read_to_string(site.root().join("content/site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &config.replace("theme: default", "theme: plain"),
    );
    let run = site.run(&["check", "--now", NOW]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(
        said.contains("themes/plain/templates/record.html") && said.contains("data-search"),
        "{said}"
    );
    assert_ne!(site.run(&["check", "--strict", "--now", NOW]).code, 0);
    // The pages it renders are not found; the others still are.
    let index = built(&site);
    assert!(
        index
            .lookup("facilitator")
            .iter()
            .all(|h| h.row[2] != "Minutes")
    );
    assert!(!index.lookup("caravan").is_empty());
}
