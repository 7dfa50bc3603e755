use super::view::{dim, kind_label, paint, short, terminal_width, truncate, visible};
use super::{emit, json};
use crate::cli::SearchArgs;
use crate::error::Result;
use crate::store::{Store, Table};
use anstyle::{AnsiColor, Style};
use std::fmt::Write;
use std::path::Path;

/// Columns a hit's text is indented under its header, and its most lines.
const TEXT_INDENT: usize = 4;
const TEXT_LINES: usize = 2;
/// Columns kept free at the end of a wrapped line for closing marks that
/// hang past it (two full-width marks: 。”).
const HANGING_MARKS_COLS: usize = 4;

pub fn run(db: &Path, args: SearchArgs) -> Result<()> {
    let store = Store::open_existing(db)?;
    let essay = store.resolve_optional(Table::Essays, args.essay.as_deref())?;
    let kind = super::kind(args.kind.as_deref())?;
    let query = args.query.join(" ");
    // The index holds simplified words (an essay in traditional characters
    // is read as its simplified copy), so a query is looked up simplified;
    // as typed only when that finds nothing (乾隆 is written with 乾 in
    // simplified text too). Cut once: the same words find the claims and are
    // highlighted in them.
    let simple = crate::text::script::simplified(&query);
    let mut words = store.query_words(&simple)?;
    let mut hits = store.search(&words, essay.as_deref(), kind, super::limit(args.limit))?;
    if hits.is_empty() && simple != query {
        words = store.query_words(&query)?;
        hits = store.search(&words, essay.as_deref(), kind, super::limit(args.limit))?;
    }
    let cut = super::cut_to(&mut hits, args.limit);
    let printed = if args.json.json {
        json::print_claims(&store, &hits)
    } else {
        emit(&render(&hits, &words.any))
    };
    super::then_say_if_cut(printed, cut, args.limit, "hits")
}

/// The hits as text: each one's header, then its text on up to two lines.
fn render(hits: &[crate::store::Hit], words: &[String]) -> String {
    if hits.is_empty() {
        return "no claims match\n".to_owned();
    }
    let mut out = String::new();
    // Claims holding every word come first, then claims holding some, each
    // group in score order: say where the second group begins.
    for (k, h) in hits.iter().enumerate() {
        if !h.all_words && (k == 0 || hits[k - 1].all_words) {
            let label = if k == 0 {
                "— no claim holds every word; claims holding some of them:"
            } else {
                "— claims holding only some of the words:"
            };
            let _ = writeln!(out, "{}", dim(label));
        }
        // The text on up to two lines under its header, indented, within the
        // terminal's width (a word wrapped across the break is not marked).
        // Wrapped a little short, so closing marks hanging past the wrap
        // (。” ) still fit; a line that would run past anyway is cut.
        let room = terminal_width().saturating_sub(TEXT_INDENT).max(20);
        let lines = crate::export::wrap::wrap(
            &visible(&h.claim.text),
            room.saturating_sub(HANGING_MARKS_COLS),
            TEXT_LINES,
        );
        let _ = writeln!(
            out,
            "{} {} {:.2}  {}",
            dim(short(&h.claim.id)),
            kind_label(h.claim.kind),
            h.score,
            dim(&crate::text::chars::book_title(h.essay_title.as_deref()))
        );
        for line in lines.iter().take(TEXT_LINES) {
            let line = truncate(line, room);
            let _ = writeln!(out, "{:TEXT_INDENT$}{}", "", highlight(&line, words));
        }
    }
    out
}

/// Marks every occurrence of the query's words in `text` (longest words
/// first, so 产业互联网 is marked whole rather than as 产业 + 互联网).
pub fn highlight(text: &str, words: &[String]) -> String {
    // Matched on the text as the index reads it — simplified, lower-cased,
    // full-width letters and digits narrowed — with each of its bytes'
    // place in `text` (script::simplified keeps the byte offsets).
    let mut folded = String::with_capacity(text.len());
    let mut origin: Vec<usize> = Vec::with_capacity(text.len() + 1);
    for (i, c) in crate::text::script::simplified(text).char_indices() {
        let before = folded.len();
        match crate::text::chars::narrow_alphanumeric(c) {
            Some(a) => folded.push(a),
            None => folded.extend(c.to_lowercase()),
        }
        origin.resize(folded.len(), i);
        debug_assert!(origin.len() == folded.len() && before < folded.len());
    }
    origin.push(text.len());
    let mut marked = vec![false; text.len()];
    let mut words: Vec<&String> = words.iter().collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    for w in words {
        for (i, _) in folded.match_indices(w.as_str()) {
            let (start, end) = (origin[i], origin[i + w.len()]);
            if start < end {
                marked[start..end].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    let style = Style::new().bold().fg_color(Some(AnsiColor::Yellow.into()));
    let mut out = String::new();
    let mut run = String::new();
    let mut in_mark = false;
    for (i, c) in text.char_indices() {
        if marked[i] != in_mark {
            flush(&mut out, &mut run, in_mark, style);
            in_mark = marked[i];
        }
        run.push(c);
    }
    flush(&mut out, &mut run, in_mark, style);
    out
}

fn flush(out: &mut String, run: &mut String, marked: bool, style: Style) {
    if run.is_empty() {
        return;
    }
    if marked {
        out.push_str(&paint(run, style));
    } else {
        out.push_str(run);
    }
    run.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The marked stretches of `highlight`'s output, in order.
    fn marked(text: &str, words: &[&str]) -> Vec<String> {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        let out = highlight(text, &words);
        let style = Style::new().bold().fg_color(Some(AnsiColor::Yellow.into()));
        let (open, close) = (style.to_string(), format!("{style:#}"));
        out.split(open.as_str())
            .skip(1)
            .map(|s| s.split(close.as_str()).next().unwrap_or("").to_owned())
            .collect()
    }

    #[test]
    fn full_width_letters_and_digits_are_marked_by_their_ascii_words() {
        assert_eq!(
            marked("２０１９年的ＧＤＰ增长，2019年的GDP也是", &["2019", "gdp"]),
            ["２０１９", "ＧＤＰ", "2019", "GDP"]
        );
        // Traditional characters are matched by their simplified words.
        assert_eq!(marked("閱讀使人明智", &["阅读"]), ["閱讀"]);
        // A letter whose lower case is longer (İ → i̇) no longer leaves the
        // whole text unmarked.
        assert_eq!(marked("İstanbul 的 ＡＩ", &["ai"]), ["ＡＩ"]);
    }
}
