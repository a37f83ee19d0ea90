//! `callsite init` and the guide that starts from it (docs/publish.md):
//! the new site has what it takes to be published, and every page it
//! builds says something.

mod common;

use std::path::Path;

const NOW: &str = "2026-11-24";

/// The text inside `<main>`, tags removed and spaces collapsed.
fn main_text(html: &str) -> String {
    let main = html
        .split_once("<main")
        .and_then(|(_, rest)| rest.split_once("</main>"))
        .map_or("", |(m, _)| m);
    let mut text = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn following_the_guide_gives_a_site_ready_to_publish() {
    let dir = tempfile::tempdir().unwrap();
    let guide = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/publish.md");
    let ran = common::docs::follow(&guide, dir.path(), NOW);
    assert!(
        ran.iter()
            .any(|c| c.starts_with("callsite init our-network"))
            && ran.iter().any(|c| c.starts_with("callsite build")),
        "{ran:?}"
    );
    let site = dir.path().join("our-network");
    let read = |rel: &str| std::fs::read_to_string(site.join(rel)).unwrap();

    assert!(read(".gitignore").lines().any(|l| l == "/output/"));
    assert!(read("content/site.yaml").contains("base_url: https://OWNER.github.io/our-network/"));
    assert!(
        read("content/site.yaml").contains("repository: https://github.com/owner/our-network"),
        "requests go to the repository the Pages address names"
    );
    let readme = read("README.md");
    assert!(readme.contains("callsite new minutes") && readme.contains("Settings → Pages"));
    let workflow = read(".github/workflows/publish.yml");
    let doc: serde_json::Value = serde_saphyr::from_str(&workflow).expect("valid YAML");
    assert_eq!(
        doc["env"]["CALLSITE_VERSION"],
        env!("CARGO_PKG_VERSION"),
        "pins this release"
    );
    assert_eq!(
        doc["env"]["CALLSITE_REPOSITORY"],
        env!("CARGO_PKG_REPOSITORY")
    );
    assert!(workflow.contains("releases/download/v$CALLSITE_VERSION/"));
    assert!(workflow.contains("sha256sum --check"));
    // The other site of the guide publishes on GitLab.
    assert!(dir.path().join("our-site/.gitlab-ci.yml").is_file());
    assert!(!dir.path().join("our-site/.github").exists());

    // Every page says something; no list is empty (the CoC list once was
    // an empty grey box).
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(site.join("output")) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") || path.ends_with("search/index.html") {
            continue;
        }
        let html = std::fs::read_to_string(path).unwrap();
        let text = main_text(&html);
        assert!(text.len() > 80, "{}: {text}", path.display());
        assert!(
            !html.contains("<ul></ul>") && !html.contains("<ol></ol>"),
            "{}: an empty list",
            path.display()
        );
        pages += 1;
    }
    assert!(pages >= 12, "{pages} pages");
    let out = |rel: &str| main_text(&read(&format!("output/{rel}")));
    assert!(out("cocs/index.html").contains("Example City CoC"));
    assert!(out("cocs/index.html").contains("1 committee,"));
    for page in ["about", "request-a-call"] {
        assert!(
            read("output/index.html").contains(&format!("href=\"/our-network/{page}/\"")),
            "{page} is not in the menu"
        );
    }
    assert!(out("faq/index.html").contains("Who can join a call?"));
    assert!(out("calls/planning/index.html").contains("Weekly planning call"));
}

#[test]
fn init_keeps_a_fresh_repositorys_readme_and_refuses_a_site() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "# our repo\n").unwrap();
    let run = common::run_in(dir.path(), &["init", "--ci", "none"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("kept the existing"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("README.md")).unwrap(),
        "# our repo\n"
    );
    assert!(dir.path().join(".gitignore").is_file());
    assert!(!dir.path().join(".github").exists() && !dir.path().join(".gitlab-ci.yml").exists());
    let again = common::run_in(dir.path(), &["init"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already has a content/ folder"));
    let bad = common::run_in(dir.path(), &["init", "other", "--base-url", "example.org"]);
    assert_eq!(bad.code, 2);
    assert!(!dir.path().join("other").exists());
}

#[test]
fn a_new_site_says_where_requests_must_be_sent_until_it_is_set() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("network");
    let init = common::run_in(
        dir.path(),
        &["init", site.to_str().unwrap(), "--ci", "none"],
    );
    assert_eq!(init.code, 0, "{}", init.stderr);
    let yaml = std::fs::read_to_string(site.join("content/site.yaml")).unwrap();
    assert!(
        yaml.contains("# requests:\n#   repository: https://github.com/OWNER/REPOSITORY\n"),
        "{yaml}"
    );

    let strict = common::run_in(&site, &["check", "--strict", "--now", NOW]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        strict
            .stdout
            .contains("the request form (/request/) has nowhere to send requests")
            && strict.stdout.contains("content/site.yaml:1:1")
            && strict.stderr.contains("0 errors, 1 warning"),
        "{}{}",
        strict.stdout,
        strict.stderr
    );
    let build = common::run_in(&site, &["build", "--now", NOW]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let read = |rel: &str| std::fs::read_to_string(site.join("output").join(rel)).unwrap();
    let form = read("request/index.html");
    let text = main_text(&form);
    assert!(!text.contains("by email to ."), "{text}");
    assert!(!form.contains("Send it:"), "{form}");
    assert!(!form.contains("id=\"request-propose\"") && !form.contains("id=\"request-mail\""));
    assert!(
        text.contains("This form cannot send requests yet"),
        "{text}"
    );
    assert!(text.contains("requests: in content/site.yaml"), "{text}");
    assert!(form.contains("id=\"request-text\""), "the file to copy");
    assert!(read("request-a-call/index.html").contains("href=\"../request/\""));

    // Uncommenting the section is all it takes.
    let set = yaml
        .replace("# requests:\n", "requests:\n")
        .replace(
            "#   repository: https://github.com/OWNER/REPOSITORY",
            "  repository: https://github.com/owner/network",
        )
        .replace("#   branch: main", "  branch: main");
    std::fs::write(site.join("content/site.yaml"), set).unwrap();
    let strict = common::run_in(&site, &["check", "--strict", "--now", NOW]);
    assert_eq!(strict.code, 0, "{}", strict.stderr);
    let build = common::run_in(&site, &["build", "--now", NOW]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let form = read("request/index.html");
    assert!(form.contains("Propose it on GitHub") && form.contains("Send it:"));
    assert!(!main_text(&form).contains("cannot send requests"));
}

#[test]
fn the_new_sites_readme_is_true_for_each_ci_choice() {
    let dir = tempfile::tempdir().unwrap();
    for (ci, workflow) in [
        ("github", Some(".github/workflows/publish.yml")),
        ("gitlab", Some(".gitlab-ci.yml")),
        ("none", None),
    ] {
        let site = dir.path().join(ci);
        let run = common::run_in(dir.path(), &["init", site.to_str().unwrap(), "--ci", ci]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let readme = std::fs::read_to_string(site.join("README.md")).unwrap();
        let publishing = readme.split("## Publishing").nth(1).unwrap();
        match workflow {
            Some(file) => {
                assert!(site.join(file).is_file());
                assert!(publishing.contains(&format!("`{file}`")), "{publishing}");
                assert!(publishing.contains("pinned in that file (`CALLSITE_VERSION`)"));
            }
            None => {
                assert!(!publishing.contains("in that file"), "{publishing}");
                // The command it suggests works, where it says to run it.
                let line = "`callsite init --ci github NEW-FOLDER`";
                assert!(publishing.replace('\n', " ").contains(line), "{publishing}");
                let starter = dir.path().join("new-folder");
                let args = ["init", "--ci", "github", starter.to_str().unwrap()];
                assert_eq!(common::run_in(dir.path(), &args).code, 0);
                assert!(starter.join(".github/workflows/publish.yml").is_file());
            }
        }
    }
}
