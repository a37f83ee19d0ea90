//! A render context over the sample site in `content/`, so each page
//! module can be tested alone against real content.

use super::bodies::Bodies;
use super::context::{Base, Parts, RenderCtx};
use super::template::Theme;
use crate::fs::OutputFile;
use crate::model::{self, ModelOptions, Site};
use crate::schedule::Calendar;
use chrono::{DateTime, Utc};
use std::path::Path;

/// "Now" of the sample site's tests: Wednesday 2 December 2026, 10 AM in
/// New York.
pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-02T15:00:00Z")
        .expect("a valid time")
        .to_utc()
}

/// The sample site as the model builds it.
pub fn sample_site() -> Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = crate::load::load(root).expect("the sample site loads");
    let mut diags = Vec::new();
    let opts = ModelOptions {
        now: now(),
        drafts: false,
    };
    let site = model::build(sources, opts, &mut diags).expect("site.yaml is valid");
    assert!(diags.is_empty(), "{diags:#?}");
    site
}

/// Runs `f` with a render context over the sample site.
pub fn with_sample<R>(f: impl FnOnce(&RenderCtx) -> R) -> R {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = sample_site();
    let calendar = Calendar::build(&site.calls, now(), site.config.calendar.horizon_days);
    let theme = Theme::load(root, &site.config.theme).expect("the theme compiles");
    let base = Base::new("https://example.org/");
    let links = super::links(&site, &base);
    let bodies = Bodies::render(&site, &links, None);
    let ctx = RenderCtx::new(Parts {
        site: &site,
        calendar: &calendar,
        bodies: &bodies,
        theme: &theme,
        base,
        cache: None,
    });
    f(&ctx)
}

/// A rendered page's text.
pub fn text(file: OutputFile) -> String {
    String::from_utf8(file.contents.bytes().expect("rendered").into_owned()).expect("UTF-8")
}
