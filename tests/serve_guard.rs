//! `callsite serve` against hostile clients: pages of other sites reaching
//! it through DNS rebinding. The real binary over real TCP, with bounded
//! waits only.

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
