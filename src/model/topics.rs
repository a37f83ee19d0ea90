//! Topics: the calls grouped by tag and by the CoC that hosts them, so a
//! subscriber can follow only what they care about. Decided once here:
//! topic pages, topic feeds and widgets all read these lists.

use super::Site;
use crate::content::Call;
use std::collections::{BTreeMap, HashMap};

/// One tag and the calls that carry it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topic {
    /// The tag in URLs: lowercase letters, digits and `-`.
    pub slug: String,
    /// The tag as the first call (by id) writes it.
    pub name: String,
    /// Positions in the site's calls, in the calls' order.
    pub calls: Vec<usize>,
}

/// Every tag of `calls`, by slug; tags that differ only in case or
/// punctuation (`Jail support`, `jail-support`) are one topic. With it,
/// per call, the position of each of its tags' topic, in the order the
/// call lists them (each once: the call's reader drops a repeat): pages
/// and list entries read a tag's slug there instead of deriving it again.
pub fn tags(calls: &[Call]) -> (Vec<Topic>, Vec<Vec<usize>>) {
    let mut by_slug: BTreeMap<String, Topic> = BTreeMap::new();
    let mut slugs_of: Vec<Vec<String>> = Vec::with_capacity(calls.len());
    for (i, call) in calls.iter().enumerate() {
        let mut slugs = Vec::with_capacity(call.tags.len());
        for tag in &call.tags {
            let slug = crate::content::slugify(tag);
            let topic = by_slug.entry(slug.clone()).or_insert_with(|| Topic {
                slug: slug.clone(),
                name: tag.clone(),
                calls: Vec::new(),
            });
            if topic.calls.last() != Some(&i) {
                topic.calls.push(i);
            }
            slugs.push(slug);
        }
        slugs_of.push(slugs);
    }
    let topics: Vec<Topic> = by_slug.into_values().collect();
    // Every slug is a topic's, so its place in the sorted list is its own.
    let of_calls = (slugs_of.iter())
        .map(|slugs| {
            (slugs.iter())
                .map(|slug| topics.partition_point(|t| t.slug < *slug))
                .collect()
        })
        .collect();
    (topics, of_calls)
}

/// Positions of the calls each CoC hosts, by CoC id.
pub fn hosts(calls: &[Call]) -> HashMap<String, Vec<usize>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, call) in calls.iter().enumerate() {
        if let Some(host) = &call.host {
            out.entry(host.clone()).or_default().push(i);
        }
    }
    out
}

impl Site {
    /// Every topic, by slug.
    pub fn topics(&self) -> &[Topic] {
        &self.index.tags
    }

    /// The topic of a tag as a call writes it.
    pub fn topic_of(&self, tag: &str) -> Option<&Topic> {
        let slug = crate::content::slugify(tag);
        self.index
            .tags
            .binary_search_by(|t| t.slug.cmp(&slug))
            .ok()
            .map(|i| &self.index.tags[i])
    }

    /// The topic of each tag of the call at `position`, in the call's
    /// order (a tag written twice is there twice).
    pub fn topics_of(&self, position: usize) -> impl Iterator<Item = &Topic> {
        self.index
            .call_tags
            .get(position)
            .into_iter()
            .flatten()
            .map(|&t| &self.index.tags[t])
    }

    /// Positions of the calls the CoC `id` hosts, in the calls' order.
    pub fn hosted_by(&self, id: &str) -> &[usize] {
        self.index.hosts.get(id).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_that_slug_alike_are_one_topic() {
        let names = [vec!["Jail support", "legal"], vec!["jail-support"], vec![]];
        let calls: Vec<Call> = names
            .iter()
            .enumerate()
            .map(|(i, tags)| {
                let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 5)
                    .and_then(|d| d.and_hms_opt(20, 0, 0))
                    .unwrap();
                let mut c = crate::import::expand::call(start, chrono_tz::UTC, None);
                c.id = format!("c{i}");
                c.tags = tags.iter().map(|t| t.to_string()).collect();
                c
            })
            .collect();
        let (topics, of_calls) = tags(&calls);
        assert_eq!(of_calls, [vec![0, 1], vec![0], vec![]]);
        let slugs: Vec<(&str, &str, &[usize])> = topics
            .iter()
            .map(|t| (t.slug.as_str(), t.name.as_str(), t.calls.as_slice()))
            .collect();
        assert_eq!(
            slugs,
            [
                ("jail-support", "Jail support", &[0, 1][..]),
                ("legal", "legal", &[0][..])
            ]
        );
    }
}
