//! `/sitemap.xml`: every HTML page of the plan but the not-found page,
//! sorted by URL so the file never depends on build order.

use super::super::context::Base;
use super::super::plan::Planned;
use super::xml_escape;
use std::fmt::Write as _;

/// The sitemap of the planned pages.
pub fn sitemap(base: &Base, planned: &[Planned]) -> String {
    let mut urls: Vec<String> = planned
        .iter()
        .filter(|p| p.kind.in_sitemap())
        .map(|p| base.absolute(&p.route))
        .collect();
    urls.sort();
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls {
        let _ = writeln!(x, "  <url><loc>{}</loc></url>", xml_escape(&u));
    }
    x.push_str("</urlset>\n");
    x
}
