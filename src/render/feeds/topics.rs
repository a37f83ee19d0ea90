//! `/tags/TAG.ics` and `/cocs/ID.ics`: the calls of one topic or one host
//! CoC, written by the same [`ical::feed`] as `/calendar.ics`, so every
//! event, UID and override is the site feed's own, byte for byte. Calendar
//! apps that merge subscriptions by UID (Apple Calendar, Thunderbird)
//! then never show a meeting twice.

use super::ical;
use crate::content::Call;
use crate::model::Site;
use crate::render::plan::PageKind;

/// The calls of a topic or host feed, and the feed's name.
pub fn calls_of(site: &Site, kind: PageKind) -> (Vec<&Call>, String) {
    let (positions, label) = match kind {
        PageKind::TagFeed(i) => {
            let topic = &site.topics()[i];
            (topic.calls.as_slice(), topic.name.clone())
        }
        PageKind::CocFeed(i) => {
            let coc = &site.cocs[i];
            (site.hosted_by(&coc.id), coc.name.clone())
        }
        _ => (&[][..], String::new()),
    };
    let calls = positions.iter().map(|&i| &site.calls[i]).collect();
    (calls, format!("{} – {label}", site.config.calendar.name))
}

/// The feed of a topic or host.
pub fn feed(site: &Site, kind: PageKind, fc: &ical::FeedContext) -> String {
    let (calls, name) = calls_of(site, kind);
    ical::feed(&calls, fc, &name)
}
