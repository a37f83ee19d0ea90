//! The call request protocol as `check` applies it: a requested call is
//! asked for at least `policy.request_lead_days` before its first meeting
//! and names a facilitator, a backup facilitator and a tech supporter, or
//! says which of them the group needs help finding; an emergency call is
//! exempt from both. The request form (`/request/`) checks the same rules
//! in the browser. The lead time is measured from the call's `requested:`
//! date, never from "now", so a request that passed does not fail later.
//! A requested call without that date (imported from another calendar, or
//! written before the form existed) is shown as not confirmed but not
//! judged: nothing says when it was asked for.

use crate::contacts;
use crate::content::request::ROLES;
use crate::content::{Call, CallStatus, SiteConfig};
use crate::diagnostics::{Diagnostic, Pos, plural};
use chrono::Duration;

/// Every request rule, for every call, and the site's request settings.
pub fn check(config: &SiteConfig, calls: &[Call], diags: &mut Vec<Diagnostic>) {
    check_settings(config, diags);
    for call in calls {
        check_call(call, config.policy.request_lead_days, diags);
    }
}

/// The lead time and the roles of one requested call.
pub fn check_call(call: &Call, lead_days: u32, diags: &mut Vec<Diagnostic>) {
    let Some(asked) = call.request.requested else {
        return;
    };
    if call.status != CallStatus::Requested || call.emergency {
        return;
    }
    let first = call.start.date();
    {
        let lead = (first - asked).num_days();
        let at = Some(call.at.of("start"));
        if lead < 0 {
            diags.push(
                Diagnostic::error(
                    &call.file,
                    Some(call.at.of("requested")),
                    format!("`requested` ({asked}) is after the first meeting ({first})"),
                )
                .hint("`requested` is the day the request was made: fix whichever date is wrong"),
            );
        } else if lead < i64::from(lead_days) {
            let earliest = asked + Duration::days(i64::from(lead_days));
            diags.push(
                Diagnostic::error(&call.file, at, format!(
                    "this call was requested {} before its first meeting ({first}); the protocol asks for at least {}",
                    plural(lead as usize, "day"),
                    plural(lead_days as usize, "day"),
                ))
                .hint(format!("move `start` to {earliest} or later, or set `emergency: true` if it cannot wait")),
            );
        }
    }
    for (role, name) in ROLES
        .iter()
        .zip([&call.facilitator, &call.backup_facilitator, &call.tech])
    {
        if name.is_none() && !call.request.help_wanted.iter().any(|r| r == role) {
            diags.push(
                Diagnostic::error(&call.file, Some(call.at.get(role).unwrap_or_else(|| call.at.of("status"))), format!(
                    "this requested call names no {}", role_name(role)
                ))
                .hint(format!("add `{role}:` with a name, or list it under `help_wanted: [{role}]` if the group needs help finding one")),
            );
        }
    }
}

/// "backup facilitator" for `backup_facilitator`.
pub fn role_name(role: &str) -> &'static str {
    match role {
        "facilitator" => "facilitator",
        "backup_facilitator" => "backup facilitator",
        _ => "tech supporter",
    }
}

/// The request address is published on the form, so it must be a role
/// address the site lists in `public_contacts`; and the form needs
/// somewhere to send a request at all.
fn check_settings(config: &SiteConfig, diags: &mut Vec<Diagnostic>) {
    let Some(email) = &config.requests.email else {
        // Without `requests.email` the form mails the first public contact.
        if config.requests.repository.is_none() && config.public_contacts.is_empty() {
            diags.push(nowhere_to_send(config));
        }
        return;
    };
    let key = contacts::contact_key(email);
    if !config
        .public_contacts
        .iter()
        .any(|c| contacts::contact_key(c) == key)
    {
        diags.push(
            Diagnostic::error("content/site.yaml", Some(config.at.of("requests")), format!("`requests.email` ({email}) is not one of the site's `public_contacts`"))
                .hint("the request form shows this address to everyone: use a role address and list it under `public_contacts`"),
        );
    }
}

/// The form's requests would go nowhere: it is published with no link to
/// send them by, so a site says where before it goes live.
fn nowhere_to_send(config: &SiteConfig) -> Diagnostic {
    let at = config
        .at
        .get("requests")
        .unwrap_or(Pos { line: 1, column: 1 });
    Diagnostic::warning(
        "content/site.yaml",
        Some(at),
        "the request form (/request/) has nowhere to send requests: site.yaml names no repository and no address for them",
    )
    .hint("add `requests: { repository: https://github.com/OWNER/REPO, branch: main }` (GitHub or GitLab), or `requests: { email: ADDRESS }` with ADDRESS also under `public_contacts`")
}
