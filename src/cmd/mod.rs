//! One file per subcommand: each turns parsed arguments into calls on the
//! library and prints the result.

pub mod demo;
pub mod export;
pub mod ingest;
pub mod stats;

use crate::cli::{Cli, Command};
use crate::error::Result;
use std::io::Write;

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Ingest(args) => ingest::run(&cli.db, args),
        Command::Export(args) => export::run(&cli.db, args),
        Command::Stats(json) => stats::run(&cli.db, json.json),
        Command::Demo(args) => demo::run(&cli.db, args),
    }
}

/// Writes to stdout, treating a closed pipe (`| head`) as success.
pub fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(crate::Error::io("<stdout>", e))
        }
        _ => Ok(()),
    }
}
