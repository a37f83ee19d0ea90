//! `callsite import`: a calendar export turned into call records.

use callsite::Error;
use callsite::diagnostics;
use std::path::PathBuf;
use std::process::ExitCode;

/// Imports `file` into the site at `root` and reports what was written
/// and what could not be mapped.
pub fn run(file: PathBuf, root: PathBuf) -> Result<ExitCode, Error> {
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
