//! The `callsite` command line: parses arguments, calls the library, prints
//! diagnostics and picks the exit status (0 fine, 1 content errors, 2 usage
//! or I/O errors).

use callsite::diagnostics::{self, Format};
use callsite::{BuildOptions, Error};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

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
        /// Treat warnings as errors.
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
        args: Vec<String>,
    },
    /// Create a new site folder that builds.
    Init { dir: PathBuf },
    /// Turn an .ics export into call records.
    Import { file: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = cli.root.clone().unwrap_or_else(|| PathBuf::from("."));
    match run(cli.command, root) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command, root: PathBuf) -> Result<ExitCode, Error> {
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
            print!(
                "{}",
                diagnostics::render(&report.diagnostics, format, &root)
            );
            if format == Format::Human {
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
            let failed = report.has_errors() || (strict && report.has_warnings());
            Ok(if failed {
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
            let report = callsite::build(&opts)?;
            print!(
                "{}",
                diagnostics::render(&report.site.diagnostics, Format::Human, &root)
            );
            if !report.written {
                eprintln!(
                    "build failed ({}); {} was left as it was",
                    diagnostics::summary(&report.site.diagnostics),
                    report.output.display()
                );
                return Ok(ExitCode::from(1));
            }
            eprintln!(
                "built {} ({}, {}) in {:.2} s → {}",
                diagnostics::plural(report.site.pages(), "page"),
                diagnostics::plural(report.site.calls, "call"),
                diagnostics::plural(report.site.minutes, "minutes file")
                    .replace("minutes files", "minutes")
                    .replace("minutes file", "minutes"),
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
        Command::New { .. } => not_yet("new"),
        Command::Init { .. } => not_yet("init"),
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

fn not_yet(name: &str) -> Result<ExitCode, Error> {
    Err(Error::Usage(format!(
        "`callsite {name}` is not yet available in this version"
    )))
}
