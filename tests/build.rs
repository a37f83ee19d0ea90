//! `callsite build` end to end: the real binary on fixture sites in temp
//! dirs.

mod common;

use common::Site;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const NOW: &str = "2026-11-24";

fn build(site: &Site, extra: &[&str]) -> common::Run {
    let mut args = vec!["build", "--now", NOW];
    args.extend_from_slice(extra);
    site.run(&args)
}

fn read(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.root().join("output").join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The minimal fixture with enough minutes to paginate and a withheld one.
fn archive_site() -> Site {
    let site = Site::minimal();
    site.write(
        "site.yaml",
        &format!(
            "{}archive:\n  per_page: 2\n",
            std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap()
        ),
    );
    site.write("minutes/weekly-2026-11-02.md", "---\ncall: weekly\ndate: 2026-11-02\ndecisions: [Adopt the route]\n---\nDecision: Meet on Mondays.\n");
    site.write(
        "minutes/weekly-2025-12-29.md",
        "---\ncall: weekly\ndate: 2025-12-29\n---\nThe last call of 2025.\n",
    );
    site.write(
        "agendas/weekly-2026-11-30.md",
        "---\ncall: weekly\ndate: 2026-11-30\n---\n1. Welcome\n",
    );
    site
}

#[test]
fn every_url_of_the_spec_exists() {
    let site = archive_site();
    let run = build(&site, &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("built "), "{}", run.stderr);
    for rel in [
        "index.html",
        "calendar/index.html",
        "calendar/2026-11/index.html",
        "calendar/2026-12/index.html",
        "calls/index.html",
        "calls/weekly/index.html",
        "minutes/index.html",
        "minutes/page/2/index.html",
        "minutes/2025/index.html",
        "minutes/2026/index.html",
        "minutes/weekly/2026-11-16/index.html",
        "agendas/weekly/2026-11-30/index.html",
        "faq/index.html",
        "cocs/index.html",
        "decisions/index.html",
        "about/index.html",
        "calendar.ics",
        "calls/weekly.ics",
        "feed.xml",
        "sitemap.xml",
        "404.html",
        "style.css",
        "search/index.html",
        "search/index.json",
        "search/words/0.json",
        "search/docs/0.json",
    ] {
        assert!(
            site.root().join("output").join(rel).is_file(),
            "missing {rel}"
        );
    }
    let decisions = read(&site, "decisions/index.html");
    assert!(decisions.contains("Adopt the route") && decisions.contains("Meet on Mondays."));
    assert!(
        decisions.contains("/minutes/weekly/2026-11-02/#decision"),
        "{decisions}"
    );
}

#[test]
fn withheld_minutes_appear_nowhere() {
    let site = archive_site();
    site.write("calls/secret.md", "---\ntitle: Legal support\nstart: 2026-01-04 19:00\nrepeat: weekly\nminutes_public: false\nfacilitator: A\nbackup_facilitator: B\ntech: C\nregister: https://example.org/r\n---\nPrivate work.\n");
    site.write("minutes/secret.md", "---\ncall: secret\ndate: 2026-11-08\nrecording: https://example.org/rec/MARKER-RECORDING-1\ndecisions: [MARKER-DECISION-1]\n---\nMARKER-BODY-1\n\nDecision: MARKER-INLINE-1\n");
    site.write("minutes/weekly-withheld.md", "---\ncall: weekly\ndate: 2026-11-09\ntitle: MARKER-TITLE-2\nwithheld: true\nrecording: https://example.org/rec/MARKER-RECORDING-2\ndecisions: [MARKER-DECISION-2]\n---\nMARKER-BODY-2\n");
    let run = build(&site, &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    for (file, bytes) in site.tree("output") {
        let text = String::from_utf8_lossy(&bytes);
        for marker in [
            "MARKER-BODY",
            "MARKER-RECORDING",
            "MARKER-DECISION",
            "MARKER-INLINE",
            "MARKER-TITLE",
        ] {
            assert!(!text.contains(marker), "{marker} leaked into {file}");
        }
    }
    let archive = read(&site, "minutes/2026/index.html");
    assert!(archive.contains("Minutes withheld"), "{archive}");
    assert!(!site.root().join("output/minutes/secret").exists());
}

#[test]
fn scripts_handlers_and_script_urls_never_reach_the_output() {
    let site = Site::minimal();
    site.write("pages/xss.md", "---\ntitle: Tricks\n---\n<script>alert('s')</script>\n\n<img src=\"x.png\" onerror=\"alert('e')\">\n\n[click](javascript:alert('j'))\n\n<a href=\"JAVASCRIPT:alert('k')\">k</a> <iframe src=\"https://example.org\"></iframe>\n\n<table><tr><td>kept</td></tr></table>\n");
    site.write("calls/evil.md", "---\ntitle: \"<script>alert('t')</script>\"\nstart: 2027-01-06 21:00\nfacilitator: A\nbackup_facilitator: B\ntech: C\nregister: https://example.org/r\n---\n");
    let run = build(&site, &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    for (file, bytes) in site.tree("output") {
        if !file.ends_with(".html") {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for bad in ["<script>alert", "onerror", "javascript:", "<iframe"] {
            assert!(!text.contains(bad), "{bad} in {file}");
        }
    }
    assert!(read(&site, "xss/index.html").contains("<td>kept</td>"));
    assert!(read(&site, "calls/evil/index.html").contains("&lt;script&gt;"));
}

#[test]
fn a_broken_build_leaves_the_previous_output_untouched() {
    let site = Site::minimal();
    assert_eq!(build(&site, &[]).code, 0);
    let before = site.tree("output");
    std::fs::create_dir_all(site.root().join("themes/default/templates")).unwrap();
    std::fs::write(site.root().join("themes/default/templates/call.html"), "{% extends \"base.html\" %}{% block content %}{{ call.no_such_field }}{% endblock content %}").unwrap();
    let run = build(&site, &[]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("themes/default/templates/call.html"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("was left as it was"), "{}", run.stderr);
    assert_eq!(site.tree("output"), before);

    // A content error does the same.
    std::fs::remove_file(site.root().join("themes/default/templates/call.html")).unwrap();
    site.write("calls/bad.md", "---\ntitel: x\n---\n");
    assert_eq!(build(&site, &[]).code, 1);
    assert_eq!(site.tree("output"), before);
}

#[test]
fn builds_are_byte_identical_whatever_the_thread_count() {
    let site = Site::sample();
    let out = |name: &str, threads: &str| {
        let dir = site.root().join(name);
        let status = std::process::Command::new(common::binary())
            .args([
                "--root",
                site.root().to_str().unwrap(),
                "build",
                "--now",
                NOW,
                "--output",
                dir.to_str().unwrap(),
            ])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        common::tree(&dir)
    };
    let one = out("out-1", "1");
    let two = out("out-2", "2");
    let again = out("out-3", "2");
    assert!(one.len() > 50);
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (k, v) in &one {
        assert!(two[k] == *v, "{k} differs between 1 and 2 threads");
        assert!(again[k] == *v, "{k} differs between two builds");
    }
}

#[test]
fn dangerous_output_folders_are_refused_and_nothing_is_deleted() {
    let site = Site::minimal();
    let content_before = site.tree("content");
    for target in [
        site.root().join("content"),
        site.root().to_path_buf(),
        site.root().join("content/static"),
        site.root().join(".."),
    ] {
        let run = build(&site, &["--output", target.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{}: {}", target.display(), run.stderr);
        assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    }
    assert_eq!(site.tree("content"), content_before);

    let foreign = site.root().join("mine");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("thesis.txt"), "precious").unwrap();
    let run = build(&site, &["--output", foreign.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did not write"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(foreign.join("thesis.txt")).unwrap(),
        "precious"
    );

    // An output folder with only a .keep is fine, and keeps its .keep.
    let kept = site.root().join("output");
    std::fs::create_dir_all(&kept).unwrap();
    std::fs::write(kept.join(".keep"), "").unwrap();
    assert_eq!(build(&site, &[]).code, 0);
    assert!(kept.join(".keep").is_file() && kept.join("index.html").is_file());
    // And rebuilding over our own output works.
    assert_eq!(build(&site, &[]).code, 0);

    // A file someone added to the output since is not silently deleted.
    std::fs::write(kept.join("CNAME"), "calls.example.org").unwrap();
    let run = build(&site, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("did not write (CNAME)"),
        "{}",
        run.stderr
    );
    assert!(kept.join("CNAME").is_file());
    assert_eq!(build(&site, &["--force"]).code, 0);
}

#[cfg(unix)]
#[test]
fn a_symlinked_content_folder_is_protected_too() {
    let site = Site::minimal();
    let real = tempfile::tempdir().unwrap();
    let content = real.path().join("content");
    std::fs::rename(site.root().join("content"), &content).unwrap();
    std::os::unix::fs::symlink(&content, site.root().join("content")).unwrap();
    let before = common::tree(&content);
    let run = build(&site, &["--output", content.to_str().unwrap(), "--force"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(common::tree(&content), before);
}

/// Internal links of the built site: (page, href) pairs.
fn internal_links(out: &Path, base_path: &str) -> Vec<(String, String)> {
    let mut links = Vec::new();
    for (file, bytes) in common::tree(out) {
        if !file.ends_with(".html") {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for attr in ["href=\"", "src=\""] {
            for piece in text.split(attr).skip(1) {
                let url = piece.split('"').next().unwrap_or("");
                let url = url.replace("&amp;", "&");
                if url.starts_with(base_path) || url.starts_with('#') {
                    links.push((file.clone(), url));
                }
            }
        }
    }
    links
}

fn ids_of(html: &str) -> BTreeSet<String> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|p| p.split('"').next())
        .map(str::to_string)
        .collect()
}

fn check_links(out: &Path, base_path: &str) -> usize {
    let files = common::tree(out);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let links = internal_links(out, base_path);
    let mut broken = Vec::new();
    for (page, url) in &links {
        let (path, fragment) = url
            .split_once('#')
            .map_or((url.as_str(), None), |(p, f)| (p, Some(f)));
        let target = if path.is_empty() {
            page.clone()
        } else {
            let rel = path.strip_prefix(base_path).unwrap_or(path);
            if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            }
        };
        let Some(bytes) = files.get(&target) else {
            broken.push(format!("{page}: {url} (no {target})"));
            continue;
        };
        if let Some(f) = fragment.filter(|f| !f.is_empty()) {
            let set = ids
                .entry(target.clone())
                .or_insert_with(|| ids_of(&String::from_utf8_lossy(bytes)));
            if !set.contains(f) {
                broken.push(format!("{page}: {url} (no #{f} in {target})"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    links.len()
}

#[test]
fn every_internal_link_of_the_sample_site_resolves() {
    let site = Site::sample();
    let run = build(&site, &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let checked = check_links(&site.root().join("output"), "/");
    assert!(checked > 500, "only {checked} links");
}

#[test]
fn a_site_under_a_sub_path_links_within_it() {
    let site = Site::sample();
    let run = build(&site, &["--base-url", "https://example.org/sub/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = read(&site, "index.html");
    assert!(index.contains("href=\"/sub/calendar/\""), "{index}");
    assert!(!index.contains("href=\"/calendar/\""));
    check_links(&site.root().join("output"), "/sub/");
    assert!(read(&site, "calendar.ics").contains("URL:https://example.org/sub/calls/"));
}
