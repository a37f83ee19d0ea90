//! `callsite import` on real exports from calendar apps
//! (`tests/fixtures/import/`, see its README): each file is imported with
//! the real binary into an empty site, the site is built, and the built
//! `calendar.ics` and the original are both expanded by an engine that
//! shares no code with callsite (`ical_engine`). Per event, every meeting
//! that differs must be one the import named: the event refused, or a
//! warning that gives the meeting's date.

mod common;
mod ical_engine;

use ical_engine::{Engine, Event, Occ};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const SITE: &str = "title: Import test\nbase_url: https://import.test/\ntimezone: America/New_York\ncalendar:\n  name: Import test\n";

/// A notice the import printed, by event.
#[derive(Debug)]
struct Said {
    uid: String,
    event: String,
    refused: bool,
    text: String,
}

fn notices(stderr: &str) -> Vec<Said> {
    let mut out: Vec<Said> = Vec::new();
    for line in stderr.lines() {
        if line.starts_with("  = ") {
            if let Some(last) = out.last_mut() {
                last.text.push_str(line);
            }
            continue;
        }
        let Some(rest) = line.strip_prefix("warning: ") else {
            continue;
        };
        let Some((_, after)) = rest.split_once(": event \"") else {
            continue;
        };
        let (event, tail) = after.split_once('"').unwrap_or((after, ""));
        let uid = tail
            .strip_prefix(" (UID ")
            .and_then(|t| t.split_once("): "))
            .map_or(String::new(), |(u, _)| u.to_string());
        out.push(Said {
            uid,
            event: event.to_string(),
            refused: tail.contains("not imported: "),
            text: line.to_string(),
        });
    }
    out
}

/// Each call file's id, the UID it says it came from ("" for none) and
/// its title.
fn origins(site: &Path) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    let Ok(dir) = std::fs::read_dir(site.join("content/calls")) else {
        return out;
    };
    for entry in dir.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let id = entry
            .path()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let uid = text
            .split("(UID ")
            .nth(1)
            .and_then(|t| t.split("), its ").next())
            .unwrap_or("")
            .to_string();
        let title = text
            .lines()
            .find_map(|l| l.strip_prefix("title: \""))
            .map(|t| t.trim_end_matches('"').replace("\\\"", "\""))
            .unwrap_or_default();
        out.insert(id, (uid, title));
    }
    out
}

/// What one file came to.
#[derive(Debug, Default)]
struct Outcome {
    events: usize,
    calls: usize,
    refused: usize,
    meetings: usize,
    explained: usize,
    silent: Vec<String>,
}

fn expand(
    text: &str,
    cutoff: chrono::NaiveDateTime,
) -> Result<BTreeMap<String, Result<Event, String>>, String> {
    let site: chrono_tz::Tz = "America/New_York".parse().unwrap();
    let mut out = BTreeMap::new();
    for cal in ical_engine::read(text)? {
        out.extend(Engine::new(&cal, site, cutoff).expand(&cal.events));
    }
    Ok(out)
}

fn show(occ: &Occ) -> String {
    let t = |s: i64| {
        chrono::DateTime::from_timestamp(s, 0)
            .unwrap()
            .format("%Y-%m-%dT%H:%MZ")
            .to_string()
    };
    if occ.1 == ical_engine::ALL_DAY {
        format!("all day {}", &t(occ.0)[..10])
    } else {
        format!("{}–{}", t(occ.0), t(occ.1))
    }
}

fn check(path: &Path) -> Result<Outcome, String> {
    let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("content")).unwrap();
    std::fs::write(site.path().join("content/site.yaml"), SITE).unwrap();
    let run = common::run_in(site.path(), &["import", path.to_str().unwrap()]);
    if !(run.code == 0 || run.code == 1) {
        return Err(format!("import exited {}: {}", run.code, run.stderr));
    }
    let said = notices(&run.stderr);
    let mut feed = BTreeMap::new();
    if run.code == 0 {
        let build = common::run_in(site.path(), &["build", "--now", "2026-01-01"]);
        if build.code != 0 {
            return Err(format!(
                "build failed after import:\n{}{}",
                build.stdout, build.stderr
            ));
        }
        let ics = std::fs::read_to_string(site.path().join("output/calendar.ics")).unwrap();
        feed = expand(&ics, ical_engine::cutoff(&text))?;
    }
    let original = expand(&text, ical_engine::cutoff(&text))
        .map_err(|e| format!("the test engine cannot read the original: {e}"))?;
    let calls = origins(site.path());
    let mut out = Outcome {
        calls: calls.len(),
        ..Outcome::default()
    };
    for (uid, ev) in &original {
        out.events += 1;
        let no_uid = uid.starts_with('#');
        let by_uid = |s: &&Said| s.uid == *uid;
        let ev = match ev {
            Ok(ev) => ev,
            // An event the test engine cannot read either must be refused.
            Err(e) if said.iter().filter(by_uid).any(|s| s.refused) => {
                out.refused += 1;
                eprintln!("{uid}: refused; the test engine cannot read it either ({e})");
                continue;
            }
            Err(e) => return Err(format!("the test engine cannot expand {uid}: {e}")),
        };
        let summary = match ev.summary.trim() {
            "" => "Untitled call",
            s => s,
        };
        let mine: Vec<&Said> = said
            .iter()
            .filter(|s| s.uid == *uid || (no_uid && s.uid.is_empty() && s.event == summary))
            .collect();
        if mine.iter().any(|s| s.refused) {
            out.refused += 1;
        }
        let mut got: BTreeSet<Occ> = BTreeSet::new();
        for (id, (from, title)) in &calls {
            if from == uid || (no_uid && from.is_empty() && title == summary) {
                let fed = feed
                    .get(&format!("{id}@import.test"))
                    .ok_or_else(|| format!("call {id} is not in the feed"))?;
                got.extend(
                    fed.as_ref()
                        .map_err(|e| format!("the test engine cannot expand call {id}: {e}"))?
                        .occ
                        .iter()
                        .copied(),
                );
            }
        }
        out.meetings += ev.occ.len();
        let diff: Vec<&Occ> = ev.occ.symmetric_difference(&got).collect();
        let length_said = mine
            .iter()
            .any(|s| s.text.contains(": DTEND: ") || s.text.contains(": DURATION: "));
        for occ in &diff {
            let dates = ical_engine::dates_of(ev, occ);
            // The same start with another end: a length the import named.
            let only_length = length_said && diff.iter().any(|o| o.0 == occ.0 && o.1 != occ.1);
            let named = only_length
                || mine
                    .iter()
                    .any(|s| s.refused || dates.iter().any(|d| s.text.contains(d.as_str())));
            if named {
                out.explained += 1;
            } else {
                let side = if ev.occ.contains(occ) {
                    "missing from the import"
                } else {
                    "added by the import"
                };
                out.silent
                    .push(format!("{uid} \"{}\": {} {side}", ev.summary, show(occ)));
            }
        }
    }
    Ok(out)
}

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ics"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_export_imports_exactly_or_names_what_differs() {
    let files = corpus();
    assert!(files.len() >= 40, "{} files", files.len());
    let results: Vec<(PathBuf, Result<Outcome, String>)> = std::thread::scope(|s| {
        let half = files.len() / 2;
        let (a, b) = files.split_at(half);
        let work = |list: &[PathBuf]| {
            list.iter()
                .map(|p| (p.clone(), check(p)))
                .collect::<Vec<_>>()
        };
        let first = s.spawn(move || work(a));
        let mut rest = work(b);
        let mut all = first.join().unwrap();
        all.append(&mut rest);
        all
    });
    let mut problems = Vec::new();
    let (mut events, mut calls, mut refused, mut meetings, mut explained) = (0, 0, 0, 0, 0);
    for (path, r) in &results {
        let name = path.file_name().unwrap().to_string_lossy();
        match r {
            Ok(o) => {
                eprintln!(
                    "{name}: {} events, {} calls written, {} events refused, {} meetings, {} named differences",
                    o.events, o.calls, o.refused, o.meetings, o.explained
                );
                (events, calls, refused, meetings, explained) = (
                    events + o.events,
                    calls + o.calls,
                    refused + o.refused,
                    meetings + o.meetings,
                    explained + o.explained,
                );
                for s in o.silent.iter().take(4) {
                    problems.push(format!("{name}: {s}"));
                }
                if o.silent.len() > 4 {
                    problems.push(format!("{name}: … {} more", o.silent.len() - 4));
                }
            }
            Err(e) => problems.push(format!("{name}: {e}")),
        }
    }
    eprintln!(
        "corpus: {} files, {events} events, {calls} calls written, {refused} events refused, {meetings} meetings compared, {explained} named differences, {} silent differences or failures",
        results.len(),
        problems.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
