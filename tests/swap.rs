//! The output swap under fire: real builds of a large site killed with
//! SIGKILL at moments spread over a build, then checked on disk.
//! `SWAP_SEED=N` repeats a run's kill moments; `SWAP_ROUNDS=N` kills more
//! builds (default 8).
#![cfg(unix)]

mod common;
#[path = "../benches/common/mod.rs"]
mod corpus;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const NOW: &str = "2026-11-24";

type Tree = BTreeMap<String, Vec<u8>>;

fn set_title(root: &Path, title: &str) {
    std::fs::write(
        root.join("content/site.yaml"),
        format!("title: {title}\nbase_url: https://example.org/\ntimezone: America/New_York\n"),
    )
    .unwrap();
}

fn build(root: &Path, output: &Path) -> common::Run {
    common::run_in(
        root,
        &[
            "build",
            "--now",
            NOW,
            "--force",
            "--output",
            output.to_str().unwrap(),
        ],
    )
}

/// Staging and old folders left beside `output`.
fn leftovers(output: &Path) -> Vec<String> {
    let name = output.file_name().unwrap().to_string_lossy().into_owned();
    let prefix = format!(".{name}.callsite-");
    std::fs::read_dir(output.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix))
        .collect()
}

/// A small deterministic generator, so a failing run can be repeated from
/// the seed it prints.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn without(mut tree: Tree, rel: &str) -> Tree {
    tree.remove(rel);
    tree
}

#[test]
fn killed_builds_leave_the_old_or_the_new_site_and_no_leftovers() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    corpus::write_site(root, 2000, 100);
    let output = root.join("output");
    let cname = "calls.example.org\n";

    // The two complete sites every kill must leave one of, and how long a
    // build over an existing output takes.
    set_title(root, "Site B");
    let run = build(root, &output);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site_b = common::tree(&output);
    // A file of someone else's, which every build must keep (--force).
    std::fs::write(output.join("CNAME"), cname).unwrap();
    set_title(root, "Site A");
    let started = Instant::now();
    let run = build(root, &output);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let took = started.elapsed();
    let site_a = without(common::tree(&output), "CNAME");
    assert_ne!(site_a, site_b);

    let seed = std::env::var("SWAP_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| 0x9e37_79b9_7f4a_7c15 ^ u64::from(std::process::id()));
    eprintln!("SWAP_SEED={seed} (a build takes {took:?})");
    let mut rng = Rng(seed | 1);
    let rounds = std::env::var("SWAP_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    for round in 0..rounds {
        set_title(root, if round % 2 == 0 { "Site B" } else { "Site A" });
        let mut child = Command::new(common::binary())
            .args([
                "--root",
                root.to_str().unwrap(),
                "build",
                "--now",
                NOW,
                "--force",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Anywhere from the start to past the end of a build (this one
        // may first clear what the last one left).
        let at = took.mul_f64((rng.next() % 1400) as f64 / 1000.0);
        std::thread::sleep(at);
        let _ = child.kill();
        let _ = child.wait();

        let now = without(common::tree(&output), "CNAME");
        eprintln!(
            "round {round}: killed after {at:?}: output/ is site {}, {} staging folder(s) left",
            if now == site_a { "A" } else { "B" },
            leftovers(&output).len()
        );
        assert!(
            now == site_a || now == site_b,
            "round {round}, killed after {at:?}: output/ is neither the old nor the new site ({} files)",
            now.len()
        );
        // The foreign file is in the output, or in a staging folder the
        // next build puts it back from; never gone.
        let kept = output.join("CNAME").is_file()
            || leftovers(&output)
                .iter()
                .any(|d| root.join(d).join("CNAME").is_file());
        assert!(kept, "round {round}: CNAME is gone");
        assert!(
            leftovers(&output).len() <= 2,
            "round {round}: leftovers pile up: {:?}",
            leftovers(&output)
        );
    }
    set_title(root, "Site A");
    let run = build(root, &output);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(leftovers(&output), Vec::<String>::new());
    assert_eq!(without(common::tree(&output), "CNAME"), site_a);
    assert_eq!(
        std::fs::read_to_string(output.join("CNAME")).unwrap(),
        cname
    );
}

/// A file made impossible to delete (immutable for root on Linux, in a
/// read-only folder for anyone else) until this is dropped. `at` follows
/// the file when its folder is renamed.
struct Undeletable {
    at: PathBuf,
    root: bool,
}

impl Undeletable {
    fn new(file: &Path) -> Option<Undeletable> {
        // SAFETY: getuid has no preconditions.
        let root = unsafe { libc::getuid() } == 0;
        let ok = if root {
            set_immutable(file, true)
        } else {
            set_mode(file.parent().unwrap(), 0o555)
        };
        ok.then(|| Undeletable {
            at: file.to_path_buf(),
            root,
        })
    }
}

impl Drop for Undeletable {
    fn drop(&mut self) {
        if self.root {
            set_immutable(&self.at, false);
        } else {
            set_mode(self.at.parent().unwrap(), 0o755);
        }
    }
}

fn set_mode(dir: &Path, mode: u32) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)).is_ok()
}

#[cfg(target_os = "linux")]
fn set_immutable(path: &Path, on: bool) -> bool {
    use std::os::fd::AsRawFd;
    const FS_IMMUTABLE_FL: libc::c_int = 0x10;
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let mut flags: libc::c_int = 0;
    // SAFETY: both ioctls read or write one int through a valid pointer on
    // an open descriptor.
    unsafe {
        if libc::ioctl(f.as_raw_fd(), libc::FS_IOC_GETFLAGS, &mut flags) != 0 {
            return false;
        }
        flags = if on {
            flags | FS_IMMUTABLE_FL
        } else {
            flags & !FS_IMMUTABLE_FL
        };
        libc::ioctl(f.as_raw_fd(), libc::FS_IOC_SETFLAGS, &flags) == 0
    }
}

#[cfg(not(target_os = "linux"))]
fn set_immutable(_path: &Path, _on: bool) -> bool {
    false
}

#[test]
fn a_failed_cleanup_of_the_old_site_is_a_warning_not_a_failure() {
    let site = common::Site::minimal();
    let output = site.root().join("output");
    assert_eq!(site.run(&["build", "--now", NOW]).code, 0);
    let stuck = output.join("calls/weekly/index.html");
    let Some(mut guard) = Undeletable::new(&stuck) else {
        eprintln!("skipped: this file system cannot make a file undeletable here");
        return;
    };
    site.write("pages/about.md", "---\ntitle: About\n---\nNEW-ABOUT-TEXT\n");
    let run = site.run(&["build", "--now", NOW]);
    // The old site, with the stuck file, now sits in the staging folder.
    let left = leftovers(&output);
    if let [dir] = &left[..] {
        guard.at = site.root().join(dir).join("calls/weekly/index.html");
    }
    drop(guard);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning:"), "{}", run.stderr);
    let about = std::fs::read_to_string(output.join("about/index.html")).unwrap();
    assert!(
        about.contains("NEW-ABOUT-TEXT"),
        "the new site is not in place"
    );
    assert_eq!(left.len(), 1, "{left:?}");

    // The next build finishes the cleanup.
    let run = site.run(&["build", "--now", NOW]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(leftovers(&output), Vec::<String>::new());
}
