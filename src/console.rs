//! Lines for the person at the terminal, on standard error.

use std::io::Write;

/// One line on stderr. A closed or full stderr (`2>&1 | head`,
/// `2>/dev/full`) is not the command's failure: the line is dropped and the
/// work goes on (`eprintln!` would panic and stop an ingest halfway).
pub fn stderr_line(line: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}
