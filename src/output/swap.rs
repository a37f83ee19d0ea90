//! Putting a new tree where the output is, in one step where the system
//! has one, and finishing what a killed build left behind.
//!
//! On Linux the swap is `renameat2(RENAME_EXCHANGE)`: the output path
//! holds the old tree until the instant it holds the new one. Elsewhere
//! (or on a file system without it) it is two renames, output → old name,
//! staging → output; a kill between them leaves no output, and the next
//! build renames the old tree back before anything else.
//!
//! Staging folders are named `.NAME.callsite-new-PID` (and
//! `.NAME.callsite-old-PID` for the old tree of the two-rename swap) beside
//! the output. One whose process is gone is stale: the next build puts
//! back any file in it that callsite did not write, then removes the rest.

use super::{err, relocate, tidy};
use crate::error::Error;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// The staging folder of this process for the output called `name`.
pub fn staging(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.callsite-new-{}", std::process::id()))
}

fn old(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.callsite-old-{}", std::process::id()))
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Puts `staging` in the place of `output`. Returns where the old tree is
/// now, to be removed, if there was one.
pub fn replace(staging: &Path, output: &Path) -> Result<Option<PathBuf>, Error> {
    if !exists(output) {
        std::fs::rename(staging, output).map_err(|e| Error::io(output, e))?;
        return Ok(None);
    }
    #[cfg(target_os = "linux")]
    match exchange(staging, output) {
        Ok(()) => return Ok(Some(staging.to_path_buf())),
        // Not supported by this kernel or file system: two renames.
        Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) => {}
        Err(e) => return Err(Error::io(output, e)),
    }
    let (parent, name) = super::parent_and_name(output)?;
    let old = old(parent, &name);
    std::fs::rename(output, &old).map_err(|e| Error::io(output, e))?;
    if let Err(e) = std::fs::rename(staging, output) {
        let _ = std::fs::rename(&old, output);
        return Err(Error::io(output, e));
    }
    Ok(Some(old))
}

/// Swaps two paths atomically (both must exist).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are NUL-terminated strings that outlive the call;
    // renameat2 reads them and touches no other memory.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Finishes what interrupted builds of `output` left: an old tree renamed
/// back when the output is missing, foreign files put back, staging
/// folders removed. Returns what could not be done, as warnings.
pub fn recover(output: &Path) -> Result<Vec<String>, Error> {
    let (parent, name) = super::parent_and_name(output)?;
    let mut stale = match std::fs::read_dir(parent) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| stale_kind(&e.file_name().to_string_lossy(), &name, &e.path()))
            .collect::<Vec<_>>(),
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(parent, e)),
    };
    stale.sort();
    if !exists(output)
        && let Some(i) = stale.iter().position(|(kind, _)| *kind == "old")
    {
        let (_, old) = stale.remove(i);
        std::fs::rename(&old, output).map_err(|e| {
            err(
                &old,
                format!(
                    "this is the site before an interrupted build; rename it to {} ({e})",
                    output.display()
                ),
            )
        })?;
    }
    let mut warnings = Vec::new();
    for (_, dir) in stale {
        warnings.extend(relocate::return_foreign(&dir, output));
        if let Err(left) = tidy::remove(&dir) {
            warnings.push(left);
        }
    }
    Ok(warnings)
}

/// `("new" | "old", path)` for the staging folder of a build of `name`
/// whose process is gone.
fn stale_kind(file_name: &str, name: &str, path: &Path) -> Option<(&'static str, PathBuf)> {
    let rest = file_name.strip_prefix(&format!(".{name}.callsite-"))?;
    let (kind, pid) = rest.split_once('-')?;
    let kind = ["new", "old"].into_iter().find(|k| *k == kind)?;
    let pid: u32 = pid.parse().ok()?;
    (!running(pid, path)).then(|| (kind, path.to_path_buf()))
}

/// Whether the build that owns a staging folder may still be at work.
/// This process's own id means an earlier process that had it: this one
/// makes its folder only after recovering.
#[cfg(unix)]
fn running(pid: u32, _path: &Path) -> bool {
    if pid == std::process::id() {
        return false;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only asks whether the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Without a portable way to ask after a process, a staging folder
/// untouched for ten minutes is taken as abandoned.
#[cfg(not(unix))]
fn running(pid: u32, path: &Path) -> bool {
    if pid == std::process::id() {
        return false;
    }
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age < std::time::Duration::from_secs(600))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::MARKER;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// A build of this process's id counts as gone (see `running`), which
    /// stands in for a killed one.
    fn left_by_killed_build(parent: &Path, kind: &str) -> PathBuf {
        parent.join(format!(".output.callsite-{kind}-{}", std::process::id()))
    }

    #[test]
    fn a_kill_between_the_two_renames_is_repaired_by_the_next_run() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("output");
        // The old site, renamed away; the new one, with a foreign file
        // already carried in; no output at all.
        let old = left_by_killed_build(dir.path(), "old");
        write(&old.join(MARKER), "header\nindex.html\n");
        write(&old.join("index.html"), "OLD");
        let new = left_by_killed_build(dir.path(), "new");
        write(&new.join(MARKER), "header\nindex.html\n");
        write(&new.join("index.html"), "NEW");
        write(&new.join(".git/HEAD"), "theirs");

        assert_eq!(recover(&output).unwrap(), Vec::<String>::new());
        assert_eq!(
            std::fs::read_to_string(output.join("index.html")).unwrap(),
            "OLD"
        );
        assert_eq!(
            std::fs::read_to_string(output.join(".git/HEAD")).unwrap(),
            "theirs"
        );
        assert!(!old.exists() && !new.exists());
    }

    #[test]
    fn a_foreign_file_that_cannot_go_back_is_kept_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("output");
        write(&output.join("CNAME"), "now");
        let new = left_by_killed_build(dir.path(), "new");
        write(&new.join(MARKER), "header\nindex.html\n");
        write(&new.join("CNAME"), "then");
        let warnings = recover(&output).unwrap();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert_eq!(std::fs::read_to_string(new.join("CNAME")).unwrap(), "then");
        assert_eq!(
            std::fs::read_to_string(output.join("CNAME")).unwrap(),
            "now"
        );
    }
}
