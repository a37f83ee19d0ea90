//! Which `Host` the preview answers.
//!
//! A page on another site can point a name it controls at 127.0.0.1 (DNS
//! rebinding) and then read the preview as its own origin, error overlay
//! included, which may quote a line of withheld minutes. The browser
//! still sends the attacker's name in `Host`, so the preview answers only
//! names no one else can point at it: `localhost`, loopback addresses, the
//! address given with `--bind`, and, when bound to every interface, any
//! IP address (an address is not looked up, so it cannot be rebound).
//! webpack-dev-server's `allowedHosts: "auto"` draws the same line.

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The host names a preview bound to one address answers to.
#[derive(Clone, Copy, Debug)]
pub struct AllowedHosts {
    bind: IpAddr,
    port: u16,
}

impl AllowedHosts {
    /// For a preview listening on `bind`:`port`.
    pub fn new(bind: IpAddr, port: u16) -> Self {
        AllowedHosts { bind, port }
    }

    /// Whether a request whose `Host` is `host` (with or without a port)
    /// is answered.
    pub fn allows(&self, host: &str) -> bool {
        let Some((name, bracketed)) = split_port(host) else {
            return false;
        };
        let ip = if bracketed {
            name.parse::<Ipv6Addr>().map(IpAddr::V6)
        } else if name.eq_ignore_ascii_case("localhost") {
            return true;
        } else {
            name.parse::<Ipv4Addr>().map(IpAddr::V4)
        };
        ip.is_ok_and(|ip| ip.is_loopback() || ip == self.bind || self.bind.is_unspecified())
    }
}

/// `host` without its port, and whether it was a bracketed IPv6 address.
fn split_port(host: &str) -> Option<(&str, bool)> {
    let valid_port = |p: &str| !p.is_empty() && p.parse::<u16>().is_ok();
    if let Some(rest) = host.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let ok = after.is_empty() || after.strip_prefix(':').is_some_and(valid_port);
        return ok.then_some((inside, true));
    }
    match host.split_once(':') {
        None => Some((host, false)),
        Some((name, port)) if valid_port(port) => Some((name, false)),
        Some(_) => None,
    }
}

/// Middleware: answers 403 with a short explanation to a request for any
/// other host, on every route.
pub async fn check(State(allowed): State<AllowedHosts>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    let authority = request.uri().authority().map(|a| a.as_str());
    let ok = match (host, authority) {
        (Some(h), Some(a)) => allowed.allows(h) && allowed.allows(a),
        (Some(h), None) | (None, Some(h)) => allowed.allows(h),
        (None, None) => false,
    };
    if ok {
        return next.run(request).await;
    }
    let text = format!(
        "403: callsite serve answers only requests for localhost or an IP address, so that pages of other sites cannot read the preview. Open http://localhost:{}/ instead.\n",
        allowed.port
    );
    (
        StatusCode::FORBIDDEN,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        text,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_and_the_bound_address_only() {
        let local = AllowedHosts::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 1111);
        for ok in [
            "localhost",
            "LOCALHOST:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.1.2.3:80",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(local.allows(ok), "{ok}");
        }
        for bad in [
            "",
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "192.168.1.20",
            "[::1]x",
            "[::1].evil.example",
            "localhost:",
            "localhost:99999",
            "::1",
            "[evil.example]",
        ] {
            assert!(!local.allows(bad), "{bad}");
        }
        let lan = AllowedHosts::new("192.168.1.20".parse().unwrap(), 1111);
        assert!(lan.allows("192.168.1.20:1111") && lan.allows("localhost"));
        assert!(!lan.allows("192.168.1.21") && !lan.allows("my-laptop.local"));
        let every = AllowedHosts::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 1111);
        assert!(every.allows("10.0.0.5:1111") && every.allows("[fe80::1]"));
        assert!(!every.allows("my-laptop.local"));
    }
}
