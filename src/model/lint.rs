//! The lints that read every file of one kind: personal contacts in
//! published fields and bodies (with what to redact), staffing, links and
//! recordings. Bodies are scanned in parallel and merged in file order.

use super::{Records, policy, privacy, record_is_public};
use crate::content::{Coc, FaqSection, Page, Record, SiteConfig};
use crate::diagnostics::Diagnostic;
use chrono::{DateTime, Utc};
use rayon::prelude::*;
use std::collections::HashMap;

/// Every privacy lint; returns the contacts to redact, by file.
pub(super) fn lint_privacy(
    config: &SiteConfig,
    records: &Records,
    cocs: &[Coc],
    faq: &[FaqSection],
    pages: &[Page],
    now: DateTime<Utc>,
    diags: &mut Vec<Diagnostic>,
) -> HashMap<String, Vec<String>> {
    privacy::lint_site(config, diags);
    privacy::lint_titles(faq, pages, config, diags);
    for coc in cocs {
        privacy::lint_coc(coc, config, diags);
    }
    let mut redactions = HashMap::new();
    for call in records.calls {
        privacy::lint_call(call, config, diags);
        policy::lint_staffing(call, now, diags);
        policy::lint_register_link(call, config, now, diags);
        let redact = privacy::lint_call_body(call, config, diags);
        if !redact.is_empty() {
            redactions.insert(call.file.clone(), redact);
        }
    }
    // Every body is scanned for contacts: in parallel, merged in order.
    let linted: Vec<(Vec<Diagnostic>, Vec<String>)> = records
        .minutes
        .par_iter()
        .chain(records.agendas.par_iter())
        .map(|record| lint_record(record, records, config, now))
        .collect();
    let all = records.minutes.iter().chain(records.agendas);
    for (record, (found, redact)) in all.zip(linted) {
        diags.extend(found);
        if !redact.is_empty() {
            redactions.insert(record.file.clone(), redact);
        }
    }
    redactions
}

/// One record's privacy and recording lints, and the contacts to redact.
fn lint_record(
    record: &Record,
    records: &Records,
    config: &SiteConfig,
    now: DateTime<Utc>,
) -> (Vec<Diagnostic>, Vec<String>) {
    let mut diags = Vec::new();
    let call = records
        .call_index
        .get(&record.call)
        .map(|i| &records.calls[*i]);
    policy::lint_recording(record, config, now, &mut diags);
    let public = record_is_public(record, call);
    let redact = privacy::lint_record_body(record, public, config, &mut diags);
    if public {
        privacy::lint_record_fields(record, config, &mut diags);
    }
    (diags, redact)
}
