//! What the terminal shows besides the diagnostics' text: colour for the
//! `error:` and `warning:` labels, and a progress line for long builds.

use callsite::Error;
use std::io::{IsTerminal, Write as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Writes a command's output to standard output. A closed pipe or a full
/// disk is an error of its own (exit 2), never a panic.
pub fn out(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| Error::io("standard output", e))
}

/// Writes a message to standard error; if even that fails there is no one
/// left to tell, so the failure is ignored rather than a panic.
pub fn note(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush());
}

/// Colors for a terminal that wants them: only when stdout is one, and
/// never with `NO_COLOR` set (no-color.org).
fn use_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Paints the `error:` and `warning:` labels of rendered diagnostics.
pub fn paint(text: String) -> String {
    if !use_color() {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("error:") {
            out.push_str("\x1b[1;31merror\x1b[0m:");
            out.push_str(rest);
        } else if let Some(rest) = line.strip_prefix("warning:") {
            out.push_str("\x1b[1;33mwarning\x1b[0m:");
            out.push_str(rest);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Shows "building… 2.3 s" on a terminal while a build runs past a second;
/// nothing in CI (not a terminal) or with `--quiet`. Dropping it clears the
/// line.
pub struct Progress {
    done: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    /// Starts the clock; the line appears only after a second.
    pub fn start(quiet: bool) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        let thread = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let done = done.clone();
            std::thread::spawn(move || {
                let started = std::time::Instant::now();
                let mut shown = false;
                while !done.load(Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    if started.elapsed().as_secs_f64() >= 1.0 {
                        note(&format!(
                            "\rbuilding… {:.1} s",
                            started.elapsed().as_secs_f64()
                        ));
                        shown = true;
                    }
                }
                if shown {
                    note("\r\x1b[2K");
                }
            })
        });
        Progress { done, thread }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
