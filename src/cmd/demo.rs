use super::emit;
use crate::cli::DemoArgs;
use crate::error::{Error, Result};
use crate::ingest;
use crate::model::ClaimKind;
use crate::store::Store;
use std::fmt::Write;
use std::path::Path;

/// The seed essay, built into the binary: `argraph demo` works wherever it
/// runs, not only in the source checkout.
const SEED_NAME: &str = "seeds/metaverse-industrial-internet.txt";
const SEED_TEXT: &str = include_str!("../../seeds/metaverse-industrial-internet.txt");

pub fn run(db: &Path, args: DemoArgs) -> Result<()> {
    crate::extract::roles::check_weights_file()?;
    let built_in = args.dir == Path::new(crate::cli::DEMO_DIR) && !args.dir.is_dir();
    if !built_in && !args.dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a directory; name a folder of essays, or run `argraph demo` alone for the built-in seed essay",
            args.dir.display()
        )));
    }
    let files = if built_in {
        Vec::new()
    } else {
        let found = ingest::collect(std::slice::from_ref(&args.dir));
        if let Some(e) = found.errors.into_iter().next() {
            return Err(e);
        }
        found.files
    };
    // Every file read before any is saved: a file that cannot be read stops
    // the demo with the base as it was (it kept the files before it, and a
    // second run was then refused as a base holding other documents).
    let docs = files
        .iter()
        .map(|f| ingest::read(f, ingest::ReadOptions::default()))
        .collect::<Result<Vec<_>>>()?;
    let mut store = Store::open(db)?;
    // The demo is a tour on a base of its own: run on a base that holds the
    // user's documents it would add the seed essays among them (and list
    // every essay of the base as its own).
    let ours = if built_in {
        usize::from(store.find_document(SEED_NAME).is_ok())
    } else {
        store.documents_under(&args.dir)?.len()
    };
    let others = store.stats()?.documents - ours as i64;
    if others > 0 {
        let own = if db.file_name().is_some_and(|n| n == "demo.db") {
            "seeds-demo.db"
        } else {
            "demo.db"
        };
        return Err(Error::Usage(format!(
            "{} already holds {} besides the demo's, and demo would add its essays among them; run it on a base of its own: argraph --db {own} demo",
            db.display(),
            super::view::count(others as usize, "other document")
        )));
    }
    let mut out = String::new();
    let mut results = Vec::new();
    if built_in {
        let doc = ingest::read_bytes(
            SEED_NAME,
            SEED_TEXT.as_bytes(),
            ingest::ReadOptions::default(),
        )?;
        let r = ingest::ingest_document(&mut store, doc)?;
        let _ = writeln!(out, "{}", super::ingest::describe_outcome(&r));
        results.push(r);
    }
    for doc in docs {
        let r = ingest::ingest_document(&mut store, doc)?;
        let _ = writeln!(out, "{}", super::ingest::describe_outcome(&r));
        results.push(r);
    }
    let mut stats = store.stats()?;
    super::stats::mark_shipped(&mut stats);
    if args.json.json {
        let graph = store.graph(None)?;
        let essays: Vec<serde_json::Value> = graph
            .essays
            .iter()
            .map(|(path, essay)| {
                let thesis = graph
                    .claims
                    .iter()
                    .find(|c| c.essay == essay.id && c.kind == ClaimKind::MajorClaim);
                serde_json::json!({
                    "id": essay.id, "title": essay.title, "document": path,
                    "sections": essay.sections.iter().map(|s| &s.heading).collect::<Vec<_>>(),
                    "thesis": thesis.map(|c| serde_json::json!({"id": c.id, "text": c.text})),
                })
            })
            .collect();
        let files: Vec<serde_json::Value> = results
            .iter()
            .map(|r| serde_json::json!({"path": r.path, "outcome": super::ingest::outcome_key(&r.outcome)}))
            .collect();
        return super::json::print(&serde_json::json!({
            "database": db.display().to_string(),
            "files": files,
            "stats": stats,
            "essays": essays,
        }));
    }
    let _ = writeln!(out, "\nknowledge base {}:", db.display());
    out.push_str(&super::stats::render(&stats));
    let graph = store.graph(None)?;
    let mut first_thesis: Option<String> = None;
    for (_, essay) in &graph.essays {
        let _ = writeln!(
            out,
            "\n{}",
            crate::text::chars::book_title(essay.title.as_deref())
        );
        for s in &essay.sections {
            let _ = writeln!(out, "  section  {}", s.heading.as_deref().unwrap_or(""));
        }
        if let Some(m) = graph
            .claims
            .iter()
            .find(|c| c.essay == essay.id && c.kind == ClaimKind::MajorClaim)
        {
            let _ = writeln!(out, "  thesis   [{}] {}", super::view::short(&m.id), m.text);
            first_thesis.get_or_insert_with(|| super::view::short(&m.id).to_string());
        }
    }
    // The next commands name the base this one used, so they can be pasted
    // as they are; one a line, since `|` would read as a pipe.
    let argraph = if db == Path::new(crate::cli::DEFAULT_DB) {
        "argraph".to_owned()
    } else {
        format!("argraph --db {}", shell_word(&db.display().to_string()))
    };
    // The dry-run hint names a directory only where there is one (the seed
    // built into argraph was used otherwise).
    let look_again = if args.dir.is_dir() {
        format!(
            "{argraph} ingest --dry-run {}",
            shell_word(&args.dir.display().to_string())
        )
    } else {
        format!("{argraph} list claims --role main_idea")
    };
    // `show` names a real claim: the first essay's thesis. The report to
    // open is the HTML one, which needs no Graphviz (an SVG does).
    let show = first_thesis.map_or_else(
        || format!("{argraph} list claims"),
        |id| format!("{argraph} show {id}"),
    );
    let _ = writeln!(
        out,
        "\nnext:\n  {argraph} audit\n  {show}\n  {argraph} export --format html -o report.html\n  {look_again}"
    );
    emit(&out)
}

/// `word` as the shell reads it: quoted when it holds anything but
/// letters, digits and `-_./:`.
fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./:".contains(c))
    {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}
