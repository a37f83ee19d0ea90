//! `/minutes/CALL/DATE/` and `/agendas/CALL/DATE/`: one record with its
//! meeting's time, decisions, recording, its counterpart and, for minutes,
//! the call's previous and next public minutes.

use super::super::context::RenderCtx;
use super::super::views::{Link, RecordView};
use super::super::words;
use crate::content::{Record, RecordKind};
use crate::diagnostics::Diagnostic;
use crate::fs::OutputFile;
use crate::model::routes;
use crate::schedule;
use chrono::Duration;
use serde::Serialize;

#[derive(Serialize, Hash)]
struct RecordPage {
    record: RecordView,
}

/// The page of the record at position `i` of its kind's list.
pub fn render(
    ctx: &RenderCtx,
    route: &str,
    kind: RecordKind,
    i: usize,
) -> Result<OutputFile, Diagnostic> {
    let site = ctx.site;
    let r = match kind {
        RecordKind::Minutes => &site.minutes[i],
        RecordKind::Agenda => &site.agendas[i],
    };
    let view = RecordPage {
        record: record_view(ctx, r),
    };
    let summary = ctx.bodies.summary(&r.file);
    let description = if summary.is_empty() {
        format!(
            "{} of {}",
            super::capitalize(kind.noun()),
            view.record.title
        )
    } else {
        summary.to_string()
    };
    let meta = ctx.meta(view.record.title.clone(), description, route, "minutes");
    ctx.page(route, "record.html", meta, &view)
}

fn record_view(ctx: &RenderCtx, r: &Record) -> RecordView {
    let site = ctx.site;
    let call = site.call(&r.call);
    let (previous, next) = neighbours(ctx, r);
    let start = call.map(|c| schedule::meeting_start(c, r.date));
    let retention = Duration::days(i64::from(site.config.policy.recording_retention_days));
    // The body first: rendering it leaves the inline decisions read below.
    let body_html = ctx.bodies.html(&r.file);
    let counterpart = |kind: RecordKind| {
        site.record_on(kind, &r.call, r.date)
            .and_then(|x| site.record_route(x))
            .map(|route| ctx.link(&route))
    };
    RecordView {
        kind: r.kind.noun(),
        title: site.title_of(r),
        call_title: site.call_title(&r.call).to_string(),
        call_url: ctx.link(&routes::call(&r.call)),
        date: crate::time::iso_date(r.date),
        date_label: words::day_label(r.date),
        datetime: start.map(|t| t.to_rfc3339()),
        time: start.as_ref().map(words::time_label),
        attendance: r.attendance,
        recording: r.recording.clone(),
        recording_expired: r.recording.is_some() && ctx.now.date_naive() > r.date + retention,
        decisions: super::minutes::decisions_of(ctx, r)
            .into_iter()
            .filter(|d| d.url.ends_with("#decisions"))
            .collect(),
        body_html,
        agenda_url: (r.kind == RecordKind::Minutes)
            .then(|| counterpart(RecordKind::Agenda))
            .flatten(),
        minutes_url: (r.kind == RecordKind::Agenda)
            .then(|| counterpart(RecordKind::Minutes))
            .flatten(),
        previous,
        next,
    }
}

/// The call's public minutes before and after `r` (minutes only).
fn neighbours(ctx: &RenderCtx, r: &Record) -> (Option<Link>, Option<Link>) {
    if r.kind != RecordKind::Minutes {
        return (None, None);
    }
    let site = ctx.site;
    let public: Vec<&Record> = site
        .minutes_of(&r.call)
        .filter(|m| site.is_public(m))
        .collect();
    let Some(pos) = public.iter().position(|m| std::ptr::eq(*m, r)) else {
        return (None, None);
    };
    let link = |m: &Record| {
        site.record_route(m).map(|route| Link {
            title: words::long_date(m.date),
            url: ctx.link(&route),
        })
    };
    // Newest first: "previous" is the next older one.
    let previous = public.get(pos + 1).and_then(|m| link(m));
    let next = pos
        .checked_sub(1)
        .and_then(|q| public.get(q))
        .and_then(|m| link(m));
    (previous, next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{text, with_sample};

    #[test]
    fn minutes_link_their_agenda_and_their_neighbours() {
        with_sample(|ctx| {
            let site = ctx.site;
            let i = site
                .minutes
                .iter()
                .position(|m| m.call == "io-planning" && m.date.to_string() == "2026-11-16")
                .unwrap();
            let route = site.record_route(&site.minutes[i]).unwrap();
            let html = text(render(ctx, &route, RecordKind::Minutes, i).unwrap());
            assert!(html.contains("/agendas/io-planning/2026-11-16/"), "{html}");
            assert!(
                html.contains("rel=\"prev\""),
                "an older minutes file of the call"
            );
        });
    }
}
