use crate::audit::EssayView;
use crate::cli::ExportArgs;
use crate::error::{Error, Result};
use crate::export::{self, dot::RankDir, Format, Selection};
use crate::model::{Claim, Edge, Relation};
use crate::store::{Store, StoredGraph, Table};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Claims past which an SVG or PNG drawing gets a note that it will be slow.
pub const LARGE_DRAWING_CLAIMS: usize = 1000;
pub fn run(db: &Path, args: ExportArgs) -> Result<()> {
    let store = Store::open_existing(db)?;
    let format: Format = args.format.parse().map_err(Error::Usage)?;
    if args.with_text && format != Format::Json {
        return Err(Error::Usage(format!(
            "--with-text adds the documents' texts to the JSON export; --format {} has no place for them (the HTML report already shows each essay's text)",
            format.name()
        )));
    }
    // The graph, and the texts some formats add, from one view of the base.
    let _snapshot = store.snapshot()?;
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
    // `-o -` is standard output, as everywhere else.
    let output = args.output.as_deref().filter(|p| p.as_os_str() != "-");
    let base = TheBase::of(db);
    if let Some(out) = output {
        base.refuse(out)?;
    }
    if format == Format::Csv {
        let dir = output.ok_or_else(|| {
            Error::Usage("--format csv writes two files (claims.csv, relations.csv), not one stream: name a directory with -o DIR".to_owned())
        })?;
        if !dir.is_dir()
            && dir
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        {
            return Err(Error::Usage(format!(
                "--format csv writes two files (claims.csv, relations.csv) into a directory, and {} looks like a file name: name a directory with -o DIR",
                dir.display()
            )));
        }
        csv_directory(dir)?;
        for name in [export::csv::NODES, export::csv::EDGES] {
            base.refuse(&dir.join(name))?;
        }
        return export::csv::write(&graph, dir);
    }
    if format == Format::Html {
        return html(&store, graph, output, &base);
    }
    let bytes: Vec<u8> = match format {
        Format::Json => {
            let texts = match args.with_text {
                true => Some(store.document_texts(&graph)?),
                false => None,
            };
            export::json::render(&graph, texts.as_deref()).into_bytes()
        }
        Format::Dot => export::dot::render(&graph, rankdir).into_bytes(),
        Format::Svg | Format::Png => {
            // Graphviz lays a class's map out for tens of seconds with
            // nothing to show meanwhile, and the picture is too big to read.
            if graph.claims.len() > LARGE_DRAWING_CLAIMS {
                super::say(format!(
                    "note: drawing {} claims of {} with Graphviz; a map this large takes a while and is hard to read (`--essay ID` draws one essay, `--format html` shows each beside its text)",
                    graph.claims.len(),
                    super::view::count(graph.essays.len(), "essay"),
                ));
            }
            let (out, warnings) =
                export::render::render(&export::dot::render(&graph, rankdir), format.name())?;
            for w in warnings.lines().filter(|l| !l.trim().is_empty()) {
                // dot heads its own lines `dot: …` or `Warning: …`.
                let w = w.strip_prefix("dot: ").unwrap_or(w);
                let w = w.strip_prefix("Warning: ").unwrap_or(w);
                super::say(format!("warning: dot: {w}"));
            }
            out
        }
        Format::Graphml => export::graphml::render(&graph).into_bytes(),
        Format::Mermaid => {
            // Mermaid's renderers refuse or crawl on large charts (its
            // default limit is 50,000 characters of text).
            if graph.claims.len() > LARGE_DRAWING_CLAIMS {
                super::say(format!(
                    "note: a Mermaid chart of {} claims of {}; most renderers refuse or crawl on one this large (`--essay ID` charts one essay)",
                    graph.claims.len(),
                    super::view::count(graph.essays.len(), "essay"),
                ));
            }
            export::mermaid::render(&graph).into_bytes()
        }
        Format::Csv | Format::Html => unreachable!("written above"),
        Format::Aif => {
            // Streamed to its destination: the map can be larger than memory
            // should hold twice.
            let texts: Vec<String> = store
                .document_texts(&graph)?
                .into_iter()
                .map(|d| d.text)
                .collect();
            // Flushed here, so a failed last write (a full disk) is an error,
            // not a short file renamed into place.
            let write = |w: &mut dyn std::io::Write| {
                let mut buffered = std::io::BufWriter::new(w);
                export::aif::write(&graph, &texts, &mut buffered)?;
                buffered.flush()
            };
            return match output {
                Some(path) => write_output_with(path, write),
                None => to_stdout_with(write),
            };
        }
        Format::Argdown => {
            // A claim's `source` line is read from its document's text; an
            // imported map's stored text is no file's, so it gives none.
            let texts = store
                .document_texts(&graph)?
                .into_iter()
                .filter(|d| !crate::text::is_imported_origin(&d.origin))
                .map(|d| (d.path, d.text))
                .collect();
            export::argdown::render(&graph, &texts).into_bytes()
        }
    };
    match output {
        Some(path) => write_output(path, &bytes),
        None if format == Format::Png && std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            Err(Error::Usage(
                "PNG is binary: write it to a file with -o FILE (or redirect stdout)".to_owned(),
            ))
        }
        None => to_stdout(&bytes),
    }
}

/// `--format csv -o DIR`: a directory, or a new one in a directory that is
/// there, as every other format's `-o` (a file there, or a link to nothing,
/// made `File exists (os error 17)`; missing parents were made).
fn csv_directory(dir: &Path) -> Result<()> {
    if !dir.exists() && dir.symlink_metadata().is_ok() {
        return Err(Error::Usage(format!(
            "{} is a symbolic link to nothing; --format csv writes into a directory: name one with -o DIR",
            dir.display()
        )));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a file, and --format csv writes two files (claims.csv, relations.csv) into a directory: name a directory with -o DIR",
            dir.display()
        )));
    }
    if !dir.exists() {
        existing_parent(dir)?;
    }
    Ok(())
}

/// The directory `-o PATH` is made in, which must be there: `-o` makes no
/// missing parents.
fn existing_parent(path: &Path) -> Result<&Path> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(Error::input(
            path,
            format!(
                "the directory {} does not exist; create it first or name another -o",
                crate::text::chars::visible_line(&dir.display().to_string())
            ),
        ));
    }
    Ok(dir)
}

/// The HTML report: one file (to `output`, or standard output when None), or
/// with `-o DIR/` (or an existing directory) an index and a page per essay.
fn html(store: &Store, graph: StoredGraph, output: Option<&Path>, base: &TheBase) -> Result<()> {
    let texts: HashMap<String, (String, String)> = store
        .document_texts(&graph)?
        .into_iter()
        .map(|d| (d.path, (d.text, d.origin)))
        .collect();
    let mut claims: HashMap<String, Vec<Claim>> = HashMap::new();
    for c in graph.claims {
        claims.entry(c.essay.clone()).or_default().push(c);
    }
    let mut edges: HashMap<String, Vec<Edge>> = HashMap::new();
    let essay_of: HashMap<&str, &str> = claims
        .iter()
        .flat_map(|(e, cs)| cs.iter().map(move |c| (c.id.as_str(), e.as_str())))
        .collect();
    for e in graph.edges {
        // An essay's view holds only edges between its own claims.
        let (Some(essay), Some(to)) = (essay_of.get(e.from.as_str()), essay_of.get(e.to.as_str()))
        else {
            continue;
        };
        if essay == to {
            edges.entry((*essay).to_owned()).or_default().push(e);
        }
    }
    let reports: Vec<export::html::EssayReport> = graph
        .essays
        .into_iter()
        .map(|(path, essay)| {
            let (text, origin) = texts.get(&path).cloned().unwrap_or_default();
            let view = EssayView::new(
                path,
                origin,
                text,
                essay.clone(),
                claims.remove(&essay.id).unwrap_or_default(),
                edges.remove(&essay.id).unwrap_or_default(),
            );
            let audit = crate::audit::audit_essay(&view, &[]);
            export::html::EssayReport { view, audit }
        })
        .collect();
    let to_dir = output.is_some_and(|p| p.is_dir() || names_directory(p));
    match output {
        Some(dir) if to_dir => {
            base.refuse_pages_in(dir)?;
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            export::html::pages(&reports, |name, page| {
                let path = dir.join(name);
                base.refuse(&path)?;
                write_output(&path, page.as_bytes())
            })
        }
        Some(path) => write_output(path, export::html::single(&reports).as_bytes()),
        None => to_stdout(export::html::single(&reports).as_bytes()),
    }
}

/// The files of the knowledge base an export must never replace: the
/// database and SQLite's files beside it. `-o argraph.db` renamed the export
/// over the open base and lost it, however the path was spelled (`./`, a
/// link, an absolute path).
struct TheBase(Vec<PathBuf>);

impl TheBase {
    fn of(db: &Path) -> TheBase {
        let Some(db) = resolved(db) else {
            return TheBase(Vec::new());
        };
        let with = |suffix: &str| {
            let mut p = db.clone().into_os_string();
            p.push(suffix);
            PathBuf::from(p)
        };
        TheBase(vec![with("-wal"), with("-shm"), with("-journal"), db])
    }

    /// Would a page of the HTML report (`index.html`, `ID.html`) written
    /// into `dir` land on the base? Asked before any page is written.
    fn refuse_pages_in(&self, dir: &Path) -> Result<()> {
        let Some(dir) = resolved(dir) else {
            return Ok(());
        };
        match self.0.iter().find(|f| {
            f.parent() == Some(dir.as_path())
                && f.extension().is_some_and(|x| x.eq_ignore_ascii_case("html"))
        }) {
            Some(f) => Err(Error::Usage(format!(
                "{} holds the knowledge base {}, which a page of the report could replace; name another directory with -o",
                crate::text::chars::visible_line(&dir.display().to_string()),
                crate::text::chars::visible_line(&f.display().to_string())
            ))),
            None => Ok(()),
        }
    }

    fn refuse(&self, out: &Path) -> Result<()> {
        match resolved(out) {
            Some(real) if self.0.contains(&real) => Err(Error::Usage(format!(
                "{} is the knowledge base (--db) or one of its files: an export there would replace it; name another file with -o",
                crate::text::chars::visible_line(&out.display().to_string())
            ))),
            _ => Ok(()),
        }
    }
}

/// Where `path` leads: the file itself when it exists (links followed),
/// else the real path of where a write would create it.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let new = landing(path);
    let dir = new.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = std::fs::canonicalize(dir.unwrap_or(Path::new("."))).ok()?;
    Some(dir.join(new.file_name()?))
}

/// Where writing a `path` that does not exist creates the file: a dangling
/// link's target (relative to the link's directory), else `path` itself.
fn landing(path: &Path) -> PathBuf {
    std::fs::read_link(path)
        .map(|t| match path.parent() {
            Some(dir) if t.is_relative() => dir.join(t),
            _ => t,
        })
        .unwrap_or_else(|_| path.to_owned())
}

/// Standard output; a reader that stops early (`| head`) is not an error.
fn to_stdout(bytes: &[u8]) -> Result<()> {
    to_stdout_with(|w| w.write_all(bytes))
}

fn to_stdout_with(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match write(&mut out).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", e)),
        _ => Ok(()),
    }
}

/// Writes an export to `path` as users expect of `-o`: a symbolic link is
/// followed (its target is written, the link stays); a device, FIFO or
/// socket is written through, never replaced (`-o /dev/null` run as root
/// once turned /dev/null into a regular file); a regular file is replaced
/// atomically — a temporary file beside it and a rename, so a failed export
/// never leaves half a file — and keeps its permissions.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<()> {
    write_output_with(path, |w| w.write_all(bytes))
}

/// Is `path` written as a directory (`-o site/`), whether or not it exists?
fn names_directory(path: &Path) -> bool {
    path.as_os_str().to_string_lossy().ends_with('/')
}

/// [`write_output`] for output made while it is written.
pub fn write_output_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    if names_directory(path) {
        return Err(Error::Usage(format!(
            "{} names a directory; this format writes one file: name it with -o FILE (a directory is for --format html and csv)",
            path.display()
        )));
    }
    let target = match std::fs::canonicalize(path) {
        Ok(t) => t,
        // A new file (or a dangling link's target): written where named.
        Err(_) => return write_atomically(&landing(path), write, None),
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
        return write(&mut f)
            .and_then(|_| f.flush())
            .map_err(|e| Error::io(path, e));
    }
    // The rename would replace a file this user may not write, or one made
    // read-only to keep it (the rename asks only for the directory's
    // permission): refused.
    if !crate::store::may_write(&target) {
        return Err(Error::input(
            path,
            "is read-only, or this user may not write it; make it writable (chmod u+w) or name another file with -o",
        ));
    }
    write_atomically(&target, write, Some(meta.permissions()))
}

/// Writes through a temporary file and a rename, so a failed export never
/// leaves a half-written file behind; `keep` is the replaced file's mode.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    keep: Option<std::fs::Permissions>,
) -> Result<()> {
    let dir = existing_parent(path)?;
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("export"),
        std::process::id()
    ));
    // Named by the file asked for: the temporary file is ours, not the
    // user's. A failure removes it (the guard).
    let (tmp, mut file) =
        super::temp_file::TempFile::create(tmp).map_err(|e| Error::io(path, e))?;
    let written = write(&mut file)
        .and_then(|_| file.flush())
        .and_then(|_| match keep {
            Some(mode) => std::fs::set_permissions(tmp.path(), mode),
            None => Ok(()),
        });
    drop(file);
    written
        .and_then(|_| tmp.persist(path))
        .map_err(|e| Error::io(path, e))
}
