//! Property tests for the text pipeline: whatever the input, no panic, spans
//! that point at their text, claims in order, and stable ids.

use argraph::ingest::analyze;
use argraph::text::Document;
use proptest::prelude::*;

/// Text built from pieces that exercise the pipeline: CJK words, discourse
/// markers, hedges, end marks, quotes, blank lines, full-width spaces,
/// Markdown hashes, stray ASCII.
fn essayish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "元宇宙",
        "产业互联网",
        "我认为",
        "因此，",
        "但是",
        "比如，",
        "尽管",
        "，但是",
        "或许",
        "可能性",
        "。",
        "！",
        "？",
        "；",
        "，",
        "……",
        "“",
        "”",
        "\n",
        "\n\n",
        "\n\n\n",
        "　　",
        " ",
        "# ",
        "## ",
        "因为",
        "所以",
        "之所以",
        "其中一个原因在于",
        "换句话说，",
        "abc",
        "4.3",
        ".",
        ";",
        "\r\n",
        "\t",
        "——",
        "事实上，",
        "有人认为",
        "无论是",
        "还是",
        "了",
        "的",
        "元",
        "宇宙",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
}

fn check(text: &str, markdown: bool) {
    let path = if markdown { "p.md" } else { "p.txt" };
    let Ok(doc) = Document::from_bytes(path, text.as_bytes()) else {
        return;
    };
    let ex = analyze(&doc);
    let chars: Vec<char> = doc.text.chars().collect();
    let mut last_end = 0;
    let mut last_essay = String::new();
    for c in &ex.claims {
        assert!(
            c.span.start <= c.span.end && c.span.end <= chars.len(),
            "span inside the document"
        );
        let slice: String = chars[c.span.start..c.span.end].iter().collect();
        // The claim is the document slice, less the line breaks of a repaired
        // page break (and a space where a line break joined two ASCII words).
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squeeze(&slice), squeeze(&c.text), "claim text is its slice");
        if c.essay != last_essay {
            last_essay = c.essay.clone();
        } else {
            assert!(c.span.start >= last_end, "claims in order, without overlap");
        }
        last_end = c.span.end;
    }
    for e in &ex.edges {
        assert_ne!(e.from, e.to);
        assert!(ex.claims.iter().any(|c| c.id == e.from) && ex.claims.iter().any(|c| c.id == e.to));
    }
    for essay in &ex.essays {
        let majors = ex
            .claims
            .iter()
            .filter(|c| c.essay == essay.id && c.kind == argraph::model::ClaimKind::MajorClaim)
            .count();
        let claims = ex.claims.iter().filter(|c| c.essay == essay.id).count();
        assert!(
            majors == 1 || claims == 0,
            "one major claim per essay with claims"
        );
    }
    // Same bytes, same ids.
    let again = analyze(&Document::from_bytes(path, text.as_bytes()).unwrap());
    assert_eq!(ex, again);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn pipeline_holds_on_essay_like_text(text in essayish()) {
        check(&text, false);
        check(&text, true);
    }

    #[test]
    fn pipeline_holds_on_arbitrary_text(text in "\\PC{0,300}") {
        check(&text, false);
    }

    #[test]
    fn decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = Document::from_bytes("b.txt", &bytes).map(|d| analyze(&d));
    }
}
