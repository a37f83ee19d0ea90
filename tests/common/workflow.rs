//! Reads a CI configuration the way its CI would, far enough to list the
//! `callsite …` commands it runs for one kind of event, and runs them with
//! the real binary in a site folder, stopping at the first that fails.

use std::path::Path;

/// One `callsite …` line of a workflow, split into words.
#[derive(Clone, Debug)]
pub struct Step {
    /// The step's or job's name, for messages.
    pub name: String,
    pub args: Vec<String>,
}

/// What CI would have seen: each command with its exit status and output.
#[derive(Debug, Default)]
pub struct Outcome {
    pub ran: Vec<(Step, i32)>,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    /// Whether every command exited 0 (CI's green tick).
    pub fn passed(&self) -> bool {
        self.ran.iter().all(|(_, code)| *code == 0)
    }
}

/// The `callsite` lines of a GitHub Actions workflow that run for
/// `event` (`push`, `pull_request`, `schedule`), in order. Steps' and
/// jobs' `if:` conditions are evaluated; only comparisons of
/// `github.event_name` are understood, anything else fails the test.
pub fn github(yaml: &str, event: &str) -> Vec<Step> {
    let doc: serde_json::Value = serde_saphyr::from_str(yaml).expect("valid YAML");
    let runs = |cond: Option<&str>| cond.is_none_or(|c| github_if(c, event));
    let mut steps = Vec::new();
    for (job_name, job) in doc["jobs"].as_object().expect("jobs") {
        if !runs(job["if"].as_str()) {
            continue;
        }
        for (i, step) in job["steps"].as_array().into_iter().flatten().enumerate() {
            if !runs(step["if"].as_str()) {
                continue;
            }
            let name = step["name"]
                .as_str()
                .map_or_else(|| format!("{job_name} step {i}"), str::to_string);
            steps.extend(callsite_lines(step["run"].as_str().unwrap_or(""), &name));
        }
    }
    steps
}

fn github_if(cond: &str, event: &str) -> bool {
    let cond = cond.trim();
    for (op, equal) in [("==", true), ("!=", false)] {
        if let Some((left, right)) = cond.split_once(op) {
            assert_eq!(left.trim(), "github.event_name", "unknown condition {cond}");
            let value = right.trim().trim_matches('\'');
            return (value == event) == equal;
        }
    }
    panic!("unknown condition {cond}");
}

/// The `callsite` lines of a GitLab CI file that run in a pipeline with
/// these predefined variables (`CI_PIPELINE_SOURCE`, `CI_COMMIT_BRANCH`,
/// `CI_DEFAULT_BRANCH`): the default `before_script`, then each job's
/// script. A job runs when one of its `rules:` `if:`s holds; only `==`
/// between variables and quoted strings is understood.
pub fn gitlab(yaml: &str, vars: &[(&str, &str)]) -> Vec<Step> {
    let doc: serde_json::Value = serde_saphyr::from_str(yaml).expect("valid YAML");
    let before: Vec<String> = doc["default"]["before_script"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l.as_str().map(str::to_string))
        .collect();
    let mut steps = Vec::new();
    for (name, job) in doc.as_object().expect("a mapping") {
        let Some(script) = job["script"].as_array() else {
            continue;
        };
        let rules = job["rules"].as_array().expect("every job has rules");
        let runs = rules
            .iter()
            .any(|r| gitlab_if(r["if"].as_str().expect("rules use if:"), vars));
        if !runs {
            continue;
        }
        let lines = before
            .iter()
            .cloned()
            .chain(script.iter().filter_map(|l| l.as_str().map(str::to_string)));
        for line in lines {
            steps.extend(callsite_lines(&line, name));
        }
    }
    steps
}

fn gitlab_if(cond: &str, vars: &[(&str, &str)]) -> bool {
    let value = |side: &str| {
        let side = side.trim();
        match side.strip_prefix('$') {
            Some(var) => vars
                .iter()
                .find(|(k, _)| *k == var)
                .map_or(String::new(), |(_, v)| v.to_string()),
            None => side.trim_matches('"').to_string(),
        }
    };
    let (left, right) = cond
        .split_once("==")
        .unwrap_or_else(|| panic!("unknown rule {cond}"));
    value(left) == value(right)
}

fn callsite_lines(script: &str, name: &str) -> Vec<Step> {
    script
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("callsite "))
        .map(|l| Step {
            name: name.to_string(),
            args: words(l).into_iter().skip(1).collect(),
        })
        .collect()
}

/// Splits a command line on spaces, honouring double quotes; anything
/// shell-like beyond that fails the test, so a workflow that grows one
/// gets a test that understands it.
fn words(line: &str) -> Vec<String> {
    assert!(
        !line.contains(['$', '|', ';', '&', '>', '`', '\'']),
        "a callsite line the test cannot run as is: {line}"
    );
    let mut out = Vec::new();
    for (i, part) in line.split('"').enumerate() {
        if i % 2 == 1 {
            out.push(part.to_string());
        } else {
            out.extend(part.split_whitespace().map(str::to_string));
        }
    }
    out
}

/// Runs `steps` in `dir` with `SOURCE_DATE_EPOCH` set as the workflow sets
/// it, stopping at the first that fails, as a CI job does.
pub fn run(steps: &[Step], dir: &Path, epoch: i64) -> Outcome {
    let mut outcome = Outcome::default();
    for step in steps {
        let out = std::process::Command::new(super::binary())
            .args(&step.args)
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", epoch.to_string())
            .env("NO_COLOR", "1")
            .output()
            .expect("run callsite");
        let code = out.status.code().unwrap_or(-1);
        outcome
            .stdout
            .push_str(&String::from_utf8_lossy(&out.stdout));
        outcome
            .stderr
            .push_str(&String::from_utf8_lossy(&out.stderr));
        outcome.ran.push((step.clone(), code));
        if code != 0 {
            break;
        }
    }
    outcome
}

/// Seconds since the epoch at midnight UTC of `date` (YYYY-MM-DD), as
/// the daily run computes it with `date -u -d 'today 00:00' +%s`.
pub fn midnight(date: &str) -> i64 {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .expect("YYYY-MM-DD")
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp()
}
