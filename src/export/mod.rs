//! Export stage: the stored graph in other formats, one file per format.
//! [`select`] cuts the graph down (one essay, the argument below a root,
//! some relations) before any format sees it.

pub mod aif;
pub mod aif_read;
pub mod argdown;
pub mod argdown_read;
pub mod csv;
pub mod dot;
pub mod graphml;
pub mod html;
pub mod json;
pub mod mermaid;
pub mod render;
pub mod wrap;

use crate::error::Result;
use crate::model::Relation;
use crate::store::{Store, StoredGraph};
use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Dot,
    Svg,
    Png,
    Graphml,
    Aif,
    Mermaid,
    Csv,
    Argdown,
    Html,
}

impl Format {
    pub const ALL: [Format; 10] = [
        Format::Json,
        Format::Dot,
        Format::Svg,
        Format::Png,
        Format::Graphml,
        Format::Aif,
        Format::Mermaid,
        Format::Csv,
        Format::Argdown,
        Format::Html,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Graphml => "graphml",
            Format::Aif => "aif",
            Format::Mermaid => "mermaid",
            Format::Csv => "csv",
            Format::Argdown => "argdown",
            Format::Html => "html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| format!("unknown format '{s}'"))
    }
}

/// The title of an essay in an imported map that gives it none: the map
/// file's name without its extension.
fn map_title(path: &str) -> String {
    std::path::Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("imported")
        .to_owned()
}

/// What part of the graph to export.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub essay: Option<String>,
    /// Only the argument below this claim (what bears on it, recursively)...
    pub root: Option<String>,
    /// ...to this many levels.
    pub depth: usize,
    /// Only these relations (all when empty).
    pub relations: Vec<Relation>,
}

/// The graph cut down to a selection. With a root, the root's essay is read
/// and then only claims within `depth` incoming steps of the root are kept.
pub fn select(store: &Store, sel: &Selection) -> Result<StoredGraph> {
    let essay = match (&sel.root, &sel.essay) {
        (Some(root), essay) => {
            let of_root = store.claim(root)?.essay;
            // Both given: they must agree, or one of them would be ignored.
            if let Some(e) = essay.as_ref().filter(|e| **e != of_root) {
                return Err(crate::error::Error::Usage(format!(
                    "claim {} is not in essay {}: drop --essay, or pick a --root in that essay",
                    crate::model::short_id(root),
                    crate::model::short_id(e)
                )));
            }
            Some(of_root)
        }
        (None, e) => e.clone(),
    };
    let mut g = store.graph(essay.as_deref())?;
    if !sel.relations.is_empty() {
        g.edges.retain(|e| sel.relations.contains(&e.relation));
    }
    if let Some(root) = &sel.root {
        // What bears on each claim, built once: scanning every edge for each
        // visited claim took minutes on a large essay.
        let mut bearing: HashMap<&str, Vec<&str>> = HashMap::new();
        for e in &g.edges {
            bearing
                .entry(e.to.as_str())
                .or_default()
                .push(e.from.as_str());
        }
        let mut keep: HashSet<&str> = HashSet::from([root.as_str()]);
        let mut queue = VecDeque::from([(root.as_str(), 0usize)]);
        while let Some((id, d)) = queue.pop_front() {
            if d >= sel.depth {
                continue;
            }
            for &from in bearing.get(id).map(Vec::as_slice).unwrap_or_default() {
                if keep.insert(from) {
                    queue.push_back((from, d + 1));
                }
            }
        }
        let keep: HashSet<String> = keep.into_iter().map(str::to_owned).collect();
        g.claims.retain(|c| keep.contains(&c.id));
        g.edges
            .retain(|e| keep.contains(&e.from) && keep.contains(&e.to));
    }
    Ok(g)
}

/// Fill and outline of a role's boxes and highlights, the one table of them:
/// the HTML report's `--role` and `--role-edge` colours and the Mermaid
/// export's role classes.
pub fn role_colours(role: crate::model::Role) -> (&'static str, &'static str) {
    use crate::model::Role;
    match role {
        Role::Thesis => ("#fbd3d3", "#c0392b"),
        Role::MainIdea => ("#fde3bf", "#d68910"),
        Role::Evidence => ("#d5efdc", "#1e8449"),
        Role::Elaboration => ("#d6e6f7", "#2e6bb0"),
        Role::Conclusion => ("#e8dcf3", "#7d3c98"),
        Role::Introduction => ("#ececec", "#7f8c8d"),
        Role::Other => ("#f7f7f7", "#b3b3b3"),
    }
}
