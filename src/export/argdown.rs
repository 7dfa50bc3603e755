//! Argdown (https://argdown.org), the plain-text format argument analysts
//! write their maps in; docs/formats.md says how the model maps onto it.
//!
//! Per essay: a heading with the essay's title; every claim once as a
//! titled statement (`[title]: text #role {data}`) in reading order; then
//! the argument as relation trees, from the thesis down: under each claim,
//! every edge into it as `<+ [source]` (supports, exemplifies, elaborates,
//! restates) or `<- [source]` (attacks). A claim is expanded once; a second
//! mention is a bare reference, so every edge appears exactly once and a
//! cycle cannot loop. Claims the thesis does not reach get trees of their
//! own. The relation type Argdown has no syntax for (exemplifies,
//! elaborates, restates) is kept in the source statement's data.

use crate::model::{Claim, Relation};
use crate::store::StoredGraph;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// Leading characters of a claim's text in its statement title.
pub const TITLE_CHARS: usize = 8;

/// Characters Argdown can read as syntax somewhere in a statement: titles
/// and references, relations, tags, data, emphasis, mentions, argument and
/// list markers.
const SYNTAX: &[char] = &[
    '\\', '[', ']', '<', '>', '#', '{', '}', '*', '_', '@', '+', '-', '=', '(', ')', ':',
];

/// The heading of an essay without a title; read back as no title.
pub const UNTITLED: &str = "(untitled)";

/// Text with a backslash before every character Argdown could read as
/// syntax (Argdown lets a backslash escape any character), before the `/` of
/// a comment opener (`//`, `/*`) and before a leading space. Line breaks
/// become spaces: a statement is one logical line.
pub fn escape(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        if SYNTAX.contains(&c)
            || (c == '/' && matches!(next, Some('/' | '*')))
            || (i == 0 && c.is_whitespace())
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A statement title: the first letters of the text and the short id, so
/// it reads in Chinese and stays unique and stable.
pub fn title(c: &Claim) -> String {
    let lead: String = c
        .text
        .chars()
        .filter(|ch| ch.is_alphanumeric())
        .take(TITLE_CHARS)
        .collect();
    let id = crate::model::short_id(&c.id);
    if lead.is_empty() {
        id.to_owned()
    } else {
        format!("{lead} {id}")
    }
}

/// A quoted value for Argdown's data block (YAML flow syntax).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn sign(r: Relation) -> &'static str {
    if r == Relation::Attacks {
        "<-"
    } else {
        "<+"
    }
}

/// `texts[path]`: the document text each claim's line and column are read from.
pub fn render(g: &StoredGraph, texts: &HashMap<String, String>) -> String {
    let titles: HashMap<&str, String> =
        g.claims.iter().map(|c| (c.id.as_str(), title(c))).collect();
    let mut incoming: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut outgoing: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, e) in g.edges.iter().enumerate() {
        if titles.contains_key(e.from.as_str()) && titles.contains_key(e.to.as_str()) {
            incoming.entry(e.to.as_str()).or_default().push(k);
            outgoing.entry(e.from.as_str()).or_default().push(k);
        }
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// argraph export: {} claims, {} relations. Statements carry their role as a tag\n\
         // and their source as data; docs/formats.md (Argdown) says how to read them.\n",
        g.claims.len(),
        g.edges.len()
    );
    for (path, essay) in &g.essays {
        let claims: Vec<&Claim> = g.claims.iter().filter(|c| c.essay == essay.id).collect();
        let lines = texts.get(path).map(|t| crate::text::LineIndex::new(t));
        let _ = writeln!(
            out,
            "# {}\n",
            escape(essay.title.as_deref().unwrap_or(UNTITLED))
        );
        let mut section: Option<&str> = None;
        for c in &claims {
            // A section with a heading opens with `## heading`, which the
            // reader takes back as the section (the untitled opening part
            // of an essay has none).
            if c.section.as_deref() != section {
                section = c.section.as_deref();
                if let Some(heading) = essay
                    .sections
                    .iter()
                    .find(|s| Some(s.id.as_str()) == section)
                    .and_then(|s| s.heading.as_deref())
                {
                    let _ = writeln!(out, "## {}\n", escape(heading));
                }
            }
            let mut data = vec![
                format!("id: {}", quoted(&c.id)),
                format!("kind: {}", quoted(c.kind.as_str())),
            ];
            if let Some(l) = &lines {
                let (line, col) = l.line_col(c.span.start);
                data.push(format!(
                    "source: {}",
                    quoted(&format!("{path}:{line}:{col}"))
                ));
            }
            data.push(format!("span: [{}, {}]", c.span.start, c.span.end));
            data.push(format!("paragraph: {}", c.paragraph));
            // So a guessed thesis is still one after an import.
            if let Some(why) = &c.why {
                data.push(format!("confidence: {}", why.confidence));
                if let Some(score) = why.score {
                    data.push(format!("thesis_score: {score}"));
                }
            }
            let typed: Vec<String> = outgoing
                .get(c.id.as_str())
                .into_iter()
                .flatten()
                .map(|&k| &g.edges[k])
                .filter(|e| !matches!(e.relation, Relation::Supports | Relation::Attacks))
                .map(|e| {
                    format!(
                        "{}: {}",
                        quoted(&titles[e.to.as_str()]),
                        e.relation.as_str()
                    )
                })
                .collect();
            if !typed.is_empty() {
                data.push(format!("relations: {{{}}}", typed.join(", ")));
            }
            // What made each outgoing edge, by the target's title as
            // `relations` is: the relation it was made as, its marker and its
            // rule. An import keeps marker and rule only for a relation still
            // of that type (one flipped by hand was not made so).
            let provenance: Vec<String> = outgoing
                .get(c.id.as_str())
                .into_iter()
                .flatten()
                .map(|&k| &g.edges[k])
                .map(|e| {
                    let marker = e
                        .marker
                        .as_deref()
                        .map(|m| format!(", marker: {}", quoted(m)))
                        .unwrap_or_default();
                    format!(
                        "{}: {{relation: {}{marker}, rule: {}}}",
                        quoted(&titles[e.to.as_str()]),
                        e.relation.as_str(),
                        quoted(&e.rule)
                    )
                })
                .collect();
            if !provenance.is_empty() {
                data.push(format!("made: {{{}}}", provenance.join(", ")));
            }
            if c.stance {
                data.push("stance: true".to_owned());
            }
            if c.heading {
                data.push("heading: true".to_owned());
            }
            let mut tags = vec![format!("#{}", c.role.as_str())];
            if c.hedged {
                tags.push("#hedged".to_owned());
            }
            // Top-level statements are blocks: a blank line between them.
            let _ = writeln!(
                out,
                "[{}]: {} {} {{{}}}\n",
                titles[c.id.as_str()],
                escape(&c.text),
                tags.join(" "),
                data.join(", ")
            );
        }
        // Relation trees: the thesis first, then every claim still unexpanded
        // that has incoming edges, in reading order.
        let mut expanded: HashSet<&str> = HashSet::new();
        let mut roots: Vec<&Claim> = claims
            .iter()
            .copied()
            .filter(|c| c.kind == crate::model::ClaimKind::MajorClaim)
            .collect();
        roots.extend(claims.iter().copied());
        for root in roots {
            if expanded.contains(root.id.as_str()) || !incoming.contains_key(root.id.as_str()) {
                continue;
            }
            let _ = writeln!(out, "[{}]", titles[root.id.as_str()]);
            expanded.insert(root.id.as_str());
            // Depth-first, iteratively: (claim, depth, next incoming edge).
            let mut stack: Vec<(&str, usize, usize)> = vec![(root.id.as_str(), 1, 0)];
            while let Some(top) = stack.last_mut() {
                let (id, depth, next) = *top;
                let edges = incoming.get(id).map_or(&[][..], Vec::as_slice);
                if next >= edges.len() {
                    stack.pop();
                    continue;
                }
                top.2 += 1;
                let e = &g.edges[edges[next]];
                let _ = writeln!(
                    out,
                    "{}{} [{}]",
                    "  ".repeat(depth),
                    sign(e.relation),
                    titles[e.from.as_str()]
                );
                if expanded.insert(e.from.as_str()) {
                    stack.push((e.from.as_str(), depth + 1, 0));
                }
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_characters_are_escaped_and_plain_text_is_not() {
        assert_eq!(escape("读书可以开阔眼界。"), "读书可以开阔眼界。");
        assert_eq!(escape("[T]: a <+ b"), "\\[T\\]\\: a \\<\\+ b");
        assert_eq!(escape("a // b /* c */ d/e"), "a \\// b \\/\\* c \\*/ d/e");
        assert_eq!(escape(" lead\\back"), "\\ lead\\\\back");
        assert_eq!(escape("two\nlines"), "two lines");
    }
}
