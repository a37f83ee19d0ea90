//! `callsite import`: a calendar export turned into call records.

use super::Context;
use callsite::Error;
use std::path::PathBuf;
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
    callsite::import::print(&report, &args.file, args.dry_run);
    Ok(if report.files.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
