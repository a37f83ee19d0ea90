//! The preview's HTTP side (axum on tokio: the standard, well-kept stack,
//! and one that streams Server-Sent Events without buffering them).
//!
//! Only files of the built site are served, looked up by a normalized path
//! in memory; nothing is ever read from a path a request names, so `..`,
//! `%2e%2e`, absolute paths and symlinks cannot reach outside the site.
//! Requests for hosts other than the preview's own are refused first (see
//! `host`).

use super::host::{self, AllowedHosts};
use super::reload::{Event, Hub};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{self, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::convert::Infallible;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

/// The live-reload client, injected into served HTML only.
const LIVE_JS: &str = include_str!("live.js");
const INJECT: &str = "<script src=\"/__callsite/live.js\"></script>";

/// The preview's routes, each behind the `Host` check.
pub fn router(hub: Hub, hosts: AllowedHosts) -> Router {
    Router::new()
        .route("/__callsite/live.js", get(live_js))
        .route("/__callsite/events", get(events))
        .route("/__callsite/errors", get(errors))
        .fallback(get(file))
        .with_state(hub)
        .layer(axum::middleware::from_fn_with_state(hosts, host::check))
}

async fn live_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        LIVE_JS,
    )
        .into_response()
}

async fn errors(State(hub): State<Hub>) -> Response {
    let (errors, version) = hub.state();
    let body = serde_json::json!({ "errors": errors, "version": version }).to_string();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

fn to_sse(event: &Event) -> sse::Event {
    match event {
        Event::Reload(v) => sse::Event::default().event("reload").data(v.to_string()),
        Event::Errors(text) => sse::Event::default()
            .event("errors")
            .data(serde_json::to_string(text).unwrap_or_default()),
        Event::Clear => sse::Event::default().event("clear").data("1"),
    }
}

async fn events(State(hub): State<Hub>) -> impl IntoResponse {
    let rx = hub.subscribe();
    let (current, version) = hub.state();
    let mut first = vec![Event::Reload(version)];
    if let Some(errors) = current {
        first.push(Event::Errors(errors));
    }
    let hello = tokio_stream::iter(first).map(|e| (e, true));
    let later = BroadcastStream::new(rx)
        .filter_map(Result::ok)
        .map(|e| (e, false));
    let stream = hello.chain(later).map(|(e, initial)| {
        // The first `reload` only tells the page which version it shows.
        let e = match e {
            Event::Reload(v) if initial => sse::Event::default().event("hello").data(v.to_string()),
            other => to_sse(&other),
        };
        Ok::<_, Infallible>(e)
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// A request path as the key of a built file, or `None` for anything that
/// tries to leave the site.
pub fn normalize(path: &str) -> Option<String> {
    let decoded = percent_decode(path.split(['?', '#']).next().unwrap_or(""))?;
    let mut parts = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s if s.contains(['\\', '\0']) || s.contains(':') => return None,
            s => parts.push(s),
        }
    }
    let mut key = parts.join("/");
    if decoded.ends_with('/') && !key.is_empty() {
        key.push('/');
    }
    Some(key)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type of a served file, by extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "xml" if path.ends_with("feed.xml") => "application/atom+xml",
        "xml" => "application/xml",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

fn respond(hub: &Hub, status: StatusCode, path: &str) -> Response {
    let Some(Ok(mut body)) = hub.file(path) else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        body = inject(body);
    }
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Adds the live-reload script before `</body>` (or at the end).
fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, INJECT.bytes());
    html
}

async fn file(State(hub): State<Hub>, uri: Uri) -> Response {
    let Some(key) = normalize(uri.path()) else {
        return respond(&hub, StatusCode::NOT_FOUND, "404.html");
    };
    let is_dir = key.is_empty() || key.ends_with('/');
    let target = if is_dir {
        format!("{key}index.html")
    } else {
        key.clone()
    };
    if target.starts_with("search/") {
        hub.search_ready().await;
    }
    if hub.has(&target) {
        return respond(&hub, StatusCode::OK, &target);
    }
    if !is_dir && hub.has(&format!("{key}/index.html")) {
        let mut location = format!("/{key}/");
        if let Some(q) = uri.query() {
            location.push('?');
            location.push_str(q);
        }
        return (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, location)],
        )
            .into_response();
    }
    respond(&hub, StatusCode::NOT_FOUND, "404.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_site() {
        assert_eq!(normalize("/calls/x/").as_deref(), Some("calls/x/"));
        assert_eq!(normalize("/").as_deref(), Some(""));
        assert_eq!(normalize("/a%20b.txt").as_deref(), Some("a b.txt"));
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/static/../../x",
            "/%2E%2E%2Fx",
            "/a/..%2f..%2fx",
            "/c:/windows",
            "/a%5c..%5cb",
            "/%zz",
        ] {
            assert_eq!(normalize(bad), None, "{bad}");
        }
    }

    #[test]
    fn injects_before_the_body_ends() {
        let out =
            String::from_utf8(inject(b"<html><body><p>x</p></body></html>".to_vec())).unwrap();
        assert!(out.ends_with(&format!("<p>x</p>{INJECT}</body></html>")));
    }
}
