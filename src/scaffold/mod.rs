//! `callsite new` and `callsite init`: files with every field stubbed and
//! commented, prefilled from what the site already knows, so a volunteer
//! starts from a file that passes `check` instead of a blank page.

mod init;
mod record;
mod stubs;

pub use init::{Ci, InitOptions, InitReport, init};

use crate::content::{RecordKind, is_valid_id, slugify};
use crate::{BuildOptions, Error};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// What `new` should write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NewItem {
    Call(String),
    /// Minutes or an agenda of a call, on a date or the nearest meeting.
    Record(RecordKind, String, Option<NaiveDate>),
    Coc(String),
    Page(String),
}

impl NewItem {
    /// Reads `new KIND ARGS…`.
    pub fn parse(kind: &str, args: &[String]) -> Result<NewItem, Error> {
        let usage = || {
            Error::Usage(format!(
                "usage: callsite new call ID | new minutes CALL [DATE] | new agenda CALL [DATE] | new coc ID | new page ID (got `new {kind} {}`)",
                args.join(" ")
            ))
        };
        let id = |i: usize| args.get(i).cloned().ok_or_else(usage);
        let date = |i: usize| -> Result<Option<NaiveDate>, Error> {
            match args.get(i) {
                None => Ok(None),
                Some(d) => crate::time::parse_date(d).map(Some).map_err(|why| {
                    Error::Usage(format!("`{d}` is not a date: {why}; write YYYY-MM-DD"))
                }),
            }
        };
        let item = match kind {
            "call" => NewItem::Call(id(0)?),
            "minutes" => NewItem::Record(RecordKind::Minutes, id(0)?, date(1)?),
            "agenda" => NewItem::Record(RecordKind::Agenda, id(0)?, date(1)?),
            "coc" => NewItem::Coc(id(0)?),
            "page" => NewItem::Page(id(0)?),
            _ => return Err(usage()),
        };
        let max = if matches!(item, NewItem::Record(..)) {
            2
        } else {
            1
        };
        if args.len() > max {
            return Err(usage());
        }
        Ok(item)
    }
}

/// Writes `text` at `path`, never over an existing file.
fn create(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Usage(format!(
                    "{} already exists; edit it instead, or pick another name",
                    path.display()
                ))
            } else {
                Error::io(path, e)
            }
        })?;
    std::io::Write::write_all(&mut f, text.as_bytes()).map_err(|e| Error::io(path, e))
}

fn checked_id(id: &str) -> Result<(), Error> {
    if is_valid_id(id) {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "`{id}` is not a valid id: use lowercase letters, digits and `-`, like `{}`",
            slugify(id)
        )))
    }
}

/// Writes the new file and returns its path relative to the site root.
/// `force` accepts a date that is not a meeting of the call.
pub fn new(opts: &BuildOptions, item: &NewItem, force: bool) -> Result<PathBuf, Error> {
    let (rel, text) = match item {
        NewItem::Call(id) => {
            checked_id(id)?;
            (
                PathBuf::from(format!("content/calls/{id}.md")),
                stubs::call(id, opts),
            )
        }
        NewItem::Coc(id) => {
            checked_id(id)?;
            (PathBuf::from(format!("content/cocs/{id}.md")), stubs::coc())
        }
        NewItem::Page(id) => {
            checked_id(id)?;
            if crate::content::page::RESERVED.contains(&id.as_str()) {
                return Err(Error::Usage(format!(
                    "`{id}` is taken by the site's own /{id}/ page; pick another id"
                )));
            }
            (
                PathBuf::from(format!("content/pages/{id}.md")),
                stubs::page(&title_case(id)),
            )
        }
        NewItem::Record(kind, call_id, date) => record::record(opts, *kind, call_id, *date, force)?,
    };
    create(&opts.root.join(&rel), &text)?;
    Ok(rel)
}

fn title_case(id: &str) -> String {
    id.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_new_arguments() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            NewItem::parse("call", &args(&["caravan"])).unwrap(),
            NewItem::Call("caravan".into())
        );
        assert_eq!(
            NewItem::parse("minutes", &args(&["caravan", "2026-11-18"])).unwrap(),
            NewItem::Record(
                RecordKind::Minutes,
                "caravan".into(),
                NaiveDate::from_ymd_opt(2026, 11, 18)
            )
        );
        assert!(NewItem::parse("minutes", &args(&["caravan", "2026-02-30"])).is_err());
        assert!(NewItem::parse("thing", &args(&["x"])).is_err());
        assert!(NewItem::parse("call", &args(&[])).is_err());
    }
}
