//! The argument map of one essay as inline SVG, laid out here rather than by
//! Graphviz: the report is then the same bytes on every machine, with or
//! without `dot`, and needs nothing installed.
//!
//! The layout is a tidy tree read left to right, as argument maps are read:
//! the thesis on the left, what bears on a claim in the column to its right,
//! in essay order. The tree is the breadth-first spanning tree of incoming
//! edges from the thesis (then from each claim that bears on nothing, then
//! from whatever a cycle left over); every edge the tree does not use is
//! still drawn, as a curve between its claims. All boxes have one size so
//! that centring a parent on its children can never overlap a neighbour.

use super::escape::{attr, text};
use crate::audit::EssayView;
use crate::model::{ClaimKind, Relation};
use std::collections::VecDeque;
use std::fmt::Write;

pub const NODE_W: f64 = 210.0;
pub const NODE_H: f64 = 64.0;
const COL_GAP: f64 = 70.0;
const ROW_GAP: f64 = 14.0;
const MARGIN: f64 = 16.0;
/// Terminal columns of label per line (a CJK character takes two) and lines
/// per box; the whole text is in the box's tooltip and the side panel.
const LINE_COLUMNS: usize = 26;
const LINES: usize = 3;

/// Where each claim's box goes (top-left corner), and the canvas size.
pub struct Layout {
    pub pos: Vec<(f64, f64)>,
    /// The edge each claim hangs from in the tree, if any.
    pub tree_edge: Vec<Option<usize>>,
    pub width: f64,
    pub height: f64,
}

pub fn layout(v: &EssayView) -> Layout {
    let n = v.claims.len();
    let mut children: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut tree_edge = vec![None; n];
    let mut depth = vec![usize::MAX; n];
    let mut roots = Vec::new();
    let candidates = v
        .major()
        .into_iter()
        .chain((0..n).filter(|&i| v.outgoing[i].is_empty()))
        .chain(0..n);
    for root in candidates {
        if depth[root] != usize::MAX {
            continue;
        }
        roots.push(root);
        depth[root] = 0;
        let mut queue = VecDeque::from([root]);
        while let Some(c) = queue.pop_front() {
            let mut incoming: Vec<usize> = v.incoming[c].clone();
            incoming.sort_by_key(|&k| v.claims[v.from(k)].ord);
            for k in incoming {
                let f = v.from(k);
                if depth[f] == usize::MAX {
                    depth[f] = depth[c] + 1;
                    tree_edge[f] = Some(k);
                    children[c].push((f, k));
                    queue.push_back(f);
                }
            }
        }
    }
    // Rows: leaves take the next row; a parent is centred on its children.
    let mut pos = vec![(0.0, 0.0); n];
    let mut next_row = 0.0;
    let mut max_depth = 0;
    // The first free y in each column.
    let mut free: Vec<f64> = Vec::new();
    for &root in &roots {
        // Iterative post-order, so a 10,000-claim chain cannot overflow the stack.
        let mut stack = vec![(root, false)];
        while let Some((c, done)) = stack.pop() {
            if !done {
                stack.push((c, true));
                for &(child, _) in children[c].iter().rev() {
                    stack.push((child, false));
                }
                continue;
            }
            let d = depth[c];
            max_depth = max_depth.max(d);
            if free.len() <= d {
                free.resize(d + 1, 0.0);
            }
            let wanted = match (children[c].first(), children[c].last()) {
                (Some(&(first, _)), Some(&(last, _))) => {
                    (pos[first].1 + pos[last].1) / 2.0 - MARGIN
                }
                _ => next_row,
            };
            // Centred on its children unless that would overlap the box
            // above it in the column.
            let y = wanted.max(free[d]);
            free[d] = y + NODE_H + ROW_GAP;
            next_row = next_row.max(if children[c].is_empty() {
                free[d]
            } else {
                next_row
            });
            pos[c] = (MARGIN + d as f64 * (NODE_W + COL_GAP), MARGIN + y);
        }
        next_row += ROW_GAP * 2.0;
    }
    Layout {
        pos,
        tree_edge,
        width: 2.0 * MARGIN + (max_depth + 1) as f64 * NODE_W + max_depth as f64 * COL_GAP,
        height: 2.0 * MARGIN + free.iter().copied().fold(next_row, f64::max).max(NODE_H),
    }
}

/// The label lines of a box: the claim's text cut to a few short lines.
fn label_lines(s: &str) -> Vec<String> {
    let text: String = s.chars().filter(|c| !c.is_control()).collect();
    crate::export::wrap::wrap(&text, LINE_COLUMNS, LINES)
}

/// The map's `<svg>`. `scope` keeps marker ids unique when several essays
/// share a page.
pub fn svg(v: &EssayView, scope: &str) -> String {
    let l = layout(v);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w:.0} {h:.0}\" \
         data-width=\"{w:.0}\" data-height=\"{h:.0}\" role=\"img\" aria-label=\"argument map\">",
        w = l.width,
        h = l.height
    );
    out.push_str("<defs>");
    for r in Relation::ALL {
        let _ = write!(
            out,
            "<marker id=\"{scope}-{r}\" class=\"arrow rel-{r}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" \
             markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"{}\"/></marker>",
            match r {
                Relation::Attacks => "M 6 0 L 8 0 L 8 10 L 6 10 z",
                Relation::Exemplifies => "M 0 5 L 5 1 L 10 5 L 5 9 z",
                _ => "M 0 0 L 10 5 L 0 10 z",
            }
        );
    }
    out.push_str("</defs><g class=\"edges\">");
    for (k, e) in v.edges.iter().enumerate() {
        let (Some(&f), Some(&t)) = (v.index.get(&e.from), v.index.get(&e.to)) else {
            continue;
        };
        let (fx, fy) = l.pos[f];
        let (tx, ty) = l.pos[t];
        let (x1, y1) = (fx, fy + NODE_H / 2.0);
        let (x2, y2) = (tx + NODE_W, ty + NODE_H / 2.0);
        let tree = l.tree_edge[f] == Some(k);
        let d = if tree || x1 > x2 {
            let mx = (x1 + x2) / 2.0;
            format!("M{x1:.1} {y1:.1} C{mx:.1} {y1:.1} {mx:.1} {y2:.1} {x2:.1} {y2:.1}")
        } else {
            // Not a tree edge and pointing rightward or up a column: bow out
            // to the right so it does not run through the boxes between.
            let (x1, x2) = (fx + NODE_W, tx + NODE_W);
            let bow = x1.max(x2) + COL_GAP * 0.8;
            format!("M{x1:.1} {y1:.1} C{bow:.1} {y1:.1} {bow:.1} {y2:.1} {x2:.1} {y2:.1}")
        };
        let _ = write!(
            out,
            "<path class=\"edge rel-{r}{default}{extra}\" d=\"{d}\" marker-end=\"url(#{scope}-{r})\" \
             data-from=\"{}\" data-to=\"{}\"><title>{r}{marker}</title></path>",
            attr(&e.from),
            attr(&e.to),
            r = e.relation,
            default = if e.rule == "default" { " default" } else { "" },
            extra = if tree { "" } else { " extra" },
            marker = e
                .marker
                .as_deref()
                .map(|m| format!(" · {}", text(m)))
                .unwrap_or_default(),
        );
    }
    out.push_str("</g><g class=\"nodes\">");
    for (i, c) in v.claims.iter().enumerate() {
        let (x, y) = l.pos[i];
        let lines = label_lines(&c.text);
        let _ = write!(
            out,
            "<g class=\"node role-{role}{hedged}{major}\" data-claim=\"{id}\" data-x=\"{x:.1}\" data-y=\"{y:.1}\" data-w=\"{NODE_W}\" data-h=\"{NODE_H}\" transform=\"translate({x:.1} {y:.1})\">\
             <rect width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"7\"/><text>",
            role = c.role.as_str(),
            hedged = if c.hedged { " hedged" } else { "" },
            major = if c.kind == ClaimKind::MajorClaim { " major" } else { "" },
            id = attr(&c.id),
        );
        let top = (NODE_H - lines.len() as f64 * 17.0) / 2.0 + 13.0;
        for (k, line) in lines.iter().enumerate() {
            let _ = write!(
                out,
                "<tspan x=\"9\" y=\"{:.1}\">{}</tspan>",
                top + k as f64 * 17.0,
                text(line)
            );
        }
        let _ = write!(out, "</text><title>{}</title></g>", text(&c.text));
    }
    out.push_str("</g></svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_cut_to_three_lines_of_bounded_width() {
        let lines = label_lines(&"读书".repeat(40));
        assert_eq!(lines.len(), LINES);
        assert!(lines[2].ends_with('…'));
        for l in &lines {
            let w: usize = l
                .chars()
                .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
                .sum();
            assert!(w <= LINE_COLUMNS + 2, "{l}");
        }
        assert_eq!(label_lines("短句。"), vec!["短句。".to_owned()]);
    }
}
