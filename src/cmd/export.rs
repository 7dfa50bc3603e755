use super::emit;
use crate::cli::ExportArgs;
use crate::error::{Error, Result};
use crate::export;
use crate::store::{Store, Table};
use std::path::Path;

pub fn run(db: &Path, args: ExportArgs) -> Result<()> {
    let store = Store::open_existing(db)?;
    let essay = args
        .essay
        .as_deref()
        .map(|e| store.resolve(Table::Essays, e))
        .transpose()?;
    let graph = store.graph(essay.as_deref())?;
    let text = match args
        .format
        .parse::<export::Format>()
        .map_err(Error::Usage)?
    {
        export::Format::Json => export::json::render(&graph),
    };
    match args.output {
        Some(path) => write_atomically(&path, text.as_bytes()),
        None => emit(&text),
    }
}

/// Writes through a temporary file and a rename, so a failed export never
/// leaves a half-written file behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("export"),
        std::process::id()
    ));
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}
