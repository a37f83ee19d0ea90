//! Weekly announcements: the coming week's calls, the cancellations and
//! moves that affect them and the minutes of the week before, for the
//! network's low-volume announcements list. One value ([`Digest`]) is
//! printed by `callsite announce`, shown at `/announcements/YYYY-Www/` and
//! carried by `/announcements/feed.xml`, which RSS-to-email services mail.

mod digest;
mod format;
mod week;

pub use digest::{Change, Digest, Meeting, MinutesItem, digest};
pub use format::{Format, escape, html, render};
pub use week::{bounds, coming_week, monday, parse_week, published_weeks, week_label};

use crate::diagnostics::{Diagnostic, Severity};
use crate::{BuildOptions, Error};
use chrono::IsoWeek;

/// What `callsite announce` found: the digest, or the errors that stop it.
#[derive(Debug)]
pub struct Announcement {
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the content has errors.
    pub digest: Option<Digest>,
}

/// Loads and checks the site at `opts.root` and makes the digest of
/// `week` (default: the coming week as of `opts.now`). Links use
/// `opts.base_url` or site.yaml's.
pub fn announce(opts: &BuildOptions, week: Option<IsoWeek>) -> Result<Announcement, Error> {
    let sources = crate::load::load_with(&opts.root, None)?;
    let mut diagnostics = Vec::new();
    let model_opts = crate::model::ModelOptions {
        now: opts.now,
        drafts: opts.drafts,
    };
    let site = crate::model::build(sources, model_opts, &mut diagnostics);
    crate::diagnostics::sort(&mut diagnostics);
    let failed = diagnostics.iter().any(|d| d.severity == Severity::Error);
    let digest = match site {
        Some(site) if !failed => {
            let base = opts.base_url.as_deref().unwrap_or(&site.config.base_url);
            let base = crate::resolve_base_url(base)?;
            let week = week.unwrap_or_else(|| coming_week(opts.now, site.config.timezone));
            let calendar = crate::schedule::Calendar::build(
                &site.calls,
                opts.now,
                site.config.calendar.horizon_days,
            );
            Some(digest(&site, &calendar, week, &base))
        }
        _ => None,
    };
    Ok(Announcement {
        diagnostics,
        digest,
    })
}
