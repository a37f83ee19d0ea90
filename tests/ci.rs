//! The publishing workflows, run as CI would run them: for each kind of
//! event, the exact `callsite` commands of the workflow file, in order, on
//! a real site, with the date pinned the way the workflow pins it.
//!
//! The policy they prove: a scheduled rebuild or a push publishes although
//! the date has raised warnings (an expired recording); a pull request
//! fails, with annotations, on an error or a warning the change causes.

mod common;

use common::workflow::{self, Outcome};
use common::{Site, run_in};
use std::path::Path;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(REPO).join(rel)).unwrap()
}

/// 1 March 2027: the sample site's only findings are recordings past the
/// conference service's retention, which the date alone raises.
const DATED: &str = "2027-03-01";

fn github_run(yaml: &str, event: &str, site: &Path, date: &str) -> Outcome {
    let steps = workflow::github(yaml, event);
    assert!(steps.len() >= 2, "{event}: {steps:?}");
    workflow::run(&steps, site, workflow::midnight(date))
}

#[test]
fn the_sample_site_on_that_date_has_only_date_driven_warnings() {
    let site = Site::sample();
    let run = site.run(&["check", "--format", "json", "--now", DATED]);
    let diags = run.diagnostics();
    assert!(!diags.is_empty());
    for d in &diags {
        assert_eq!(d["severity"], "warning", "{d}");
        assert_eq!(d["date_driven"], true, "{d}");
    }
    // --strict reports them but does not fail on them.
    let strict = site.run(&["check", "--strict", "--now", DATED]);
    assert_eq!(strict.code, 0, "{}{}", strict.stdout, strict.stderr);
    assert!(strict.stdout.contains("= note: raised by today's date"));
    assert!(
        strict.stderr.contains("warnings (10 date-driven)"),
        "{}",
        strict.stderr
    );
}

#[test]
fn date_driven_warnings_never_stop_publishing() {
    let yaml = read(".github/workflows/publish.yml");
    for event in ["schedule", "push", "workflow_dispatch", "pull_request"] {
        let site = Site::sample();
        let out = github_run(&yaml, event, site.root(), DATED);
        assert!(out.passed(), "{event}: {out:#?}");
        assert!(
            site.root().join("output/index.html").is_file(),
            "{event}: nothing built"
        );
        // The warnings are still annotated, marked as date-driven.
        let annotations: Vec<&str> = out
            .stdout
            .lines()
            .filter(|l| l.starts_with("::warning "))
            .collect();
        assert_eq!(annotations.len(), 10, "{event}: {}", out.stdout);
        assert!(
            annotations
                .iter()
                .all(|a| a.contains(",title=Date-driven warning::")),
            "{}",
            out.stdout
        );
    }
}

#[test]
fn a_pull_request_that_adds_an_error_is_annotated_and_fails() {
    let yaml = read(".github/workflows/publish.yml");
    let site = Site::sample();
    site.write(
        "calls/typo.md",
        "---\ntitle: Typo\nstart: 2027-03-10 21:00\nfacilitater: Sam\n---\n",
    );
    let out = github_run(&yaml, "pull_request", site.root(), DATED);
    assert!(!out.passed());
    let (failed, code) = out.ran.last().unwrap();
    assert_eq!((failed.name.as_str(), *code), ("Check the change", 1));
    assert!(
        out.stdout.contains(
            "::error file=content/calls/typo.md,line=4,col=1::unknown field `facilitater`"
        ),
        "{}",
        out.stdout
    );
    // The date-driven warnings are annotated beside it.
    assert!(out.stdout.contains(",title=Date-driven warning::"));
    assert!(
        !site.root().join("output").exists(),
        "built after a failed check"
    );

    // Pushed to main all the same, the error stops the build too, and the
    // site published before stays as it was.
    let push = github_run(&yaml, "push", site.root(), DATED);
    assert!(!push.passed());
}

#[test]
fn a_pull_request_fails_on_a_warning_it_causes_which_a_rebuild_publishes() {
    let yaml = read(".github/workflows/publish.yml");
    let site = Site::sample();
    // Minutes on a day the call does not meet: a warning of the content.
    site.write(
        "minutes/caravan/caravan-2026-11-19.md",
        "---\ncall: caravan\ndate: 2026-11-19\n---\nNotes.\n",
    );
    let pr = github_run(&yaml, "pull_request", site.root(), DATED);
    assert!(!pr.passed(), "{pr:#?}");
    assert!(
        pr.stdout.contains(
            "::warning file=content/minutes/caravan/caravan-2026-11-19.md,line=3,col=7::"
        ),
        "{}",
        pr.stdout
    );
    let schedule = github_run(&yaml, "schedule", site.root(), DATED);
    assert!(schedule.passed(), "{schedule:#?}");
}

#[test]
fn this_repositorys_workflow_runs_the_steps_init_writes() {
    let here = read(".github/workflows/publish.yml");
    let init = read("src/scaffold/starter/github-publish.yml");
    let steps = |yaml: &str| -> Vec<serde_json::Value> {
        let doc: serde_json::Value = serde_saphyr::from_str(yaml).unwrap();
        let all = doc["jobs"]["build"]["steps"].as_array().unwrap().clone();
        let from = all
            .iter()
            .position(|s| s["name"] == "Choose the site's date")
            .expect("a step that sets the date");
        all[from..].to_vec()
    };
    assert_eq!(steps(&here), steps(&init));
    let doc = |yaml: &str| serde_saphyr::from_str::<serde_json::Value>(yaml).unwrap();
    for key in ["on", "permissions", "concurrency"] {
        assert_eq!(doc(&here)[key], doc(&init)[key], "{key}");
    }
    assert_eq!(doc(&here)["jobs"]["deploy"], doc(&init)["jobs"]["deploy"]);
}

#[test]
fn every_workflow_command_and_flag_is_documented() {
    let readme = read("README.md");
    let publish = read("docs/publish.md");
    for file in [
        ".github/workflows/publish.yml",
        "src/scaffold/starter/github-publish.yml",
    ] {
        let yaml = read(file);
        for event in ["push", "pull_request", "schedule"] {
            for step in workflow::github(&yaml, event) {
                let sub = &step.args[0];
                assert!(readme.contains(&format!("callsite {sub}")), "{sub}");
                for flag in step.args.iter().filter(|a| a.starts_with("--")) {
                    assert!(readme.contains(flag.as_str()), "README lacks {flag}");
                    assert!(publish.contains(flag.as_str()), "publish.md lacks {flag}");
                }
            }
        }
    }
}

/// A site made by `init` for a Pages address (which names the repository
/// call requests go to), with minutes whose recording the date has
/// expired by `DATED`.
fn init_site(ci: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("network");
    let pages = format!("https://owner.{ci}.io/network/");
    let args = [
        "init",
        site.to_str().unwrap(),
        "--ci",
        ci,
        "--base-url",
        &pages,
    ];
    let init = run_in(dir.path(), &args);
    assert_eq!(init.code, 0, "{}", init.stderr);
    std::fs::write(
        site.join("content/minutes/planning/planning-2026-01-12.md"),
        "---\ncall: planning\ndate: 2026-01-12\nrecording: https://example.org/r/12\n---\nNotes.\n",
    )
    .unwrap();
    (dir, site)
}

#[test]
fn the_github_workflow_init_writes_publishes_and_gates() {
    let (_dir, site) = init_site("github");
    let yaml = std::fs::read_to_string(site.join(".github/workflows/publish.yml")).unwrap();
    assert!(yaml.contains(&format!(
        "CALLSITE_VERSION: \"{}\"",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(!yaml.contains("cargo "), "builds callsite from source");
    for event in ["schedule", "push", "pull_request"] {
        let out = github_run(&yaml, event, &site, DATED);
        assert!(out.passed(), "{event}: {out:#?}");
        assert!(
            out.stdout.contains(",title=Date-driven warning::"),
            "{event}"
        );
    }
    assert!(site.join("output/calls/planning/index.html").is_file());

    std::fs::write(site.join("content/calls/broken.md"), "---\ntitle: X\n---\n").unwrap();
    let pr = github_run(&yaml, "pull_request", &site, DATED);
    assert!(!pr.passed());
    assert!(
        pr.stdout.contains("::error file=content/calls/broken.md"),
        "{}",
        pr.stdout
    );
}

#[test]
fn the_gitlab_pipeline_init_writes_publishes_and_gates() {
    let (_dir, site) = init_site("gitlab");
    assert!(!site.join(".github").exists());
    let yaml = std::fs::read_to_string(site.join(".gitlab-ci.yml")).unwrap();
    let main = [("CI_COMMIT_BRANCH", "main"), ("CI_DEFAULT_BRANCH", "main")];
    let schedule = [&main[..], &[("CI_PIPELINE_SOURCE", "schedule")]].concat();
    let push = [&main[..], &[("CI_PIPELINE_SOURCE", "push")]].concat();
    let mr = [
        ("CI_PIPELINE_SOURCE", "merge_request_event"),
        ("CI_DEFAULT_BRANCH", "main"),
    ];
    for vars in [&schedule[..], &push[..], &mr[..]] {
        let steps = workflow::gitlab(&yaml, vars);
        assert!(steps.len() >= 2, "{vars:?}: {steps:?}");
        let out = workflow::run(&steps, &site, workflow::midnight(DATED));
        assert!(out.passed(), "{vars:?}: {out:#?}");
    }
    assert!(site.join("public/index.html").is_file());
    let mr_steps = workflow::gitlab(&yaml, &mr);
    assert!(
        mr_steps
            .iter()
            .any(|s| s.args.contains(&"--strict".to_string()))
    );
    assert!(mr_steps.iter().all(|s| s.name == "check"), "{mr_steps:?}");
    assert!(
        workflow::gitlab(&yaml, &schedule)
            .iter()
            .all(|s| s.name == "pages")
    );

    std::fs::write(site.join("content/calls/broken.md"), "---\ntitle: X\n---\n").unwrap();
    let out = workflow::run(
        &workflow::gitlab(&yaml, &mr),
        &site,
        workflow::midnight(DATED),
    );
    assert!(!out.passed());
    assert!(
        out.stdout.contains("content/calls/broken.md"),
        "{}",
        out.stdout
    );
}
