use super::view::{claim_line, dim, glyph, paint, relation_style};
use super::{emit, json};
use crate::cli::TreeArgs;
use crate::error::{Error, Result};
use crate::graph::{self, TreeNode};
use crate::model::Relation;
use crate::store::{Store, Table};
use std::fmt::Write;
use std::path::Path;

pub fn run(db: &Path, args: TreeArgs) -> Result<()> {
    let store = Store::open_existing(db)?;
    let id = store.resolve(Table::Claims, &args.id)?;
    let relations: Vec<Relation> = args
        .relations
        .iter()
        .map(|r| r.parse().map_err(Error::Usage))
        .collect::<Result<_>>()?;
    let tree = graph::tree(&store, &id, args.depth, args.up, &relations)?;
    if args.json.json {
        return json::print(&tree);
    }
    let mut out = String::new();
    // `--depth 0`, or a root whose branches were cut: say so, as below.
    let more = if tree.truncated {
        dim(" (…)")
    } else {
        String::new()
    };
    let _ = writeln!(out, "{}{more}", claim_line(&tree.claim, 0));
    render(&mut out, &tree.children, "");
    emit(&out)
}

fn render(out: &mut String, children: &[TreeNode], prefix: &str) {
    for (i, child) in children.iter().enumerate() {
        let last = i + 1 == children.len();
        let edge = child.edge.as_ref().expect("children have edges");
        let branch = if last { "└─" } else { "├─" };
        let mut tag = paint(glyph(edge.relation), relation_style(edge.relation));
        if let Some(m) = &edge.marker {
            tag.push_str(&dim(&format!(" {m}")));
        }
        let note = if child.cycle {
            dim(" (cycle)")
        } else if child.repeated {
            dim(" (see above)")
        } else if child.truncated {
            dim(" (…)")
        } else {
            String::new()
        };
        let indent = prefix.chars().count() + 5;
        let _ = writeln!(
            out,
            "{prefix}{branch}{tag} {}{note}",
            claim_line(&child.claim, indent)
        );
        let next = format!("{prefix}{}", if last { "   " } else { "│  " });
        render(out, &child.children, &next);
    }
}
