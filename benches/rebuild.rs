//! Rebuild benchmark: what `serve` does after one minutes file is edited,
//! on an archive of N minutes (default 10,000; `cargo bench --bench rebuild
//! -- 1000`), against a full render of the same site: an edit to the body
//! (patched: the pages, then the search index) and to the front matter
//! (rendered again, reusing what is unchanged).

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
    let cache = callsite::incremental::Incremental::default();
    let t = Instant::now();
    let first = cache.full(&opts).unwrap();
    assert!(first.ok(), "{:?}", first.diagnostics.first());
    let first_time = t.elapsed();
    let target = dir.path().join("content/minutes/m-0.md");
    let original = std::fs::read_to_string(&target).unwrap();
    let median = |mut times: Vec<Duration>| {
        times.sort();
        (times[times.len() / 2], times[times.len() - 1])
    };
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let (mut pages, mut index) = (Vec::new(), Vec::new());
    for i in 0..9 {
        std::fs::write(&target, format!("{original}\nEdit number {i}.\n")).unwrap();
        let t = Instant::now();
        let rebuilt = cache.rebuild(&opts, std::slice::from_ref(&target)).unwrap();
        assert!(matches!(
            rebuilt,
            callsite::incremental::Rebuilt::Patched { .. }
        ));
        pages.push(t.elapsed());
        let t = Instant::now();
        cache.index().unwrap();
        index.push(t.elapsed());
    }
    let front: Vec<Duration> = (0..5)
        .map(|i| {
            let text = original.replacen("attendance: ", &format!("attendance: 1{i}"), 1);
            std::fs::write(&target, text).unwrap();
            let t = Instant::now();
            let rebuilt = cache.rebuild(&opts, std::slice::from_ref(&target)).unwrap();
            assert!(matches!(rebuilt, callsite::incremental::Rebuilt::Whole(ref s) if s.ok()));
            t.elapsed()
        })
        .collect();
    let t = Instant::now();
    let _ = callsite::render(&opts).unwrap();
    let full = t.elapsed();
    let ((pages, pages_worst), (index, _), (front, _)) =
        (median(pages), median(index), median(front));
    println!(
        "{n} minutes, {} pages: full render {:.0} ms (first with caches {:.0} ms); after a body edit: pages in {:.0} ms (median; worst {:.0} ms), search index {:.0} ms more; after a front-matter edit: {:.0} ms",
        first.pages(),
        ms(full),
        ms(first_time),
        ms(pages),
        ms(pages_worst),
        ms(index),
        ms(front),
    );
}
