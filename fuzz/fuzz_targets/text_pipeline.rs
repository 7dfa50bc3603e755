//! Any bytes through decode → layout → extraction: no panic, spans inside the
//! document on char boundaries, claims in order, and the same ids twice.
#![no_main]

use argraph::ingest::analyze;
use argraph::text::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let markdown = data.first().is_some_and(|b| b & 1 == 1);
    let path = if markdown { "f.md" } else { "f.txt" };
    let Ok(doc) = Document::from_bytes(path, data) else { return };
    let ex = analyze(&doc);
    let n = doc.text.chars().count();
    let mut last = (String::new(), 0);
    for c in &ex.claims {
        assert!(c.span.start <= c.span.end && c.span.end <= n);
        if c.essay == last.0 {
            assert!(c.span.start >= last.1);
        }
        last = (c.essay.clone(), c.span.end);
    }
    let again = analyze(&Document::from_bytes(path, data).unwrap());
    assert_eq!(ex, again);
});
