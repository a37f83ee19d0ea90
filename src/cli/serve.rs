//! `callsite serve`: the live preview.

use super::{Context, NOW_HELP};
use callsite::{BuildOptions, Error};
use std::process::ExitCode;

/// Flags of `callsite serve`.
#[derive(clap::Args)]
pub struct Args {
    /// The port to listen on; the next free one if it is taken, and 0 lets
    /// the system choose [default: 1111]
    #[arg(short, long)]
    port: Option<u16>,
    /// The address to listen on [default: 127.0.0.1]; any other exposes the
    /// preview to the network (0.0.0.0 inside a container)
    #[arg(short, long, value_name = "ADDR")]
    bind: Option<String>,
    #[arg(long, value_name = "T", help = NOW_HELP)]
    now: Option<String>,
    /// Include `draft: true` calls and pages
    #[arg(short = 'D', long)]
    drafts: bool,
    /// Poll for changes instead of waiting for file-system events (some
    /// containers and network drives never send them)
    #[arg(long)]
    poll: bool,
}

/// Serves until Ctrl-C.
pub fn run(args: Args, ctx: &Context) -> Result<ExitCode, Error> {
    let bind = match args.bind {
        Some(b) => Some(b.parse().map_err(|_| {
            Error::Usage(format!(
                "--bind {b}: not an IP address, like 127.0.0.1 or 0.0.0.0"
            ))
        })?),
        None => None,
    };
    let build = BuildOptions {
        drafts: args.drafts,
        ..BuildOptions::new(ctx.root.clone(), super::now(args.now.as_deref())?)
    };
    callsite::serve::serve(callsite::serve::ServeOptions {
        build,
        port: args.port,
        bind,
        poll: args.poll,
    })?;
    Ok(ExitCode::SUCCESS)
}
