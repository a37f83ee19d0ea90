//! `/faq/`: the FAQ with a table of contents, a stable anchor per question
//! and FAQPage structured data.

use super::super::bodies;
use super::super::context::RenderCtx;
use super::super::views::{FaqSectionView, QuestionView};
use crate::diagnostics::Diagnostic;
use crate::fs::OutputFile;
use crate::model::routes;
use serde::Serialize;

#[derive(Serialize, Hash)]
struct FaqView {
    sections: Vec<FaqSectionView>,
    json_ld: String,
}

/// The FAQ page.
pub fn render(ctx: &RenderCtx, route: &str) -> Result<OutputFile, Diagnostic> {
    let site = ctx.site;
    let sections: Vec<FaqSectionView> = site
        .faq
        .iter()
        .map(|s| FaqSectionView {
            title: s.title.clone(),
            anchor: s.id.clone(),
            intro_html: ctx.bodies.html(&bodies::faq_intro(&s.file)),
            questions: s
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| QuestionView {
                    anchor: routes::question_anchor(&s.id, &q.question),
                    question: q.question.clone(),
                    answer_html: ctx.bodies.html(&bodies::faq_answer(&s.file, i)),
                })
                .collect(),
        })
        .collect();
    let view = FaqView {
        json_ld: json_ld(&sections),
        sections,
    };
    let meta = ctx.meta(
        "Frequently asked questions".into(),
        format!("Questions and answers about {}", site.config.title),
        route,
        "faq",
    );
    ctx.page(route, "faq.html", meta, &view)
}

/// FAQPage structured data, safe inside a `<script>` element.
fn json_ld(sections: &[FaqSectionView]) -> String {
    let entities: Vec<serde_json::Value> = sections
        .iter()
        .flat_map(|s| &s.questions)
        .map(|q| serde_json::json!({"@type": "Question", "name": q.question, "acceptedAnswer": {"@type": "Answer", "text": q.answer_html}}))
        .collect();
    let doc = serde_json::json!({"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities});
    script_json(&doc)
}

/// JSON to put inside a `<script>` element. `<`, `>` and `&` are written as
/// `\u003c`, `\u003e`, `\u0026`: escaping `</` alone is not enough, since
/// `<!--` followed by `<script>` changes how the browser finds the end of
/// the element and can swallow the rest of the page.
pub fn script_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{text, with_sample};

    #[test]
    fn json_for_a_script_element_cannot_end_or_open_it() {
        let out = script_json(&serde_json::json!({"q": "</script><!--<script>&"}));
        assert!(!out.contains('<') && !out.contains('>') && !out.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["q"], "</script><!--<script>&");
    }

    #[test]
    fn each_question_has_its_anchor_and_answer() {
        with_sample(|ctx| {
            let html = text(render(ctx, "faq/").unwrap());
            assert!(
                html.contains("id=\"calls-who-can-ask-for-a-call\""),
                "{html}"
            );
            assert!(html.contains("\"@type\":\"FAQPage\""));
        });
    }
}
