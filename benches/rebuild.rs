//! Rebuild benchmark: what `serve` does after one minutes file is edited,
//! on an archive of N minutes (default 10,000; `cargo bench --bench rebuild
//! -- 1000`), against a full render of the same site.

#[path = "common/mod.rs"]
mod common;

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
    common::write_site(dir.path(), n, (n / 10).max(1));
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
