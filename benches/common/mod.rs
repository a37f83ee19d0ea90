//! The synthetic site the Rust benchmarks share: weekly Monday calls since
//! 2014 in four zones, minutes on their meetings, bodies of 2–6 KB of
//! ordinary Markdown. Deterministic.

use std::fmt::Write as _;
use std::path::Path;

/// Writes a site of `minutes` minutes spread over `calls` weekly calls.
pub fn write_site(root: &Path, minutes: usize, calls: usize) {
    let content = root.join("content");
    for d in ["calls", "minutes"] {
        std::fs::create_dir_all(content.join(d)).unwrap();
    }
    std::fs::write(
        content.join("site.yaml"),
        "title: Bench\nbase_url: https://example.org/\ntimezone: America/New_York\n",
    )
    .unwrap();
    let zones = [
        "America/New_York",
        "America/Chicago",
        "Europe/Berlin",
        "America/Los_Angeles",
    ];
    for c in 0..calls {
        std::fs::write(
            content.join(format!("calls/call-{c}.md")),
            format!("---\ntitle: Call {c}\nstart: 2014-01-06 20:00\ntimezone: {}\nrepeat: weekly\nstatus: requested\n---\nA weekly call.\n", zones[c % 4]),
        )
        .unwrap();
    }
    let first = chrono::NaiveDate::from_ymd_opt(2014, 1, 6).unwrap();
    for m in 0..minutes {
        let date = first + chrono::Duration::weeks((m / calls) as i64);
        let mut body = String::new();
        for p in 0..(4 + m % 11) {
            let _ = write!(
                body,
                "## Item {p}\n\nThe group discussed *item {p}*; see the [notes](https://example.org/n/{m}).\n\n- a first point\n- a **second** point\n\n> A quote.\n\n| who | what |\n|---|---|\n| outreach | flyers |\n\n"
            );
        }
        let decisions = if m % 3 == 0 {
            format!("decisions: [Decision {m}]\n")
        } else {
            String::new()
        };
        std::fs::write(
            content.join(format!("minutes/m-{m}.md")),
            format!(
                "---\ncall: call-{}\ndate: {date}\nattendance: {}\n{decisions}---\n{body}",
                m % calls,
                10 + m % 40
            ),
        )
        .unwrap();
    }
}
