//! argraph: an argument-graph knowledge base for opinion essays.
//!
//! Data flows through one module per stage; each takes and returns plain types:
//! `text` (bytes → [`text::Layout`]) → `extract` (layout → [`model::Extraction`])
//! → `store` (SQLite) → `export` (and later `graph`, `audit`) read the stored graph.
//! `ingest` strings the first three together; `cli` and `cmd` are the command line.

pub mod audit;
pub mod cli;
pub mod cmd;
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
