use crate::cli::ExportArgs;
use crate::error::{Error, Result};
use crate::export::{self, dot::RankDir, Format, Selection};
use crate::model::Relation;
use crate::store::{Store, Table};
use std::path::Path;

pub fn run(db: &Path, args: ExportArgs) -> Result<()> {
    let store = Store::open_existing(db)?;
    let format: Format = args.format.parse().map_err(Error::Usage)?;
    let selection = Selection {
        essay: store.resolve_optional(Table::Essays, args.essay.as_deref())?,
        root: store.resolve_optional(Table::Claims, args.root.as_deref())?,
        depth: args.depth,
        relations: args
            .relations
            .iter()
            .map(|r| r.parse::<Relation>().map_err(Error::Usage))
            .collect::<Result<_>>()?,
    };
    let graph = export::select(&store, &selection)?;
    let rankdir = RankDir::parse(&args.rankdir)
        .ok_or_else(|| Error::Usage(format!("unknown --rankdir {}", args.rankdir)))?;
    if format == Format::Csv {
        let dir = args.output.as_deref().ok_or_else(|| {
            Error::Usage("--format csv writes two files (claims.csv, relations.csv): name a directory with -o DIR".to_owned())
        })?;
        return export::csv::write(&graph, dir);
    }
    let bytes: Vec<u8> = match format {
        Format::Json => export::json::render(&graph).into_bytes(),
        Format::Dot => export::dot::render(&graph, rankdir).into_bytes(),
        Format::Svg | Format::Png => {
            let (out, warnings) =
                export::render::render(&export::dot::render(&graph, rankdir), format.name())?;
            for w in warnings.lines().filter(|l| !l.trim().is_empty()) {
                eprintln!("warning: dot: {w}");
            }
            out
        }
        Format::Graphml => export::graphml::render(&graph).into_bytes(),
        Format::Mermaid => export::mermaid::render(&graph).into_bytes(),
        Format::Csv => unreachable!("written above"),
        Format::Aif => {
            let texts: Vec<String> = store
                .document_texts(&graph)?
                .into_iter()
                .map(|(_, text)| text)
                .collect();
            export::aif::render(&graph, &texts).into_bytes()
        }
        Format::Argdown => {
            let texts = store.document_texts(&graph)?.into_iter().collect();
            export::argdown::render(&graph, &texts).into_bytes()
        }
    };
    // `-o -` is standard output, as everywhere else.
    let output = args.output.filter(|p| p.as_os_str() != "-");
    match output {
        Some(path) => write_output(&path, &bytes),
        None if format == Format::Png && std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            Err(Error::Usage(
                "PNG is binary: write it to a file with -o FILE (or redirect stdout)".to_owned(),
            ))
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            match out.write_all(&bytes).and_then(|_| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(Error::io("<stdout>", e))
                }
                _ => Ok(()),
            }
        }
    }
}

/// Writes an export to `path` as users expect of `-o`: a symbolic link is
/// followed (its target is written, the link stays); a device, FIFO or
/// socket is written through, never replaced (`-o /dev/null` run as root
/// once turned /dev/null into a regular file); a regular file is replaced
/// atomically — a temporary file beside it and a rename, so a failed export
/// never leaves half a file — and keeps its permissions.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let target = match std::fs::canonicalize(path) {
        Ok(t) => t,
        // A new file (or a dangling link's target): written where named.
        Err(_) => {
            let target = std::fs::read_link(path)
                .map(|t| match path.parent() {
                    Some(dir) if t.is_relative() => dir.join(t),
                    _ => t,
                })
                .unwrap_or_else(|_| path.to_owned());
            return write_atomically(&target, bytes, None);
        }
    };
    let meta = std::fs::metadata(&target).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a directory; name a file with -o FILE",
            path.display()
        )));
    }
    if !meta.is_file() {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .map_err(|e| Error::io(path, e))?;
        return f
            .write_all(bytes)
            .and_then(|_| f.flush())
            .map_err(|e| Error::io(path, e));
    }
    write_atomically(&target, bytes, Some(meta.permissions()))
}

/// Writes through a temporary file and a rename, so a failed export never
/// leaves a half-written file behind; `keep` is the replaced file's mode.
fn write_atomically(path: &Path, bytes: &[u8], keep: Option<std::fs::Permissions>) -> Result<()> {
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
    let written = std::fs::write(&tmp, bytes).and_then(|_| match keep {
        Some(mode) => std::fs::set_permissions(&tmp, mode),
        None => Ok(()),
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(&tmp, e));
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}
