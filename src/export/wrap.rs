//! Line breaking for labels (DOT, Mermaid, the HTML map), by display width
//! and by the rules CJK typesetting keeps (kinsoku): closing punctuation
//! (。，、」…) never starts a line — it hangs at the end of the line before,
//! up to [`HANG_COLS`] columns of it —
//! and opening punctuation (「（《…) never ends one. A run of ASCII letters,
//! digits and marks is a word and is not broken unless it is longer than a
//! line; CJK text breaks between any two characters. Nothing is added or
//! dropped: the lines put back together are the text (line breaks, tabs
//! and narrow spaces as spaces), unless it was cut short with ….
//! (A run of ASCII marks such as `?!` is a word: after a break at a space
//! it may start a line.)

use unicode_width::UnicodeWidthChar;

/// Characters that may not start a line.
const NO_LINE_START: &str = "。，、；：？！）」』”’》〉】〕〗〙〛｝］…‥·・ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.;:?!)]}%";
/// Characters that may not end a line.
const NO_LINE_END: &str = "（「『“‘《〈【〔〖〘〚｛［([{";

/// Whitespace that a label turns into a plain space: line and paragraph
/// breaks, tabs and the other narrow spaces, not the ideographic space.
fn is_break_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{3000}'
}

fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Pieces that are not broken: an ASCII word (letters, digits, marks, no
/// spaces), a space, or one other character. Line breaks and tabs become
/// spaces (a label draws its own lines); a wide space (U+3000) stays what
/// it is, a character of the text.
fn pieces(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = false;
    for c in text
        .chars()
        .map(|c| if is_break_space(c) { ' ' } else { c })
    {
        let ascii_word = c.is_ascii_graphic();
        match out.last_mut() {
            Some(last) if ascii_word && word => last.push(c),
            _ => out.push(c.to_string()),
        }
        word = ascii_word;
    }
    out
}

/// Columns that closing marks (and spaces between them) may hang past the
/// line's width: eight full-width marks, more than any run in real text
/// (`。」`, `？！”）`). A longer run starts a line after all, so no line
/// grows without bound and wrapping stays linear (a claim of 200,000 」
/// took 40 s to label).
const HANG_COLS: usize = 16;

/// Splits `text` into lines of at most `cols` display columns (hanging
/// closing marks, and a space between them, may take up to [`HANG_COLS`]
/// more); past `max_lines` the last line ends with ….
pub fn wrap(text: &str, cols: usize, max_lines: usize) -> Vec<String> {
    let cols = cols.max(2);
    // Marks may still hang on a line of this width.
    let may_hang = |used: usize| used < cols + HANG_COLS;
    let mut lines: Vec<String> = vec![String::new()];
    // The next piece starts a line (the break at a space was taken, and a
    // closing mark then hung on the line before it).
    let mut new_line = false;
    for piece in pieces(text) {
        // Lines past the last one shown are cut off below: no need to make
        // them (an empty one may still give a closing mark back to the last
        // line shown).
        if lines.len() > max_lines && lines.last().is_some_and(|l| !l.is_empty()) {
            break;
        }
        let first = piece.chars().next().expect("a piece has a character");
        let single = piece.chars().count() == 1;
        // A closing mark after a break at a space hangs on the line before,
        // as it would have without the space (and so do the marks after it).
        // A space right after such a mark stays with it (a line starts
        // with no space, and no line is a lone space).
        let last_may_hang = lines.last().is_some_and(|l| may_hang(width(l)));
        if new_line && piece == " " && last_may_hang {
            lines.last_mut().expect("a line").push(' ');
            continue;
        }
        if single && NO_LINE_START.contains(first) {
            if new_line && last_may_hang {
                lines.last_mut().expect("a line").push(first);
                continue;
            }
            let before = lines.len().checked_sub(2).map(|i| lines[i].as_str());
            if lines.last().is_some_and(String::is_empty)
                && before.is_some_and(|l| may_hang(width(l)))
            {
                lines.pop();
                lines.last_mut().expect("a line").push(first);
                new_line = true;
                continue;
            }
        }
        if std::mem::take(&mut new_line) {
            lines.push(String::new());
        }
        let line = lines.last_mut().expect("a line");
        let used = width(line);
        let w = width(&piece);
        if used + w <= cols {
            line.push_str(&piece);
            continue;
        }
        if piece == " " {
            // A space at a break ends the line it breaks: the lines put
            // back together are the text (renderers draw it as nothing).
            line.push(' ');
            lines.push(String::new());
            continue;
        }
        if single && NO_LINE_START.contains(first) && !line.is_empty() && may_hang(used) {
            // Hangs at the end of this line.
            line.push(first);
            continue;
        }
        if w > cols {
            // A word longer than a line: broken where it must be.
            for c in piece.chars() {
                let line = lines.last_mut().expect("a line");
                if width(line) + c.width().unwrap_or(0) > cols && !line.is_empty() {
                    lines.push(String::new());
                }
                lines.last_mut().expect("a line").push(c);
            }
            continue;
        }
        // Opening marks at the end of the line go down with what they open.
        let mut carried = String::new();
        while let Some(c) = line
            .chars()
            .next_back()
            .filter(|c| NO_LINE_END.contains(*c))
        {
            if line.chars().count() == 1 {
                break;
            }
            line.pop();
            carried.insert(0, c);
        }
        carried.push_str(&piece);
        lines.push(carried);
    }
    // A break at a final space leaves no empty line behind.
    if lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("a line");
        while width(last) + 1 > cols {
            if last.pop().is_none() {
                break;
            }
        }
        last.push('…');
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_breaks_anywhere_but_punctuation_follows_the_rules() {
        assert_eq!(
            wrap("元宇宙让产业互联网得到了复现", 8, 4),
            vec!["元宇宙让", "产业互联", "网得到了", "复现"]
        );
        // 。 would start the second line: it hangs on the first.
        assert_eq!(wrap("甲乙丙丁。戊己", 8, 4), vec!["甲乙丙丁。", "戊己"]);
        // 「 would end the first line: it goes down with what it opens.
        assert_eq!(wrap("甲乙丙「丁戊」", 8, 4), vec!["甲乙丙", "「丁戊」"]);
        for line in wrap("他说，“我们应该，多读书。”然后，他走了。", 6, 10) {
            let first = line.chars().next().unwrap();
            assert!(!NO_LINE_START.contains(first), "{line}");
            assert!(
                !NO_LINE_END.contains(line.chars().last().unwrap()),
                "{line}"
            );
        }
    }

    #[test]
    fn a_closing_mark_after_a_space_at_a_break_hangs_on_the_line_before() {
        // Seen in the corpus: `7月16日 。` and `吗? ”` broke before the mark.
        for (text, cols) in [
            ("我记得，那一日， 7月16日 。", 22),
            ("“是她为你所做的不够多吗? ”」他问。", 23),
            ("我记得，那一日， 7月16日 。 后来我们走了。", 24),
            ("他问：“是这样吗? ” ", 15),
        ] {
            for cols in cols - 3..cols + 3 {
                let lines = wrap(text, cols, 10);
                assert_eq!(lines.concat(), text, "{cols}: {lines:?}");
                for line in lines.iter().skip(1) {
                    let first = line.chars().next().unwrap();
                    assert!(!NO_LINE_START.contains(first), "{cols}: {lines:?}");
                    assert!(first != ' ', "{cols}: {lines:?}");
                }
            }
        }
    }

    #[test]
    fn a_run_of_closing_marks_hangs_a_few_and_breaks_the_rest() {
        let text = format!("我们说{}好。", "」".repeat(20_000));
        let lines = wrap(&text, 20, usize::MAX);
        assert_eq!(lines.concat(), text);
        assert!(lines.iter().all(|l| width(l) < 20 + HANG_COLS + 2));
        // Cut to three lines, the rest is not laid out at all.
        let cut = wrap(
            &format!("{}{}", "字".repeat(30), "」".repeat(200_000)),
            20,
            3,
        );
        assert_eq!(cut.len(), 3);
        assert!(cut[2].ends_with('…'));
        // A mark or two still hang.
        assert_eq!(wrap("一二三四。」", 8, 5), ["一二三四。」"]);
    }

    #[test]
    fn a_wide_space_stays_and_line_breaks_become_spaces() {
        assert_eq!(wrap("甲乙\u{3000}丙丁", 20, 2).concat(), "甲乙\u{3000}丙丁");
        assert_eq!(wrap("甲乙\n丙丁", 20, 2).concat(), "甲乙 丙丁");
    }

    #[test]
    fn ascii_words_stay_whole_and_no_space_is_added() {
        let lines = wrap("他说 </script> 是文字", 10, 4);
        assert!(lines.iter().any(|l| l.contains("</script>")), "{lines:?}");
        assert_eq!(lines.concat(), "他说 </script> 是文字");
        let text = "因此，digraph { node -> edge } 也只是文字。";
        assert_eq!(wrap(text, 12, 10).concat(), text);
        // A word longer than a line is broken where it must be.
        let lines = wrap("abcdefghijklmnop", 6, 4);
        assert_eq!(lines, vec!["abcdef", "ghijkl", "mnop"]);
        let lines = wrap(&"字".repeat(100), 24, 4);
        assert_eq!(lines.len(), 4);
        assert!(lines[3].ends_with('…'));
    }
}
