//! The `callsite` command line: parses arguments and hands them to
//! [`cli::run`], which calls the library, prints and picks the exit status
//! (0 fine, 1 content errors, 2 usage or I/O errors).

mod cli;

/// mimalloc instead of the system allocator: a build makes and drops
/// millions of small strings across threads, and glibc's malloc spent a
/// fifth of a build's time on them (benches/compare: -20 % wall time at
/// 10,000 minutes, -27 % at 100,000).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` and `mi_option_destroy_on_exit`
/// (positions 15 and 22 of `mi_option_e` in its v2 and v3 headers;
/// libmimalloc-sys names no constant for them).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const DESTROY_ON_EXIT: libmimalloc_sys::mi_option_t = 22;

/// Memory a build frees is given back to the system only after five
/// seconds, not one: pages, bodies and feeds free and take again the same
/// few hundred MiB all through a build, and each give-back cost a fresh,
/// zeroed (2 MiB, where the kernel uses transparent huge pages) page when
/// taken again: a tenth of a 10,000-minutes build's time. A 100,000-minutes
/// build's peak grows by a few percent; `serve`, idle, still gives back.
///
/// At exit mimalloc would by default collect and give back every page it
/// holds, one `madvise` at a time (about a thousand after a 10,000-minutes
/// build, 5 ms the process spends before it ends); a value above 1 skips
/// that, and the kernel takes the memory back with the process as it
/// does anyway (`MIMALLOC_SHOW_STATS`, printed at that point, then prints
/// nothing).
fn tune_allocator() {
    // SAFETY: sets plain integer options before any other thread runs.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 5_000);
        libmimalloc_sys::mi_option_set(DESTROY_ON_EXIT, 2);
    }
}

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "callsite",
    version,
    about = "Static sites and calendar feeds for networks of public conference calls"
)]
struct Cli {
    /// The site folder, holding content/ [default: the current directory]
    #[arg(
        short,
        long,
        global = true,
        value_name = "DIR",
        help_heading = "Global options"
    )]
    root: Option<PathBuf>,
    /// Print problems only: no progress line, no summary (for CI logs)
    #[arg(short, long, global = true, help_heading = "Global options")]
    quiet: bool,
    #[command(subcommand)]
    command: cli::Command,
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    let ctx = cli::Context {
        root: cli.root.unwrap_or_else(|| PathBuf::from(".")),
        quiet: cli.quiet,
    };
    match cli::run(cli.command, &ctx) {
        Ok(code) => code,
        Err(e) => {
            cli::term::note(&format!("error: {e}\n"));
            ExitCode::from(2)
        }
    }
}
