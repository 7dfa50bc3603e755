//! The essay as written, paragraph by paragraph, with every claim's span
//! wrapped in a highlight and its discourse markers underlined.

use super::escape::{attr, text};
use crate::audit::EssayView;
use std::fmt::Write;

/// For each claim, which of its characters (counted in the claim's text)
/// belong to a discourse marker of one of its relations. A marker is looked
/// for in the claim the relation leaves, then in the one it reaches.
fn marker_chars(v: &EssayView) -> Vec<Vec<bool>> {
    let mut marks: Vec<Vec<bool>> = v
        .claims
        .iter()
        .map(|c| vec![false; c.text.chars().count()])
        .collect();
    for e in &v.edges {
        let Some(m) = e.marker.as_deref().filter(|m| !m.is_empty()) else {
            continue;
        };
        for end in [&e.from, &e.to] {
            let Some(&i) = v.index.get(end) else { continue };
            // Markers are the lexicon's (simplified) words: looked for in the
            // claim's simplified form, whose offsets are the claim's.
            let t = crate::text::script::simplified(&v.claims[i].text);
            if let Some(byte) = t.find(m) {
                let start = t[..byte].chars().count();
                for flag in marks[i].iter_mut().skip(start).take(m.chars().count()) {
                    *flag = true;
                }
                break;
            }
        }
    }
    marks
}

/// The essay's paragraphs as HTML. `flags[i]` is how many audit findings
/// concern claim `i` (a flag follows its highlight).
pub fn paragraphs(v: &EssayView, flags: &[usize]) -> String {
    let doc: Vec<char> = v.text.chars().collect();
    // The essay's span, widened to its claims: material quoted before the
    // title (a prompt, a news item) belongs to the essay but not its span.
    let start = v
        .claims
        .iter()
        .map(|c| c.span.start)
        .fold(v.essay.span.start, usize::min);
    let end = v
        .claims
        .iter()
        .map(|c| c.span.end)
        .fold(v.essay.span.end, usize::max);
    let span = start.min(doc.len())..end.min(doc.len());
    let mut order: Vec<usize> = (0..v.claims.len()).collect();
    order.sort_by_key(|&i| (v.claims[i].span.start, v.claims[i].ord));
    let marks = marker_chars(v);
    let mut out = String::new();
    let mut open = false;
    let mut line_start = true;
    // The title is the line the essay's span starts on.
    let title_at = v.essay.title.as_ref().map(|_| v.essay.span.start);
    let mut next = order.iter().peekable();
    let mut run = String::new();
    let mut p = span.start;
    let open_p = |out: &mut String, open: &mut bool, title: bool| {
        if !*open {
            out.push_str(if title { "<p class=\"title\">" } else { "<p>" });
            *open = true;
        }
    };
    while p < span.end {
        // Skip claims that start before the cursor (overlapping spans from
        // an imported map): their text is already out.
        while next.peek().is_some_and(|&&i| v.claims[i].span.start < p) {
            next.next();
        }
        if let Some(&&i) = next.peek().filter(|&&&i| v.claims[i].span.start == p) {
            next.next();
            let c = &v.claims[i];
            if !run.is_empty() {
                out.push_str(&text(&run));
                run.clear();
            }
            open_p(&mut out, &mut open, false);
            let _ = write!(
                out,
                "<span class=\"claim role-{role}{hedged}{flagged}\" id=\"claim-{id}\" data-claim=\"{id}\">",
                role = c.role.as_str(),
                hedged = if c.hedged { " hedged" } else { "" },
                flagged = if flags[i] > 0 { " flagged" } else { "" },
                id = attr(&c.id),
            );
            // The claim's text is the document slice less the line breaks of
            // a repaired page break, so those are skipped, not rendered.
            let end = c.span.end.min(span.end).max(p);
            let mut k = 0;
            let mut in_marker = false;
            let mut piece = String::new();
            for &ch in &doc[p..end] {
                if ch == '\n' || ch == '\r' {
                    continue;
                }
                let m = marks[i].get(k).copied().unwrap_or(false);
                if m != in_marker {
                    out.push_str(&text(&piece));
                    piece.clear();
                    out.push_str(if m { "<u class=\"marker\">" } else { "</u>" });
                    in_marker = m;
                }
                piece.push(ch);
                k += 1;
            }
            out.push_str(&text(&piece));
            if in_marker {
                out.push_str("</u>");
            }
            out.push_str("</span>");
            if flags[i] > 0 {
                let _ = write!(
                    out,
                    "<a class=\"flag\" href=\"#claim-{id}\" data-claim=\"{id}\" title=\"{n} audit finding{s}\">⚑</a>",
                    id = attr(&c.id),
                    n = flags[i],
                    s = if flags[i] == 1 { "" } else { "s" },
                );
            }
            p = end;
            line_start = false;
            continue;
        }
        let ch = doc[p];
        p += 1;
        match ch {
            '\r' => {}
            '\n' => {
                out.push_str(&text(&run));
                run.clear();
                if open {
                    out.push_str("</p>\n");
                    open = false;
                }
                line_start = true;
            }
            _ => {
                let title = line_start && title_at == Some(p - 1);
                open_p(&mut out, &mut open, title);
                run.push(ch);
                line_start = false;
            }
        }
    }
    out.push_str(&text(&run));
    if open {
        out.push_str("</p>\n");
    }
    out
}
