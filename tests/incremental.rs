//! `serve`'s incremental rebuilds give exactly the bytes of a full build,
//! after every kind of edit.

mod common;

use callsite::BuildOptions;
use callsite::fs::OutputFile;
use callsite::incremental::{Incremental, Rebuilt};
use callsite::render::search::is_index_file;
use common::Site;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn bytes(files: &[OutputFile]) -> BTreeMap<String, Vec<u8>> {
    files
        .iter()
        .map(|f| (f.path.clone(), f.contents.bytes().unwrap().into_owned()))
        .collect()
}

fn assert_same(opts: &BuildOptions, cache: &Incremental, what: &str) {
    let incremental = cache.full(opts).unwrap();
    let full = callsite::render(opts).unwrap();
    assert_eq!(
        incremental.diagnostics, full.diagnostics,
        "{what}: diagnostics differ"
    );
    assert_same_files(&bytes(&incremental.files), &bytes(&full.files), what);
}

/// The same paths with the same bytes.
fn assert_same_files(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}: different files"
    );
    for (path, bytes) in a {
        assert!(
            *bytes == b[path],
            "{what}: {path} differs from a full build"
        );
    }
}

/// A copy of the sample site, and "now" as an RFC 3339 time.
fn sample_at(now: &str) -> (Site, chrono::DateTime<chrono::Utc>) {
    let now = chrono::DateTime::parse_from_rfc3339(now).unwrap().to_utc();
    (Site::sample(), now)
}

#[test]
fn every_kind_of_edit_gives_a_full_builds_bytes() {
    let (site, now) = sample_at("2026-11-24T00:00:00Z");
    let opts = BuildOptions::new(site.root(), now);
    let cache = Incremental::default();
    assert_same(&opts, &cache, "first build");
    assert_same(&opts, &cache, "no change");

    let file = "minutes/io-planning/io-planning-2026-11-16.md";
    let text = std::fs::read_to_string(site.root().join("content").join(file)).unwrap();
    site.write(file, &text.replace("## ", "## Edited: "));
    assert_same(&opts, &cache, "body edit");

    site.write(file, &text.replace("date: 2026-11-16", "date: 2026-11-09"));
    assert_same(&opts, &cache, "date edit");

    site.write(
        file,
        &text
            .replace("call: io-planning", "call: coc-monthly")
            .replace("date: 2026-11-16", "date: 2026-12-10"),
    );
    assert_same(&opts, &cache, "call edit");

    site.write(file, &text);
    site.write("minutes/io-planning/new.md", "---\ncall: io-planning\ndate: 2026-11-23\ndecisions: [A new decision]\n---\nDecision: And an inline one.\n");
    assert_same(&opts, &cache, "new file");

    site.remove("minutes/io-planning/io-planning-2026-11-02.md");
    assert_same(&opts, &cache, "deleted file");

    site.write(
        "minutes/io-planning/new.md",
        "---\ncall: io-planning\ndate: 2026-11-23\nwithheld: true\n---\nSecret.\n",
    );
    assert_same(&opts, &cache, "withheld");

    let call = std::fs::read_to_string(site.root().join("content/calls/io-planning.md")).unwrap();
    site.write(
        "calls/io-planning.md",
        &call.replace("title: ", "title: Renamed "),
    );
    assert_same(&opts, &cache, "call title");

    site.write(
        "calls/caravan.md",
        &std::fs::read_to_string(site.root().join("content/calls/caravan.md"))
            .unwrap()
            .replace("start: 2026-02-04 20:00", "start: 2025-02-05 20:00"),
    );
    assert_same(&opts, &cache, "an earlier start in a shared zone");

    site.write(
        "calls/io-planning.md",
        &call.replace("The ", "See [the caravan](caravan.md). The "),
    );
    assert_same(&opts, &cache, "a link in a call body");
    site.remove("calls/caravan.md");
    assert_same(&opts, &cache, "the linked call removed");

    let config = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &config.replace("title: InterOccupy", "title: InterOccupy network"),
    );
    assert_same(&opts, &cache, "site settings");

    site.write("pages/about.md", "---\ntitle: About us\nnav: true\n---\nA [link](../minutes/caravan/caravan-2026-11-18.md).\n");
    assert_same(&opts, &cache, "page with a content link");

    std::fs::create_dir_all(site.root().join("themes/default/templates")).unwrap();
    std::fs::write(site.root().join("themes/default/templates/record.html"), "{% extends \"base.html\" %}{% block content %}<h1>{{ record.title }}</h1>{{ record.body_html | safe }}{% endblock content %}").unwrap();
    assert_same(&opts, &cache, "template edit");

    site.write(file, "---\ntitel: broken\n---\n");
    assert_same(&opts, &cache, "broken file");
    site.write(file, &text);
    assert_same(&opts, &cache, "fixed again");
}

/// Edits whose effect reaches pages far from the file edited: the FAQ,
/// CoCs named as hosts, agendas linked from meetings, moves and
/// cancellations, redactions, settings that paginate, static files, tags,
/// drafts and the menu.
#[test]
fn edits_that_reach_other_pages_give_a_full_builds_bytes() {
    let (site, now) = sample_at("2026-12-02T15:00:00Z");
    let mut opts = BuildOptions::new(site.root(), now);
    let cache = Incremental::default();
    assert_same(&opts, &cache, "first build");
    let read = |rel: &str| std::fs::read_to_string(site.root().join("content").join(rel)).unwrap();

    let faq = read("faq/calls.md");
    site.write(
        "faq/calls.md",
        &faq.replacen("## ", "## Edited question: ", 1),
    );
    assert_same(&opts, &cache, "an FAQ question");
    site.write(
        "faq/calls.md",
        &format!(
            "{faq}
A closing answer with [a link](../pages/about.md).
"
        ),
    );
    assert_same(&opts, &cache, "an FAQ answer");

    let coc = read("cocs/occupy-philadelphia.md");
    site.write(
        "cocs/occupy-philadelphia.md",
        &coc.replacen("name: ", "name: Renamed ", 1),
    );
    assert_same(&opts, &cache, "the name of a CoC that hosts a call");

    site.write(
        "agendas/caravan-2026-12-17.md",
        "---\ncall: caravan\ndate: 2026-12-17\n---\n1. Welcome\n",
    );
    assert_same(&opts, &cache, "an agenda for a coming meeting");

    let caravan = read("calls/caravan.md");
    site.write(
        "calls/caravan.md",
        &caravan.replace(
            "cancelled: [2026-12-16]",
            "cancelled: [2026-12-16, 2027-01-06]",
        ),
    );
    assert_same(&opts, &cache, "a cancellation");
    site.write(
        "calls/caravan.md",
        &caravan.replace(
            "moved: { 2026-12-02: 2026-12-03 20:00 }",
            "moved: { 2026-12-02: 2026-12-03 20:00, 2027-01-20: 2027-01-21 19:00 }",
        ),
    );
    assert_same(&opts, &cache, "a move");
    site.write(
        "calls/caravan.md",
        &caravan.replace("tags: [", "tags: [winter, "),
    );
    assert_same(&opts, &cache, "tags");

    let minutes = read("minutes/caravan/caravan-2026-11-18.md");
    site.write(
        "minutes/caravan/caravan-2026-11-18.md",
        &format!("{minutes}\nKim (kim.lee@mail.example.com) drives.\n"),
    );
    assert_same(&opts, &cache, "a contact to redact");

    let config = read("site.yaml");
    site.write("site.yaml", &config.replace("per_page: 50", "per_page: 5"));
    assert_same(&opts, &cache, "archive page size");

    site.write("static/extra.txt", "extra\n");
    assert_same(&opts, &cache, "a static file");

    let about = read("pages/about.md");
    site.write("pages/about.md", &about.replace("nav: true", "nav: false"));
    assert_same(&opts, &cache, "the menu");
    site.write(
        "calls/caravan.md",
        &caravan.replacen("---\n", "---\ndraft: true\n", 1),
    );
    assert_same(&opts, &cache, "a call made a draft");

    opts.now = now + chrono::Duration::days(2);
    assert_same(&opts, &cache, "a later now");
}

/// What `serve` shows: the files of the last whole build, with every
/// patch and its search index laid over them since.
#[derive(Default)]
struct Served {
    files: BTreeMap<String, Vec<u8>>,
    diagnostics: Vec<callsite::diagnostics::Diagnostic>,
}

impl Served {
    /// Rebuilds after `changed` as `serve` does; returns whether the
    /// rebuild was a patch.
    fn rebuild(&mut self, opts: &BuildOptions, cache: &Incremental, changed: &[PathBuf]) -> bool {
        match cache.rebuild(opts, changed).unwrap() {
            Rebuilt::Whole(site) => {
                if site.ok() {
                    self.files = bytes(&site.files);
                }
                self.diagnostics = site.diagnostics;
                false
            }
            Rebuilt::Patched { files, diagnostics } => {
                self.files.extend(bytes(&files));
                let index = cache.index().unwrap();
                self.files.retain(|path, _| !is_index_file(path));
                self.files.extend(bytes(&index));
                self.diagnostics = diagnostics;
                true
            }
        }
    }

    /// The same diagnostics as a full render, and the same files when it
    /// succeeds.
    fn assert_full(&self, opts: &BuildOptions, what: &str) {
        let full = callsite::render(opts).unwrap();
        assert_eq!(
            self.diagnostics, full.diagnostics,
            "{what}: diagnostics differ"
        );
        if full.ok() {
            assert_same_files(&self.files, &bytes(&full.files), what);
        }
    }
}

/// `serve` patches the previous build when only the bodies of public
/// minutes or agendas changed (re-rendering the pages that read what
/// changed, then the search index), and renders in full otherwise; both
/// give a full build's bytes.
#[test]
fn body_edits_are_patched_and_give_a_full_builds_bytes() {
    let (site, now) = sample_at("2026-11-24T00:00:00Z");
    let opts = BuildOptions::new(site.root(), now);
    let cache = Incremental::default();
    let path = |rel: &str| site.root().join("content").join(rel);
    let read = |rel: &str| std::fs::read_to_string(path(rel)).unwrap();
    let mut served = Served::default();
    assert!(
        !served.rebuild(&opts, &cache, &[]),
        "the first build is whole"
    );
    served.assert_full(&opts, "first build");

    let file = "minutes/io-planning/io-planning-2026-11-16.md";
    let text = read(file);
    let mut edit = |rel: &str, new: &str, patched: bool, what: &str| {
        site.write(rel, new);
        // An editor's temporary file, gone by now, comes with the change.
        let changed = [path(rel), path(&format!("{rel}.tmp"))];
        assert_eq!(
            served.rebuild(&opts, &cache, &changed),
            patched,
            "{what}: patched?"
        );
        served.assert_full(&opts, what);
    };
    let agenda = "agendas/io-planning-2026-11-30.md";
    let emptied = "minutes/io-planning/io-planning-2026-06-01.md";
    let emptied_front = {
        let full = read(emptied);
        let end = full[3..].find("\n---\n").unwrap() + 3 + 5;
        full[..end].to_string()
    };
    let withheld = "minutes/io-planning/io-planning-2026-10-19.md";
    let front = text
        .replace("date: 2026-11-16", "date: 2026-11-16\nattendance: 14")
        .replace("attendance: 13\n", "");
    // (file, its new text, whether a patch applies, what the edit is)
    let edits = [
        (
            file,
            text.replace("in\norder.", "in order, as usual."),
            true,
            "a word of the summary",
        ),
        (
            file,
            text.replace("Report-backs", "Reports"),
            true,
            "a heading (the page alone)",
        ),
        (
            file,
            format!("{text}\nDecision: Meet again in January.\n"),
            true,
            "an inline decision",
        ),
        (
            agenda,
            format!("{}\n1. Any other business\n", read(agenda)),
            true,
            "an agenda",
        ),
        (
            file,
            format!("{text}\nCall Kim on 555-123-4567.\n"),
            false,
            "a contact to redact",
        ),
        (
            file,
            text.clone(),
            false,
            "the contact removed (the last build warned about the file)",
        ),
        (
            file,
            text.replace("Kenji", "Kenji-san"),
            true,
            "patched again",
        ),
        (
            file,
            format!("{text}\n[Broken](missing.md)\n"),
            false,
            "a broken link",
        ),
        (file, text.clone(), false, "fixed (the last build failed)"),
        (file, front, false, "front matter"),
        (
            withheld,
            format!("{}\nMore.\n", read(withheld)),
            false,
            "withheld minutes",
        ),
        (file, text.clone(), false, "the front matter back"),
        (
            file,
            text.replace("Priya", "Pri"),
            true,
            "patched once more",
        ),
        (
            emptied,
            emptied_front.clone(),
            true,
            "a body emptied (the index has fewer files)",
        ),
    ];
    for (rel, new, patched, what) in edits {
        edit(rel, &new, patched, what);
    }

    let other = "minutes/caravan/caravan-2026-11-18.md";
    let (a, b) = (read(file), read(other));
    site.write(file, &a.replace("Dolores", "Dee"));
    site.write(other, &format!("{b}\nOne more line.\n"));
    assert!(
        served.rebuild(&opts, &cache, &[path(file), path(other)]),
        "two files: patched?"
    );
    served.assert_full(&opts, "two files at once");

    site.remove(other);
    assert!(
        !served.rebuild(&opts, &cache, &[path(other)]),
        "a deleted file is not patched"
    );
    served.assert_full(&opts, "a deleted file");

    // Gone paths the last build knew, though it published nothing of them.
    let gone = |served: &mut Served, rel: &str, what: &str| {
        let at = site.root().join(rel);
        assert!(
            !served.rebuild(&opts, &cache, std::slice::from_ref(&at)),
            "{what}: made"
        );
        std::fs::remove_file(&at).unwrap();
        assert!(!served.rebuild(&opts, &cache, &[at]), "{what}: patched?");
        served.assert_full(&opts, what);
    };
    site.write("notes.txt", "not content\n");
    gone(
        &mut served,
        "content/notes.txt",
        "a file that was only warned about",
    );
    site.write("calls/secret.md", "---\ntitle: Secret\nstart: 2026-01-05 20:00\ntimezone: America/New_York\nrepeat: weekly\ndraft: true\nfacilitator: Ana\nbackup_facilitator: Bo\ntech: Cy\nregister: https://example.org/register/secret\n---\nA draft.\n");
    site.write(
        "minutes/secret/secret-2026-11-16.md",
        "---\ncall: secret\ndate: 2026-11-16\n---\nNotes.\n",
    );
    gone(
        &mut served,
        "content/calls/secret.md",
        "a draft call with minutes",
    );
    site.remove("minutes/secret/secret-2026-11-16.md");
    assert!(!served.rebuild(
        &opts,
        &cache,
        &[path("minutes/secret/secret-2026-11-16.md")]
    ));
    let template = site.root().join("themes/default/templates/record.html");
    std::fs::create_dir_all(template.parent().unwrap()).unwrap();
    std::fs::write(&template, "{% extends \"base.html\" %}{% block content %}<article data-search>{{ record.body_html | safe }}</article>{% endblock content %}").unwrap();
    gone(
        &mut served,
        "themes/default/templates/record.html",
        "a theme template",
    );

    // Other options than the last build's: never patched.
    let later = BuildOptions::new(site.root(), now + chrono::Duration::days(26));
    site.write(file, &text.replace("Kenji", "K."));
    assert!(
        !served.rebuild(&later, &cache, &[path(file)]),
        "a later now: patched?"
    );
    served.assert_full(&later, "a later now");
}
