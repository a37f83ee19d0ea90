//! `/tags/`, `/tags/TAG/` and `/cocs/ID/`: the calls of one topic or one
//! host CoC with their coming meetings, the topic's own feed (an exact
//! subset of `/calendar.ics`) and the widget to embed elsewhere.

use super::super::context::{RenderCtx, webcal};
use super::super::views::{CocView, DayView, SubscribeView};
use crate::diagnostics::Diagnostic;
use crate::fs::OutputFile;
use crate::model::routes::{self, Embed};
use serde::Serialize;

/// A call in a topic's list.
#[derive(Serialize, Hash)]
struct CallItem {
    title: String,
    url: String,
    summary: Option<String>,
    status: &'static str,
}

/// The snippet that puts a widget on another site.
#[derive(Serialize, Hash)]
pub struct EmbedView {
    pub url: String,
    pub snippet: String,
}

/// The widget at `what` and the `<iframe>` to copy.
pub fn embed_view(ctx: &RenderCtx, what: Embed, title: &str) -> EmbedView {
    let url = ctx.base.absolute(&routes::embed(what));
    let snippet = format!(
        "<iframe src=\"{url}\" title=\"{}\" width=\"100%\" height=\"420\" style=\"border:0\" loading=\"lazy\"></iframe>",
        crate::announce::escape(title)
    );
    EmbedView { url, snippet }
}

/// A link to a topic with its number of calls, for lists and filters.
#[derive(Serialize, Hash)]
pub struct TopicLink {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub feed: String,
    pub count: usize,
}

/// Every topic as a link.
pub fn topic_links(ctx: &RenderCtx) -> Vec<TopicLink> {
    ctx.site
        .topics()
        .iter()
        .map(|t| TopicLink {
            slug: t.slug.clone(),
            name: t.name.clone(),
            url: ctx.link(&routes::tag(&t.slug)),
            feed: ctx.base.absolute(&routes::tag_feed(&t.slug)),
            count: t.calls.len(),
        })
        .collect()
}

#[derive(Serialize, Hash)]
struct TagsView {
    topics: Vec<TopicLink>,
}

/// The list of topics.
pub fn list(ctx: &RenderCtx, route: &str) -> Result<OutputFile, Diagnostic> {
    let view = TagsView {
        topics: topic_links(ctx),
    };
    let meta = ctx.meta(
        "Topics".into(),
        format!(
            "The calls of {} by topic, each with its own calendar feed",
            ctx.site.config.title
        ),
        route,
        "calendar",
    );
    ctx.page(route, "tags.html", meta, &view)
}

#[derive(Serialize, Hash)]
struct TopicView {
    name: String,
    /// `tag` or `coc`.
    kind: &'static str,
    coc: Option<CocView>,
    calls: Vec<CallItem>,
    days: Vec<DayView>,
    subscribe: SubscribeView,
    embed: EmbedView,
}

/// A topic's page.
pub fn tag(ctx: &RenderCtx, route: &str, i: usize) -> Result<OutputFile, Diagnostic> {
    let topic = &ctx.site.topics()[i];
    let feed = ctx.base.absolute(&routes::tag_feed(&topic.slug));
    let view = TopicView {
        name: topic.name.clone(),
        kind: "tag",
        coc: None,
        calls: calls(ctx, &topic.calls),
        days: days(ctx, &topic.calls)?,
        subscribe: subscribe(feed),
        embed: embed_view(ctx, Embed::Tag(&topic.slug), &topic.name),
    };
    let meta = ctx.meta(
        format!("Topic: {}", topic.name),
        format!("Calls about {} and their coming meetings", topic.name),
        route,
        "calendar",
    );
    ctx.page(route, "topic.html", meta, &view)
}

/// A CoC's page: what it is and the calls it hosts.
pub fn coc(ctx: &RenderCtx, route: &str, i: usize) -> Result<OutputFile, Diagnostic> {
    let c = &ctx.site.cocs[i];
    let hosted = ctx.site.hosted_by(&c.id);
    let feed = ctx.base.absolute(&routes::coc_feed(&c.id));
    let view = TopicView {
        name: c.name.clone(),
        kind: "coc",
        coc: Some(super::cocs::coc_view(ctx, c)),
        calls: calls(ctx, hosted),
        days: days(ctx, hosted)?,
        subscribe: subscribe(feed),
        embed: embed_view(ctx, Embed::Coc(&c.id), &c.name),
    };
    let meta = ctx.meta(
        c.name.clone(),
        format!("{} and the calls it hosts", c.name),
        route,
        "cocs",
    );
    let mut meta = meta;
    meta.calendar_url = Some(view.subscribe.https.clone());
    ctx.page(route, "topic.html", meta, &view)
}

fn subscribe(https: String) -> SubscribeView {
    SubscribeView {
        webcal: webcal(&https),
        google: None,
        https,
    }
}

fn calls(ctx: &RenderCtx, positions: &[usize]) -> Vec<CallItem> {
    positions
        .iter()
        .map(|&i| {
            let call = &ctx.site.calls[i];
            CallItem {
                title: call.title.clone(),
                url: ctx.link(&routes::call(&call.id)),
                summary: call.summary.clone(),
                status: match call.status {
                    crate::content::CallStatus::Requested => "requested",
                    crate::content::CallStatus::Scheduled => "scheduled",
                    crate::content::CallStatus::Cancelled => "cancelled",
                },
            }
        })
        .collect()
}

/// The coming meetings of the calls at `positions`, to the horizon.
fn days(ctx: &RenderCtx, positions: &[usize]) -> Result<Vec<DayView>, Diagnostic> {
    let occs = ctx.calendar.ahead_of(positions, ctx.calendar.horizon);
    Ok(super::by_day(super::entries(ctx, occs)?))
}
