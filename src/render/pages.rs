//! Which pages exist and what each one shows: the model and the schedule
//! turned into a list of `(path, bytes)`, rendered in parallel in a fixed
//! order so output never depends on thread count.

use super::cache::{RenderCache, hash_of};
use super::ical::{self, FeedContext};
use super::theme::Theme;
use super::views::*;
use super::words;
use crate::content::{Call, CallStatus, Record, RecordKind};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, MarkdownOptions, Rendered};
use crate::model::Site;
use crate::schedule::{self, Occurrence, OccurrenceStatus};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// What a page's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Bytes shared with `serve`'s cache of the previous build.
    Shared(std::sync::Arc<[u8]>),
    /// A static file copied as is.
    Copy(PathBuf),
    /// A static file compiled into the binary (the default theme's).
    Embedded(&'static [u8]),
}

impl Contents {
    /// The bytes, read from disk for a copied file.
    pub fn bytes(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        Ok(match self {
            Contents::Bytes(b) => std::borrow::Cow::Borrowed(b),
            Contents::Shared(b) => std::borrow::Cow::Borrowed(b),
            Contents::Embedded(b) => std::borrow::Cow::Borrowed(b),
            Contents::Copy(p) => std::borrow::Cow::Owned(std::fs::read(p)?),
        })
    }

    /// Whether the bytes were rendered (pages and feeds), not copied.
    pub fn is_rendered(&self) -> bool {
        matches!(self, Contents::Bytes(_) | Contents::Shared(_))
    }
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub contents: Contents,
}

/// The render stage's inputs besides the site.
pub struct RenderOptions<'a> {
    pub now: DateTime<Utc>,
    /// Absolute, ending in `/` (site.yaml's, or `--base-url`).
    pub base_url: String,
    /// What the previous build of a `serve` session rendered.
    pub cache: Option<&'a RenderCache>,
}

/// How many past occurrences without records a call page lists.
const RECENT_PAST: usize = 6;
/// How many upcoming occurrences a call page lists.
const NEXT_COUNT: usize = 8;
/// How many days the home page looks ahead.
const HOME_DAYS: i64 = 14;

/// Everything pages share, computed once per build.
struct Ctx<'a> {
    site: &'a Site,
    cache: Option<&'a RenderCache>,
    /// Hash of everything every page depends on: settings, templates, now.
    global_key: u64,
    /// With a cache: each body's key (see `render_bodies`).
    body_keys: HashMap<&'a str, u64>,
    /// Per call (same index as `site.calls`): a hash of the whole record.
    call_keys: Vec<u64>,
    /// Hash of what schedule pages show: every call, and which meetings
    /// have an agenda or (public) minutes.
    schedule_key: u64,
    now: DateTime<Utc>,
    base_url: String,
    base_path: String,
    bodies: HashMap<&'a str, std::sync::Arc<Rendered>>,
    /// Per call (same index as `site.calls`): occurrences in the window.
    occurrences: Vec<Vec<Occurrence>>,
    minutes_at: HashMap<(&'a str, NaiveDate), &'a Record>,
    agendas_at: HashMap<(&'a str, NaiveDate), &'a Record>,
    /// Public minutes of each call, newest first (for previous/next).
    public_minutes_of: HashMap<&'a str, Vec<&'a Record>>,
    /// Minutes and agendas of each call (for its past meetings).
    records_of: HashMap<&'a str, Vec<&'a Record>>,
    /// `site`, converted for Tera once instead of once per page.
    site_value: tera::Value,
    /// VTIMEZONE text per zone, shared by every feed.
    zones: BTreeMap<String, String>,
    horizon: DateTime<Utc>,
    /// Page URLs of content files, for links between them.
    links: HashMap<String, String>,
    /// Months with meetings in the window, in order: one grid each.
    months: Vec<(i32, u32)>,
    /// Years with minutes, newest first.
    years: Vec<i32>,
}

impl Ctx<'_> {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }

    fn record_url(&self, r: &Record) -> String {
        let kind = match r.kind {
            RecordKind::Minutes => "minutes",
            RecordKind::Agenda => "agendas",
        };
        self.url(&format!("{kind}/{}/{}/", r.call, r.date))
    }

    fn body(&self, file: &str) -> (String, String) {
        self.bodies
            .get(file)
            .map(|r| (r.html.clone(), r.summary.clone()))
            .unwrap_or_default()
    }

    fn occurrence(&self, call: &Call, o: &Occurrence) -> OccurrenceView {
        let date = o.start.date_naive();
        let original = o.original.date();
        fn record<'r>(
            map: &HashMap<(&str, NaiveDate), &'r Record>,
            id: &str,
            date: NaiveDate,
            original: NaiveDate,
        ) -> Option<&'r Record> {
            map.get(&(id, date))
                .or_else(|| map.get(&(id, original)))
                .copied()
        }
        let minutes = record(&self.minutes_at, &call.id, date, original);
        let public_minutes = minutes.filter(|m| self.site.is_public(m));
        OccurrenceView {
            call_id: call.id.clone(),
            call_title: call.title.clone(),
            call_url: self.url(&format!("calls/{}/", call.id)),
            date: date.to_string(),
            day_label: words::day_label(date),
            time: words::time_label(&o.start),
            end_time: words::time_label(&o.end),
            datetime: o.start.to_rfc3339(),
            status: match o.status {
                OccurrenceStatus::Scheduled => "scheduled",
                OccurrenceStatus::Cancelled => "cancelled",
                OccurrenceStatus::Moved => "moved",
            },
            cancelled: o.status == OccurrenceStatus::Cancelled,
            moved: o.status == OccurrenceStatus::Moved,
            moved_from: (o.status == OccurrenceStatus::Moved)
                .then(|| format!("Moved from {}", words::day_label(original))),
            emergency: call.emergency,
            agenda_url: record(&self.agendas_at, &call.id, date, original)
                .map(|a| self.record_url(a)),
            minutes_url: public_minutes.map(|m| self.record_url(m)),
            minutes_withheld: minutes.is_some() && public_minutes.is_none(),
        }
    }

    /// Occurrences of every call in `[from, to)`, in order.
    fn between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<OccurrenceView> {
        let mut all: Vec<(DateTime<Utc>, &str, OccurrenceView)> = Vec::new();
        for (call, occs) in self.site.calls.iter().zip(&self.occurrences) {
            for o in occs {
                let at = o.start.with_timezone(&Utc);
                if at >= from && at < to {
                    all.push((at, &call.id, self.occurrence(call, o)));
                }
            }
        }
        // Same instant: the call id decides, never the order of calls.
        all.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        all.into_iter().map(|(_, _, v)| v).collect()
    }
}

fn by_day(occs: Vec<OccurrenceView>) -> Vec<DayView> {
    let mut days: Vec<DayView> = Vec::new();
    for o in occs {
        match days.last_mut() {
            Some(d) if d.date == o.date => d.occurrences.push(o),
            _ => days.push(DayView {
                date: o.date.clone(),
                label: o.day_label.clone(),
                occurrences: vec![o],
            }),
        }
    }
    days
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

/// Page URLs of content files, for rewriting links between them.
fn link_map(site: &Site, base_path: &str) -> HashMap<String, String> {
    let key = |file: &str| file.strip_prefix("content/").unwrap_or(file).to_string();
    let mut map = HashMap::new();
    for c in &site.calls {
        map.insert(key(&c.file), format!("{base_path}calls/{}/", c.id));
    }
    for r in site.minutes.iter().chain(&site.agendas) {
        let url = if site.is_public(r) {
            let kind = if r.kind == RecordKind::Minutes {
                "minutes"
            } else {
                "agendas"
            };
            format!("{base_path}{kind}/{}/{}/", r.call, r.date)
        } else {
            format!("{base_path}calls/{}/", r.call)
        };
        map.insert(key(&r.file), url);
    }
    for c in &site.cocs {
        map.insert(key(&c.file), format!("{base_path}cocs/#{}", c.id));
    }
    for f in &site.faq {
        map.insert(key(&f.file), format!("{base_path}faq/#{}", f.id));
    }
    for p in &site.pages {
        map.insert(key(&p.file), format!("{base_path}{}/", p.id));
    }
    map
}

/// The pages a site has, in output order.
#[derive(Clone, Debug)]
enum Job {
    Home,
    Calendar,
    Month(i32, u32),
    Calls,
    Call(usize),
    CallFeed(usize),
    Feed,
    MinutesPage(usize),
    MinutesYear(i32),
    Record(RecordKind, usize),
    Faq,
    Cocs,
    Decisions,
    Page(usize),
    NotFound,
    Atom,
    Search,
}

/// Renders every page of `site`. All template and link errors are
/// returned together.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    opts: &RenderOptions,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let base_path = base_path(&opts.base_url);
    let links = link_map(site, &base_path);
    let (bodies, body_keys) = render_bodies(site, &links, opts.cache);
    let mut diagnostics: Vec<Diagnostic> = bodies
        .iter()
        .flat_map(|(_, r)| r.diagnostics.clone())
        .collect();
    let horizon = opts.now + Duration::days(i64::from(site.config.calendar.horizon_days));
    let window_start = opts.now - Duration::days(366);
    let occurrences: Vec<Vec<Occurrence>> = site
        .calls
        .par_iter()
        .map(|c| schedule::occurrences(c, window_start, horizon))
        .collect();
    fn index(records: &[Record]) -> HashMap<(&str, NaiveDate), &Record> {
        records
            .iter()
            .map(|r| ((r.call.as_str(), r.date), r))
            .collect()
    }
    let nav = site
        .pages
        .iter()
        .filter(|p| p.nav)
        .map(|p| Link {
            title: p.title.clone(),
            url: format!("{base_path}{}/", p.id),
        })
        .collect();
    let webcal = |url: &str| {
        url.replacen("https://", "webcal://", 1)
            .replacen("http://", "webcal://", 1)
    };
    let site_view = SiteView {
        title: site.config.title.clone(),
        tagline: site.config.tagline.clone(),
        language: site.config.language.clone(),
        base_url: opts.base_url.clone(),
        base_path: base_path.clone(),
        nav,
        calendar_name: site.config.calendar.name.clone(),
        ics_url: format!("{}calendar.ics", opts.base_url),
        webcal_url: webcal(&format!("{}calendar.ics", opts.base_url)),
        feed_url: format!("{base_path}feed.xml"),
        now: opts.now.to_rfc3339(),
    };
    let mut public_minutes_of: HashMap<&str, Vec<&Record>> = HashMap::new();
    for m in site.minutes.iter().filter(|m| site.is_public(m)) {
        public_minutes_of
            .entry(m.call.as_str())
            .or_default()
            .push(m);
    }
    let mut records_of: HashMap<&str, Vec<&Record>> = HashMap::new();
    for r in site.minutes.iter().chain(&site.agendas) {
        records_of.entry(r.call.as_str()).or_default().push(r);
    }
    let site_value = tera::Value::from_serializable(&site_view);
    let all_calls: Vec<&Call> = site.calls.iter().collect();
    let zones = ical::vtimezones(
        &all_calls,
        &FeedContext {
            config: &site.config,
            base_url: &opts.base_url,
            now: opts.now,
            zones: None,
        },
    );
    let global_key = hash_of(&(
        theme.fingerprint(),
        serde_json::to_string(&site_view).unwrap_or_default(),
        format!("{:?}", site.config),
        opts.now,
        &opts.base_url,
    ));
    let (call_keys, schedule_key) = match opts.cache {
        None => (Vec::new(), 0),
        Some(_) => {
            let call_keys: Vec<u64> = site
                .calls
                .iter()
                .map(|c| hash_of(&format!("{c:?}")))
                .collect();
            let records: Vec<(&str, NaiveDate, RecordKind, bool)> = site
                .minutes
                .iter()
                .chain(&site.agendas)
                .map(|r| (r.call.as_str(), r.date, r.kind, site.is_public(r)))
                .collect();
            let cocs: Vec<(&str, &str)> = site
                .cocs
                .iter()
                .map(|c| (c.id.as_str(), c.name.as_str()))
                .collect();
            let key = hash_of(&(global_key, &call_keys, records, cocs));
            (call_keys, key)
        }
    };
    let mut months: Vec<(i32, u32)> = occurrences
        .iter()
        .flatten()
        .map(|o| (o.start.year(), o.start.month()))
        .collect();
    months.sort_unstable();
    months.dedup();
    let mut years: Vec<i32> = site.minutes.iter().map(|m| m.date.year()).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let ctx = Ctx {
        links,
        months,
        years,
        cache: opts.cache,
        global_key,
        body_keys,
        call_keys,
        schedule_key,
        zones,
        public_minutes_of,
        records_of,
        site_value,
        site,
        now: opts.now,
        base_url: opts.base_url.clone(),
        base_path,
        bodies: bodies.into_iter().collect(),
        occurrences,
        minutes_at: index(&site.minutes),
        agendas_at: index(&site.agendas),
        horizon,
    };

    let jobs = jobs(&ctx);
    let results: Vec<Result<OutputFile, Diagnostic>> = jobs
        .par_iter()
        .map(|j| render_cached(&ctx, theme, j))
        .collect();
    let mut files = Vec::with_capacity(results.len() + 2);
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diagnostics.push(d),
        }
    }
    if !diagnostics.is_empty() {
        crate::diagnostics::sort(&mut diagnostics);
        diagnostics.dedup();
        return Err(diagnostics);
    }
    files.push(OutputFile {
        path: "sitemap.xml".into(),
        contents: Contents::Bytes(
            super::feeds::sitemap(&ctx.base_url, &files, &site.config.language).into_bytes(),
        ),
    });
    for s in theme.statics() {
        files.push(s);
    }
    for s in &site.statics {
        files.push(OutputFile {
            path: s.rel.clone(),
            contents: Contents::Copy(s.path.clone()),
        });
    }
    if let Some(cache) = opts.cache {
        let bodies: std::collections::HashSet<&str> = ctx.bodies.keys().copied().collect();
        let pages: std::collections::HashSet<String> =
            files.iter().map(|f| f.path.clone()).collect();
        cache.retain(&bodies, &pages);
    }
    for (path, json) in super::search::files(site, &ctx.base_path, &|f| ctx.body(f).1) {
        files.push(OutputFile {
            path,
            contents: Contents::Bytes(json.into_bytes()),
        });
    }
    // Later entries win: content/static over the theme's static files.
    let mut seen = std::collections::HashSet::new();
    let mut unique: Vec<OutputFile> = files
        .into_iter()
        .rev()
        .filter(|f| seen.insert(f.path.clone()))
        .collect();
    unique.reverse();
    Ok(unique)
}

/// Rendered bodies by file.
type Bodies<'a> = Vec<(&'a str, std::sync::Arc<Rendered>)>;

/// Every body rendered, and with a cache each body's key (its text, place
/// and the content links), which record pages use as its fingerprint.
fn render_bodies<'a>(
    site: &'a Site,
    links: &HashMap<String, String>,
    cache: Option<&RenderCache>,
) -> (Bodies<'a>, HashMap<&'a str, u64>) {
    struct Body<'b> {
        file: &'b str,
        text: &'b str,
        first_line: u32,
        decisions: bool,
    }
    let body = |file: &'a str, b: &'a crate::content::Body, decisions: bool| Body {
        file,
        text: &b.text,
        first_line: b.first_line,
        decisions,
    };
    // Only public minutes are rendered: withheld bodies never reach a page.
    let public_minutes = site.minutes.iter().filter(|r| site.is_public(r));
    let todo: Vec<Body> = site
        .calls
        .iter()
        .map(|c| body(&c.file, &c.body, false))
        .chain(
            public_minutes
                .chain(&site.agendas)
                .map(|r| body(&r.file, &r.body, r.kind == RecordKind::Minutes)),
        )
        .chain(site.cocs.iter().map(|c| body(&c.file, &c.body, false)))
        .chain(site.pages.iter().map(|p| body(&p.file, &p.body, false)))
        .collect();
    // Links between content files are part of every body's output.
    let links_key = cache.map_or(0, |_| {
        let mut entries: Vec<(&String, &String)> = links.iter().collect();
        entries.sort();
        hash_of(&entries)
    });
    let done: Vec<(&str, std::sync::Arc<Rendered>, u64)> = todo
        .par_iter()
        .map(|b| {
            let opts = MarkdownOptions {
                file: b.file,
                first_line: b.first_line,
                links,
                decisions: b.decisions,
            };
            let Some(cache) = cache else {
                return (
                    b.file,
                    std::sync::Arc::new(markdown::render(b.text, &opts)),
                    0,
                );
            };
            let key = hash_of(&(b.text, b.first_line, b.decisions, links_key));
            let rendered = cache.body(b.file, key).unwrap_or_else(|| {
                let r = std::sync::Arc::new(markdown::render(b.text, &opts));
                cache.put_body(b.file, key, &r);
                r
            });
            (b.file, rendered, key)
        })
        .collect();
    let keys = done.iter().map(|(f, _, k)| (*f, *k)).collect();
    (done.into_iter().map(|(f, r, _)| (f, r)).collect(), keys)
}

fn jobs(ctx: &Ctx) -> Vec<Job> {
    let site = ctx.site;
    let mut jobs = vec![Job::Home, Job::Calendar];
    jobs.extend(ctx.months.iter().map(|(y, m)| Job::Month(*y, *m)));
    jobs.push(Job::Calls);
    jobs.push(Job::Feed);
    for i in 0..site.calls.len() {
        jobs.push(Job::Call(i));
        jobs.push(Job::CallFeed(i));
    }
    let pages = site
        .minutes
        .len()
        .div_ceil(site.config.per_page as usize)
        .max(1);
    jobs.extend((1..=pages).map(Job::MinutesPage));
    jobs.extend(ctx.years.iter().copied().map(Job::MinutesYear));
    for (i, r) in site.minutes.iter().enumerate() {
        if site.is_public(r) {
            jobs.push(Job::Record(RecordKind::Minutes, i));
        }
    }
    jobs.extend((0..site.agendas.len()).map(|i| Job::Record(RecordKind::Agenda, i)));
    jobs.extend([
        Job::Faq,
        Job::Cocs,
        Job::Decisions,
        Job::NotFound,
        Job::Atom,
        Job::Search,
    ]);
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs
}

/// Page-level values every template gets as `page_meta`.
#[derive(serde::Serialize)]
struct PageMeta {
    title: String,
    description: String,
    /// Absolute URL of the page.
    url: String,
    /// Root-relative URL of the page, the form the menu's links have.
    path: String,
    /// Which section of the site the page belongs to, for the menu.
    section: &'static str,
    /// An extra feed for `<link rel=alternate>` (a call's own .ics).
    calendar_url: Option<String>,
}

/// The output path and the dependency key of a page `serve` may reuse, or
/// `None` for pages that are always rendered (cheap ones, and record
/// pages, which have their own key).
fn job_key(ctx: &Ctx, job: &Job) -> Option<(String, u64)> {
    let site = ctx.site;
    let per = site.config.per_page as usize;
    let items_key = |items: &mut dyn Iterator<Item = &Record>| {
        let parts: Vec<_> = items
            .map(|m| {
                (
                    &m.file,
                    m.date,
                    &m.call,
                    &m.title,
                    site.is_public(m),
                    ctx.bodies.get(m.file.as_str()).map(|b| &b.summary),
                )
            })
            .collect();
        hash_of(&(ctx.schedule_key, parts))
    };
    match job {
        Job::Home => {
            let latest = items_key(&mut site.minutes.iter().take(10));
            Some(("index.html".into(), hash_of(&(ctx.schedule_key, latest))))
        }
        Job::Calendar => Some(("calendar/index.html".into(), ctx.schedule_key)),
        Job::Month(y, m) => Some((
            format!("calendar/{y:04}-{m:02}/index.html"),
            ctx.schedule_key,
        )),
        Job::Calls => Some(("calls/index.html".into(), ctx.schedule_key)),
        Job::Feed => Some((
            "calendar.ics".into(),
            hash_of(&(ctx.global_key, &ctx.call_keys)),
        )),
        // The VTIMEZONEs are shared by all calls of a zone.
        Job::CallFeed(i) => Some((
            format!("calls/{}.ics", site.calls[*i].id),
            hash_of(&(ctx.global_key, ctx.call_keys[*i], &ctx.zones)),
        )),
        Job::Call(i) => {
            let call = &site.calls[*i];
            let records = ctx
                .records_of
                .get(call.id.as_str())
                .map_or(&[][..], Vec::as_slice);
            let recs: Vec<_> = records
                .iter()
                .map(|r| (r.date, r.kind, site.is_public(r)))
                .collect();
            let host = call
                .host
                .as_ref()
                .and_then(|h| site.cocs.iter().find(|c| &c.id == h))
                .map(|c| &c.name);
            // The body's HTML depends on other files too (its links).
            let body = ctx.bodies.get(call.file.as_str()).map(|b| &b.html);
            Some((
                format!("calls/{}/index.html", call.id),
                hash_of(&(ctx.global_key, ctx.call_keys[*i], recs, host, body)),
            ))
        }
        Job::MinutesPage(n) => {
            let key = items_key(&mut site.minutes.iter().skip((n - 1) * per).take(per));
            let path = if *n == 1 {
                "minutes/index.html".to_string()
            } else {
                format!("minutes/page/{n}/index.html")
            };
            Some((path, hash_of(&(key, site.minutes.len(), &ctx.years))))
        }
        Job::MinutesYear(year) => {
            let key = items_key(&mut site.minutes.iter().filter(|m| m.date.year() == *year));
            Some((
                format!("minutes/{year}/index.html"),
                hash_of(&(key, &ctx.years)),
            ))
        }
        _ => None,
    }
}

/// [`render_job`], reusing the previous build's bytes when the page's
/// dependency key is unchanged.
fn render_cached(ctx: &Ctx, theme: &Theme, job: &Job) -> Result<OutputFile, Diagnostic> {
    let Some(cache) = ctx.cache else {
        return render_job(ctx, theme, job);
    };
    let Some((path, key)) = job_key(ctx, job) else {
        return render_job(ctx, theme, job);
    };
    if let Some(bytes) = cache.page(&path, key) {
        return Ok(OutputFile {
            path,
            contents: Contents::Shared(bytes),
        });
    }
    Ok(share(cache, key, render_job(ctx, theme, job)?))
}

/// Hands a freshly rendered page to the cache, sharing its bytes.
fn share(cache: &RenderCache, key: u64, file: OutputFile) -> OutputFile {
    match file.contents {
        Contents::Bytes(b) => {
            let shared: std::sync::Arc<[u8]> = b.into();
            cache.put_page(&file.path, key, &shared);
            OutputFile {
                path: file.path,
                contents: Contents::Shared(shared),
            }
        }
        contents => OutputFile {
            path: file.path,
            contents,
        },
    }
}

fn render_job(ctx: &Ctx, theme: &Theme, job: &Job) -> Result<OutputFile, Diagnostic> {
    let site = ctx.site;
    let html = |path: &str,
                template: &str,
                meta: PageMeta,
                data: &dyn erased::Data|
     -> Result<OutputFile, Diagnostic> {
        let mut c = tera::Context::new();
        c.insert_value("site", ctx.site_value.clone());
        c.insert("page_meta", &meta);
        data.insert(&mut c);
        let text = theme.render(template, &c)?;
        Ok(OutputFile {
            path: path.to_string(),
            contents: Contents::Bytes(text.into_bytes()),
        })
    };
    let meta = |title: String, description: String, path: &str, section: &'static str| PageMeta {
        title,
        description,
        url: format!("{}{}", ctx.base_url, path.trim_end_matches("index.html")),
        path: format!("{}{}", ctx.base_path, path.trim_end_matches("index.html")),
        section,
        calendar_url: None,
    };
    match job {
        Job::Home => {
            let upcoming = by_day(ctx.between(ctx.now, ctx.now + Duration::days(HOME_DAYS)));
            let latest: Vec<RecordItem> = site
                .minutes
                .iter()
                .take(10)
                .map(|m| record_item(ctx, m))
                .collect();
            let description =
                site.config.tagline.clone().unwrap_or_else(|| {
                    format!("Calls of {} in the next two weeks", site.config.title)
                });
            html(
                "index.html",
                "index.html",
                meta(site.config.title.clone(), description, "", "home"),
                &(("upcoming", upcoming), ("latest_minutes", latest)),
            )
        }
        Job::Calendar => {
            let days = by_day(ctx.between(ctx.now, ctx.horizon));
            let first_month = ctx.now.with_timezone(&site.config.timezone);
            let month_link = format!("{}calendar/{}/", ctx.base_path, first_month.format("%Y-%m"));
            html(
                "calendar/index.html",
                "calendar.html",
                meta(
                    "Calendar".into(),
                    format!(
                        "Every call of {} in the next {}",
                        site.config.title,
                        crate::diagnostics::plural(
                            site.config.calendar.horizon_days as usize,
                            "day"
                        )
                    ),
                    "calendar/",
                    "calendar",
                ),
                &(("days", days), ("month_url", month_link)),
            )
        }
        Job::Month(year, month) => {
            let view = month_view(ctx, *year, *month);
            let path = format!("calendar/{}/index.html", view.slug);
            html(
                &path,
                "month.html",
                meta(
                    format!("Calendar: {}", view.label),
                    format!("Calls in {}", view.label),
                    &path,
                    "calendar",
                ),
                &("month", view),
            )
        }
        Job::Calls => {
            let calls: Vec<CallView> = site
                .calls
                .iter()
                .enumerate()
                .map(|(i, c)| call_view(ctx, i, c, false))
                .collect();
            html(
                "calls/index.html",
                "calls.html",
                meta(
                    "Calls".into(),
                    format!("Every call of {}", site.config.title),
                    "calls/",
                    "calls",
                ),
                &("calls", calls),
            )
        }
        Job::Call(i) => {
            let call = &site.calls[*i];
            let view = call_view(ctx, *i, call, true);
            let path = format!("calls/{}/index.html", call.id);
            let mut m = meta(
                call.title.clone(),
                call.summary
                    .clone()
                    .unwrap_or_else(|| view.schedule.clone()),
                &path,
                "calls",
            );
            m.calendar_url = Some(view.subscribe.https.clone());
            html(&path, "call.html", m, &("call", view))
        }
        Job::CallFeed(i) => {
            let call = &site.calls[*i];
            let fc = FeedContext {
                config: &site.config,
                base_url: &ctx.base_url,
                now: ctx.now,
                zones: Some(&ctx.zones),
            };
            let text = ical::feed(
                &[call],
                &fc,
                &format!("{} – {}", site.config.calendar.name, call.title),
            );
            Ok(OutputFile {
                path: format!("calls/{}.ics", call.id),
                contents: Contents::Bytes(text.into_bytes()),
            })
        }
        Job::Feed => {
            let fc = FeedContext {
                config: &site.config,
                base_url: &ctx.base_url,
                now: ctx.now,
                zones: Some(&ctx.zones),
            };
            let calls: Vec<&Call> = site.calls.iter().collect();
            let text = ical::feed(&calls, &fc, &site.config.calendar.name);
            Ok(OutputFile {
                path: "calendar.ics".into(),
                contents: Contents::Bytes(text.into_bytes()),
            })
        }
        Job::MinutesPage(n) => {
            let per = site.config.per_page as usize;
            let items: Vec<RecordItem> = site
                .minutes
                .iter()
                .skip((n - 1) * per)
                .take(per)
                .map(|m| record_item(ctx, m))
                .collect();
            let total = site.minutes.len().div_ceil(per).max(1);
            let page_url = |k: usize| {
                if k == 1 {
                    format!("{}minutes/", ctx.base_path)
                } else {
                    format!("{}minutes/page/{k}/", ctx.base_path)
                }
            };
            let pagination = Pagination {
                current: *n,
                total,
                previous: (*n > 1).then(|| page_url(n - 1)),
                next: (*n < total).then(|| page_url(n + 1)),
                pages: (1..=total)
                    .map(|k| Link {
                        title: k.to_string(),
                        url: page_url(k),
                    })
                    .collect(),
            };
            let path = if *n == 1 {
                "minutes/index.html".to_string()
            } else {
                format!("minutes/page/{n}/index.html")
            };
            let title = if *n == 1 {
                "Minutes".to_string()
            } else {
                format!("Minutes, page {n}")
            };
            html(
                &path,
                "minutes.html",
                meta(
                    title.clone(),
                    format!(
                        "Minutes of the calls of {}, newest first",
                        site.config.title
                    ),
                    &path,
                    "minutes",
                ),
                &(
                    ("items", items),
                    ("pagination", Some(pagination)),
                    ("heading", title),
                    ("years", years(ctx)),
                ),
            )
        }
        Job::MinutesYear(year) => {
            let items: Vec<RecordItem> = site
                .minutes
                .iter()
                .filter(|m| m.date.year() == *year)
                .map(|m| record_item(ctx, m))
                .collect();
            let path = format!("minutes/{year}/index.html");
            let title = format!("Minutes of {year}");
            html(
                &path,
                "minutes.html",
                meta(
                    title.clone(),
                    format!("Minutes of the calls of {} in {year}", site.config.title),
                    &path,
                    "minutes",
                ),
                &(
                    ("items", items),
                    ("pagination", None::<Pagination>),
                    ("heading", title),
                    ("years", years(ctx)),
                ),
            )
        }
        Job::Record(kind, i) => {
            let list = if *kind == RecordKind::Minutes {
                &site.minutes
            } else {
                &site.agendas
            };
            let r = &list[*i];
            let folder = if *kind == RecordKind::Minutes {
                "minutes"
            } else {
                "agendas"
            };
            let path = format!("{folder}/{}/{}/index.html", r.call, r.date);
            let key = ctx.cache.map(|_| record_fingerprint(ctx, r));
            if let (Some(cache), Some(key)) = (ctx.cache, key)
                && let Some(bytes) = cache.page(&path, key)
            {
                return Ok(OutputFile {
                    path,
                    contents: Contents::Shared(bytes),
                });
            }
            let view = record_view(ctx, r);
            let (_, summary) = ctx.body(&r.file);
            let description = if summary.is_empty() {
                format!("{} of {}", capitalize(kind.noun()), view.title)
            } else {
                summary
            };
            let page = html(
                &path,
                "record.html",
                meta(view.title.clone(), description, &path, "minutes"),
                &("record", view),
            )?;
            if let (Some(cache), Some(key)) = (ctx.cache, key) {
                return Ok(share(cache, key, page));
            }
            Ok(page)
        }
        Job::Faq => {
            let sections = faq_sections(ctx);
            let json_ld = faq_json_ld(&sections);
            html(
                "faq/index.html",
                "faq.html",
                meta(
                    "Frequently asked questions".into(),
                    format!("Questions and answers about {}", site.config.title),
                    "faq/",
                    "faq",
                ),
                &(("sections", sections), ("json_ld", json_ld)),
            )
        }
        Job::Cocs => {
            let countries = coc_countries(ctx);
            let total = site.cocs.len();
            let active = site.cocs.iter().filter(|c| c.active).count();
            html(
                "cocs/index.html",
                "cocs.html",
                meta(
                    "Committees of Correspondence".into(),
                    format!(
                        "{} of Correspondence, by country and region",
                        crate::diagnostics::plural(total, "Committee")
                    ),
                    "cocs/",
                    "cocs",
                ),
                &(
                    ("countries", countries),
                    ("total", total),
                    ("active", active),
                ),
            )
        }
        Job::Decisions => {
            let decisions = all_decisions(ctx);
            html(
                "decisions/index.html",
                "decisions.html",
                meta(
                    "Decisions".into(),
                    format!(
                        "Every decision recorded in the public minutes of {}",
                        site.config.title
                    ),
                    "decisions/",
                    "decisions",
                ),
                &("decisions", decisions),
            )
        }
        Job::Page(i) => {
            let p = &site.pages[*i];
            let (body, summary) = ctx.body(&p.file);
            let path = format!("{}/index.html", p.id);
            html(
                &path,
                "page.html",
                meta(p.title.clone(), summary, &path, "page"),
                &(("title", p.title.clone()), ("body_html", body)),
            )
        }
        Job::Search => html(
            "search/index.html",
            "search.html",
            meta(
                "Search".into(),
                format!("Search the minutes, calls and FAQ of {}", site.config.title),
                "search/",
                "search",
            ),
            &(),
        ),
        Job::NotFound => html(
            "404.html",
            "404.html",
            meta(
                "Page not found".into(),
                "This page does not exist".into(),
                "404.html",
                "none",
            ),
            &(),
        ),
        Job::Atom => Ok(OutputFile {
            path: "feed.xml".into(),
            contents: Contents::Bytes(
                super::feeds::atom(ctx.site, &ctx.base_url, &|f| ctx.body(f)).into_bytes(),
            ),
        }),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn years(ctx: &Ctx) -> Vec<Link> {
    ctx.years
        .iter()
        .map(|y| Link {
            title: y.to_string(),
            url: format!("{}minutes/{y}/", ctx.base_path),
        })
        .collect()
}

/// A record's title; withheld minutes show only their call and date, since
/// a title can say as much as the notes.
fn record_title(ctx: &Ctx, r: &Record) -> String {
    r.title
        .clone()
        .filter(|_| ctx.site.is_public(r))
        .unwrap_or_else(|| {
            let call = ctx
                .site
                .call(&r.call)
                .map_or(r.call.as_str(), |c| c.title.as_str());
            format!("{call}, {}", words::long_date(r.date))
        })
}

fn record_item(ctx: &Ctx, r: &Record) -> RecordItem {
    let public = ctx.site.is_public(r);
    let call = ctx.site.call(&r.call);
    RecordItem {
        title: record_title(ctx, r),
        call_title: call.map_or_else(|| r.call.clone(), |c| c.title.clone()),
        call_url: ctx.url(&format!("calls/{}/", r.call)),
        date: r.date.to_string(),
        date_label: words::day_label(r.date),
        url: public.then(|| ctx.record_url(r)),
        withheld: !public,
        summary: if public {
            ctx.body(&r.file).1
        } else {
            String::new()
        },
    }
}

/// Decisions of public minutes: the front-matter list, then those recorded
/// inline with their anchors.
fn decisions_of(ctx: &Ctx, r: &Record) -> Vec<DecisionView> {
    if r.kind != RecordKind::Minutes || !ctx.site.is_public(r) {
        return Vec::new();
    }
    let url = ctx.record_url(r);
    let call_title = ctx
        .site
        .call(&r.call)
        .map_or_else(|| r.call.clone(), |c| c.title.clone());
    let mut out: Vec<DecisionView> = r
        .decisions
        .iter()
        .map(|text| DecisionView {
            text: text.clone(),
            date: r.date.to_string(),
            date_label: words::long_date(r.date),
            call_title: call_title.clone(),
            url: format!("{url}#decisions"),
        })
        .collect();
    if let Some(body) = ctx.bodies.get(r.file.as_str()) {
        out.extend(body.decisions.iter().map(|d| DecisionView {
            text: d.text.clone(),
            date: r.date.to_string(),
            date_label: words::long_date(r.date),
            call_title: call_title.clone(),
            url: format!("{url}#{}", d.anchor),
        }));
    }
    out
}

fn all_decisions(ctx: &Ctx) -> Vec<DecisionView> {
    ctx.site
        .minutes
        .iter()
        .flat_map(|m| decisions_of(ctx, m))
        .collect()
}

/// Everything a record page shows, hashed: the record and its body, its
/// call's title and times, its neighbours among the call's public minutes,
/// its agenda or minutes counterpart, and what every page depends on.
fn record_fingerprint(ctx: &Ctx, r: &Record) -> u64 {
    let call = ctx.site.call(&r.call);
    let call_part = call.map(|c| {
        (
            &c.title,
            c.start,
            c.timezone.name(),
            c.moved.iter().map(|m| (m.from, m.to)).collect::<Vec<_>>(),
        )
    });
    let neighbours: Vec<NaiveDate> = ctx
        .public_minutes_of
        .get(r.call.as_str())
        .map(|list| {
            let pos = list.iter().position(|m| std::ptr::eq(*m, r));
            pos.map_or_else(Vec::new, |p| {
                [p.checked_sub(1), Some(p + 1)]
                    .into_iter()
                    .flatten()
                    .filter_map(|q| list.get(q))
                    .map(|m| m.date)
                    .collect()
            })
        })
        .unwrap_or_default();
    let counterpart = |map: &HashMap<(&str, NaiveDate), &Record>| {
        map.get(&(r.call.as_str(), r.date))
            .map(|x| ctx.site.is_public(x))
    };
    hash_of(&(
        ctx.global_key,
        (
            &r.file,
            r.kind,
            &r.call,
            r.date,
            &r.title,
            &r.recording,
            r.attendance,
            &r.decisions,
            r.withheld,
        ),
        ctx.body_keys.get(r.file.as_str()),
        call_part,
        neighbours,
        counterpart(&ctx.minutes_at),
        counterpart(&ctx.agendas_at),
        ctx.site.is_public(r),
    ))
}

fn record_view(ctx: &Ctx, r: &Record) -> RecordView {
    let site = ctx.site;
    let call = site.call(&r.call);
    let no_minutes = Vec::new();
    let same_call = ctx
        .public_minutes_of
        .get(r.call.as_str())
        .unwrap_or(&no_minutes);
    // site.minutes is newest first: "previous" is the next older one.
    let pos = same_call.iter().position(|m| std::ptr::eq(*m, r));
    let link = |m: &Record| Link {
        title: words::long_date(m.date),
        url: ctx.record_url(m),
    };
    let (previous, next) = match (r.kind, pos) {
        (RecordKind::Minutes, Some(p)) => (
            same_call.get(p + 1).map(|m| link(m)),
            p.checked_sub(1)
                .and_then(|q| same_call.get(q))
                .map(|m| link(m)),
        ),
        _ => (None, None),
    };
    let start = call.map(|c| schedule::meeting_start(c, r.date));
    let retention = Duration::days(i64::from(site.config.policy.recording_retention_days));
    let other = |map: &HashMap<(&str, NaiveDate), &Record>| {
        map.get(&(r.call.as_str(), r.date))
            .copied()
            .filter(|x| site.is_public(x))
            .map(|x| ctx.record_url(x))
    };
    RecordView {
        kind: r.kind.noun(),
        title: record_title(ctx, r),
        call_title: call.map_or_else(|| r.call.clone(), |c| c.title.clone()),
        call_url: ctx.url(&format!("calls/{}/", r.call)),
        date: r.date.to_string(),
        date_label: words::day_label(r.date),
        datetime: start.map(|t| t.to_rfc3339()),
        time: start.as_ref().map(words::time_label),
        attendance: r.attendance,
        recording: r.recording.clone(),
        recording_expired: r.recording.is_some() && ctx.now.date_naive() > r.date + retention,
        decisions: decisions_of(ctx, r)
            .into_iter()
            .filter(|d| d.url.ends_with("#decisions"))
            .collect(),
        body_html: ctx.body(&r.file).0,
        agenda_url: if r.kind == RecordKind::Minutes {
            other(&ctx.agendas_at)
        } else {
            None
        },
        minutes_url: if r.kind == RecordKind::Agenda {
            other(&ctx.minutes_at)
        } else {
            None
        },
        previous,
        next,
    }
}

fn call_view(ctx: &Ctx, i: usize, call: &Call, full: bool) -> CallView {
    let occs = &ctx.occurrences[i];
    let upcoming: Vec<OccurrenceView> = occs
        .iter()
        .filter(|o| o.end.with_timezone(&Utc) > ctx.now)
        .take(NEXT_COUNT)
        .map(|o| ctx.occurrence(call, o))
        .collect();
    let sample = occs
        .iter()
        .find(|o| o.end.with_timezone(&Utc) > ctx.now)
        .or(occs.last())
        .map(|o| o.start)
        .unwrap_or_else(|| schedule::resolve(call.timezone, call.start).0);
    let past = if full {
        past_occurrences(ctx, call, occs)
    } else {
        Vec::new()
    };
    let host_coc = call
        .host
        .as_ref()
        .and_then(|h| ctx.site.cocs.iter().find(|c| &c.id == h));
    let ics = format!("{}calls/{}.ics", ctx.base_url, call.id);
    let google = call
        .rule
        .is_none()
        .then(|| google_link(call, ctx))
        .flatten();
    let minutes_count = call.duration_minutes;
    CallView {
        id: call.id.clone(),
        url: ctx.url(&format!("calls/{}/", call.id)),
        title: call.title.clone(),
        summary: call.summary.clone(),
        host: host_coc.map(|c| Link {
            title: c.name.clone(),
            url: format!("{}cocs/#{}", ctx.base_path, c.id),
        }),
        host_text: if host_coc.is_none() {
            call.host.clone()
        } else {
            None
        },
        schedule: words::schedule(call, &sample),
        duration: match (minutes_count / 60, minutes_count % 60) {
            (0, m) => crate::diagnostics::plural(m as usize, "minute"),
            (1, 0) => "1 hour".into(),
            (h, 0) => format!("{h} hours"),
            (h, m) => format!("{h} h {m} min"),
        },
        status: match call.status {
            CallStatus::Requested => "requested",
            CallStatus::Scheduled => "scheduled",
            CallStatus::Cancelled => "cancelled",
        },
        emergency: call.emergency,
        facilitator: call.facilitator.clone(),
        backup_facilitator: call.backup_facilitator.clone(),
        tech: call.tech.clone(),
        register: call.register.clone(),
        dial_in: call.dial_in.clone(),
        notes_doc: call.notes_doc.clone(),
        list: call.list.clone(),
        tags: call.tags.clone(),
        minutes_public: call.minutes_public,
        body_html: if full {
            ctx.body(&call.file).0
        } else {
            String::new()
        },
        next: upcoming.iter().find(|o| !o.cancelled).cloned(),
        upcoming,
        past,
        subscribe: SubscribeView {
            webcal: ics
                .replacen("https://", "webcal://", 1)
                .replacen("http://", "webcal://", 1),
            https: ics,
            google,
        },
    }
}

/// Past meetings with an agenda or minutes (all of them), plus the most
/// recent ones without.
fn past_occurrences(ctx: &Ctx, call: &Call, occs: &[Occurrence]) -> Vec<OccurrenceView> {
    let mut by_date: BTreeMap<NaiveDate, OccurrenceView> = BTreeMap::new();
    let recent: Vec<&Occurrence> = occs
        .iter()
        .filter(|o| o.end.with_timezone(&Utc) <= ctx.now)
        .collect();
    for o in recent.iter().rev().take(RECENT_PAST) {
        by_date.insert(o.start.date_naive(), ctx.occurrence(call, o));
    }
    let today = ctx.now.with_timezone(&call.timezone).date_naive();
    let records = ctx
        .records_of
        .get(call.id.as_str())
        .map_or(&[][..], Vec::as_slice);
    for r in records.iter().filter(|r| r.date <= today) {
        if by_date.contains_key(&r.date) {
            continue;
        }
        let start = schedule::meeting_start(call, r.date);
        let local = start.naive_local();
        let o = Occurrence {
            start,
            end: start + Duration::minutes(i64::from(call.duration_minutes)),
            original: local,
            status: OccurrenceStatus::Scheduled,
        };
        by_date.insert(r.date, ctx.occurrence(call, &o));
    }
    by_date.into_values().rev().collect()
}

/// "Add to Google Calendar" for a one-off call.
fn google_link(call: &Call, ctx: &Ctx) -> Option<String> {
    let local = call.moved.first().map_or(call.start, |m| m.to);
    let (start, _) = schedule::resolve(call.timezone, local);
    let end = start + Duration::minutes(i64::from(call.duration_minutes));
    let fmt =
        |t: DateTime<chrono_tz::Tz>| t.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string();
    let details = format!(
        "{}{}",
        call.summary.clone().map(|s| s + "\n").unwrap_or_default(),
        ctx.base_url.clone() + "calls/" + &call.id + "/"
    );
    Some(format!(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={}/{}&ctz={}&details={}",
        encode(&call.title),
        fmt(start),
        fmt(end),
        encode(call.timezone.name()),
        encode(&details)
    ))
}

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn month_view(ctx: &Ctx, year: i32, month: u32) -> MonthView {
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
    let days_in = crate::load::fields::days_in_month(year, month);
    let mut per_day: BTreeMap<NaiveDate, Vec<OccurrenceView>> = BTreeMap::new();
    let mut all: Vec<(DateTime<Utc>, &str, OccurrenceView)> = Vec::new();
    for (call, occs) in ctx.site.calls.iter().zip(&ctx.occurrences) {
        for o in occs
            .iter()
            .filter(|o| o.start.year() == year && o.start.month() == month)
        {
            all.push((
                o.start.with_timezone(&Utc),
                &call.id,
                ctx.occurrence(call, o),
            ));
        }
    }
    all.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    for (_, _, v) in all {
        if let Ok(d) = NaiveDate::parse_from_str(&v.date, "%Y-%m-%d") {
            per_day.entry(d).or_default().push(v);
        }
    }
    let lead = first.weekday().num_days_from_sunday();
    let mut weeks = Vec::new();
    let mut week = Vec::new();
    for _ in 0..lead {
        week.push(DayCell {
            day: None,
            date: String::new(),
            label: String::new(),
            occurrences: Vec::new(),
        });
    }
    for d in 1..=days_in {
        let date = NaiveDate::from_ymd_opt(year, month, d).unwrap_or(first);
        week.push(DayCell {
            day: Some(d),
            date: date.to_string(),
            label: words::day_label(date),
            occurrences: per_day.get(&date).cloned().unwrap_or_default(),
        });
        if week.len() == 7 {
            weeks.push(std::mem::take(&mut week));
        }
    }
    if !week.is_empty() {
        while week.len() < 7 {
            week.push(DayCell {
                day: None,
                date: String::new(),
                label: String::new(),
                occurrences: Vec::new(),
            });
        }
        weeks.push(week);
    }
    let months = &ctx.months;
    let pos = months.iter().position(|m| *m == (year, month));
    let link = |(y, m): (i32, u32)| Link {
        title: words::month_label(y, m),
        url: format!("{}calendar/{y:04}-{m:02}/", ctx.base_path),
    };
    let days = per_day
        .into_iter()
        .map(|(d, occurrences)| DayView {
            date: d.to_string(),
            label: words::day_label(d),
            occurrences,
        })
        .collect();
    MonthView {
        slug: format!("{year:04}-{month:02}"),
        label: words::month_label(year, month),
        previous: pos
            .and_then(|p| p.checked_sub(1))
            .and_then(|p| months.get(p))
            .copied()
            .map(link),
        next: pos.and_then(|p| months.get(p + 1)).copied().map(link),
        weeks,
        days,
    }
}

fn faq_sections(ctx: &Ctx) -> Vec<FaqSectionView> {
    let links = &ctx.links;
    ctx.site
        .faq
        .iter()
        .map(|s| {
            let render = |text: &str, line: u32| {
                markdown::render(
                    text,
                    &MarkdownOptions {
                        file: &s.file,
                        first_line: line,
                        links,
                        decisions: false,
                    },
                )
                .html
            };
            FaqSectionView {
                title: s.title.clone(),
                anchor: s.id.clone(),
                intro_html: render(&s.intro, 1),
                questions: s
                    .questions
                    .iter()
                    .map(|q| QuestionView {
                        anchor: format!("{}-{}", s.id, markdown::slug(&q.question)),
                        question: q.question.clone(),
                        answer_html: render(&q.answer, q.line + 1),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// FAQPage structured data; `</` is escaped so the JSON cannot end its
/// `<script>` element early.
fn faq_json_ld(sections: &[FaqSectionView]) -> String {
    let entities: Vec<serde_json::Value> = sections
        .iter()
        .flat_map(|s| &s.questions)
        .map(|q| serde_json::json!({"@type": "Question", "name": q.question, "acceptedAnswer": {"@type": "Answer", "text": q.answer_html}}))
        .collect();
    let doc = serde_json::json!({"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities});
    serde_json::to_string(&doc)
        .unwrap_or_default()
        .replace("</", "<\\/")
}

fn coc_countries(ctx: &Ctx) -> Vec<CountryView> {
    let mut by_country: BTreeMap<String, BTreeMap<String, Vec<CocView>>> = BTreeMap::new();
    for c in &ctx.site.cocs {
        let view = CocView {
            id: c.id.clone(),
            name: c.name.clone(),
            ga: c.ga.clone(),
            city: c.city.clone(),
            approved: c.approved.map(words::long_date),
            contact: c.contact.clone(),
            website: c.website.clone(),
            active: c.active,
            body_html: ctx.body(&c.file).0,
        };
        by_country
            .entry(c.country.clone().unwrap_or_default())
            .or_default()
            .entry(c.region.clone().unwrap_or_default())
            .or_default()
            .push(view);
    }
    let mut countries: Vec<CountryView> = by_country
        .into_iter()
        .map(|(code, regions)| {
            let regions: Vec<RegionView> = regions
                .into_iter()
                .map(|(name, mut cocs)| {
                    // Active first, then by name.
                    cocs.sort_by(|a, b| {
                        (!a.active, &a.name, &a.id).cmp(&(!b.active, &b.name, &b.id))
                    });
                    RegionView {
                        name,
                        count: cocs.len(),
                        cocs,
                    }
                })
                .collect();
            let count = regions.iter().map(|r| r.count).sum();
            let active = regions
                .iter()
                .flat_map(|r| &r.cocs)
                .filter(|c| c.active)
                .count();
            CountryView {
                name: super::countries::name(&code).to_string(),
                anchor: format!("country-{}", code.to_lowercase()),
                code,
                count,
                active,
                regions,
            }
        })
        .collect();
    // Most CoCs first; the code breaks ties.
    countries.sort_by(|a, b| (b.count, &a.code).cmp(&(a.count, &b.code)));
    countries
}

/// Types a page can add to its context, with their names.
mod erased {
    use serde::Serialize;

    /// Inserts named values into a Tera context.
    pub trait Data {
        fn insert(&self, c: &mut tera::Context);
    }

    impl Data for () {
        fn insert(&self, _: &mut tera::Context) {}
    }

    impl<T: Serialize> Data for (&'static str, T) {
        fn insert(&self, c: &mut tera::Context) {
            c.insert(self.0, &self.1);
        }
    }

    impl<A: Data, B: Data> Data for (A, B) {
        fn insert(&self, c: &mut tera::Context) {
            self.0.insert(c);
            self.1.insert(c);
        }
    }

    impl<A: Data, B: Data, C: Data> Data for (A, B, C) {
        fn insert(&self, c: &mut tera::Context) {
            self.0.insert(c);
            self.1.insert(c);
            self.2.insert(c);
        }
    }

    impl<A: Data, B: Data, C: Data, D: Data> Data for (A, B, C, D) {
        fn insert(&self, c: &mut tera::Context) {
            self.0.insert(c);
            self.1.insert(c);
            self.2.insert(c);
            self.3.insert(c);
        }
    }
}
