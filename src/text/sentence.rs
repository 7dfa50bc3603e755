//! Sentence boundaries in one paragraph of Chinese (or mixed) text.
//!
//! A sentence ends at 。！？!? or a run of …, together with any end marks and
//! closing quotes or brackets that follow it (`？！”`). A full-width or ASCII
//! semicolon ends a sentence only when it separates two full clauses, which we
//! approximate by length: both sides hold at least [`MIN_CLAUSE_CHARS`]
//! characters. An ASCII `.` ends a sentence only before whitespace or the end,
//! so numbers such as 4.3亿 stay whole. A short note in brackets right after
//! the end mark (`。（60分）`) belongs to the sentence it follows.
//!
//! A quotation is part of the sentence that quotes it: an end mark inside an
//! open “…” 「…」 『…』 or "…" ends nothing unless the quotation closes right
//! after it (`他说：“下雨了。”`). A quotation still open after
//! [`MAX_QUOTE_CHARS`] is taken to be unbalanced and stops shielding. An
//! end-mark run followed by a clause mark or a particle that cannot open a
//! sentence (`“我想……”的学生`, `……的时候`) ends nothing either.

/// Shortest clause on each side of a semicolon for it to split a sentence.
pub const MIN_CLAUSE_CHARS: usize = 6;
/// Longest sentence kept whole. Text that runs on longer without an end mark
/// (a 50 MB paragraph with no punctuation) is cut at its last clause mark
/// before this length, or at this length, so every later stage works on
/// bounded pieces and stays linear (a piece cut so keeps up to
/// [`MAX_TRAILING_MARKS`] end marks after it).
pub const MAX_SENTENCE_CHARS: usize = 600;

/// End marks and closing quotes that join a sentence even past
/// [`MAX_SENTENCE_CHARS`] (`。”`, `？！”）`).
pub const MAX_TRAILING_MARKS: usize = 8;

/// Longest quotation that keeps its end marks from ending the sentence.
pub const MAX_QUOTE_CHARS: usize = 200;

const CLAUSE_MARKS: &[char] = &['，', ',', '、', '；', ';', '：', ':'];

const TERMINALS: &[char] = &['。', '！', '？', '!', '?', '…', '．'];
const CLOSERS: &[char] = &['”', '’', '"', '\'', '」', '』', '）', ')', '】', '》', '〉'];
const SEMICOLONS: &[char] = &['；', ';'];

/// An ASCII `;` right after an ASCII letter or digit (`&amp;`, code) is not
/// a clause break.
fn prev_is_ascii_word(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// True when `text` (trimmed) ends like a finished sentence: an end mark,
/// possibly followed by closing quotes or brackets.
pub fn ends_sentence(text: &str) -> bool {
    // Private-use characters and U+FFFD after the end mark are debris of a
    // lost character or a bad conversion (`天空。\u{e004}`), not text that
    // carries the sentence on.
    let trimmed = text.trim_end_matches(|c: char| {
        is_space(c) || ('\u{e000}'..='\u{f8ff}').contains(&c) || c == '\u{fffd}'
    });
    // A note after the end mark (`写作。（60分）`) does not unfinish it.
    let trimmed = trailing_note_start(trimmed).map_or(trimmed, |at| &trimmed[..at]);
    let core = trimmed.trim_end_matches(CLOSERS);
    match core.chars().next_back() {
        Some(c) => TERMINALS.contains(&c) || (c == '.' && core.len() > 1),
        None => false,
    }
}

/// Where a short note in brackets that ends `text` starts, if one does.
fn trailing_note_start(text: &str) -> Option<usize> {
    // Most lines end otherwise; only a note's last characters are searched.
    if !text.ends_with(['）', ')', '】']) {
        return None;
    }
    let tail = text
        .char_indices()
        .rev()
        .nth(MAX_NOTE_CHARS + 1)
        .map_or(0, |(i, _)| i);
    let at = tail + text[tail..].rfind(['（', '(', '【'])?;
    (note_len(&text[at..]) == Some(text.len() - at)).then_some(at)
}

/// Byte ranges of the sentences of `text`, trimmed of whitespace, in order,
/// never overlapping. Runs in one pass (linear in the text).
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let mut raw: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    // Characters since the last boundary, for the semicolon rule.
    let mut clause_chars = 0usize;
    // Open quotations (full-width pairs counted, ASCII `"` toggled) and the
    // characters since the outermost one opened.
    let mut quotes = QuoteDepth::default();
    while let Some((i, c)) = iter.next() {
        // Most characters are CJK ideographs: no mark, no quote, no space.
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            quotes.count();
            clause_chars += 1;
            continue;
        }
        let ascii_period = c == '.' && matches!(iter.peek(), None | Some((_, ' ' | '\n' | '\t')));
        quotes.step(c);
        // The mark after a list item's number (1. 深度阅读…, ２．…) ends no
        // sentence: the item is the sentence.
        if (ascii_period || c == '．') && is_item_number(&text[start..i]) {
            clause_chars += 1;
            continue;
        }
        if TERMINALS.contains(&c) || ascii_period {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if TERMINALS.contains(&d) || CLOSERS.contains(&d) {
                    quotes.step(d);
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            // An ellipsis followed by more text of the same sentence is a pause.
            let ellipsis_only = text[i..end]
                .trim_end_matches(CLOSERS)
                .chars()
                .all(|d| d == '…');
            let more_follows = text[end..].chars().next().is_some_and(|d| !is_space(d));
            let closes = closed_quote(&text[i..end]);
            let pause = more_follows && ellipsis_only && !closes && continues(&text[end..]);
            if quotes.open() || pause || (closes && continues(&text[end..])) {
                clause_chars += 1;
                continue;
            }
            // A note in brackets after the end mark (`。（60分）`, `。（完）`)
            // belongs to the sentence: it says nothing of its own. Text that
            // carries on after it (`……（笑），然后`) continues the sentence.
            if let Some(n) = note_len(&text[end..]) {
                if continues(&text[end + n..]) {
                    clause_chars += 1;
                    continue;
                }
                let note_end = end + n;
                while let Some(&(j, d)) = iter.peek() {
                    if j >= note_end {
                        break;
                    }
                    quotes.step(d);
                    iter.next();
                }
                end = note_end;
            }
            raw.push((start, end));
            start = end;
            clause_chars = 0;
        } else if c == '；' || (c == ';' && !prev_is_ascii_word(text, i)) {
            let end = i + c.len_utf8();
            if clause_chars >= MIN_CLAUSE_CHARS
                && following_clause_chars(&text[end..]) >= MIN_CLAUSE_CHARS
            {
                raw.push((start, end));
                start = end;
                clause_chars = 0;
            } else {
                clause_chars += 1;
            }
        } else if !is_space(c) {
            clause_chars += 1;
        }
    }
    if start < text.len() {
        raw.push((start, text.len()));
    }

    let mut capped: Vec<(usize, usize)> = Vec::with_capacity(raw.len());
    for (s, e) in raw {
        cap(text, s, e, &mut capped);
    }
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(capped.len());
    for (s, e) in capped {
        let Some((s, e)) = trim(text, s, e) else {
            continue;
        };
        // A fragment of only marks ("……", "”") belongs to the sentence
        // before it: a few of them even past the cap (a capped sentence
        // keeps its 。”), a longer run only within it (200,000 」 after one
        // sentence made a claim of them all).
        let only_marks = text[s..e]
            .chars()
            .all(|c| TERMINALS.contains(&c) || CLOSERS.contains(&c) || is_space(c) || c == '.');
        let joins = |last: (usize, usize)| {
            let within = |a: usize, b: usize| text[a..b].chars().count() <= MAX_SENTENCE_CHARS;
            // Past the cap once only: `。 。 。 …` is many such fragments.
            within(last.0, e)
                || (text[s..e].chars().count() <= MAX_TRAILING_MARKS && within(last.0, last.1))
        };
        match out.last_mut() {
            Some(last) if only_marks && joins(*last) => last.1 = e,
            _ => out.push((s, e)),
        }
    }
    out
}

/// Longest note in brackets that joins the sentence before it.
pub const MAX_NOTE_CHARS: usize = 20;

/// The byte length of a short note in brackets that opens `rest`
/// (`（60分）`, `(完)`, `【注】`), if one does.
fn note_len(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    let (open, close) = match chars.next()?.1 {
        '（' => ('（', '）'),
        '(' => ('(', ')'),
        '【' => ('【', '】'),
        _ => return None,
    };
    for (i, c) in chars.take(MAX_NOTE_CHARS + 1) {
        if c == close {
            let inner = &rest[open.len_utf8()..i];
            return (!inner.is_empty() && !is_enumerator(inner)).then_some(i + c.len_utf8());
        }
        if c == open || TERMINALS.contains(&c) {
            return None;
        }
    }
    None
}

/// Does `inner`, in brackets, number the next item of a list rather than
/// note something: a numeral or a letter, perhaps with its mark (（一）,
/// (2), （１）, （①）, （Ⅱ）, (a), （Ａ）, （1.）, or 一、 opening a heading:
/// （一、读书的意义）)?
fn is_enumerator(inner: &str) -> bool {
    let numeral = |c: char| c.is_numeric() || "一二三四五六七八九十百零〇".contains(c);
    let letter = |c: char| {
        c.is_ascii_alphabetic() || ('Ａ'..='Ｚ').contains(&c) || ('ａ'..='ｚ').contains(&c)
    };
    let mut chars = inner.chars().peekable();
    let mut head = 0;
    while chars.next_if(|&c| numeral(c) || letter(c)).is_some() {
        head += 1;
    }
    (1..=3).contains(&head) && chars.next().is_none_or(|c| matches!(c, '.' | '．' | '、'))
}

/// Is `text` (what a sentence holds so far) only a list item's number: one
/// or two numerals?
fn is_item_number(text: &str) -> bool {
    // At most three characters looked at: a long sentence is not counted
    // again at each of its periods.
    let t = text.trim_matches(is_space);
    (1..=2).contains(&t.chars().take(3).count()) && t.chars().all(is_item_numeral)
}

/// A numeral that numbers a list item: a digit of any script, or 一 to 十.
fn is_item_numeral(c: char) -> bool {
    c.is_numeric() || "一二三四五六七八九十".contains(c)
}

/// Does `text` open with the number of a list item: a numeral or a letter
/// in brackets (（一）, (2), （Ａ）) or before its mark (一、, 1., ２．), or a
/// circled number (①)?
pub fn opens_list_item(text: &str) -> bool {
    let t = text.trim_start_matches(is_space);
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if ('①'..='⑳').contains(&first) {
        return true;
    }
    if let Some(close) = match first {
        '（' => Some('）'),
        '(' => Some(')'),
        _ => None,
    } {
        let inner: String = chars.by_ref().take_while(|&c| c != close).take(5).collect();
        return inner.chars().count() <= 4 && is_enumerator(&inner) && !inner.ends_with('、');
    }
    // Two numerals at most: 2020.1.1 is a date.
    let head: String = t
        .chars()
        .take_while(|&c| is_item_numeral(c))
        .take(3)
        .collect();
    (1..=2).contains(&head.chars().count())
        && t[head.len()..]
            .chars()
            .next()
            .is_some_and(|c| matches!(c, '、' | '.' | '．'))
}

/// Is `text` only a short note in brackets (`（完）`, `（60分）`)?
pub fn is_note(text: &str) -> bool {
    let t = text.trim_matches(is_space);
    note_len(t) == Some(t.len())
}

/// Quotation nesting while the splitter walks a paragraph.
#[derive(Default)]
struct QuoteDepth {
    depth: usize,
    inside_chars: usize,
}

impl QuoteDepth {
    fn step(&mut self, c: char) {
        match c {
            '“' | '「' | '『' => self.depth += 1,
            '”' | '」' | '』' => self.depth = self.depth.saturating_sub(1),
            // A straight quote closes whatever quotation is open (writers
            // mix “ with "), else opens one.
            '"' => {
                if self.depth > 0 {
                    self.depth -= 1;
                } else {
                    self.depth = 1;
                }
            }
            _ => {}
        }
        self.count();
    }

    /// One more character walked, inside or outside a quotation.
    fn count(&mut self) {
        if self.depth == 0 {
            self.inside_chars = 0;
        } else {
            self.inside_chars += 1;
            if self.inside_chars > MAX_QUOTE_CHARS {
                *self = QuoteDepth::default();
            }
        }
    }

    fn open(&self) -> bool {
        self.depth > 0
    }
}

/// Text after a closed quotation that carries on its sentence (`“……”的学生`,
/// `“下雨了。”，他说`, `“快跑！”之后`, `“我不行……”的话`): a clause mark or a
/// particle cannot open a sentence. A few words that begin with a
/// particle's character do ([`PARTICLE_OPENERS`]: `”的确，…`).
fn continues(rest: &str) -> bool {
    let Some(c) = rest.chars().next() else {
        return false;
    };
    CLAUSE_MARKS.contains(&c)
        || ("的地得之等".contains(c) && !PARTICLE_OPENERS.iter().any(|w| rest.starts_with(w)))
}

/// Sentence-opening words that begin with the character of a particle.
const PARTICLE_OPENERS: &[&str] = &["的确", "的的确确", "之所以"];

/// The end-mark run closes a quotation (`……”`).
fn closed_quote(run: &str) -> bool {
    run.chars().any(|c| matches!(c, '”' | '」' | '』' | '"'))
}

/// Cuts `text[s..e]` into pieces of at most [`MAX_SENTENCE_CHARS`] characters,
/// preferring to cut after a clause mark. One pass over the range.
fn cap(text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    // Nearly every sentence is short enough: counting is cheaper than walking.
    if text[s..e].chars().count() <= MAX_SENTENCE_CHARS {
        out.push((s, e));
        return;
    }
    let mut start = s;
    let mut count = 0;
    let mut last_mark: Option<usize> = None;
    for (i, c) in text[s..e].char_indices() {
        let at = s + i;
        if count == MAX_SENTENCE_CHARS {
            let cut = last_mark.filter(|&m| m > start).unwrap_or(at);
            out.push((start, cut));
            count = text[cut..at].chars().count();
            start = cut;
            last_mark = None;
        }
        count += 1;
        if CLAUSE_MARKS.contains(&c) {
            last_mark = Some(at + c.len_utf8());
        }
    }
    out.push((start, e));
}

/// Characters of the clause that starts `rest`, up to the next end mark or semicolon.
/// Bounded by the next boundary, so the whole split stays linear.
fn following_clause_chars(rest: &str) -> usize {
    rest.chars()
        .take_while(|c| !TERMINALS.contains(c) && !SEMICOLONS.contains(c))
        .filter(|c| !is_space(*c))
        .count()
}

fn trim(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start_matches(is_space).len();
    let trail = piece.len() - piece.trim_end_matches(is_space).len();
    (lead + trail < piece.len()).then_some((s + lead, e - trail))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn chinese_end_marks_and_quotes() {
        assert_eq!(
            sentences("他说：“下雨了。”我们走吧！真的吗？好……"),
            vec!["他说：“下雨了。”", "我们走吧！", "真的吗？", "好……"]
        );
    }

    #[test]
    fn a_note_in_brackets_stays_with_the_sentence_before_it() {
        assert_eq!(
            sentences("阅读下面的材料，根据要求写作。（60分）有人说，诚信是金。"),
            vec![
                "阅读下面的材料，根据要求写作。（60分）",
                "有人说，诚信是金。"
            ]
        );
        assert_eq!(
            sentences("我们应该做一个诚实守信的人。(完)"),
            vec!["我们应该做一个诚实守信的人。(完)"]
        );
        // Up to MAX_NOTE_CHARS inside the brackets.
        let twenty = "这是第一句。（一二三四五六七八九十一二三四五六七八九十）";
        assert_eq!(sentences(twenty).len(), 1);
        let twenty_one = "这是第一句。（一二三四五六七八九十一二三四五六七八九十一）";
        assert_eq!(sentences(twenty_one).len(), 2);
        // A paragraph's own bracketed opening and an aside with an end mark
        // of its own are sentences of their own.
        assert_eq!(sentences("（60分）"), vec!["（60分）"]);
        assert_eq!(sentences("这是第一句。（补充说明。）").len(), 2);
        // A numbered list item keeps its number.
        for item in [
            "（一）",
            "(2)",
            "（１）",
            "（①）",
            "（Ⅱ）",
            "(a)",
            "（Ａ）",
            "（1.）",
            "（一、读书）",
        ] {
            let text = format!("这是第一句。{item}首先要读书。");
            assert_eq!(sentences(&text).len(), 2, "{text}");
        }
        // The sentence carries on after a note inside it.
        assert_eq!(
            sentences("他想了想……（笑），然后走了。"),
            vec!["他想了想……（笑），然后走了。"]
        );
        assert!(ends_sentence("阅读下面的材料，根据要求写作。（60分）"));
        assert!(is_note(" （完） ") && !is_note("（一）") && !is_note("（完）了"));
    }

    #[test]
    fn list_item_numbers() {
        for item in [
            "（一）读书可以增长知识。",
            "(2) 其次",
            "（Ａ）甲",
            "一、站好最后一班岗",
            "1. 首先",
            "２．其次",
            "①观点明确",
        ] {
            assert!(opens_list_item(item), "{item}");
        }
        for text in ["（60分）", "（笑）", "一个人", "1980年", "2020.1.1"] {
            assert!(!opens_list_item(text), "{text}");
        }
        // The mark after an item's number ends no sentence.
        assert_eq!(
            sentences("1. 深度阅读培养思考能力。碎片信息不能。"),
            vec!["1. 深度阅读培养思考能力。", "碎片信息不能。"]
        );
        assert_eq!(
            sentences("２．深度阅读让人学会等待。"),
            vec!["２．深度阅读让人学会等待。"]
        );
        assert_eq!(
            sentences("理由有三。 1. 读书。"),
            vec!["理由有三。", "1. 读书。"]
        );
        // A number that ends a sentence is still its end.
        assert_eq!(
            sentences("票价涨到了 25. 大家都很惊讶。"),
            vec!["票价涨到了 25.", "大家都很惊讶。"]
        );
    }

    #[test]
    fn a_quotation_stays_in_the_sentence_that_quotes_it() {
        assert_eq!(
            sentences("他说：“我来了。你走吧！”然后他就走了。"),
            vec!["他说：“我来了。你走吧！”", "然后他就走了。"]
        );
        assert_eq!(
            sentences("鲁迅说\"专读书也是有弊病的。要活用。\"我深以为然。"),
            vec!["鲁迅说\"专读书也是有弊病的。要活用。\"", "我深以为然。"]
        );
        // Mixed quotation marks close each other.
        assert_eq!(
            sentences("他说：“美育最重要。\"然而有人不懂。"),
            vec!["他说：“美育最重要。\"", "然而有人不懂。"]
        );
        // An unbalanced quotation shields only so far.
        let long = format!("“{}。后面的句子。", "字".repeat(MAX_QUOTE_CHARS + 5));
        assert_eq!(sentences(&long).len(), 2);
    }

    #[test]
    fn an_ellipsis_before_a_particle_is_a_pause() {
        assert_eq!(
            sentences("他犹豫了……最后还是走了。我们等着……"),
            vec!["他犹豫了……", "最后还是走了。", "我们等着……"]
        );
        assert_eq!(
            sentences("在他犹豫……的时候，车开了。"),
            vec!["在他犹豫……的时候，车开了。"]
        );
        assert_eq!(
            sentences("“我想……”的学生，他敢于发问。"),
            vec!["“我想……”的学生，他敢于发问。"]
        );
        assert_eq!(
            sentences("他说：“请让路。”的确，尽管路窄，人人都让了。"),
            vec!["他说：“请让路。”", "的确，尽管路窄，人人都让了。"]
        );
        assert_eq!(
            sentences("他喊“快跑！”之后就不见了。“我不行……”的话不能说。"),
            vec!["他喊“快跑！”之后就不见了。", "“我不行……”的话不能说。"]
        );
    }

    #[test]
    fn semicolon_only_between_full_clauses() {
        assert_eq!(
            sentences("比如，前些天的英伟达；比如，克制的苹果公司。"),
            vec!["比如，前些天的英伟达；", "比如，克制的苹果公司。"]
        );
        assert_eq!(sentences("甲；乙；丙都来了。"), vec!["甲；乙；丙都来了。"]);
    }

    #[test]
    fn entities_are_not_clause_breaks() {
        assert_eq!(
            sentences("粗体与&amp;符号和别的东西。"),
            vec!["粗体与&amp;符号和别的东西。"]
        );
    }

    #[test]
    fn a_run_of_closing_marks_is_cut_into_bounded_pieces() {
        let text = format!("我们说{}好。{}", "「".repeat(3000), "」".repeat(3000));
        let pieces = split(&text);
        assert_eq!(pieces.first().unwrap().0, 0);
        assert_eq!(pieces.last().unwrap().1, text.len());
        assert!(pieces
            .iter()
            .all(|(s, e)| text[*s..*e].chars().count() <= MAX_SENTENCE_CHARS + MAX_TRAILING_MARKS));
        // Fragments of marks apart from each other join past the cap once.
        let spaced = format!(
            "{}。{}",
            "字".repeat(MAX_SENTENCE_CHARS - 1),
            " 。".repeat(2000)
        );
        assert!(split(&spaced).iter().all(
            |(s, e)| spaced[*s..*e].chars().count() <= MAX_SENTENCE_CHARS + MAX_TRAILING_MARKS
        ));
        // A sentence cut at the cap keeps the marks that end it.
        let capped = format!("{}。”", "字".repeat(MAX_SENTENCE_CHARS));
        let pieces = split(&capped);
        assert!(
            capped[pieces.last().unwrap().0..].ends_with("字。”"),
            "{pieces:?}"
        );
    }

    #[test]
    fn run_on_text_is_cut_into_bounded_pieces() {
        let text = "字".repeat(MAX_SENTENCE_CHARS * 3 + 5);
        let parts = split(&text);
        assert_eq!(parts.len(), 4);
        assert!(parts
            .iter()
            .all(|(s, e)| text[*s..*e].chars().count() <= MAX_SENTENCE_CHARS));
        let with_commas = format!("{}，{}", "甲".repeat(500), "乙".repeat(500));
        let parts = split(&with_commas);
        assert_eq!(
            &with_commas[parts[0].0..parts[0].1],
            format!("{}，", "甲".repeat(500))
        );
    }

    #[test]
    fn numbers_keep_their_point() {
        assert_eq!(
            sentences("增资4.3亿元。完成."),
            vec!["增资4.3亿元。", "完成."]
        );
    }

    #[test]
    fn trailing_text_without_mark() {
        assert_eq!(
            sentences("第一句。 第二句没有句号 "),
            vec!["第一句。", "第二句没有句号"]
        );
    }

    #[test]
    fn ends_sentence_sees_through_closers() {
        assert!(ends_sentence("好。”"));
        assert!(!ends_sentence("当元宇宙成为互联网公司的“颜值担当”"));
        // Debris of a lost character after the end mark does not hide it.
        assert!(ends_sentence("装扮这美丽的天空。\u{e004}"));
        assert!(ends_sentence("震烁古今的爱国激情。\u{fffd}\u{fffd}"));
        assert!(!ends_sentence("这便是宽容的价值\u{e004}"));
        assert!(!ends_sentence("完美逻辑，元"));
    }
}
