//! `content/faq/*.md`: one FAQ section per file; each `##` heading is a
//! question and the text up to the next `##` its answer.

use super::Body;
use crate::front_matter::fields::{FieldPositions, Fields};

/// One question and its answer (Markdown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub question: String,
    pub answer: String,
    /// File line of the `##` heading.
    pub line: u32,
    /// File line on which the answer's text starts.
    pub answer_line: u32,
}

/// A section of the FAQ.
#[derive(Clone, Debug, PartialEq)]
pub struct FaqSection {
    pub id: String,
    pub file: String,
    pub title: String,
    pub order: Option<u32>,
    /// Text before the first question.
    pub intro: String,
    /// The file line on which the intro starts.
    pub intro_line: u32,
    pub questions: Vec<Question>,
    pub at: FieldPositions,
}

/// The fields of an FAQ section.
pub const FIELDS: &[&str] = &["id", "title", "order"];

/// Reads an FAQ section and splits its body into questions.
pub fn read(f: &mut Fields, id: String, body: &Body) -> Option<FaqSection> {
    let title = f.required_text("title", "About the calls");
    let order = f.count("order", 1);
    let (intro, questions) = split_questions(body);
    let intro_line = body.first_line + leading_blank_lines(&body.text);
    if questions.is_empty() {
        let d = crate::diagnostics::Diagnostic::warning(
            f.file(),
            Some(crate::diagnostics::Pos {
                line: body.first_line,
                column: 1,
            }),
            "this FAQ section has no questions",
        )
        .hint("start each question with `## ` on its own line, its answer below it");
        f.push(d);
    }
    Some(FaqSection {
        at: f.positions(),
        file: f.file().to_string(),
        id,
        title: title?,
        order,
        intro,
        intro_line,
        questions,
    })
}

/// Splits at `## ` headings outside fenced code blocks.
pub fn split_questions(body: &Body) -> (String, Vec<Question>) {
    let mut intro = String::new();
    let mut questions: Vec<Question> = Vec::new();
    let mut fence: Option<&str> = None;
    for (i, line) in body.text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
        } else if trimmed.starts_with("```") {
            fence = Some("```");
        } else if trimmed.starts_with("~~~") {
            fence = Some("~~~");
        } else if let Some(q) = line.strip_prefix("## ") {
            questions.push(Question {
                question: q.trim().trim_end_matches('#').trim().to_string(),
                answer: String::new(),
                line: body.first_line + i as u32,
                answer_line: 0,
            });
            continue;
        }
        let target = match questions.last_mut() {
            Some(q) => &mut q.answer,
            None => &mut intro,
        };
        target.push_str(line);
        target.push('\n');
    }
    for q in &mut questions {
        q.answer_line = q.line + 1 + leading_blank_lines(&q.answer);
        q.answer = q.answer.trim().to_string();
    }
    (intro.trim().to_string(), questions)
}

/// How many blank lines `text` starts with (trimmed away, but the lines
/// after them keep their numbers).
pub fn leading_blank_lines(text: &str) -> u32 {
    text.lines().take_while(|l| l.trim().is_empty()).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_second_level_headings_only() {
        let body = Body {
            text: "Intro.\n\n## Who can ask?\nAnyone.\n\n### Detail\nMore.\n```\n## not a question\n```\n## Is it free? ##\nYes.\n".into(),
            first_line: 5,
            released: None,
        };
        let (intro, qs) = split_questions(&body);
        assert_eq!(intro, "Intro.");
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].question, "Who can ask?");
        assert_eq!(qs[0].line, 7);
        assert!(qs[0].answer.contains("### Detail") && qs[0].answer.contains("## not a question"));
        assert_eq!(
            (qs[1].question.as_str(), qs[1].answer.as_str()),
            ("Is it free?", "Yes.")
        );
    }
}
