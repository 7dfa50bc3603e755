//! `--json` output: pretty, one document per command, newline-terminated.

use super::emit;
use crate::error::Result;
use serde::Serialize;

pub fn print<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut s = serde_json::to_string_pretty(value).expect("output types serialize");
    s.push('\n');
    emit(&s)
}

/// `pretty` (a pretty-printed JSON value) moved `levels` levels of two
/// spaces to the right, every line: as an element of an array that is
/// itself printed piece by piece. No line break occurs inside a JSON
/// string, so each line of `pretty` is a line of the value.
pub fn indented(pretty: &str, levels: usize) -> String {
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
