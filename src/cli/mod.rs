//! One file per command: each reads its parsed arguments, calls the
//! library and prints. Only this module and `main` print or choose an
//! exit status; the library returns values and `Result`s.

mod announce;
mod build;
mod check;
mod import;
mod init;
mod new;
mod serve;
pub mod term;

use callsite::Error;
use chrono::{DateTime, Utc};
use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

/// What every command gets besides its own arguments: the global flags.
pub struct Context {
    /// The site folder, holding `content/`.
    pub root: PathBuf,
    /// Problems only: no progress line, no summary.
    pub quiet: bool,
}

/// The commands, each with the arguments its own file defines.
#[derive(Subcommand)]
pub enum Command {
    /// Everything build does (load, validate, schedule, render) but write
    Check(check::Args),
    /// Build the site into output/
    Build(build::Args),
    /// Preview the site on 127.0.0.1:1111, rebuilding on every change
    Serve(serve::Args),
    /// Write a new content file with every field stubbed and commented
    New(new::Args),
    /// Create a new site folder that builds, with a publishing workflow
    Init(init::Args),
    /// Turn an .ics export into call records
    Import(import::Args),
    /// Print the weekly announcement of upcoming calls
    Announce(announce::Args),
}

/// Runs one command. `Err` is a usage or I/O problem (exit 2); content
/// problems are printed and give exit 1.
pub fn run(command: Command, ctx: &Context) -> Result<ExitCode, Error> {
    match command {
        Command::Check(args) => check::run(args, ctx),
        Command::Build(args) => build::run(args, ctx),
        Command::Serve(args) => serve::run(args, ctx),
        Command::New(args) => new::run(args, ctx),
        Command::Init(args) => init::run(args, ctx),
        Command::Import(args) => import::run(args, ctx),
        Command::Announce(args) => announce::run(args, ctx),
    }
}

/// The help shared by every `--now` flag.
const NOW_HELP: &str = "The moment the site is built as of: YYYY-MM-DD (midnight UTC) or RFC 3339 [default: SOURCE_DATE_EPOCH, else the clock]";

/// Reads `--now`, falling back to `SOURCE_DATE_EPOCH` and then the clock.
fn now(flag: Option<&str>) -> Result<DateTime<Utc>, Error> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    callsite::resolve_now(flag, epoch.as_deref())
}
