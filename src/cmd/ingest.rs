use super::emit;
use super::view::count;
use crate::cli::IngestArgs;
use crate::error::{Error, Result};
use crate::ingest::{self, FileResult};
use crate::model::Extraction;
use crate::store::{Outcome, Store};
use crate::text::chars::visible_line;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fmt::Write;
use std::io::IsTerminal;
use std::path::Path;

/// Files from which a progress bar is worth drawing.
const PROGRESS_MIN_FILES: usize = 5;

pub fn run(db: &Path, args: IngestArgs) -> Result<()> {
    let opts = ingest::ReadOptions {
        encoding: args
            .encoding
            .as_deref()
            .map(|name| {
                crate::text::decode::encoding_for(name).ok_or_else(|| {
                    Error::Usage(format!(
                        "unknown encoding '{name}' (try UTF-8, GB18030, GBK, Big5, UTF-16LE)"
                    ))
                })
            })
            .transpose()?,
    };
    crate::extract::roles::check_weights_file()?;
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        return from_stdin(db, &args, opts);
    }
    if let Some(name) = &args.name {
        return Err(Error::Usage(format!(
            "--name {name} names standard input: use it with `argraph ingest -`"
        )));
    }
    if let Some(w) = crate::extract::roles::weights_file() {
        if super::verbose() {
            super::say(format!(
                "role weights: {} (ARGRAPH_ROLE_WEIGHTS)",
                visible_line(&w.to_string_lossy())
            ));
        }
    }
    let ingest::Collected {
        files,
        errors: mut failures,
        skipped,
    } = ingest::collect(&args.paths);
    // One path named alone, a file, or a directory whose failure is its own
    // (it holds no essay file): that failure is the run's error (exit 2).
    // A directory's one file that fails is one of a directory's files (1).
    let alone = match &args.paths[..] {
        [path] => {
            !path.is_dir()
                || (files.is_empty() && failures.iter().all(|e| e.path() == Some(path.as_path())))
        }
        _ => false,
    };
    if let Some(note) = skipped_note(&skipped) {
        super::say(note);
    }
    // A file named outright is read whatever its name; one that is not
    // .txt or .md (a web page, a Word export) is read as plain text, tags
    // and all, so say so. A .docx or .pdf is refused with what it is.
    for p in args.paths.iter().filter(|p| {
        p.is_file() && !ingest::has_text_extension(p) && !ingest::is_word_processor_file(p)
    }) {
        super::say(format!(
            "note: {} is not a .txt, .text, .md or .markdown file; it is read as plain text (save it as .txt first if it holds markup)",
            visible_line(&p.display().to_string())
        ));
    }
    if args.fail_fast {
        if let Some(e) = failures.into_iter().next() {
            return Err(e);
        }
        failures = Vec::new();
    }
    if args.dry_run {
        return dry_run(
            &files,
            alone,
            args.json.json,
            failures,
            args.fail_fast,
            opts,
        );
    }
    if files.is_empty() && failures.is_empty() {
        return Err(Error::Usage(format!(
            "no .txt, .text, .md or .markdown files under {}",
            args.paths
                .iter()
                .map(|p| visible_line(&p.display().to_string()).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    if files.is_empty() {
        // Nothing readable: report, and leave the database untouched (not even created).
        return finish(Vec::new(), failures, args.json.json, 0, alone, None, None);
    }
    // One file named alone is read before the base is opened, so a file
    // that cannot be read leaves no new, empty base behind. (Deleting a
    // base made in vain afterwards is not safe: another process may have
    // opened it meanwhile and write into the removed file.)
    if let [only] = &files[..] {
        if let Err(e) = ingest::read(only, opts) {
            if args.fail_fast {
                return Err(e);
            }
            failures.push(e);
            return finish(Vec::new(), failures, args.json.json, 1, alone, None, None);
        }
    }
    let mut store = Store::open(db)?;
    store.reanalyse = args.force;
    let bar = progress(files.len());
    let mut results: Vec<FileResult> = Vec::new();
    let mut fatal = None;
    let json = args.json.json;
    // A line per file for a few files or with -v; past that the progress
    // bar and the summary line say it (a 2,000-file ingest is not 2,000 lines).
    let per_file =
        !json && !super::quiet() && (super::verbose() || files.len() < PROGRESS_MIN_FILES);
    let interrupt = super::interrupt::Interrupt::watch();
    let listing_failures = failures.len();
    let busy = ingest::ingest_all(
        &mut store,
        &files,
        opts,
        args.fail_fast,
        args.commit_every as usize,
        &|| interrupt.signal().is_some(),
        |file, result| {
            bar.set_message(visible_line(&progress_name(file)).into_owned());
            bar.inc(1);
            match result {
                Ok(r) => {
                    // A copy is worth its line even in a large ingest: two
                    // students handing in the same essay is news.
                    let copy = r.outcome.copy_of().is_some();
                    if per_file {
                        bar.suspend(|| crate::console::stderr_line(describe_outcome(&r)));
                    } else if copy && !json {
                        bar.suspend(|| super::say(describe_outcome(&r)));
                    }
                    if r.stripped_controls > 0 && !json {
                        bar.suspend(|| super::say(controls_warning(&r)));
                    }
                    if let Some(note) = lone_claim_note(&r).filter(|_| !json) {
                        bar.suspend(|| super::say(note));
                    }
                    results.push(r);
                    true
                }
                Err(e) if args.fail_fast => {
                    fatal = Some(e);
                    false
                }
                Err(e) => {
                    failures.push(e);
                    true
                }
            }
        },
    )?;
    bar.finish_and_clear();
    if let Some(e) = fatal {
        // Without a line per file nothing would say that the files before
        // the failure were saved.
        if !per_file && !json && !results.is_empty() {
            super::say(format!(
                "stopped at the first failure (--fail-fast); before it, {}",
                summary(&results, 0, busy)
            ));
        }
        return Err(e);
    }
    // A signal that came while the last group was being written stopped
    // nothing: the run is complete.
    let interrupted = interrupt.signal().filter(|_| busy.stopped).map(|signal| {
        let handled = results.len() + failures.len() - listing_failures;
        Interrupted {
            signal,
            handled,
            of: files.len(),
        }
    });
    if !json {
        if let Some(note) = stale_weights_note(&store, &results)? {
            super::say(note);
        }
    }
    drop(store);
    let finished = finish(
        results,
        failures,
        args.json.json,
        files.len(),
        alone,
        Some(busy),
        interrupted,
    );
    match interrupted {
        Some(i) => {
            if let Err(e) = finished {
                crate::console::stderr_line(format_args!("error: {e}"));
            }
            super::interrupt::Interrupt::end(i.signal)
        }
        None => finished,
    }
}

/// A note when files left unchanged were read by other role weights than
/// this run's (`ARGRAPH_ROLE_WEIGHTS`, or another argraph's shipped ones):
/// their roles are not those of these weights until `--force` reads them
/// again, and nothing else would say so.
fn stale_weights_note(store: &Store, results: &[ingest::FileResult]) -> Result<Option<String>> {
    let unchanged = results
        .iter()
        .filter(|r| r.outcome == crate::store::Outcome::Unchanged)
        .map(|r| (r.source.as_deref(), r.path.as_str()));
    let weights = crate::extract::roles::weights_id();
    let n = store.read_by_other_weights(unchanged, weights)?;
    Ok((n > 0).then(|| {
        let (files, them) = match n {
            1 => ("1 unchanged file keeps".to_owned(), "it"),
            n => (format!("{n} unchanged files keep"), "them"),
        };
        format!(
            "note: {files} the roles of other role weights than this run's ({weights}); ingest {them} with --force to read {them} with these"
        )
    }))
}

/// The most standard input may hold: one document, read whole before it is
/// analysed, and `yes | argraph ingest -` would otherwise fill memory.
const MAX_STDIN_BYTES: u64 = 64 << 20;

/// `argraph ingest -`: the text on standard input, as one document named
/// by `--name`.
fn from_stdin(db: &Path, args: &IngestArgs, opts: ingest::ReadOptions) -> Result<()> {
    use std::io::Read;
    if args.paths.len() > 1 {
        return Err(Error::Usage(
            "`-` (standard input) cannot be mixed with paths; ingest them in two runs".to_owned(),
        ));
    }
    if std::io::stdin().is_terminal() {
        return Err(Error::Usage(
            "standard input is a terminal: pipe the text in (… | argraph ingest - --name NAME)"
                .to_owned(),
        ));
    }
    let name = args.name.clone().unwrap_or_else(|| "stdin".to_owned());
    if name.trim().is_empty() {
        return Err(Error::Usage(
            "--name is empty: name the text on standard input (--name op-ed.txt); it is how list, remove and the exports refer to it".to_owned(),
        ));
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_STDIN_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("<stdin>", e))?;
    if bytes.len() as u64 > MAX_STDIN_BYTES {
        return Err(Error::input(
            "<stdin>",
            format!(
                "more than {} MB on standard input, more than one document should hold (an endless stream?); save it to files and ingest those",
                MAX_STDIN_BYTES >> 20
            ),
        ));
    }
    if args.dry_run {
        let doc = ingest::read_bytes(&name, &bytes, opts)?;
        let ex = ingest::analyze(&doc);
        let mut out = Listing::new(args.json.json);
        let entry = out.entry(&doc, &ex, None);
        out.push(&entry)?;
        return out.finish();
    }
    // Read before the base is opened, so text that cannot be read leaves
    // no new base behind.
    let doc = match ingest::read_bytes(&name, &bytes, opts) {
        Ok(doc) => doc,
        Err(e) => return finish(Vec::new(), vec![e], args.json.json, 1, true, None, None),
    };
    let mut store = Store::open(db)?;
    store.reanalyse = args.force;
    let started = std::time::Instant::now();
    let r = match ingest::ingest_document(&mut store, doc) {
        Ok(r) => r,
        // Reported like a named file's failure (in the JSON too).
        Err(e) => return finish(Vec::new(), vec![e], args.json.json, 1, true, None, None),
    };
    if !args.json.json {
        if r.stripped_controls > 0 {
            super::say(controls_warning(&r));
        }
        super::say(describe_outcome(&r));
        if let Some(note) = lone_claim_note(&r) {
            super::say(note);
        }
        if let Some(note) = stale_weights_note(&store, std::slice::from_ref(&r))? {
            super::say(note);
        }
    }
    // One document, analysed and written on this thread: only the whole
    // time is known, so the busy shares are null rather than made up.
    let busy = ingest::Busy {
        wall: started.elapsed(),
        writer: std::time::Duration::ZERO,
        analysis: std::time::Duration::ZERO,
        threads: 0,
        stopped: false,
    };
    finish(
        vec![r],
        Vec::new(),
        args.json.json,
        1,
        true,
        Some(busy),
        None,
    )
}

/// The file in the progress line: its name and its directory's, since
/// the line cuts what does not fit at the end, and the name is what changes.
fn progress_name(file: &Path) -> String {
    let mut parts = file.iter().rev().take(2).collect::<Vec<_>>();
    parts.reverse();
    let tail: std::path::PathBuf = parts.into_iter().collect();
    if tail.as_os_str().len() < file.as_os_str().len() {
        format!("…/{}", tail.display())
    } else {
        tail.display().to_string()
    }
}

fn progress(total: usize) -> ProgressBar {
    if total < PROGRESS_MIN_FILES || super::quiet() || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(total as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar
}

fn controls_warning(r: &FileResult) -> String {
    format!(
        "warning: {}: removed {} control character(s) (terminal escapes, DEL, noncharacters such as U+FFFE…) that are not text",
        visible_line(&r.path),
        r.stripped_controls
    )
}

/// Names the files a directory held that ingest passes over, so that a
/// class's folder with a `.docx` or a file without an ending is not taken
/// for all of it.
fn skipped_note(skipped: &[std::path::PathBuf]) -> Option<String> {
    const NAMED: usize = 5;
    if skipped.is_empty() {
        return None;
    }
    let mut names: Vec<String> = skipped
        .iter()
        .take(NAMED)
        .map(|p| visible_line(&p.display().to_string()).into_owned())
        .collect();
    if skipped.len() > NAMED {
        names.push(format!("and {} more", skipped.len() - NAMED));
    }
    let word_processor = skipped
        .iter()
        .filter(|p| ingest::is_word_processor_file(p))
        .count();
    let save_first = if word_processor > 0 {
        "save essays as plain text (.txt); "
    } else {
        ""
    };
    let advice =
        format!("{save_first}name a file outright to read it as plain text whatever its ending");
    Some(format!(
        "note: {} file(s) not read, not ending in .txt, .text, .md or .markdown: {}; {advice}",
        skipped.len(),
        names.join(", ")
    ))
}

/// A file saved as one claim with nothing to relate it to — often a title
/// whose essay is missing (a class folder's empty assignment) — says so: its
/// "thesis" is that one line.
fn lone_claim_note(r: &FileResult) -> Option<String> {
    (r.outcome.wrote_graph() && r.claims == 1).then(|| {
        format!(
            "note: {}: one claim and nothing to relate it to (is the essay's body missing?)",
            visible_line(&r.path)
        )
    })
}

/// The line `ingest` (and `demo`) prints for one file.
pub fn describe_outcome(r: &FileResult) -> String {
    let path = visible_line(&r.path);
    // (label, said inside the counts' brackets, said after them)
    let (label, inside, after) = match &r.outcome {
        Outcome::Added => ("added", "", String::new()),
        // Ids come from the file's bytes: an edited file's claims are new
        // claims, and ids noted before no longer answer.
        Outcome::Replaced { kept_by: None } => ("replaced", "", "; its ids are new".to_owned()),
        // Its copy's file still holds the text from before: that text and
        // its graph now stand under the copy's path, as `remove` would leave them.
        Outcome::Replaced {
            kept_by: Some(copy),
        } => (
            "replaced",
            "",
            format!(
                "; its ids are new; its earlier text stays as {}, its copy",
                visible_line(copy)
            ),
        ),
        Outcome::Reanalysed => ("redone", "; analysed again", String::new()),
        Outcome::Unchanged => return format!("{:<9} {path}", "unchanged"),
        Outcome::UnchangedCopy(other) => {
            return format!(
                "{:<9} {path}  (recorded as a copy of {})",
                "unchanged",
                visible_line(other)
            )
        }
        Outcome::Duplicate(other) => {
            return format!(
                "{:<9} {path}  (same content as {}; recorded as its copy)",
                "copy",
                visible_line(other)
            )
        }
        // The file had a graph of its own, which is gone: say so, or an
        // essay vanishes without a word.
        Outcome::DuplicateReplacing { of, kept_by: None } => {
            return format!(
                "{:<9} {path}  (now the same content as {}: its own essays are removed, and it is recorded as a copy)",
                "copy",
                visible_line(of)
            )
        }
        Outcome::DuplicateReplacing {
            of,
            kept_by: Some(copy),
        } => {
            return format!(
                "{:<9} {path}  (now the same content as {}, and recorded as a copy; its earlier text stays as {}, its copy)",
                "copy",
                visible_line(of),
                visible_line(copy)
            )
        }
    };
    format!(
        "{label:<9} {path}  ({}, {}, {}{inside}){after}",
        count(r.essays, "essay"),
        count(r.claims, "claim"),
        count(r.edges, "edge"),
    )
}

/// An outcome as `--json` names it.
pub fn outcome_key(o: &Outcome) -> &'static str {
    match o {
        Outcome::Added => "added",
        Outcome::Replaced { .. } => "replaced",
        Outcome::Unchanged | Outcome::UnchangedCopy(_) => "unchanged",
        Outcome::Duplicate(_) | Outcome::DuplicateReplacing { .. } => "duplicate",
        Outcome::Reanalysed => "reanalysed",
    }
}

/// One line for a whole ingest: how many files went which way, and how
/// long it took (with -v, where the time went).
fn summary(results: &[FileResult], failed: usize, b: ingest::Busy) -> String {
    let count = |f: fn(&Outcome) -> bool| results.iter().filter(|r| f(&r.outcome)).count();
    // (how many, said of one, said of several)
    let parts = [
        (count(|o| *o == Outcome::Added), "added", "added"),
        (
            count(|o| matches!(o, Outcome::Replaced { .. })),
            "replaced",
            "replaced",
        ),
        (
            count(|o| *o == Outcome::Reanalysed),
            "analysed again",
            "analysed again",
        ),
        (count(Outcome::unchanged), "unchanged", "unchanged"),
        (
            count(|o| o.copy_of().is_some()),
            "copy of another",
            "copies of others",
        ),
        (failed, "failed", "failed"),
    ];
    let said: Vec<String> = parts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|&(n, one, several)| format!("{n} {}", if n == 1 { one } else { several }))
        .collect();
    let claims: usize = results.iter().map(|r| r.claims).sum();
    let mut line = format!(
        "{} files: {}{} in {:.2} s",
        results.len() + failed,
        said.join(", "),
        if claims > 0 {
            format!(" ({claims} claims saved)")
        } else {
            String::new()
        },
        b.wall.as_secs_f64()
    );
    if super::verbose() {
        let _ = write!(
            line,
            "; the writer was active {:.0}% of that time, each of {} analysis threads {:.0}%",
            100.0 * b.writer_share(),
            b.threads,
            100.0 * b.analysis_share()
        );
    }
    line
}

fn finish(
    results: Vec<FileResult>,
    failures: Vec<Error>,
    json: bool,
    attempted: usize,
    alone: bool,
    busy: Option<ingest::Busy>,
    interrupted: Option<Interrupted>,
) -> Result<()> {
    let timing = busy.map(|b| {
        let measured = b.threads > 0;
        serde_json::json!({"seconds": round3(b.wall.as_secs_f64()),
            "writer_busy": measured.then(|| round3(b.writer_share())),
            "analysis_busy": measured.then(|| round3(b.analysis_share())),
            "analysis_threads": b.threads})
    });
    if let (Some(b), false) = (busy, json) {
        if attempted > 1 || interrupted.is_some() {
            super::say(summary(&results, failures.len(), b));
        }
    }
    if let Some(i) = interrupted {
        // Said even with --json and -q: a script sees the exit status, a
        // person needs to know the run is not complete.
        crate::console::stderr_line(format_args!(
            "interrupted ({}): {} of {} files were handled before it, as listed; the other {} were not saved. Run the same command again to ingest them (files already saved are unchanged)",
            signal_name(i.signal),
            i.handled,
            i.of,
            i.of - i.handled,
        ));
    }
    if json {
        let files: Vec<serde_json::Value> = results
            .iter()
            .map(|r| {
                file_json(
                    &r.path,
                    &r.outcome,
                    [r.essays, r.claims, r.edges],
                    ("stripped_controls", r.stripped_controls.into()),
                )
            })
            .collect();
        let errors: Vec<serde_json::Value> = failures.iter().map(failure_json).collect();
        let mut s = serde_json::to_string_pretty(
            &serde_json::json!({"files": files, "errors": errors, "timing": timing,
                "interrupted": interrupted.map(|i| signal_name(i.signal))}),
        )
        .expect("json");
        s.push('\n');
        emit(&s)?;
    }
    let listed = if json { Listed::InJson } else { Listed::Above };
    end_with_failures(failures, alone, results.len(), Afterwards::Saved, listed)
}

/// What became of the inputs that did not fail.
enum Afterwards {
    Saved,
    Shown,
}

/// A run a signal stopped before its last group.
#[derive(Clone, Copy)]
struct Interrupted {
    signal: i32,
    /// Files saved or failed before it.
    handled: usize,
    /// Files the run was to read.
    of: usize,
}

/// A signal's name, for messages and `--json`.
fn signal_name(signal: i32) -> String {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    match signal {
        SIGHUP => "SIGHUP".to_owned(),
        SIGINT => "SIGINT".to_owned(),
        SIGTERM => "SIGTERM".to_owned(),
        n => format!("signal {n}"),
    }
}

/// Where a run's failures are listed, as the error that ends it says.
#[derive(Clone, Copy)]
enum Listed {
    /// Each said on stderr (a run in text).
    Above,
    /// Each said on stderr and given an entry of the JSON (a dry run).
    AboveAndInJson,
    /// Only under "errors" in the JSON (`ingest --json`).
    InJson,
}

/// Each failure said on stderr (unless only the JSON lists them), and the
/// error that ends the run: `2 of 40 inputs could not be ingested (listed
/// above); the others were saved`; or, when a single input was named
/// `alone` (a file, or a directory that failed as a whole) and it failed,
/// its own error; or nothing when nothing failed. `done`: how many were
/// saved or shown.
fn end_with_failures(
    failures: Vec<Error>,
    alone: bool,
    done: usize,
    afterwards: Afterwards,
    listed: Listed,
) -> Result<()> {
    match failures.len() {
        0 => return Ok(()),
        // One file named alone and it failed: that error is the answer. (A
        // directory's one file is one of a directory's files: exit 1.)
        1 if alone && done == 0 => return Err(failures.into_iter().next().expect("one failure")),
        _ => {}
    }
    if !matches!(listed, Listed::InJson) {
        for e in &failures {
            crate::console::stderr_line(format_args!("error: {e}"));
        }
    }
    let (verb, rest) = match (afterwards, done) {
        (Afterwards::Saved, 0) => ("ingested", "none was saved"),
        (Afterwards::Saved, _) => ("ingested", "the others were saved"),
        (Afterwards::Shown, 0) => ("read", "none is shown"),
        (Afterwards::Shown, _) => ("read", "the others are shown"),
    };
    let n = failures.len();
    let listed = match listed {
        Listed::Above => "listed above",
        Listed::AboveAndInJson => "listed above, and in the JSON",
        Listed::InJson => "listed under \"errors\" in the JSON",
    };
    Err(Error::Problems(format!(
        "{n} of {} inputs could not be {verb} ({listed}); {rest}",
        done + n
    )))
}

fn dry_run(
    files: &[std::path::PathBuf],
    alone: bool,
    json: bool,
    mut failures: Vec<Error>,
    fail_fast: bool,
    opts: ingest::ReadOptions,
) -> Result<()> {
    use rayon::prelude::*;
    // Documents are analysed a few at a time (on every core) and printed as
    // they come, so a dry run over a large corpus holds a handful of
    // documents, not all of them, and shows its first results at once.
    let mut out = Listing::new(json);
    // In JSON a file that cannot be read has its entry too, so a script
    // sees every file it named (the message still goes to standard error).
    for e in &failures {
        out.push_failure(e)?;
    }
    let mut shown = 0;
    // The first file of the run with each text: a later one with the same
    // text is what ingest records as its copy, and the listing says so.
    let mut first_with: std::collections::HashMap<String, String> = Default::default();
    for chunk in files.chunks(DRY_RUN_CHUNK) {
        let ready: Vec<Result<(crate::text::Document, Extraction, String)>> = chunk
            .par_iter()
            .map(|f| {
                let doc = ingest::read(f, opts)?;
                let ex = ingest::analyze(&doc);
                let entry = out.entry(&doc, &ex, None);
                Ok((doc, ex, entry))
            })
            .collect();
        for r in ready {
            match r {
                Ok((doc, ex, entry)) => {
                    let entry = match first_with.get(&doc.text_hash) {
                        Some(first) => out.entry(&doc, &ex, Some(first)),
                        None => {
                            first_with.insert(doc.text_hash.clone(), doc.path.clone());
                            entry
                        }
                    };
                    out.push(&entry)?;
                    shown += 1;
                }
                // With --fail-fast the first file that cannot be read ends
                // the run (what came before it is shown, the list closed).
                Err(e) if fail_fast => {
                    out.push_failure(&e)?;
                    out.finish()?;
                    return Err(e);
                }
                // Otherwise it is reported with the others at the end, and
                // the files after it are still shown.
                Err(e) => {
                    out.push_failure(&e)?;
                    failures.push(e);
                }
            }
        }
    }
    out.finish()?;
    let listed = if json {
        Listed::AboveAndInJson
    } else {
        Listed::Above
    };
    end_with_failures(failures, alone, shown, Afterwards::Shown, listed)
}

/// A file saved, as `ingest --json` and `import --json` list it: what
/// became of it, the stored path it repeats, whether its graph from before
/// is gone from its path (and which copy of it keeps it), what was saved (essays, claims, edges: 0 for a file unchanged
/// or recorded as a copy), then the one key of the command's own.
pub(super) fn file_json(
    path: &str,
    outcome: &Outcome,
    [essays, claims, edges]: [usize; 3],
    (key, value): (&str, serde_json::Value),
) -> serde_json::Value {
    let mut v = serde_json::json!({"path": path, "outcome": outcome_key(outcome),
        "same_as": outcome.same_as(),
        "old_graph_removed": outcome.removed_old_graph(),
        "old_graph_kept_by": outcome.old_graph_kept_by(),
        "essays": essays, "claims": claims, "edges": edges});
    v[key] = value;
    v
}

/// A file that failed, as `--json` lists it (`errors[]` of an ingest, an
/// entry of a dry run's list): the file, why, and the one-line message.
pub(super) fn failure_json(e: &Error) -> serde_json::Value {
    serde_json::json!({
        "path": e.path().map(|p| p.display().to_string()),
        "error": e.reason(),
        "message": e.to_string(),
    })
}

/// Documents a dry run analyses at once: enough to keep every core busy
/// (rayon shares them out), few enough that memory holds a handful of
/// extractions, not the corpus's (all 50 files of the 10 MB corpus at once
/// took 1.37 GB; 16 at a time, 205 MB).
const DRY_RUN_CHUNK: usize = 16;

/// What `--dry-run` prints, a document at a time: each document's
/// extraction as text, or as one element of a JSON list.
enum Listing {
    Text,
    Json(super::json::StreamedList),
}

impl Listing {
    fn new(json: bool) -> Listing {
        if json {
            Listing::Json(super::json::StreamedList::new(0))
        } else {
            Listing::Text
        }
    }

    /// One document's part of the listing, ready to print; `same_as`, an
    /// earlier file of the run with the same text.
    fn entry(&self, doc: &crate::text::Document, ex: &Extraction, same_as: Option<&str>) -> String {
        match self {
            Listing::Text => {
                let mut text = render_extraction(&doc.path, doc.encoding, ex);
                if let Some(first) = same_as {
                    // Under the file's own header line.
                    let at = text.find('\n').map_or(text.len(), |i| i + 1);
                    text.insert_str(
                        at,
                        &format!(
                            "   same text as {}, earlier in this run: ingest records this file as its copy, not as a document of its own\n",
                            visible_line(first)
                        ),
                    );
                }
                text
            }
            Listing::Json(_) => {
                let mut v = serde_json::json!({"path": doc.path, "encoding": doc.encoding});
                if let Some(first) = same_as {
                    v["same_as"] = serde_json::json!(first);
                }
                v["extraction"] = serde_json::to_value(ex).expect("an extraction serialises");
                // Runners-up by claim id, as the commands on a base give them.
                let ids: std::collections::HashMap<(&str, i64), &str> = ex
                    .claims
                    .iter()
                    .map(|c| ((c.essay.as_str(), c.ord as i64), c.id.as_str()))
                    .collect();
                super::json::name_runners_up(&mut v, &mut |essay, ord| {
                    Ok(ids.get(&(essay, ord)).map(|id| id.to_string()))
                })
                .expect("the look-up cannot fail");
                serde_json::to_string_pretty(&v).expect("json")
            }
        }
    }

    fn push(&mut self, entry: &str) -> Result<()> {
        match self {
            Listing::Text => emit(entry),
            Listing::Json(list) => list.push(entry),
        }
    }

    /// A file that could not be read, as a JSON entry of its own
    /// (`{path, error, message}`, as `ingest --json` lists its errors); the
    /// text listing leaves it to the failures named at the end.
    fn push_failure(&mut self, e: &Error) -> Result<()> {
        match self {
            Listing::Text => Ok(()),
            Listing::Json(list) => {
                list.push(&serde_json::to_string_pretty(&failure_json(e)).expect("json"))
            }
        }
    }

    fn finish(self) -> Result<()> {
        match self {
            Listing::Text => Ok(()),
            Listing::Json(list) => {
                list.finish()?;
                emit("\n")
            }
        }
    }
}

/// A readable listing of an extraction: claims numbered in reading order,
/// then every edge with its marker and the rule that made it.
pub fn render_extraction(path: &str, encoding: &str, ex: &Extraction) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "== {} ({encoding}): {}, {}, {}",
        visible_line(path),
        count(ex.essays.len(), "essay"),
        count(ex.claims.len(), "claim"),
        count(ex.edges.len(), "edge")
    );
    // Looked up once: an essay of tens of thousands of claims made a search
    // per edge quadratic (a minute for 80,000 claims).
    let numbers: rustc_hash::FxHashMap<&str, usize> = ex
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let number = |id: &str| numbers.get(id).copied().unwrap_or(0);
    let mut claims_of: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
    for (i, c) in ex.claims.iter().enumerate() {
        claims_of.entry(c.essay.as_str()).or_default().push(i);
    }
    let mut edges_of: rustc_hash::FxHashMap<&str, Vec<&crate::model::Edge>> = Default::default();
    for e in &ex.edges {
        let essay = ex.claims[number(&e.from)].essay.as_str();
        edges_of.entry(essay).or_default().push(e);
    }
    for essay in &ex.essays {
        let _ = writeln!(
            out,
            "\n# {}  [essay {}]",
            visible_line(essay.title.as_deref().unwrap_or("(untitled)")),
            super::view::short(&essay.id)
        );
        let mut section = None;
        let claims = claims_of
            .get(essay.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        for &i in claims {
            let c = &ex.claims[i];
            if c.section != section {
                section = c.section.clone();
                if let Some(s) = essay
                    .sections
                    .iter()
                    .find(|s| Some(&s.id) == section.as_ref())
                {
                    let _ = writeln!(
                        out,
                        "## {}",
                        visible_line(s.heading.as_deref().unwrap_or(""))
                    );
                }
            }
            let flags = format!(
                "{}{}",
                if c.hedged { " hedged" } else { "" },
                if c.stance { " stance" } else { "" }
            );
            let _ = writeln!(
                out,
                "  #{i:<3} {:<11} {} {}{}",
                c.kind.as_str(),
                super::view::role_label(c),
                crate::text::chars::visible(&c.text),
                flags
            );
        }
        let _ = writeln!(out, "edges:");
        for e in edges_of.get(essay.id.as_str()).into_iter().flatten() {
            let _ = writeln!(
                out,
                "  #{:<3} -{}-> #{:<3} {}  [{}]",
                number(&e.from),
                e.relation,
                number(&e.to),
                visible_line(e.marker.as_deref().unwrap_or("")),
                e.rule
            );
        }
    }
    out
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_line_names_the_file_and_its_directory() {
        let long = Path::new("/work/shared/corpora/aes-zh-highschool/essays/A-0012.txt");
        assert_eq!(progress_name(long), "…/essays/A-0012.txt");
        assert_eq!(
            progress_name(Path::new("essays/A-0012.txt")),
            "essays/A-0012.txt"
        );
        assert_eq!(progress_name(Path::new("a.txt")), "a.txt");
    }
}
