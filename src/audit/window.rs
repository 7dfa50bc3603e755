//! The audit's view of a long line: essays written one paragraph per line
//! put a 300-column paragraph under every diagnostic, with an underline
//! that wraps out of place. For such lines the diagnostic shows a window:
//! the claims it concerns with some context on each side and … where text
//! is left out, so the underline stays under its claim.

use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Characters of context kept on each side of the claims, at most.
const CONTEXT_CHARS: usize = 20;

fn cols(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The last of the characters `at` (taken in their order) that still fit
/// in `budget` columns with those before it; None when the first does not.
fn last_within(text: &[char], at: impl Iterator<Item = usize>, budget: usize) -> Option<usize> {
    let mut w = 0;
    at.take_while(|&i| {
        w += cols(text[i]);
        w <= budget
    })
    .last()
}

/// Display columns of the characters `r` of `text`.
fn span_cols(text: &[char], r: Range<usize>) -> usize {
    text[r].iter().map(|&c| cols(c)).sum()
}

/// The text a diagnostic is drawn from, and where its spans are in it.
pub struct Windowed {
    /// Every line of the essay's text is here, so line numbers hold; lines
    /// without a span are left empty, lines with one are windowed.
    pub text: String,
    /// The spans, in `text`'s character offsets.
    pub spans: Vec<Range<usize>>,
    /// Column (1-based) of the first span in its windowed line, and in the
    /// original: the header ariadne prints gives the first.
    pub columns: (usize, usize),
}

/// Windows `text` for diagnostics on `spans` (character offsets) when a
/// line they touch is wider than `budget` columns; None when every such
/// line fits as it is.
pub fn window(
    text: &[char],
    lines: &crate::text::LineIndex,
    spans: &[Range<usize>],
    budget: usize,
) -> Option<Windowed> {
    let n = text.len();
    let line_of = |off: usize| lines.line_col(off.min(n)).0 - 1;
    let mut touched: Vec<usize> = spans
        .iter()
        .flat_map(|s| line_of(s.start)..=line_of(s.end.max(s.start + 1) - 1))
        .collect();
    touched.sort_unstable();
    touched.dedup();
    let too_wide = touched.iter().any(|&l| {
        let r = lines.line_range(l, n);
        span_cols(text, r) > budget
    });
    if !too_wide {
        return None;
    }
    // For each kept character of a touched line, its offset in the output.
    let mut out = String::new();
    let mut out_len = 0usize;
    // Where each piece of a touched line went, in order: original char
    // range, its offset in the output, and whether one … stands for it.
    // (A map entry per character cost a whole line per diagnostic: audit
    // of a 3,000-sentence line took seconds.)
    let mut pieces: Vec<(Range<usize>, usize, bool)> = Vec::new();
    let first = spans.first().map_or(0, |s| s.start);
    let first_line = line_of(first);
    // Where the first span's line starts in the output, for its column.
    let mut first_line_out = 0;
    let mut next_touched = touched.iter().peekable();
    for l in 0..lines.len() {
        if l > 0 {
            out.push('\n');
            out_len += 1;
        }
        if next_touched.peek() != Some(&&l) {
            continue;
        }
        next_touched.next();
        if l == first_line {
            first_line_out = out_len;
        }
        let r = lines.line_range(l, n);
        let lo = spans
            .iter()
            .map(|s| s.start.max(r.start))
            .filter(|&s| s < r.end)
            .min()
            .unwrap_or(r.start);
        let hi = spans
            .iter()
            .map(|s| s.end.min(r.end))
            .filter(|&e| e > r.start)
            .max()
            .unwrap_or(r.end)
            .max(lo);
        let inner = span_cols(text, lo..hi);
        // Kept pieces of the line, in order.
        let mut keep: Vec<Range<usize>> = Vec::new();
        if inner > budget {
            // The claims alone are too wide. Each claim gets its share of
            // the line, and one that fits its share is shown whole: what is
            // left out falls between claims, or inside the longest ones
            // (their head and tail), not in the middle of a short one.
            for (k, width, share) in claim_shares(text, &r, spans, budget) {
                let (a, b) = (k.start, k.end);
                if width <= share {
                    keep.push(k);
                    continue;
                }
                let half = share.saturating_sub(1) / 2;
                let head_end = last_within(text, a..b, half).map_or(a, |i| i + 1);
                let tail_start = last_within(text, (a..b).rev(), half)
                    .unwrap_or(b)
                    .max(head_end);
                keep.push(a..head_end);
                keep.push(tail_start..b);
            }
        } else {
            let side = ((budget - inner) / 2).max(4);
            let left =
                last_within(text, (r.start..lo).rev().take(CONTEXT_CHARS), side).unwrap_or(lo);
            let right =
                last_within(text, (hi..r.end).take(CONTEXT_CHARS), side).map_or(hi, |i| i + 1);
            keep.push(left..right);
        }
        let mut at = r.start;
        for k in &keep {
            if k.start > at {
                // Text left out: one … stands for it (and for span ends in it).
                pieces.push((at..k.start, out_len, true));
                out.push('…');
                out_len += 1;
            }
            let from = k.start.max(at);
            if k.end > from {
                pieces.push((from..k.end, out_len, false));
                out.extend(&text[from..k.end]);
                out_len += k.end - from;
            }
            at = k.end.max(at);
        }
        if at < r.end {
            pieces.push((at..r.end, out_len, true));
            out.push('…');
            out_len += 1;
        }
        // The line's end (a span may end there).
        pieces.push((r.end..r.end + 1, out_len, true));
    }
    let find = |off: usize| -> Option<usize> {
        let k = pieces
            .partition_point(|(r, _, _)| r.start <= off)
            .checked_sub(1)?;
        let (r, at, elided) = &pieces[k];
        (off < r.end).then(|| if *elided { *at } else { at + (off - r.start) })
    };
    let place = |off: usize, end: bool| -> usize {
        match find(off) {
            Some(p) => p,
            // The end of a span that reached into a line break.
            None if end => find(off.saturating_sub(1)).map_or(0, |p| p + 1),
            None => 0,
        }
    };
    let new_spans: Vec<Range<usize>> = spans
        .iter()
        .map(|s| {
            let a = place(s.start, false);
            let b = place(s.end, true).max(a + 1);
            a..b
        })
        .collect();
    let original = lines.line_col(first).1;
    let new_first = new_spans.first().map_or(0, |s| s.start);
    Some(Windowed {
        text: out,
        spans: new_spans,
        columns: (new_first - first_line_out + 1, original),
    })
}

/// Fewest columns a claim cut to its head and tail is given.
const MIN_CUT_COLS: usize = 16;

/// The claims' pieces of line `r` (spans clipped to it, overlaps merged),
/// in order, each with its width in columns and the columns it may take out
/// of `budget` (less one column for a … between pieces).
fn claim_shares(
    text: &[char],
    r: &Range<usize>,
    spans: &[Range<usize>],
    budget: usize,
) -> Vec<(Range<usize>, usize, usize)> {
    let mut pieces: Vec<Range<usize>> = spans
        .iter()
        .map(|s| s.start.max(r.start)..s.end.min(r.end))
        .filter(|p| p.start < p.end)
        .collect();
    pieces.sort_by_key(|p| (p.start, p.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(pieces.len());
    for p in pieces {
        match merged.last_mut() {
            Some(last) if p.start < last.end => last.end = last.end.max(p.end),
            _ => merged.push(p),
        }
    }
    let widths: Vec<usize> = merged.iter().map(|p| span_cols(text, p.clone())).collect();
    let mut left = budget.saturating_sub(merged.len().saturating_sub(1));
    let mut share = vec![0; merged.len()];
    // Narrowest first: each is kept whole while the wider ones still have
    // room for a head and a tail; those then share what is left.
    let mut order: Vec<usize> = (0..merged.len()).collect();
    order.sort_by_key(|&i| (widths[i], i));
    for (k, &i) in order.iter().enumerate() {
        let reserve = (order.len() - k - 1) * MIN_CUT_COLS;
        if widths[i] + reserve <= left {
            share[i] = widths[i];
            left -= widths[i];
            continue;
        }
        let each = left / (order.len() - k);
        for &j in &order[k..] {
            share[j] = each;
        }
        break;
    }
    merged
        .into_iter()
        .zip(widths)
        .zip(share)
        .map(|((p, width), share)| (p, width, share))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    /// The text the window shows for its `k`th span.
    fn shown_at(w: &Windowed, k: usize) -> String {
        w.text
            .chars()
            .skip(w.spans[k].start)
            .take(w.spans[k].len())
            .collect()
    }

    #[test]
    fn two_claims_too_wide_together_cut_the_long_one_and_keep_the_short_one_whole() {
        // A long sentence, then a quotation-bearing one that fits alone (the
        // audit once cut 一本是“有字之书”… out of the second instead).
        let long = format!("阅读常被奉为{}灵魂。", "甲".repeat(60));
        let short = "有位作家说，人要读三大本书：一本是“有字之书”，一本是“无字之书”。";
        let text = format!("题目\n\n{long}{short}\n");
        let chars: Vec<char> = text.chars().collect();
        let lines = crate::text::LineIndex::new(&text);
        let a = 4..4 + long.chars().count();
        let b = a.end..a.end + short.chars().count();
        let w = window(&chars, &lines, &[a, b], 100).unwrap();
        let line = w.text.split('\n').nth(2).unwrap();
        assert!(line.contains(short), "{line}");
        assert!(line.contains('…') && line.width() <= 101, "{line}");
        let got = shown_at(&w, 1);
        assert_eq!(got, short);
    }

    #[test]
    fn a_claim_in_a_long_line_is_shown_with_some_context() {
        let before = "甲".repeat(100);
        let claim = "读书使人明智。";
        let after = "乙".repeat(100);
        let text = format!("题目\n\n{before}{claim}{after}\n末段。");
        let chars: Vec<char> = text.chars().collect();
        let lines = crate::text::LineIndex::new(&text);
        let start = 4 + 100;
        let span = start..start + claim.chars().count();
        let w = window(&chars, &lines, std::slice::from_ref(&span), 80).unwrap();
        let shown: Vec<&str> = w.text.split('\n').collect();
        assert_eq!(shown.len(), 4, "every line kept, so line numbers hold");
        assert_eq!(shown[0], "");
        assert!(shown[2].starts_with('…') && shown[2].ends_with('…'));
        assert!(shown[2].width() <= 82, "{}", shown[2]);
        let got = shown_at(&w, 0);
        assert_eq!(got, claim);
        assert_eq!(w.columns.1, 101);
        // A short line needs no window.
        assert!(window(&chars, &lines, std::slice::from_ref(&(0..2)), 80).is_none());
    }

    #[test]
    fn a_claim_wider_than_the_budget_keeps_its_head_and_tail() {
        let claim = "读".repeat(80);
        let text = format!("{claim}后文");
        let chars: Vec<char> = text.chars().collect();
        let lines = crate::text::LineIndex::new(&text);
        let w = window(&chars, &lines, std::slice::from_ref(&(0..80)), 40).unwrap();
        assert!(w.text.width() <= 46, "{}", w.text);
        assert!(w.text.contains('…'));
        assert_eq!(w.spans[0].start, 0);
    }
}
