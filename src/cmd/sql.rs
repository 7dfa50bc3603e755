use super::view::{pad, truncate, width};
use super::{emit, json};
use crate::cli::SqlArgs;
use crate::error::Result;
use crate::store::Store;
use std::fmt::Write;
use std::path::Path;

/// Widest column shown in a table on a terminal; longer values end with ….
/// Written to a file or a pipe, values are whole: a script or a saved
/// result must not lose text to the screen's width.
const MAX_COLUMN: usize = 60;

pub fn run(db: &Path, args: SqlArgs) -> Result<()> {
    let store = Store::open_to_read(db)?;
    let (names, rows) = store.read_only_sql(&args.query)?;
    // The table's header names columns as the JSON keys do (`id`, `id:2`).
    let names = column_keys(&names);
    if args.json.json {
        let objects: Vec<Row> = rows.iter().map(|values| Row(&names, values)).collect();
        return json::print(&objects);
    }
    let cut = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|v| match v {
                    serde_json::Value::Null => "NULL".to_owned(),
                    // One line a row either way: line breaks show as spaces
                    // and terminal controls escaped, as in every table.
                    serde_json::Value::String(s) => {
                        truncate(s, if cut { MAX_COLUMN } else { usize::MAX })
                    }
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
    let _ = writeln!(out, "({})", super::view::count(cells.len(), "row"));
    emit(&out)
}

/// The result's columns as the JSON keys and the table's header name them:
/// in SELECT order, a repeated name numbered from its second use on (`id`,
/// `id:2`), so `SELECT * FROM claims JOIN essays …` keeps both tables' `id`
/// instead of one overwriting the other.
fn column_keys(names: &[String]) -> Vec<String> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let taken: std::collections::HashSet<&str> = names.iter().map(String::as_str).collect();
    names
        .iter()
        .map(|n| {
            let count = seen.entry(n).or_insert(0);
            *count += 1;
            if *count == 1 {
                return n.clone();
            }
            // `a:2` could itself be a column's name: take the next free number.
            loop {
                let key = format!("{n}:{count}");
                if !taken.contains(key.as_str()) {
                    return key;
                }
                *count += 1;
            }
        })
        .collect()
}

/// One result row as a JSON object whose keys keep the columns' order
/// (a `serde_json::Map` would sort them).
struct Row<'a>(&'a [String], &'a [serde_json::Value]);

impl serde::Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0.iter().zip(self.1) {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_column_names_are_numbered_and_keep_their_order() {
        let names = ["id", "text", "id", "a:2", "a", "a"].map(String::from);
        assert_eq!(
            column_keys(&names),
            ["id", "text", "id:2", "a:2", "a", "a:3"]
        );
        let values = [1, 2, 3, 4, 5, 6].map(serde_json::Value::from);
        let keys = column_keys(&names);
        assert_eq!(
            serde_json::to_string(&Row(&keys, &values)).unwrap(),
            r#"{"id":1,"text":2,"id:2":3,"a:2":4,"a":5,"a:3":6}"#
        );
    }
}
