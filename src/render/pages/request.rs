//! `/request/`: the call request form. The browser checks a request
//! against the site's policy and turns it into a `content/calls/ID.md` with
//! `status: requested`, opened as a proposed new file on the site's
//! repository or as an email. The page sends nothing anywhere by itself
//! and stores nothing; everything happens in the reader's browser
//! (themes/default/static/request.js).

use super::super::context::RenderCtx;
use super::faq::script_json;
use crate::content::request::Forge;
use crate::diagnostics::Diagnostic;
use crate::fs::OutputFile;
use serde::Serialize;
use serde_json::json;

/// A CoC offered as the requesting group.
#[derive(Serialize, Hash)]
struct Group {
    id: String,
    name: String,
}

#[derive(Serialize, Hash)]
struct RequestView {
    /// "7 days".
    lead_time: String,
    site_zone: String,
    /// The zones the site's calls use, offered first.
    zones: Vec<String>,
    groups: Vec<Group>,
    /// Where requests go, for the page's text: `github`, `gitlab`, `email`,
    /// or `none` when site.yaml names neither a repository nor an address.
    target: &'static str,
    repository: Option<String>,
    email: Option<String>,
    /// The policy for request.js, safe inside `<script>`.
    policy_json: String,
}

/// The request form.
pub fn render(ctx: &RenderCtx, route: &str) -> Result<OutputFile, Diagnostic> {
    let site = ctx.site;
    let settings = &site.config.requests;
    let email = settings
        .email
        .clone()
        .or_else(|| site.config.public_contacts.first().cloned());
    let target = match (&settings.repository, settings.forge, &email) {
        (Some(_), Some(Forge::GitHub), _) => "github",
        (Some(_), Some(Forge::GitLab), _) => "gitlab",
        (_, _, Some(_)) => "email",
        // Nowhere to send: the page says what site.yaml lacks, and `check`
        // warns about it.
        _ => "none",
    };
    let mut zones: Vec<String> = site
        .calls
        .iter()
        .map(|c| c.timezone.name().to_string())
        .collect();
    zones.push(site.config.timezone.name().to_string());
    zones.sort();
    zones.dedup();
    let policy = json!({
        "lead_days": site.config.policy.request_lead_days,
        "zone": site.config.timezone.name(),
        "ids": site.calls.iter().map(|c| &c.id).collect::<Vec<_>>(),
        "target": target,
        "repository": settings.repository,
        "branch": settings.branch,
        "email": email,
        "site": site.config.title,
    });
    let lead_days = site.config.policy.request_lead_days as usize;
    let view = RequestView {
        lead_time: crate::diagnostics::plural(lead_days, "day"),
        site_zone: site.config.timezone.name().to_string(),
        zones,
        groups: site
            .cocs
            .iter()
            .map(|c| Group {
                id: c.id.clone(),
                name: c.name.clone(),
            })
            .collect(),
        target,
        repository: settings.repository.clone(),
        email,
        policy_json: script_json(&policy),
    };
    let meta = ctx.meta(
        "Request a call".into(),
        format!("Ask {} for a conference call", site.config.title),
        route,
        "request",
    );
    ctx.page(route, "request.html", meta, &view)
}
