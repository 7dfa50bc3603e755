use super::view::{
    bold, claim_line, dim, paint, relation_style, short, terminal_width, truncate, visible,
};
use super::{emit, json};
use crate::cli::ShowArgs;
use crate::error::Result;
use crate::model::Relation;
use crate::store::{Neighbour, Store, Table};
use std::fmt::Write;
use std::path::Path;

/// Marks a split sentence's first half ends with: a split is always at the
/// start of a clause. (Not ；: sentences end there, each with its own
/// features.)
const CLAUSE_MARKS: [char; 4] = ['，', '：', ',', ':'];

/// Columns before a runner-up's id (`  +1.23  `), and under it its features.
const RUNNER_UP_INDENT: usize = 9;

pub fn run(db: &Path, args: ShowArgs) -> Result<()> {
    let store = Store::open_existing(db)?;
    let id = store.resolve(Table::Claims, &args.id)?;
    let claim = store.claim(&id)?;
    let loc = store.location(&claim)?;
    let before = match claim.ord.checked_sub(1) {
        Some(o) => store.claim_at(&claim.essay, o as i64)?,
        None => None,
    };
    let after = store.claim_at(&claim.essay, claim.ord as i64 + 1)?;
    let neighbours = store.neighbours(&id, &[])?;
    if args.json.json {
        let groups: Vec<serde_json::Value> = neighbours
            .iter()
            .map(|n| {
                serde_json::json!({
                    "group": n.edge.relation.reads_as(n.incoming),
                    "relation": n.edge.relation,
                    "direction": if n.incoming { "in" } else { "out" },
                    "marker": n.edge.marker,
                    "rule": n.edge.rule,
                    "claim": n.claim,
                })
            })
            .collect();
        let mut claim_json = serde_json::to_value(&claim).unwrap_or_default();
        if let Some(w) = claim_json.get_mut("why") {
            if let Some(why) = claim.why.as_ref().filter(|w| w.score.is_some()) {
                w["close_call"] = serde_json::Value::from(why.close_call());
            }
        }
        return json::print_claims(
            &store,
            &serde_json::json!({
                "claim": claim_json,
                "location": loc,
                "context": {"before": before.map(|c| c.text), "after": after.map(|c| c.text)},
                "neighbours": groups,
            }),
        );
    }
    let mut out = String::new();
    // `thesis?` for a thesis the ranker only guessed at, as `list` and
    // `tree` show it.
    let role = claim.role_name();
    let _ = writeln!(out, "{} {} · {role}", bold(&claim.id), claim.kind);
    let _ = writeln!(out, "{}", bold(&visible(&claim.text)));
    // An imported map's stored text is argraph's layout of its claims: a
    // line number there would point at nothing in the map file.
    let place = crate::text::place(
        &crate::text::chars::visible_line(&loc.path),
        &loc.origin,
        loc.line.zip(loc.column),
    );
    let _ = writeln!(
        out,
        "{place}  {}{}{}{}",
        crate::text::chars::book_title(loc.essay_title.as_deref()),
        loc.section_heading
            .as_deref()
            .map(|h| format!(" › {}", visible(h)))
            .unwrap_or_default(),
        if claim.hedged { "  hedged" } else { "" },
        if claim.stance { "  stance" } else { "" },
    );
    let _ = writeln!(out, "\ncontext:");
    if let Some(b) = &before {
        let _ = writeln!(out, "  {}", dim(&visible(&b.text)));
    }
    let _ = writeln!(out, "▶ {}", visible(&claim.text));
    if let Some(a) = &after {
        let _ = writeln!(out, "  {}", dim(&visible(&a.text)));
    }
    render_groups(&mut out, &neighbours);
    if let Some(why) = &claim.why {
        // Floored, as the note on a guess gives it (0.318 is 31%, not 0.32).
        let _ = writeln!(
            out,
            "\nwhy {role} (confidence {}):",
            crate::model::percent_below(why.confidence)
        );
        // A sentence split in two (虽然 A，却 B) has its role features
        // computed once, on the whole sentence: say so, or a half opening
        // with 却 seems to be credited with its sentence's opening 比如.
        let halves = |a: &crate::model::Claim, b: &crate::model::Claim| {
            a.paragraph == b.paragraph && a.text.trim_end().ends_with(CLAUSE_MARKS)
        };
        if before.as_ref().is_some_and(|b| halves(b, &claim))
            || after.as_ref().is_some_and(|a| halves(&claim, a))
        {
            let _ = writeln!(
                out,
                "  {}",
                dim("(half of a sentence: the features are those of the whole sentence)")
            );
        }
        if let Some(rule) = &why.rule {
            let _ = writeln!(out, "  rule: {rule}");
            let _ = writeln!(out, "  the features, weighed for this role:");
        }
        let code_cols = why.features.iter().map(|(f, _)| f.len()).max().unwrap_or(0);
        for (feature, weight) in &why.features {
            let about = crate::extract::features::about(feature);
            let _ = writeln!(out, "  {weight:+.2}  {feature:<code_cols$}  {}", dim(about));
        }
        if let Some(rest) = why.unlisted_share() {
            let _ = writeln!(
                out,
                "  {rest:+.2}  {:<code_cols$}  {}",
                crate::model::UNLISTED_FEATURES.0,
                dim(crate::model::UNLISTED_FEATURES.1)
            );
        }
        // With the role model's view added (the ranker was unsure), the
        // scores are the sums the choice was made on.
        let scored_by = if why
            .features
            .iter()
            .any(|f| f.0 == crate::extract::features::ROLE_MODEL_VIEW)
        {
            "thesis score (ranker and role model)"
        } else {
            "thesis ranker score"
        };
        match why.score {
            Some(score) if why.runners_up.is_empty() => {
                let _ = writeln!(out, "{scored_by} {score:+.2}; no other candidate");
            }
            Some(score) => {
                let _ = writeln!(out, "{scored_by} {score:+.2}; runners-up:");
            }
            None if !why.runners_up.is_empty() => {
                let _ = writeln!(out, "runners-up for the thesis:");
            }
            None => {}
        }
        // A runner-up's row: score, id and as much of its text as the line holds.
        let room = terminal_width().saturating_sub(RUNNER_UP_INDENT + 1 + 12 + 1);
        for (n, (ord, score)) in why.runners_up.iter().enumerate() {
            if let Some(c) = store.claim_at(&claim.essay, *ord as i64)? {
                let _ = writeln!(
                    out,
                    "  {score:+.2}  {} {}",
                    dim(short(&c.id)),
                    truncate(&c.text, room.max(20))
                );
                // Its own weightiest features, to set against the thesis's.
                if let Some(features) = why.runners_up_features.get(n).filter(|f| !f.is_empty()) {
                    let shares: Vec<String> = features
                        .iter()
                        .map(|(f, w)| format!("{w:+.2} {f}"))
                        .collect();
                    let shares = truncate(
                        &shares.join(" · "),
                        terminal_width().saturating_sub(RUNNER_UP_INDENT).max(20),
                    );
                    let _ = writeln!(out, "{:RUNNER_UP_INDENT$}{}", "", dim(&shares));
                }
            }
        }
        if let Some(note) = why.doubt_note() {
            let _ = writeln!(out, "{note}");
        }
    }
    emit(&out)
}

fn render_groups(out: &mut String, neighbours: &[Neighbour]) {
    if neighbours.is_empty() {
        let _ = writeln!(out, "\n(no relations)");
        return;
    }
    for incoming in [true, false] {
        for rel in Relation::ALL {
            let group: Vec<&Neighbour> = neighbours
                .iter()
                .filter(|n| n.incoming == incoming && n.edge.relation == rel)
                .collect();
            if group.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "\n{}:",
                paint(rel.reads_as(incoming), relation_style(rel))
            );
            for n in group {
                // An edge the essay's structure made from the roles
                // (`structure:evidence`) says no more than the roles shown
                // beside it; `--json` keeps the rule's full name.
                let marker = match (&n.edge.marker, n.edge.rule.as_str()) {
                    (Some(m), _) => format!("[{m}] "),
                    (None, "default") => dim("[default] "),
                    (None, rule) if crate::extract::structure::role_of_rule(rule).is_some() => {
                        dim("[structure] ")
                    }
                    (None, rule) => format!("[{rule}] "),
                };
                let _ = writeln!(out, "  {marker}{}", claim_line(&n.claim, 4 + marker.len()));
            }
        }
    }
}
