//! Follows a guide in `docs/` as a reader would: every `callsite …` line
//! of its `sh` blocks runs with the real binary, in the folder the guide's
//! `cd` lines lead to, so the guides cannot rot.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Runs the guide's commands in order, starting in `start` (and again
/// from `start` at each `## ` section); `--now NOW` is added to commands
/// whose output depends on the date. Panics on the first that fails.
/// Returns the commands run.
pub fn follow(doc: &Path, start: &Path, now: &str) -> Vec<String> {
    let text = std::fs::read_to_string(doc).unwrap();
    let mut cwd = start.to_path_buf();
    let mut ran = Vec::new();
    let mut in_sh = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_sh = t == "```sh";
            continue;
        }
        if !in_sh {
            if line.starts_with("## ") {
                cwd = start.to_path_buf();
            }
            continue;
        }
        let t = t.split(" # ").next().unwrap_or(t).trim();
        if let Some(dir) = t.strip_prefix("cd ") {
            cwd = cwd.join(dir);
            assert!(cwd.is_dir(), "{}: `{t}`: no such folder", doc.display());
            continue;
        }
        let Some(rest) = t.strip_prefix("callsite ") else {
            continue;
        };
        let mut args: Vec<String> = rest.split_whitespace().map(str::to_string).collect();
        if matches!(args[0].as_str(), "check" | "build" | "new" | "serve") {
            args.extend(["--now".to_string(), now.to_string()]);
        }
        if args[0] == "serve" {
            serve(&args, &cwd, doc, t);
        } else {
            let out = Command::new(super::binary())
                .args(&args)
                .current_dir(&cwd)
                .env_remove("SOURCE_DATE_EPOCH")
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}: `{t}` failed:\n{}{}",
                doc.display(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            if args[0] == "new" {
                // The guide's reader then writes the file, as it asks.
                let created = String::from_utf8_lossy(&out.stdout).trim().to_string();
                fill_in(&cwd.join(created));
            }
        }
        ran.push(t.to_string());
    }
    ran
}

/// Does what a guide asks after `callsite new`: replaces every placeholder
/// of the stub and writes notes under each empty heading.
pub fn fill_in(path: &Path) {
    use callsite::content::placeholders;
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        let filled = [
            (placeholders::SUMMARY, "A call of the network"),
            (
                placeholders::CALL_BODY,
                "Who the call is for and how it runs.",
            ),
            (placeholders::COC_NAME, "Occupy Somewhere CoC"),
            (placeholders::COC_GA, "Occupy Somewhere General Assembly"),
            (placeholders::CITY, "Somewhere"),
            (placeholders::COC_BODY, "The committee of a local assembly."),
            (placeholders::PAGE_BODY, "What this page says."),
        ]
        .iter()
        .fold(line.to_string(), |l, (from, to)| l.replace(from, to));
        let filled = filled.replace(&format!(": {}", placeholders::NAME), ": Sam");
        out.push_str(&filled);
        out.push('\n');
        if line.starts_with("## ") {
            out.push_str("\nNotes taken on the call.\n");
        }
    }
    std::fs::write(path, out).unwrap();
}

/// Starts the preview on any free port, whatever the guide shows, and
/// stops it once it says where it serves.
fn serve(args: &[String], cwd: &PathBuf, doc: &Path, line: &str) {
    let mut args = args.to_vec();
    match args.iter().position(|a| a == "--port" || a == "-p") {
        Some(i) => args[i + 1] = "0".into(),
        None => args.extend(["--port".into(), "0".into()]),
    }
    let mut child = Command::new(super::binary())
        .args(&args)
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut first,
    )
    .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        first.starts_with("Serving"),
        "{}: `{line}` printed {first:?}",
        doc.display()
    );
}
