//! `/feed.xml`: an Atom feed of the latest public minutes, which
//! RSS-to-email services and feed readers follow.

use super::xml_escape;
use crate::render::context::RenderCtx;
use std::fmt::Write as _;

/// How many minutes the Atom feed carries.
const ATOM_ENTRIES: usize = 20;

/// The Atom feed; withheld minutes are never in it.
pub fn atom(ctx: &RenderCtx) -> String {
    let site = ctx.site;
    let base_url = &ctx.base.url;
    let public: Vec<_> = site
        .minutes
        .iter()
        .filter_map(|m| site.record_route(m).map(|route| (m, route)))
        .take(ATOM_ENTRIES)
        .collect();
    let updated = public.first().map_or_else(
        || "1970-01-01T00:00:00Z".to_string(),
        |(m, _)| format!("{}T00:00:00Z", m.date),
    );
    let title = xml_escape(&site.config.title);
    let base = xml_escape(base_url);
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    let _ = writeln!(x, "  <title>{title} – minutes</title>");
    let _ = writeln!(x, "  <link rel=\"self\" href=\"{base}feed.xml\"/>");
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{base}minutes/\"/>"
    );
    let _ = writeln!(x, "  <id>{base}feed.xml</id>");
    let _ = writeln!(x, "  <updated>{updated}</updated>");
    let _ = writeln!(x, "  <author><name>{title}</name></author>");
    for (m, route) in public {
        let url = xml_escape(&ctx.base.absolute(&route));
        let summary = ctx.bodies.summary(&m.file);
        let html = ctx.bodies.html(&m.file);
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <title>{}</title>", xml_escape(&site.title_of(m)));
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>"
        );
        let _ = writeln!(x, "    <id>{url}</id>");
        let _ = writeln!(x, "    <updated>{}T00:00:00Z</updated>", m.date);
        if !summary.is_empty() {
            let _ = writeln!(x, "    <summary>{}</summary>", xml_escape(summary));
        }
        let _ = writeln!(
            x,
            "    <content type=\"html\">{}</content>",
            xml_escape(&html.text)
        );
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}
