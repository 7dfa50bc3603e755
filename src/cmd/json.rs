//! `--json` output: pretty, one document per command, newline-terminated.

use super::emit;
use crate::error::Result;
use serde::Serialize;

pub fn print<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut s = serde_json::to_string_pretty(value).expect("output types serialize");
    s.push('\n');
    emit(&s)
}
