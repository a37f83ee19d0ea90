//! The volunteer's loop and the CI side: `new`, `init`, the docs' commands,
//! the publishing workflow and CI annotations.

mod common;

use common::Site;
use std::path::Path;

const NOW: &str = "2026-11-24";

#[test]
fn a_volunteer_adds_minutes_and_finds_them_everywhere() {
    let site = Site::sample();
    let new = site.run(&["new", "minutes", "volunteer-orientation", "--now", NOW]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    let path = std::path::PathBuf::from(new.stdout.trim());
    assert!(
        path.ends_with("content/minutes/volunteer-orientation/volunteer-orientation-2026-11-12.md"),
        "{}",
        path.display()
    );
    let stub = std::fs::read_to_string(&path).unwrap();
    assert!(stub.contains("call: volunteer-orientation") && stub.contains("date: 2026-11-12"));

    // The volunteer writes the minutes into the stub.
    let written = stub
        .replace(
            "decisions: []",
            "decisions: [Hold the next orientation in Spanish too]",
        )
        .replace(
            "## Check-in\n",
            "## Check-in\n\nNINE-NEW-VOLUNTEERS joined the orientation.\n",
        );
    std::fs::write(&path, written).unwrap();

    let check = site.run(&["check", "--strict", "--now", NOW]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let build = site.run(&["build", "--now", NOW]);
    assert_eq!(build.code, 0, "{}", build.stderr);

    let out = |rel: &str| std::fs::read_to_string(site.root().join("output").join(rel)).unwrap();
    let url = "/minutes/volunteer-orientation/2026-11-12/";
    assert!(
        out("minutes/volunteer-orientation/2026-11-12/index.html").contains("NINE-NEW-VOLUNTEERS")
    );
    assert!(
        out("minutes/index.html").contains(url),
        "not in the archive"
    );
    assert!(
        out("feed.xml").contains("NINE-NEW-VOLUNTEERS"),
        "not in the Atom feed"
    );
    assert!(out("decisions/index.html").contains("Hold the next orientation in Spanish too"));
    let call_page = out("calls/volunteer-orientation/index.html");
    let past = call_page
        .split("id=\"past\"")
        .nth(1)
        .expect("a past meetings section");
    let item = past
        .split("<li")
        .find(|li| li.contains("2026-11-12T"))
        .expect("the meeting is listed");
    assert!(
        item.contains(&format!("href=\"{url}\"")),
        "the past meeting does not link its minutes: {item}"
    );

    // Writing the same minutes again is refused, and so is a day without a meeting.
    assert_eq!(
        site.run(&[
            "new",
            "minutes",
            "volunteer-orientation",
            "2026-11-12",
            "--now",
            NOW
        ])
        .code,
        2
    );
    let off = site.run(&[
        "new",
        "minutes",
        "volunteer-orientation",
        "2026-11-13",
        "--now",
        NOW,
    ]);
    assert_eq!(off.code, 2);
    assert!(
        off.stderr.contains("does not meet on 2026-11-13"),
        "{}",
        off.stderr
    );
    assert_eq!(
        site.run(&[
            "new",
            "minutes",
            "volunteer-orientation",
            "2026-11-13",
            "--force",
            "--now",
            NOW
        ])
        .code,
        0
    );
}

#[test]
fn new_files_pass_check_once_edited_and_refuse_to_overwrite() {
    let site = Site::minimal();
    let mut created = Vec::new();
    for args in [
        ["new", "call", "housing-justice"],
        ["new", "coc", "occupy-tulsa"],
        ["new", "page", "volunteer"],
    ] {
        let mut a = args.to_vec();
        a.extend(["--now", NOW]);
        let run = site.run(&a);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        created.push(std::path::PathBuf::from(run.stdout.trim()));
        let again = site.run(&a);
        assert_eq!(again.code, 2, "{args:?} overwrote");
        assert!(again.stderr.contains("already exists"));
    }
    site.write("agendas/next.md", "---\ncall: weekly\ndate: 2026-11-30\n---\n1. Welcome\n2. The route\n   - a detail\n3. Next steps\n");
    // The meeting of 30 November has not started on the 24th: --force.
    let early = site.run(&["new", "minutes", "weekly", "2026-11-30", "--now", NOW]);
    assert_eq!(early.code, 2, "{}", early.stderr);
    let minutes = site.run(&[
        "new",
        "minutes",
        "weekly",
        "2026-11-30",
        "--force",
        "--now",
        NOW,
    ]);
    assert_eq!(minutes.code, 0, "{}", minutes.stderr);
    created.push(std::path::PathBuf::from(minutes.stdout.trim()));
    let text = std::fs::read_to_string(minutes.stdout.trim()).unwrap();
    assert!(
        text.contains("## Welcome\n")
            && text.contains("## The route\n")
            && text.contains("## Next steps\n")
            && !text.contains("a detail"),
        "{text}"
    );
    // Unedited, every stub is refused; written, they pass.
    let check = site.run(&["check", "--strict", "--now", NOW]);
    assert_eq!(check.code, 1, "{}{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("that `callsite new` wrote"),
        "{}",
        check.stdout
    );
    for path in &created {
        common::docs::fill_in(path);
    }
    let check = site.run(&["check", "--now", NOW]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert_eq!(site.run(&["new", "call", "Bad Id"]).code, 2);
    assert_eq!(site.run(&["new", "page", "calendar"]).code, 2);
    let typo = site.run(&["new", "minutes", "weekyl"]);
    assert!(
        typo.stderr.contains("did you mean `weekly`?"),
        "{}",
        typo.stderr
    );
}

#[test]
fn init_makes_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("network");
    // A Pages address names the repository requests go to, so the new
    // site has nothing left to set up.
    let init = common::run_in(
        dir.path(),
        &[
            "init",
            target.to_str().unwrap(),
            "--base-url",
            "https://owner.github.io/network/",
        ],
    );
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert_eq!(
        common::run_in(&target, &["check", "--strict", "--now", NOW]).code,
        0
    );
    let build = common::run_in(&target, &["build", "--now", NOW]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(target.join("output/calls/planning/index.html").is_file());
    assert_eq!(
        common::run_in(dir.path(), &["init", target.to_str().unwrap()]).code,
        2
    );
}

#[test]
fn check_formats_for_ci() {
    let site = Site::minimal();
    site.write(
        "calls/typo.md",
        "---\ntitle: X\nstart: 2026-01-07 21:00\nfacilitater: Sam\n---\n",
    );
    site.write(
        "minutes/off.md",
        "---\ncall: weekly\ndate: 2026-11-11\n---\n",
    );
    let gh = site.run(&["check", "--format", "github", "--now", NOW]);
    assert_eq!(gh.code, 1);
    let lines: Vec<&str> = gh.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", gh.stdout);
    for line in &lines {
        // ::error file=F,line=L,col=C::message (GitHub's workflow command syntax)
        let (head, message) = line
            .strip_prefix("::")
            .and_then(|l| l.split_once("::"))
            .expect(line);
        let (kind, props) = head.split_once(' ').expect(line);
        assert!(kind == "error" || kind == "warning", "{line}");
        let keys: Vec<&str> = props
            .split(',')
            .map(|p| p.split_once('=').expect(line).0)
            .collect();
        assert_eq!(keys, ["file", "line", "col"], "{line}");
        assert!(!message.is_empty() && !message.contains('\n'));
    }
    assert!(
        gh.stdout
            .contains("::warning file=content/minutes/off.md,line=3,col=7::"),
        "{}",
        gh.stdout
    );
    let json = site.run(&["check", "--format", "json", "--now", NOW]);
    for line in json.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON per line");
        assert!(v["file"].is_string() && v["message"].is_string() && v["severity"].is_string());
    }
    assert_eq!(json.stdout.lines().count(), 2);
}

#[test]
fn the_publish_workflow_is_valid_yaml_and_runs_only_documented_commands() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(".github/workflows/publish.yml")).unwrap();
    let doc: serde_json::Value = serde_saphyr::from_str(&text).expect("valid YAML");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(doc["on"]["schedule"].is_array(), "no daily rebuild");
    let mut commands = 0;
    for job in doc["jobs"].as_object().unwrap().values() {
        for step in job["steps"].as_array().unwrap() {
            let Some(run) = step["run"].as_str() else {
                continue;
            };
            for line in run.lines().filter(|l| l.contains("callsite ")) {
                let words: Vec<&str> = line
                    .split("callsite ")
                    .nth(1)
                    .unwrap()
                    .split_whitespace()
                    .collect();
                let sub = words[0];
                assert!(
                    readme.contains(&format!("callsite {sub}")),
                    "README does not document `callsite {sub}`"
                );
                for flag in words.iter().filter(|w| w.starts_with("--")) {
                    assert!(readme.contains(*flag), "README does not document {flag}");
                }
                commands += 1;
            }
        }
    }
    assert!(commands >= 2);
    assert!(text.contains("SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"));
    assert!(text.contains("deploy-pages"));
}

/// Follows every guide in `docs/` on a copy of the sample site, so the
/// docs cannot rot.
#[test]
fn every_command_in_the_docs_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut ran = 0;
    let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    for doc in docs {
        let site = Site::sample();
        ran += common::docs::follow(&doc, site.root(), NOW).len();
    }
    assert!(ran >= 8, "only {ran} commands in the docs");
}
