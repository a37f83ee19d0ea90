//! `callsite serve` against hostile clients: pages of other sites reaching
//! it through DNS rebinding, and connections that never finish a request.
//! The real binary over real TCP, with bounded waits only.

mod common;

use common::Site;
use common::serve::{WAIT, request, start, start_with};

fn get_as(port: u16, host: &str, path: &str) -> common::serve::Reply {
    request(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        WAIT,
    )
}

/// A site whose withheld minutes have a typo, so the build fails and
/// `/__callsite/errors` quotes the withheld file's line.
fn site_with_a_withheld_error() -> Site {
    let site = Site::minimal();
    site.write(
        "minutes/weekly-2026-11-09.md",
        "---\ncall: weekly\ndate: 2026-11-09\nwithheld: true\nattendence: SECRET-WITHHELD-LINE\n---\nPrivate.\n",
    );
    site
}

#[test]
fn only_names_that_cannot_be_rebound_are_answered() {
    let site = site_with_a_withheld_error();
    let server = start(&site);
    let port = server.port;
    let errors = get_as(port, "localhost", "/__callsite/errors");
    assert_eq!(errors.status, 200);
    assert!(
        errors.body.contains("SECRET-WITHHELD-LINE"),
        "{}",
        errors.body
    );

    let paths = [
        "/",
        "/__callsite/errors",
        "/__callsite/events",
        "/__callsite/live.js",
        "/calendar.ics",
        "/no/such/page/",
    ];
    let rebound = [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        "localhost.evil.example".to_string(),
        format!("192.168.1.20:{port}"),
        "[::1].evil.example".to_string(),
    ];
    for host in &rebound {
        for path in paths {
            let r = get_as(port, host, path);
            assert_eq!(r.status, 403, "Host: {host} {path}");
            assert!(!r.body.contains("SECRET"), "Host: {host} {path} leaked");
            assert!(r.body.contains("localhost"), "no explanation: {}", r.body);
        }
    }
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("127.0.0.1:{port}"),
        "127.0.0.2".to_string(),
        format!("[::1]:{port}"),
    ] {
        let r = get_as(port, &host, "/__callsite/live.js");
        assert_eq!(r.status, 200, "Host: {host}");
    }
}

#[test]
fn bound_to_every_interface_it_answers_ip_addresses_but_not_names() {
    let site = Site::minimal();
    let server = start_with(&site, &["--bind", "0.0.0.0"], None);
    let port = server.port;
    assert_eq!(
        get_as(port, &format!("192.168.1.20:{port}"), "/").status,
        200
    );
    assert_eq!(get_as(port, &format!("localhost:{port}"), "/").status, 200);
    assert_eq!(
        get_as(port, &format!("evil.example:{port}"), "/").status,
        403
    );
    assert_eq!(get_as(port, "my-laptop.local", "/").status, 403);
}

/// Connections that never finish a request, against a server short of
/// file descriptors (`ulimit`, so Unix only).
#[cfg(unix)]
mod stalled {
    use super::*;
    use std::io::Write;
    use std::net::TcpStream;
    use std::time::Duration;

    /// Opens `n` connections that send nothing, or half a request head.
    fn stalled_connections(port: u16, n: usize) -> Vec<TcpStream> {
        (0..n)
            .map(|i| {
                let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
                if i % 2 == 1 {
                    s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ")
                        .unwrap();
                }
                s
            })
            .collect()
    }

    #[test]
    fn half_open_connections_time_out_and_serving_goes_on() {
        let site = Site::minimal();
        let server = start_with(&site, &[], Some(256));
        let port = server.port;
        assert_eq!(common::serve::get(port, "/").status, 200);
        let mut events = Events::open(port);

        // More stalled connections than the server has file descriptors.
        let stalled = stalled_connections(port, 300);
        let answer = request(
            port,
            "GET /about/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
            Duration::from_secs(90),
        );
        assert_eq!(answer.status, 200, "{}", answer.head);

        // The live-reload stream opened before them still works.
        site.write(
            "pages/about.md",
            "---\ntitle: About\n---\nAFTER-THE-FLOOD\n",
        );
        assert!(events.saw_reload(), "no reload event after the flood");
        let page = request(
            port,
            "GET /about/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
            Duration::from_secs(90),
        );
        assert!(page.body.contains("AFTER-THE-FLOOD"));
        drop(stalled);
    }

    /// A Server-Sent Events listener that only looks for reloads.
    struct Events {
        stream: TcpStream,
    }

    impl Events {
        fn open(port: u16) -> Events {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
            write!(
                stream,
                "GET /__callsite/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
            )
            .unwrap();
            Events { stream }
        }

        /// Whether `event: reload` arrives within a generous bound.
        fn saw_reload(&mut self) -> bool {
            use std::io::Read;
            let deadline = std::time::Instant::now() + Duration::from_secs(60);
            self.stream
                .set_read_timeout(Some(Duration::from_millis(200)))
                .unwrap();
            let mut seen = Vec::new();
            let mut buf = [0u8; 4096];
            while std::time::Instant::now() < deadline {
                match self.stream.read(&mut buf) {
                    Ok(0) => return false,
                    Ok(n) => seen.extend_from_slice(&buf[..n]),
                    Err(_) => {}
                }
                if String::from_utf8_lossy(&seen).contains("event: reload") {
                    return true;
                }
            }
            false
        }
    }
}
