use super::view::{dim, pad, short, terminal_width, truncate, truncate_start, width};
use super::{emit, json};
use crate::cli::ListCommand;
use crate::error::Result;
use crate::store::{Store, Table};
use std::fmt::Write;
use std::path::Path;

/// Claims `list claims` shows on a terminal unless told otherwise.
const LIST_CLAIMS_SHOWN: usize = 200;

pub fn run(db: &Path, what: ListCommand) -> Result<()> {
    let store = Store::open_existing(db)?;
    match what {
        ListCommand::Essays(flag) => {
            let essays = store.essays()?;
            if flag.json {
                return json::print(&essays);
            }
            let title_cols = essays
                .iter()
                .map(|e| width(e.title.as_deref().unwrap_or("(untitled)")))
                .max()
                .unwrap_or(5)
                .min(40);
            // id, counts and the gaps take 41 columns; title and document
            // share the rest, each whole where both fit.
            let room = terminal_width().saturating_sub(41);
            // A path is shown as `copy:` lines and the other commands show
            // it: a control character in it as its code (nl⟨U+000A⟩name.txt).
            let documents: Vec<String> = essays
                .iter()
                .map(|e| crate::text::chars::visible_line(&e.document).into_owned())
                .collect();
            let document_max = documents.iter().map(|d| width(d)).max().unwrap_or(8);
            let title_cols = if title_cols + document_max <= room {
                title_cols
            } else {
                title_cols.min((room / 2).max(room.saturating_sub(document_max)).max(8))
            };
            let document_cols = room.saturating_sub(title_cols).max(12);
            let mut out = String::new();
            let _ = writeln!(
                out,
                "{}  {}  sections  claims  edges  document",
                pad("id", crate::model::SHORT_ID_CHARS),
                pad("title", title_cols)
            );
            for (e, document) in essays.iter().zip(&documents) {
                let title = truncate(e.title.as_deref().unwrap_or("(untitled)"), title_cols);
                let _ = writeln!(
                    out,
                    "{}  {}  {:>8}  {:>6}  {:>5}  {}",
                    dim(short(&e.id)),
                    pad(&title, title_cols),
                    e.sections,
                    e.claims,
                    e.edges,
                    truncate_start(document, document_cols)
                );
            }
            // Copies under the table: a file left out of the rows because
            // its content is another's is still a file the base was given.
            for e in &essays {
                for copy in &e.copies {
                    let _ = writeln!(
                        out,
                        "copy: {} repeats {}",
                        crate::text::chars::visible_line(copy),
                        crate::text::chars::visible_line(&e.document)
                    );
                }
            }
            emit(&out)
        }
        ListCommand::Claims(args) => {
            let essay = store.resolve_optional(Table::Essays, args.essay.as_deref())?;
            let kind = super::kind(args.kind.as_deref())?;
            let role = args
                .role
                .as_deref()
                .map(|r| r.parse::<crate::model::Role>().map_err(crate::Error::Usage))
                .transpose()?;
            // A script reading --json gets every claim unless it asks for
            // fewer: a cut it does not see (the note is on stderr) would
            // pass for the whole.
            let limit = args
                .limit
                .unwrap_or(if args.json.json { 0 } else { LIST_CLAIMS_SHOWN });
            let (claims, total) = store.claims(essay.as_deref(), kind, role, args.hedged, limit)?;
            if let (true, Some(k), Some(r)) = (claims.is_empty(), kind, role) {
                if r.kind() != k {
                    super::say(format!(
                        "no claim matches: claims with role {} are of kind {}, not {}; drop --kind or --role",
                        r.as_str(),
                        r.kind().as_str(),
                        k.as_str()
                    ));
                }
            }
            let printed = if args.json.json {
                json::print_claim_list(&store, &claims)
            } else {
                let mut out = String::new();
                // The row every command draws a claim with (`tree`, `show`,
                // `path`, `related`): the same columns in the same places.
                for c in &claims {
                    let _ = writeln!(out, "{}", super::view::claim_line(c, 0));
                }
                emit(&out)
            };
            // After the rows, where a terminal shows it last; on stderr, so
            // --json output stays one JSON value.
            if total > claims.len() && printed.is_ok() {
                super::say(format!(
                    "{} of {total} claims shown (--limit N to see more, --limit 0 for all)",
                    claims.len()
                ));
            }
            printed
        }
    }
}
