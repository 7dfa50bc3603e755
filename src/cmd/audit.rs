use super::emit;
use crate::audit::{self, report, Severity, RULES};
use crate::cli::AuditArgs;
use crate::error::{Error, Result};
use crate::store::{Store, Table};
use std::io::IsTerminal;
use std::path::Path;

pub fn run(db: &Path, args: AuditArgs) -> Result<()> {
    for rule in &args.allow {
        if !RULES.iter().any(|r| r.code == rule) {
            let known: Vec<&str> = RULES.iter().map(|r| r.code).collect();
            return Err(Error::Usage(format!(
                "unknown rule '{rule}' in --allow; rules: {}",
                known.join(", ")
            )));
        }
    }
    let deny = match args.deny.trim_end_matches('s') {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        _ => Severity::Note,
    };
    let store = Store::open_existing(db)?;
    let essay = args
        .essay
        .as_deref()
        .map(|e| store.resolve(Table::Essays, e))
        .transpose()?;
    let audits = audit::audit(&store, essay.as_deref(), &args.allow)?;
    if args.format == "json" {
        emit(&report::render_json(&audits))?;
    } else {
        let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        emit(&report::render_text(&audits, color))?;
    }
    let denied = audits
        .iter()
        .flat_map(|(_, a)| &a.findings)
        .filter(|f| f.severity >= deny)
        .count();
    if denied > 0 {
        return Err(Error::Problems(format!(
            "{denied} finding(s) at severity {} or worse",
            deny.as_str()
        )));
    }
    Ok(())
}
