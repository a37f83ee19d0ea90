//! `callsite new`: a content file with every field stubbed and commented.

use super::{Context, term};
use callsite::{BuildOptions, Error};
use std::process::ExitCode;

/// Arguments of `callsite new`.
#[derive(clap::Args)]
pub struct Args {
    /// What to write: call, minutes, agenda, coc or page
    kind: String,
    /// ID for a call, CoC or page; CALL [DATE] for minutes and agendas
    /// (without DATE: the call's latest meeting for minutes, its next for
    /// an agenda)
    args: Vec<String>,
    /// Write minutes or an agenda for a date that is not a meeting of the
    /// call
    #[arg(short, long)]
    force: bool,
    /// The moment that decides a call's latest and next meeting:
    /// YYYY-MM-DD or RFC 3339 [default: SOURCE_DATE_EPOCH, else the clock]
    #[arg(long, value_name = "T")]
    now: Option<String>,
}

/// Writes the file and prints its path.
pub fn run(args: Args, ctx: &Context) -> Result<ExitCode, Error> {
    let item = callsite::scaffold::NewItem::parse(&args.kind, &args.args)?;
    let opts = BuildOptions::new(ctx.root.clone(), super::now(args.now.as_deref())?);
    let path = callsite::scaffold::new(&opts, &item, args.force)?;
    term::out(&(format!("{}", ctx.root.join(path).display()) + "\n"))?;
    Ok(ExitCode::SUCCESS)
}
