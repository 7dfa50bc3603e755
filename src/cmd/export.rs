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
            let texts = store.document_texts(&graph)?;
            export::aif::render(&graph, &texts).into_bytes()
        }
        Format::Argdown => {
            let texts = store.document_texts(&graph)?;
            // document_texts gives one text per distinct path, in essay order.
            let mut seen = std::collections::HashSet::new();
            let paths = graph
                .essays
                .iter()
                .map(|(p, _)| p)
                .filter(|p| seen.insert(*p));
            let texts = paths.cloned().zip(texts).collect();
            export::argdown::render(&graph, &texts).into_bytes()
        }
    };
    match args.output {
        Some(path) => write_atomically(&path, &bytes),
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
