//! `callsite serve` on a free port, and raw HTTP/1.1 requests to it.

use super::Site;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// How long a request may take before a test gives up.
pub const WAIT: Duration = Duration::from_secs(15);

/// A running `callsite serve`, killed when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `callsite --root SITE serve --now 2026-11-24 --port 0`.
pub fn start(site: &Site) -> Server {
    start_with(site, &[], None)
}

/// [`start`] with `extra` arguments, under `ulimit -n FDS` when given.
pub fn start_with(site: &Site, extra: &[&str], fds: Option<u32>) -> Server {
    let mut command = match fds {
        Some(n) => {
            let mut c = Command::new("sh");
            c.arg("-c")
                .arg(format!("ulimit -n {n} && exec \"$0\" \"$@\""))
                .arg(super::binary());
            c
        }
        None => Command::new(super::binary()),
    };
    let mut child = command
        .args(["--root", site.root().to_str().unwrap()])
        .args(["serve", "--now", "2026-11-24", "--port", "0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    Server { child, port }
}

/// A response: status, lowercased head, body.
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

/// A GET with the path sent exactly as given.
pub fn get(port: u16, path: &str) -> Reply {
    request(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
        WAIT,
    )
}

/// Sends `raw` and reads the response until the server closes, waiting at
/// most `limit` for each read.
pub fn request(port: u16, raw: &str, limit: Duration) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(limit)).unwrap();
    s.write_all(raw.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    if let Err(e) = s.read_to_end(&mut bytes) {
        assert!(!bytes.is_empty(), "no answer within {limit:?}: {e}");
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}
