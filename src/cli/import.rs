//! `callsite import`: a calendar export turned into call records.

use super::{Context, term};
use callsite::Error;
use callsite::diagnostics::plural;
use callsite::import::{ImportReport, Level};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `callsite import`.
#[derive(clap::Args)]
pub struct Args {
    /// The calendar export (.ics) from Google Calendar, Outlook, Apple
    /// Calendar, Thunderbird, Nextcloud or a callsite feed
    file: PathBuf,
    /// Print the call files that would be written; write nothing
    #[arg(short = 'n', long)]
    dry_run: bool,
}

/// Imports the file into the site and reports what was written and what
/// could not be carried exactly. Nothing importable is exit 1, so a script
/// notices.
pub fn run(args: Args, ctx: &Context) -> Result<ExitCode, Error> {
    let sources = callsite::load::load(&ctx.root)?;
    let zone = sources.config.map(|c| c.timezone).ok_or_else(|| {
        Error::Usage(format!(
            "{}: content/site.yaml must be valid (with a `timezone:`) before importing; run `callsite check` to see why it is not",
            ctx.root.display()
        ))
    })?;
    let report = callsite::import::import(&args.file, &ctx.root, zone, args.dry_run)?;
    print(&report, &args.file, args.dry_run)?;
    Ok(if report.files.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What the command prints: every notice (stderr), and the files written
/// (stdout; with `dry_run`, each file's text).
fn print(report: &ImportReport, file: &Path, dry_run: bool) -> Result<(), Error> {
    let name = file.display().to_string();
    for n in &report.notices {
        term::note(&n.render(&name));
    }
    for (path, text) in &report.files {
        if dry_run {
            term::out(&format!("would write {}:\n{text}\n", path.display()))?;
        } else {
            term::out(&format!("wrote {}\n", path.display()))?;
        }
    }
    let warned = report
        .notices
        .iter()
        .filter(|n| n.level != Level::Note)
        .count();
    term::note(&format!(
        "{} {} from {} in {name}{}{}{}\n",
        if dry_run { "would import" } else { "imported" },
        plural(report.files.len(), "call"),
        plural(report.events, "event"),
        match report.refused {
            0 => String::new(),
            n => format!("; {n} not imported"),
        },
        match warned {
            0 => String::new(),
            n => format!("; {} to look at above", plural(n, "warning")),
        },
        match report.skipped {
            0 => String::new(),
            n => format!(
                "; {} (to-dos, journal entries) skipped",
                plural(n, "other component")
            ),
        },
    ));
    Ok(())
}
