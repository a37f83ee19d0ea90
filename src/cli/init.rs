//! `callsite init`: a new site folder, ready to publish.

use super::{Context, term};
use callsite::Error;
use callsite::scaffold::{Ci, InitOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `callsite init`.
#[derive(clap::Args)]
pub struct Args {
    /// The new site folder, created if missing; it must not hold a content/
    /// folder yet [default: --root, else the current directory]
    dir: Option<PathBuf>,
    /// The publishing workflow to write: GitHub Actions to GitHub Pages,
    /// GitLab CI to GitLab Pages, or none
    #[arg(long, value_enum, default_value = "github", value_name = "HOST")]
    ci: Ci,
    /// The address the site will be published at, written to
    /// content/site.yaml (it can be changed there later)
    #[arg(
        short = 'u',
        long,
        value_name = "URL",
        default_value = "https://example.org/"
    )]
    base_url: String,
}

/// Writes the site and says what to do next.
pub fn run(args: Args, ctx: &Context) -> Result<ExitCode, Error> {
    let opts = InitOptions {
        ci: args.ci,
        base_url: args.base_url,
    };
    let dir = args.dir.unwrap_or_else(|| ctx.root.clone());
    let report = callsite::scaffold::init(&dir, &opts)?;
    for path in &report.written {
        term::out(&(format!("{}", dir.join(path).display()) + "\n"))?;
    }
    for path in &report.kept {
        term::note(
            &(format!(
                "kept the existing {}{}",
                dir.join(path).display(),
                if path.ends_with(".gitignore") {
                    "; add `/output/` to it so builds are not committed"
                } else {
                    ""
                }
            ) + "\n"),
        );
    }
    if !ctx.quiet {
        term::note(
            &(format!(
                "created a new site in {}; preview it with `callsite serve` there, and see its README.md to publish it",
                dir.display()
            ) + "\n"),
        );
    }
    Ok(ExitCode::SUCCESS)
}
