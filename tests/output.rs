//! What `callsite build` may delete: only files it wrote itself, whatever
//! the flags. The real binary on fixture sites in temp dirs.

mod common;

use common::Site;
use std::path::Path;

const NOW: &str = "2026-11-24";

fn build(site: &Site, extra: &[&str]) -> common::Run {
    let mut args = vec!["build", "--now", NOW];
    args.extend_from_slice(extra);
    site.run(&args)
}

/// No staging folder (`.NAME.callsite-…`) is left beside the output.
fn assert_no_staging_left(site: &Site) {
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".callsite-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A folder of someone's own files, the kind `--output` may point at by
/// mistake.
fn personal_folder(dir: &Path) {
    write(&dir.join("thesis.txt"), "precious");
    write(&dir.join(".ssh/id_ed25519"), "PRIVATE KEY");
    write(&dir.join(".ssh/config"), "Host *\n");
    write(&dir.join(".git/HEAD"), "ref: refs/heads/main\n");
}

#[test]
fn force_builds_around_files_callsite_did_not_write() {
    let site = Site::minimal();
    let mine = site.root().join("mine");
    personal_folder(&mine);
    let before = common::tree(&mine);
    let out = mine.to_str().unwrap();

    let run = build(&site, &["--output", out]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for name in [".git/", ".ssh/", "thesis.txt"] {
        assert!(
            run.stderr.contains(name),
            "{name} not named: {}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(common::tree(&mine), before);

    // --force builds the site and keeps every one of them where it was.
    for _ in 0..2 {
        let run = build(&site, &["--output", out, "--force"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(mine.join("index.html").is_file());
        let now = common::tree(&mine);
        for (rel, bytes) in &before {
            assert_eq!(now.get(rel), Some(bytes), "{rel} was not kept as it was");
        }
    }
    // They are still not callsite's: without --force the build stops again.
    let run = build(&site, &["--output", out]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("thesis.txt"), "{}", run.stderr);
}

#[test]
fn the_home_folder_is_refused_even_with_force() {
    let site = Site::minimal();
    let home = site.root().join("home");
    personal_folder(&home);
    let before = common::tree(&home);
    for extra in [&[][..], &["--force"][..]] {
        let out = std::process::Command::new(common::binary())
            .arg("--root")
            .arg(site.root())
            .args(["build", "--now", NOW, "--output"])
            .arg(&home)
            .args(extra)
            .env("HOME", &home)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("home folder"), "{stderr}");
        assert!(!stderr.contains("--force"), "a hint to force: {stderr}");
        assert_eq!(common::tree(&home), before);
    }
}

#[test]
fn a_marker_without_a_file_list_protects_everything() {
    for marker in [
        "This folder is written by callsite; it is replaced on every build.\n",
        "",
    ] {
        let site = Site::minimal();
        assert_eq!(build(&site, &[]).code, 0);
        let output = site.root().join("output");
        std::fs::write(output.join(".callsite-output"), marker).unwrap();
        write(&output.join(".git/HEAD"), "ref: refs/heads/gh-pages\n");
        let before = site.tree("output");

        let run = build(&site, &[]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("cannot tell"), "{}", run.stderr);
        assert_eq!(site.tree("output"), before);
        // Its old pages are where this build writes: --force keeps files
        // in place, never over them.
        let run = build(&site, &["--force"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("never writes over"), "{}", run.stderr);
        assert_eq!(site.tree("output"), before);
    }
}

#[test]
fn a_git_folder_added_to_the_output_survives_forced_builds() {
    let site = Site::minimal();
    assert_eq!(build(&site, &[]).code, 0);
    let output = site.root().join("output");
    write(&output.join(".git/HEAD"), "ref: refs/heads/gh-pages\n");
    write(&output.join(".git/objects/ab/cdef0123"), "blob");
    write(&output.join("calls/weekly/notes.txt"), "kept beside a page");
    let git_before = common::tree(&output.join(".git"));

    let run = build(&site, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(".git/"), "{}", run.stderr);
    assert!(
        run.stderr.contains("calls/weekly/notes.txt"),
        "{}",
        run.stderr
    );

    site.write("pages/about.md", "---\ntitle: About\n---\nNEW-ABOUT-TEXT\n");
    let run = build(&site, &["--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(common::tree(&output.join(".git")), git_before);
    assert_eq!(
        std::fs::read_to_string(output.join("calls/weekly/notes.txt")).unwrap(),
        "kept beside a page"
    );
    let about = std::fs::read_to_string(output.join("about/index.html")).unwrap();
    assert!(about.contains("NEW-ABOUT-TEXT"), "the site was not rebuilt");
}

#[test]
fn a_foreign_file_where_the_build_writes_is_refused_even_with_force() {
    let site = Site::minimal();
    let public = site.root().join("public");
    write(&public.join("index.html"), "<h1>My own home page</h1>");
    write(
        &public.join("about"),
        "a file where the build wants a folder",
    );
    let before = common::tree(&public);
    let run = build(&site, &["--output", public.to_str().unwrap(), "--force"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("index.html"), "{}", run.stderr);
    assert_eq!(common::tree(&public), before);
    assert_no_staging_left(&site);
}

/// Pages go to the staging folder while the site renders; a template that
/// fails on one kind of page, after others were written, must still leave
/// the old site whole and nothing beside it.
#[test]
fn a_build_that_fails_midway_leaves_the_old_site_and_no_staging_folder() {
    let site = Site::minimal();
    let run = build(&site, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = site.tree("output");
    site.write(
        "../themes/default/templates/call.html",
        "{% extends \"base.html\" %}{% block content %}{{ throw(message=\"this call page cannot be shown\") }}{% endblock content %}",
    );
    let run = build(&site, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("call.html"), "{}", run.stdout);
    assert_eq!(site.tree("output"), before);
    assert_no_staging_left(&site);
}

/// A write that fails while the site is staged is reported at its place
/// in the output, the path the user knows, never inside the hidden staging
/// folder. Here a static file's path is short enough to read and to have
/// in `output/`, but too long for the system inside the staging folder,
/// whose name is longer.
#[test]
fn a_failed_write_names_the_output_path_and_never_the_staging_folder() {
    let site = Site::minimal();
    let run = build(&site, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = site.tree("output");
    let root_len = site.root().as_os_str().len();
    // PATH_MAX is 4096: the source (ROOT/content/static/REL) and the
    // output (ROOT/output/REL) stay under it, the staged copy does not.
    // ROOT/content/static/REL is 4,090 bytes; ROOT/.output.callsite-new-PID/REL
    // is at least 4,098.
    let wanted = 4090 - root_len - "/content/static/".len();
    let mut out_rel = String::new();
    while out_rel.len() + 201 < wanted {
        out_rel.push_str(&"d".repeat(200));
        out_rel.push('/');
    }
    out_rel.push_str(&"f".repeat(wanted - out_rel.len()));
    let rel = format!("static/{out_rel}");
    site.write(&rel, "deep");
    let run = build(&site, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let output = site.root().join("output");
    let shown = output.join(&out_rel);
    assert!(
        run.stderr.contains(&format!("{}", shown.display())),
        "names the output path: {}",
        run.stderr
    );
    assert!(!run.stderr.contains(".callsite-"), "{}", run.stderr);
    assert!(!run.stderr.contains("callsite-new"), "{}", run.stderr);
    assert_eq!(site.tree("output"), before, "the old site is untouched");
    assert_no_staging_left(&site);
}
