//! `callsite build`: the site into its output folder, or nothing written
//! when anything is wrong.

use super::{Context, NOW_HELP, term};
use callsite::diagnostics::{self, Format};
use callsite::{BuildOptions, Error};
use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `callsite build`.
#[derive(clap::Args)]
pub struct Args {
    /// Where to write the site [default: ROOT/output]
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// The address the site is published at, overriding site.yaml's
    /// base_url (for deploy previews)
    #[arg(short = 'u', long, value_name = "URL")]
    base_url: Option<String>,
    #[arg(long, value_name = "T", help = NOW_HELP)]
    now: Option<String>,
    /// Include `draft: true` calls and pages
    #[arg(short = 'D', long)]
    drafts: bool,
    /// Build around files in the output that callsite did not write,
    /// keeping them where they are (callsite never deletes them)
    #[arg(short, long)]
    force: bool,
}

/// Builds, prints the problems and a one-line summary.
pub fn run(args: Args, ctx: &Context) -> Result<ExitCode, Error> {
    let started = std::time::Instant::now();
    let opts = BuildOptions {
        output: args.output,
        base_url: args.base_url,
        force: args.force,
        drafts: args.drafts,
        ..BuildOptions::new(ctx.root.clone(), super::now(args.now.as_deref())?)
    };
    let progress = term::Progress::start(ctx.quiet);
    let report = callsite::build(&opts);
    drop(progress);
    let report = report?;
    let text = diagnostics::render(&report.diagnostics, Format::Human, &ctx.root);
    term::out(&term::paint(text))?;
    for w in &report.warnings {
        term::note(&(format!("warning: {w}") + "\n"));
    }
    if !report.written {
        term::note(
            &(format!(
                "build failed ({}); {} was left as it was",
                diagnostics::summary(&report.diagnostics),
                report.output.display()
            ) + "\n"),
        );
        return Ok(ExitCode::from(1));
    }
    if !ctx.quiet {
        term::note(
            &(format!(
                "built {} ({}, {}) in {:.2} s → {}",
                diagnostics::plural(report.pages, "page"),
                diagnostics::plural(report.calls, "call"),
                diagnostics::plural(report.minutes, "minutes file"),
                started.elapsed().as_secs_f64(),
                report.output.display()
            ) + "\n"),
        );
    }
    Ok(ExitCode::SUCCESS)
}
