//! What every page and feed of one build shares, and the one function that
//! turns a page's view into bytes through its template (and `serve`'s
//! cache).

use super::bodies::Bodies;
use super::cache::{RenderCache, hash_of};
use super::fragments::{self, Fragments};
use super::template::Theme;
use super::views::{Link, Listed, OccurrenceView, SiteView};
use crate::diagnostics::Diagnostic;
use crate::fs::{Contents, OutputFile};
use crate::model::{Site, routes};
use crate::schedule::Calendar;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::hash::Hash;

/// Where the site is published: an absolute URL ending in `/` and its
/// path (`/` or `/sub/`), the prefix of every internal link.
#[derive(Clone, Debug)]
pub struct Base {
    pub url: String,
    pub path: String,
}

impl Base {
    /// The base of a site published at `url` (absolute, ending in `/`).
    pub fn new(url: &str) -> Base {
        Base {
            url: url.to_string(),
            path: base_path(url),
        }
    }

    /// A root-relative link to a route, as pages carry them.
    pub fn link(&self, route: &str) -> String {
        [self.path.as_str(), route].concat()
    }

    /// The absolute URL of a route, as feeds and sitemaps need.
    pub fn absolute(&self, route: &str) -> String {
        [self.url.as_str(), route].concat()
    }
}

/// The `webcal://` form of a feed's URL, which calendar apps subscribe to.
pub fn webcal(url: &str) -> String {
    url.replacen("https://", "webcal://", 1)
        .replacen("http://", "webcal://", 1)
}

/// The path component of an absolute URL (`https://x.org/sub/` → `/sub/`).
pub fn base_path(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

/// Page-level values every template gets as `page_meta`.
#[derive(Serialize, Hash)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    /// Absolute URL of the page.
    pub url: String,
    /// Root-relative URL of the page, the form the menu's links have.
    pub path: String,
    /// Which section of the site the page belongs to, for the menu.
    pub section: &'static str,
    /// An extra feed for `<link rel=alternate>` (a call's own .ics).
    pub calendar_url: Option<String>,
}

/// The inputs of one build's render, shared by every page.
pub struct RenderCtx<'a> {
    pub site: &'a Site,
    pub calendar: &'a Calendar,
    pub bodies: &'a Bodies<'a>,
    pub theme: &'a Theme,
    pub base: Base,
    pub now: DateTime<Utc>,
    /// `site`, converted for Tera once instead of once per page.
    site_value: tera::Value,
    /// With a cache: a hash of what every page shows besides its own view
    /// (the site values and the templates).
    shared_key: u64,
    cache: Option<&'a RenderCache>,
    /// Each meeting's list entry, made once and placed by every list.
    pub fragments: Fragments,
    /// Each call's page link, by position: every list entry shows one.
    call_links: Vec<String>,
    /// Each call's topic slugs, by position, and the same joined by
    /// spaces: every list entry shows both.
    call_tags: Vec<(Vec<&'a str>, String)>,
}

/// The parts a [`RenderCtx`] is made of.
pub struct Parts<'a> {
    pub site: &'a Site,
    pub calendar: &'a Calendar,
    pub bodies: &'a Bodies<'a>,
    pub theme: &'a Theme,
    pub base: Base,
    pub cache: Option<&'a RenderCache>,
}

impl<'a> RenderCtx<'a> {
    /// The context of a build: the site view is computed here, once.
    pub fn new(parts: Parts<'a>) -> RenderCtx<'a> {
        let site_view = site_view(parts.site, &parts.base, parts.calendar.now);
        let shared_key = parts.cache.map_or(0, |_| {
            hash_of(&(
                parts.theme.fingerprint(),
                serde_json::to_string(&site_view).unwrap_or_default(),
            ))
        });
        let call_links = (parts.site.calls.iter())
            .map(|c| parts.base.link(&routes::call(&c.id)))
            .collect();
        let call_tags = (0..parts.site.calls.len())
            .map(|i| {
                let slugs: Vec<&str> = (parts.site.topics_of(i)).map(|t| t.slug.as_str()).collect();
                let list = slugs.join(" ");
                (slugs, list)
            })
            .collect();
        RenderCtx {
            site: parts.site,
            calendar: parts.calendar,
            bodies: parts.bodies,
            theme: parts.theme,
            now: parts.calendar.now,
            site_value: tera::Value::from_serializable(&site_view),
            base: parts.base,
            shared_key,
            cache: parts.cache,
            fragments: Fragments::new(parts.calendar, parts.site.calls.len()),
            call_links,
            call_tags,
        }
    }

    /// The link to the page of the call at `position`.
    pub fn call_link(&self, position: usize) -> &str {
        self.call_links.get(position).map_or("", String::as_str)
    }

    /// The topic slugs of the call at `position`, as a list and joined by
    /// spaces.
    pub fn call_tags(&self, position: usize) -> (&[&'a str], &str) {
        self.call_tags
            .get(position)
            .map_or((&[], ""), |(slugs, list)| (slugs.as_slice(), list.as_str()))
    }

    /// Where a `serve` build notes which pages read which bodies.
    pub fn reads(&self) -> Option<&'a super::reads::Reads> {
        self.cache.map(|c| &c.reads)
    }

    /// A root-relative link to a route.
    pub fn link(&self, route: &str) -> String {
        self.base.link(route)
    }

    /// The `page_meta` of the page at `route`.
    pub fn meta(
        &self,
        title: String,
        description: String,
        route: &str,
        section: &'static str,
    ) -> PageMeta {
        PageMeta {
            title,
            description,
            url: self.base.absolute(route),
            path: self.base.link(route),
            section,
            calendar_url: None,
        }
    }

    /// Renders `template` with `site`, `page_meta` and the fields of
    /// `view`. In `serve`, the page is reused when the hash of everything
    /// it shows (templates, site values, meta and view) is unchanged, so a
    /// stale page cannot be served: a field added to a view is in its key.
    pub fn page<V: Serialize + Hash>(
        &self,
        route: &str,
        template: &str,
        meta: PageMeta,
        view: &V,
    ) -> Result<OutputFile, Diagnostic> {
        let path = routes::output_path(route);
        let Some(cache) = self.cache else {
            return self.render(path, template, &meta, view);
        };
        let key = hash_of(&(self.shared_key, template, &meta, view));
        if let Some(bytes) = cache.page(&path, key) {
            return Ok(OutputFile {
                path,
                contents: Contents::Shared(bytes),
            });
        }
        let file = self.render(path, template, &meta, view)?;
        Ok(cache.share(key, file))
    }

    /// A meeting's list entry (see `fragments`); in `serve`, reused when
    /// everything it shows (the templates, the site values and the view)
    /// is unchanged since the last build.
    pub fn fragment(&self, view: &OccurrenceView, dated: bool) -> Result<Listed, Diagnostic> {
        let Some(cache) = self.cache else {
            return fragments::render(self.theme, &self.site_value, view, dated);
        };
        let key = hash_of(&(self.shared_key, view, dated));
        if let Some(entry) = cache.fragment(key) {
            return Ok(entry);
        }
        let listed = fragments::render(self.theme, &self.site_value, view, dated)?;
        cache.put_fragment(key, &listed);
        Ok(listed)
    }

    fn render<V: Serialize>(
        &self,
        path: String,
        template: &str,
        meta: &PageMeta,
        view: &V,
    ) -> Result<OutputFile, Diagnostic> {
        let mut context = tera::Context::from_serialize(view).map_err(|e| {
            Diagnostic::error(
                template,
                None,
                format!("cannot pass the page to its template: {e}"),
            )
        })?;
        context.insert_value("site", self.site_value.clone());
        context.insert("page_meta", meta);
        Ok(OutputFile {
            path,
            contents: Contents::Bytes(self.theme.render_bytes(template, &context)?),
        })
    }
}

/// The site-wide values of a build.
fn site_view(site: &Site, base: &Base, now: DateTime<Utc>) -> SiteView {
    let ics = base.absolute("calendar.ics");
    SiteView {
        title: site.config.title.clone(),
        tagline: site.config.tagline.clone(),
        language: site.config.language.clone(),
        base_url: base.url.clone(),
        base_path: base.path.clone(),
        nav: site
            .pages
            .iter()
            .filter(|p| p.nav)
            .map(|p| Link {
                title: p.title.clone(),
                url: base.link(&routes::page(&p.id)),
            })
            .collect(),
        calendar_name: site.config.calendar.name.clone(),
        webcal_url: webcal(&ics),
        ics_url: ics,
        feed_url: base.link("feed.xml"),
        now: now.to_rfc3339(),
    }
}
