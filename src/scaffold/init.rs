//! `callsite init DIR`: a new site folder that builds, with what it takes
//! to publish it: a `.gitignore`, a CI workflow that installs a pinned
//! callsite release, and a README for the people who will edit it.

use super::create;
use crate::error::Error;
use std::path::{Path, PathBuf};

/// Which CI configuration `init` writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Ci {
    /// `.github/workflows/publish.yml`: GitHub Actions to GitHub Pages.
    #[default]
    Github,
    /// `.gitlab-ci.yml`: GitLab CI to GitLab Pages.
    Gitlab,
    /// No workflow: build and upload `output/` yourself.
    None,
}

/// What `init` needs besides the folder.
#[derive(Clone, Debug)]
pub struct InitOptions {
    /// The workflow to write.
    pub ci: Ci,
    /// The address the site will be published at, written to site.yaml.
    pub base_url: String,
}

impl Default for InitOptions {
    fn default() -> Self {
        InitOptions {
            ci: Ci::Github,
            base_url: "https://example.org/".into(),
        }
    }
}

/// The callsite release a new site's workflow installs: this one.
const VERSION: &str = env!("CARGO_PKG_VERSION");
/// Where callsite's releases are published.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The starter content: path in the new site, text.
const CONTENT: [(&str, &str); 8] = [
    (
        "content/site.yaml",
        include_str!("starter/content/site.yaml"),
    ),
    (
        "content/calls/planning.md",
        include_str!("starter/content/calls/planning.md"),
    ),
    (
        "content/minutes/planning/planning-2026-01-05.md",
        include_str!("starter/content/minutes/planning/planning-2026-01-05.md"),
    ),
    (
        "content/faq/the-calls.md",
        include_str!("starter/content/faq/the-calls.md"),
    ),
    (
        "content/pages/about.md",
        include_str!("starter/content/pages/about.md"),
    ),
    (
        "content/pages/request-a-call.md",
        include_str!("starter/content/pages/request-a-call.md"),
    ),
    (
        "content/cocs/example-city.md",
        include_str!("starter/content/cocs/example-city.md"),
    ),
    (".gitignore", include_str!("starter/gitignore")),
];

const README: &str = include_str!("starter/README.md");
const GITHUB: &str = include_str!("starter/github-publish.yml");
const GITLAB: &str = include_str!("starter/gitlab-ci.yml");

/// What the README says about publishing, per workflow.
fn publishing(ci: Ci) -> &'static str {
    match ci {
        Ci::Github => {
            "`.github/workflows/publish.yml` checks every pull request and publishes\n\
the site to GitHub Pages on every push to `main` and every morning. Push\n\
this folder to a GitHub repository, then in its Settings → Pages → Build\n\
and deployment, set Source to \"GitHub Actions\". Pull requests fail on\n\
errors and on warnings the change causes; warnings that only the date\n\
raises (an old recording, a call soon without a registration link) are\n\
shown as annotations and never stop the site from being published.\n\
\n\
The callsite version is pinned in that file (`CALLSITE_VERSION`); raise it\n\
to upgrade."
        }
        Ci::Gitlab => {
            "`.gitlab-ci.yml` checks every merge request and publishes the default\n\
branch to GitLab Pages. Push this folder to a GitLab project, then add a\n\
daily schedule under Build → Pipeline schedules so \"upcoming\" stays\n\
current. Merge requests fail on errors and on warnings the change causes;\n\
warnings that only the date raises never stop the site from being\n\
published.\n\
\n\
The callsite version is pinned in that file (`CALLSITE_VERSION`); raise it\n\
to upgrade."
        }
        Ci::None => {
            "Run `callsite build` and upload `output/` to any static host, every day\n\
so \"upcoming\" stays current. To have CI do it, run\n\
`callsite init --ci github NEW-FOLDER` (or `--ci gitlab`) outside this\n\
site and copy the new folder's `.github/` (or `.gitlab-ci.yml`) here: it\n\
checks every proposed change and publishes every day, with the callsite\n\
version pinned in it."
        }
    }
}

/// site.yaml's `requests:`, where the request form sends a request. A
/// GitHub or GitLab Pages address names its repository, so that one is
/// filled in; otherwise the section is there to uncomment, and `check`
/// warns until it is.
fn requests(base_url: &str) -> String {
    const ABOUT: &str = "# Where the request form (/request/) sends a call request: a new file\n\
# proposed on the site's repository (GitHub or GitLab), or an email to\n\
# a role address that is also listed under public_contacts.\n";
    match pages_repository(base_url) {
        Some(repository) => format!(
            "{ABOUT}requests:\n  repository: {repository}   # from base_url; change it if the site's repository is elsewhere\n  branch: main\n  # email: calls@example.org"
        ),
        None => format!(
            "{ABOUT}# Until one is set, the form cannot send anything and `callsite check` warns.\n\
# requests:\n\
#   repository: https://github.com/OWNER/REPOSITORY\n\
#   branch: main\n\
#   email: calls@example.org"
        ),
    }
}

/// The repository a GitHub or GitLab Pages address is published from:
/// `https://OWNER.github.io/REPO/` is `https://github.com/OWNER/REPO`, and
/// `https://OWNER.github.io/` is the repository `OWNER.github.io`. Other
/// addresses (custom domains, nested GitLab groups) name none.
fn pages_repository(base_url: &str) -> Option<String> {
    let rest = base_url.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let (owner, forge) = [("github.io", "github.com"), ("gitlab.io", "gitlab.com")]
        .iter()
        .find_map(|(pages, forge)| {
            let owner = host.strip_suffix(pages)?.strip_suffix('.')?;
            (!owner.is_empty() && !owner.contains('.')).then_some((owner, forge))
        })?;
    match segments.as_slice() {
        [] => Some(format!("https://{forge}/{owner}/{host}")),
        [repo] => Some(format!("https://{forge}/{owner}/{repo}")),
        _ => None,
    }
}

fn fill(template: &str, opts: &InitOptions) -> String {
    template
        .replace("@CALLSITE_VERSION@", VERSION)
        .replace("@CALLSITE_REPOSITORY@", REPOSITORY)
        .replace("@BASE_URL@", &opts.base_url)
        .replace("@PUBLISHING@", publishing(opts.ci))
        .replace("@REQUESTS@", &requests(&opts.base_url))
}

/// What `init` wrote, and what it found and left alone.
#[derive(Debug, Default)]
pub struct InitReport {
    /// Files written, relative to the new site's folder.
    pub written: Vec<PathBuf>,
    /// A README or `.gitignore` the folder already had (a freshly cloned
    /// repository often has both): kept as it was.
    pub kept: Vec<PathBuf>,
}

/// Files a fresh repository may already hold; init keeps them.
const KEPT_IF_PRESENT: [&str; 2] = ["README.md", ".gitignore"];

/// Creates a new site in `dir`. Refuses a folder that already holds
/// `content/` or a workflow, and never overwrites a file.
pub fn init(dir: &Path, opts: &InitOptions) -> Result<InitReport, Error> {
    if dir.join("content").exists() {
        return Err(Error::Usage(format!(
            "{} already has a content/ folder; init only creates new sites",
            dir.display()
        )));
    }
    crate::resolve_base_url(&opts.base_url)?;
    let mut files: Vec<(&str, &str)> = CONTENT.to_vec();
    files.push(("README.md", README));
    match opts.ci {
        Ci::Github => files.push((".github/workflows/publish.yml", GITHUB)),
        Ci::Gitlab => files.push((".gitlab-ci.yml", GITLAB)),
        Ci::None => {}
    }
    let mut report = InitReport::default();
    let exists = |rel: &str| dir.join(rel).exists();
    if let Some((rel, _)) = files
        .iter()
        .find(|(rel, _)| exists(rel) && !KEPT_IF_PRESENT.contains(rel))
    {
        return Err(Error::Usage(format!(
            "{} already exists; init only creates new sites",
            dir.join(rel).display()
        )));
    }
    for (rel, template) in files {
        if exists(rel) {
            report.kept.push(PathBuf::from(rel));
            continue;
        }
        create(&dir.join(rel), &fill(template, opts))?;
        report.written.push(PathBuf::from(rel));
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled() {
        for ci in [Ci::Github, Ci::Gitlab, Ci::None] {
            let opts = InitOptions {
                ci,
                ..InitOptions::default()
            };
            for text in CONTENT
                .iter()
                .map(|(_, t)| *t)
                .chain([README, GITHUB, GITLAB])
            {
                let filled = fill(text, &opts);
                for placeholder in ["@CALLSITE_", "@BASE_URL@", "@PUBLISHING@", "@REQUESTS@"] {
                    assert!(!filled.contains(placeholder), "{filled}");
                }
            }
        }
        assert!(fill(GITHUB, &InitOptions::default()).contains(&format!("\"{VERSION}\"")));
    }

    #[test]
    fn a_pages_address_names_its_repository() {
        for (url, repository) in [
            (
                "https://owner.github.io/net/",
                Some("https://github.com/owner/net"),
            ),
            (
                "https://Owner.GitHub.io/",
                Some("https://github.com/owner/owner.github.io"),
            ),
            (
                "https://group.gitlab.io/net/",
                Some("https://gitlab.com/group/net"),
            ),
            ("https://group.gitlab.io/sub/net/", None),
            ("https://example.org/net/", None),
            ("https://a.b.github.io/net/", None),
            ("http://owner.github.io/net/", None),
        ] {
            assert_eq!(pages_repository(url).as_deref(), repository, "{url}");
        }
    }
}
