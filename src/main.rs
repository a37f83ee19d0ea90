//! The `callsite` command line: parses arguments, calls the library, prints
//! diagnostics and picks the exit status (0 fine, 1 content errors, 2 usage
//! or I/O errors).

use callsite::diagnostics::{self, Format};
use callsite::{BuildOptions, Error};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Parser)]
#[command(
    name = "callsite",
    version,
    about = "Static sites and calendar feeds for networks of public conference calls"
)]
struct Cli {
    /// The site folder (holding content/); default the current directory.
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Print problems only: no progress, no summary (for CI logs).
    #[arg(long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into output/.
    Build {
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// YYYY-MM-DD or RFC 3339; default SOURCE_DATE_EPOCH, else the clock.
        #[arg(long, value_name = "T")]
        now: Option<String>,
        #[arg(long)]
        drafts: bool,
        /// Replace an output folder callsite did not write.
        #[arg(long)]
        force: bool,
    },
    /// Build, serve on 127.0.0.1:1111 and rebuild on change.
    Serve {
        #[arg(long)]
        port: Option<u16>,
        #[arg(long)]
        bind: Option<String>,
        #[arg(long, value_name = "T")]
        now: Option<String>,
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        poll: bool,
    },
    /// Load and validate everything; write nothing.
    Check {
        /// Fail on warnings too, except date-driven ones.
        #[arg(long)]
        strict: bool,
        /// YYYY-MM-DD or RFC 3339; default SOURCE_DATE_EPOCH, else the clock.
        #[arg(long, value_name = "T")]
        now: Option<String>,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Also check `draft: true` calls and pages as published.
        #[arg(long)]
        drafts: bool,
    },
    /// Write a new content file with every field stubbed.
    New {
        /// call, minutes, agenda, coc or page
        kind: String,
        /// ID, or CALL [DATE] for minutes and agendas
        args: Vec<String>,
        /// Accept a date that is not a meeting of the call.
        #[arg(long)]
        force: bool,
        /// YYYY-MM-DD or RFC 3339: decides "the latest meeting".
        #[arg(long, value_name = "T")]
        now: Option<String>,
    },
    /// Create a new site folder that builds.
    Init { dir: PathBuf },
    /// Turn an .ics export into call records.
    Import { file: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = cli.root.clone().unwrap_or_else(|| PathBuf::from("."));
    match run(cli.command, root, cli.quiet) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Colors for a terminal that wants them: only when stdout is one, and
/// never with `NO_COLOR` set (no-color.org).
fn use_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Paints the `error:` and `warning:` labels of rendered diagnostics.
fn paint(text: String) -> String {
    if !use_color() {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("error:") {
            out.push_str("\x1b[1;31merror\x1b[0m:");
            out.push_str(rest);
        } else if let Some(rest) = line.strip_prefix("warning:") {
            out.push_str("\x1b[1;33mwarning\x1b[0m:");
            out.push_str(rest);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Shows "building… 2.3 s" on a terminal while a build runs past a second;
/// nothing in CI (not a terminal) or with `--quiet`. Dropping it clears the
/// line.
struct Progress {
    done: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    fn start(quiet: bool) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        let thread = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let done = done.clone();
            std::thread::spawn(move || {
                let started = std::time::Instant::now();
                let mut shown = false;
                while !done.load(Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    if started.elapsed().as_secs_f64() >= 1.0 {
                        eprint!("\rbuilding… {:.1} s", started.elapsed().as_secs_f64());
                        shown = true;
                    }
                }
                if shown {
                    eprint!("\r\x1b[2K");
                }
            })
        });
        Progress { done, thread }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(command: Command, root: PathBuf, quiet: bool) -> Result<ExitCode, Error> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    match command {
        Command::Check {
            strict,
            now,
            format,
            drafts,
        } => {
            let opts = BuildOptions {
                drafts,
                ..BuildOptions::new(
                    root.clone(),
                    callsite::resolve_now(now.as_deref(), epoch.as_deref())?,
                )
            };
            let report = callsite::check(&opts)?;
            let text = diagnostics::render(&report.diagnostics, format, &root);
            print!(
                "{}",
                if format == Format::Human {
                    paint(text)
                } else {
                    text
                }
            );
            if format == Format::Human && !quiet {
                let verdict = diagnostics::summary(&report.diagnostics);
                match &report.site {
                    Some(site) => eprintln!(
                        "checked {}, {}, {}: {verdict}",
                        diagnostics::plural(site.calls.len(), "call"),
                        diagnostics::plural(site.minutes.len(), "minutes file"),
                        diagnostics::plural(site.agendas.len(), "agenda"),
                    ),
                    None => eprintln!("{verdict}"),
                }
            }
            Ok(if report.failed(strict) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Build {
            output,
            base_url,
            now,
            drafts,
            force,
        } => {
            let started = std::time::Instant::now();
            let opts = BuildOptions {
                output,
                base_url,
                force,
                drafts,
                ..BuildOptions::new(
                    root.clone(),
                    callsite::resolve_now(now.as_deref(), epoch.as_deref())?,
                )
            };
            let progress = Progress::start(quiet);
            let report = callsite::build(&opts);
            drop(progress);
            let report = report?;
            print!(
                "{}",
                paint(diagnostics::render(
                    &report.site.diagnostics,
                    Format::Human,
                    &root
                ))
            );
            if !report.written {
                eprintln!(
                    "build failed ({}); {} was left as it was",
                    diagnostics::summary(&report.site.diagnostics),
                    report.output.display()
                );
                return Ok(ExitCode::from(1));
            }
            if quiet {
                return Ok(ExitCode::SUCCESS);
            }
            eprintln!(
                "built {} ({}, {} minutes) in {:.2} s → {}",
                diagnostics::plural(report.site.pages(), "page"),
                diagnostics::plural(report.site.calls, "call"),
                diagnostics::count(report.site.minutes),
                started.elapsed().as_secs_f64(),
                report.output.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            port,
            bind,
            now,
            drafts,
            poll,
        } => {
            let bind = match bind {
                Some(b) => Some(b.parse().map_err(|_| {
                    Error::Usage(format!(
                        "--bind {b}: not an IP address, like 127.0.0.1 or 0.0.0.0"
                    ))
                })?),
                None => None,
            };
            let build = BuildOptions {
                drafts,
                ..BuildOptions::new(
                    root.clone(),
                    callsite::resolve_now(now.as_deref(), epoch.as_deref())?,
                )
            };
            callsite::serve::serve(callsite::serve::ServeOptions {
                build,
                port,
                bind,
                poll,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::New {
            kind,
            args,
            force,
            now,
        } => {
            let item = callsite::scaffold::NewItem::parse(&kind, &args)?;
            let opts = BuildOptions::new(
                root.clone(),
                callsite::resolve_now(now.as_deref(), epoch.as_deref())?,
            );
            let path = callsite::scaffold::new(&opts, &item, force)?;
            println!("{}", root.join(path).display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            for path in callsite::scaffold::init(&dir)? {
                println!("{}", dir.join(path).display());
            }
            eprintln!(
                "created a new site in {}; build it with `callsite --root {} build`",
                dir.display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { file } => {
            let sources = callsite::load::load(&root)?;
            let zone = sources.config.map(|c| c.timezone).ok_or_else(|| {
                Error::Usage(format!(
                    "{}: content/site.yaml must be valid (with a `timezone:`) before importing; run `callsite check` to see why it is not",
                    root.display()
                ))
            })?;
            let report = callsite::import::import(&file, &root, zone)?;
            for path in &report.written {
                println!("wrote {}", path.display());
            }
            for u in &report.unmapped {
                eprintln!(
                    "warning: {}: event `{}`: {} not imported: {}",
                    file.display(),
                    u.event,
                    u.property,
                    u.why
                );
            }
            eprintln!(
                "imported {} from {}{}",
                diagnostics::plural(report.written.len(), "call"),
                file.display(),
                match report.unmapped.len() {
                    0 => String::new(),
                    1 => " (1 property not imported)".to_string(),
                    n => format!(" ({n} properties not imported)"),
                }
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
