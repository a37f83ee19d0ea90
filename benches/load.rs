//! Loading benchmark: 10,000 minutes files of 2–6 KB, read and validated
//! with one thread and with all of them. Run with `cargo bench --bench load`.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

const MINUTES: usize = 10_000;
const CALLS: usize = 100;
const RUNS: usize = 5;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_site(dir.path());
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T00:00:00Z").unwrap();
    let opts = callsite::BuildOptions::new(dir.path(), now.to_utc());
    let threads = rayon::current_num_threads();
    println!("{MINUTES} minutes files, {CALLS} calls; median of {RUNS} runs after a warm-up");
    for (label, pool_threads) in [("1 thread", 1), ("all threads", threads)] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(pool_threads)
            .build()
            .unwrap();
        let load = median(|| {
            pool.install(|| {
                let s = callsite::load::load(&opts.root).unwrap();
                assert_eq!(s.minutes.len(), MINUTES);
            })
        });
        let check = median(|| {
            pool.install(|| {
                let r = callsite::check(&opts).unwrap();
                assert!(!r.has_errors(), "{:?}", r.diagnostics.first());
            })
        });
        println!(
            "{label:>12} ({pool_threads}): load {:>7.1} ms   load+validate {:>7.1} ms",
            ms(load),
            ms(check)
        );
    }
}

fn median(mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A deterministic archive: weekly Monday calls since 2024, minutes on
/// their meetings, bodies of 2–6 KB of ordinary Markdown.
fn write_site(root: &Path) {
    let content = root.join("content");
    for d in ["calls", "minutes"] {
        std::fs::create_dir_all(content.join(d)).unwrap();
    }
    std::fs::write(
        content.join("site.yaml"),
        "title: Bench\nbase_url: https://example.org/\ntimezone: America/New_York\n",
    )
    .unwrap();
    for c in 0..CALLS {
        std::fs::write(
            content.join(format!("calls/call-{c}.md")),
            format!("---\ntitle: Call {c}\nstart: 2024-01-01 20:00\nrepeat: weekly\nstatus: requested\n---\nA call.\n"),
        )
        .unwrap();
    }
    let first = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut seed = 42u64;
    for m in 0..MINUTES {
        let call = m % CALLS;
        let date = first + chrono::Duration::weeks((m / CALLS) as i64);
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let paragraphs = 4 + (seed >> 33) as usize % 12;
        let mut body = String::new();
        for p in 0..paragraphs {
            let _ = write!(
                body,
                "## Item {p}\n\nThe group discussed *item {p}* and agreed to follow up. See the [notes](https://example.org/notes/{m}).\n\n- first point raised by the facilitator\n- a second point, with **emphasis**\n\n> A quote from the call.\n\n| who | what |\n|---|---|\n| outreach | flyers |\n\n"
            );
        }
        std::fs::write(
            content.join(format!("minutes/m-{m}.md")),
            format!("---\ncall: call-{call}\ndate: {date}\nattendance: {}\ndecisions:\n  - Decision {m}\n---\n{body}", 10 + m % 40),
        )
        .unwrap();
    }
}
