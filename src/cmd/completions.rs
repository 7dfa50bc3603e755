//! `argraph completions SHELL`: a completion script built from the flag
//! definitions in cli.rs, so it never disagrees with `--help`.

use super::emit;
use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;
use clap::CommandFactory;

pub fn run(args: CompletionsArgs) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "argraph", &mut out);
    emit(&String::from_utf8_lossy(&out))
}
