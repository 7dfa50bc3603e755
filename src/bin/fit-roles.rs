//! Fits the role model and thesis ranker from a gold file of annotated essays
//! (docs/extraction.md, "Refitting the model").
//!
//! ```sh
//! cargo run --release --bin fit-roles -- ../shared/gold/essays-dev.jsonl -o src/extract/role_weights.tsv
//! cargo run --release --bin fit-roles -- GOLD --folds 5 --fold 2 -o fold2.tsv   # train without fold 2
//! cargo run --release --bin fit-roles -- GOLD --cv 5                            # quick in-process estimate
//! ```
//!
//! Essay *i* of the gold file (in file order, from 0) is in fold `i % K`.

use argraph::extract::fit::{self, Example, Settings};
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(about = "Fit argraph's discourse-role weights from a gold file of annotated essays")]
struct Args {
    /// Gold file: one essay a line, as ../shared/gold/essays-dev.jsonl
    gold: PathBuf,
    /// Directory the essays' `source` paths are relative to [default: the gold file's directory's parent]
    #[arg(long)]
    root: Option<PathBuf>,
    /// Write the weights here (default: standard output)
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// More annotated essays, always among the training essays and never
    /// held out by --fold or --cv (e.g. annotations of your own beside a
    /// shared gold file); paths in them are relative to --root too
    #[arg(long, value_name = "GOLD")]
    extra: Vec<PathBuf>,
    /// Number of folds, for --fold
    #[arg(long, default_value_t = 5, value_parser = at_least_two)]
    folds: usize,
    /// Fit without the essays of this fold (essay i is in fold i % folds)
    #[arg(long)]
    fold: Option<usize>,
    /// Report a K-fold cross-validated estimate in process instead of writing weights
    #[arg(long, value_name = "K", value_parser = at_least_two,
          conflicts_with_all = ["fold", "output"])]
    cv: Option<usize>,
    /// Write every aligned sentence's features and gold role as TSV here
    /// (thesis-relative features from the thesis the fitted ranker picks), for
    /// experiments outside argraph, and stop
    #[arg(long, value_name = "FILE", conflicts_with_all = ["cv", "fold", "output"])]
    dump_features: Option<PathBuf>,
    /// L2 penalty
    #[arg(long, default_value_t = Settings::default().l2)]
    l2: f64,
    /// L2 penalty of the thesis ranker
    #[arg(long, default_value_t = Settings::default().rank_l2)]
    rank_l2: f64,
    /// Gradient steps
    #[arg(long, default_value_t = Settings::default().iterations)]
    iterations: usize,
    /// Added to every sentence's main-idea score when roles are decided,
    /// written into the weights file (log-odds; 0 gives the most probable role)
    #[arg(long, default_value_t = Settings::default().main_idea_offset, allow_hyphen_values = true)]
    main_idea_offset: f64,
}

/// A number of folds: with fewer than two, nothing is held out or nothing
/// is trained on.
fn at_least_two(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(k) if k >= 2 => Ok(k),
        _ => Err(format!("'{s}' is no number of folds: give 2 or more")),
    }
}

fn main() -> ExitCode {
    let a = Args::parse();
    if !a.main_idea_offset.is_finite() {
        eprintln!("error: --main-idea-offset must be a finite number");
        return ExitCode::from(2);
    }
    for (flag, v) in [("--l2", a.l2), ("--rank-l2", a.rank_l2)] {
        if !(v.is_finite() && v >= 0.0) {
            eprintln!("error: {flag} must be a finite number, 0 or more (got {v})");
            return ExitCode::from(2);
        }
    }
    if let Some(f) = a.fold.filter(|&f| f >= a.folds) {
        eprintln!(
            "error: --fold {f} is not one of the {} folds (0 to {})",
            a.folds,
            a.folds - 1
        );
        return ExitCode::from(2);
    }
    // Said before the fit, not after it.
    for out in [&a.output, &a.dump_features].into_iter().flatten() {
        let dir = match out.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => std::path::Path::new("."),
        };
        let fault = if out.is_dir() {
            "is a directory; name a file to write"
        } else if !dir.is_dir() {
            "its directory does not exist"
        } else {
            continue;
        };
        eprintln!("error: {}: {fault}", out.display());
        return ExitCode::from(2);
    }
    let root = a.root.clone().unwrap_or_else(|| {
        a.gold
            .canonicalize()
            .ok()
            .and_then(|p| p.parent().and_then(|d| d.parent()).map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("."))
    });
    let data = match fit::load(&a.gold, &root) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut extra = Vec::new();
    for file in &a.extra {
        match fit::load(file, &root) {
            Ok(d) => extra.extend(d),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    // An essay given twice would be weighed double, and one both scored and
    // trained on (in the gold file and in --extra, or twice in the gold
    // file, in two folds) would leak into its own cross-validation.
    let (mut ids, mut sources) = (
        std::collections::HashSet::new(),
        std::collections::HashSet::new(),
    );
    for (e, _) in data.iter().chain(&extra) {
        // The file, however its path is spelt (dir/./a.txt is dir/a.txt).
        let path = root.join(&e.source);
        let source = path.canonicalize().unwrap_or(path);
        if !ids.insert(e.id.as_str()) || !sources.insert(source) {
            eprintln!(
                "error: essay {} ({}) is given twice (by id or by source) across the gold and --extra files; give each essay once",
                e.id, e.source
            );
            return ExitCode::from(2);
        }
    }
    // Without a thesis the ranker learns nothing and every essay's thesis
    // would be an arbitrary sentence.
    let has_thesis = |(_, examples): &(fit::GoldEssay, Vec<Example>)| {
        examples
            .iter()
            .any(|ex| ex.labels.contains(&Some(argraph::model::Role::Thesis)))
    };
    if !data.iter().chain(&extra).any(has_thesis) {
        eprintln!(
            "error: no essay has a sentence with the role Thesis, so the thesis ranker cannot be fitted; mark each essay's thesis"
        );
        return ExitCode::from(2);
    }
    // `--folds` has a default: say so when it was not typed.
    let held_out = a.cv.map(|k| (k, "--cv")).or(a
        .fold
        .map(|_| (a.folds, "--fold: --folds (5 unless given)")));
    if let Some((k, flag)) = held_out.filter(|&(k, _)| data.len() < k) {
        eprintln!(
            "error: {flag} {k} needs at least {k} essays in {} (it has {}), or a fold holds none",
            a.gold.display(),
            data.len()
        );
        return ExitCode::from(2);
    }
    let extra_examples = || extra.iter().flat_map(|(_, ex)| ex.iter());
    let settings = Settings {
        l2: a.l2,
        rank_l2: a.rank_l2,
        iterations: a.iterations,
        main_idea_offset: a.main_idea_offset,
        ..Settings::default()
    };
    let fold_of = |i: usize, k: usize| i % k.max(1);
    if let Some(path) = &a.dump_features {
        let all: Vec<&Example> = data
            .iter()
            .chain(&extra)
            .flat_map(|(_, ex)| ex.iter())
            .collect();
        let model = fit::fit(&all, settings);
        let groups = data
            .iter()
            .enumerate()
            .map(|(i, d)| (format!("fold{}", fold_of(i, a.folds)), d))
            .chain(extra.iter().map(|d| ("extra".to_string(), d)));
        let mut out = String::from("group\tessay\tsentence\tblock\trole");
        for name in argraph::extract::features::NAMES {
            out.push('\t');
            out.push_str(name);
        }
        out.push_str("\ttext\n");
        for (group, (_, examples)) in groups {
            for ex in examples {
                for (i, (x, label)) in fit::role_rows(ex, &model).into_iter().enumerate() {
                    let Some(label) = label else { continue };
                    let block = ex.units[i].block;
                    out.push_str(&format!(
                        "{group}\t{}\t{i}\t{block}\t{}",
                        ex.id,
                        label.as_str()
                    ));
                    for v in x {
                        out.push_str(&format!("\t{v}"));
                    }
                    out.push('\t');
                    out.push_str(&ex.units[i].text.replace(['\t', '\n'], " "));
                    out.push('\n');
                }
            }
        }
        if let Err(e) = std::fs::write(path, out) {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(1);
        }
        return ExitCode::SUCCESS;
    }
    if let Some(k) = a.cv {
        let (mut ok, mut n, mut th, mut es) = (0, 0, 0, 0);
        for fold in 0..k {
            let train: Vec<&Example> = data
                .iter()
                .enumerate()
                .filter(|(i, _)| fold_of(*i, k) != fold)
                .flat_map(|(_, (_, ex))| ex.iter())
                .chain(extra_examples())
                .collect();
            let test: Vec<&Example> = data
                .iter()
                .enumerate()
                .filter(|(i, _)| fold_of(*i, k) == fold)
                .flat_map(|(_, (_, ex))| ex.iter())
                .collect();
            let model = fit::fit(&train, settings);
            let r = fit::evaluate(&test, &model);
            ok += r.0;
            n += r.1;
            th += r.2;
            es += r.3;
        }
        println!(
            "{k}-fold estimate: role accuracy {:.3} ({ok}/{n}), thesis {:.3} ({th}/{es})",
            ok as f64 / n.max(1) as f64,
            th as f64 / es.max(1) as f64
        );
        return ExitCode::SUCCESS;
    }
    let train: Vec<&Example> = data
        .iter()
        .enumerate()
        .filter(|(i, _)| a.fold.is_none_or(|f| fold_of(*i, a.folds) != f))
        .flat_map(|(_, (_, ex))| ex.iter())
        .chain(extra_examples())
        .collect();
    if train.iter().all(|ex| ex.labels.iter().all(Option::is_none)) {
        eprintln!(
            "error: no annotated sentence to fit on (the gold file is empty, or --fold held out all of it)"
        );
        return ExitCode::from(2);
    }
    let model = fit::fit(&train, settings);
    let (ok, n, th, es) = fit::evaluate(&train, &model);
    eprintln!(
        "fitted on {} essays: role accuracy {:.3}, thesis {:.3} (on the training essays)",
        train.len(),
        ok as f64 / n.max(1) as f64,
        th as f64 / es.max(1) as f64
    );
    let name = std::iter::once(&a.gold)
        .chain(&a.extra)
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" + ");
    let comment = format!(
        "argraph discourse-role weights (docs/extraction.md).\n\
         Fitted by `cargo run --release --bin fit-roles` on {name}{} ({} essays),\n\
         l2 {}, ranker l2 {}, {} iterations, main-idea offset {}.\n\
         Columns: a role's weight per feature, then the thesis ranker's.",
        a.fold.map_or(String::new(), |f| format!(
            " without fold {f} of {}",
            a.folds
        )),
        train.len(),
        settings.l2,
        settings.rank_l2,
        settings.iterations,
        settings.main_idea_offset
    );
    let text = model.to_tsv(&comment);
    match &a.output {
        Some(p) => {
            if let Err(e) = std::fs::write(p, text) {
                eprintln!("error: {}: {e}", p.display());
                return ExitCode::from(1);
            }
        }
        None => print!("{text}"),
    }
    ExitCode::SUCCESS
}
