//! The thin binary: parse arguments, run the command, map errors to exit codes.

use clap::Parser;

// jemalloc: the same peak memory as the system allocator and 15% less CPU
// on a large ingest (docs/performance.md, "The eighth round").
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    // Set but empty is unset, as for ARGRAPH_ROLE_WEIGHTS (clap blamed an
    // empty value on a --db nobody gave). Done before any other thread runs.
    if std::env::var_os("ARGRAPH_DB").is_some_and(|v| v.is_empty()) {
        std::env::remove_var("ARGRAPH_DB");
    }
    let args = argraph::cli::hyphen_words_as_values(std::env::args_os().collect());
    let cli = match argraph::cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to standard output: a full one is an
            // error there, as for every command (clap's own exit ignored it).
            let printed = e
                .print()
                .and_then(|()| std::io::Write::flush(&mut std::io::stdout()));
            match printed {
                // A reader that stops early (`| head`) is not an error.
                Err(io) if e.exit_code() == 0 && io.kind() != std::io::ErrorKind::BrokenPipe => {
                    let err = argraph::error::Error::io("<stdout>", io);
                    argraph::console::stderr_line(format_args!("error: {err}"));
                    std::process::exit(err.exit_code());
                }
                _ => std::process::exit(e.exit_code()),
            }
        }
    };
    if let Err(e) = argraph::cmd::run(cli) {
        // Problems were reported in full already; the summary line closes the report.
        argraph::console::stderr_line(format_args!("error: {e}"));
        std::process::exit(e.exit_code());
    }
}
