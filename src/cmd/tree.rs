use super::view::{claim_line, dim, glyph, paint, relation_style, visible, width};
use super::{emit, json};
use crate::cli::TreeArgs;
use crate::error::{Error, Result};
use crate::graph::{self, TreeNode};
use crate::model::Relation;
use crate::store::{Store, Table};
use std::fmt::Write;
use std::path::Path;

/// The note on a claim whose branches are past `--depth`.
const MORE: &str = " (more: --depth)";

/// The walk, the drawing and the JSON all go a call deeper each level: a
/// stack of this size holds [`crate::cli::MAX_TREE_DEPTH`] levels with room
/// to spare in any build (the main thread's 8 MB overflowed past ~4,000 in
/// a release build). Only the pages used are ever committed.
const STACK_BYTES: usize = 256 << 20;

pub fn run(db: &Path, args: TreeArgs) -> Result<()> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("tree".into())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || draw(db, args))
            .map_err(|e| Error::io("<thread>", e))?
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

fn draw(db: &Path, args: TreeArgs) -> Result<()> {
    let store = Store::open_existing(db)?;
    let id = root(&store, &args.id)?;
    let relations: Vec<Relation> = args
        .relations
        .iter()
        .map(|r| r.parse().map_err(Error::Usage))
        .collect::<Result<_>>()?;
    let tree = graph::tree(&store, &id, args.depth, args.up, &relations)?;
    if args.json.json {
        return json::print_claims(&store, &tree);
    }
    let mut out = String::new();
    // `--depth 0`, or a root whose branches were cut: say so, as below.
    let (more, used) = if tree.truncated {
        (dim(MORE), width(MORE))
    } else {
        (String::new(), 0)
    };
    // The note takes its room from the text, as on every row below.
    let _ = writeln!(out, "{}{more}", claim_line(&tree.claim, used));
    render(&mut out, &tree.children, "");
    emit(&out)
}

/// The claim a tree grows from: the claim `prefix` names, or, for an
/// essay's id, that essay's thesis (its first major claim).
fn root(store: &Store, prefix: &str) -> Result<String> {
    // Only an id no claim has may name an essay: an ambiguous claim prefix
    // stays an error (every claim id opens with its document's).
    let not_a_claim = match store.resolve(Table::Claims, prefix) {
        Ok(id) => return Ok(id),
        Err(e @ Error::AmbiguousId { .. }) => return Err(e),
        Err(e) => e,
    };
    let Ok(essay) = store.resolve(Table::Essays, prefix) else {
        return Err(not_a_claim);
    };
    store.major_claim_of(&essay)?.ok_or_else(|| {
        Error::Usage(format!(
            "essay '{prefix}' has no thesis to grow a tree from; its claims: `argraph list claims --essay {prefix}`"
        ))
    })
}

fn render(out: &mut String, children: &[TreeNode], prefix: &str) {
    for (i, child) in children.iter().enumerate() {
        let last = i + 1 == children.len();
        let edge = child.edge.as_ref().expect("children have edges");
        let branch = if last { "└─" } else { "├─" };
        let tag = paint(glyph(edge.relation), relation_style(edge.relation));
        // The marker closes the row, so the id, kind and role columns stay
        // in line with the unmarked siblings'.
        let marker = edge
            .marker
            .as_ref()
            .map(|m| format!(" [{}]", visible(m)))
            .unwrap_or_default();
        let note = if child.cycle {
            " (cycle)"
        } else if child.repeated {
            " (see above)"
        } else if child.truncated {
            MORE
        } else {
            ""
        };
        // The claim's text gets what the line has left after the branch,
        // the relation's sign, the marker (two columns a CJK character) and
        // the note: a row never runs past the terminal.
        let indent = width(prefix) + width(branch) + width(glyph(edge.relation)) + 1;
        let used = indent + width(&marker) + width(note);
        let _ = writeln!(
            out,
            "{prefix}{branch}{tag} {}{}{}",
            claim_line(&child.claim, used),
            dim(&marker),
            dim(note)
        );
        let next = format!("{prefix}{}", if last { "   " } else { "│  " });
        render(out, &child.children, &next);
    }
}
