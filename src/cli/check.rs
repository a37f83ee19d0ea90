//! `callsite check`: everything a build reads and validates, nothing
//! written; the command CI runs on every change.

use super::{Context, NOW_HELP, term};
use callsite::diagnostics::{self, Format};
use callsite::{BuildOptions, Error};
use std::process::ExitCode;

/// Flags of `callsite check`.
#[derive(clap::Args)]
pub struct Args {
    /// Fail on warnings too, except date-driven ones (a recording past its
    /// retention, a call soon without a registration link), which are
    /// reported but cannot fail: what pull requests should run
    #[arg(long)]
    strict: bool,
    #[arg(long, value_name = "T", help = NOW_HELP)]
    now: Option<String>,
    /// How problems are printed: for people, as GitHub Actions annotations,
    /// or as one JSON object per line
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Also check `draft: true` calls and pages, as if published
    #[arg(short = 'D', long)]
    drafts: bool,
}

/// Prints every problem and fails on errors (and with `--strict` on
/// warnings not raised by the date alone).
pub fn run(args: Args, ctx: &Context) -> Result<ExitCode, Error> {
    let opts = BuildOptions {
        drafts: args.drafts,
        ..BuildOptions::new(ctx.root.clone(), super::now(args.now.as_deref())?)
    };
    let report = callsite::check(&opts)?;
    let text = diagnostics::render(&report.diagnostics, args.format, &ctx.root);
    term::out(&if args.format == Format::Human {
        term::paint(text)
    } else {
        text
    })?;
    if args.format == Format::Human && !ctx.quiet {
        let verdict = diagnostics::summary(&report.diagnostics);
        match &report.site {
            Some(site) => term::note(
                &(format!(
                    "checked {}, {}, {}: {verdict}",
                    diagnostics::plural(site.calls.len(), "call"),
                    diagnostics::plural(site.minutes.len(), "minutes file"),
                    diagnostics::plural(site.agendas.len(), "agenda"),
                ) + "\n"),
            ),
            None => term::note(&format!("{verdict}\n")),
        }
    }
    Ok(if report.failed(args.strict) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
