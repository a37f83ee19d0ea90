//! Loading benchmark: 10,000 minutes files of 2–6 KB, read and validated
//! with one thread and with all of them. Run with `cargo bench --bench load`.

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

const MINUTES: usize = 10_000;
const CALLS: usize = 100;
const RUNS: usize = 5;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    common::write_site(dir.path(), MINUTES, CALLS);
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
