//! Feed benchmark: `/calendar.ics` for 1,000 weekly series in five zones,
//! each with a cancelled and a moved meeting. Run with
//! `cargo bench --bench feed`.

use std::time::{Duration, Instant};

const SERIES: usize = 1_000;
const RUNS: usize = 21;
const ZONES: [&str; 5] = [
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Europe/Berlin",
    "Europe/London",
];

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("calls")).unwrap();
    std::fs::write(
        content.join("site.yaml"),
        "title: Bench\nbase_url: https://example.org/\ntimezone: America/New_York\ncalendar:\n  reminder: PT8H\n",
    )
    .unwrap();
    for i in 0..SERIES {
        let zone = ZONES[i % ZONES.len()];
        std::fs::write(
            content.join(format!("calls/call-{i}.md")),
            format!(
                "---\ntitle: Weekly call number {i}, with a title long enough to fold\nsummary: Coordination, logistics; and other things\nstart: 2026-01-05 20:00\ntimezone: {zone}\nrepeat: weekly\nuntil: 2027-12-31\ncancelled: [2026-12-28]\nmoved: {{ 2027-01-04: 2027-01-05 20:00 }}\nregister: https://example.org/register/{i}\ntags: [weekly, bench]\nstatus: requested\n---\n"
            ),
        )
        .unwrap();
    }
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T00:00:00Z")
        .unwrap()
        .to_utc();
    let report = callsite::check(&callsite::BuildOptions::new(dir.path(), now)).unwrap();
    assert!(!report.has_errors(), "{:?}", report.diagnostics.first());
    let site = report.site.unwrap();
    let calls: Vec<&callsite::content::Call> = site.calls.iter().collect();
    let ctx = callsite::render::feeds::ical::FeedContext {
        config: &site.config,
        base_url: &site.config.base_url,
        now,
        zones: None,
    };
    let mut bytes = 0;
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let feed = callsite::render::feeds::ical::feed(&calls, &ctx, "Bench");
            let elapsed = t.elapsed();
            bytes = feed.len();
            elapsed
        })
        .collect();
    times.sort();
    println!(
        "calendar.ics for {SERIES} weekly series ({} KB): median {:.2} ms, fastest {:.2} ms of {RUNS} runs",
        bytes / 1024,
        times[RUNS / 2].as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0
    );
}
