//! Counts and nouns agree in what callsite says: no "1 minutes", no "an
//! minutes file", no "these agenda". Two ways: every message and page
//! text that carries a count is produced with a count of one and of two
//! and read for slips; and every template in the source that puts a
//! number before a plural noun must be one whose number is never 1.

mod common;

use common::Site;
use std::path::Path;

/// Nouns that must not follow a count of one.
const PLURALS: [&str; 16] = [
    "calls",
    "pages",
    "errors",
    "warnings",
    "agendas",
    "hours",
    "days",
    "files",
    "properties",
    "times",
    "weeks",
    "committees",
    "minutes",
    "meetings",
    "months",
    "years",
];

/// The slips in `text`: "1 <plural>" ("1 minutes file" is right), "an"
/// before a consonant, "these agenda" / "this minutes name", and "every
/// (published) minutes is" ("every minutes page" is right).
fn slips(text: &str) -> Vec<String> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || "(),.;:`'\"".contains(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut found = Vec::new();
    for (i, pair) in words.windows(2).enumerate() {
        let next = words.get(i + 2).map_or("", String::as_str);
        let (a, b) = (pair[0].as_str(), pair[1].as_str());
        let bad = match a {
            "1" => PLURALS.contains(&b) && !(b == "minutes" && next == "file"),
            "an" => matches!(b, "minutes" | "call" | "page" | "file" | "committee"),
            "these" => b == "agenda",
            "this" => b == "minutes" && next != "file",
            "every" | "each" => {
                (b == "minutes" && !RECORD_NOUNS.contains(&next))
                    || (b == "published" && next == "minutes")
            }
            _ => false,
        };
        if bad {
            found.push(format!("{a} {b} {next}"));
        }
    }
    found
}

/// Nouns "minutes" qualifies in "every minutes page".
const RECORD_NOUNS: [&str; 5] = ["file", "page", "shard", "entry", "date"];

#[test]
fn the_slip_finder_finds_slips() {
    assert_eq!(
        slips("built 9 pages (1 call, 1 minutes) in"),
        ["1 minutes in"]
    );
    assert_eq!(slips("there is already an minutes file").len(), 1);
    assert_eq!(slips("these agenda name the call").len(), 1);
    assert_eq!(slips("every published minutes is in the archive").len(), 1);
    assert_eq!(slips("false withholds every minutes of this call").len(), 1);
    assert!(slips("every minutes page; all published minutes are here").is_empty());
    assert!(slips("checked 1 call, 1 minutes file, 2 agendas: 1 error, 0 warnings").is_empty());
}

/// Everything printed by a run, and the text of the pages it built.
fn said(site: &Site, args: &[&str]) -> String {
    let run = site.run(args);
    format!("{}\n{}", run.stdout, run.stderr)
}

fn pages_text(site: &Site) -> String {
    site.tree("output")
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
BEGIN:VEVENT\r\nUID:monday@x\r\nDTSTART;TZID=America/New_York:20270104T200000\r\n\
DTEND;TZID=America/New_York:20270104T210000\r\nSUMMARY:Monday call\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:orphan@x\r\nRECURRENCE-ID;TZID=America/New_York:20270105T200000\r\n\
DTSTART;TZID=America/New_York:20270105T210000\r\nSUMMARY:Orphan\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

/// The site with `n` of everything a message counts.
fn scenario(n: u32) -> String {
    let site = Site::minimal();
    let mut out = String::new();
    let policy = format!("policy:\n  link_posted_hours: {n}\n  recording_retention_days: {n}\n");
    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    let yaml = yaml
        .replace(
            "policy:\n  link_posted_hours: 48\n  recording_retention_days: 120\n",
            &policy,
        )
        .replace("calendar:\n", &format!("calendar:\n  horizon_days: {n}\n"));
    site.write("site.yaml", &yaml);
    // A call meeting within the hour, without a registration link; one
    // that meets `n` times; one that lasts `n` minutes.
    site.write(
        "calls/soon.md",
        "---\ntitle: Soon\nstart: 2026-11-23 20:00\nstatus: scheduled\nfacilitator: A\nbackup_facilitator: B\ntech: C\n---\n",
    );
    site.write(
        "calls/short.md",
        &format!("---\ntitle: Short\nstart: 2026-11-30 20:00\nrepeat: weekly\ncount: {n}\nduration: {n}m\n---\n"),
    );
    for i in 0..n {
        site.write(
            &format!("minutes/old-{i}.md"),
            &format!(
                "---\ncall: weekly\ndate: 2026-11-{:02}\nrecording: https://example.org/r\n---\n",
                2 + 7 * i
            ),
        );
        site.write(
            &format!("agendas/nowhere-{i}.md"),
            &format!("---\ncall: nowhere\ndate: 2026-11-{:02}\n---\n", 2 + 7 * i),
        );
    }
    // The minimal site has one CoC already.
    for i in 1..n {
        site.write(
            &format!("cocs/extra-{i}.md"),
            "---\nname: Extra\ncountry: US\nstatus: active\n---\n",
        );
    }
    let now = "2026-11-24T00:30:00Z";
    out += &said(&site, &["check", "--now", now]);
    // Without the broken agendas the site builds.
    for i in 0..n {
        site.remove(&format!("agendas/nowhere-{i}.md"));
    }
    out += &said(&site, &["build", "--now", now]);
    out += &pages_text(&site);
    site.write(
        "agendas/weekly-next.md",
        "---\ncall: weekly\ndate: 2026-11-30\n---\n",
    );
    out += &said(
        &site,
        &["new", "agenda", "weekly", "2026-11-30", "--now", now],
    );
    out += &said(
        &site,
        &["new", "minutes", "weekly", "2026-11-02", "--now", now],
    );
    for i in 0..n {
        std::fs::write(site.root().join(format!("output/stray-{i}")), "x").unwrap();
    }
    out += &said(&site, &["build", "--now", now]);
    let ics = site.root().join("export.ics");
    std::fs::write(&ics, ICS).unwrap();
    out += &said(&site, &["import", ics.to_str().unwrap()]);
    out
}

#[test]
fn messages_and_pages_read_right_with_one_and_with_two() {
    let one = scenario(1);
    for expected in [
        "within 1 hour,",
        "at least 1 hour before",
        "checked 3 calls, 2 minutes files, 1 agenda",
        "3 warnings (2 date-driven)",
        "this agenda names the call `nowhere`",
        "already has an agenda:",
        "already has minutes:",
        "it holds a file that callsite did not write",
        "1 warning to look at above",
        "1 committee",
        "in the next 1 day",
        "once, on",
        "1 minute",
    ] {
        assert!(one.contains(expected), "`{expected}` not said:\n{one}");
    }
    assert_eq!(slips(&one), Vec::<String>::new());
    let two = scenario(2);
    for expected in [
        "within 2 hours,",
        "it holds 2 files",
        "2 committees",
        "2 times from",
    ] {
        assert!(two.contains(expected), "`{expected}` not said:\n{two}");
    }
    assert_eq!(slips(&two), Vec::<String>::new());
}

/// A `{placeholder}` followed by a plural noun in a Rust string or a
/// template: each one here was read and its number is never 1.
const NEVER_ONE: [(&str, &str); 7] = [
    ("src/output.rs", "format!(\"{} files\", foreign.len())"),
    ("src/time.rs", "{month} has {last} days"),
    ("src/render/words.rs", "every {n} weeks on"),
    ("src/render/words.rs", ", {n} times from"),
    (
        "src/render/pages/calls.rs",
        "(h, 0) => format!(\"{h} hours\")",
    ),
    ("src/render/feeds/vtimezone.rs", "{} lines"),
    ("src/render/feeds/ical.rs", "{} octets"),
];

#[test]
fn no_template_puts_a_number_that_may_be_1_before_a_plural() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut unreviewed = Vec::new();
    for dir in ["src", "themes/default/templates"] {
        for entry in walkdir::WalkDir::new(root.join(dir)) {
            let entry = entry.unwrap();
            let path = entry.path();
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            for (no, line) in text.lines().enumerate() {
                for (at, _) in line.match_indices("} ") {
                    let noun: String = line[at + 2..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphabetic())
                        .collect::<String>()
                        .to_lowercase();
                    let reviewed = NEVER_ONE
                        .iter()
                        .any(|(file, snippet)| rel == *file && line.contains(snippet));
                    if PLURALS.contains(&noun.as_str())
                        && !reviewed
                        && !line[at + 2..].starts_with("minutes file")
                    {
                        unreviewed.push(format!("{rel}:{}: {}", no + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        unreviewed.is_empty(),
        "a number before a plural noun: build it with diagnostics::plural, or, if the number is never 1, add it to NEVER_ONE:\n{}",
        unreviewed.join("\n")
    );
}

/// "every minutes" in what templates and `new` stubs say (the finder's
/// other rules need the numbers of a run, checked above).
#[test]
fn no_template_or_stub_says_every_minutes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for dir in ["src", "themes/default/templates"] {
        for entry in walkdir::WalkDir::new(root.join(dir)) {
            let entry = entry.unwrap();
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            for (no, line) in text.lines().enumerate() {
                let every: Vec<String> = slips(line)
                    .into_iter()
                    .filter(|s| s.starts_with("every ") || s.starts_with("each "))
                    .collect();
                if !every.is_empty() {
                    found.push(format!("{}:{}: {every:?}", entry.path().display(), no + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
