//! Keeping foreign files where they are. With `--force` they move from the
//! old output into the new tree just before the swap (and back if the
//! swap fails), so after it they sit at the same paths as before; files an
//! interrupted build left in a staging folder move back into the output.

use super::inventory::{Listing, Unit, foreign, key, names};
use super::{MARKER, err};
use crate::error::Error;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The paths a build writes and the folders that hold them.
struct Planned<'a> {
    files: HashSet<&'a str>,
    dirs: HashSet<&'a str>,
}

impl<'a> Planned<'a> {
    /// `paths` (`/`-separated, relative to the output), and the marker.
    fn new(paths: &'a [String]) -> Planned<'a> {
        let mut planned = Planned {
            files: paths.iter().map(String::as_str).collect(),
            dirs: HashSet::new(),
        };
        planned.files.insert(MARKER);
        for p in paths {
            let mut at = p.as_str();
            while let Some((parent, _)) = at.rsplit_once('/') {
                if !planned.dirs.insert(parent) {
                    break;
                }
                at = parent;
            }
        }
        planned
    }

    /// Whether the build writes a file at `rel` or at one of its folders.
    fn writes_at(&self, rel: &str) -> bool {
        let mut at = rel;
        loop {
            if self.files.contains(at) {
                return true;
            }
            match at.rsplit_once('/') {
                Some((parent, _)) => at = parent,
                None => return false,
            }
        }
    }
}

/// The moves (paths relative to `output`) that carry `units` into the new
/// tree: a whole unit when the build writes nothing at or under it, its
/// entries one by one when the build writes into a folder of the same
/// name. Foreign files at paths the build writes are refused, all named.
pub fn plan(output: &Path, units: &[Unit], paths: &[String]) -> Result<Vec<PathBuf>, Error> {
    if units.is_empty() {
        // The usual case: nothing to carry over, and no sets of tens of
        // thousands of paths to make.
        return Ok(Vec::new());
    }
    let planned = &Planned::new(paths);
    let mut moves = Vec::new();
    let mut clashes = Vec::new();
    for unit in units {
        plan_one(output, unit, planned, &mut moves, &mut clashes)?;
    }
    if clashes.is_empty() {
        return Ok(moves);
    }
    Err(err(
        output,
        format!(
            "refusing to build into {}: callsite did not write (or cannot tell) {}, and this build writes there; --force keeps such files where they are but never writes over them; move them out of the folder (or, if they are an old build of yours, delete them) and build again",
            output.display(),
            names(&clashes.iter().collect::<Vec<_>>())
        ),
    ))
}

fn plan_one(
    output: &Path,
    unit: &Unit,
    planned: &Planned,
    moves: &mut Vec<PathBuf>,
    clashes: &mut Vec<Unit>,
) -> Result<(), Error> {
    let name = key(&unit.rel);
    let clash = planned.writes_at(&name);
    if !clash && !planned.dirs.contains(name.as_str()) {
        moves.push(unit.rel.clone());
    } else if !clash && unit.dir {
        let path = output.join(&unit.rel);
        let mut entries: Vec<_> = std::fs::read_dir(&path)
            .map_err(|e| Error::io(&path, e))?
            .collect::<Result<_, _>>()
            .map_err(|e| Error::io(&path, e))?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let inner = Unit {
                rel: unit.rel.join(e.file_name()),
                dir: e.file_type().is_ok_and(|t| t.is_dir()),
            };
            plan_one(output, &inner, planned, moves, clashes)?;
        }
    } else {
        clashes.push(unit.clone());
    }
    Ok(())
}

/// Moves each of `moves` from `from` to the same place under `to`. On a
/// failure the ones already moved go back, and the error says so.
pub fn move_all(from: &Path, to: &Path, moves: &[PathBuf]) -> Result<(), Error> {
    for (done, rel) in moves.iter().enumerate() {
        if let Err(e) = move_one(&from.join(rel), &to.join(rel)) {
            let stuck = move_back(from, to, &moves[..done]);
            let mut message = format!("could not keep {} in the new output: {e}", rel.display());
            if !stuck.is_empty() {
                message.push_str(&format!(
                    "; {} could not go back yet: the next build puts it back",
                    stuck.join(", ")
                ));
            }
            return Err(err(&from.join(rel), message));
        }
    }
    Ok(())
}

/// Undoes [`move_all`]; returns the paths that could not go back.
pub fn move_back(from: &Path, to: &Path, moves: &[PathBuf]) -> Vec<String> {
    moves
        .iter()
        .rev()
        .filter(|rel| move_one(&to.join(rel), &from.join(rel)).is_err())
        .map(|rel| to.join(rel).display().to_string())
        .collect()
}

fn move_one(from: &Path, to: &Path) -> Result<(), Error> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::rename(from, to).map_err(|e| Error::io(from, e))
}

/// Moves what `stale` (a staging folder of an interrupted build) holds that
/// callsite did not write back into `output`, where it came from. Returns
/// what could not go back, as warnings.
pub fn return_foreign(stale: &Path, output: &Path) -> Vec<String> {
    let units = match Listing::read(stale).and_then(|l| foreign(stale, &l)) {
        Ok(units) => units,
        Err(e) => return vec![e.to_string()],
    };
    let mut warnings = Vec::new();
    for unit in units {
        put_back(stale, output, &unit.rel, unit.dir, &mut warnings);
    }
    warnings
}

fn put_back(stale: &Path, output: &Path, rel: &Path, dir: bool, warnings: &mut Vec<String>) {
    let (from, to) = (stale.join(rel), output.join(rel));
    match std::fs::symlink_metadata(&to) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Err(e) = move_one(&from, &to) {
                warnings.push(format!(
                    "{e}; it was left by an interrupted build: move it back to {} yourself",
                    to.display()
                ));
            }
        }
        Ok(m) if m.is_dir() && dir => {
            let entries = std::fs::read_dir(&from).into_iter().flatten().flatten();
            for e in entries {
                let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
                put_back(stale, output, &rel.join(e.file_name()), is_dir, warnings);
            }
        }
        _ => warnings.push(format!(
            "{} was left by an interrupted build and {} exists too; compare them, keep the one you want and delete the other",
            from.display(),
            to.display()
        )),
    }
}
