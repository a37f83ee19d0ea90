//! A site folder in a temp dir, copied from a fixture, and the real binary
//! run on it.
#![allow(dead_code)]

pub mod docs;
pub mod serve;
pub mod workflow;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A throwaway site folder.
pub struct Site {
    pub dir: tempfile::TempDir,
}

/// What a run of the binary printed and returned.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The diagnostics of a `--format json` run.
    pub fn diagnostics(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
            .collect()
    }
}

impl Site {
    /// A copy of `tests/fixtures/NAME`.
    pub fn from_fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name),
            dir.path(),
        );
        Site { dir }
    }

    /// The minimal valid site.
    pub fn minimal() -> Site {
        Site::from_fixture("minimal")
    }

    /// A copy of the sample site in the repository's `content/`.
    pub fn sample() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&root.join("content"), &dir.path().join("content"));
        Site { dir }
    }

    /// Every file under `DIR` (relative to the site root) with its bytes.
    pub fn tree(&self, dir: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
        tree(&self.root().join(dir))
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `content/REL`.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.root().join("content").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.root().join("content").join(rel)).unwrap();
        self
    }

    /// Runs `callsite --root SITE ARGS…`.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.root(), args)
    }

    /// `check --format json --now 2026-11-24` and its diagnostics.
    pub fn check_json(&self) -> (i32, Vec<serde_json::Value>) {
        let run = self.run(&["check", "--format", "json", "--now", "2026-11-24"]);
        assert!(
            run.code == 0 || run.code == 1,
            "exit {}: {}",
            run.code,
            run.stderr
        );
        let diags = run.diagnostics();
        (run.code, diags)
    }
}

/// Runs the real binary with `--root root`.
pub fn run_in(root: &Path, args: &[&str]) -> Run {
    let out = Command::new(binary())
        .arg("--root")
        .arg(root)
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .expect("run callsite");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_callsite"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, keyed by relative path.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}
