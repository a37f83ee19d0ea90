//! Random bytes and random YAML never panic the loader, and whatever it
//! reports stays inside the file.

use callsite::diagnostics::Diagnostic;
use callsite::load::{Kind, parse_source};
use proptest::prelude::*;
use std::path::Path;

const KINDS: [Kind; 6] = [
    Kind::Call,
    Kind::Minutes,
    Kind::Agenda,
    Kind::Coc,
    Kind::Faq,
    Kind::Page,
];

fn load(bytes: &[u8], kind: Kind) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let zone = Some(chrono_tz::America::New_York);
    let _ = parse_source(
        "content/x/fuzz.md",
        Path::new("content/x/fuzz.md"),
        bytes,
        kind,
        zone,
        &mut diags,
    );
    diags
}

fn assert_located_inside(bytes: &[u8], diags: &[Diagnostic]) {
    let lines = bytes.split(|b| *b == b'\n').count() as u32;
    for d in diags {
        if let Some(line) = d.line {
            assert!(
                line >= 1 && line <= lines + 1,
                "line {line} of {lines}: {d:?}"
            );
        }
        assert!(!d.message.is_empty());
        assert!(
            d.hint.as_deref().is_some_and(|h| !h.is_empty()),
            "no hint: {d:?}"
        );
    }
}

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("~".into()),
        Just("NO".into()),
        Just("yes".into()),
        Just("true".into()),
        Just("1e999".into()),
        Just(".nan".into()),
        Just("-12".into()),
        Just("2026-02-30".into()),
        Just("2026-03-08 02:30".into()),
        Just("FREQ=MONTHLY;BYDAY=1WE,-1FR".into()),
        Just("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30".into()),
        Just("[a, [b, {c: d}]]".into()),
        Just("{ 2026-04-17: 2026-04-18 20:00 }".into()),
        Just("*undefined".into()),
        Just("&anchor value".into()),
        Just("!!binary aGVsbG8=".into()),
        Just("!custom tag".into()),
        Just("\"unterminated".into()),
        Just("'single".into()),
        Just("|\n  block\n  text".into()),
        Just("- item".into()),
        Just("sam@example.com +1 555 010 0199".into()),
        Just("\u{200b}é🎉\t".into()),
        "[ -~]{0,20}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("title".to_string()),
        Just("start".into()),
        Just("repeat".into()),
        Just("until".into()),
        Just("count".into()),
        Just("moved".into()),
        Just("cancelled".into()),
        Just("call".into()),
        Just("date".into()),
        Just("decisions".into()),
        Just("country".into()),
        Just("id".into()),
        Just("timezone".into()),
        Just("duration".into()),
        "[a-z_]{1,12}",
        Just("? complex".into()),
        Just("<<".into()),
    ]
}

fn yaml_doc() -> impl Strategy<Value = String> {
    prop::collection::vec((0usize..4, key(), scalar()), 0..12).prop_map(|lines| {
        let mut out = String::from("---\n");
        for (indent, k, v) in lines {
            out.push_str(&" ".repeat(indent * 2));
            out.push_str(&format!("{k}: {v}\n"));
        }
        out.push_str("---\nBody with ## heading\n## Question?\nAnswer.\n");
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), kind in 0usize..6, fence in any::<bool>()) {
        let mut input = if fence { b"---\n".to_vec() } else { Vec::new() };
        input.extend(bytes);
        let diags = load(&input, KINDS[kind]);
        assert_located_inside(&input, &diags);
    }

    #[test]
    fn random_yaml_never_panics(doc in yaml_doc(), kind in 0usize..6, crlf in any::<bool>(), bom in any::<bool>()) {
        let mut text = if crlf { doc.replace('\n', "\r\n") } else { doc };
        if bom {
            text.insert(0, '\u{feff}');
        }
        let diags = load(text.as_bytes(), KINDS[kind]);
        assert_located_inside(text.as_bytes(), &diags);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, .. ProptestConfig::default() })]

    /// The whole check (model, schedule, lints) on a random call and
    /// minutes next to a valid site.
    #[test]
    fn random_content_never_panics_the_whole_check(call in yaml_doc(), minutes in yaml_doc(), start in scalar(), repeat in scalar()) {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        for entry in walkdir::WalkDir::new(&fixture) {
            let entry = entry.unwrap();
            let target = dir.path().join(entry.path().strip_prefix(&fixture).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
        let content = dir.path().join("content");
        std::fs::write(content.join("calls/fuzz.md"), call).unwrap();
        std::fs::write(content.join("calls/rule.md"), format!("---\ntitle: R\nstart: {start}\nrepeat: {repeat}\ncount: 3\n---\n")).unwrap();
        std::fs::write(content.join("minutes/fuzz.md"), minutes).unwrap();
        let opts = callsite::BuildOptions::new(dir.path().to_path_buf(), chrono::DateTime::parse_from_rfc3339("2026-11-24T00:00:00Z").unwrap().to_utc());
        let report = callsite::check(&opts).unwrap();
        for d in &report.diagnostics {
            prop_assert!(d.file.starts_with("content/"));
        }
    }
}
