//! Graphviz DOT: one cluster per essay, a nested cluster per section, node
//! fill by role and border by kind (hedged claims dashed), edge style by relation, the marker
//! as edge label, and a legend. The writer is plain string building so a test
//! can read what it produces; every string goes through [`quote`].

use crate::model::{Claim, ClaimKind, Edge, Relation};
use crate::store::StoredGraph;
use std::fmt::Write;

/// A font with CJK glyphs; Graphviz falls back to boxes without one.
pub const FONT: &str = "Noto Sans CJK SC";
/// Label lines are wrapped at this display width (a CJK character is 2).
pub const WRAP_COLUMNS: usize = 24;
/// Labels longer than this many lines end with …; the tooltip has the rest.
pub const MAX_LINES: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankDir {
    TB,
    LR,
    BT,
    RL,
}

impl RankDir {
    pub fn parse(s: &str) -> Option<RankDir> {
        Some(match s {
            "TB" => RankDir::TB,
            "LR" => RankDir::LR,
            "BT" => RankDir::BT,
            "RL" => RankDir::RL,
            _ => return None,
        })
    }

    fn as_str(self) -> &'static str {
        match self {
            RankDir::TB => "TB",
            RankDir::LR => "LR",
            RankDir::BT => "BT",
            RankDir::RL => "RL",
        }
    }
}

/// A DOT double-quoted string. Quotes and backslashes are escaped (so `\N`
/// or `\G` in the text stay literal), newlines become spaces, and `&`, `<`,
/// `>` become entities because Graphviz decodes entities in labels.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A label: the text wrapped at [`WRAP_COLUMNS`] display columns, at most
/// [`MAX_LINES`] lines, joined by DOT's centred line break `\n`.
pub fn label(text: &str) -> String {
    let lines = wrap(text, WRAP_COLUMNS, MAX_LINES);
    let quoted: Vec<String> = lines.iter().map(|l| quote(l)).collect();
    // Join the pieces inside one string: strip the quotes and glue with \n.
    let inner: Vec<&str> = quoted.iter().map(|q| &q[1..q.len() - 1]).collect();
    format!("\"{}\"", inner.join("\\n"))
}

use super::wrap::wrap;

/// The border a claim's kind draws: the major claim doubled, claims
/// heavier, premises plain.
fn kind_border(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::MajorClaim => ", peripheries=2, penwidth=2",
        ClaimKind::Claim => ", penwidth=1.5",
        ClaimKind::Premise => "",
    }
}

/// Fill by the claim's role, in the colours of the HTML report and the
/// Mermaid chart, so a map reads the same in all three; the border by its
/// kind.
fn node_attrs(c: &Claim) -> String {
    let (fill, stroke) = super::role_colours(c.role);
    let extra = format!(", color={}{}", quote(stroke), kind_border(c.kind));
    let style = if c.hedged {
        "rounded,filled,dashed"
    } else {
        "rounded,filled"
    };
    format!(
        "label={}, tooltip={}, style={}, fillcolor={}{}",
        label(&c.text),
        quote(&format!(
            "{} [{}, {}{}] {}",
            c.id,
            c.kind,
            c.role_name(),
            if c.hedged { ", hedged" } else { "" },
            c.text
        )),
        quote(style),
        quote(fill),
        extra
    )
}

/// Colour, arrowhead and line style of each relation.
pub fn relation_style(r: Relation) -> (&'static str, &'static str, &'static str) {
    match r {
        Relation::Supports => ("#2e7d32", "normal", "solid"),
        Relation::Attacks => ("#c62828", "tee", "bold"),
        Relation::Exemplifies => ("#1565c0", "diamond", "solid"),
        Relation::Restates => ("#6a1b9a", "odot", "dashed"),
        Relation::Elaborates => ("#757575", "vee", "dotted"),
    }
}

fn edge_attrs(e: &Edge) -> String {
    let (color, head, style) = relation_style(e.relation);
    // Scaffold edges keep their relation's look but fade back.
    let (color, style) = if e.rule == "default" {
        (format!("{color}66"), "dashed")
    } else {
        (color.to_owned(), style)
    };
    let mut s = format!(
        "color={}, arrowhead={}, style={}, tooltip={}",
        quote(&color),
        head,
        style,
        quote(&format!("{} ({})", e.relation, e.rule))
    );
    if let Some(m) = &e.marker {
        let _ = write!(
            s,
            ", label={}, fontcolor={}",
            quote(m),
            quote(relation_style(e.relation).0)
        );
    }
    s
}

pub fn render(g: &StoredGraph, rankdir: RankDir) -> String {
    let index = crate::store::GraphIndex::new(g);
    let mut out = String::new();
    let _ = writeln!(out, "digraph argraph {{");
    let _ = writeln!(
        out,
        "  graph [fontname={f}, rankdir={r}, compound=true, newrank=true, nodesep=0.25, ranksep=0.45, fontsize=14];",
        f = quote(FONT),
        r = rankdir.as_str()
    );
    let _ = writeln!(
        out,
        "  node [fontname={}, shape=box, fontsize=10, margin=\"0.12,0.06\"];",
        quote(FONT)
    );
    let _ = writeln!(out, "  edge [fontname={}, fontsize=9];", quote(FONT));
    for (_, essay) in &g.essays {
        let _ = writeln!(
            out,
            "  subgraph {} {{",
            quote(&format!("cluster_essay_{}", essay.id))
        );
        let _ = writeln!(
            out,
            "    label={}; style=\"rounded\"; color=\"#888888\"; fontsize=16;",
            quote(&crate::text::chars::book_title(essay.title.as_deref()))
        );
        for c in index.claims_in(&essay.id, None) {
            let _ = writeln!(out, "    {} [{}];", quote(&c.id), node_attrs(c));
        }
        for s in &essay.sections {
            let claims = index.claims_in(&essay.id, Some(&s.id));
            if claims.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "    subgraph {} {{",
                quote(&format!("cluster_section_{}", s.id))
            );
            let _ = writeln!(
                out,
                "      label={}; style=\"rounded,dashed\"; color=\"#aaaaaa\"; fontsize=12;",
                quote(s.heading.as_deref().unwrap_or(""))
            );
            for c in claims {
                let _ = writeln!(out, "      {} [{}];", quote(&c.id), node_attrs(c));
            }
            let _ = writeln!(out, "    }}");
        }
        let _ = writeln!(out, "  }}");
    }
    for e in &g.edges {
        let _ = writeln!(
            out,
            "  {} -> {} [{}];",
            quote(&e.from),
            quote(&e.to),
            edge_attrs(e)
        );
    }
    legend(&mut out);
    let _ = writeln!(out, "}}");
    out
}

/// Node names of the legend start with this, so tools can tell them apart.
pub const LEGEND_PREFIX: &str = "legend_";

fn legend(out: &mut String) {
    let _ = writeln!(out, "  subgraph cluster_legend {{");
    let _ = writeln!(
        out,
        "    label=\"legend\"; style=\"rounded\"; color=\"#cccccc\"; fontsize=11;"
    );
    // Roles by fill, kinds by border, hedging by a dashed line.
    struct Key {
        name: String,
        text: String,
        style: &'static str,
        colours: (&'static str, &'static str),
        border: &'static str,
    }
    let plain = ("#ffffff", "#444444");
    let mut keys: Vec<Key> = crate::model::Role::ALL
        .into_iter()
        .map(|r| Key {
            name: r.as_str().to_owned(),
            text: r.as_str().replace('_', " "),
            style: "rounded,filled",
            colours: super::role_colours(r),
            border: "",
        })
        .collect();
    for (name, text, kind) in [
        ("major", "major claim (the thesis)", ClaimKind::MajorClaim),
        ("claim", "claim", ClaimKind::Claim),
        ("premise", "premise", ClaimKind::Premise),
    ] {
        keys.push(Key {
            name: name.to_owned(),
            text: text.to_owned(),
            style: "rounded,filled",
            colours: plain,
            border: kind_border(kind),
        });
    }
    keys.push(Key {
        name: "hedged".to_owned(),
        text: "hedged (或许, 可能…)".to_owned(),
        style: "rounded,filled,dashed",
        colours: plain,
        border: "",
    });
    let names: Vec<String> = keys
        .iter()
        .map(|k| quote(&format!("{LEGEND_PREFIX}{}", k.name)))
        .collect();
    for (k, name) in keys.iter().zip(&names) {
        let _ = writeln!(
            out,
            "    {name} [label={}, style={}, fillcolor={}, color={}{}];",
            quote(&k.text),
            quote(k.style),
            quote(k.colours.0),
            quote(k.colours.1),
            k.border
        );
    }
    // A grid, not one long rank: the keys of a rank stand side by side (one
    // above the other with rankdir LR), and invisible edges push each run
    // of LEGEND_KEYS_PER_RANK keys into the next rank. One rank of all the
    // keys made the legend taller than a small essay's map.
    for (a, b) in names.iter().zip(names.iter().skip(LEGEND_KEYS_PER_RANK)) {
        let _ = writeln!(out, "    {a} -> {b} [style=invis];");
    }
    let last_rank = &names[(names.len() - 1) / LEGEND_KEYS_PER_RANK * LEGEND_KEYS_PER_RANK];
    // Listed last first: dot stacks them so that supports comes on top.
    for r in Relation::ALL.into_iter().rev() {
        let (color, head, style) = relation_style(r);
        let a = quote(&format!("{LEGEND_PREFIX}{}_from", r.as_str()));
        let b = quote(&format!("{LEGEND_PREFIX}{}_to", r.as_str()));
        let _ = writeln!(out, "    {a} [label=\"\", shape=point, width=0.05];");
        let _ = writeln!(
            out,
            "    {b} [label={}, shape=plaintext];",
            quote(r.as_str())
        );
        let _ = writeln!(
            out,
            "    {a} -> {b} [color={}, arrowhead={head}, style={style}];",
            quote(color)
        );
        // The relations' samples after the keys' last rank.
        let _ = writeln!(out, "    {last_rank} -> {a} [style=invis];");
    }
    let _ = writeln!(out, "  }}");
}

/// Keys (roles, kinds, hedging) in one rank of the legend's grid.
const LEGEND_KEYS_PER_RANK: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_hostile_text() {
        assert_eq!(quote("a\"b\\c\nd"), "\"a\\\"b\\\\c d\"");
        assert_eq!(quote("<b>&</b>"), "\"&lt;b&gt;&amp;&lt;/b&gt;\"");
        assert_eq!(quote("} -> node { --"), "\"} -&gt; node { --\"");
    }

    #[test]
    fn wrapping_by_display_width() {
        let lines = wrap("元宇宙让产业互联网得到了复现", 8, 4);
        assert_eq!(lines, vec!["元宇宙让", "产业互联", "网得到了", "复现"]);
        let lines = wrap(&"字".repeat(100), 24, 4);
        assert_eq!(lines.len(), 4);
        assert!(lines[3].ends_with('…'));
        assert_eq!(label("甲乙"), "\"甲乙\"");
    }
}
