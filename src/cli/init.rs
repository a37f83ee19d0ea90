//! `callsite init`: a new site folder.

use super::Context;
use callsite::Error;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `callsite init`.
#[derive(clap::Args)]
pub struct Args {
    /// The new site folder, created if missing; it must not hold a content/
    /// folder yet
    dir: PathBuf,
}

/// Writes the site and says how to build it.
pub fn run(args: Args, _ctx: &Context) -> Result<ExitCode, Error> {
    let dir = &args.dir;
    for path in callsite::scaffold::init(dir)? {
        println!("{}", dir.join(path).display());
    }
    eprintln!(
        "created a new site in {}; build it with `callsite --root {} build`",
        dir.display(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
