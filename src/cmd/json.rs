//! `--json` output: pretty, one document per command, newline-terminated.

use super::emit;
use crate::error::Result;
use serde::Serialize;

pub fn print<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut s = serde_json::to_string_pretty(value).expect("output types serialize");
    s.push('\n');
    emit(&s)
}

/// A JSON list printed element by element as the elements are made
/// (`audit`'s findings, `ingest --dry-run`'s documents: a base's worth
/// would not fit in memory as one value), laid out byte for byte as
/// `to_string_pretty` lays out the whole list at that depth.
pub struct StreamedList {
    /// How many levels of two spaces the list stands at.
    depth: usize,
    entries: usize,
}

impl StreamedList {
    pub fn new(depth: usize) -> StreamedList {
        StreamedList { depth, entries: 0 }
    }

    /// Prints one element, given pretty-printed at depth 0.
    pub fn push(&mut self, pretty: &str) -> Result<()> {
        let open = if self.entries == 0 { "[\n" } else { ",\n" };
        self.entries += 1;
        emit(&format!("{open}{}", indented(pretty, self.depth + 1)))
    }

    /// Closes the list (no line break after it).
    pub fn finish(self) -> Result<()> {
        if self.entries == 0 {
            emit("[]")
        } else {
            emit(&format!("\n{}]", "  ".repeat(self.depth)))
        }
    }
}

/// `pretty` (a pretty-printed JSON value) moved `levels` levels of two
/// spaces to the right, every line. No line break occurs inside a JSON
/// string, so each line of `pretty` is a line of the value.
fn indented(pretty: &str, levels: usize) -> String {
    let pad = "  ".repeat(levels);
    let mut out = String::with_capacity(pretty.len() + pretty.len() / 8);
    for (i, line) in pretty.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&pad);
        out.push_str(line);
    }
    out
}

/// [`indented`], but the first line left where it is: a value that follows
/// its key on the key's line.
pub fn after_key(pretty: &str, levels: usize) -> String {
    let shifted = indented(pretty, levels);
    shifted.trim_start_matches(' ').to_owned()
}
