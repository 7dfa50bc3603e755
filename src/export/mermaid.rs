//! Mermaid flowchart, for Markdown pages that render Mermaid (GitHub, GitLab...).

use crate::model::Relation;
use crate::store::StoredGraph;
use std::collections::HashMap;
use std::fmt::Write;

/// Text inside a Mermaid `["..."]` label, as Mermaid's entity codes where
/// Mermaid would read it: quotes and angle brackets; `#` (entity codes
/// start with it); `&` (Mermaid decodes HTML entities, so `&amp;` in a
/// claim showed as `&`); `%` (`%%{init}%%` is a directive wherever it
/// stands, and vanished from claims); `:` (Mermaid drops the last `;` of
/// any line that looks like `style …:…#…;`, which `lifestyle:#1` did once
/// its `#` was a code).
fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#38;"),
            '%' => out.push_str("#37;"),
            ':' => out.push_str("#58;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn arrow(r: Relation) -> &'static str {
    match r {
        Relation::Supports => "-->",
        Relation::Attacks => "--x",
        Relation::Exemplifies => "--o",
        Relation::Restates => "-.->",
        Relation::Elaborates => "-.-",
    }
}

pub fn render(g: &StoredGraph) -> String {
    let index = crate::store::GraphIndex::new(g);
    let mut out = String::from("flowchart BT\n");
    // Short node names (c0, c1...) keep the source readable.
    let names: HashMap<&str, String> = g
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), format!("c{i}")))
        .collect();
    // Essays are numbered like claims: the ids of two essays of one
    // document share their first characters.
    for (k, (_, essay)) in g.essays.iter().enumerate() {
        let _ = writeln!(
            out,
            "  subgraph e{k}[\"{}\"]",
            escape(essay.title.as_deref().unwrap_or("(untitled)"))
        );
        let sections =
            std::iter::once(None).chain(essay.sections.iter().map(|s| Some(s.id.as_str())));
        let mut claims: Vec<&crate::model::Claim> = sections
            .flat_map(|s| index.claims_in(&essay.id, s).iter().copied())
            .collect();
        claims.sort_by_key(|c| c.ord);
        for c in claims {
            // Lines joined by Mermaid's line break, not a space: a space
            // would stand inside Chinese words (「他 说」).
            let text = super::wrap::wrap(&c.text, 40, 3)
                .iter()
                .map(|l| escape(l))
                .collect::<Vec<_>>()
                .join("<br>");
            let shape = match c.kind {
                crate::model::ClaimKind::MajorClaim => ("[[\"", "\"]]"),
                crate::model::ClaimKind::Claim => ("([\"", "\"])"),
                crate::model::ClaimKind::Premise => ("[\"", "\"]"),
            };
            // The claim's id in a comment above its node, so a reader of
            // the source can join a node to the other exports.
            let _ = writeln!(
                out,
                "    %% {}\n    {}{}{}{}",
                c.id,
                names[c.id.as_str()],
                shape.0,
                text,
                shape.1
            );
        }
        let _ = writeln!(out, "  end");
    }
    for e in &g.edges {
        let label = e
            .marker
            .as_deref()
            .map(|m| format!("|\"{}\"|", escape(m)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} {}{} {}",
            names[e.from.as_str()],
            arrow(e.relation),
            label,
            names[e.to.as_str()]
        );
    }
    // Each claim's discourse role as a class, coloured as in the HTML report
    // (report.css), so the map reads the same in both.
    for role in crate::model::Role::ALL {
        let members: Vec<&str> = g
            .claims
            .iter()
            .filter(|c| c.role == role)
            .map(|c| names[c.id.as_str()].as_str())
            .collect();
        if members.is_empty() {
            continue;
        }
        let (fill, stroke) = super::role_colours(role);
        let _ = writeln!(
            out,
            "  classDef {} fill:{fill},stroke:{stroke}",
            role.as_str()
        );
        let _ = writeln!(out, "  class {} {}", members.join(","), role.as_str());
    }
    out
}
