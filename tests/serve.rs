//! `callsite serve` over real HTTP: the real binary on a fixture site in a
//! temp dir, on a free port, with bounded waits.

mod common;

use common::Site;
use common::serve::{WAIT, get, start};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

/// Polls until `ok` holds, or fails after `WAIT`.
fn eventually(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < WAIT, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A Server-Sent Events listener.
struct Events {
    reader: BufReader<TcpStream>,
    /// A line read in part when a read timed out.
    partial: String,
    current: String,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        write!(s, "GET /__callsite/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").unwrap();
        let mut events = Events {
            reader: BufReader::new(s),
            partial: String::new(),
            current: String::new(),
        };
        assert!(events.wait_for("hello").is_some(), "no hello event");
        events
    }

    /// The next `(event, data)` pair, if one arrives within `limit`.
    fn next(&mut self, limit: Duration) -> Option<(String, String)> {
        let start = Instant::now();
        while start.elapsed() < limit {
            match self.reader.read_line(&mut self.partial) {
                Ok(0) => return None,
                Ok(_) if self.partial.ends_with('\n') => {
                    let line = std::mem::take(&mut self.partial);
                    let line = line.trim_end();
                    if let Some(ev) = line.strip_prefix("event: ") {
                        self.current = ev.to_string();
                    } else if let Some(data) = line.strip_prefix("data: ") {
                        return Some((self.current.clone(), data.to_string()));
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The next event named `name` within `WAIT` (others are skipped).
    fn wait_for(&mut self, name: &str) -> Option<String> {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Some((ev, data)) = self.next(WAIT.saturating_sub(start.elapsed()))
                && ev == name
            {
                return Some(data);
            }
        }
        None
    }

    /// `reload` events until none has come for `quiet`.
    fn count_reloads(&mut self, quiet: Duration) -> usize {
        let mut n = 0;
        while let Some((ev, _)) = self.next(quiet) {
            if ev == "reload" {
                n += 1;
            }
        }
        n
    }
}

/// Writes like vim and Helix do: a temp file renamed over the original.
fn atomic_write(path: &std::path::Path, text: &str) {
    let tmp = path.with_extension("md.tmp~");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn serves_pages_with_the_right_types_and_redirects() {
    let site = Site::minimal();
    let server = start(&site);
    let home = get(server.port, "/");
    assert_eq!(home.status, 200);
    assert!(home.head.contains("content-type: text/html; charset=utf-8"));
    assert!(
        home.body.contains("/__callsite/live.js"),
        "live reload not injected"
    );
    let redirect = get(server.port, "/calls/weekly");
    assert_eq!(redirect.status, 301);
    assert!(
        redirect.head.contains("location: /calls/weekly/"),
        "{}",
        redirect.head
    );
    for (path, kind) in [
        ("/calendar.ics", "text/calendar; charset=utf-8"),
        ("/feed.xml", "application/atom+xml"),
        ("/style.css", "text/css"),
        ("/sitemap.xml", "application/xml"),
    ] {
        let r = get(server.port, path);
        assert_eq!(r.status, 200, "{path}");
        assert!(
            r.head.contains(&format!("content-type: {kind}")),
            "{path}: {}",
            r.head
        );
        assert!(
            !r.body.contains("__callsite"),
            "{path} got the live-reload script"
        );
    }
    let missing = get(server.port, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"));
}

#[test]
fn never_serves_anything_outside_the_site() {
    let site = Site::minimal();
    std::fs::write(site.root().join("Cargo.toml"), "[package]\nsecret = true\n").unwrap();
    std::fs::write(site.root().join("x"), "SECRET-X").unwrap();
    let server = start(&site);
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/static/../../x",
        "/%2E%2E%2Fx",
        "//etc/passwd",
        "/content/site.yaml",
        "/..%5cCargo.toml",
    ] {
        let r = get(server.port, path);
        assert_ne!(r.status, 200, "{path}");
        assert!(
            !r.body.contains("secret = true")
                && !r.body.contains("SECRET-X")
                && !r.body.contains("root:"),
            "{path} leaked"
        );
    }
}

#[test]
fn an_atomic_save_is_served_and_the_page_told_to_reload() {
    let site = Site::minimal();
    let server = start(&site);
    let page = "/minutes/weekly/2026-11-16/";
    assert!(
        get(server.port, page)
            .body
            .contains("Write to info@example.org")
    );
    let mut events = Events::open(server.port);
    atomic_write(
        &site.root().join("content/minutes/weekly-2026-11-16.md"),
        "---\ncall: weekly\ndate: 2026-11-16\n---\nFRESH-TEXT after an atomic save\n",
    );
    assert!(events.wait_for("reload").is_some(), "no reload event");
    assert!(get(server.port, page).body.contains("FRESH-TEXT"));
}

/// An edit to a body alone is patched into the served site: the page is
/// served first and the search index after, and a request for the index
/// in between waits for it rather than getting the old one.
#[test]
fn a_body_edit_reaches_the_search_index_too() {
    let site = Site::minimal();
    let server = start(&site);
    let mut events = Events::open(server.port);
    atomic_write(
        &site.root().join("content/minutes/weekly-2026-11-16.md"),
        "---\ncall: weekly\ndate: 2026-11-16\nattendance: 12\n---\n## Notes\n\nWrite to info@example.org about the xylophonist.\n",
    );
    assert!(events.wait_for("reload").is_some(), "no reload event");
    let shards: String = (0..)
        .map(|n| get(server.port, &format!("/search/words/{n}.json")))
        .take_while(|r| r.status == 200)
        .map(|r| r.body)
        .collect();
    assert!(!shards.is_empty(), "no word shards served");
    assert!(
        shards.contains("xylophonist"),
        "the new word is not in the index"
    );
    assert!(
        get(server.port, "/minutes/weekly/2026-11-16/")
            .body
            .contains("xylophonist")
    );

    // Thousands of new words make more word files; taking them out again
    // leaves none of the extra files served.
    let word = |n: usize| {
        (0..4)
            .map(|k| (b'a' + (n / 26usize.pow(k) % 26) as u8) as char)
            .collect::<String>()
    };
    let many: Vec<String> = (0..6000).map(word).collect();
    let minutes = site.root().join("content/minutes/weekly-2026-11-16.md");
    let head = "---\ncall: weekly\ndate: 2026-11-16\nattendance: 12\n---\n";
    atomic_write(&minutes, &format!("{head}{}\n", many.join(" ")));
    assert!(events.wait_for("reload").is_some(), "no reload event");
    assert_eq!(
        get(server.port, "/search/words/1.json").status,
        200,
        "one word file"
    );
    atomic_write(&minutes, &format!("{head}Short again.\n"));
    assert!(events.wait_for("reload").is_some(), "no reload event");
    assert_eq!(
        get(server.port, "/search/words/1.json").status,
        404,
        "an old word file is still served"
    );
}

#[test]
fn a_broken_file_keeps_the_last_good_site_and_shows_the_error_until_fixed() {
    let site = Site::minimal();
    let server = start(&site);
    let page = "/minutes/weekly/2026-11-16/";
    let mut events = Events::open(server.port);
    let file = site.root().join("content/minutes/weekly-2026-11-16.md");
    atomic_write(
        &file,
        "---\ncall: weekly\ndate: 2026-11-16\nattendence: 12\n---\nBROKEN\n",
    );
    let errors = events.wait_for("errors").expect("an errors event");
    assert!(
        errors.contains("content/minutes/weekly-2026-11-16.md:4:1"),
        "{errors}"
    );
    assert!(errors.contains("did you mean `attendance`?"), "{errors}");
    let page_now = get(server.port, page);
    assert_eq!(page_now.status, 200);
    assert!(
        page_now.body.contains("Write to info@example.org"),
        "the last good page is gone"
    );
    let state = get(server.port, "/__callsite/errors").body;
    assert!(state.contains("attendence"), "{state}");

    atomic_write(
        &file,
        "---\ncall: weekly\ndate: 2026-11-16\nattendance: 12\n---\nFIXED\n",
    );
    assert!(events.wait_for("clear").is_some(), "no clear event");
    eventually("the fix to be served", || {
        get(server.port, page).body.contains("FIXED")
    });
    assert!(
        get(server.port, "/__callsite/errors")
            .body
            .contains("\"errors\":null")
    );
}

#[test]
fn a_deleted_page_is_a_404() {
    let site = Site::minimal();
    let server = start(&site);
    assert_eq!(get(server.port, "/about/").status, 200);
    let mut events = Events::open(server.port);
    std::fs::remove_file(site.root().join("content/pages/about.md")).unwrap();
    assert!(events.wait_for("reload").is_some());
    let gone = get(server.port, "/about/");
    assert_eq!(gone.status, 404);
    assert!(gone.body.contains("Page not found"));
}

#[test]
fn a_storm_of_changes_gives_one_rebuild() {
    let site = Site::minimal();
    let server = start(&site);
    let mut events = Events::open(server.port);
    // Like a git checkout: many files created, changed and removed at once.
    for i in 0..300 {
        let date =
            chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + chrono::Duration::weeks(i % 40);
        std::fs::write(
            site.root().join(format!("content/minutes/storm-{i}.md")),
            format!("---\ncall: weekly\ndate: {date}\ntitle: Storm {i}\n---\nStorm.\n"),
        )
        .unwrap();
    }
    for i in 40..300 {
        {
            std::fs::remove_file(site.root().join(format!("content/minutes/storm-{i}.md")))
                .unwrap();
        }
    }
    assert_eq!(events.count_reloads(Duration::from_millis(2500)), 1);
    let archive = get(server.port, "/minutes/2026/").body;
    assert!(
        archive.contains("Storm 39")
            && archive.contains("Storm 0")
            && !archive.contains("Storm 40"),
        "the final state is not served"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_and_leaves_output_alone() {
    let site = Site::minimal();
    let built = site.run(&["build", "--now", "2026-11-24"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let before = site.tree("output");
    let mut server = start(&site);
    assert_eq!(get(server.port, "/").status, 200);
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let start = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < WAIT, "serve did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    assert_eq!(site.tree("output"), before);
}
