use super::*;

fn report(path: &str, text: &str) -> EssayReport {
    let doc = crate::text::Document::from_bytes(path, text.as_bytes()).unwrap();
    let ex = crate::ingest::analyze(&doc);
    let essay = ex.essays[0].clone();
    let claims: Vec<_> = ex
        .claims
        .iter()
        .filter(|c| c.essay == essay.id)
        .cloned()
        .collect();
    let ids: std::collections::HashSet<&str> = claims.iter().map(|c| c.id.as_str()).collect();
    let edges = ex
        .edges
        .iter()
        .filter(|e| ids.contains(e.from.as_str()) && ids.contains(e.to.as_str()))
        .cloned()
        .collect();
    let view = EssayView::new(
        path.to_owned(),
        "file".to_owned(),
        doc.text.clone(),
        essay,
        claims,
        edges,
    );
    let audit = crate::audit::audit_essay(&view, &[]);
    EssayReport { view, audit }
}

const ESSAY: &str = "读书的意义\n\n我认为，读书能够开阔眼界。\n\n首先，读书让人明理。例如，鲁迅在1918年发表了《狂人日记》。因为书中有前人的经验，所以读书可以少走弯路。\n\n总之，我们应该多读书。\n";

#[test]
fn every_claim_is_highlighted_once_with_its_text() {
    let r = report("essay.txt", ESSAY);
    let html = single(std::slice::from_ref(&r));
    for c in &r.view.claims {
        let open = format!("id=\"claim-{}\"", c.id);
        assert_eq!(html.matches(&open).count(), 1, "{}", c.text);
        let node = format!("<g class=\"node role-{}", c.role.as_str());
        assert!(html.contains(&node));
    }
    assert_eq!(
        html.matches("<span class=\"claim role-").count(),
        r.view.claims.len() + Role::ALL.len() + summary_role_spans(&r)
    );
    // Same input, same bytes.
    assert_eq!(
        html,
        single(std::slice::from_ref(&report("essay.txt", ESSAY)))
    );
}

fn summary_role_spans(r: &EssayReport) -> usize {
    Role::ALL
        .iter()
        .filter(|role| r.view.claims.iter().any(|c| c.role == **role))
        .count()
}

#[test]
fn hostile_text_stays_text() {
    let hostile = "恶意标题</title><script>alert(1)</script>\n\n我认为<script>window.pwned=1</script>不能执行。有人说</style>&amp;\"引号\"']]><!--也不行。\n";
    let r = report("<img src=x onerror=alert(1)>.txt", hostile);
    let html = single(std::slice::from_ref(&r));
    let body = &html[html.find("<body>").unwrap()..html.rfind("<script>").unwrap()];
    assert!(!body.contains("<script>window"), "{body}");
    assert!(!body.contains("<img"));
    assert!(!body.contains("</style>&"));
    assert_eq!(
        html.matches("<script").count(),
        2,
        "only the data block and the page script"
    );
    assert!(html.contains("&lt;script&gt;window.pwned=1&lt;/script&gt;"));
}

#[test]
fn the_map_places_every_claim_without_overlap() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/metaverse-industrial-internet.txt"
    ))
    .unwrap();
    let r = report("seed.txt", &text);
    let l = map::layout(&r.view);
    assert!(r.view.claims.len() > 20);
    for i in 0..l.pos.len() {
        let (x, y) = l.pos[i];
        assert!(x >= 0.0 && y >= 0.0 && x + map::NODE_W <= l.width && y + map::NODE_H <= l.height);
        for j in 0..i {
            let (a, b) = l.pos[j];
            let apart = (x - a).abs() >= map::NODE_W || (y - b).abs() >= map::NODE_H;
            assert!(
                apart,
                "claims {i} {:?} and {j} {:?} overlap",
                l.pos[i], l.pos[j]
            );
        }
    }
}

#[test]
fn a_directory_report_has_an_index_and_a_page_per_essay() {
    let a = report("a.txt", ESSAY);
    let b = report("b.txt", "另一篇\n\n我认为运动有益健康。\n");
    let mut pages: Vec<(String, String)> = Vec::new();
    super::pages(&[a, b], |name, page| {
        pages.push((name.to_owned(), page.to_owned()));
        Ok::<(), ()>(())
    })
    .unwrap();
    assert_eq!(pages.len(), 3);
    // The index last, once every page it links is written.
    assert_eq!(pages[2].0, "index.html");
    assert!(pages[2].1.contains(&format!("href=\"{}\"", pages[0].0)));
    assert!(pages[2].1.contains(&format!("href=\"{}\"", pages[1].0)));
    assert!(pages[0].1.contains("href=\"index.html\""));
}

#[test]
fn an_essay_too_large_to_draw_says_so_instead_of_a_map() {
    let mut text = String::from("题目\n\n");
    for i in 0..=MAP_MAX_CLAIMS {
        text.push_str(&format!("第{i}句话说明一个道理。\n"));
    }
    let r = report("big.txt", &text);
    assert!(r.view.claims.len() > MAP_MAX_CLAIMS);
    let html = single(std::slice::from_ref(&r));
    assert!(!html.contains("<svg class=\"map\""));
    assert!(html.contains("class=\"map-omitted\""), "the page says why");
    // Every claim is still in the text and in the data the panel reads.
    for c in r.view.claims.iter().step_by(97) {
        assert!(
            html.contains(&format!("id=\"claim-{}\"", c.id)),
            "{}",
            c.text
        );
    }
    let small = report("essay.txt", ESSAY);
    assert!(single(std::slice::from_ref(&small)).contains("<svg class=\"map\""));
}

/// An essay in traditional characters is marked `zh-Hant`, so a browser
/// draws it with the traditional glyphs; the page stays `zh-Hans`.
#[test]
fn an_essay_in_traditional_characters_is_marked_so() {
    let traditional =
        std::fs::read_to_string("tests/data/unseen-network-reading-traditional.txt").unwrap();
    let reports = [
        report("essay.txt", ESSAY),
        report("traditional.txt", &traditional),
    ];
    let html = single(&reports);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hans\">"));
    assert_eq!(html.matches("<article class=\"essay\"").count(), 2);
    assert_eq!(html.matches("lang=\"zh-Hant\"").count(), 1);
}
