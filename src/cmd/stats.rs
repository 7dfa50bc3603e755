use super::emit;
use crate::error::Result;
use crate::store::{Stats, Store};
use std::fmt::Write;
use std::path::Path;

pub fn run(db: &Path, json: bool) -> Result<()> {
    let store = Store::open_existing(db)?;
    let mut stats = store.stats()?;
    mark_shipped(&mut stats);
    if json {
        let mut s = serde_json::to_string_pretty(&stats).expect("stats serialize");
        s.push('\n');
        return emit(&s);
    }
    emit(&render(&stats))
}

pub fn render(s: &Stats) -> String {
    let mut out = String::new();
    // The JSON has every key; the text names what the base holds.
    let kinds: Vec<String> = s
        .claims_by_kind
        .iter()
        .filter(|(_, &n)| n > 0)
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    // In the order an essay's parts come (introduction … conclusion).
    let roles: Vec<String> = crate::model::Role::ALL
        .iter()
        .filter_map(|r| s.claims_by_role.get(r.as_str()).map(|n| (r.as_str(), n)))
        .filter(|(_, &n)| n > 0)
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let rels: Vec<String> = s
        .edges_by_relation
        .iter()
        .filter(|(_, &n)| n > 0)
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let _ = writeln!(
        out,
        "documents  {}{}",
        s.documents,
        match s.copies {
            0 => String::new(),
            1 => " (and 1 file recorded as a copy of one)".to_owned(),
            n => format!(" (and {n} files recorded as copies)"),
        }
    );
    let _ = writeln!(out, "essays     {}", s.essays);
    let _ = writeln!(out, "sections   {}", s.sections);
    let _ = writeln!(
        out,
        "claims     {}{}",
        s.claims,
        breakdown(&kinds, s.hedged, "hedged")
    );
    if !roles.is_empty() {
        let _ = writeln!(out, "roles      {}", roles.join(", "));
    }
    let _ = writeln!(
        out,
        "edges      {}{}",
        s.edges,
        breakdown(&rels, s.default_edges, "default")
    );
    let _ = writeln!(out, "terms      {}", s.terms);
    // Only where a model read the documents: an old base or a base of
    // imported maps has nothing to say here.
    if s.role_weights.iter().any(|w| w.id.is_some()) {
        let parts: Vec<String> = s
            .role_weights
            .iter()
            .map(|w| {
                let whose = match (&w.id, w.shipped) {
                    (Some(id), true) => format!("shipped ({id})"),
                    (Some(id), false) => format!("other ({id})"),
                    (None, _) => "unknown or none".to_owned(),
                };
                format!("{} {whose}", w.documents)
            })
            .collect();
        let _ = writeln!(out, "weights    {}", parts.join(", "));
    }
    out
}

/// Marks the role weights this argraph ships among a base's.
pub fn mark_shipped(s: &mut Stats) {
    let shipped = crate::extract::roles::shipped_weights_id();
    for w in &mut s.role_weights {
        w.shipped = w.id.as_deref() == Some(shipped);
    }
}

/// " (3 claim, 1 premise; 2 hedged)", or nothing for an empty base.
fn breakdown(parts: &[String], flagged: i64, what: &str) -> String {
    if parts.is_empty() {
        return String::new();
    }
    format!(" ({}; {flagged} {what})", parts.join(", "))
}
