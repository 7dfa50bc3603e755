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
Exit codes: 0 success; 1 the command ran and found problems (files that could not be ingested or read, `audit` findings at the --deny severity, `path` finding no chain); 2 error (bad input, unknown id, database problem)."
)]
pub struct Cli {
    /// The knowledge base file (SQLite). Created by the commands that write
    /// (`ingest`, `import`, `demo`) if missing; the others need it to exist.
    #[arg(
        long,
        global = true,
        env = "ARGRAPH_DB",
        default_value = DEFAULT_DB,
        value_name = "PATH"
    )]
    pub db: PathBuf,

    /// Print errors only: no progress, summaries, warnings or notes.
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Say more. Only `ingest` has more to say: a line per file, and where the time went.
    #[arg(long, short = 'v', global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read essays (.txt, .md; directories recursively) into the knowledge base.
    ///
    /// Each file becomes a document with its essays, sections, claims, relations and key
    /// terms, saved whole or not at all (files are committed in groups, each file in a
    /// savepoint of its own). Re-ingesting an unchanged file does nothing (unless --force); an edited
    /// file replaces its old graph.
    #[command(
        after_help = "Examples:\n  argraph ingest seeds/\n  argraph ingest --dry-run tests/data/unseen-network-reading.txt\n  pbpaste | argraph ingest - --name op-ed.txt\n\nEnvironment:\n  ARGRAPH_ROLE_WEIGHTS=FILE  role weights fitted with `fit-roles` instead of the shipped ones (docs/extraction.md, \"Refitting the model\"); they apply to the documents analysed, so `ingest --force` files already stored to see them"
    )]
    Ingest(IngestArgs),

    /// Write the graph in another format: json, dot, svg, png, graphml, aif, mermaid, csv, argdown, html.
    ///
    /// svg and png are drawn by Graphviz's `dot`, which must be installed (with a CJK
    /// font such as Noto Sans CJK SC). html is a report to open in a browser: each essay
    /// with its claims highlighted by role beside its map and its audit, in one
    /// self-contained file. Formats are described in docs/formats.md.
    #[command(
        after_help = "Examples:\n  argraph export --format json -o graph.json\n  argraph export --format svg -o seed.svg\n  argraph export --format dot --root 8ddcc15b --depth 2 --relations supports,attacks\n  argraph export --format aif -o map.json\n  argraph export --format argdown -o map.argdown\n  argraph export --format html -o report.html\n  argraph export --format html -o site/    (index.html + a page per essay)"
    )]
    Export(ExportArgs),

    /// Read an argument map made by another tool into the knowledge base.
    ///
    /// AIF JSON (OVA, AIFdb): I nodes become claims, RA/CA/MA scheme nodes become
    /// supports/attacks/restates edges. Argdown (.argdown, .ad, or a directory of
    /// them): statements become claims, support and attack arrows edges. Each map
    /// is saved as one document.
    #[command(
        after_help = "Examples:\n  argraph import map.json              (AIF)\n  argraph import map.argdown           (Argdown, by its extension)\n  argraph import --format argdown maps/  (every .argdown file in maps/)"
    )]
    Import(ImportArgs),

    /// Counts of documents, essays, sections, claims (by kind) and edges (by relation).
    Stats(JsonFlag),

    /// Ingest the bundled seed essays and print a summary: the quickest look at argraph.
    Demo(DemoArgs),

    /// List essays, or claims (filtered by essay, kind, role, hedged).
    #[command(subcommand)]
    List(ListCommand),

    /// One claim: where it stands in the source, with context, and its
    /// neighbours grouped by relation in both directions.
    #[command(
        after_help = "Example:\n  argraph show 8ddc9d70   (ids: any unique prefix, as `list claims` shows them)"
    )]
    Show(ShowArgs),

    /// The argument below a claim (what bears on it, recursively), or with --up
    /// the chain above it up to the major claim.
    ///
    /// Glyphs: + supports, × attacks, ◇ exemplifies, ≡ restates, » elaborates.
    /// A claim already shown is marked (see above); a cycle is marked (cycle);
    /// a claim with more below it than --depth shows is marked (more: --depth).
    #[command(
        after_help = "Examples:\n  argraph tree 8ddcc15b --depth 2\n  argraph tree 8ddc9d70 --up\n  argraph tree 8ddcc15b --relations supports,attacks"
    )]
    Tree(TreeArgs),

    /// The shortest chain of relations joining two claims (edges walked either way).
    Path(PathArgs),

    /// Full-text search over claims (ranked by BM25; Chinese indexed as jieba's words).
    ///
    /// Claims holding every word of the query come first, then claims holding
    /// any of them. Words run together (产业互联网资本市场) are found as if typed apart.
    ///
    /// The query means the words typed: quotes, *, :, AND, NEAR and parentheses
    /// are searched for as text, never read as search syntax.
    #[command(after_help = "Example:\n  argraph search 产业互联网 资本市场")]
    Search(SearchArgs),

    /// Claims in other sections or essays that share this claim's key terms:
    /// "where else is this argued?"
    Related(RelatedArgs),

    /// The key concepts of the knowledge base, with how many claims carry them.
    Terms(TermsArgs),

    /// Lint the argument structure: unsupported theses, circular support, hedged
    /// foundations, unanswered objections, and which theses survive their objections.
    ///
    /// Each finding names its rule, severity and claim, points into the essay
    /// (path:line:col, the claim underlined) and gives a hint. Rules are described in
    /// docs/audit-rules.md. Exit 0 when no finding reaches the --deny level (default:
    /// error), 1 when one does, 2 on usage or database errors.
    #[command(
        after_help = "Examples:\n  argraph audit\n  argraph audit --deny warning --allow thesis-drift\n  argraph audit --format json | jq '.findings[] | .rule'"
    )]
    Audit(AuditArgs),

    /// Take documents out of the knowledge base, with everything extracted from them.
    ///
    /// Name each by its file (any spelling: relative, absolute, through a link), by the
    /// path it was stored under (a file since deleted, a --name given to standard input),
    /// or by the id of one of its essays. All go in one transaction, or none: a name
    /// that matches nothing removes nothing.
    #[command(
        after_help = "Examples:\n  argraph remove old-draft.txt\n  argraph remove --dry-run essays/\n  argraph remove 8ddc907e21b3"
    )]
    Remove(RemoveArgs),

    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    ///
    /// Load it in your shell's start-up file, or save it where your shell looks.
    #[command(
        after_help = "Examples:\n  argraph completions bash > ~/.local/share/bash-completion/completions/argraph\n  argraph completions zsh > ~/.zfunc/_argraph     (with fpath+=~/.zfunc)\n  argraph completions fish > ~/.config/fish/completions/argraph.fish"
    )]
    Completions(CompletionsArgs),

    /// Print the manual page (roff) for argraph and its commands.
    #[command(
        after_help = "Examples:\n  argraph man | man -l -\n  argraph man > /usr/local/share/man/man1/argraph.1"
    )]
    Man,

    /// Run one read-only SQL statement over the schema (docs/schema.md).
    ///
    /// The database is opened read-only: statements that would write are refused.
    /// Views claim_view, edge_view and term_view make hand queries short.
    #[command(
        after_help = "Example:\n  argraph sql \"SELECT relation, count(*) FROM edges GROUP BY relation\""
    )]
    Sql(SqlArgs),
}

#[derive(Debug, Subcommand)]
pub enum ListCommand {
    /// Every essay with its document and counts.
    Essays(JsonFlag),
    /// Claims in reading order.
    ///
    /// One a line: short id, kind, role, then the text; a `~` before the
    /// role marks a hedged claim (或许, 可能, 似乎…; `--hedged` lists only
    /// those), and `thesis?` a thesis the ranker only guessed at.
    Claims(ListClaimsArgs),
}

#[derive(Debug, Args)]
pub struct ListClaimsArgs {
    /// Only this essay (id or unique prefix).
    #[arg(long, value_name = "ID")]
    pub essay: Option<String>,
    /// Only claims of this kind.
    #[arg(long, value_name = "KIND", value_parser = KindParser)]
    pub kind: Option<String>,
    /// Only claims with this discourse role: introduction (opening material),
    /// thesis (the central position, 中心论点), main_idea (a paragraph's
    /// point, 分论点), evidence (facts, examples: 事实论据), elaboration
    /// (reasoning, sayings: 道理论据), conclusion, other. A role implies a
    /// kind: thesis → major_claim; main_idea, conclusion → claim; the rest → premise.
    #[arg(long, value_name = "ROLE", value_parser = ["introduction", "thesis", "main_idea", "evidence", "elaboration", "conclusion", "other"])]
    pub role: Option<String>,
    /// Only hedged claims.
    #[arg(long)]
    pub hedged: bool,
    /// At most this many claims (0: all) [default: 200, and all with --json]. When more match, a line on stderr says how many.
    #[arg(long, allow_negative_numbers = true, value_name = "N")]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Claim id (any unique prefix).
    pub id: String,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct TreeArgs {
    /// Claim id (any unique prefix), or an essay's id for the tree under its thesis.
    pub id: String,
    /// How many levels to expand (at most 1000; `export --root ID --depth N`
    /// writes deeper graphs).
    #[arg(long, allow_negative_numbers = true, default_value_t = 3, value_parser = tree_depth)]
    pub depth: usize,
    /// Walk up, towards the major claim, instead of down.
    #[arg(long)]
    pub up: bool,
    /// Only these relations (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "REL,...",
          value_parser = ["supports", "attacks", "exemplifies", "restates", "elaborates"])]
    pub relations: Vec<String>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct PathArgs {
    /// Claim to start from (id or unique prefix).
    pub from: String,
    /// Claim to reach.
    pub to: String,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for (several words: claims holding all of them come
    /// first, then claims holding some; scores rank within each group).
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Only this essay.
    #[arg(long, value_name = "ID")]
    pub essay: Option<String>,
    /// Only claims of this kind.
    #[arg(long, value_name = "KIND", value_parser = KindParser)]
    pub kind: Option<String>,
    /// At most this many hits (0: all).
    #[arg(long, allow_negative_numbers = true, default_value_t = 10)]
    pub limit: usize,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct RelatedArgs {
    /// Claim id (any unique prefix).
    pub id: String,
    /// At most this many claims (0: all).
    #[arg(long, allow_negative_numbers = true, default_value_t = 10)]
    pub limit: usize,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct TermsArgs {
    /// Only this essay.
    #[arg(long, value_name = "ID")]
    pub essay: Option<String>,
    /// At most this many terms (0: all); `--top` is the same flag.
    #[arg(
        long,
        allow_negative_numbers = true,
        visible_alias = "top",
        default_value_t = 20
    )]
    pub limit: usize,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct SqlArgs {
    /// The statement, e.g. "SELECT * FROM claim_view LIMIT 5".
    pub query: String,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or directories to read; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// With `-` (standard input): the path to store the text under, which names the
    /// document as a file's path does (ingesting under the same name again replaces
    /// it). Default: stdin.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Print what would be extracted (essays, claims, edges with markers and rules)
    /// without writing the database.
    #[arg(long)]
    pub dry_run: bool,

    /// Analyse and save every file again, unchanged ones too: after refitting the role
    /// weights (ARGRAPH_ROLE_WEIGHTS) or upgrading argraph. Ids stay those of the file's bytes.
    #[arg(long, conflicts_with = "dry_run")]
    pub force: bool,
    /// Stop at the first file that fails instead of reporting all failures at the end.
    #[arg(long)]
    pub fail_fast: bool,

    /// Commit after at most N documents (and after about 1 MB of files). Grouping
    /// makes bulk ingests many times faster; each document is still all-or-nothing
    /// after a crash. 1 commits every document on its own.
    #[arg(long, allow_negative_numbers = true, value_name = "N", default_value_t = crate::ingest::GROUP_DOCS as u32,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub commit_every: u32,

    /// Read every file in this encoding (GB18030, GBK, Big5, UTF-16LE...) instead of
    /// detecting it. Without it: a byte-order mark decides, valid UTF-8 is UTF-8, and
    /// anything else is guessed (chardetng).
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,

    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, short = 'f', default_value = "json",
          value_parser = ["json", "dot", "svg", "png", "graphml", "aif", "mermaid", "csv", "argdown", "html"])]
    pub format: String,

    /// The graph as JSON: the same as --format json, as --json is on the other commands.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,

    /// Write to FILE instead of standard output (for csv: a directory; for html: a
    /// file, or a directory — an existing one or a path ending in / — to get
    /// index.html and one page per essay).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Only this essay (an id or unique id prefix).
    #[arg(long, value_name = "ID")]
    pub essay: Option<String>,

    /// Only the argument below this claim: what bears on it, recursively.
    #[arg(long, value_name = "ID")]
    pub root: Option<String>,

    /// With --root: how many levels below it.
    #[arg(
        long,
        allow_negative_numbers = true,
        default_value_t = 3,
        requires = "root",
        value_parser = levels
    )]
    pub depth: usize,

    /// Only these relations (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "REL,...",
          value_parser = ["supports", "attacks", "exemplifies", "restates", "elaborates"])]
    pub relations: Vec<String>,

    /// JSON: add `documents`, each document's path, origin and stored text, which
    /// every span indexes (in characters), so the file stands alone as a dataset.
    #[arg(long)]
    pub with_text: bool,

    /// Direction of the drawing (dot, svg, png): LR runs from reasons on the left to the thesis on the right; BT puts the thesis on top.
    #[arg(long, default_value = "LR", value_parser = ["TB", "LR", "BT", "RL"])]
    pub rankdir: String,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Format of the map: AIF JSON, or Argdown (docs/formats.md says how each maps
    /// onto claims and edges). Default: argdown for a .argdown or .ad file and
    /// for a directory, aif otherwise.
    #[arg(long, short = 'f', value_parser = ["aif", "argdown"])]
    pub format: Option<String>,

    /// The file to read (for argdown also a directory: every .argdown file in it).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    #[command(flatten)]
    pub json: JsonFlag,
}

/// The knowledge base used when neither `--db` nor `ARGRAPH_DB` names one.
pub const DEFAULT_DB: &str = "argraph.db";
/// Where `demo` looks for essays unless told.
pub const DEMO_DIR: &str = "seeds";

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Directory of essays to ingest [default: seeds/ of the checkout, or
    /// the seed essay built into argraph where there is none].
    #[arg(default_value = DEMO_DIR, hide_default_value = true, value_name = "DIR")]
    pub dir: PathBuf,

    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args, Clone, Copy)]
pub struct JsonFlag {
    /// Print machine-readable JSON (keys documented in docs/cli.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only this essay.
    #[arg(long, value_name = "ID")]
    pub essay: Option<String>,
    /// Output format (`--json` is the same as `--format json`; give one of the two).
    #[arg(long, default_value = "text", value_parser = ["text", "json"], conflicts_with = "json")]
    pub format: String,
    #[command(flatten)]
    pub json: JsonFlag,
    /// Exit 1 when a finding of this severity or worse exists.
    #[arg(long, default_value = "error", value_name = "SEVERITY",
          value_parser = ["error", "errors", "warning", "warnings", "note", "notes"])]
    pub deny: String,
    /// Skip these rules (repeat or comma-separate), e.g. --allow thesis-drift.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub allow: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Files, stored paths or essay ids; a directory means every document stored
    /// from a file under it.
    #[arg(required = true, value_name = "PATH|ESSAY-ID")]
    pub targets: Vec<String>,

    /// Say what would be removed, and remove nothing.
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub json: JsonFlag,
}

/// The command line with words such as `-老人` (a search for "not 老人",
/// a file named `-草稿.txt`) moved behind a `--`, where clap takes them as
/// values: every flag is ASCII, so a `-` followed by anything else cannot
/// be one, and clap would otherwise split it into short flags (`-老`).
/// Nothing changes when the line already has a `--`.
/// The deepest `tree` draws: a row per level, each indented further, so a
/// chain of thousands of levels is neither readable nor cheap to print.
pub const MAX_TREE_DEPTH: usize = 1000;

/// A `--depth`: a number of levels, 0 or more.
fn levels(v: &str) -> Result<usize, String> {
    v.trim()
        .parse()
        .map_err(|_| format!("'{v}' is not a number of levels: give 0 or more"))
}

/// `tree --depth`: [`levels`], up to [`MAX_TREE_DEPTH`].
fn tree_depth(v: &str) -> Result<usize, String> {
    match levels(v)? {
        n if n > MAX_TREE_DEPTH => Err(format!(
            "tree draws at most {MAX_TREE_DEPTH} levels; `export --format json --root ID --depth {n}` writes deeper graphs"
        )),
        n => Ok(n),
    }
}

pub fn hyphen_words_as_values(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let is_word = |a: &std::ffi::OsString| {
        a.to_str().is_some_and(|s| {
            let mut c = s.chars();
            c.next() == Some('-') && c.next().is_some_and(|c| !c.is_ascii())
        })
    };
    if args.iter().any(|a| a == "--") || !args.iter().any(is_word) {
        return args;
    }
    // A word right after an option that takes a value is that value
    // (`--name -草稿.txt`, `-o -报告.html`): it stays where it is.
    let takes_value = value_flags();
    let mut rest = Vec::with_capacity(args.len() + 1);
    let mut words = Vec::new();
    for a in args {
        let after_option = rest
            .last()
            .and_then(|p: &std::ffi::OsString| p.to_str())
            .is_some_and(|p| takes_value.contains(p));
        if is_word(&a) && !after_option {
            words.push(a);
        } else {
            rest.push(a);
        }
    }
    if !words.is_empty() {
        rest.push("--".into());
        rest.extend(words);
    }
    rest
}

/// Every flag spelling (`--name`, `-o`) that takes a value, from the
/// definitions above.
fn value_flags() -> std::collections::HashSet<String> {
    fn walk(cmd: &clap::Command, out: &mut std::collections::HashSet<String>) {
        for arg in cmd.get_arguments() {
            if arg.is_positional() || !arg.get_action().takes_values() {
                continue;
            }
            out.extend(arg.get_long().map(|l| format!("--{l}")));
            out.extend(arg.get_short().map(|s| format!("-{s}")));
        }
        for sub in cmd.get_subcommands() {
            walk(sub, out);
        }
    }
    let mut out = std::collections::HashSet::new();
    walk(&<Cli as clap::CommandFactory>::command(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(s: &[&str]) -> Vec<std::ffi::OsString> {
        s.iter().map(Into::into).collect()
    }

    #[test]
    fn hyphen_words_become_values_and_flags_stay_flags() {
        assert_eq!(
            hyphen_words_as_values(line(&["argraph", "search", "-老人", "--json"])),
            line(&["argraph", "search", "--json", "--", "-老人"])
        );
        let plain = line(&["argraph", "search", "老人", "--limit", "2"]);
        assert_eq!(hyphen_words_as_values(plain.clone()), plain);
        // The value of an option stays the option's.
        assert_eq!(
            hyphen_words_as_values(line(&[
                "argraph",
                "ingest",
                "-",
                "--name",
                "-草稿.txt",
                "-老人.txt"
            ])),
            line(&[
                "argraph",
                "ingest",
                "-",
                "--name",
                "-草稿.txt",
                "--",
                "-老人.txt"
            ])
        );
        let separated = line(&["argraph", "search", "--", "-老人"]);
        assert_eq!(hyphen_words_as_values(separated.clone()), separated);
        let cli = Cli::try_parse_from(hyphen_words_as_values(line(&[
            "argraph", "search", "-老人", "--json",
        ])))
        .unwrap();
        match cli.command {
            Command::Search(a) => {
                assert_eq!(a.query, vec!["-老人".to_owned()]);
                assert!(a.json.json);
            }
            _ => panic!("search"),
        }
    }
}

/// A claim kind for `--kind`, listed as possible values in the help and the
/// completions; a role given there (`thesis`) is pointed to `--role`.
#[derive(Clone)]
struct KindParser;

const KINDS: [&str; 3] = ["major_claim", "claim", "premise"];

impl clap::builder::TypedValueParser for KindParser {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let s = value.to_string_lossy();
        if KINDS.contains(&s.as_ref()) {
            return Ok(s.into_owned());
        }
        let role = s
            .parse::<crate::model::Role>()
            .map(|r| {
                format!(
                    "; {} is a role: `list claims --role {}`",
                    r.as_str(),
                    r.as_str()
                )
            })
            .unwrap_or_default();
        let flag = arg.map_or("--kind".to_owned(), |a| a.to_string());
        Err(clap::Error::raw(
            clap::error::ErrorKind::InvalidValue,
            format!("invalid value '{s}' for '{flag}': kinds are major_claim, claim and premise{role}\n"),
        )
        .with_cmd(cmd))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            KINDS.into_iter().map(clap::builder::PossibleValue::new),
        ))
    }
}
