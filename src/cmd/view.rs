//! Terminal presentation shared by the query commands: display-width-aware
//! truncation and padding (a CJK character takes two columns), and colour
//! that appears only on a terminal and never with NO_COLOR set (anstream
//! strips it otherwise).

use crate::model::{Claim, ClaimKind, Relation};
use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

pub use crate::audit::report::count;

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` columns from the left, starting with … when
/// cut: for paths, whose end (the file name) says most.
pub fn truncate_start(s: &str, max: usize) -> String {
    let shown = pieces(s);
    if shown.iter().map(|p| width(p)).sum::<usize>() <= max {
        return shown.concat();
    }
    let mut kept = columns(shown.into_iter().rev(), max);
    kept.push("…".into());
    kept.into_iter().rev().collect()
}

/// `s` cut to at most `max` columns, ending in … when cut.
pub fn truncate(s: &str, max: usize) -> String {
    let shown = pieces(s);
    if shown.iter().map(|p| width(p)).sum::<usize>() <= max {
        return shown.concat();
    }
    let mut out: String = columns(shown.into_iter(), max).concat();
    out.push('…');
    out
}

/// `s` on one line as the terminal shows it, a piece per character, so a
/// cut never splits the ⟨U+202E⟩ that stands for a character.
fn pieces(s: &str) -> Vec<std::borrow::Cow<'_, str>> {
    // Borrowed from `s` but for the escapes: no allocation per character.
    s.char_indices()
        .map(|(i, c)| match c {
            '\n' => " ".into(),
            c if escaped_on_terminal(c) => format!("⟨U+{:04X}⟩", c as u32).into(),
            c => s[i..i + c.len_utf8()].into(),
        })
        .collect()
}

/// The first pieces `shown` yields that fit `max` columns with one left
/// over for the ellipsis.
fn columns<'a>(
    shown: impl Iterator<Item = std::borrow::Cow<'a, str>>,
    max: usize,
) -> Vec<std::borrow::Cow<'a, str>> {
    let mut kept = Vec::new();
    let mut used = 0;
    for p in shown {
        let w = width(&p);
        if used + w + 1 > max {
            break;
        }
        used += w;
        kept.push(p);
    }
    kept
}

/// `s` padded with spaces to `cols` columns (never cut).
pub fn pad(s: &str, cols: usize) -> String {
    let w = width(s);
    format!("{s}{}", " ".repeat(cols.saturating_sub(w)))
}

/// Columns available for text: `$COLUMNS` when set (bash does not export
/// it, so usually it is not), else the width of the terminal on stdout,
/// else 100 (output to a file or a pipe).
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        // `COLUMNS=0` (some CI runners) means "unknown", not no room.
        .filter(|&c: &usize| c > 0)
        .or_else(|| terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| w.0 as usize))
        .unwrap_or(100)
        .max(40)
}

pub fn paint(s: &str, style: Style) -> String {
    format!("{style}{s}{style:#}")
}

pub fn dim(s: &str) -> String {
    paint(s, Style::new().dimmed())
}

pub fn bold(s: &str) -> String {
    paint(s, Style::new().bold())
}

pub fn kind_label(k: ClaimKind) -> String {
    let style = match k {
        ClaimKind::MajorClaim => Style::new()
            .bold()
            .fg_color(Some(AnsiColor::Magenta.into())),
        ClaimKind::Claim => Style::new().fg_color(Some(AnsiColor::Blue.into())),
        ClaimKind::Premise => Style::new(),
    };
    paint(&pad(k.as_str(), 11), style)
}

pub fn relation_style(r: Relation) -> Style {
    let c = match r {
        Relation::Supports => AnsiColor::Green,
        Relation::Attacks => AnsiColor::Red,
        Relation::Exemplifies => AnsiColor::Cyan,
        Relation::Restates => AnsiColor::Yellow,
        Relation::Elaborates => AnsiColor::Blue,
    };
    Style::new().fg_color(Some(c.into()))
}

/// One glyph per relation for trees: + supports, × attacks, ◇ exemplifies,
/// ≡ restates, » elaborates (not …, which ends a cut text).
pub fn glyph(r: Relation) -> &'static str {
    match r {
        Relation::Supports => "+",
        Relation::Attacks => "×",
        Relation::Exemplifies => "◇",
        Relation::Restates => "≡",
        Relation::Elaborates => "»",
    }
}

pub use crate::text::chars::{escaped_on_terminal, visible};

/// The short id shown to people; any unique prefix is accepted back.
pub fn short(id: &str) -> &str {
    crate::model::short_id(id)
}

/// What marks a hedged claim in a one-line listing: `~`, "about so" (a `?`
/// read as a question mark before the text).
pub fn hedge_mark(c: &Claim) -> &'static str {
    if c.hedged {
        "~"
    } else {
        " "
    }
}

/// `id kind role text` on one line, the text cut to the terminal; a
/// hedged claim's role is marked `~role` (the kind column is full for
/// `major_claim`, so the mark stands after its space, not glued to it).
pub fn claim_line(c: &Claim, indent: usize) -> String {
    let hedge = hedge_mark(c);
    let room = terminal_width().saturating_sub(indent + 39);
    format!(
        "{} {} {}{} {}",
        dim(short(&c.id)),
        kind_label(c.kind),
        hedge,
        role_label(c),
        truncate(&c.text, room.max(20))
    )
}

/// A claim's role ([`Claim::role_name`], `thesis?` for a guess), padded to
/// a column.
pub fn role_label(c: &Claim) -> String {
    pad(&c.role_name(), 12)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_two_columns() {
        assert_eq!(width("元宇宙"), 6);
        assert_eq!(truncate("元宇宙让产业互联网", 7), "元宇宙…");
        assert_eq!(width(&truncate("元宇宙让产业互联网", 8)), 7);
        assert_eq!(pad("元", 4), "元  ");
    }

    #[test]
    fn a_cut_keeps_an_escape_whole() {
        assert_eq!(truncate("读书\u{202e}的意义", 20), "读书⟨U+202E⟩的意义");
        assert_eq!(truncate("读书\u{202e}的意义", 8), "读书…");
        assert_eq!(truncate("读书\u{202e}的意义", 14), "读书⟨U+202E⟩…");
        assert_eq!(truncate_start("读书\u{202e}的意义", 8), "…的意义");
        assert_eq!(truncate("一\n二", 10), "一 二");
    }
}
