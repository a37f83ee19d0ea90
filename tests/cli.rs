//! The command line as a newcomer meets it: every flag and argument of
//! every command is described by `--help`, and the short flags Zola and
//! Hugo users reach for work.

mod common;

use common::Site;
use std::process::Command;

fn help(args: &[&str]) -> String {
    let out = Command::new(common::binary())
        .args(args)
        .arg("--help")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?} --help failed");
    String::from_utf8(out.stdout).unwrap()
}

/// Each option or argument of a help text with its description: clap
/// puts the description after the name on the same line, or, in the long
/// layout, on the lines below, indented further.
fn items(help: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = help.lines().collect();
    let mut items = Vec::new();
    let mut section = "";
    for (i, line) in lines.iter().enumerate() {
        if !line.starts_with(' ') && line.ends_with(':') {
            section = line;
            continue;
        }
        let is_item = matches!(section, "Options:" | "Global options:" | "Arguments:")
            && (2..=6).contains(&(line.len() - line.trim_start().len()))
            && line.trim_start().starts_with(['-', '<', '[']);
        if !is_item {
            continue;
        }
        let body = line.trim_start();
        let (name, rest) = match body.find("  ") {
            Some(at) => (body[..at].trim(), body[at..].trim()),
            None => (body, ""),
        };
        let description = if rest.is_empty() {
            lines
                .get(i + 1)
                .filter(|next| next.starts_with("          "))
                .map_or("", |next| next.trim())
        } else {
            rest
        };
        items.push((name.to_string(), description.to_string()));
    }
    items
}

#[test]
fn every_flag_of_every_command_is_described() {
    let expected: [(&str, &[&str]); 7] = [
        ("", &["-r, --root", "-q, --quiet", "-V, --version"]),
        ("check", &["--strict", "--now", "--format", "-D, --drafts"]),
        (
            "build",
            &[
                "-o, --output",
                "-u, --base-url",
                "--now",
                "-D, --drafts",
                "-f, --force",
            ],
        ),
        (
            "serve",
            &[
                "-p, --port",
                "-b, --bind",
                "--now",
                "-D, --drafts",
                "--poll",
            ],
        ),
        ("new", &["<KIND>", "[ARGS]", "-f, --force", "--now"]),
        ("init", &["[DIR]", "--ci", "-u, --base-url"]),
        ("import", &["<FILE>"]),
    ];
    for (command, flags) in expected {
        let args: Vec<&str> = [command].into_iter().filter(|c| !c.is_empty()).collect();
        let text = help(&args);
        let found = items(&text);
        for (name, description) in &found {
            assert!(
                description.split_whitespace().count() >= 2,
                "`callsite {command} --help`: {name} has no description:\n{text}"
            );
        }
        for flag in flags {
            assert!(
                found.iter().any(|(name, _)| name.starts_with(flag)),
                "`callsite {command} --help` lacks {flag}:\n{text}"
            );
        }
        if !command.is_empty() {
            for global in ["-r, --root", "-q, --quiet", "-h, --help"] {
                assert!(found.iter().any(|(name, _)| name.starts_with(global)));
            }
        }
    }
}

#[test]
fn short_flags_work() {
    let site = Site::minimal();
    let out = site.root().join("public");
    let root = site.root().to_str().unwrap();
    let run = Command::new(common::binary())
        .args(["-q", "-r", root, "build", "-o"])
        .arg(&out)
        .args([
            "-u",
            "https://example.net/network",
            "-D",
            "--now",
            "2026-11-24",
        ])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stderr.is_empty(), "-q still printed a summary");
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("https://example.net/network/"));
    // -f replaces an output folder callsite did not write.
    std::fs::write(out.join("stray.txt"), "x").unwrap();
    let again = |force: &[&str]| {
        site.run(
            &[
                &["build", "-o", out.to_str().unwrap(), "--now", "2026-11-24"],
                force,
            ]
            .concat(),
        )
    };
    assert_eq!(again(&[]).code, 2);
    assert_eq!(again(&["-f"]).code, 0);
}

#[test]
fn the_version_is_the_crates() {
    let out = Command::new(common::binary())
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("callsite {}", env!("CARGO_PKG_VERSION"))
    );
}
