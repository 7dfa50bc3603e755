//! argraph: an argument-graph knowledge base for opinion essays.
//!
//! Data flows through one module per stage; each takes and returns plain types:
//! `text` (bytes → [`text::Layout`]) → `extract` (layout → [`model::Extraction`])
//! → `store` (SQLite) → `export` (and later `graph`, `audit`) read the stored graph.
//! `ingest` strings the first three together; `cli` and `cmd` are the command line.

// Output goes through `cmd::emit` (stdout: a closed pipe ends quietly) and
// `console::stderr_line`/`cmd::say` (stderr: a closed one is ignored); the print
// macros panic when the stream is gone.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod audit;
pub mod cli;
pub mod cmd;
pub mod console;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod model;
pub mod nlp;
pub mod store;
pub mod text;

pub use error::{Error, Result};
