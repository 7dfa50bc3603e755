//! `argraph man`: the manual page in roff, built from the flag definitions
//! in cli.rs — the main page, then one page per command.

use super::emit;
use crate::cli::Cli;
use crate::error::Result;
use clap::CommandFactory;

pub fn run() -> Result<()> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .and_then(|_| {
            Cli::command().get_subcommands().try_for_each(|sub| {
                clap_mangen::Man::new(
                    sub.clone()
                        .display_name(format!("argraph-{}", sub.get_name()))
                        .version(env!("CARGO_PKG_VERSION")),
                )
                .render(&mut out)
            })
        })
        .map_err(|e| crate::Error::io("<man page>", e))?;
    emit(&String::from_utf8_lossy(&out))
}
