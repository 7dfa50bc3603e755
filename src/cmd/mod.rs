//! One file per subcommand: each turns parsed arguments into calls on the
//! library and prints the result.

pub mod audit;
pub mod completions;
pub mod demo;
pub mod export;
pub mod import;
pub mod ingest;
pub mod interrupt;
pub mod json;
pub mod list;
pub mod man;
pub mod path;
pub mod related;
pub mod remove;
pub mod search;
pub mod show;
pub mod sql;
pub mod stats;
pub mod temp_file;
pub mod terms;
pub mod tree;
pub mod view;

use crate::cli::{Cli, Command};
use crate::error::Result;
use std::io::Write;

/// How much the commands say on stderr besides errors: 0 quiet, 1 normal,
/// 2 and up verbose. Set once from the global flags.
static VERBOSITY: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(1);

fn verbosity() -> u8 {
    VERBOSITY.load(std::sync::atomic::Ordering::Relaxed)
}

/// `--verbose` was given.
pub fn verbose() -> bool {
    verbosity() >= 2
}

/// `--quiet` was given.
pub fn quiet() -> bool {
    verbosity() == 0
}

/// A warning, note or summary line on stderr; `--quiet` silences it
/// (errors are not said through here: `console::stderr_line`).
pub fn say(line: impl std::fmt::Display) {
    if !quiet() {
        crate::console::stderr_line(line);
    }
}

pub fn run(cli: Cli) -> Result<()> {
    let level = if cli.quiet { 0 } else { 1 + cli.verbose };
    VERBOSITY.store(level, std::sync::atomic::Ordering::Relaxed);
    let db = cli.db.clone();
    match cli.command {
        Command::Ingest(args) => ingest::run(&cli.db, args),
        Command::Export(args) => export::run(&cli.db, args),
        Command::Import(args) => import::run(&cli.db, args),
        Command::Stats(json) => stats::run(&cli.db, json.json),
        Command::Demo(args) => demo::run(&cli.db, args),
        Command::List(what) => list::run(&cli.db, what),
        Command::Show(args) => show::run(&cli.db, args),
        Command::Tree(args) => tree::run(&cli.db, args),
        Command::Path(args) => path::run(&cli.db, args),
        Command::Search(args) => search::run(&cli.db, args),
        Command::Related(args) => related::run(&cli.db, args),
        Command::Terms(args) => terms::run(&cli.db, args),
        Command::Sql(args) => sql::run(&cli.db, args),
        Command::Audit(args) => audit::run(&cli.db, args),
        Command::Remove(args) => remove::run(&cli.db, args),
        Command::Completions(args) => completions::run(args),
        Command::Man => man::run(),
    }
    .map_err(|e| e.in_database(&db))
}

/// Parses a `--kind` value already checked by clap.
pub fn kind(k: Option<&str>) -> Result<Option<crate::model::ClaimKind>> {
    k.map(|k| k.parse().map_err(crate::Error::Usage))
        .transpose()
}

/// A `--limit`/`--top` as the store takes it: 0 asks for all, and one row
/// more than asked is fetched, so `cut_to` can tell a cut list from a whole.
pub fn limit(n: usize) -> usize {
    if n == 0 {
        u32::MAX as usize
    } else {
        n.saturating_add(1)
    }
}

/// Keeps the first `n` rows (0: all) of rows fetched with `limit(n)`, and
/// returns whether more matched.
pub fn cut_to<T>(rows: &mut Vec<T>, n: usize) -> bool {
    let cut = n != 0 && rows.len() > n;
    if cut {
        rows.truncate(n);
    }
    cut
}

/// Prints a command's rows, then says on stderr when the list was cut: a user
/// shown ten hits would otherwise take them for all there are. After the
/// rows, where a terminal shows it last; on stderr, so `--json` output stays
/// one JSON value.
pub fn then_say_if_cut(printed: Result<()>, cut: bool, n: usize, what: &str) -> Result<()> {
    if cut && printed.is_ok() {
        say(format!(
            "more {what} than the {n} shown (--limit N to see more, --limit 0 for all)"
        ));
    }
    printed
}

/// Writes to stdout, treating a closed pipe (`| head`) as success. Colour
/// codes are stripped unless stdout is a terminal and NO_COLOR is unset.
pub fn emit(text: &str) -> Result<()> {
    let mut out = anstream::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(crate::Error::io("<stdout>", e))
        }
        _ => Ok(()),
    }
}
