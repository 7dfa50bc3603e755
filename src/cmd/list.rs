use super::view::{dim, pad, short, terminal_width, truncate, width};
use super::{emit, json};
use crate::cli::ListCommand;
use crate::error::Result;
use crate::store::{Store, Table};
use std::fmt::Write;
use std::path::Path;

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
            let mut out = String::new();
            let _ = writeln!(
                out,
                "{}  {}  sections  claims  edges  document",
                pad("id", crate::model::SHORT_ID_CHARS),
                pad("title", title_cols)
            );
            for e in &essays {
                let title = truncate(e.title.as_deref().unwrap_or("(untitled)"), title_cols);
                let _ = writeln!(
                    out,
                    "{}  {}  {:>8}  {:>6}  {:>5}  {}",
                    dim(short(&e.id)),
                    pad(&title, title_cols),
                    e.sections,
                    e.claims,
                    e.edges,
                    e.document
                );
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
            let (claims, total) =
                store.claims(essay.as_deref(), kind, role, args.hedged, args.limit)?;
            // Said on stderr, so --json output stays one JSON value.
            if total > claims.len() {
                super::say(format!(
                    "{} of {total} claims shown (--limit N to see more, --limit 0 for all)",
                    claims.len()
                ));
            }
            if args.json.json {
                return json::print(&claims);
            }
            let mut out = String::new();
            let room = terminal_width().saturating_sub(39);
            for c in &claims {
                let _ = writeln!(
                    out,
                    "{} {} {} {} {}",
                    dim(short(&c.id)),
                    super::view::kind_label(c.kind),
                    pad(c.role.as_str(), 11),
                    if c.hedged { "?" } else { " " },
                    truncate(&c.text, room)
                );
            }
            emit(&out)
        }
    }
}
