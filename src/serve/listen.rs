//! The preview's accept loop: hyper's HTTP/1 server with two limits that
//! `axum::serve` does not set.
//!
//! - A connection that has not sent a whole request head within
//!   [`HEADER_TIMEOUT`] (its first, or the next one on a kept-alive
//!   connection) is closed, so idle and half-open connections go away.
//! - No more connections are open at once than the process has file
//!   descriptors to spare ([`connection_limit`]); further ones wait in the
//!   kernel's queue until a slot frees, instead of failing `accept` and
//!   leaving the server unable to read the files it serves.
//!
//! Server-Sent Events are not affected: once a request is read, its
//! response streams for as long as the page stays open.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// How long a client may take to send a request head.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Descriptors kept for everything but connections: the watcher, the
/// files a rebuild reads, the runtime's own.
const SPARE_FDS: u64 = 64;
/// More connections than a preview ever needs (a tab holds one stream and
/// a few requests).
const MAX_CONNECTIONS: u64 = 1024;

/// How many connections may be open at once: what the descriptor limit
/// (`RLIMIT_NOFILE`) leaves after [`SPARE_FDS`], between 8 and
/// [`MAX_CONNECTIONS`].
pub fn connection_limit() -> usize {
    let fds = open_file_limit().unwrap_or(MAX_CONNECTIONS + SPARE_FDS);
    let limit = fds.saturating_sub(SPARE_FDS).clamp(8, MAX_CONNECTIONS);
    usize::try_from(limit).unwrap_or(8)
}

#[cfg(unix)]
fn open_file_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one rlimit through a valid pointer.
    let r = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) };
    // rlim_t is u64 on Linux and macOS but not on every Unix.
    #[allow(clippy::useless_conversion)]
    let current = u64::try_from(limit.rlim_cur).unwrap_or(u64::MAX);
    (r == 0).then_some(current)
}

#[cfg(not(unix))]
fn open_file_limit() -> Option<u64> {
    None
}

/// Serves `app` on `listener` until the future is dropped.
pub async fn run(listener: TcpListener, app: Router) {
    let slots = Arc::new(Semaphore::new(connection_limit()));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of descriptors after all (another part of the process
            // holds more than expected): wait for one to close.
            Err(e) if is_resource_error(&e) => {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
            // The client went away before being accepted.
            Err(_) => continue,
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _slot = slot;
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service);
            // A timed-out or broken connection only ends itself.
            let _ = connection.await;
        });
    }
}

fn is_resource_error(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    if matches!(
        e.raw_os_error(),
        Some(libc::EMFILE | libc::ENFILE | libc::ENOBUFS | libc::ENOMEM)
    ) {
        return true;
    }
    e.kind() == std::io::ErrorKind::OutOfMemory
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_leaves_descriptors_to_spare() {
        let limit = connection_limit() as u64;
        assert!((8..=MAX_CONNECTIONS).contains(&limit));
        if let Some(fds) = open_file_limit() {
            assert!(limit + SPARE_FDS <= fds.max(8 + SPARE_FDS));
        }
    }
}
