//! `callsite announce`: the weekly digest of upcoming calls, printed for
//! the announcements list.

use super::{Context, NOW_HELP, term};
use callsite::announce::{self, Format};
use callsite::diagnostics;
use callsite::{BuildOptions, Error};
use std::process::ExitCode;

/// Flags of `callsite announce`.
#[derive(clap::Args)]
pub struct Args {
    /// The ISO week to announce, like 2026-W49 [default: the week starting
    /// next Monday in the site's zone]
    #[arg(short, long, value_name = "YYYY-Www")]
    week: Option<String>,
    /// Plain text for a mail, an HTML fragment, or Markdown
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The address links point to, overriding site.yaml's base_url
    #[arg(short = 'u', long, value_name = "URL")]
    base_url: Option<String>,
    #[arg(long, value_name = "T", help = NOW_HELP)]
    now: Option<String>,
}

/// Prints the digest; content errors are printed instead, with exit 1.
pub fn run(args: Args, ctx: &Context) -> Result<ExitCode, Error> {
    let week = args
        .week
        .as_deref()
        .map(announce::parse_week)
        .transpose()
        .map_err(|e| Error::Usage(format!("--week: {e}")))?;
    let opts = BuildOptions {
        base_url: args.base_url,
        ..BuildOptions::new(ctx.root.clone(), super::now(args.now.as_deref())?)
    };
    let result = announce::announce(&opts, week)?;
    let problems: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.severity == diagnostics::Severity::Error)
        .cloned()
        .collect();
    term::note(&term::paint(diagnostics::render(
        &problems,
        diagnostics::Format::Human,
        &ctx.root,
    )));
    match result.digest {
        Some(digest) => {
            term::out(&announce::render(&digest, args.format))?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            term::note("no announcement: fix the errors above first\n");
            Ok(ExitCode::from(1))
        }
    }
}
