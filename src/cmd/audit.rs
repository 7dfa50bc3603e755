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
    let essay = store.resolve_optional(Table::Essays, args.essay.as_deref())?;
    let json = args.format == "json" || args.json.json;
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    // Findings are written as each essay is audited; only the summaries wait.
    let mut summaries = Vec::new();
    let mut counts = [0usize; 3];
    let mut denied = 0;
    // --quiet: the error findings alone, without the summaries; the JSON
    // output is for scripts and stays whole.
    let quiet = super::quiet() && !json;
    let mut findings = if json {
        emit("{\n  \"findings\": ")?;
        Some(super::json::StreamedList::new(1))
    } else {
        None
    };
    audit::audit_each(&store, essay.as_deref(), &args.allow, |v, a| {
        let text = report::EssayText::new(v, super::view::terminal_width());
        for f in &a.findings {
            if let Some(list) = &mut findings {
                list.push(&report::finding_json(v, f))?;
            } else if !quiet || f.severity == Severity::Error {
                emit(&format!("{}\n", report::render_finding(v, &text, f, color)))?;
            }
            counts[f.severity as usize] += 1;
            if f.severity >= deny {
                denied += 1;
            }
        }
        summaries.push((a.summary.clone(), !a.findings.is_empty()));
        Ok(())
    })?;
    if let Some(list) = findings {
        list.finish()?;
        let summaries: Vec<_> = summaries.into_iter().map(|(s, _)| s).collect();
        emit(&report::json_tail(&summaries, counts))?;
    } else if !quiet {
        emit(&report::render_tail(&summaries, counts))?;
    }
    if denied > 0 {
        return Err(Error::Problems(format!(
            "{denied} finding(s) at severity {} or worse",
            deny.as_str()
        )));
    }
    Ok(())
}
