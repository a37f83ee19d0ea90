//! Rebuild benchmark: what `serve` does after one minutes file is edited,
//! on an archive of N minutes (default 10,000; `cargo bench --bench rebuild
//! -- 1000`), against a full render of the same site.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir_in(if Path::new("/dev/shm").is_dir() {
        "/dev/shm"
    } else {
        "."
    })
    .expect("temp dir");
    write_site(dir.path(), n);
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T00:00:00Z")
        .unwrap()
        .to_utc();
    let opts = callsite::BuildOptions::new(dir.path(), now);
    let cache = callsite::Incremental::default();
    let t = Instant::now();
    let first = callsite::render_with(&opts, Some(&cache)).unwrap();
    assert!(first.ok(), "{:?}", first.diagnostics.first());
    let first_time = t.elapsed();
    let target = dir.path().join("content/minutes/m-0.md");
    let original = std::fs::read_to_string(&target).unwrap();
    let mut times: Vec<Duration> = (0..9)
        .map(|i| {
            std::fs::write(&target, format!("{original}\nEdit number {i}.\n")).unwrap();
            let t = Instant::now();
            let site = callsite::render_with(&opts, Some(&cache)).unwrap();
            assert!(site.ok());
            t.elapsed()
        })
        .collect();
    times.sort();
    let t = Instant::now();
    let _ = callsite::render(&opts).unwrap();
    let full = t.elapsed();
    println!(
        "{n} minutes, {} pages: full render {:.0} ms (first with caches {:.0} ms); rebuild after one body edit: median {:.0} ms, worst {:.0} ms",
        first.pages(),
        full.as_secs_f64() * 1000.0,
        first_time.as_secs_f64() * 1000.0,
        times[4].as_secs_f64() * 1000.0,
        times[8].as_secs_f64() * 1000.0
    );
}

fn write_site(root: &Path, n: usize) {
    let content = root.join("content");
    for d in ["calls", "minutes"] {
        std::fs::create_dir_all(content.join(d)).unwrap();
    }
    std::fs::write(
        content.join("site.yaml"),
        "title: Bench\nbase_url: https://example.org/\ntimezone: America/New_York\n",
    )
    .unwrap();
    let calls = (n / 10).max(1);
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
    for m in 0..n {
        let date = first + chrono::Duration::weeks((m / calls) as i64);
        let mut body = String::new();
        for p in 0..(4 + m % 11) {
            let _ = write!(
                body,
                "## Item {p}\n\nThe group discussed *item {p}*; see the [notes](https://example.org/n/{m}).\n\n- a first point\n- a **second** point\n\n> A quote.\n\n| who | what |\n|---|---|\n| outreach | flyers |\n\n"
            );
        }
        std::fs::write(
            content.join(format!("minutes/m-{m}.md")),
            format!(
                "---\ncall: call-{}\ndate: {date}\nattendance: {}\n---\n{body}",
                m % calls,
                10 + m % 40
            ),
        )
        .unwrap();
    }
}
