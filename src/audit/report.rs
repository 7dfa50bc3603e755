//! Audit output: diagnostics pointing into the essay (ariadne draws the
//! source line and underlines the claim's span; spans are character offsets,
//! so CJK text lines up), per-essay summaries, and the JSON form.

use super::{EssayView, Finding, Severity, Summary};
use ariadne::{Color, Config, Label, Report, ReportKind, Source};
use serde::Serialize;
use std::fmt::Write;

/// Severities are lower case, as in every other message argraph prints
/// (`error:`, `warning:`); ariadne's own kinds are capitalised.
fn kind(s: Severity) -> ReportKind<'static> {
    match s {
        Severity::Error => ReportKind::Custom("error", Color::Red),
        Severity::Warning => ReportKind::Custom("warning", Color::Yellow),
        Severity::Note => ReportKind::Custom("note", Color::Cyan),
    }
}

/// An essay's text prepared once for all its diagnostics (per finding it
/// was quadratic in the essay's length).
pub struct EssayText {
    source: Source<String>,
    chars: Vec<char>,
    /// Columns of the terminal.
    width: usize,
}

impl EssayText {
    /// `width`: the terminal's columns.
    pub fn new(v: &EssayView, width: usize) -> EssayText {
        // Characters that would reorder or overwrite the terminal's line
        // (U+202E, escapes) are shown as U+FFFD: one character for one, so
        // the spans (character offsets) still fall where they did.
        let chars: Vec<char> = v
            .text
            .chars()
            .map(|c| {
                if c != '\t' && crate::text::chars::escaped_on_terminal(c) {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect();
        EssayText {
            source: Source::from(chars.iter().collect::<String>()),
            chars,
            width,
        }
    }
}

/// One finding as a diagnostic with the source line(s) and the claims it
/// concerns underlined; a line too wide for the terminal is shown as a
/// window around them (`audit::window`).
pub fn render_finding(v: &EssayView, t: &EssayText, f: &Finding, color: bool) -> String {
    let i = v.index[&f.claim];
    let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
    spans.push(v.claims[i].span.start..v.claims[i].span.end);
    let mut names = vec![format!("claim {}", crate::model::short_id(&f.claim))];
    for (n, id) in f.chain.iter().enumerate() {
        if let Some(&j) = v.index.get(id) {
            if j != i {
                spans.push(v.claims[j].span.start..v.claims[j].span.end);
                names.push(format!("{}: claim {}", n + 1, crate::model::short_id(id)));
            }
        }
    }
    // ariadne draws the gutter (about ten columns) before the line, and
    // the labels' messages after it.
    let message = names.iter().map(|n| n.chars().count()).max().unwrap_or(0) + 4;
    let budget = t.width.saturating_sub(10 + message).max(30);
    let windowed = super::window::window(&t.chars, v.lines(), &spans, budget);
    // Where each label is in the essay, for the headers (below).
    let essay_spans = spans.clone();
    let (source, spans) = match &windowed {
        Some(w) => (Source::from(w.text.clone()), w.spans.clone()),
        None => (t.source.clone(), spans),
    };
    // An imported map's lines are those of argraph's copy, drawn below: the
    // header must not send the reader to a line of the map file.
    let path = if v.imported() {
        format!(
            "{} [argraph's copy of an imported map]",
            crate::text::chars::visible_line(&v.path)
        )
    } else {
        crate::text::chars::visible_line(&v.path).into_owned()
    };
    let mut report = Report::build(kind(f.severity), (path.clone(), spans[0].clone()))
        .with_config(Config::default().with_color(color).with_compact(false))
        .with_code(f.rule)
        .with_message(crate::text::chars::visible(&f.message))
        .with_label(
            Label::new((path.clone(), spans[0].clone()))
                .with_message(&names[0])
                .with_color(Color::Yellow),
        )
        .with_help(crate::text::chars::visible(&f.hint));
    for (s, name) in spans.iter().zip(&names).skip(1) {
        report = report.with_label(
            Label::new((path.clone(), s.clone()))
                .with_message(name)
                .with_color(Color::Cyan),
        );
    }
    let mut buf = Vec::new();
    report
        .finish()
        .write((path.clone(), &source), &mut buf)
        .expect("writing to memory");
    let out = String::from_utf8_lossy(&buf).into_owned();
    // ariadne heads the labels with `path:line:column`: a new group of them
    // each time a label stands on an earlier line than the one before, and
    // every group of the same file with the report's own location (in a
    // window, the window's column). Each header says where its group's
    // first label is in the essay.
    let (line, column) = v.lines().line_col(v.claims[i].span.start);
    let printed = match &windowed {
        Some(w) => format!("{path}:{line}:{}", w.columns.0),
        None => format!("{path}:{line}:{column}"),
    };
    let mut heads = Vec::new();
    let mut last_line = 0;
    for s in &essay_spans {
        let end_line = v.lines().line_col(s.end.max(s.start + 1) - 1).0;
        if heads.is_empty() || end_line < last_line {
            let (l, c) = v.lines().line_col(s.start);
            heads.push(format!("{path}:{l}:{c}"));
        }
        last_line = end_line;
    }
    let mut parts = out.split(printed.as_str());
    let mut fixed = parts.next().unwrap_or_default().to_owned();
    for (k, part) in parts.enumerate() {
        fixed.push_str(heads.get(k).map_or(printed.as_str(), String::as_str));
        fixed.push_str(part);
    }
    fixed
}

/// `n` and the noun, in the plural unless `n` is one (`1 essay`, `3 claims`).
/// The command line's messages use it too (`cmd::view`).
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub fn render_summary(s: &Summary) -> String {
    let rels: Vec<String> = s
        .relations
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(r, n)| format!("{n} {r}"))
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}",
        crate::text::chars::book_title(s.title.as_deref()),
        crate::text::chars::visible_line(&s.document)
    );
    let _ = writeln!(
        out,
        "  {}; relations: {}; evidence ratio {:.0}%; hedge ratio {:.0}%; deepest support chain {}; thesis and section claims accepted {}/{}",
        count(s.claims, "claim"),
        if rels.is_empty() { "none".to_owned() } else { rels.join(", ") },
        s.evidence_ratio * 100.0,
        s.hedge_ratio * 100.0,
        s.deepest_support_chain,
        s.accepted_theses,
        s.theses
    );
    out
}

/// Essays whose summary the text report always gives; past this many, only
/// those with findings get one (a class of 300 essays gave 600 lines after
/// the findings, which scrolled them away).
pub const SUMMARY_ALL_ESSAYS: usize = 10;

/// The closing lines of the text report: a summary per essay (each with
/// whether it had findings), then counts (`counts` indexed by severity:
/// note, warning, error).
pub fn render_tail(summaries: &[(Summary, bool)], counts: [usize; 3]) -> String {
    let mut out = String::from("summary:\n");
    let all = summaries.len() <= SUMMARY_ALL_ESSAYS;
    for (s, _) in summaries.iter().filter(|(_, found)| all || *found) {
        out.push_str(&render_summary(s));
    }
    let clean = summaries.iter().filter(|(_, found)| !found).count();
    if !all && clean > 0 {
        let _ = writeln!(
            out,
            "… and {} without findings (`audit --essay ID` or `--json` gives each one's summary)",
            count(clean, "essay")
        );
    }
    let [notes, warnings, errors] = counts;
    let _ = writeln!(
        out,
        "{}, {}, {}",
        count(errors, "error"),
        count(warnings, "warning"),
        count(notes, "note")
    );
    out
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    claim: &'a str,
    essay: &'a str,
    document: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    span: [usize; 2],
    text: &'a str,
    message: &'a str,
    hint: &'a str,
    chain: &'a [String],
}

/// One finding as a JSON object (keys documented in docs/audit-rules.md).
pub fn finding_json(v: &EssayView, f: &Finding) -> String {
    let i = v.index[&f.claim];
    let at = crate::text::source_position(&v.origin, || v.line_col(i));
    let (line, column) = (at.map(|a| a.0), at.map(|a| a.1));
    let j = JsonFinding {
        rule: f.rule,
        severity: f.severity,
        claim: &f.claim,
        essay: &v.essay.id,
        document: &v.path,
        line,
        column,
        span: [v.claims[i].span.start, v.claims[i].span.end],
        text: &v.claims[i].text,
        message: &f.message,
        hint: &f.hint,
        chain: &f.chain,
    };
    serde_json::to_string_pretty(&j).expect("json")
}

/// The end of the JSON report, after the findings array.
pub fn json_tail(summaries: &[Summary], counts: [usize; 3]) -> String {
    let [notes, warnings, errors] = counts;
    let after_key = |pretty: String| crate::cmd::json::after_key(&pretty, 1);
    let summaries = after_key(serde_json::to_string_pretty(summaries).expect("json"));
    let counts = after_key(
        serde_json::to_string_pretty(
            &serde_json::json!({"error": errors, "warning": warnings, "note": notes}),
        )
        .expect("json"),
    );
    format!(",\n  \"summaries\": {summaries},\n  \"counts\": {counts}\n}}\n")
}
