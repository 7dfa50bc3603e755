use super::view::{pad, truncate, width};
use super::{emit, json};
use crate::cli::SqlArgs;
use crate::error::Result;
use crate::store::Store;
use std::fmt::Write;
use std::path::Path;

/// Widest column shown in a table; longer values end with …
const MAX_COLUMN: usize = 60;

pub fn run(db: &Path, args: SqlArgs) -> Result<()> {
    let store = Store::open_to_read(db)?;
    let (names, rows) = store.read_only_sql(&args.query)?;
    if args.json.json {
        let objects: Vec<serde_json::Map<String, serde_json::Value>> = rows
            .into_iter()
            .map(|r| names.iter().cloned().zip(r).collect())
            .collect();
        return json::print(&objects);
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|v| match v {
                    serde_json::Value::Null => "NULL".to_owned(),
                    serde_json::Value::String(s) => truncate(s, MAX_COLUMN),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let widths: Vec<usize> = (0..names.len())
        .map(|i| {
            cells
                .iter()
                .map(|r| width(&r[i]))
                .chain([width(&names[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let line = |cols: &[String]| -> String {
        cols.iter()
            .zip(&widths)
            .map(|(c, w)| pad(c, *w))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    let _ = writeln!(out, "{}", line(&names));
    for r in &cells {
        let _ = writeln!(out, "{}", line(r));
    }
    let _ = writeln!(out, "({} rows)", cells.len());
    emit(&out)
}
