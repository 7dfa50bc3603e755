//! The command line, defined once: every flag's help text lives here, and
//! docs/cli.md follows it.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "argraph",
    version,
    about = "An argument-graph knowledge base for Chinese opinion essays",
    long_about = "argraph reads essays, turns their theses and supporting claims into a graph \
(claims are nodes; supports, attacks, exemplifies, restates and elaborates are edges, each tied \
to the span of text it came from), keeps it in SQLite, and lets you query, export and audit it.",
    after_help = "Start with `argraph demo`, which ingests the bundled seed essays and shows what to try next.\n\
Exit codes: 0 success; 1 the command ran and found problems (some files not ingested); 2 error (bad input, unknown id, database problem)."
)]
pub struct Cli {
    /// The knowledge base file (SQLite). Created by `ingest` if missing.
    #[arg(
        long,
        global = true,
        env = "ARGRAPH_DB",
        default_value = "argraph.db",
        value_name = "PATH"
    )]
    pub db: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read essays (.txt, .md; directories recursively) into the knowledge base.
    ///
    /// Each file becomes a document with its essays, sections, claims, relations and key
    /// terms, saved in one transaction. Re-ingesting an unchanged file does nothing; an
    /// edited file replaces its old graph.
    #[command(
        after_help = "Examples:\n  argraph ingest seeds/\n  argraph ingest --dry-run essay.txt"
    )]
    Ingest(IngestArgs),

    /// Write the graph in another format (json).
    #[command(after_help = "Example:\n  argraph export --format json -o graph.json")]
    Export(ExportArgs),

    /// Counts of documents, essays, sections, claims (by kind) and edges (by relation).
    Stats(JsonFlag),

    /// Ingest the bundled seed essays and print a summary: the quickest look at argraph.
    Demo(DemoArgs),
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or directories to read.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Print what would be extracted (essays, claims, edges with markers and rules)
    /// without writing the database.
    #[arg(long)]
    pub dry_run: bool,

    /// Stop at the first file that fails instead of reporting all failures at the end.
    #[arg(long)]
    pub fail_fast: bool,

    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, short = 'f', default_value = "json", value_parser = ["json"])]
    pub format: String,

    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Only this essay (an id or unique id prefix).
    #[arg(long, value_name = "ID")]
    pub essay: Option<String>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Directory of essays to ingest.
    #[arg(default_value = "seeds", value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, Args, Clone, Copy)]
pub struct JsonFlag {
    /// Print machine-readable JSON (keys documented in docs/cli.md).
    #[arg(long)]
    pub json: bool,
}
