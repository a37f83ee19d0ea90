//! An edit to the body of a public record, applied to a built [`Site`]
//! when nothing else about the record changed: what `serve` does for the
//! commonest edit instead of building the model again.
//!
//! A body feeds the model in two ways only: the checks of its text (the
//! personal-contact lint and the unwritten outline, the same functions
//! `build` runs) and the contacts to redact. An edit is applied here only
//! when neither has anything to say before or after it; otherwise the
//! caller builds the model again, which reports it.

use super::{Site, privacy, stubs};
use crate::content::{Record, RecordKind};

/// Puts `new`'s body in place of the record of the same file, if the
/// record is public, its front matter is unchanged and its body has no
/// problem to report. Returns whether it did.
pub fn replace_body(site: &mut Site, new: &Record) -> bool {
    let list = match new.kind {
        RecordKind::Minutes => &site.minutes,
        RecordKind::Agenda => &site.agendas,
    };
    let Some(at) = list.iter().position(|r| r.file == new.file) else {
        return false;
    };
    let old = &list[at];
    let mut same_front = old.clone();
    same_front.body = new.body.clone();
    if same_front != *new || !site.is_public(old) || !site.redactions(&new.file).is_empty() {
        return false;
    }
    let mut problems = Vec::new();
    let redact = privacy::lint_record_body(new, true, &site.config, &mut problems);
    if new.kind == RecordKind::Minutes {
        problems.extend(stubs::unwritten_outline(new));
    }
    if !problems.is_empty() || !redact.is_empty() {
        return false;
    }
    let list = match new.kind {
        RecordKind::Minutes => &mut site.minutes,
        RecordKind::Agenda => &mut site.agendas,
    };
    list[at].body = new.body.clone();
    true
}
