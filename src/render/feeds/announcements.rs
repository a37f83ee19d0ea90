//! `/announcements/feed.xml`: one Atom entry per weekly announcement, the
//! newest first. An RSS-to-email service pointed at it mails each new
//! week's digest to the announcements list's subscribers.

use super::xml_escape;
use crate::announce;
use crate::model::routes;
use crate::render::context::RenderCtx;
use chrono::{Datelike, Duration};
use std::fmt::Write as _;

/// The Atom feed of announcements.
pub fn atom(ctx: &RenderCtx) -> String {
    let site = ctx.site;
    let zone = site.config.timezone;
    let weeks = announce::published_weeks(ctx.now, zone);
    // An announcement is published when the week before it begins, so its
    // date never moves with the build.
    let published = |w| {
        let before = (announce::monday(w) - Duration::days(7)).iso_week();
        announce::bounds(before, zone).0
    };
    let title = xml_escape(&site.config.title);
    let base = xml_escape(&ctx.base.url);
    let feed_url = xml_escape(&ctx.base.absolute(routes::ANNOUNCEMENTS_FEED));
    let list_url = xml_escape(&ctx.base.absolute(routes::ANNOUNCEMENTS));
    let updated = weeks
        .last()
        .map(|w| published(*w).to_rfc3339())
        .unwrap_or_default();
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    let _ = writeln!(x, "  <title>{title} – weekly announcements</title>");
    let _ = writeln!(x, "  <link rel=\"self\" href=\"{feed_url}\"/>");
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{list_url}\"/>"
    );
    let _ = writeln!(x, "  <id>{feed_url}</id>");
    let _ = writeln!(x, "  <updated>{updated}</updated>");
    let _ = writeln!(
        x,
        "  <author><name>{title}</name><uri>{base}</uri></author>"
    );
    for week in weeks.iter().rev() {
        let digest = announce::digest(site, ctx.calendar, *week, &ctx.base.url);
        let url = xml_escape(&digest.url);
        let when = published(*week).to_rfc3339();
        x.push_str("  <entry>\n");
        let _ = writeln!(
            x,
            "    <title>{}</title>",
            xml_escape(&format!("Calls of {} ({})", digest.dates, digest.week))
        );
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>"
        );
        let _ = writeln!(x, "    <id>{url}</id>");
        let _ = writeln!(x, "    <published>{when}</published>");
        let _ = writeln!(x, "    <updated>{when}</updated>");
        let _ = writeln!(
            x,
            "    <content type=\"html\">{}</content>",
            xml_escape(&announce::html(&digest))
        );
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}
