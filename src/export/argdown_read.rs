//! Reading Argdown maps (`argraph import --format argdown`): a parser for
//! the Argdown that maps are written in, and its mapping onto claims and
//! edges. docs/formats.md ("Importing Argdown") lists every choice.
//!
//! The parser is line-based, as Argdown is: front matter, comments,
//! headings, top-level statements (`[T]: text`, `[T]`, untitled text) and
//! arguments (`<A>: text`, `<A>`, premise–conclusion structures `(1) …`,
//! `----`), relation lines at any depth (`+ - _ >< <+ <- <_ +> -> _>`),
//! tags (`#tag`, `#(two words)`), data (`{key: value}`) and backslash
//! escapes. What it cannot read is an error naming the line and column;
//! what has no place in the model is a warning.

use crate::error::{Error, Result};
use crate::model::{Claim, ClaimKind, Edge, Essay, Extraction, Relation, Role, Section, Span};
use crate::text::Document;
use serde_json::{Map as JsonMap, Value};
use std::collections::{HashMap, HashSet};

/// How one element relates to another, as Argdown writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelKind {
    Support,
    Attack,
    Undercut,
    Entails,
    Contrary,
    Contradictory,
}

impl RelKind {
    fn name(self) -> &'static str {
        match self {
            RelKind::Support => "support",
            RelKind::Attack => "attack",
            RelKind::Undercut => "undercut",
            RelKind::Entails => "entails",
            RelKind::Contrary => "contrary",
            RelKind::Contradictory => "contradictory",
        }
    }

    fn relation(self) -> Relation {
        match self {
            RelKind::Support | RelKind::Entails => Relation::Supports,
            _ => Relation::Attacks,
        }
    }
}

/// A statement of the map (arguments become statements too: their
/// conclusion, or their description when they have no structure).
#[derive(Debug, Clone, Default)]
pub struct Statement {
    pub title: String,
    pub text: String,
    pub tags: Vec<String>,
    pub data: JsonMap<String, Value>,
    pub essay: usize,
    pub section: Option<usize>,
    /// Line of the first definition (or mention).
    pub line: usize,
    /// For an argument with a premise–conclusion structure: the conclusion
    /// it stands for (relations drawn to or from the argument go there).
    pub stands_for: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Rel {
    pub from: usize,
    pub to: usize,
    pub kind: RelKind,
}

#[derive(Debug, Clone, Default)]
pub struct Map {
    /// Essay titles (the first may be implicit: None).
    pub essays: Vec<Option<String>>,
    /// (essay, heading) of each section.
    pub sections: Vec<(usize, String)>,
    pub statements: Vec<Statement>,
    pub relations: Vec<Rel>,
    /// Roots of relation trees, in order (the first is a thesis candidate).
    pub roots: Vec<usize>,
    pub warnings: Vec<String>,
}

/// A relation sign: (sign, kind, the child is the source).
const SIGNS: &[(&str, RelKind, bool)] = &[
    ("<+", RelKind::Support, true),
    ("<-", RelKind::Attack, true),
    ("<_", RelKind::Undercut, true),
    ("+>", RelKind::Support, false),
    ("->", RelKind::Attack, false),
    ("_>", RelKind::Undercut, false),
    ("><", RelKind::Contradictory, false),
    ("+", RelKind::Entails, false),
    ("-", RelKind::Contrary, false),
    ("_", RelKind::Undercut, false),
];

fn err(line: usize, col: usize, what: impl std::fmt::Display) -> String {
    format!("line {line}, column {col}: {what}")
}

/// Removes comments (`//…`, `/* … */`, `<!-- … -->`) outside quotes and
/// escapes, keeping line breaks so line numbers hold.
fn strip_comments(src: &str) -> std::result::Result<String, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let (mut i, mut line, mut col) = (0usize, 1usize, 1usize);
    let mut in_quote = false;
    let mut depth_data = 0usize;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let advance = |c: char, line: &mut usize, col: &mut usize| {
            if c == '\n' {
                *line += 1;
                *col = 1;
            } else {
                *col += 1;
            }
        };
        if c == '\\' {
            out.push(c);
            advance(c, &mut line, &mut col);
            if let Some(n) = next {
                out.push(n);
                advance(n, &mut line, &mut col);
            }
            i += 2;
            continue;
        }
        if depth_data > 0 && c == '"' {
            in_quote = !in_quote;
        }
        if c == '{' && !in_quote {
            depth_data += 1;
        }
        if c == '}' && !in_quote {
            depth_data = depth_data.saturating_sub(1);
        }
        if c == '\n' {
            in_quote = false;
        }
        if !in_quote && c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        let block = if !in_quote && c == '/' && next == Some('*') {
            Some("*/")
        } else if !in_quote && chars[i..].starts_with(&['<', '!', '-', '-']) {
            Some("-->")
        } else {
            None
        };
        if let Some(end) = block {
            let (l0, c0) = (line, col);
            let end: Vec<char> = end.chars().collect();
            let mut j = i + 2;
            while j < chars.len() && !chars[j..].starts_with(&end) {
                j += 1;
            }
            if j >= chars.len() {
                return Err(err(l0, c0, "a comment that is never closed"));
            }
            for &k in &chars[i..j + end.len()] {
                if k == '\n' {
                    out.push('\n');
                }
                advance(k, &mut line, &mut col);
            }
            i = j + end.len();
            continue;
        }
        out.push(c);
        advance(c, &mut line, &mut col);
        i += 1;
    }
    Ok(out)
}

/// Text, tags and data of an element's content (after its title): tags
/// and a data block come out, escapes and emphasis marks go.
fn content(raw: &str, line: usize, col: usize) -> std::result::Result<Content, String> {
    let chars: Vec<char> = raw.chars().collect();
    let mut text = String::new();
    let mut tags = Vec::new();
    let mut data = JsonMap::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                if let Some(&n) = chars.get(i + 1) {
                    text.push(n);
                }
                i += 2;
            }
            '#' if i == 0 || chars[i - 1].is_whitespace() => {
                if chars.get(i + 1) == Some(&'(') {
                    let end = chars[i..].iter().position(|&x| x == ')').map(|p| p + i);
                    let Some(end) = end else {
                        return Err(err(line, col + i, "a tag `#(` that is never closed"));
                    };
                    tags.push(
                        chars[i + 2..end]
                            .iter()
                            .collect::<String>()
                            .trim()
                            .to_owned(),
                    );
                    i = end + 1;
                } else {
                    let end = chars[i + 1..]
                        .iter()
                        .position(|x| x.is_whitespace() || *x == '{')
                        .map_or(chars.len(), |p| p + i + 1);
                    let tag: String = chars[i + 1..end].iter().collect();
                    if tag.is_empty() {
                        text.push('#');
                    } else {
                        tags.push(tag);
                    }
                    i = end;
                }
            }
            '{' => {
                let (value, used) = flow(&chars[i..], line, col + i)?;
                match value {
                    Value::Object(m) => data.extend(m),
                    _ => return Err(err(line, col + i, "data must be `{key: value, …}`")),
                }
                i += used;
            }
            // Emphasis marks: Argdown draws them, the text is the words.
            '*' | '_' => i += 1,
            c => {
                text.push(c);
                i += 1;
            }
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok((text, tags, data))
}

/// How deep data may nest, as serde_json reads JSON: each level is a call
/// deeper, and 20,000 levels overflowed the stack (an abort, not an error).
const MAX_DATA_DEPTH: usize = 128;

/// A value in Argdown's data syntax (YAML flow style): `{k: v}`, `[a, b]`,
/// "quoted", numbers, true/false/null and bare words. Returns the value and
/// how many characters it used.
fn flow(chars: &[char], line: usize, col: usize) -> std::result::Result<(Value, usize), String> {
    nested_flow(chars, line, col, 0)
}

/// [`flow`] `depth` levels inside other data.
fn nested_flow(
    chars: &[char],
    line: usize,
    col: usize,
    depth: usize,
) -> std::result::Result<(Value, usize), String> {
    let flow = |chars: &[char], line: usize, col: usize| nested_flow(chars, line, col, depth + 1);
    let mut i = 0;
    let skip = |i: &mut usize| {
        while *i < chars.len() && chars[*i].is_whitespace() {
            *i += 1;
        }
    };
    skip(&mut i);
    let Some(&c) = chars.get(i) else {
        return Err(err(line, col + i, "a data value is missing"));
    };
    match c {
        '{' | '[' if depth >= MAX_DATA_DEPTH => Err(err(
            line,
            col + i,
            format!("data nested more than {MAX_DATA_DEPTH} levels deep"),
        )),
        '{' | '[' => {
            let close = if c == '{' { '}' } else { ']' };
            i += 1;
            let mut map = JsonMap::new();
            let mut list = Vec::new();
            loop {
                skip(&mut i);
                match chars.get(i) {
                    None => {
                        return Err(err(
                            line,
                            col,
                            format!("data opened with `{c}` is never closed"),
                        ))
                    }
                    Some(&x) if x == close => {
                        i += 1;
                        break;
                    }
                    Some(',') => {
                        i += 1;
                        continue;
                    }
                    _ => {}
                }
                if c == '{' {
                    let (key, used) = flow(&chars[i..], line, col + i)?;
                    i += used;
                    skip(&mut i);
                    if chars.get(i) != Some(&':') {
                        return Err(err(line, col + i, "expected `:` after a data key"));
                    }
                    i += 1;
                    let (value, used) = flow(&chars[i..], line, col + i)?;
                    i += used;
                    let key = match key {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    map.insert(key, value);
                } else {
                    let (value, used) = flow(&chars[i..], line, col + i)?;
                    i += used;
                    list.push(value);
                }
            }
            Ok((
                if c == '{' {
                    Value::Object(map)
                } else {
                    Value::Array(list)
                },
                i,
            ))
        }
        '"' => {
            // JSON's string syntax, which YAML's double quotes share.
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            if j >= chars.len() {
                return Err(err(line, col + i, "a quoted data value is never closed"));
            }
            let s: String = chars[i..=j].iter().collect();
            let v: String = serde_json::from_str(&s)
                .map_err(|e| err(line, col + i, format!("a quoted data value: {e}")))?;
            Ok((Value::String(v), j + 1))
        }
        _ => {
            let mut j = i;
            while j < chars.len() && !matches!(chars[j], ',' | '}' | ']' | ':') {
                j += 1;
            }
            // A value that takes no characters would leave the enclosing
            // list where it was and loop for ever.
            if j == i {
                return Err(err(line, col + i, format!("unexpected `{c}` in data")));
            }
            let word: String = chars[i..j].iter().collect::<String>().trim().to_owned();
            let v = match word.as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                "null" | "~" => Value::Null,
                w => w
                    .parse::<i64>()
                    .map(Value::from)
                    .or_else(|_| w.parse::<f64>().map(Value::from))
                    .unwrap_or_else(|_| Value::String(w.to_owned())),
            };
            Ok((v, j))
        }
    }
}

/// An element at the start of a line's content: `[T]: …`, `[T]`, `<A>: …`,
/// `<A>` or untitled text. (is argument, title, rest after `:`, defines).
fn element(
    s: &str,
    line: usize,
    col: usize,
) -> std::result::Result<(bool, Option<String>, String, bool), String> {
    let (open, close, argument) = match s.chars().next() {
        Some('[') => ('[', ']', false),
        Some('<') => ('<', '>', true),
        _ => return Ok((false, None, s.to_owned(), true)),
    };
    let _ = open;
    let mut title = String::new();
    let mut chars = s.char_indices().skip(1);
    let mut end = None;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, n)) = chars.next() {
                    title.push(n);
                }
            }
            c if c == close => {
                end = Some(i + c.len_utf8());
                break;
            }
            c => title.push(c),
        }
    }
    let Some(end) = end else {
        return Err(err(
            line,
            col,
            format!("a title opened with `{open}` is never closed with `{close}`"),
        ));
    };
    let rest = &s[end..];
    let title = title.trim().to_owned();
    match rest.strip_prefix(':') {
        Some(text) => Ok((argument, Some(title), text.to_owned(), true)),
        None => Ok((argument, Some(title), rest.to_owned(), false)),
    }
}

/// The elements a line holds: (text, tags, data).
type Content = (String, Vec<String>, JsonMap<String, Value>);

/// Parser state: the map so far, and where in it the next line lands.
struct Parser {
    map: Map,
    titles: HashMap<String, usize>,
    arguments: HashMap<String, usize>,
    essay: usize,
    section: Option<usize>,
}

impl Parser {
    /// The statement (or argument) `title` names, created or extended.
    fn resolve(
        &mut self,
        argument: bool,
        title: Option<String>,
        c: Content,
        defines: bool,
        line: usize,
    ) -> usize {
        let (text, tags, data) = c;
        let table = if argument {
            &mut self.arguments
        } else {
            &mut self.titles
        };
        match title.as_ref().and_then(|t| table.get(t).copied()) {
            Some(k) => {
                let st = &mut self.map.statements[k];
                if defines && !text.is_empty() {
                    if st.text.is_empty() {
                        st.text = text;
                    } else if st.text != text {
                        self.map.warnings.push(format!(
                            "line {line}: [{}] is given a second text (an equivalence class); the first is kept",
                            st.title
                        ));
                    }
                }
                for t in tags {
                    if !st.tags.contains(&t) {
                        st.tags.push(t);
                    }
                }
                st.data.extend(data);
                k
            }
            None => {
                let k = self.map.statements.len();
                let title = title.unwrap_or_else(|| format!("untitled {}", k + 1));
                self.map.statements.push(Statement {
                    title: title.clone(),
                    text,
                    tags,
                    data,
                    essay: self.essay,
                    section: self.section,
                    line,
                    stands_for: None,
                });
                table.insert(title, k);
                k
            }
        }
    }
}

/// Parses an Argdown map.
pub fn parse(src: &str) -> std::result::Result<Map, String> {
    let mut p = Parser {
        map: Map::default(),
        titles: HashMap::new(),
        arguments: HashMap::new(),
        essay: 0,
        section: None,
    };
    let mut src = src.replace("\r\n", "\n");
    // Front matter: `===` … `===` on lines of their own at the top.
    if src.starts_with("===") {
        let lines: Vec<&str> = src.lines().collect();
        if let Some(end) = lines.iter().skip(1).position(|l| l.trim() == "===") {
            p.map.warnings.push(format!(
                "lines 1–{}: front matter (settings for Argdown's tools) has no place in the graph and was not imported",
                end + 2
            ));
            src = "\n".repeat(end + 2) + &lines[end + 2..].join("\n");
        }
    }
    let src = strip_comments(&src)?;
    p.map.essays.push(None);
    // The open block: (indent, element) of the lines relations hang from.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    // Premise–conclusion structure in progress: (argument, statements since
    // the last inference line, an inference line was just read).
    let mut pcs: Option<(Option<usize>, Vec<usize>, bool)> = None;
    let mut last: Option<usize> = None;

    for (n, raw) in src.split('\n').enumerate() {
        let line = n + 1;
        if raw.trim().is_empty() {
            stack.clear();
            // An argument's title line is followed by a blank line and then
            // its numbered statements: only a started structure ends here.
            let waiting = matches!(&pcs, Some((Some(_), pending, false)) if pending.is_empty());
            if !waiting {
                if let Some((_, pending, true)) = pcs.take() {
                    if !pending.is_empty() {
                        p.map.warnings.push(format!(
                            "line {line}: an inference line with no conclusion after it; its premises are kept as statements"
                        ));
                    }
                }
            }
            last = None;
            continue;
        }
        let indent: usize = raw
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        let body = raw.trim_start();
        let col = raw[..raw.len() - body.len()].chars().count() + 1;
        // Headings: level 1 opens an essay, deeper levels a section.
        if indent == 0 && body.starts_with('#') {
            let level = body.chars().take_while(|c| *c == '#').count();
            if body[level..].starts_with(' ') {
                let (text, _, _) = content(&body[level..], line, col + level)?;
                if level == 1 {
                    if p.map.essays.len() == 1
                        && p.map.essays[0].is_none()
                        && p.map.statements.is_empty()
                    {
                        p.map.essays[0] = Some(text);
                    } else {
                        p.map.essays.push(Some(text));
                        p.essay = p.map.essays.len() - 1;
                    }
                    p.section = None;
                } else {
                    p.map.sections.push((p.essay, text));
                    p.section = Some(p.map.sections.len() - 1);
                }
                stack.clear();
                last = None;
                continue;
            }
        }
        // Inference lines of a premise–conclusion structure.
        if body.starts_with("--") {
            match &mut pcs {
                Some((_, _, inferred)) => *inferred = true,
                None => {
                    return Err(err(
                        line,
                        col,
                        "an inference line (`--`) outside an argument's numbered statements",
                    ))
                }
            }
            continue;
        }
        // Numbered statements: (1) …
        if let Some(rest) = numbered(body) {
            let c0 = col + body.chars().count() - rest.chars().count();
            let (argument, title, text, defines) = element(rest, line, c0)?;
            if argument {
                return Err(err(line, c0, "an argument cannot be a numbered statement"));
            }
            let k = p.resolve(false, title, content(&text, line, c0)?, defines, line);
            let state = pcs.get_or_insert((None, Vec::new(), false));
            if state.2 {
                // The statement after an inference line is its conclusion.
                for &q in &state.1 {
                    if q != k {
                        p.map.relations.push(Rel {
                            from: q,
                            to: k,
                            kind: RelKind::Support,
                        });
                    }
                }
                if let Some(a) = state.0 {
                    p.map.statements[a].stands_for = Some(k);
                }
                *state = (state.0, vec![k], false);
            } else {
                state.1.push(k);
            }
            last = Some(k);
            continue;
        }
        // Relation lines.
        let sign = SIGNS
            .iter()
            .find(|(s, _, _)| body.starts_with(s) && body[s.len()..].starts_with([' ', '\t']));
        if let Some(&(s, kind, child_is_source)) = sign {
            while stack.last().is_some_and(|&(i, _)| i >= indent) {
                stack.pop();
            }
            let Some(&(_, parent)) = stack.last() else {
                return Err(err(
                    line,
                    col,
                    format!("a relation `{s}` with nothing above it to relate to"),
                ));
            };
            let after = body[s.len()..].trim_start();
            let c0 = col + body.chars().count() - after.chars().count();
            let (argument, title, text, defines) = element(after, line, c0)?;
            let known = p.map.statements.len();
            let k = p.resolve(argument, title, content(&text, line, c0)?, defines, line);
            // A statement first met on a relation line belongs where what it
            // relates to does, not to whatever `##` heading came last (the
            // relation trees follow every section's claims).
            if k >= known {
                p.map.statements[k].section = p.map.statements[parent].section;
            }
            let (from, to) = if child_is_source {
                (k, parent)
            } else {
                (parent, k)
            };
            p.map.relations.push(Rel { from, to, kind });
            stack.push((indent, k));
            last = Some(k);
            continue;
        }
        // An indented line that is none of the above continues the last element.
        if indent > 0 {
            let Some(k) = last else {
                return Err(err(
                    line,
                    col,
                    "an indented line that belongs to nothing above it",
                ));
            };
            let (text, tags, data) = content(body, line, col)?;
            let st = &mut p.map.statements[k];
            if !text.is_empty() {
                if !st.text.is_empty() {
                    st.text.push(' ');
                }
                st.text.push_str(&text);
            }
            st.tags.extend(tags);
            st.data.extend(data);
            continue;
        }
        // A top-level element opens a block.
        let (argument, title, text, defines) = element(body, line, col)?;
        let k = p.resolve(argument, title, content(&text, line, col)?, defines, line);
        pcs = argument.then(|| (Some(k), Vec::new(), false));
        p.map.roots.push(k);
        stack.clear();
        stack.push((indent, k));
        last = Some(k);
    }
    // Relations drawn to or from an argument with a structure go to its conclusion.
    let alias: Vec<usize> = (0..p.map.statements.len())
        .map(|k| p.map.statements[k].stands_for.unwrap_or(k))
        .collect();
    for r in &mut p.map.relations {
        r.from = alias[r.from];
        r.to = alias[r.to];
    }
    p.map.roots = p.map.roots.iter().map(|&r| alias[r]).collect();
    Ok(p.map)
}

/// The rest of a numbered statement line `(1) …`, or None.
fn numbered(body: &str) -> Option<&str> {
    let rest = body.strip_prefix('(')?;
    let close = rest.find(')')?;
    let digits = &rest[..close];
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| rest[close + 1..].trim_start())
}

/// Data keys argraph reads (the ones its export writes).
const DATA_KEYS: &[&str] = &[
    "id",
    "kind",
    "source",
    "span",
    "paragraph",
    "relations",
    "made",
    "stance",
    "heading",
    "confidence",
    "thesis_score",
];

/// A yes/no data key (`stance: true`); absent or anything else is no.
fn flag(data: &JsonMap<String, Value>, key: &str) -> bool {
    data.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// Reads an Argdown file into a document and its graph, plus warnings.
pub fn import(path: &str, bytes: &[u8]) -> Result<(Document, Extraction, Vec<String>)> {
    let bytes = crate::text::decode::without_utf8_bom(bytes);
    let src = std::str::from_utf8(bytes).map_err(|e| {
        Error::input(
            path,
            format!("not UTF-8 text ({e}); Argdown files are UTF-8"),
        )
    })?;
    // As ingest does: control characters would reach claims and exports.
    let (src, controls) = crate::text::decode::without_controls(src);
    let mut map = parse(&src).map_err(|e| Error::input(path, e))?;
    if controls > 0 {
        map.warnings.push(format!(
            "removed {controls} control character(s) (terminal escapes, NUL and the like)"
        ));
    }
    // Arguments that stand for a conclusion are not claims of their own.
    let keep: Vec<usize> = (0..map.statements.len())
        .filter(|&k| map.statements[k].stands_for.is_none())
        .collect();
    for &k in &keep {
        let st = &mut map.statements[k];
        if st.text.trim().is_empty() {
            map.warnings.push(format!(
                "line {}: [{}] has no text anywhere in the map; it becomes a claim holding its title",
                st.line, st.title
            ));
            st.text = st.title.clone();
        }
    }
    // Nothing is dropped without a word: tags and data argraph has no field
    // for are named.
    for &k in &keep {
        let st = &map.statements[k];
        let tags: Vec<String> = st
            .tags
            .iter()
            .filter(|t| *t != "hedged" && t.parse::<Role>().is_err())
            .map(|t| format!("#{t}"))
            .collect();
        let keys: Vec<&str> = st
            .data
            .keys()
            .map(String::as_str)
            .filter(|k| !DATA_KEYS.contains(k))
            .collect();
        if !tags.is_empty() {
            map.warnings.push(format!(
                "line {}: [{}]: tags {} have no place in the graph (roles and #hedged do)",
                st.line,
                st.title,
                tags.join(" ")
            ));
        }
        if !keys.is_empty() {
            map.warnings.push(format!(
                "line {}: [{}]: data {} has no place in the graph",
                st.line,
                st.title,
                keys.join(", ")
            ));
        }
    }
    // The document: each essay's title, then its claims one paragraph each,
    // so every claim has a real span.
    let fallback = super::map_title(path);
    let mut text = String::new();
    let mut essay_spans: Vec<(usize, usize)> = Vec::new();
    let mut spans: HashMap<usize, (usize, usize)> = HashMap::new();
    // Characters of `text` so far: counted as pieces are added, not recounted
    // from the start for every claim (quadratic on a large map).
    let mut chars = 0usize;
    let mut push = |text: &mut String, piece: &str| {
        text.push_str(piece);
        chars += piece.chars().count();
        chars
    };
    for (e, title) in map.essays.iter().enumerate() {
        let members: Vec<usize> = keep
            .iter()
            .copied()
            .filter(|&k| map.statements[k].essay == e)
            .collect();
        if members.is_empty() {
            continue;
        }
        let start = if text.is_empty() {
            0
        } else {
            push(&mut text, "\n\n")
        };
        push(&mut text, title.as_deref().unwrap_or(&fallback));
        for k in members {
            let s = push(&mut text, "\n\n");
            let end = push(&mut text, &map.statements[k].text);
            spans.insert(k, (s, end));
        }
        essay_spans.push((e, start));
    }
    text.push('\n');
    let doc = Document::imported(path, bytes, text, "argdown");
    let id = |what: &str, a: usize, b: usize| crate::model::content_id(&doc.hash, what, a, b);
    let mut ex = Extraction::default();
    let mut essay_ids: HashMap<usize, String> = HashMap::new();
    let mut section_ids: HashMap<usize, String> = HashMap::new();
    for &(e, start) in &essay_spans {
        let eid = id("essay", ex.essays.len(), 0);
        let mut essay = Essay {
            id: eid.clone(),
            ord: ex.essays.len() as u32,
            // argraph's own `# (untitled)` is an essay without a title; a
            // map with no heading at all is named after its file.
            title: match map.essays[e].clone() {
                Some(t) if t == super::argdown::UNTITLED => None,
                Some(t) => Some(t),
                None => Some(fallback.clone()),
            },
            span: Span { start, end: start },
            sections: Vec::new(),
        };
        for (s, (se, heading)) in map.sections.iter().enumerate() {
            if *se == e {
                let sid = id("section", essay.ord as usize, essay.sections.len());
                essay.sections.push(Section {
                    id: sid.clone(),
                    ord: essay.sections.len() as u32,
                    heading: Some(heading.clone()),
                    span: Span { start, end: start },
                });
                section_ids.insert(s, sid);
            }
        }
        essay_ids.insert(e, eid);
        ex.essays.push(essay);
    }
    let mut claim_ids: HashMap<usize, String> = HashMap::new();
    let mut ord_in: HashMap<usize, u32> = HashMap::new();
    for &k in &keep {
        let st = &map.statements[k];
        let (s, e) = spans[&k];
        let cid = id("claim", s, e);
        claim_ids.insert(k, cid.clone());
        let role = st.tags.iter().find_map(|t| t.parse::<Role>().ok());
        let kind = st
            .data
            .get("kind")
            .and_then(Value::as_str)
            .and_then(|k| k.parse::<ClaimKind>().ok())
            .filter(|k| role.is_none_or(|r| r.kind() == *k))
            .or(role.map(Role::kind))
            .unwrap_or(ClaimKind::Premise);
        let ord = ord_in.entry(st.essay).or_insert(0);
        let essay = &essay_ids[&st.essay];
        if let Some(ess) = ex.essays.iter_mut().find(|x| &x.id == essay) {
            ess.span.end = ess.span.end.max(e);
            if let Some(sec) = st.section.and_then(|s| section_ids.get(&s)) {
                if let Some(section) = ess.sections.iter_mut().find(|x| &x.id == sec) {
                    if section.span.start == section.span.end && section.span.end <= s {
                        section.span.start = s;
                    }
                    section.span.end = section.span.end.max(e);
                }
            }
        }
        ex.claims.push(Claim {
            id: cid,
            essay: essay.clone(),
            section: st.section.and_then(|s| section_ids.get(&s).cloned()),
            ord: *ord,
            // As argraph wrote it; a map that does not say has each claim
            // a paragraph of its own, as the document is laid out.
            paragraph: st
                .data
                .get("paragraph")
                .and_then(Value::as_u64)
                .and_then(|p| u32::try_from(p).ok())
                .unwrap_or(*ord),
            kind,
            text: st.text.clone(),
            span: Span { start: s, end: e },
            hedged: st.tags.iter().any(|t| t == "hedged"),
            stance: flag(&st.data, "stance"),
            heading: flag(&st.data, "heading"),
            role: role
                .filter(|r| r.kind() == kind)
                .unwrap_or(Role::for_kind(kind)),
            why: st.data.get("confidence").and_then(Value::as_f64).map(|c| {
                let score = st.data.get("thesis_score").and_then(Value::as_f64);
                crate::model::RoleReason::carried(c, score)
            }),
            evidence: None,
        });
        *ord += 1;
    }
    // Each essay has one major claim: the one the map marks (#thesis or
    // kind), else the root of its first relation tree, else its first claim.
    for essay in &ex.essays {
        let has_major = ex
            .claims
            .iter()
            .any(|c| c.essay == essay.id && c.kind == ClaimKind::MajorClaim);
        if !has_major {
            let root = map
                .roots
                .iter()
                .filter_map(|r| claim_ids.get(r))
                .find(|id| {
                    ex.claims
                        .iter()
                        .any(|c| &c.id == *id && c.essay == essay.id)
                })
                .cloned()
                .or_else(|| {
                    ex.claims
                        .iter()
                        .find(|c| c.essay == essay.id)
                        .map(|c| c.id.clone())
                });
            if let Some(root) = root {
                if let Some(c) = ex.claims.iter_mut().find(|c| c.id == root) {
                    c.kind = ClaimKind::MajorClaim;
                    c.role = Role::Thesis;
                }
            }
        }
    }
    // Edges: the Argdown type on the rule; a type argraph keeps in the
    // source's data (`relations: {target title: exemplifies}`) wins.
    let mut seen: HashSet<(String, String, Relation)> = HashSet::new();
    for r in &map.relations {
        let (Some(from), Some(to)) = (claim_ids.get(&r.from), claim_ids.get(&r.to)) else {
            continue;
        };
        if from == to {
            map.warnings.push(format!(
                "[{}] relates to itself; the relation was not imported",
                map.statements[r.from].title
            ));
            continue;
        }
        // What the source statement's data says of this relation, under
        // the target's title (`relations: {title: type}`, `made: {title: …}`).
        let about_target = |key: &str| {
            map.statements[r.from]
                .data
                .get(key)
                .and_then(|m| m.get(&map.statements[r.to].title))
        };
        let as_relation = |v: Option<&Value>| {
            v.and_then(Value::as_str)
                .and_then(|t| t.parse::<Relation>().ok())
        };
        let mut relation = r.kind.relation();
        if relation == Relation::Supports {
            if let Some(t) = as_relation(about_target("relations")) {
                relation = t;
            }
        }
        // The marker and rule argraph made the edge with, kept only while
        // the relation is still the one it made: a relation drawn or
        // flipped by hand has neither.
        let made =
            about_target("made").filter(|m| as_relation(m.get("relation")) == Some(relation));
        let made_with = |key: &str| {
            made.and_then(|m| m.get(key))
                .and_then(Value::as_str)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        if seen.insert((from.clone(), to.clone(), relation)) {
            ex.edges.push(Edge {
                from: from.clone(),
                to: to.clone(),
                relation,
                marker: made_with("marker"),
                rule: made_with("rule").unwrap_or_else(|| format!("argdown:{}", r.kind.name())),
            });
        }
    }
    // Key terms, as for an ingested or AIF-imported document: `terms` and
    // `related` read them.
    crate::text::script::index_imported(&doc.text, &mut ex);
    Ok((doc, ex, map.warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_a_bom_are_removed() {
        for empty in ["", "// 只有注释\n", "\u{feff}\n\n"] {
            let (_, ex, _) = import("e.argdown", empty.as_bytes()).unwrap();
            assert!(ex.claims.is_empty(), "{empty:?}");
        }
        let (doc, ex, warnings) = import(
            "c.argdown",
            "\u{feff}[读书]: 读书\u{1b}[31m使人明智。\0\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(ex.claims[0].text, "读书使人明智。");
        assert!(!doc.text.contains('\0') && !doc.text.contains('\u{feff}'));
        assert!(
            warnings.iter().any(|w| w.contains("removed 2 control")),
            "{warnings:?}"
        );
    }

    #[test]
    fn data_nested_too_deep_is_an_error_not_an_abort() {
        for (open, close) in [("[", "]"), ("{b: ", "}")] {
            let deep = format!(
                "[A]: 主张。 {{a: {}1{}}}\n",
                open.repeat(20_000),
                close.repeat(20_000)
            );
            let e = parse(&deep).unwrap_err();
            assert!(e.contains("nested more than 128 levels"), "{e}");
        }
        let fine = format!(
            "[A]: 主张。 {{a: {}1{}}}\n",
            "[".repeat(100),
            "]".repeat(100)
        );
        assert!(parse(&fine).is_ok());
    }

    /// Found by the property test on CI: a `:` where a list item should be
    /// took no characters, so the list loop pushed empty values until memory
    /// ran out.
    #[test]
    fn data_that_cannot_be_read_is_an_error_not_a_loop() {
        for src in ["{[:[T]: ", "[T]: text {k: [a, :]}", "[T]: text {: v}"] {
            let e = parse(src).unwrap_err();
            assert!(e.contains("line 1"), "{src}: {e}");
        }
        let map = parse("[T]: text {k: [a, 1, true]}").unwrap();
        assert_eq!(map.statements[0].text, "text");
    }
}
