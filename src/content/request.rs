//! What the call request form writes besides a call's usual fields, and
//! where site.yaml says requests go. The form (`/request/`) and `check`
//! apply one rule set (see `model::requests`), so a request the form
//! accepts passes `check`, and CI annotates one written by hand.

use crate::front_matter::fields::{FieldPositions, Fields};

/// The roles the protocol asks every call to name, as call fields.
pub const ROLES: &[&str] = &["facilitator", "backup_facilitator", "tech"];

/// The request fields of a call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallRequest {
    /// The day the request was made: the lead time is measured from it, so
    /// a request that passed `check` keeps passing as its date comes near.
    pub requested: Option<chrono::NaiveDate>,
    /// Roles the group needs help finding (names from [`ROLES`]).
    pub help_wanted: Vec<String>,
    /// The group would like a mailing list for the call.
    pub list_wanted: bool,
}

/// The fields of a call read here.
pub const CALL_FIELDS: &[&str] = &["requested", "help_wanted", "list_wanted"];

/// Reads `requested`, `help_wanted` and `list_wanted`.
pub fn read_call(f: &mut Fields) -> CallRequest {
    let requested = f.date("requested");
    let mut help_wanted = f.text_list("help_wanted");
    if let Some(bad) = help_wanted.iter().find(|r| !ROLES.contains(&r.as_str())) {
        let at = f.at("help_wanted");
        f.error(
            at,
            format!("`help_wanted` lists `{bad}`, which is not a role"),
            "list only roles still to be found: facilitator, backup_facilitator, tech",
        );
    }
    help_wanted.retain(|r| ROLES.contains(&r.as_str()));
    CallRequest {
        requested,
        help_wanted,
        list_wanted: f.switch("list_wanted", false, false),
    }
}

/// Which kind of "new file" link a repository takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forge {
    GitHub,
    GitLab,
}

/// site.yaml's `requests:`: where the form sends a request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestSettings {
    /// The site's repository (`https://github.com/OWNER/REPO`).
    pub repository: Option<String>,
    pub forge: Option<Forge>,
    /// The branch a proposed change targets.
    pub branch: String,
    /// Where requests are mailed when there is no repository, or as well.
    pub email: Option<String>,
}

/// The fields of `requests:`.
pub const SETTINGS_FIELDS: &[&str] = &["repository", "branch", "email", "forge"];

/// Reads `requests:` from site.yaml; its positions go into `at`
/// (`requests.repository`), so a problem found later points at its line.
pub fn read_settings(f: &mut Fields, at: &mut FieldPositions) -> RequestSettings {
    let mut out = RequestSettings {
        branch: "main".into(),
        ..RequestSettings::default()
    };
    let Some(mut r) = f.section("requests", SETTINGS_FIELDS) else {
        return out;
    };
    out.repository = r
        .url("repository", false)
        .map(|u| u.trim_end_matches('/').to_string());
    if let Some(branch) = r.text("branch") {
        out.branch = branch;
    }
    out.email = r.text("email");
    out.forge = match r.choice("forge", &["github", "gitlab"]) {
        Some("github") => Some(Forge::GitHub),
        Some(_) => Some(Forge::GitLab),
        None => out.repository.as_deref().and_then(forge_of),
    };
    if out.repository.is_some() && out.forge.is_none() {
        let at = r.at("repository");
        r.error(
            at,
            "cannot tell whether this repository is on GitHub or GitLab",
            "add `forge: github` or `forge: gitlab` under `requests:`",
        );
    }
    at.nest("requests", r.positions());
    out
}

/// The forge a repository URL's host names.
fn forge_of(url: &str) -> Option<Forge> {
    let host = url
        .split("://")
        .nth(1)?
        .split('/')
        .next()?
        .to_ascii_lowercase();
    if host == "github.com" || host.ends_with(".github.com") {
        Some(Forge::GitHub)
    } else if host.contains("gitlab") {
        Some(Forge::GitLab)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forges_by_host() {
        assert_eq!(forge_of("https://github.com/a/b"), Some(Forge::GitHub));
        assert_eq!(forge_of("https://gitlab.com/a/b"), Some(Forge::GitLab));
        assert_eq!(
            forge_of("https://gitlab.example.org/a/b"),
            Some(Forge::GitLab)
        );
        assert_eq!(forge_of("https://git.example.org/a/b"), None);
    }
}
