//! Integration tests: the real `argraph` binary against real files.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const SEED: &str = "seeds/metaverse-industrial-internet.txt";

/// The text of the claim with this id in a JSON export.
/// The first claim of an exported graph whose text opens with `start`.
fn claim_opening<'a>(g: &'a Value, start: &str) -> &'a Value {
    g["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap().starts_with(start))
        .unwrap_or_else(|| panic!("no claim opens with {start}"))
}

fn claim_text(g: &Value, id: &Value) -> String {
    g["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == *id)
        .unwrap()["text"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The rule of each finding of an `audit --format json` report, in order.
fn finding_rules(report: &Value) -> Vec<&str> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

/// The binary as a plain process (to spawn it, signal it or give it
/// other standard streams), on `db`.
fn argraph_process(db: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("argraph"));
    c.arg("--db").arg(db).env_remove("ARGRAPH_DB");
    c
}

fn argraph(db: &Path) -> Command {
    let mut c = Command::cargo_bin("argraph").unwrap();
    c.arg("--db")
        .arg(db)
        .env_remove("ARGRAPH_DB")
        .env("NO_COLOR", "1");
    c
}

struct Kb {
    dir: TempDir,
    db: PathBuf,
}

impl Kb {
    fn new() -> Kb {
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("kb.db");
        Kb { dir, db }
    }

    fn seeded() -> Kb {
        let kb = Kb::new();
        kb.run(&["ingest", SEED]).success();
        kb
    }

    fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        argraph(&self.db).args(args).assert()
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self.run(args).success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    }

    /// The rules `audit` reports on the base, whatever its exit code (1
    /// when it finds an error).
    fn audit_rules(&self) -> Vec<String> {
        let out = self
            .run(&["audit", "--format", "json"])
            .get_output()
            .stdout
            .clone();
        let v: Value = serde_json::from_slice(&out).unwrap();
        finding_rules(&v).into_iter().map(str::to_owned).collect()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.stdout(args)).unwrap()
    }

    /// The JSON a successful run prints, given `input` on standard input.
    fn json_with_stdin(&self, args: &[&str], input: impl Into<Vec<u8>>) -> Value {
        let out = argraph(&self.db)
            .args(args)
            .write_stdin(input.into())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).unwrap()
    }

    fn export(&self) -> String {
        self.stdout(&["export", "--format", "json"])
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

#[test]
fn ingest_seed_counts_essays_sections_claims() {
    let kb = Kb::seeded();
    let stats = kb.json(&["stats", "--json"]);
    assert_eq!(stats["documents"], 1);
    assert_eq!(stats["essays"], 2);
    assert_eq!(stats["sections"], 4);
    let claims = stats["claims"].as_i64().unwrap();
    assert!((90..=120).contains(&claims), "{claims} claims");
    // The breakdowns are objects with every key, and add up.
    let sum = |key: &str, keys: usize| -> i64 {
        let o = stats[key].as_object().unwrap_or_else(|| panic!("{stats}"));
        assert_eq!(o.len(), keys, "{stats}");
        o.values().map(|v| v.as_i64().unwrap()).sum()
    };
    assert_eq!(sum("claims_by_kind", 3), claims);
    assert_eq!(sum("claims_by_role", 7), claims);
    assert_eq!(stats["claims_by_role"]["thesis"], 2, "{stats}");
    assert_eq!(
        sum("edges_by_relation", 5),
        stats["edges"].as_i64().unwrap()
    );
    let text = kb.stdout(&["stats"]);
    assert!(text.contains("2 thesis"), "{text}");
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    let titles: Vec<&str> = g["essays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        vec![
            "当元宇宙遇上产业互联网",
            "当元宇宙成为互联网公司的“颜值担当”"
        ]
    );
    let headings: Vec<&str> = g["essays"][0]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["heading"].as_str().unwrap())
        .collect();
    assert_eq!(
        headings,
        vec![
            "元宇宙让产业互联网得到了复现",
            "元宇宙让产业互联网不再是假想",
            "元宇宙让产业互联网有了生机",
            "元宇宙让产业互联网得到了释放"
        ]
    );
    // One major claim per essay.
    for e in g["essays"].as_array().unwrap() {
        let majors = g["claims"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["essay"] == e["id"] && c["kind"] == "major_claim")
            .count();
        assert_eq!(majors, 1);
    }
}

#[test]
fn claim_spans_point_at_their_text() {
    let kb = Kb::seeded();
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    let doc: Vec<char> = std::fs::read_to_string(SEED).unwrap().chars().collect();
    for c in g["claims"].as_array().unwrap() {
        let (s, e) = (
            c["span"][0].as_u64().unwrap() as usize,
            c["span"][1].as_u64().unwrap() as usize,
        );
        let slice: String = doc[s..e].iter().collect();
        // A repaired page break is the only whitespace a claim may skip.
        let squeezed: String = slice.chars().filter(|c| *c != '\n').collect();
        assert_eq!(squeezed, c["text"].as_str().unwrap());
    }
}

#[test]
fn reingest_is_a_noop_and_export_is_byte_identical() {
    let kb = Kb::seeded();
    let before = kb.export();
    kb.run(&["ingest", SEED])
        .success()
        .stderr(predicate::str::contains("unchanged"));
    assert_eq!(kb.export(), before);
    // A fresh database from the same text gets the same ids.
    let other = Kb::seeded();
    assert_eq!(other.export(), before);
}

#[test]
fn edited_file_replaces_its_graph() {
    let kb = Kb::new();
    let path = kb.file(
        "essay.txt",
        "题目\n\n第一段说明观点。因此我们要读书。\n".as_bytes(),
    );
    kb.run(&["ingest", path.to_str().unwrap()]).success();
    let first = kb.json(&["stats", "--json"]);
    std::fs::write(
        &path,
        "题目\n\n第一段说明观点。因此我们要读书。\n\n第二段补充理由。比如古人也读书。\n",
    )
    .unwrap();
    kb.run(&["ingest", path.to_str().unwrap()])
        .success()
        .stderr(
            predicate::str::contains("replaced").and(predicate::str::contains("its ids are new")),
        );
    let second = kb.json(&["stats", "--json"]);
    assert_eq!(second["documents"], 1);
    assert!(second["claims"].as_i64() > first["claims"].as_i64());
}

#[test]
fn a_file_repeating_another_saves_nothing_and_counts_nothing() {
    let kb = Kb::new();
    let text = "题目\n\n我认为要读书。比如古人也读书。\n".as_bytes();
    kb.file("a.txt", text);
    kb.file("b.txt", text);
    let dir = kb.dir.path().to_str().unwrap();
    let out = kb.json(&["ingest", dir, "--json"]);
    let files = out["files"].as_array().unwrap();
    let dup: Vec<&Value> = files
        .iter()
        .filter(|f| f["outcome"] == "duplicate")
        .collect();
    assert_eq!(dup.len(), 1, "{out}");
    assert_eq!(dup[0]["claims"], 0);
    assert_eq!(dup[0]["essays"], 0);
    let stored = kb.json(&["stats", "--json"])["claims"].as_u64().unwrap();
    let reported: u64 = files.iter().map(|f| f["claims"].as_u64().unwrap()).sum();
    assert_eq!(reported, stored);
    // The summary line speaks of the rows saved, not of the analysis.
    let other = Kb::new();
    other.file("a.txt", text);
    other.file("b.txt", text);
    other
        .run(&["ingest", other.dir.path().to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains(format!("({stored} claims saved)")));
}

#[test]
fn markdown_titles_and_sections() {
    let kb = Kb::new();
    let md = "# 论读书\n\n读书使人明智。\n\n## 读书的好处\n\n读书可以开阔眼界。比如，读史使人明智。\n\n## 读书的方法\n\n读书要思考。\n\n# 论运动\n\n运动使人健康。\n";
    let path = kb.file("two.md", md.as_bytes());
    kb.run(&["ingest", path.to_str().unwrap()]).success();
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    assert_eq!(g["essays"].as_array().unwrap().len(), 2);
    assert_eq!(g["essays"][0]["title"], "论读书");
    assert_eq!(g["essays"][0]["sections"][1]["heading"], "读书的方法");
    assert_eq!(g["essays"][1]["title"], "论运动");
    // The extension in any case.
    let upper = kb.file("NOTES.MD", "# 论书法\n\n书法是艺术。\n".as_bytes());
    let v = kb.json(&["ingest", "--dry-run", "--json", upper.to_str().unwrap()]);
    assert_eq!(v[0]["extraction"]["essays"][0]["title"], "论书法", "{v}");
}

#[test]
fn bad_files_are_rejected_and_the_database_is_unchanged() {
    let kb = Kb::seeded();
    let before = kb.export();
    // A UTF-16 byte-order mark followed by an odd number of bytes.
    let broken = kb.file("broken.txt", b"\xFF\xFE\x2d\x4e\x87");
    kb.run(&["ingest", broken.to_str().unwrap()])
        .code(2)
        .stderr(
            predicate::str::contains("not valid UTF-16LE")
                .and(predicate::str::contains("broken.txt")),
        );
    let empty = kb.file("empty.txt", b"  \n \n");
    kb.run(&["ingest", empty.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("empty"));
    let binary = kb.file("bin.txt", b"abc\0\x01\x02");
    kb.run(&["ingest", binary.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("binary"));
    assert_eq!(kb.export(), before);
    // Each error is one line.
    let out = kb
        .run(&["ingest", empty.to_str().unwrap()])
        .get_output()
        .stderr
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap().trim_end().lines().count(),
        1
    );
    // Into a base that did not exist: a file named alone, or standard
    // input, that cannot be read leaves no empty base behind.
    let fresh = Kb::new();
    assert!(!fresh.db.exists());
    fresh.run(&["ingest", broken.to_str().unwrap()]).code(2);
    fresh
        .run(&["ingest", "--json", empty.to_str().unwrap()])
        .code(2);
    argraph(&fresh.db)
        .args(["ingest", "-", "--name", "x.txt"])
        .write_stdin(&b"abc\0\x01\x02"[..])
        .assert()
        .code(2);
    let left: Vec<_> = std::fs::read_dir(fresh.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(!fresh.db.exists(), "{left:?}");
    // A directory with one good file among bad ones: the base is made and
    // keeps it.
    let bad_dir = fresh.dir.path().join("bad");
    std::fs::create_dir(&bad_dir).unwrap();
    std::fs::write(bad_dir.join("a.txt"), b"abc\0\x01\x02").unwrap();
    std::fs::write(bad_dir.join("c.txt"), "论读书\n读书使人明智。\n").unwrap();
    fresh.run(&["ingest", bad_dir.to_str().unwrap()]).code(1);
    assert_eq!(
        fresh
            .json(&["list", "essays", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_directory_with_a_bad_file_ingests_the_rest_and_exits_1() {
    let kb = Kb::new();
    let dir = kb.dir.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "观点一。理由一。\n").unwrap();
    std::fs::write(dir.join("b.txt"), b"\xff\xfe\xfd").unwrap();
    std::fs::write(dir.join("c.txt"), "观点三。理由三。\n").unwrap();
    kb.run(&["ingest", dir.to_str().unwrap()])
        .code(1)
        .stderr(predicate::str::contains("b.txt"));
    assert_eq!(kb.json(&["stats", "--json"])["documents"], 2);
    // A directory whose one file fails is still a directory's files (1);
    // that file named alone is the run's error (2).
    let lone = kb.dir.path().join("lone");
    std::fs::create_dir(&lone).unwrap();
    std::fs::write(lone.join("empty.txt"), "").unwrap();
    for dry in [false, true] {
        let mut args = vec!["ingest", lone.to_str().unwrap()];
        if dry {
            args.push("--dry-run");
        }
        kb.run(&args)
            .code(1)
            .stderr(predicate::str::contains("empty.txt"));
    }
    kb.run(&["ingest", lone.join("empty.txt").to_str().unwrap()])
        .code(2);
    // So is a directory's one file that is a link to nothing.
    let linked = kb.dir.path().join("linked");
    std::fs::create_dir(&linked).unwrap();
    std::os::unix::fs::symlink(linked.join("gone.txt"), linked.join("a.txt")).unwrap();
    kb.run(&["ingest", linked.to_str().unwrap()]).code(1);
}

/// A signal that ends an export (Ctrl-C, `kill`) leaves neither its hidden
/// temporary file nor a partial output behind, and the process still ends
/// by that signal.
#[cfg(unix)]
#[test]
fn an_export_ended_by_a_signal_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    let kb = Kb::new();
    let dir = kb.dir.path().join("essays");
    std::fs::create_dir(&dir).unwrap();
    // ~30,000 claims: an AIF map of tens of megabytes, written over a
    // good part of a second.
    for f in 0..150 {
        let mut essay = format!("论读书之{f}\n");
        for p in 0..20 {
            for s in 0..10 {
                essay.push_str(&format!(
                    "第{f}篇第{p}段第{s}句说，我们应该认真读书，因为读书使人进步，也使人明智。"
                ));
            }
            essay.push('\n');
        }
        std::fs::write(dir.join(format!("{f}.txt")), essay).unwrap();
    }
    kb.run(&["ingest", dir.to_str().unwrap()]).success();
    let out = kb.dir.path().join("map.aif");
    let temporary = |dir: &Path| {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().starts_with(".map.aif.tmp"))
    };
    // SIGINT once the export is writing its temporary file (or has ended).
    let interrupt_while_writing = |child: &mut std::process::Child| {
        let started = std::time::Instant::now();
        while !temporary(kb.dir.path()) && started.elapsed().as_secs() < 20 {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        // SAFETY: kill(2) on a child this test spawned and has not reaped.
        unsafe {
            libc::kill(child.id() as libc::pid_t, libc::SIGINT);
        }
        child.wait().unwrap()
    };
    // The export may win the race: up to ten tries, until one is caught.
    let mut caught = 0;
    for _ in 0..10 {
        if caught > 0 {
            break;
        }
        let mut export = argraph_process(&kb.db);
        export.args(["export", "--format", "aif", "-o"]).arg(&out);
        // SIGINT as an interactive shell leaves it: a test run started in
        // the background (`cargo test &`, `nohup`) hands its children
        // SIGINT ignored, and the export rightly keeps ignoring it.
        let mut child = with_sigint(&mut export, libc::SIG_DFL).spawn().unwrap();
        let status = interrupt_while_writing(&mut child);
        assert!(
            !temporary(kb.dir.path()),
            "a temporary file was left behind"
        );
        if status.signal() == Some(2) {
            caught += 1;
            assert!(!out.exists(), "no output from an export cut short");
        } else {
            // It finished first: a whole file.
            assert!(status.success(), "{status:?}");
            std::fs::remove_file(&out).unwrap();
        }
    }
    assert!(caught > 0, "the export always finished before the signal");
    // Started with SIGINT ignored (a background job of a script, `nohup`
    // for SIGHUP), the export ignores it and finishes.
    let mut export = argraph_process(&kb.db);
    export.args(["export", "--format", "aif", "-o"]).arg(&out);
    let mut child = with_sigint(&mut export, libc::SIG_IGN).spawn().unwrap();
    assert!(interrupt_while_writing(&mut child).success());
    assert!(out.exists() && !temporary(kb.dir.path()));
}

/// `command`, to be started with SIGINT's disposition set to `handler`
/// (`SIG_DFL`, `SIG_IGN`) whatever this test process has.
#[cfg(unix)]
fn with_sigint(
    command: &mut std::process::Command,
    handler: libc::sighandler_t,
) -> &mut std::process::Command {
    // SAFETY: between fork and exec only the async-signal-safe signal(2).
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(command, move || {
            libc::signal(libc::SIGINT, handler);
            Ok(())
        })
    }
}

/// `export | head` closes standard output under a running export: the
/// export stops quietly with exit 0, whichever format (the streamed AIF
/// writer reported `Broken pipe` and exited 2).
#[test]
fn an_export_to_a_reader_that_stops_early_exits_0() {
    use std::io::Read;
    let kb = Kb::seeded();
    // Each is larger than a pipe's buffer (64 KiB), so the writer meets the
    // closed end.
    for format in ["aif", "graphml", "html", "json"] {
        let mut child = argraph_process(&kb.db)
            .args(["export", "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut head = [0u8; 10];
        child.stdout.take().unwrap().read_exact(&mut head).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_closed_stderr_neither_stops_an_ingest_nor_changes_the_exit_code() {
    // `2>&1 | head` closes stderr under a running ingest; /dev/full fails
    // every write the same way.
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        println!("skipped: no /dev/full here");
        return;
    };
    let kb = Kb::new();
    let dir = kb.dir.path().join("essays");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..5 {
        let essay = format!("读书{i}\n我认为读书使人进步。\n比如鲁迅一生读书{i}万卷。\n");
        std::fs::write(dir.join(format!("{i}.txt")), essay).unwrap();
    }
    let status = argraph_process(&kb.db)
        .args(["-v", "ingest", dir.to_str().unwrap()])
        .stderr(full.try_clone().unwrap())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let stats = kb.json(&["stats", "--json"]);
    assert_eq!(stats["documents"], 5, "{stats}");
    // An error still exits with its own code when it cannot be said.
    let status = argraph_process(&kb.dir.path().join("none.db"))
        .args(["stats"])
        .stderr(full)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
}

#[test]
fn unknown_and_ambiguous_ids() {
    let kb = Kb::new();
    let dir = kb.dir.path().join("many");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..40 {
        std::fs::write(
            dir.join(format!("{i:02}.txt")),
            format!("第{i}篇的观点。这是理由。\n"),
        )
        .unwrap();
    }
    kb.run(&["ingest", dir.to_str().unwrap()]).success();
    kb.run(&["export", "--essay", "zzzz"])
        .code(2)
        .stderr(predicate::str::contains("no essay matches id 'zzzz'"));
    // 40 essays, 16 possible first characters: some first character is shared.
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    let firsts: Vec<char> = g["essays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().chars().next().unwrap())
        .collect();
    let shared = firsts
        .iter()
        .find(|c| firsts.iter().filter(|d| d == c).count() > 1)
        .unwrap();
    kb.run(&["export", "--essay", &shared.to_string()])
        .code(2)
        .stderr(predicate::str::contains("ambiguous"));
    // A unique full id works.
    let id = g["essays"][0]["id"].as_str().unwrap();
    let one: Value = serde_json::from_str(&kb.stdout(&["export", "--essay", id])).unwrap();
    assert_eq!(one["essays"].as_array().unwrap().len(), 1);
}

#[test]
fn database_from_a_newer_argraph_is_refused() {
    let kb = Kb::seeded();
    let conn = rusqlite::Connection::open(&kb.db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    kb.run(&["stats"])
        .code(2)
        .stderr(predicate::str::contains("newer argraph").and(predicate::str::contains("v99")));
}

#[test]
fn not_a_database_is_refused() {
    let kb = Kb::new();
    std::fs::write(
        &kb.db,
        "this is not sqlite at all, just some words in a file",
    )
    .unwrap();
    kb.run(&["stats"])
        .code(2)
        .stderr(predicate::str::contains("not an SQLite database"));
    // Read-only as well: what it is comes first, as making it writable
    // would not help (a new user's session was told "read-only").
    let mut perms = std::fs::metadata(&kb.db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&kb.db, perms.clone()).unwrap();
    kb.run(&["ingest", SEED])
        .code(2)
        .stderr(predicate::str::contains("not an SQLite database"));
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&kb.db, perms).unwrap();
    assert_eq!(
        std::fs::read_to_string(&kb.db).unwrap(),
        "this is not sqlite at all, just some words in a file"
    );
    // An empty file is no base yet: a query leaves it empty; ingest fills it.
    std::fs::write(&kb.db, "").unwrap();
    for query in [&["stats"][..], &["sql", "SELECT 1"]] {
        kb.run(query)
            .code(2)
            .stderr(predicate::str::contains("is an empty file"));
    }
    kb.run(&["remove", "a.txt"])
        .code(2)
        .stderr(predicate::str::contains("is an empty file"));
    assert_eq!(std::fs::metadata(&kb.db).unwrap().len(), 0);
    kb.run(&["ingest", SEED]).success();
    // A copy cut short says what to do, as other damage does.
    let cut = kb.dir.path().join("cut.db");
    let whole = std::fs::read(&kb.db).unwrap();
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    argraph(&cut)
        .arg("stats")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is damaged").and(predicate::str::contains("backup")));
    // A link that leads back to itself is named as one, not as missing.
    let looped = kb.dir.path().join("loop.db");
    std::os::unix::fs::symlink(&looped, &looped).unwrap();
    for args in [&["stats"][..], &["ingest", SEED]] {
        argraph(&looped)
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "symbolic link that leads back to itself",
            ));
    }
    // A directory, or a path in a directory that is not there, says so.
    argraph(kb.dir.path())
        .arg("stats")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    argraph(&kb.dir.path().join("no/such/kb.db"))
        .args(["ingest", SEED])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("does not exist").and(predicate::str::contains("no/such")),
        );
}

/// A dry run says which file ingest would record as another's copy: the
/// same text (whatever its line endings) earlier in the run.
#[test]
fn a_dry_run_names_the_copies_ingest_would_record() {
    let kb = Kb::new();
    let dir = kb.dir.path().join("class");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "论读书\n读书使人明智。我们应该多读书。\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.txt"),
        "论读书\r\n读书使人明智。我们应该多读书。\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("c.txt"),
        "论运动\n运动有益健康。我们应该多运动。\n",
    )
    .unwrap();
    let listed = kb.json(&["ingest", "--dry-run", "--json", dir.to_str().unwrap()]);
    let same: Vec<(String, Option<String>)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let name = |v: &Value| {
                Path::new(v.as_str().unwrap())
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            };
            (name(&e["path"]), e.get("same_as").map(name))
        })
        .collect();
    assert_eq!(
        same,
        [
            ("a.txt".to_owned(), None),
            ("b.txt".to_owned(), Some("a.txt".to_owned())),
            ("c.txt".to_owned(), None)
        ]
    );
    let text = kb.stdout(&["ingest", "--dry-run", dir.to_str().unwrap()]);
    assert_eq!(text.matches("same text as").count(), 1, "{text}");
    assert!(!kb.db.exists());
    // And ingest does record it so.
    kb.run(&["ingest", dir.to_str().unwrap()]).success();
    assert_eq!(kb.json(&["stats", "--json"])["copies"], 1);
}

#[test]
fn dry_run_writes_nothing_and_shows_markers() {
    let kb = Kb::new();
    kb.run(&["ingest", "--dry-run", SEED]).success().stdout(
        predicate::str::contains("正是因为如此")
            .and(predicate::str::contains("initial:conclusion")),
    );
    assert!(!kb.db.exists());
}

/// A dry run over a directory shows every readable file, in order, past
/// one it cannot read, and says so at the end with exit code 1; with
/// `--json` its standard output is still one list.
#[test]
fn a_dry_run_shows_the_readable_files_past_a_bad_one() {
    let kb = Kb::new();
    let dir = kb.dir.path().join("essays");
    std::fs::create_dir(&dir).unwrap();
    let seed = std::fs::read(SEED).unwrap();
    std::fs::write(dir.join("a.txt"), &seed).unwrap();
    std::fs::write(dir.join("b.txt"), b"abc\0\x01\x02").unwrap();
    std::fs::write(
        dir.join("c.txt"),
        "论读书\n读书使人明智。我们应该多读书。\n",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let out = kb.run(&["ingest", "--dry-run", d]).code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let a = stdout.find("a.txt").expect("a.txt listed");
    let c = stdout.find("c.txt").expect("c.txt listed");
    assert!(a < c, "in the order of the files");
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("b.txt") && stderr.contains("binary"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 of 3 inputs could not be read"),
        "{stderr}"
    );
    let out = kb.run(&["ingest", "--dry-run", "--json", d]).code(1);
    let list: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    // Printed document by document, laid out as one pretty-printed list.
    // (Numbers aside: parsing a float back is not exact in the last digit.)
    let printed = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let whole = serde_json::to_string_pretty(&list).unwrap() + "\n";
    let layout = |s: &str| -> Vec<String> {
        s.lines()
            .map(|l| {
                l.trim_end_matches(|c: char| c.is_ascii_digit() || ".-e,".contains(c))
                    .to_owned()
            })
            .collect()
    };
    assert_eq!(layout(&printed), layout(&whole));
    assert!(printed.ends_with("\n]\n"));
    let paths: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    // Every file has its entry, in order: the bad one says why instead.
    assert_eq!(paths.len(), 3);
    assert!(paths[0].ends_with("a.txt") && paths[2].ends_with("c.txt"));
    assert!(paths[1].ends_with("b.txt"), "{list}");
    assert!(
        list[1]["error"].as_str().unwrap().contains("binary"),
        "{list}"
    );
    assert!(list[1].get("extraction").is_none());
    assert!(list[2]["extraction"]["claims"].as_array().unwrap().len() >= 2);
    // --fail-fast stops at the bad file: what came before it is shown.
    let out = kb.run(&["ingest", "--dry-run", "--fail-fast", d]).code(2);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("a.txt") && !stdout.contains("c.txt"),
        "{stdout}"
    );
    // Nothing readable: said so. (A file named twice is one input, so a
    // second bad file is made.)
    let b = dir.join("b.txt");
    let b2 = dir.join("b2.txt");
    std::fs::copy(&b, &b2).unwrap();
    kb.run(&[
        "ingest",
        "--dry-run",
        b.to_str().unwrap(),
        b2.to_str().unwrap(),
    ])
    .code(1)
    .stderr(predicate::str::contains("none is shown"));
    assert!(!kb.db.exists());
}

/// A file saved as a single claim (a title whose essay is missing) is
/// saved, with a note saying so; a real essay gets no such note.
#[test]
fn a_lone_claim_file_is_noted() {
    let kb = Kb::new();
    let title = kb.file("title.txt", "论诚信\n".as_bytes());
    kb.run(&["ingest", title.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("note: ").and(predicate::str::contains("body missing")));
    kb.run(&["ingest", SEED])
        .success()
        .stderr(predicate::str::contains("note: ").not());
}

#[test]
fn demo_runs_on_the_bundled_seeds() {
    let kb = Kb::new();
    kb.run(&["demo"]).success().stdout(
        predicate::str::contains("当元宇宙遇上产业互联网").and(predicate::str::contains("thesis")),
    );
    // Files are reported in ingest's words (it printed `(Unchanged)`).
    kb.run(&["demo"]).success().stdout(
        predicate::str::contains("unchanged seeds/")
            .and(predicate::str::contains("(Unchanged)").not()),
    );
    // The `show` it suggests names a real claim, so it runs as pasted.
    let out = kb.stdout(&["demo"]);
    let id = out
        .lines()
        .find_map(|l| l.trim().split_once(" show ").map(|(_, id)| id.to_owned()))
        .expect("a show command among the next steps");
    assert!(kb.stdout(&["show", &id]).contains("major_claim"));
}

/// Taiwan's and Hong Kong's variant marks (﹐ for ，, ﹖ for ？, ⋯⋯ for ……)
/// read as the standard ones: the same claims, roles and edges, each
/// claim's text with the marks as written.
#[test]
fn variant_punctuation_reads_as_the_standard_marks() {
    let plain = std::fs::read_to_string("tests/data/unseen-network-reading.txt").unwrap();
    let variant = plain
        .replace('，', "﹐")
        .replace('？', "﹖")
        .replace('…', "⋯");
    assert_ne!(plain, variant);
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("variant.txt");
    std::fs::write(&file, &variant).unwrap();
    let shape = |file: &str| -> (Vec<String>, Vec<String>) {
        let kb = Kb::new();
        let v = kb.json(&["ingest", "--dry-run", "--json", file]);
        let x = &v[0]["extraction"];
        let claims = x["claims"].as_array().unwrap();
        let index = |id: &Value| claims.iter().position(|c| &c["id"] == id).unwrap();
        let nodes = claims
            .iter()
            .map(|c| {
                format!(
                    "{} {} {}",
                    c["role"],
                    c["span"],
                    c["text"]
                        .as_str()
                        .unwrap()
                        .replace('﹐', "，")
                        .replace('﹖', "？")
                        .replace('⋯', "…")
                )
            })
            .collect();
        let edges = x["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{} -{}-> {}",
                    index(&e["from"]),
                    e["relation"],
                    index(&e["to"])
                )
            })
            .collect();
        (nodes, edges)
    };
    assert_eq!(
        shape(file.to_str().unwrap()),
        shape("tests/data/unseen-network-reading.txt")
    );
    let kb = Kb::new();
    let v = kb.json(&["ingest", "--dry-run", "--json", file.to_str().unwrap()]);
    assert!(v[0]["extraction"]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["text"].as_str().unwrap().contains('﹐')));
}

/// An essay in traditional characters is read as its simplified copy: the
/// same claims, roles, spans and edges as the same essay in simplified
/// characters, each claim in the essay's own characters; a query in either
/// script finds them.
#[test]
fn an_essay_in_traditional_characters_reads_as_in_simplified() {
    let graph = |file: &str| -> (Kb, Value) {
        let kb = Kb::new();
        kb.run(&["ingest", file]).success();
        let g = serde_json::from_str(&kb.export()).unwrap();
        (kb, g)
    };
    let (_, simple) = graph("tests/data/unseen-network-reading.txt");
    let traditional_file = "tests/data/unseen-network-reading-traditional.txt";
    let (kb, trad) = graph(traditional_file);
    let shape = |g: &Value| -> (Vec<String>, Vec<String>) {
        let claims = g["claims"].as_array().unwrap();
        let index = |id: &Value| claims.iter().position(|c| &c["id"] == id).unwrap();
        let nodes = claims
            .iter()
            .map(|c| {
                format!(
                    "{} {} {} {} {}",
                    c["kind"], c["role"], c["span"], c["hedged"], c["stance"]
                )
            })
            .collect();
        let edges = g["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{} -{} {}-> {}",
                    index(&e["from"]),
                    e["relation"],
                    e["rule"],
                    index(&e["to"])
                )
            })
            .collect();
        (nodes, edges)
    };
    assert_eq!(shape(&trad), shape(&simple));
    let text: Vec<char> = std::fs::read_to_string(traditional_file)
        .unwrap()
        .chars()
        .collect();
    for c in trad["claims"].as_array().unwrap() {
        let (s, e) = (
            c["span"][0].as_u64().unwrap() as usize,
            c["span"][1].as_u64().unwrap() as usize,
        );
        let slice: String = text[s..e].iter().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(c["text"].as_str().unwrap(), slice);
    }
    assert_eq!(trad["essays"][0]["title"], "論網絡閱讀");
    for query in ["閱讀習慣", "阅读习惯"] {
        let hits = kb.json(&["search", query, "--json"]);
        assert_eq!(
            hits[0]["claim"]["text"], "網絡閱讀正在改變我們的閱讀習慣。",
            "{query}: {hits}"
        );
    }
    // The HTML report underlines the markers in the essay's own characters.
    let html = kb.stdout(&["export", "--format", "html"]);
    assert!(
        html.contains("<u class=\"marker\">換句話說</u>"),
        "no 換句話說 underlined"
    );
    // A map of it, imported, is indexed as the essay was: whole words.
    let map = kb.dir.path().join("trad.argdown");
    kb.run(&["export", "--format", "argdown", "-o", map.to_str().unwrap()])
        .success();
    let imported = Kb::new();
    imported.run(&["import", map.to_str().unwrap()]).success();
    let hits = imported.json(&["search", "閱讀習慣", "--json"]);
    assert_eq!(hits[0]["all_words"], true, "{hits}");
    // Words OpenCC converts as phrases: 彷彿 is 仿佛 (a hedge), not 彷佛.
    let hedges = |name: &str, text: &str| {
        let kb = Kb::new();
        let f = kb.file(name, text.as_bytes());
        kb.run(&["ingest", f.to_str().unwrap()]).success();
        let g: Value = serde_json::from_str(&kb.export()).unwrap();
        g["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["hedged"].clone())
            .collect::<Vec<_>>()
    };
    let simple = hedges(
        "s.txt",
        "读书\n\n我认为读书仿佛打开一扇窗。因为书中有前人的经验。总之，我们要多读书。\n",
    );
    let traditional = hedges(
        "t.txt",
        "讀書\n\n我認為讀書彷彿打開一扇窗。因為書中有前人的經驗。總之，我們要多讀書。\n",
    );
    assert_eq!(traditional, simple);
    assert_eq!(simple[0], true);
}

#[test]
fn unseen_essay_gets_thesis_rebuttal_and_examples() {
    let kb = Kb::new();
    kb.run(&["ingest", "tests/data/unseen-network-reading.txt"])
        .success();
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    let text = |id: &Value| claim_text(&g, id);
    let major = g["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "major_claim")
        .unwrap();
    // The position is stated where the first paragraph turns (但是…); the
    // closing 因此 sentence restates it as a conclusion.
    assert!(major["text"].as_str().unwrap().starts_with("但是，碎片化"));
    assert_eq!(major["role"], "thesis");
    let role_of = |start: &str| claim_opening(&g, start)["role"].clone();
    assert_eq!(role_of("因此，网络阅读"), "conclusion");
    let has = |rel: &str, from: &str, to: &str| {
        g["edges"].as_array().unwrap().iter().any(|e| {
            e["relation"] == rel
                && text(&e["from"]).starts_with(from)
                && text(&e["to"]).starts_with(to)
        })
    };
    assert!(has("attacks", "事实上", "有人认为"));
    assert!(has("exemplifies", "比如", "事实上"));
    assert!(has("attacks", "虽然", "但是深度阅读"));
}

// ---- query commands (issue #4) ----

fn claim_id(kb: &Kb, like: &str) -> String {
    let rows = kb.json(&[
        "sql",
        &format!("SELECT id FROM claims WHERE text LIKE '{like}'"),
        "--json",
    ]);
    assert_eq!(rows.as_array().unwrap().len(), 1, "{like}");
    rows[0]["id"].as_str().unwrap().to_owned()
}

#[test]
fn show_lists_neighbours_in_both_directions() {
    let kb = Kb::seeded();
    let id = claim_id(&kb, "可见%");
    let v = kb.json(&["show", &id[..8], "--json"]);
    assert_eq!(v["claim"]["id"], id.as_str());
    assert_eq!(v["location"]["line"], 23);
    assert_eq!(v["location"]["column"], 1);
    let groups: Vec<(String, String)> = v["neighbours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["group"].as_str().unwrap().to_owned(),
                n["claim"]["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(groups
        .iter()
        .any(|(g, t)| g == "supported by" && t.starts_with("我们都知道")));
    assert!(groups
        .iter()
        .any(|(g, t)| g == "restates" && t == "元宇宙让产业互联网得到了复现。"));
    let text = kb.stdout(&["show", &id]);
    assert!(text.contains("seeds/metaverse-industrial-internet.txt:23:1"));
    assert!(text.contains("supported by:") && text.contains("[可见]"));
    assert!(!text.contains('\u{1b}'), "no colour when not on a terminal");
    // A half of a split sentence says its features are the sentence's.
    assert!(!text.contains("half of a sentence"), "{text}");
    let half = kb.json(&[
        "sql",
        "SELECT id FROM claim_view WHERE text LIKE '%，' LIMIT 1",
        "--json",
    ])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(kb.stdout(&["show", &half]).contains("half of a sentence"));
    // A sentence ended by ； is a sentence, not a half.
    let whole = kb.json(&[
        "sql",
        "SELECT id FROM claim_view WHERE text LIKE '%；' LIMIT 1",
        "--json",
    ])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let shown = kb.stdout(&["show", &whole]);
    assert!(!shown.contains("half of a sentence"), "{shown}");
}

#[test]
fn search_ranks_capital_market_claims_first() {
    let kb = Kb::seeded();
    let hits = kb.json(&["search", "产业互联网", "资本市场", "--limit", "3", "--json"]);
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 3);
    for h in hits {
        assert!(
            h["claim"]["text"].as_str().unwrap().contains("资本市场"),
            "{h}"
        );
    }
    let text = kb.stdout(&["search", "资本市场"]);
    assert!(text.contains("资本市场"));
}

#[test]
fn search_cuts_a_query_into_the_words_the_index_holds() {
    let kb = Kb::seeded();
    let ids = |args: &[&str]| -> Vec<String> {
        let hits = kb.json(args);
        hits.as_array()
            .unwrap()
            .iter()
            .map(|h| h["claim"]["id"].as_str().unwrap().to_owned())
            .collect()
    };
    // Run together, the words are found as when typed apart.
    assert_eq!(
        ids(&["search", "产业互联网资本市场", "--json"]),
        ids(&["search", "产业互联网", "资本市场", "--json"])
    );
    // A part no claim holds: claims with the other words still come back,
    // marked as holding only some of the words, and the text says so.
    let some = ids(&["search", "资本市场", "龘龘", "--json"]);
    assert!(!some.is_empty());
    let hits = kb.json(&["search", "资本市场", "龘龘", "--json"]);
    assert!(hits
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["all_words"] == false));
    assert!(kb
        .stdout(&["search", "资本市场", "龘龘"])
        .starts_with("— no claim holds every word"));
    let both = kb.json(&["search", "资本市场", "元宇宙", "--limit", "30", "--json"]);
    let flags: Vec<bool> = both
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["all_words"].as_bool().unwrap())
        .collect();
    assert!(
        flags.windows(2).all(|w| w[0] || !w[1]),
        "every-word hits come first"
    );
    assert!(kb
        .stdout(&["search", "资本市场", "元宇宙", "--limit", "30"])
        .contains("— claims holding only some of the words:"));
    assert!(ids(&["search", "龘龘", "--json"]).is_empty());
}

#[test]
fn hostile_search_queries_never_error_and_change_nothing() {
    let kb = Kb::seeded();
    let before = kb.export();
    for q in [
        "\"",
        "*",
        "AND",
        ")",
        "'; DROP TABLE claims; --",
        "NEAR(元宇宙 OR",
        "产业:互联网",
        "\"元宇宙\" AND (",
        "？？",
    ] {
        kb.run(&["search", q]).success();
        kb.run(&["search", q, "--json"]).success();
    }
    assert_eq!(kb.export(), before);
}

#[test]
fn path_from_a_premise_to_the_major_claim() {
    let kb = Kb::seeded();
    let from = claim_id(&kb, "但是，仅仅只是这些新技术本身%");
    let majors = kb.json(&["list", "claims", "--kind", "major_claim", "--json"]);
    let major = majors[0]["id"].as_str().unwrap();
    let v = kb.json(&["path", &from, major, "--json"]);
    let steps = v["steps"].as_array().unwrap();
    assert!(!steps.is_empty());
    assert_eq!(steps.last().unwrap()["claim"]["id"], major);
    assert_eq!(v["to"]["id"], major);
    // Across essays there is no path: exit 1 with a reason.
    let other = majors[1]["id"].as_str().unwrap();
    kb.run(&["path", &from, other])
        .code(1)
        .stderr(predicate::str::contains("different essays"));
    let out = kb
        .run(&["path", &from, other, "--json"])
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert!(v["steps"].is_null(), "{v}");
    assert_eq!(v["to"]["id"], other);
    assert!(v["reason"].as_str().unwrap().contains("different essays"));
}

/// Every row of a tree fits the terminal, markers (因此, two columns a
/// character) and notes (see above) included: they ran 4 columns past.
#[test]
fn tree_rows_fit_the_terminal() {
    let kb = Kb::seeded();
    let thesis = kb.json(&["list", "claims", "--role", "thesis", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = argraph(&kb.db)
        .env("COLUMNS", "100")
        .args(["tree", &thesis, "--depth", "4"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.lines().count() > 20, "{text}");
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 100,
            "{} columns: {line}",
            unicode_width::UnicodeWidthStr::width(line)
        );
    }
    // Each row gives the claim's role beside its kind (issue #11).
    assert!(text.lines().next().unwrap().contains(" thesis"), "{text}");
    assert!(text.contains(" main_idea "), "{text}");
    // `show` names an edge the roles made `[structure]`, its neighbour's
    // role beside it; `--json` keeps the rule.
    let shown = kb.stdout(&["show", &thesis]);
    assert!(
        shown.contains("[structure] ") && !shown.contains("[structure:"),
        "{shown}"
    );
    let v = kb.json(&["show", &thesis, "--json"]);
    assert!(v["neighbours"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["rule"].as_str().unwrap().starts_with("structure:")));
}

/// `show`'s runners-up and `search`'s hits are cut to the terminal too, and
/// a tree row's marker closes the row, so its id stays in its column.
#[test]
fn show_search_and_tree_rows_keep_to_the_terminal() {
    let kb = Kb::seeded();
    let cols = |line: &str| unicode_width::UnicodeWidthStr::width(line);
    let run = |args: &[&str]| {
        let out = argraph(&kb.db)
            .env("COLUMNS", "60")
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let thesis = kb.json(&["list", "claims", "--role", "thesis", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let shown = run(&["show", &thesis]);
    let runners = shown
        .split("runners-up:")
        .nth(1)
        .expect("the thesis has runners-up");
    assert!(runners.lines().count() > 2, "{shown}");
    for line in runners.lines().filter(|l| l.starts_with("  ")) {
        assert!(cols(line) <= 60, "{} columns: {line}", cols(line));
    }
    // The header and the reasons say `thesis?` for a guess, as `list` does
    // (the seed's theses are guesses).
    let listed = kb.stdout(&["list", "claims", "--role", "thesis"]);
    let guessed = listed
        .lines()
        .find(|l| l.contains("thesis?"))
        .expect("a guessed thesis");
    let id = guessed.split_whitespace().next().unwrap();
    let shown = run(&["show", id]);
    assert!(
        shown.lines().next().unwrap().ends_with("· thesis?"),
        "{shown}"
    );
    assert!(shown.contains("\nwhy thesis? (confidence "), "{shown}");
    let found = run(&["search", "产业互联网", "--limit", "5"]);
    assert!(found.lines().count() >= 5, "{found}");
    for line in found.lines() {
        assert!(cols(line) <= 60, "{} columns: {line}", cols(line));
    }
    // And nothing of a hit's text is lost at the wrap: each hit's lines,
    // joined, are the start of its text.
    let hits = kb.json(&["search", "产业互联网", "--limit", "5", "--json"]);
    let texts: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["claim"]["text"].as_str().unwrap())
        .collect();
    let mut shown: Vec<String> = Vec::new();
    for line in found.lines() {
        match line.strip_prefix("    ") {
            Some(text) => shown.last_mut().unwrap().push_str(text),
            None => shown.push(String::new()),
        }
    }
    assert_eq!(shown.len(), texts.len(), "{found}");
    for (shown, text) in shown.iter().zip(&texts) {
        assert!(
            text.starts_with(shown.trim_end_matches('…')),
            "{shown} / {text}"
        );
    }
    let heading = claim_id(&kb, "元宇宙让产业互联网得到了复现。");
    let tree = run(&["tree", &heading, "--depth", "2"]);
    let marked = tree
        .lines()
        .find(|l| l.contains(" [可见]"))
        .expect("a marked row");
    let unmarked = tree
        .lines()
        .find(|l| l.starts_with("   ") && !l.contains(" ["))
        .expect("an unmarked sibling");
    let id_column = |l: &str| cols(&l[..l.find("8ddc").unwrap()]);
    assert_eq!(id_column(marked), id_column(unmarked), "{tree}");
}

#[test]
fn tree_down_and_up() {
    let kb = Kb::seeded();
    let heading = claim_id(&kb, "元宇宙让产业互联网得到了复现。");
    let t = kb.json(&["tree", &heading, "--depth", "1", "--json"]);
    assert!(!t["children"].as_array().unwrap().is_empty());
    let leaf = claim_id(&kb, "但是，仅仅只是这些新技术本身%");
    let up = kb.json(&["tree", &leaf, "--up", "--depth", "10", "--json"]);
    fn reaches_major(n: &Value) -> bool {
        n["claim"]["kind"] == "major_claim"
            || n["children"].as_array().unwrap().iter().any(reaches_major)
    }
    assert!(reaches_major(&up));
    let only = kb.json(&["tree", &heading, "--relations", "attacks", "--json"]);
    assert!(only["children"].as_array().unwrap().is_empty());
    kb.run(&["tree", &heading, "--relations", "nonsense"])
        .code(2);
    let text = kb.stdout(&["tree", &heading, "--depth", "2"]);
    assert!(text.contains("├─") || text.contains("└─"));
    // Cut at the root: the root says so, as a cut branch does.
    let root_only = kb.stdout(&["tree", &heading, "--depth", "0"]);
    assert_eq!(root_only.lines().count(), 1, "{root_only}");
    assert!(
        root_only.trim_end().ends_with("(more: --depth)"),
        "{root_only}"
    );
    assert!(
        !text.lines().next().unwrap().ends_with("(more: --depth)"),
        "{text}"
    );
}

#[test]
fn related_finds_claims_in_other_sections() {
    let kb = Kb::seeded();
    let id = claim_id(&kb, "元宇宙的出现，特别是元宇宙在资本市场上%");
    let me = kb.json(&["show", &id, "--json"]);
    let rel = kb.json(&["related", &id, "--json"]);
    let rel = rel.as_array().unwrap();
    assert!(!rel.is_empty());
    for r in rel {
        assert!(
            r["claim"]["section"] != me["claim"]["section"]
                || r["claim"]["essay"] != me["claim"]["essay"]
        );
        assert!(!r["shared_terms"].as_array().unwrap().is_empty());
    }
}

#[test]
fn terms_lists_key_concepts() {
    let kb = Kb::seeded();
    let t = kb.json(&["terms", "--top", "3", "--json"]);
    let top: Vec<&str> = t
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["term"].as_str().unwrap())
        .collect();
    assert!(
        top.contains(&"元宇宙") && top.contains(&"产业互联网"),
        "{top:?}"
    );
}

#[test]
fn sql_is_read_only() {
    let kb = Kb::seeded();
    // Written to a pipe, a long text is whole (on a terminal it is cut at
    // 60 columns), and one row is "1 row".
    let long = kb.stdout(&[
        "sql",
        "SELECT text FROM claims ORDER BY length(text) DESC LIMIT 1",
    ]);
    assert!(
        !long.contains('…') && long.lines().nth(1).unwrap().chars().count() > 60,
        "{long}"
    );
    assert!(long.ends_with("(1 row)\n"), "{long}");
    // A whole document, line breaks and all, is still one row's line.
    let doc = kb.stdout(&["sql", "SELECT text FROM documents"]);
    assert_eq!(doc.lines().count(), 3, "{doc}");
    let before = kb.export();
    kb.run(&["sql", "DELETE FROM claims"])
        .code(2)
        .stderr(predicate::str::contains("read-only"));
    kb.run(&["sql", "DROP TABLE edges"]).code(2);
    kb.run(&["sql", "SELEC nonsense"])
        .code(2)
        .stderr(predicate::str::contains("SQL error"));
    assert_eq!(kb.export(), before);
    let rows = kb.json(&[
        "sql",
        "SELECT relation, count(*) AS n FROM edge_view GROUP BY relation",
        "--json",
    ]);
    assert!(rows
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["relation"] == "attacks"));
    let text = kb.stdout(&[
        "sql",
        "SELECT essay_title, count(*) FROM claim_view GROUP BY essay_title",
    ]);
    assert!(text.contains("当元宇宙遇上产业互联网"));
    // Pragmas that are only asked run (#15 item 20); setting one does not.
    let mode = kb.json(&["sql", "PRAGMA journal_mode", "--json"]);
    assert_eq!(mode[0]["journal_mode"], "wal");
    assert!(kb
        .stdout(&["sql", "PRAGMA table_info(claims)"])
        .contains("span_start"));
    // Every setting form is refused before it runs, including those SQLite
    // calls read-only (they change the connection) and the call form.
    for set in [
        "PRAGMA journal_mode=DELETE",
        "PRAGMA user_version = 9",
        "PRAGMA writable_schema=ON",
        "PRAGMA query_only=0",
        "PRAGMA foreign_keys = OFF",
        "PRAGMA journal_mode(DELETE)",
        "PRAGMA main.user_version(99)",
        // Comments and empty statements before it hide nothing.
        "/* x */ PRAGMA writable_schema=1",
        "\n-- c\nPRAGMA query_only=0",
        ";PRAGMA query_only=0",
    ] {
        kb.run(&["sql", set])
            .code(2)
            .stderr(predicate::str::contains("read-only"));
    }
    assert_eq!(
        kb.json(&["sql", "PRAGMA journal_mode", "--json"])[0]["journal_mode"],
        "wal"
    );
    assert_eq!(kb.export(), before);
}

/// Copies and edits, by bytes and by text: a stored file saved again in
/// another encoding or with CRLF is unchanged (its ids stand); a stored file
/// edited into another document's text stays a document of its own
/// (replaced); one edited into a byte-for-byte copy of another is taken out,
/// since its old graph would be stale, and reported as a copy.
#[test]
fn a_stored_file_saved_in_another_encoding_or_edited_into_a_copy() {
    let kb = Kb::new();
    let reading = "论读书\n读书使人明智。我们应该多读书。\n";
    let sport = "论运动\n运动使人健康。我们应该多运动。\n";
    let a = kb.file("a.txt", reading.as_bytes());
    let b = kb.file("b.txt", sport.as_bytes());
    let ingest = |p: &Path| {
        let out = kb.run(&["ingest", p.to_str().unwrap()]).success();
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    ingest(&a);
    ingest(&b);
    let ids = || kb.json(&["list", "claims", "--json"]);
    let before = ids();
    // a.txt saved again as GBK with CRLF: the same text, nothing to redo.
    let gbk = encoding_rs::GBK
        .encode(&reading.replace('\n', "\r\n"))
        .0
        .into_owned();
    std::fs::write(&a, gbk).unwrap();
    assert!(ingest(&a).contains("unchanged"));
    assert_eq!(ids(), before);
    // Saved again by an editor that adds a final newline, or a final CR:
    // the same essay, and its ids stand.
    for tail in ["\n", "\r", "\n\n  "] {
        std::fs::write(&a, format!("{reading}{tail}")).unwrap();
        assert!(ingest(&a).contains("unchanged"), "{tail:?}");
        assert_eq!(ids(), before);
    }
    // A copy under another name that differs only so is a copy.
    let d = kb.file("d.txt", format!("{reading}\n").as_bytes());
    assert!(ingest(&d).contains("same content as"));
    // b.txt rewritten with a.txt's text in another encoding: its own document.
    let gbk = encoding_rs::GBK.encode(reading).0.into_owned();
    std::fs::write(&b, gbk).unwrap();
    assert!(ingest(&b).contains("replaced"));
    assert_eq!(kb.json(&["stats", "--json"])["documents"], 2);
    // c.txt, stored, then made a byte-for-byte copy of a.txt as stored: a
    // copy, and its old graph goes.
    let c = kb.file("c.txt", sport.as_bytes());
    ingest(&c);
    assert_eq!(kb.json(&["stats", "--json"])["documents"], 3);
    std::fs::write(&c, reading).unwrap();
    assert!(ingest(&c).contains("same content as"));
    assert_eq!(kb.json(&["stats", "--json"])["documents"], 2);
    let terms = kb.stdout(&["terms"]);
    assert!(!terms.contains("运动"), "{terms}");
}

/// An essay without a title comes back without one from argraph's own
/// AIF and Argdown (it came back titled after the file, or `(untitled)`).
#[test]
fn an_untitled_essay_stays_untitled_through_a_round_trip() {
    let kb = Kb::new();
    let f = kb.file(
        "untitled.txt",
        "运动有益健康。所以，我们应该多运动。\n".as_bytes(),
    );
    kb.run(&["ingest", f.to_str().unwrap()]).success();
    assert_eq!(
        kb.json(&["list", "essays", "--json"])[0]["title"],
        Value::Null
    );
    // On a terminal the placeholder is bare, not written as a title 《…》.
    let id = kb.json(&["list", "claims", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for args in [&["show", &id][..], &["audit"], &["search", "运动"]] {
        let text = kb.stdout(args);
        assert!(
            text.contains("(untitled)") && !text.contains("《(untitled)》"),
            "{args:?}: {text}"
        );
    }
    for (format, name) in [("aif", "map.json"), ("argdown", "map.argdown")] {
        let out = kb.dir.path().join(name);
        kb.run(&["export", "--format", format, "-o", out.to_str().unwrap()])
            .success();
        let other = Kb::new();
        other.run(&["import", out.to_str().unwrap()]).success();
        let essays = other.json(&["list", "essays", "--json"]);
        assert_eq!(essays[0]["title"], Value::Null, "{format}: {essays}");
    }
}

/// `ingest --force` analyses unchanged files again (after a refit or an
/// upgrade), keeping their ids; without it they are left as they are.
#[test]
fn ingest_force_analyses_unchanged_files_again() {
    let kb = Kb::seeded();
    let before = kb.json(&["list", "claims", "--json", "--limit", "0"]);
    // As if an older argraph had read the essays otherwise.
    rusqlite::Connection::open(&kb.db)
        .unwrap()
        .execute("UPDATE claims SET role = 'other'", [])
        .unwrap();
    let v = kb.json(&["ingest", "--json", "seeds"]);
    assert_eq!(v["files"][0]["outcome"], "unchanged");
    assert!(kb
        .json(&["list", "claims", "--role", "thesis", "--json"])
        .as_array()
        .unwrap()
        .is_empty());
    let v = kb.json(&["ingest", "--force", "--json", "seeds"]);
    assert_eq!(v["files"][0]["outcome"], "reanalysed", "{v}");
    assert_eq!(
        kb.json(&["list", "claims", "--json", "--limit", "0"]),
        before
    );
    assert_eq!(kb.json(&["stats", "--json"])["documents"], 1);
    kb.run(&["ingest", "--force", "seeds"])
        .success()
        .stderr(predicate::str::contains("analysed again"));
    // A dry run saves nothing, so there is nothing to force.
    kb.run(&["ingest", "--force", "--dry-run", "seeds"])
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn a_file_named_twice_is_read_once() {
    let kb = Kb::new();
    let a = kb.file(
        "a.txt",
        "论读书\n读书使人明智。我们应该多读书。\n".as_bytes(),
    );
    let dir = a.parent().unwrap();
    let again = dir.join(".").join("a.txt");
    let v = kb.json(&[
        "ingest",
        "--json",
        a.to_str().unwrap(),
        again.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{v}");
    assert_eq!(files[0]["outcome"], "added");
}

/// `--with-text` makes the JSON export a dataset that stands alone: every
/// span slices its document's text; without the flag there is no text, and
/// with another format the flag is refused.
#[test]
fn the_json_export_with_text_holds_what_its_spans_index() {
    let kb = Kb::seeded();
    let plain: Value = serde_json::from_str(&kb.export()).unwrap();
    assert!(plain.get("documents").is_none());
    let g = kb.json(&["export", "--with-text"]);
    let texts: std::collections::HashMap<&str, Vec<char>> = g["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap(),
                d["text"].as_str().unwrap().chars().collect(),
            )
        })
        .collect();
    let document_of: std::collections::HashMap<&str, &str> = g["essays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["document"].as_str().unwrap()))
        .collect();
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let claims = g["claims"].as_array().unwrap();
    assert!(claims.len() > 50);
    for c in claims {
        let text = &texts[document_of[c["essay"].as_str().unwrap()]];
        let (a, b) = (
            c["span"][0].as_u64().unwrap() as usize,
            c["span"][1].as_u64().unwrap() as usize,
        );
        let sliced: String = text[a..b].iter().collect();
        assert_eq!(squeeze(&sliced), squeeze(c["text"].as_str().unwrap()));
    }
    kb.run(&["export", "--format", "graphml", "--with-text"])
        .code(2)
        .stderr(predicate::str::contains(
            "--with-text adds the documents' texts to the JSON export",
        ));
}

/// Two students handing in one essay: the second file is not stored twice,
/// but it is recorded as a copy of the first, so the base knows both names
/// (a researcher joins scores by file name), in `list essays`, the JSON
/// export and `stats`. A second run finds it unchanged. A copy edited into
/// text of its own becomes a document, and so does a copy whose original is
/// edited in the same run; `remove` takes a copy's record, hands a removed
/// original's essay to its copy, and takes a directory's copies with it.
/// The ids of every claim in the base, in the JSON export's order.
fn ids_of(kb: &Kb) -> Vec<Value> {
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    g["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].clone())
        .collect()
}

#[test]
fn an_edited_original_leaves_its_earlier_text_to_its_copy_whatever_their_order() {
    // The copy's name sorts before the original's: it is met first in the
    // run, as an unchanged copy, and the original is replaced after it.
    let kb = Kb::new();
    std::fs::create_dir_all(kb.dir.path().join("cpy")).unwrap();
    let essay = "论诚信\n诚信是立身之本。我们应该讲诚信。\n";
    let original = kb.file("cpy/z_original.txt", essay.as_bytes());
    let dir = original.parent().unwrap().to_str().unwrap().to_owned();
    kb.run(&["ingest", &dir]).success();
    let a = kb.file("cpy/a_copy.txt", essay.as_bytes());
    let b = kb.file("cpy/b_copy.txt", essay.as_bytes());
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    kb.run(&["ingest", &dir]).success();
    let before = ids_of(&kb);
    std::fs::write(&original, "论诚信\n诚信是做人的根本。我们必须讲诚信。\n").unwrap();
    kb.run(&["ingest", &dir])
        .success()
        .stderr(predicate::str::contains(format!(
            "its earlier text stays as {a}, its copy"
        )));
    let essays = kb.json(&["list", "essays", "--json"]);
    let docs: Vec<&str> = essays
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["document"].as_str().unwrap())
        .collect();
    assert_eq!(docs, [a, original.to_str().unwrap()], "{essays}");
    // The other copy repeats the copy that took the text.
    assert_eq!(essays[0]["copies"], serde_json::json!([b]));
    let after = ids_of(&kb);
    assert!(before.iter().all(|id| after.contains(id)), "ids stand");
    // A second run finds nothing to do.
    let v = kb.json(&["ingest", "--json", &dir]);
    for f in v["files"].as_array().unwrap() {
        assert_eq!(f["outcome"], "unchanged", "{v}");
    }
    // Standard input known by a name a copy's file also goes by: the copy
    // takes the earlier text under its full path, and the name stays the
    // edited text's.
    let kb2 = Kb::new();
    let text = "论诚信\n诚信是立身之本。我们应该讲诚信。\n";
    kb2.json_with_stdin(&["ingest", "-", "--name", "x", "--json"], text);
    let x = kb2.file("x", text.as_bytes());
    argraph(&kb2.db)
        .current_dir(kb2.dir.path())
        .args(["ingest", "x"])
        .assert()
        .success()
        .stderr(predicate::str::contains("recorded as its copy"));
    let v = kb2.json_with_stdin(
        &["ingest", "-", "--name", "x", "--json"],
        "论诚信\n诚信是做人的根本。我们必须讲诚信。\n",
    );
    assert_eq!(v["files"][0]["outcome"], "replaced", "{v}");
    let canonical = std::fs::canonicalize(&x).unwrap();
    assert_eq!(
        v["files"][0]["old_graph_kept_by"],
        canonical.to_str().unwrap(),
        "{v}"
    );
    let docs: Vec<String> = kb2
        .json(&["list", "essays", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["document"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        docs.contains(&"x".to_owned()) && docs.len() == 2,
        "{docs:?}"
    );
    // Analysed again, a document keeps its copies.
    kb.run(&["ingest", "--force", a]).success();
    assert_eq!(kb.json(&["stats", "--json"])["copies"], 1);
    assert_eq!(
        kb.json(&["list", "essays", "--json"])[0]["copies"],
        serde_json::json!([b])
    );
}

#[test]
fn a_copy_of_another_file_is_recorded_under_its_own_name() {
    let kb = Kb::new();
    let essay = "论读书\n读书使人明智。我们应该多读书。\n";
    std::fs::create_dir_all(kb.dir.path().join("class")).unwrap();
    let a = kb.file("class/a.txt", essay.as_bytes());
    let b = kb.file("class/b.txt", essay.as_bytes());
    let dir = a.parent().unwrap().to_str().unwrap().to_owned();
    let outcome_of_b = |v: &Value| {
        let r = &v["files"][1];
        assert_eq!(r["path"], b.to_str().unwrap(), "{v}");
        r["outcome"].as_str().unwrap().to_owned()
    };
    let v = kb.json(&["ingest", "--json", &dir]);
    assert_eq!(outcome_of_b(&v), "duplicate");
    let v = kb.json(&["ingest", "--json", &dir]);
    assert_eq!(outcome_of_b(&v), "unchanged", "recorded once, not again");
    // Still said to be a copy, and of what.
    assert_eq!(v["files"][1]["same_as"], a.to_str().unwrap(), "{v}");
    kb.run(&["ingest", b.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains(format!(
            "(recorded as a copy of {})",
            a.display()
        )));
    let essays = kb.json(&["list", "essays", "--json"]);
    assert_eq!(essays.as_array().unwrap().len(), 1, "{essays}");
    let just_b = serde_json::json!([b.to_str().unwrap()]);
    assert_eq!(essays[0]["copies"], just_b, "{essays}");
    assert!(kb.stdout(&["list", "essays"]).contains(&format!(
        "copy: {} repeats {}",
        b.display(),
        a.display()
    )));
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    assert_eq!(g["essays"][0]["copies"], just_b);
    assert_eq!(kb.json(&["stats", "--json"])["copies"], 1);
    // `remove` of the copy takes its record only.
    kb.run(&["remove", b.to_str().unwrap()])
        .success()
        .stdout(predicate::str::contains("removed the record of"));
    let stats = kb.json(&["stats", "--json"]);
    assert_eq!(
        (stats["documents"].as_i64(), stats["copies"].as_i64()),
        (Some(1), Some(0))
    );
    // Recorded again, then the original is edited: the copy's file still
    // holds the text from before, so that text and its graph pass to the
    // copy, as `remove` would leave them, and the copy is a document.
    kb.run(&["ingest", b.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("recorded as its copy"));
    let first_ids = ids_of(&kb);
    std::fs::write(&a, "论读书\n读书使人快乐。\n").unwrap();
    let v = kb.json(&["ingest", "--json", &dir]);
    assert_eq!(v["files"][0]["outcome"], "replaced", "{v}");
    assert_eq!(v["files"][0]["old_graph_removed"], true, "{v}");
    assert_eq!(
        v["files"][0]["old_graph_kept_by"],
        b.to_str().unwrap(),
        "{v}"
    );
    assert_eq!(outcome_of_b(&v), "unchanged");
    assert_eq!(v["files"][1]["old_graph_removed"], false, "{v}");
    let essays = kb.json(&["list", "essays", "--json"]);
    assert!(
        essays
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["document"] == b.to_str().unwrap()),
        "{essays}"
    );
    assert!(
        ids_of(&kb)
            .iter()
            .filter(|id| first_ids.contains(id))
            .count()
            == first_ids.len(),
        "the copy keeps the ids"
    );
    let stats = kb.json(&["stats", "--json"]);
    assert_eq!(
        (stats["documents"].as_i64(), stats["copies"].as_i64()),
        (Some(2), Some(0))
    );
    // Made a copy of a again: b had an essay of its own, which goes, and
    // the line says so.
    std::fs::write(&b, "论读书\n读书使人快乐。\n").unwrap();
    kb.run(&["ingest", b.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains(
            "its own essays are removed, and it is recorded as a copy",
        ));
    assert_eq!(kb.json(&["stats", "--json"])["copies"], 1);
    // Then a removed: b's file still holds the text, so b keeps the essay,
    // with the same ids.
    let ids = ids_of;
    let before = ids(&kb);
    kb.run(&["remove", a.to_str().unwrap()])
        .success()
        .stdout(predicate::str::contains(format!(
            "its copy {} keeps the essay",
            b.display()
        )));
    let stats = kb.json(&["stats", "--json"]);
    assert_eq!(
        (stats["documents"].as_i64(), stats["copies"].as_i64()),
        (Some(1), Some(0))
    );
    assert_eq!(
        kb.json(&["list", "essays", "--json"])[0]["document"],
        b.to_str().unwrap()
    );
    assert_eq!(ids(&kb), before);
    kb.run(&["ingest", b.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("unchanged"));
    // A directory removed whole takes its copies too: none inherits.
    kb.file("class/c.txt", "论读书\n读书使人快乐。\n".as_bytes());
    std::fs::write(&a, "论读书\n读书使人快乐。\n").unwrap();
    kb.run(&["ingest", &dir]).success();
    assert_eq!(
        kb.json(&["stats", "--json"])["copies"],
        2,
        "a and c repeat b"
    );
    kb.run(&["remove", &dir]).success();
    let stats = kb.json(&["stats", "--json"]);
    assert_eq!(
        (stats["documents"].as_i64(), stats["copies"].as_i64()),
        (Some(0), Some(0))
    );
}

#[test]
fn a_base_of_version_10_hashes_its_texts_again_without_trailing_whitespace() {
    let kb = Kb::new();
    let reading = "论读书\n读书使人明智。我们应该多读书。\n";
    let a = kb.file("a.txt", reading.as_bytes());
    kb.run(&["ingest", a.to_str().unwrap()]).success();
    // As version 10 stored it: the hash of the text with its final newline.
    let conn = rusqlite::Connection::open(&kb.db).unwrap();
    let old = blake3::hash(reading.as_bytes()).to_hex().to_string();
    conn.execute("UPDATE documents SET text_hash = ?1", [&old])
        .unwrap();
    conn.pragma_update(None, "user_version", 10).unwrap();
    drop(conn);
    let copy = kb.file("copy.txt", reading.trim_end().as_bytes());
    kb.run(&["ingest", copy.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("same content as"));
    assert_eq!(kb.json(&["stats", "--json"])["documents"], 1);
}

#[test]
fn list_essays_and_claims() {
    let kb = Kb::seeded();
    // A narrow terminal still shows some of each claim's text; COLUMNS=0
    // reads as unknown (100 columns).
    for (columns, text) in [
        ("40", "产业互联网正在"),
        ("0", "产业互联网正在变得深入，正在成为一种潮流和趋势。"),
    ] {
        argraph(&kb.db)
            .env("COLUMNS", columns)
            .args(["list", "claims", "--limit", "1"])
            .assert()
            .success()
            .stdout(predicate::str::contains(text));
    }
    assert_eq!(
        kb.json(&["list", "essays", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        kb.json(&["list", "claims", "--kind", "major_claim", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let hedged = kb.json(&["list", "claims", "--hedged", "--json"]);
    assert!(hedged
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["hedged"] == true));
    // In text, a hedged claim's role is marked `~` (a `?` would read as a
    // question mark), after the kind column's space.
    let text = kb.stdout(&["list", "claims", "--hedged", "--limit", "0"]);
    assert!(text.lines().count() > 0);
    assert!(
        text.lines().all(|l| l.contains(" ~") && !l.contains("~ ")) && !text.contains(" ? "),
        "{text}"
    );
    let text = kb.stdout(&["list", "essays"]);
    assert!(text.contains("当元宇宙遇上产业互联网"));
}

#[test]
fn ambiguous_claim_prefix_names_candidates() {
    let kb = Kb::seeded();
    // A document's claim ids share their first four digits (from its hash).
    let claims = kb.json(&["list", "claims", "--json"]);
    let id = claims[0]["id"].as_str().unwrap().to_owned();
    let total = claims.as_array().unwrap().len();
    kb.run(&["show", &id[..4]]).code(2).stderr(
        predicate::str::contains("ambiguous")
            .and(predicate::str::contains(&id[..4]))
            .and(predicate::str::contains(format!("and {} more", total - 5))),
    );
    kb.run(&["show", "not-hex"])
        .code(2)
        .stderr(predicate::str::contains("no claim matches"));
    kb.run(&["show", "0000000000"])
        .code(2)
        .stderr(predicate::str::contains("no claim matches"));
}

#[test]
fn full_width_digits_and_letters_are_found_by_their_ascii_words() {
    let kb = Kb::new();
    let a = kb.file(
        "a.txt",
        "论数字\n２０１９年的ＧＤＰ增长很快。2019年的GDP也是。5Ｇ网络改变了生活。A股市场很热。我们应该关注它。\n"
            .as_bytes(),
    );
    kb.run(&["ingest", a.to_str().unwrap()]).success();
    let found = |query: &[&str]| -> Vec<String> {
        let mut args = vec!["search"];
        args.extend(query);
        args.push("--json");
        let hits = kb.json(&args);
        let mut texts: Vec<String> = hits
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["all_words"] == true)
            .map(|h| h["claim"]["text"].as_str().unwrap().to_owned())
            .collect();
        texts.sort();
        texts
    };
    let both = ["2019年的GDP也是。", "２０１９年的ＧＤＰ增长很快。"];
    for query in [&["2019", "gdp"][..], &["２０１９"], &["ＧＤＰ"]] {
        assert_eq!(found(query), both, "{query:?}");
    }
    // A run mixing both widths is one word too, as its ASCII spelling is.
    for query in ["5G", "５Ｇ", "5Ｇ"] {
        assert_eq!(found(&[query]), ["5Ｇ网络改变了生活。"], "{query}");
    }
    // A dictionary word of ASCII and Chinese is found as one word (the
    // query is not cut where the scripts meet).
    for query in ["A股", "Ａ股", "a股市场"] {
        assert_eq!(found(&[query]), ["A股市场很热。"], "{query}");
    }
    // A base of version 12 held ２０１９ as four single characters; the
    // migration indexes such claims again.
    let conn = rusqlite::Connection::open(&kb.db).unwrap();
    let num: i64 = conn
        .query_row(
            "SELECT num FROM claims WHERE text LIKE '%ＧＤＰ%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute("DELETE FROM claim_search WHERE rowid = ?1", [num])
        .unwrap();
    conn.execute(
        "INSERT INTO claim_search (rowid, words) VALUES (?1, '２ ０ １ ９ 年 的 ｇ ｄ ｐ 增长 很快')",
        [num],
    )
    .unwrap();
    conn.pragma_update(None, "user_version", 12).unwrap();
    drop(conn);
    assert_eq!(found(&["2019", "gdp"]), both);
    let single = kb.json(&[
        "sql",
        "SELECT count(*) AS n FROM claim_search_vocab WHERE term IN ('２', 'ｇ')",
        "--json",
    ]);
    assert_eq!(single, serde_json::json!([{"n": 0}]));
}

#[test]
fn a_version_1_database_is_migrated_and_searchable() {
    let kb = Kb::new();
    let conn = rusqlite::Connection::open(&kb.db).unwrap();
    conn.execute_batch(include_str!("../migrations/0001_init.sql"))
        .unwrap();
    conn.execute_batch(
        "INSERT INTO documents (path, hash, encoding, text, bytes, ingested_at) VALUES ('old.txt', 'h', 'UTF-8', '读书使人明智。', 21, '2026-01-01T00:00:00Z');
         INSERT INTO essays VALUES ('e1', 1, 0, NULL, 0, 7);
         INSERT INTO claims (id, essay_id, section_id, ord, paragraph, kind, text, span_start, span_end, hedged, stance, heading)
           VALUES ('c1', 'e1', NULL, 0, 0, 'major_claim', '读书使人明智。', 0, 7, 0, 0, 0);
         INSERT INTO terms (id, term) VALUES (1, '读书'), (2, '旧文');
         INSERT INTO claim_terms VALUES (1, 1, 1.0);
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    let hits = kb.json(&["search", "明智", "--json"]);
    assert_eq!(hits[0]["claim"]["id"], "c1");
    let v: i64 = rusqlite::Connection::open(&kb.db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, argraph::store::MIGRATIONS.len() as i64);
    // A term no claim has (a removed document's, left by an old version) is
    // gone (version 9); the used one stays.
    let terms = kb.json(&["sql", "SELECT term FROM terms ORDER BY id", "--json"]);
    assert_eq!(terms, serde_json::json!([{"term": "读书"}]));
    // A claim saved before the evidence flag existed is judged from its text.
    kb.run(&["audit", "--format", "json"])
        .code(predicate::in_iter([0, 1]));
    // The search index holds the words without a copy of them (version 8),
    // and still loses a claim's row with the claim.
    let conn = rusqlite::Connection::open(&kb.db).unwrap();
    let stored: Option<String> = conn
        .query_row("SELECT words FROM claim_search WHERE rowid = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(stored, None);
    drop(conn);
    // Its text hash is filled in (version 10): the same text under another
    // name is a copy of it.
    let copy = kb.file("copy.txt", "读书使人明智。".as_bytes());
    kb.run(&["ingest", copy.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("same content as old.txt"));
    // Removing old.txt hands its claim to its copy; removing that takes the
    // claim's search row with it.
    let rows = || -> i64 {
        rusqlite::Connection::open(&kb.db)
            .unwrap()
            .query_row("SELECT count(*) FROM claim_search", [], |r| r.get(0))
            .unwrap()
    };
    kb.run(&["remove", "old.txt"]).success();
    assert_eq!(rows(), 1);
    kb.run(&["remove", copy.to_str().unwrap()]).success();
    assert_eq!(rows(), 0);
}

// ---- export (issue #5) ----

fn dot_available() -> bool {
    let ok = std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("notice: Graphviz `dot` is not installed; skipping the rendering check (.ci/run installs it)");
    }
    ok
}

/// Node and edge names in an SVG drawn by dot, without the legend's.
fn svg_items(svg: &str, class: &str) -> Vec<String> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(svg, opts).unwrap();
    doc.descendants()
        .filter(|n| n.attribute("class") == Some(class))
        .filter_map(|g| {
            g.children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .map(str::to_owned)
        })
        .filter(|t| !t.starts_with("legend_"))
        .collect()
}

#[test]
fn dot_export_is_deterministic_and_snapshotted() {
    let kb = Kb::seeded();
    let dot = kb.stdout(&["export", "--format", "dot"]);
    assert_eq!(dot, Kb::seeded().stdout(&["export", "--format", "dot"]));
    assert!(
        dot.contains("cluster_essay_")
            && dot.contains("cluster_section_")
            && dot.contains("cluster_legend")
    );
    assert!(dot.contains("fontname=\"Noto Sans CJK SC\""));
    insta::assert_snapshot!("seed_dot", dot);
}

#[test]
fn seed_renders_with_real_graphviz() {
    if !dot_available() {
        return;
    }
    let kb = Kb::seeded();
    let out = kb
        .run(&["export", "--format", "svg"])
        .success()
        .get_output()
        .clone();
    assert!(
        out.stderr.is_empty(),
        "dot warned: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8(out.stdout).unwrap();
    let stats = kb.json(&["stats", "--json"]);
    assert_eq!(
        svg_items(&svg, "node").len() as i64,
        stats["claims"].as_i64().unwrap()
    );
    assert_eq!(
        svg_items(&svg, "edge").len() as i64,
        stats["edges"].as_i64().unwrap()
    );
    let png = kb.dir.path().join("seed.png");
    kb.run(&["export", "--format", "png", "-o", png.to_str().unwrap()])
        .success();
    assert_eq!(&std::fs::read(&png).unwrap()[..4], b"\x89PNG");
}

#[test]
fn hostile_labels_render_correctly() {
    let kb = Kb::new();
    let nasty = "题目\n\n他说“\"引号\"”和反斜杠\\N以及}括号。<b>粗体</b>与&amp;符号 -- 和 -> 箭头。因此，digraph { node -> edge } 也只是文字。\n";
    let path = kb.file("nasty.txt", nasty.as_bytes());
    kb.run(&["ingest", path.to_str().unwrap()]).success();
    let dot = kb.stdout(&["export", "--format", "dot"]);
    assert!(dot.contains("\\\"引号\\\""), "quotes escaped");
    assert!(dot.contains("反斜杠\\\\N"), "backslash escaped");
    assert!(dot.contains("&lt;b&gt;粗体&lt;/b&gt;与&amp;amp;符号"));
    if !dot_available() {
        return;
    }
    let out = kb
        .run(&["export", "--format", "svg"])
        .success()
        .get_output()
        .clone();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8(out.stdout).unwrap();
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&svg, opts).unwrap();
    let text: String = doc.descendants().filter_map(|n| n.text()).collect();
    for piece in [
        "\"引号\"",
        "反斜杠\\N",
        "}括号",
        "<b>粗体</b>",
        "&amp;符号",
        "-- 和 -> 箭头",
        "digraph { node -> edge }",
    ] {
        assert!(
            text.contains(piece) || text.replace('\n', "").contains(piece),
            "{piece} not shown as text"
        );
    }
    assert_eq!(
        svg_items(&svg, "node").len() as i64,
        kb.json(&["stats", "--json"])["claims"].as_i64().unwrap()
    );
}

#[test]
fn graphml_parses_with_expected_counts() {
    let kb = Kb::seeded();
    let xml = kb.stdout(&["export", "--format", "graphml"]);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let stats = kb.json(&["stats", "--json"]);
    let count = |tag: &str| doc.descendants().filter(|n| n.has_tag_name(tag)).count() as i64;
    assert_eq!(count("node"), stats["claims"].as_i64().unwrap());
    assert_eq!(count("edge"), stats["edges"].as_i64().unwrap());
    assert!(xml.contains("attr.name=\"relation\"") && xml.contains("attr.name=\"hedged\""));
    // Each node says where it stands: its document and paragraph, as the
    // JSON export does.
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    let data = |node: roxmltree::Node, key: &str| -> String {
        node.children()
            .find(|d| d.attribute("key") == Some(key))
            .and_then(|d| d.text())
            .unwrap_or_default()
            .to_owned()
    };
    let nodes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .collect();
    let has =
        |node: roxmltree::Node, key: &str| node.children().any(|d| d.attribute("key") == Some(key));
    let mut outside = 0;
    for (node, claim) in nodes.iter().zip(g["claims"].as_array().unwrap()) {
        assert_eq!(data(*node, "paragraph"), claim["paragraph"].to_string());
        assert_eq!(data(*node, "heading"), claim["heading"].to_string());
        assert!(data(*node, "document").ends_with(".txt"));
        // A claim outside every section has no section value, not an empty
        // one (which a GraphML reader takes for the empty string).
        let section = claim["section"].as_str();
        assert_eq!(has(*node, "section"), section.is_some());
        assert_eq!(has(*node, "section_heading"), section.is_some());
        if let Some(s) = section {
            assert_eq!(data(*node, "section"), s);
        } else {
            outside += 1;
        }
    }
    assert!(outside > 0 && outside < nodes.len());
    assert!(!xml.contains("\"></data>"), "no empty values");
}

#[test]
fn mermaid_has_a_header_and_one_line_per_edge() {
    let kb = Kb::seeded();
    let m = kb.stdout(&["export", "--format", "mermaid"]);
    assert!(m.starts_with("flowchart "));
    let arrows = m
        .lines()
        .filter(|l| {
            ["-->", "--x", "--o", "-.->", "-.-"]
                .iter()
                .any(|a| l.contains(&format!(" {a}")))
        })
        .count();
    assert_eq!(
        arrows as i64,
        kb.json(&["stats", "--json"])["edges"].as_i64().unwrap()
    );
    // Each node's claim id stands in a comment above it.
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    for c in g["claims"].as_array().unwrap() {
        assert!(
            m.contains(&format!("%% {}\n", c["id"].as_str().unwrap())),
            "{}",
            c["id"]
        );
    }
}

/// Claims (kind, text, paragraph) in order and edges (from text, relation, to text,
/// marker) sorted: what a round trip must keep.
type Shape = (
    Vec<(String, String, u64)>,
    Vec<(String, String, String, String)>,
);

fn shape(g: &Value) -> Shape {
    let text = |id: &Value| claim_text(g, id);
    let claims = g["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_owned(),
                c["text"].as_str().unwrap().to_owned(),
                c["paragraph"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut edges: Vec<_> = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                text(&e["from"]),
                e["relation"].as_str().unwrap().to_owned(),
                text(&e["to"]),
                e["marker"].to_string(),
            )
        })
        .collect();
    edges.sort();
    (claims, edges)
}

#[test]
fn aif_round_trips() {
    let kb = Kb::seeded();
    let aif = kb.dir.path().join("map.json");
    kb.run(&["export", "--format", "aif", "-o", aif.to_str().unwrap()])
        .success();
    let text = std::fs::read_to_string(&aif).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    // Streamed one node at a time (#15 item 6), the bytes are still those of
    // the whole map pretty-printed, to a file or to stdout.
    assert_eq!(text, serde_json::to_string_pretty(&v).unwrap() + "\n");
    assert_eq!(text, kb.stdout(&["export", "--format", "aif"]));
    let types: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["type"].as_str().unwrap())
        .collect();
    assert!(
        types.contains(&"I")
            && types.contains(&"RA")
            && types.contains(&"CA")
            && types.contains(&"MA")
    );
    let other = Kb::new();
    other
        .run(&["import", "--format", "aif", aif.to_str().unwrap()])
        .success();
    // `show` does not give a line of the text argraph stored for the map as
    // if it were a line of the map file (#15 item 20).
    let some = other.json(&["list", "claims", "--limit", "1", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let shown = other.json(&["show", &some, "--json"]);
    assert_eq!(shown["location"]["origin"], "aif");
    assert!(shown["location"]["line"].is_null(), "{shown}");
    let text = other.stdout(&["show", &some]);
    assert!(text.contains("map.json (imported AIF map)"), "{text}");
    // Nor does the audit, in JSON or in the headers of its text report; nor
    // an Argdown export's `source` data.
    let audit = argraph(&other.db)
        .args(["audit", "--format", "json", "--deny", "note"])
        .output()
        .unwrap();
    let audit: Value = serde_json::from_slice(&audit.stdout).unwrap();
    let findings = audit["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert!(
        findings
            .iter()
            .all(|f| f["line"].is_null() && f["column"].is_null()),
        "{audit}"
    );
    let report = argraph(&other.db)
        .args(["audit", "--deny", "note"])
        .output()
        .unwrap();
    let report = String::from_utf8(report.stdout).unwrap();
    assert!(
        report.contains("map.json [argraph's copy of an imported map]:"),
        "{report}"
    );
    assert!(!report.contains("map.json:"), "{report}");
    let argdown = other.stdout(&["export", "--format", "argdown"]);
    assert!(!argdown.contains("source:"), "{argdown}");
    assert!(kb
        .stdout(&["export", "--format", "argdown"])
        .contains("source:"));
    let html = other.stdout(&["export", "--format", "html"]);
    assert!(html.contains("map.json (imported AIF map)"));
    let a: Value = serde_json::from_str(&kb.export()).unwrap();
    let b: Value = serde_json::from_str(&other.export()).unwrap();
    assert_eq!(shape(&a), shape(&b));
    // And again: export the imported map, import it once more.
    let aif2 = kb.dir.path().join("map2.json");
    other
        .run(&["export", "--format", "aif", "-o", aif2.to_str().unwrap()])
        .success();
    let third = Kb::new();
    third.run(&["import", aif2.to_str().unwrap()]).success();
    assert_eq!(
        shape(&a),
        shape(&serde_json::from_str(&third.export()).unwrap())
    );
}

#[test]
fn aif_from_another_tool_imports() {
    let kb = Kb::new();
    let map = r#"{"nodes":[
        {"nodeID":"1","text":"We should read more books.","type":"I"},
        {"nodeID":"2","text":"Reading widens the mind.","type":"I"},
        {"nodeID":"3","text":"Default Inference","type":"RA"},
        {"nodeID":"4","text":"Books are expensive.","type":"I"},
        {"nodeID":"5","text":"Default Conflict","type":"CA"}],
      "edges":[{"edgeID":"1","fromID":"2","toID":"3"},{"edgeID":"2","fromID":"3","toID":"1"},
               {"edgeID":"3","fromID":"4","toID":"5"},{"edgeID":"4","fromID":"5","toID":"1"}],
      "locutions":[]}"#;
    let path = kb.file("ova.json", map.as_bytes());
    kb.run(&["import", path.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("warning").not());
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    let rels: Vec<&str> = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["relation"].as_str().unwrap())
        .collect();
    assert_eq!(rels.len(), 2);
    assert!(rels.contains(&"supports") && rels.contains(&"attacks"));
    // A map that says no paragraph has its claims laid out one a paragraph.
    let paragraphs: Vec<u64> = g["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["paragraph"].as_u64().unwrap())
        .collect();
    assert_eq!(paragraphs, [0, 1, 2], "{g}");
    // A map whose argument crosses two essays keeps that edge on export.
    let crossing = r#"{"nodes":[
        {"nodeID":"1","text":"第一篇的论点。","type":"I","argraph":{"essay":"x","essay_title":"甲"}},
        {"nodeID":"2","text":"第二篇的理由。","type":"I","argraph":{"essay":"y","essay_title":"乙"}},
        {"nodeID":"3","text":"Default Inference","type":"RA"}],
      "edges":[{"edgeID":"1","fromID":"2","toID":"3"},{"edgeID":"2","fromID":"3","toID":"1"}],
      "locutions":[]}"#;
    let other = Kb::new();
    let path = other.file("crossing.json", crossing.as_bytes());
    other.run(&["import", path.to_str().unwrap()]).success();
    let g: Value = serde_json::from_str(&other.export()).unwrap();
    assert_eq!(g["essays"].as_array().unwrap().len(), 2);
    assert_eq!(g["edges"].as_array().unwrap().len(), 1, "{g}");
    // What has no place in the graph is named, not dropped in silence.
    let partial = r#"{"nodes":[
        {"nodeID":"1","text":"读书使人明智。","type":"I"},
        {"nodeID":"2","text":"古人勤学。","type":"I"},
        {"nodeID":"3","text":"Default Inference","type":"RA"},
        {"nodeID":"4","text":"甲：读书使人明智","type":"L"},
        {"nodeID":"5","text":"Asserting","type":"YA"},
        {"nodeID":"6","text":"Default Inference","type":"RA"}],
      "edges":[{"edgeID":"1","fromID":"2","toID":"3"},{"edgeID":"2","fromID":"3","toID":"1"},
               {"edgeID":"3","fromID":"99","toID":"6"}]}"#;
    let third = Kb::new();
    let path = third.file("partial.json", partial.as_bytes());
    let out = third.json(&["import", path.to_str().unwrap(), "--json"]);
    let warnings = out["files"][0]["warnings"].to_string();
    assert!(warnings.contains("1 L, 1 YA"), "{warnings}");
    assert!(warnings.contains("(99)"), "{warnings}");
    assert!(
        warnings.contains("without a claim on both sides (6)"),
        "{warnings}"
    );
    assert_eq!(out["files"][0]["edges"], 1);
    let bad = kb.file("bad.json", b"{\"nodes\": 3}");
    kb.run(&["import", bad.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("not a usable AIF map"));
    // With --json the failure is in the record too, as `ingest --json` has it.
    let out = kb
        .run(&["import", bad.to_str().unwrap(), "--json"])
        .code(2)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["files"], serde_json::json!([]), "{v}");
    assert_eq!(v["errors"][0]["path"], bad.to_str().unwrap(), "{v}");
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("not a usable AIF map"));
}

#[test]
fn svg_without_graphviz_says_how_to_install_it() {
    let kb = Kb::seeded();
    let empty = kb.dir.path().join("empty-bin");
    std::fs::create_dir(&empty).unwrap();
    argraph(&kb.db)
        .env("PATH", &empty)
        .args(["export", "--format", "svg"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("install Graphviz"));
}

#[test]
fn export_subgraph_by_root_and_relations() {
    let kb = Kb::seeded();
    let heading = claim_id(&kb, "元宇宙让产业互联网得到了复现。");
    let g: Value =
        serde_json::from_str(&kb.stdout(&["export", "--root", &heading, "--depth", "1"])).unwrap();
    let n = g["claims"].as_array().unwrap().len();
    assert!(n > 1 && n < 20, "{n}");
    let only: Value =
        serde_json::from_str(&kb.stdout(&["export", "--relations", "attacks"])).unwrap();
    assert!(only["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["relation"] == "attacks"));
}

// ---- audit (issue #6) ----

#[test]
fn audit_report_on_the_seed_is_snapshotted() {
    let kb = Kb::seeded();
    let out = kb.run(&["audit"]).get_output().clone();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'));
    // The underline sits under the claim: as many columns as the heading
    // 元宇宙让产业互联网得到了释放 (14 CJK characters = 28 columns).
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.ends_with("│ 元宇宙让产业互联网得到了释放"))
        .unwrap();
    let underline = lines[at + 1].split('│').nth(1).unwrap().trim_end();
    assert_eq!(underline.trim_start().chars().count(), 28, "{underline}");
    insta::assert_snapshot!("seed_audit", text);
}

#[test]
fn audit_exit_codes_and_json() {
    let kb = Kb::seeded();
    kb.run(&["audit"]).success();
    // Denying notes fails on any finding; allowing every rule that fired passes.
    kb.run(&["audit", "--deny", "note"]).code(1);
    let fired = kb.json(&["audit", "--format", "json"]);
    let mut rules: Vec<&str> = finding_rules(&fired);
    rules.sort_unstable();
    rules.dedup();
    let allow = rules.join(",");
    kb.run(&["audit", "--deny", "note", "--allow", &allow])
        .success();
    kb.run(&["audit", "--allow", "no-such-rule"])
        .code(2)
        .stderr(predicate::str::contains("unknown rule"));
    let out = kb
        .run(&["audit", "--format", "json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    // Written piece by piece as essays are audited, yet laid out as one
    // pretty-printed document, keys in their documented order.
    assert_eq!(
        String::from_utf8(out.clone()).unwrap(),
        serde_json::to_string_pretty(&v).unwrap() + "\n"
    );
    let f = &v["findings"][0];
    for key in [
        "rule", "severity", "claim", "essay", "document", "line", "column", "span", "text",
        "message", "hint", "chain",
    ] {
        assert!(!f[key].is_null(), "finding key {key}");
    }
    let s = &v["summaries"][0];
    for key in [
        "essay",
        "claims",
        "relations",
        "evidence_ratio",
        "hedge_ratio",
        "deepest_support_chain",
        "accepted_theses",
        "theses",
    ] {
        assert!(!s[key].is_null(), "summary key {key}");
    }
    assert_eq!(v["summaries"].as_array().unwrap().len(), 2);
}

#[test]
fn audit_finds_an_unanswered_objection_that_defeats_the_thesis() {
    let kb = Kb::new();
    let essay =
        "论读书\n\n我认为，年轻人应该多读纸质书。但是，有人说纸质书太贵了，读电子书就够了。\n";
    let path = kb.file("objection.txt", essay.as_bytes());
    kb.run(&["ingest", path.to_str().unwrap()]).success();
    let out = kb
        .run(&["audit", "--format", "json"])
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let rules: Vec<&str> = finding_rules(&v);
    assert!(rules.contains(&"unanswered-objection"), "{rules:?}");
    assert!(rules.contains(&"acceptability"), "{rules:?}");
    // --quiet: the error findings alone, no warnings and no summary.
    let full = kb.run(&["audit"]).code(1).get_output().stdout.clone();
    let full = String::from_utf8(full).unwrap();
    assert!(
        full.contains("summary:") && full.contains("warning"),
        "{full}"
    );
    // --format and --json together are refused, as on export, rather than
    // one silently winning.
    kb.run(&["audit", "--format", "text", "--json"])
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
    let quiet = kb.run(&["-q", "audit"]).code(1).get_output().stdout.clone();
    let quiet = String::from_utf8(quiet).unwrap();
    assert!(quiet.contains("acceptability"), "{quiet}");
    assert!(
        !quiet.contains("summary:") && !quiet.contains("unanswered-objection"),
        "{quiet}"
    );
    // Answering the objection reinstates the thesis.
    std::fs::write(&path, "论读书\n\n我认为，年轻人应该多读纸质书。但是，有人说纸质书太贵了，读电子书就够了。事实上，图书馆的书都是免费的。\n").unwrap();
    kb.run(&["ingest", path.to_str().unwrap()]).success();
    let rules = kb.audit_rules();
    assert!(
        !rules
            .iter()
            .any(|r| r == "acceptability" || r == "unanswered-objection"),
        "{rules:?}"
    );
}

/// A view the essay reports before stating its own position (有人认为 X。
/// 而我认为 Y) is answered by that position: no `acceptability` error. The
/// same view raised after the thesis and left unanswered defeats it; and a
/// sentence that concedes and answers at once (诚然 A，但 B) is the
/// author's own claim, not a view.
#[test]
fn a_view_answered_by_the_thesis_after_it_does_not_defeat_it() {
    let kb = Kb::new();
    let rules_for = |text: &str| -> Vec<String> {
        let path = kb.file("v.txt", text.as_bytes());
        kb.run(&["ingest", path.to_str().unwrap()]).success();
        kb.audit_rules()
    };
    let answered = rules_for(
        "论读书\n\n也有人认为，纸质书太贵了，读电子书就够了。而我认为：年轻人应该多读纸质书。\n\n纸质书让人静下心来。比如图书馆里的学生读得更专注。\n",
    );
    assert!(
        !answered.iter().any(|r| r == "acceptability"),
        "{answered:?}"
    );
    let unanswered = rules_for(
        "论读书\n\n我认为，年轻人应该多读纸质书。\n\n有人说纸质书太贵了，读电子书就够了。\n",
    );
    assert!(
        unanswered.iter().any(|r| r == "acceptability"),
        "{unanswered:?}"
    );
    let conceded = rules_for(
        "论读书\n\n我认为，年轻人应该多读纸质书。\n\n诚然，纸质书贵一些，但它让人静下心来。\n",
    );
    assert!(
        !conceded.iter().any(|r| r == "acceptability"),
        "{conceded:?}"
    );
    // A turn that answers the view's own concession is the view's.
    let viewed = rules_for(
        "论网络游戏\n\n我认为，青少年应该远离网络游戏。\n\n有人认为，网络游戏固然耽误时间，但能够锻炼反应能力。\n",
    );
    assert!(viewed.iter().any(|r| r == "acceptability"), "{viewed:?}");
}

#[test]
fn export_into_a_missing_directory_says_so_and_writes_nothing() {
    let kb = Kb::seeded();
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("nodir").join("x.json");
    kb.run(&["export", "--format", "json", "-o", out.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("nodir does not exist"));
    assert!(!dir.path().join("nodir").exists());
}

// ---- reliability (issue #7) ----

const CORPUS: &str = "../shared/corpora/aes-zh-highschool";

fn corpus() -> Option<PathBuf> {
    let p = PathBuf::from(CORPUS);
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("notice: {CORPUS} is absent; skipping the corpus test");
        None
    }
}

#[test]
fn encodings_are_detected_and_recorded() {
    let kb = Kb::new();
    // Each file's title differs, so each is a document of its own (the same
    // text in two encodings is one document: below).
    let text = |title: &str| format!("论读书（{title}）\n\n读书使人明智。因此，我们应该多读书。\n");
    let gbk = encoding_rs::GBK.encode(&text("甲")).0.into_owned();
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text("乙").encode_utf16() {
        le.extend(u.to_le_bytes());
    }
    for u in text("丙").encode_utf16() {
        be.extend(u.to_be_bytes());
    }
    let text = text("丁");
    let crlf = text
        .replace('\n', "\r\n")
        .replace("读书使人", "　　读书使人");
    let files = [
        ("gbk.txt", gbk.clone()),
        ("le.txt", le),
        ("be.txt", be),
        ("crlf.txt", crlf.into_bytes()),
        (
            "bom.txt",
            [
                b"\xEF\xBB\xBF".as_slice(),
                "论写作\n\n写作使人精确。\n".as_bytes(),
            ]
            .concat(),
        ),
    ];
    for (name, bytes) in &files {
        let p = kb.file(name, bytes);
        kb.run(&["ingest", p.to_str().unwrap()]).success();
    }
    let rows = kb.json(&[
        "sql",
        "SELECT path, encoding FROM documents ORDER BY path",
        "--json",
    ]);
    let enc: Vec<(String, String)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let p = r["path"].as_str().unwrap();
            (
                p.rsplit('/').next().unwrap().to_owned(),
                r["encoding"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(enc.contains(&("gbk.txt".into(), "GBK".into())), "{enc:?}");
    assert!(enc.contains(&("le.txt".into(), "UTF-16LE".into())));
    assert!(enc.contains(&("be.txt".into(), "UTF-16BE".into())));
    // The same sentences in four encodings: the same claims.
    let texts = kb.json(&["sql", "SELECT count(DISTINCT text) AS n FROM claims WHERE text LIKE '读书使人明智%' OR text LIKE '　%'", "--json"]);
    assert_eq!(texts[0]["n"], 1);
    // The same text in another encoding, or with other line endings, under
    // another name is a copy of the stored document: skipped, nothing added.
    let original = "论读书（戊）\n\n读书使人明智。\n";
    let p = kb.file("original.txt", original.as_bytes());
    kb.run(&["ingest", p.to_str().unwrap()]).success();
    let documents = kb.json(&["stats", "--json"])["documents"].clone();
    let (gbk_copy, _, _) = encoding_rs::GBK.encode(original);
    for (name, bytes) in [
        ("copy-gbk.txt", gbk_copy.to_vec()),
        ("copy-crlf.txt", original.replace('\n', "\r\n").into_bytes()),
    ] {
        let p = kb.file(name, &bytes);
        kb.run(&["ingest", p.to_str().unwrap()])
            .success()
            .stderr(predicate::str::contains("same content as"));
    }
    assert_eq!(kb.json(&["stats", "--json"])["documents"], documents);
    // Forcing an encoding: right one works, wrong one is a one-line error.
    let other = Kb::new();
    let p = other.file("forced.txt", &gbk);
    other
        .run(&["ingest", "--encoding", "gb18030", p.to_str().unwrap()])
        .success();
    other
        .run(&["ingest", "--encoding", "utf-8", p.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("not valid UTF-8"));
    other
        .run(&["ingest", "--encoding", "klingon", p.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("unknown encoding"));
}

#[test]
fn the_whole_corpus_ingests_including_the_gbk_scores_file() {
    let Some(dir) = corpus() else { return };
    let kb = Kb::new();
    kb.run(&["ingest", dir.join("essays").to_str().unwrap()])
        .success();
    kb.run(&["ingest", dir.join("scores.gbk.txt").to_str().unwrap()])
        .success();
    let stats = kb.json(&["stats", "--json"]);
    // 300 files, one of which repeats another byte for byte; plus the scores file.
    assert_eq!(stats["documents"], 300);
    let rows = kb.json(&["sql", "SELECT d.path, count(e.id) AS essays, min(e.title IS NOT NULL) AS titled FROM documents d JOIN essays e ON e.document_id = d.id WHERE d.path LIKE '%/essays/%' GROUP BY d.id", "--json"]);
    let rows = rows.as_array().unwrap();
    // One essay per file, except the few that hold a second essay (or a
    // third, A-0116) written to the same prompt, each under its own title
    // (A-0102).
    let multi: Vec<&Value> = rows.iter().filter(|r| r["essays"] != 1).collect();
    assert!(
        multi.iter().all(|r| r["essays"] == 2 || r["essays"] == 3),
        "{multi:?}"
    );
    assert!(
        multi
            .iter()
            .any(|r| r["essays"] == 3 && r["path"].as_str().unwrap().ends_with("A-0116.txt")),
        "{multi:?}"
    );
    assert!(
        multi
            .iter()
            .any(|r| r["path"].as_str().unwrap().ends_with("A-0102.txt")),
        "{multi:?}"
    );
    assert!(multi.len() * 100 <= rows.len() * 3, "{multi:?}");
    // The first line is most files' title. A title that ends with 。 reads as
    // a sentence (A-0160: 星期天，我去购书中心看书。), and a few files open with
    // the prompt's material (A-0250: 材料一：2020年1月中旬…): those stay untitled.
    let untitled: Vec<&Value> = rows.iter().filter(|r| r["titled"] != 1).collect();
    assert!(
        untitled.len() * 100 <= rows.len() * 5,
        "untitled: {untitled:?}"
    );
    let enc = kb.json(&[
        "sql",
        "SELECT encoding FROM documents WHERE path LIKE '%scores.gbk.txt'",
        "--json",
    ]);
    assert_eq!(enc[0]["encoding"], "GBK");
    let scores = kb.json(&["sql", "SELECT count(*) AS n FROM claims c JOIN essays e ON e.id = c.essay_id JOIN documents d ON d.id = e.document_id WHERE d.path LIKE '%scores.gbk.txt' AND c.text LIKE '%我因朋友而自豪%'", "--json"]);
    assert!(
        scores[0]["n"].as_i64().unwrap() >= 1,
        "GBK text decoded correctly"
    );
}

#[test]
fn hostile_files_each_get_a_one_line_reason() {
    let kb = Kb::new();
    let dir = kb.dir.path().join("hostile");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("blank.txt"), " \n　\n\t\n").unwrap();
    std::fs::write(dir.join("binary.txt"), b"\x7fELF\x02\x01\x01\0\0\0").unwrap();
    std::fs::write(dir.join("ok.txt"), "论读书\n\n读书使人明智。\n").unwrap();
    // A run-on paragraph with no punctuation at all, and one very long line.
    std::fs::write(
        dir.join("runon.txt"),
        "元宇宙让产业互联网得到了释放".repeat(20_000),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.join("vanished.txt"), dir.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
    use std::os::unix::ffi::OsStrExt;
    std::fs::write(
        dir.join(std::ffi::OsStr::from_bytes(b"bad\xffname.txt")),
        "观点。\n",
    )
    .unwrap();
    let out = kb
        .run(&["ingest", dir.to_str().unwrap()])
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    for (needle, why) in [
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("binary.txt", "binary"),
        ("dangling.txt", "no such file"),
        ("loop", "loop"),
        ("name.txt", "not valid UTF-8"),
    ] {
        let line = err
            .lines()
            .find(|l| l.starts_with("error:") && l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}: {err}"));
        assert!(line.contains(why), "{line}");
    }
    let stats = kb.json(&["stats", "--json"]);
    assert_eq!(stats["documents"], 2, "ok.txt and runon.txt are in");
    // --fail-fast stops at the first failure.
    let other = Kb::new();
    other
        .run(&["ingest", "--fail-fast", dir.to_str().unwrap()])
        .code(2);
}

#[test]
fn fail_fast_saves_nothing_after_the_failure_even_in_the_same_group() {
    let kb = Kb::new();
    let dir = kb.dir.path().join("mixed");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "甲\n\n我认为读书使人明智。\n").unwrap();
    std::fs::write(dir.join("b.txt"), b"\x00\x01\x02binary\x00\x00").unwrap();
    std::fs::write(dir.join("c.txt"), "丙\n\n我认为运动有益健康。\n").unwrap();
    // All three files are one group (default --commit-every 256).
    kb.run(&["ingest", "--fail-fast", dir.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("b.txt"));
    let paths: Vec<String> = kb
        .json(&["sql", "SELECT path FROM documents", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert!(paths[0].ends_with("a.txt"), "{paths:?}");
    // With too many files for a line each, a line still says what was
    // saved before the failure.
    let many = Kb::new();
    let dir = many.dir.path().join("many");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..5 {
        std::fs::write(
            dir.join(format!("a{i}.txt")),
            format!("甲{i}\n\n我认为读书使人明智{i}。\n"),
        )
        .unwrap();
    }
    std::fs::write(dir.join("b.txt"), b"\x00\x01\x02binary\x00\x00").unwrap();
    many.run(&["ingest", "--fail-fast", dir.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains(
            "stopped at the first failure (--fail-fast); before it, 5 files: 5 added",
        ));
}

#[test]
fn a_read_only_database_is_refused_for_writing_but_readable() {
    let kb = Kb::seeded();
    let mut perms = std::fs::metadata(&kb.db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&kb.db, perms).unwrap();
    kb.run(&["ingest", "tests/data/unseen-network-reading.txt"])
        .code(2)
        .stderr(predicate::str::contains("read-only"));
    kb.run(&["stats"]).success();
}

fn doc_dir(kb: &Kb, name: &str, n: usize) -> PathBuf {
    let dir = kb.dir.path().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let seed = std::fs::read_to_string(SEED).unwrap();
    for i in 0..n {
        std::fs::write(
            dir.join(format!("{name}-{i:03}.txt")),
            format!("{seed}\n\n第{i}份{name}的结语。\n"),
        )
        .unwrap();
    }
    dir
}

/// Every document present is whole: essays, claims, search rows, edges and terms.
fn assert_complete(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let bad: i64 = conn
        .query_row(
            "SELECT count(*) FROM documents d WHERE
               (SELECT count(*) FROM essays e WHERE e.document_id = d.id) = 0
            OR (SELECT count(*) FROM claims c JOIN essays e ON e.id = c.essay_id WHERE e.document_id = d.id) < 100
            OR (SELECT count(*) FROM claims c JOIN essays e ON e.id = c.essay_id JOIN edges x ON x.src = c.num WHERE e.document_id = d.id) < 90
            OR (SELECT count(*) FROM claims c JOIN essays e ON e.id = c.essay_id JOIN claim_terms t ON t.claim_num = c.num WHERE e.document_id = d.id) = 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0, "a half-written document");
    let claims: i64 = conn
        .query_row("SELECT count(*) FROM claims", [], |r| r.get(0))
        .unwrap();
    let search: i64 = conn
        .query_row("SELECT count(*) FROM claim_search", [], |r| r.get(0))
        .unwrap();
    assert_eq!(claims, search);
}

#[test]
fn killed_ingests_lose_nothing_and_resume() {
    let kb = Kb::new();
    let dir = doc_dir(&kb, "crash", 12);
    let bin = assert_cmd::cargo::cargo_bin("argraph");
    // A fixed sequence of kill times, spread over the run.
    let mut x: u64 = 0x2545F4914F6CDD1D;
    let kills = 50;
    for _ in 0..kills {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let wait = std::time::Duration::from_millis(5 + x % 400);
        let mut child = std::process::Command::new(&bin)
            .arg("--db")
            .arg(&kb.db)
            .arg("ingest")
            .arg(&dir)
            .args(["--commit-every", "3"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(wait);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        if kb.db.exists() {
            // A first run killed while it laid out the schema leaves it in
            // part (each migration is its own transaction); the next
            // command that opens the base completes it, as here.
            kb.run(&["stats"]).success();
            assert_complete(&kb.db);
            // Groups of three files commit whole or not at all.
            let conn = rusqlite::Connection::open(&kb.db).unwrap();
            let docs: i64 = conn
                .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
                .unwrap();
            assert_eq!(docs % 3, 0, "a group committed in part: {docs} documents");
        }
    }
    kb.run(&["ingest", dir.to_str().unwrap()]).success();
    assert_complete(&kb.db);
    assert_eq!(kb.json(&["stats", "--json"])["documents"], 12);
}

/// A class's audit: past ten essays the text summary names only the
/// essays with findings, so the findings do not scroll away.
#[test]
fn the_audit_summary_of_many_essays_names_those_with_findings() {
    let kb = Kb::new();
    let dir = doc_dir(&kb, "class", 6);
    kb.run(&["ingest", dir.to_str().unwrap()]).success();
    // The seed's theses are guesses (a note on every essay): left out, so
    // that some essays have no findings.
    let allow = ["--allow", "uncertain-thesis"];
    let v = kb.json(&["audit", "--json", allow[0], allow[1]]);
    let essays = v["summaries"].as_array().unwrap().len();
    assert!(
        essays > argraph::audit::report::SUMMARY_ALL_ESSAYS,
        "{essays}"
    );
    let with: std::collections::BTreeSet<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["essay"].as_str().unwrap())
        .collect();
    let text = kb.stdout(&["audit", allow[0], allow[1]]);
    let listed = text.lines().filter(|l| l.starts_with('《')).count();
    assert_eq!(listed, with.len(), "{text}");
    assert!(
        text.contains(&format!(
            "… and {} essays without findings",
            essays - with.len()
        )),
        "{text}"
    );
}

/// A drawing of more than a thousand claims says beforehand that it will
/// be slow and what to do instead (a class's SVG took 22 s in silence).
#[test]
fn a_large_drawing_is_announced() {
    let kb = Kb::new();
    let dir = doc_dir(&kb, "big", 11);
    kb.run(&["ingest", dir.to_str().unwrap()]).success();
    let claims = kb.json(&["stats", "--json"])["claims"].as_u64().unwrap() as usize;
    assert!(
        claims > argraph::cmd::export::LARGE_DRAWING_CLAIMS,
        "{claims}"
    );
    let out = kb.dir.path().join("all.svg");
    // Without Graphviz on the PATH the note still comes first.
    let run = argraph(&kb.db)
        .env("PATH", "")
        .args(["export", "--format", "svg", "-o", out.to_str().unwrap()])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!("note: drawing {claims} claims of 22 essays")),
        "{stderr}"
    );
    assert!(stderr.contains("--essay ID"), "{stderr}");
    // So is a Mermaid chart of that size; one essay's is not.
    let mermaid = kb.dir.path().join("all.mmd");
    let run = kb
        .run(&[
            "export",
            "--format",
            "mermaid",
            "-o",
            mermaid.to_str().unwrap(),
        ])
        .success();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!("note: a Mermaid chart of {claims} claims")),
        "{stderr}"
    );
    let essay = kb.json(&["list", "essays", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let run = kb
        .run(&[
            "export",
            "--format",
            "mermaid",
            "--essay",
            &essay,
            "-o",
            mermaid.to_str().unwrap(),
        ])
        .success();
    assert!(run.get_output().stderr.is_empty());
}

/// Ctrl-C during an ingest: the group being written commits, the files
/// saved are reported (in the JSON too), and the process ends as SIGINT
/// ends it; a rerun ingests the rest.
#[cfg(unix)]
#[test]
fn an_interrupted_ingest_reports_what_it_saved() {
    use std::os::unix::process::ExitStatusExt;
    let kb = Kb::new();
    let dir = doc_dir(&kb, "int", 60);
    let bin = assert_cmd::cargo::cargo_bin("argraph");
    let child = std::process::Command::new(&bin)
        .arg("--db")
        .arg(&kb.db)
        .args(["ingest", "--json", "--commit-every", "3"])
        .arg(&dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Once the first group is in, interrupt.
    let saved = || -> i64 {
        rusqlite::Connection::open_with_flags(&kb.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)))
            .unwrap_or(0)
    };
    let started = std::time::Instant::now();
    while saved() < 3 && started.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // SAFETY: kill(2) on our own child's pid.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let docs = saved();
    if out.status.success() {
        // The last group was already being written: nothing to interrupt.
        assert_eq!(docs, 60, "{stderr}");
        return;
    }
    assert_eq!(out.status.signal(), Some(libc::SIGINT), "{stderr}");
    assert!(stderr.contains("interrupted (SIGINT)"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["interrupted"], "SIGINT");
    // Every file reported is saved, whole groups only, and nothing else is.
    assert_eq!(v["files"].as_array().unwrap().len() as i64, docs);
    assert_eq!(docs % 3, 0, "{docs}");
    assert!(docs < 60, "{docs}");
    assert_complete(&kb.db);
    kb.run(&["ingest", dir.to_str().unwrap()]).success();
    assert_eq!(kb.json(&["stats", "--json"])["documents"], 60);
}

/// `export --format svg` killed while Graphviz lays out a large map takes
/// `dot` with it, and leaves no file behind.
#[cfg(target_os = "linux")]
#[test]
fn a_killed_svg_export_takes_dot_with_it() {
    if !dot_available() {
        return;
    }
    let kb = Kb::new();
    let dir = doc_dir(&kb, "big", 60);
    kb.run(&["-q", "ingest", dir.to_str().unwrap()]).success();
    let out = kb.dir.path().join("big.svg");
    let bin = assert_cmd::cargo::cargo_bin("argraph");
    let mut child = std::process::Command::new(&bin)
        .arg("--db")
        .arg(&kb.db)
        .args(["export", "--format", "svg", "-o"])
        .arg(&out)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id() as i32;
    let children = || -> Vec<i32> {
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect()
    };
    let started = std::time::Instant::now();
    let dot = loop {
        if let Some(&d) = children().first() {
            break Some(d);
        }
        if child.try_wait().unwrap().is_some() || started.elapsed().as_secs() > 30 {
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    };
    let Some(dot) = dot else {
        eprintln!("notice: dot ended before it could be seen; skipping the kill check");
        return;
    };
    // Killed while still reading the map, dot would end anyway on its
    // unfinished input: let it read it all and start the layout (seven
    // seconds of it here).
    std::thread::sleep(std::time::Duration::from_secs(1));
    if child.try_wait().unwrap().is_some() {
        eprintln!("notice: the export ended within a second; skipping the kill check");
        return;
    }
    // SAFETY: kill(2) on our own child's pid.
    unsafe { libc::kill(pid, libc::SIGTERM) };
    child.wait().unwrap();
    // `dot` is gone too (or a zombie waiting to be reaped), long before its
    // layout would have ended.
    let alive = || {
        std::fs::read_to_string(format!("/proc/{dot}/status"))
            .map(|s| {
                !s.lines()
                    .any(|l| l.starts_with("State:") && l.contains('Z'))
            })
            .unwrap_or(false)
    };
    let killed = std::time::Instant::now();
    while alive() && killed.elapsed().as_secs() < 2 {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(
        !alive(),
        "dot (pid {dot}) still runs after argraph was killed"
    );
    assert!(!out.exists(), "no partial SVG is left");
}

#[test]
fn concurrent_ingests_and_readers_all_succeed() {
    let kb = Kb::seeded();
    let a = doc_dir(&kb, "left", 6);
    let b = doc_dir(&kb, "right", 6);
    let bin = assert_cmd::cargo::cargo_bin("argraph");
    let spawn = |args: Vec<String>| {
        std::process::Command::new(&bin)
            .arg("--db")
            .arg(&kb.db)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let w1 = spawn(vec!["ingest".into(), a.to_str().unwrap().into()]);
    let w2 = spawn(vec!["ingest".into(), b.to_str().unwrap().into()]);
    let mut readers = Vec::new();
    for i in 0..6 {
        let cmd = if i % 2 == 0 { "stats" } else { "audit" };
        readers.push(spawn(vec![cmd.into()]));
        std::thread::sleep(std::time::Duration::from_millis(40));
    }
    for child in [w1, w2].into_iter().chain(readers) {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!err.contains("locked") && !err.contains("busy"), "{err}");
        // audit may exit 1 for findings; nothing may fail outright.
        assert!(out.status.code().is_some_and(|c| c <= 1), "{err}");
    }
    assert_eq!(kb.json(&["stats", "--json"])["documents"], 13);
    assert_complete(&kb.db);
}

/// Two first ingests at once into a base that does not exist yet: each
/// creates or waits for the schema, and both documents are saved (one was
/// refused as "not an argraph" base or "busy" about one time in six).
#[test]
fn two_first_ingests_into_a_new_base_both_succeed() {
    let kb = Kb::new();
    let one = kb.file(
        "one.txt",
        "论读书\n读书使人明智。我们应该多读书。\n".as_bytes(),
    );
    let two = kb.file(
        "two.txt",
        "论诚信\n诚信是做人的根本。我们应该守信。\n".as_bytes(),
    );
    let bin = assert_cmd::cargo::cargo_bin("argraph");
    for round in 0..8 {
        let db = kb.dir.path().join(format!("new-{round}.db"));
        let spawn = |file: &Path| {
            std::process::Command::new(&bin)
                .arg("--db")
                .arg(&db)
                .args(["ingest", file.to_str().unwrap()])
                .stderr(std::process::Stdio::piped())
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(&one), spawn(&two));
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(out.status.success(), "round {round}: {err}");
        }
        assert_eq!(
            argraph(&db)
                .args(["stats", "--json"])
                .output()
                .map(|o| {
                    serde_json::from_slice::<Value>(&o.stdout).unwrap()["documents"].clone()
                })
                .unwrap(),
            2
        );
    }
}

#[test]
fn csv_export_for_neo4j_import() {
    let kb = Kb::seeded();
    let dir = kb.dir.path().join("neo4j");
    kb.run(&["export", "--format", "csv"])
        .code(2)
        .stderr(predicate::str::contains("-o DIR"));
    // `-o -` is standard output, as with every format: not a directory named `-`.
    argraph(&kb.db)
        .current_dir(kb.dir.path())
        .args(["export", "--format", "csv", "-o", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-o DIR"));
    assert!(!kb.dir.path().join("-").exists());
    kb.run(&["export", "--format", "csv", "-o", dir.to_str().unwrap()])
        .success();
    let stats = kb.json(&["stats", "--json"]);
    let mut nodes = csv::Reader::from_path(dir.join("claims.csv")).unwrap();
    assert_eq!(nodes.headers().unwrap().get(0), Some("claimId:ID(Claim)"));
    let headers = nodes.headers().unwrap().clone();
    for column in ["document", "paragraph:int", "confidence:double"] {
        assert!(headers.iter().any(|h| h == column), "{headers:?}");
    }
    // unsureThesis says of each thesis what the JSON export's `unsure` does,
    // and nothing of other claims.
    let flag = headers
        .iter()
        .position(|h| h == "unsureThesis:boolean")
        .expect("unsureThesis column");
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    let unsure: std::collections::HashMap<String, String> = g["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let v = c.get("unsure").map_or(String::new(), |u| u.to_string());
            (c["id"].as_str().unwrap().to_owned(), v)
        })
        .collect();
    let records: Vec<csv::StringRecord> = nodes.records().map(Result::unwrap).collect();
    assert!(
        records.iter().any(|r| &r[flag] == "true"),
        "the seed has a guess"
    );
    for r in &records {
        assert_eq!(r[flag], unsure[&r[0]], "{r:?}");
    }
    // Section headings are told apart from other claims, as in the JSON.
    let heading = headers
        .iter()
        .position(|h| h == "heading:boolean")
        .expect("heading column");
    let headings = g["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["heading"] == true)
        .count();
    assert!(headings > 0);
    assert_eq!(
        records.iter().filter(|r| &r[heading] == "true").count(),
        headings
    );
    assert_eq!(records.len() as i64, stats["claims"].as_i64().unwrap());
    let mut edges = csv::Reader::from_path(dir.join("relations.csv")).unwrap();
    assert_eq!(edges.headers().unwrap().get(2), Some(":TYPE"));
    let types: Vec<String> = edges.records().map(|r| r.unwrap()[2].to_owned()).collect();
    assert_eq!(types.len() as i64, stats["edges"].as_i64().unwrap());
    assert!(types.iter().all(|t| [
        "SUPPORTS",
        "ATTACKS",
        "EXEMPLIFIES",
        "RESTATES",
        "ELABORATES"
    ]
    .contains(&t.as_str())));
}

#[test]
fn a_missing_path_creates_no_database() {
    let kb = Kb::new();
    kb.run(&["ingest", "no/such/dir"])
        .code(2)
        .stderr(predicate::str::contains("no/such/dir"));
    assert!(!kb.db.exists());
}

// ---- discourse roles (issue #11) ----

#[test]
fn corpus_essays_get_one_thesis_that_every_claim_reaches() {
    let Some(dir) = corpus() else { return };
    // Varied shapes: two essays in one file (A-0102), prompt material before
    // the title (A-0254, A-0256), a rebuttal essay (A-0264), short ones.
    let names = ["A-0102", "A-0254", "A-0256", "A-0264", "A-0172", "A-0169"];
    let kb = Kb::new();
    for name in names {
        let path = dir.join("essays").join(format!("{name}.txt"));
        kb.run(&["ingest", path.to_str().unwrap()]).success();
    }
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    let essays = g["essays"].as_array().unwrap();
    assert!(essays.len() > names.len(), "A-0102 holds two essays");
    let claims = g["claims"].as_array().unwrap();
    let edges = g["edges"].as_array().unwrap();
    let roles = [
        "introduction",
        "thesis",
        "main_idea",
        "evidence",
        "elaboration",
        "conclusion",
        "other",
    ];
    for e in essays {
        let mine: Vec<&Value> = claims.iter().filter(|c| c["essay"] == e["id"]).collect();
        let theses: Vec<&&Value> = mine.iter().filter(|c| c["role"] == "thesis").collect();
        assert_eq!(theses.len(), 1, "essay {}", e["title"]);
        assert_eq!(theses[0]["kind"], "major_claim");
        for c in &mine {
            assert!(roles.contains(&c["role"].as_str().unwrap()), "{c}");
        }
        // Every claim reaches the thesis (edges in either direction).
        let mut reached = vec![theses[0]["id"].as_str().unwrap()];
        let mut i = 0;
        while i < reached.len() {
            let at = reached[i];
            for ed in edges {
                let (f, t) = (ed["from"].as_str().unwrap(), ed["to"].as_str().unwrap());
                for (here, there) in [(f, t), (t, f)] {
                    if here == at && !reached.contains(&there) {
                        reached.push(there);
                    }
                }
            }
            i += 1;
        }
        for c in &mine {
            assert!(
                reached.contains(&c["id"].as_str().unwrap()),
                "{} does not reach the thesis of {}",
                c["text"],
                e["title"]
            );
        }
    }
    // Prompt material before a title is the essay's introduction, never its thesis.
    let prompt = claims
        .iter()
        .find(|c| {
            c["text"]
                .as_str()
                .unwrap()
                .starts_with("微博知名美食视频博主")
        })
        .unwrap();
    assert_eq!(prompt["role"], "introduction");
}

/// `fit-roles` refuses a gold set it cannot fit honestly, before fitting:
/// an essay given twice, no thesis anywhere, fewer essays than folds, an
/// output directory that is not there (a researcher's trial).
#[test]
fn fit_roles_refuses_what_it_cannot_fit_honestly() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("e.txt"), "论读书\n读书使人明智。我们应该多读书。\n").unwrap();
    let essay = |id: &str, thesis: &str| {
        format!(
            "{{\"id\": \"{id}\", \"source\": \"e.txt\", \"sentences\": [{{\"text\": \"读书使人明智。\", \"role\": \"Main Idea\"}}, {{\"text\": \"我们应该多读书。\", \"role\": \"{thesis}\"}}]}}\n"
        )
    };
    let gold = |name: &str, lines: &[String]| {
        let path = p.join(name);
        std::fs::write(&path, lines.concat()).unwrap();
        path
    };
    let fit = |args: &[&std::ffi::OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_fit-roles"))
            .args(args)
            .arg("--root")
            .arg(p)
            .arg("--iterations")
            .arg("5")
            .assert()
    };
    let one = gold("one.jsonl", &[essay("e1", "Thesis")]);
    let out = p.join("w.tsv");
    fit(&[one.as_os_str(), "-o".as_ref(), out.as_os_str()]).success();
    assert!(out.exists());
    let twice = gold(
        "twice.jsonl",
        &[essay("e1", "Thesis"), essay("e2", "Thesis")],
    );
    let no_thesis = gold("none.jsonl", &[essay("e1", "Conclusion")]);
    let nowhere = p.join("no-dir").join("w.tsv");
    for (args, said) in [
        (vec![twice.as_os_str()], "is given twice"),
        (
            vec![one.as_os_str(), "--extra".as_ref(), one.as_os_str()],
            "is given twice",
        ),
        (
            vec![no_thesis.as_os_str()],
            "no essay has a sentence with the role Thesis",
        ),
        (
            vec![one.as_os_str(), "--cv".as_ref(), "2".as_ref()],
            "--cv 2 needs at least 2 essays",
        ),
        (
            vec![one.as_os_str(), "-o".as_ref(), p.as_os_str()],
            "is a directory",
        ),
        (
            vec![one.as_os_str(), "-o".as_ref(), nowhere.as_os_str()],
            "its directory does not exist",
        ),
    ] {
        fit(&args)
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains(said));
    }
    assert!(!nowhere.exists());
}

/// `ARGRAPH_ROLE_WEIGHTS`: weights of one's own are used, and weights that
/// cannot be used stop the run before anything is read (a researcher's
/// trial scored the shipped weights in-sample under a mistyped path).
#[test]
fn role_weights_of_ones_own_are_used_and_unusable_ones_refused() {
    let kb = Kb::new();
    let essay = "tests/data/unseen-network-reading.txt";
    let main_ideas = |weights: &Path| -> usize {
        let out = argraph(&kb.db)
            .env("ARGRAPH_ROLE_WEIGHTS", weights)
            .args(["ingest", "--dry-run", "--json", essay])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let v: Value = serde_json::from_slice(&out).unwrap();
        v[0]["extraction"]["claims"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["role"] == "main_idea")
            .count()
    };
    let shipped = include_str!("../src/extract/role_weights.tsv");
    let same = kb.file("same.tsv", shipped.as_bytes());
    let leaning = kb.file(
        "leaning.tsv",
        shipped
            .replace(
                "option\tmain_idea_offset\t0.6",
                "option\tmain_idea_offset\t50",
            )
            .as_bytes(),
    );
    assert!(main_ideas(&leaning) > main_ideas(&same));
    let damaged = kb.file(
        "damaged.tsv",
        shipped.replacen("\t0.", "\tzero.", 1).as_bytes(),
    );
    let missing = kb.dir.path().join("no-such-weights.tsv");
    // A device is refused, not read until memory runs out, and a FIFO
    // without waiting for a writer.
    let endless = PathBuf::from("/dev/zero");
    let fifo = kb.dir.path().join("weights-fifo.tsv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let fifo = match made {
        Ok(s) if s.success() => fifo,
        _ => endless.clone(),
    };
    for (weights, args) in [
        (&damaged, vec!["ingest", essay]),
        (&missing, vec!["ingest", essay]),
        (&endless, vec!["ingest", essay]),
        (&fifo, vec!["ingest", "--dry-run", essay]),
        (&damaged, vec!["ingest", "--dry-run", essay]),
        (&missing, vec!["demo"]),
    ] {
        argraph(&kb.db)
            .env("ARGRAPH_ROLE_WEIGHTS", weights)
            .args(&args)
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(
                predicate::str::contains(weights.file_name().unwrap().to_str().unwrap())
                    .and(predicate::str::contains("ARGRAPH_ROLE_WEIGHTS"))
                    .and(predicate::str::contains("warning").not()),
            );
    }
    assert!(!kb.db.exists(), "nothing was written");
    // Set but empty is unset.
    argraph(&kb.db)
        .env("ARGRAPH_ROLE_WEIGHTS", "")
        .args(["ingest", essay])
        .assert()
        .success();
    // The base records which weights read each document: a run under other
    // weights says which unchanged files keep the old roles, and `stats`
    // counts the documents of each.
    let shipped_only = kb.json(&["stats", "--json"])["role_weights"].clone();
    assert_eq!(shipped_only[0]["shipped"], true, "{shipped_only}");
    assert_eq!(shipped_only[0]["documents"], 1, "{shipped_only}");
    argraph(&kb.db)
        .env("ARGRAPH_ROLE_WEIGHTS", &leaning)
        .args(["ingest", essay])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1 unchanged file keeps the roles of other role weights",
        ));
    argraph(&kb.db)
        .env("ARGRAPH_ROLE_WEIGHTS", &same)
        .args(["ingest", essay])
        .assert()
        .success()
        .stderr(predicate::str::contains("other role weights").not());
    argraph(&kb.db)
        .env("ARGRAPH_ROLE_WEIGHTS", &leaning)
        .args(["ingest", "--force", essay])
        .assert()
        .success();
    let stats = kb.json(&["stats", "--json"]);
    let weights = stats["role_weights"].as_array().unwrap();
    assert_eq!(weights.len(), 1, "{stats}");
    assert_eq!(weights[0]["shipped"], false, "{stats}");
    assert!(kb.stdout(&["stats"]).contains("weights    1 other ("));
    // The note asks of the document a file is, as ingest decides it: not of
    // text once given on standard input under the file's name (a review).
    kb.file(
        "named.txt",
        "论读书\n我认为读书使人明智。我们应该多读书。\n".as_bytes(),
    );
    argraph(&kb.db)
        .env("ARGRAPH_ROLE_WEIGHTS", &leaning)
        .args(["ingest", "-", "--name", "named.txt"])
        .write_stdin("论写作\n我认为写作需要练习。我们应该多写。\n")
        .assert()
        .success();
    for outcome in ["added", "unchanged"] {
        argraph(&kb.db)
            .current_dir(kb.dir.path())
            .args(["ingest", "named.txt"])
            .assert()
            .success()
            .stderr(predicate::str::contains(outcome))
            .stderr(predicate::str::contains("other role weights").not());
    }
}

#[test]
fn show_explains_a_role_and_lists_filter_by_it() {
    let kb = Kb::seeded();
    let theses = kb.json(&["list", "claims", "--role", "thesis", "--json"]);
    assert_eq!(
        theses.as_array().unwrap().len(),
        2,
        "one thesis per seed essay"
    );
    let id = theses[0]["id"].as_str().unwrap();
    let v = kb.json(&["show", id, "--json"]);
    assert_eq!(v["claim"]["role"], "thesis");
    let why = &v["claim"]["why"];
    assert!(!why["features"].as_array().unwrap().is_empty());
    // Runners-up are named by claim id, as in the HTML report, and the
    // thesis's own score stands beside theirs.
    let runner = why["runners_up"][0][0].as_str().unwrap();
    assert_eq!(kb.json(&["show", runner, "--json"])["claim"]["id"], runner);
    // Each runner-up comes with its weightiest features in the ranker, to
    // set against the thesis's (why it came second), in both outputs.
    let runner_features = why["runners_up_features"].as_array().unwrap();
    assert_eq!(
        runner_features.len(),
        why["runners_up"].as_array().unwrap().len()
    );
    let (name, weight) = (
        runner_features[0][0][0].as_str().unwrap(),
        runner_features[0][0][1].as_f64().unwrap(),
    );
    assert!(kb
        .stdout(&["show", id])
        .contains(&format!("{weight:+.2} {name}")));
    // Every command names them so (a script found `list` giving their place
    // in the essay under the same key), and so does a dry run.
    assert_eq!(theses[0]["why"]["runners_up"], why["runners_up"]);
    let text = kb.json(&["show", id, "--json"])["claim"]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    let hits = kb.json(&["search", &text, "--json"]);
    let hit = hits
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["claim"]["id"] == id)
        .unwrap();
    assert_eq!(hit["claim"]["why"]["runners_up"], why["runners_up"]);
    let tree = kb.json(&["tree", id, "--depth", "1", "--json"]);
    assert_eq!(
        tree["claim"]["why"]["runners_up"], why["runners_up"],
        "{tree}"
    );
    let seed = std::fs::read("seeds/metaverse-industrial-internet.txt").unwrap();
    let dry = kb.json_with_stdin(&["ingest", "-", "--dry-run", "--json"], seed);
    let dry_thesis = dry[0]["extraction"]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["role"] == "thesis")
        .unwrap();
    // The same bytes give the same ids: the stored thesis's runners-up.
    let stored = theses
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == dry_thesis["id"])
        .unwrap();
    assert!(!stored["why"]["runners_up"].as_array().unwrap().is_empty());
    assert_eq!(dry_thesis["why"]["runners_up"], stored["why"]["runners_up"]);
    assert!(why["score"].as_f64().unwrap() >= why["runners_up"][0][1].as_f64().unwrap());
    // A close call says so, in both outputs, exactly when the best
    // runner-up is within the margin; a guess (a low share among the
    // candidates) says that instead, and `list` marks it `thesis?`.
    let margin = why["score"].as_f64().unwrap() - why["runners_up"][0][1].as_f64().unwrap();
    let close = margin < argraph::model::CLOSE_CALL_MARGIN;
    let unsure = why["confidence"].as_f64().unwrap() < argraph::model::UNSURE_THESIS_CONFIDENCE;
    assert_eq!(why["close_call"].as_bool(), Some(close), "{why}");
    assert_eq!(why["unsure"].as_bool(), Some(unsure), "{why}");
    let shown = kb.stdout(&["show", id]);
    assert_eq!(shown.contains("a guess:"), unsure, "{shown}");
    // The lines of the thesis's reasons add up to its score (the features
    // not listed are one line), so a reader can check them.
    let reasons: f64 = shown
        .lines()
        .skip_while(|l| !l.starts_with("why thesis"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next()?.parse::<f64>().ok())
        .sum();
    let score = why["score"].as_f64().unwrap();
    assert!(
        (reasons - score).abs() < 0.03,
        "{reasons} against {score}: {shown}"
    );
    assert_eq!(shown.contains("close call:"), close && !unsure, "{shown}");
    let listed = kb.stdout(&["list", "claims", "--role", "thesis"]);
    assert_eq!(
        listed.lines().filter(|l| l.contains("thesis?")).count(),
        theses
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| {
                let id = t["id"].as_str().unwrap();
                kb.json(&["show", id, "--json"])["claim"]["why"]["unsure"] == true
            })
            .count(),
        "{listed}"
    );
    // The HTML report's panel carries the same note, as the reader of the
    // report has no `show` (new user's session).
    let report = kb.dir.path().join("close.html");
    kb.run(&["export", "--format", "html", "-o", report.to_str().unwrap()])
        .success();
    let html = std::fs::read_to_string(&report).unwrap();
    let whys: Vec<Value> = theses
        .as_array()
        .unwrap()
        .iter()
        .map(|t| kb.json(&["show", t["id"].as_str().unwrap(), "--json"])["claim"]["why"].clone())
        .collect();
    let guesses = whys.iter().filter(|w| w["unsure"] == true).count();
    // `list --json` says the same of each thesis as `show --json`.
    for (t, w) in theses.as_array().unwrap().iter().zip(&whys) {
        assert!(t["why"]["unsure"].is_boolean(), "{t}");
        assert_eq!(t["why"]["unsure"], w["unsure"]);
    }
    let close_only = whys
        .iter()
        .filter(|w| w["close_call"] == true && w["unsure"] != true)
        .count();
    // A guess's note is in the claim's panel and in the index's tooltip.
    assert_eq!(html.matches("a guess: the ranker").count(), 2 * guesses);
    assert_eq!(
        html.matches("close call: the best runner-up").count(),
        close_only
    );
    // The index marks each guessed thesis, as `list` does.
    assert_eq!(
        html.matches("class=\"guess\"").count(),
        listed.lines().filter(|l| l.contains("thesis?")).count()
    );
    let text = kb.stdout(&["show", id]);
    // The scores are the ranker's, or, when it was unsure, the sums with the
    // role model's view that the choice was made on.
    let score_line = if unsure {
        "thesis score (ranker and role model)"
    } else {
        "thesis ranker score"
    };
    assert!(
        text.contains("why thesis") && text.contains(score_line),
        "{text}"
    );
    assert_eq!(text.contains("option:role_model_view"), unsure, "{text}");
    let runner_line = text
        .lines()
        .skip_while(|l| !l.starts_with(score_line))
        .nth(1)
        .unwrap_or("");
    assert!(
        runner_line.contains(&runner[..12]),
        "a runner-up is listed: {text}"
    );
    // Every feature line says in words what the feature is.
    let feature_lines: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("why "))
        .skip(1)
        .take_while(|l| !l.starts_with(score_line))
        .collect();
    assert!(!feature_lines.is_empty());
    for line in feature_lines {
        let code = line.split_whitespace().nth(1).unwrap();
        if code == "…" {
            assert!(line.contains("the other features together"), "{line}");
            continue;
        }
        let about = argraph::extract::features::about(code);
        assert!(!about.is_empty() && line.contains(about), "{line}");
    }
    kb.run(&["list", "claims", "--role", "nonsense"]).code(2);
    // A filter that cannot match says why.
    kb.run(&["list", "claims", "--kind", "claim", "--role", "evidence"])
        .success()
        .stderr(predicate::str::contains("are of kind premise"));
}

/// An epigraph's credit line (——题记, ——作者) is no heading: it opens no
/// section, takes the role `other` and is never the thesis.
#[test]
fn an_epigraph_credit_line_is_other_and_opens_no_section() {
    let kb = Kb::new();
    let essay = kb.file(
        "epigraph.txt",
        "论宽容\n一个脚跟踩扁了紫罗兰，而它却把香味留在那脚跟上，这就是宽容。\n——安德鲁·马修斯\n\
         我认为，宽容是一种美德，我们应该学会宽容。\n\
         宽容能化解矛盾。楚庄王宽容了失礼的武将，后来那位武将在战场上舍命相救。\n\
         总之，让我们以宽容之心待人。\n"
            .as_bytes(),
    );
    kb.run(&["ingest", essay.to_str().unwrap()]).success();
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    // The credit line is a claim.
    let credit = claim_opening(&g, "——");
    assert_eq!(credit["role"], "other");
    assert!(credit["section"].is_null(), "{credit}");
    let sections = kb.json(&["sql", "SELECT count(*) AS n FROM sections", "--json"]);
    assert_eq!(sections[0]["n"], 0);
    let why = kb.json(&["show", credit["id"].as_str().unwrap(), "--json"]);
    assert!(why["claim"]["why"]["rule"]
        .as_str()
        .unwrap()
        .contains("credit line"));
}

/// A title given with a label (题目：…) titles the essay without the label,
/// and a byline under it (高三（2）班 李明) is no claim and no section: the
/// essay reads as it would without either.
#[test]
fn a_labelled_title_and_a_byline_are_read_as_such() {
    let kb = Kb::new();
    let body = "我认为，宽容是一种美德，我们应该学会宽容。\n\
                宽容能化解矛盾。楚庄王宽容了失礼的武将，后来那位武将在战场上舍命相救。\n\
                总之，让我们以宽容之心待人。\n";
    let plain = kb.file("plain.txt", format!("论宽容，待人之道\n{body}").as_bytes());
    let labelled = kb.file(
        "labelled.txt",
        format!("题目：论宽容，待人之道\n高三（2）班 李明\n{body}").as_bytes(),
    );
    kb.run(&[
        "ingest",
        plain.to_str().unwrap(),
        labelled.to_str().unwrap(),
    ])
    .success();
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    let essays = g["essays"].as_array().unwrap();
    assert_eq!(essays.len(), 2);
    for e in essays {
        assert_eq!(e["title"], "论宽容，待人之道", "{e}");
    }
    let claims = g["claims"].as_array().unwrap();
    assert!(claims
        .iter()
        .all(|c| !c["text"].as_str().unwrap().contains("李明")));
    // The same claims with the same roles, essay by essay.
    let roles = |essay: &Value| -> Vec<(String, String)> {
        claims
            .iter()
            .filter(|c| c["essay"] == essay["id"])
            .map(|c| (c["text"].to_string(), c["role"].to_string()))
            .collect()
    };
    assert_eq!(roles(&essays[0]), roles(&essays[1]));
    let sections = kb.json(&["sql", "SELECT count(*) AS n FROM sections", "--json"]);
    assert_eq!(sections[0]["n"], 0);
}

/// An exam prompt over several paragraphs before the title (阅读下面的材料…;
/// 要求：…) is the essay's introduction, not its title and body.
#[test]
fn an_exam_prompt_before_the_title_introduces_the_essay() {
    let kb = Kb::new();
    let essay = kb.file(
        "exam.txt",
        "阅读下面的材料，根据要求写作。（60分）\n\
         有人说，诚信是做人的根本；也有人说，在竞争激烈的社会里，诚信往往使人吃亏。\n\
         要求：选准角度，确定立意，自拟标题，不少于800字。\n\
         诚信是金\n\
         我认为，诚信是做人的根本，我们应该坚守诚信。\n\
         首先，诚信是立身之本。孔子说：“人而无信，不知其可也。”\n\
         其次，诚信是立业之基。胡雪岩戒欺经商，童叟无欺，终成一代巨商。\n\
         总之，让我们坚守诚信，做一个诚实守信的人。（完）\n\
         教师评语：论点明确，论据充分。\n"
            .as_bytes(),
    );
    kb.run(&["ingest", essay.to_str().unwrap()]).success();
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    assert_eq!(g["essays"][0]["title"], "诚信是金");
    let claims = g["claims"].as_array().unwrap();
    let role = |start: &str| claim_opening(&g, start)["role"].clone();
    assert_eq!(role("阅读下面的材料"), "introduction");
    assert_eq!(role("要求："), "introduction");
    assert_eq!(role("我认为，诚信是做人的根本"), "thesis");
    // The essay's span holds its prompt too, so every claim lies inside it.
    let span = &g["essays"][0]["span"];
    assert_eq!(span[0], 0, "{span}");
    for c in claims {
        assert!(
            c["span"][0].as_u64() >= span[0].as_u64() && c["span"][1].as_u64() <= span[1].as_u64(),
            "{} outside the essay's {span}",
            c["text"]
        );
    }
    let sections = kb.json(&["sql", "SELECT count(*) AS n FROM sections", "--json"]);
    assert_eq!(sections[0]["n"], 0);
    // The views the prompt reports are what the essay answers: background,
    // not attacks on its thesis.
    let prompt_attacks = kb.json(&[
        "sql",
        "SELECT count(*) AS n FROM edge_view WHERE relation = 'attacks' AND from_text LIKE '%有人说%'",
        "--json",
    ]);
    assert_eq!(prompt_attacks[0]["n"], 0);
    // The note after the last sentence stays with it; a teacher's comment
    // under the essay is no claim.
    assert_eq!(
        role("总之，让我们坚守诚信，做一个诚实守信的人。（完）"),
        "conclusion"
    );
    assert!(!claims
        .iter()
        .any(|c| c["text"].as_str().unwrap().contains("评语")));
}

/// A view answered by a sentence that concedes and turns (虽然…，但是…)
/// leaves the thesis accepted: the concession is the author's own move.
#[test]
fn a_conceding_answer_leaves_the_thesis_accepted() {
    let kb = Kb::new();
    let essay = kb.file(
        "reading.txt",
        "读书的意义\n\
         在信息爆炸的时代，很多人觉得读书已经过时了。我不同意这种看法，读书依然是提升自我的重要途径。\n\
         读书可以增长知识。书本记录了前人的经验和智慧。\n\
         当然，有人认为网络也能获取知识。虽然网络信息丰富，但是碎片化的信息无法代替系统的阅读。\n\
         所以，我们应该多读书，读好书。\n"
            .as_bytes(),
    );
    kb.run(&["ingest", essay.to_str().unwrap()]).success();
    let report = kb.json(&["audit", "--format", "json"]);
    let rules: Vec<&str> = finding_rules(&report);
    assert!(
        !rules.contains(&"acceptability") && !rules.contains(&"unanswered-objection"),
        "{report}"
    );
}

/// Each export format with a place for it carries the discourse role.
#[test]
fn exports_with_room_for_it_carry_the_role() {
    let kb = Kb::seeded();
    let graphml = kb.stdout(&["export", "--format", "graphml"]);
    assert!(
        graphml.contains("attr.name=\"role\"")
            && graphml.contains("<data key=\"role\">thesis</data>")
    );
    let dot = kb.stdout(&["export", "--format", "dot"]);
    assert!(
        dot.contains("[major_claim, thesis?]"),
        "the tooltip names the role, and a guessed thesis as `list` does"
    );
    // A thesis the ranker is sure of is named plainly.
    let sure = Kb::new();
    sure.json_with_stdin(
        &["ingest", "-", "--name", "sure.txt", "--json"],
        "题目\n\n读书可以开阔眼界。因此，我们应该多读书。\n",
    );
    let dot = sure.stdout(&["export", "--format", "dot"]);
    assert!(dot.contains("[major_claim, thesis] 因此"), "{dot}");
    let mermaid = kb.stdout(&["export", "--format", "mermaid"]);
    assert!(mermaid.contains("classDef thesis") && mermaid.contains("classDef main_idea"));
    let dir = kb.dir.path().join("csv");
    kb.run(&["export", "--format", "csv", "-o", dir.to_str().unwrap()])
        .success();
    let claims = std::fs::read_to_string(dir.join("claims.csv")).unwrap();
    assert!(claims.lines().next().unwrap().contains(",role,"));
    assert!(claims.contains(",thesis,"));
    // A file name where a directory is wanted is refused, not made a directory.
    let file = kb.dir.path().join("out.csv");
    kb.run(&["export", "--format", "csv", "-o", file.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("looks like a file name"));
    assert!(!file.exists());
    // A missing directory is named by the path asked for, not a temporary file.
    kb.run(&[
        "export",
        "--format",
        "json",
        "-o",
        "/nonexistent-argraph-dir/x.json",
    ])
    .code(2)
    .stderr(predicate::str::contains("/nonexistent-argraph-dir/x.json:"))
    .stderr(predicate::str::contains(".tmp").not());
}

/// An essay id where a claim id is expected gets a pointer, not "no claim".
#[test]
fn an_essay_id_where_a_claim_is_wanted_says_what_it_is() {
    let kb = Kb::seeded();
    let essays = kb.json(&["list", "essays", "--json"]);
    let essay = essays[0]["id"].as_str().unwrap();
    kb.run(&["show", essay])
        .code(2)
        .stderr(predicate::str::contains("is an essay, not a claim"))
        .stderr(predicate::str::contains("list claims --essay"));
    // `tree` on an essay grows the tree under its thesis.
    let thesis = kb.json(&[
        "list", "claims", "--essay", essay, "--role", "thesis", "--json",
    ]);
    let thesis = thesis[0]["id"].as_str().unwrap();
    let by_essay = kb.json(&["tree", essay, "--depth", "1", "--json"]);
    assert_eq!(
        by_essay,
        kb.json(&["tree", thesis, "--depth", "1", "--json"])
    );
}

/// `demo` works from any directory: without a seeds/ folder it uses the
/// seed essay built into the binary.
#[test]
fn demo_runs_outside_the_checkout() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("demo.db");
    argraph(&db)
        .current_dir(dir.path())
        .arg("demo")
        .assert()
        .success()
        .stdout(predicate::str::contains("2 essays, 101 claims"))
        // Its hints name nothing that is not there.
        .stdout(predicate::str::contains("--dry-run seeds").not())
        // …and the base it used, one command a line, to paste as they are.
        .stdout(predicate::str::contains(format!(
            "\n  argraph --db {} audit\n",
            db.display()
        )));
    // Run again it finds its own essays unchanged; on a base that holds
    // someone's documents it writes nothing and says where to run it.
    argraph(&db)
        .current_dir(dir.path())
        .arg("demo")
        .assert()
        .success()
        .stdout(predicate::str::contains("unchanged seeds/"));
    let essay = dir.path().join("mine.txt");
    std::fs::write(&essay, "论读书\n我认为读书使人明智。比如古人勤学。\n").unwrap();
    argraph(&db)
        .args(["ingest", essay.to_str().unwrap()])
        .assert()
        .success();
    argraph(&db)
        .current_dir(dir.path())
        .args(["remove", "seeds/metaverse-industrial-internet.txt"])
        .assert()
        .success();
    argraph(&db)
        .current_dir(dir.path())
        .arg("demo")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already holds 1 other document"))
        // The base is already called demo.db: another name is suggested.
        .stderr(predicate::str::contains("argraph --db seeds-demo.db demo"));
    let out = argraph(&db).args(["stats", "--json"]).output().unwrap();
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["documents"], 1, "the refused demo added nothing");
}

// ---- Argdown (issue #13) ----

/// The official Argdown parser: $ARGDOWN_BIN, or what .ci/run installs in
/// .ci/node, or `argdown` on PATH.
fn argdown_bin() -> Option<PathBuf> {
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node/node_modules/.bin/argdown");
    let found = std::env::var_os("ARGDOWN_BIN")
        .map(PathBuf::from)
        .into_iter()
        .chain([local, PathBuf::from("argdown")])
        .find(|p| {
            std::process::Command::new(p)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        eprintln!("notice: @argdown/cli is not installed; skipping the Argdown round trip (.ci/run installs it with npm)");
    }
    found
}

/// The heading of the section `id` (null: none) in an exported graph.
fn heading_of(g: &Value, id: &Value) -> String {
    g["essays"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["sections"].as_array().unwrap())
        .find(|s| &s["id"] == id)
        .map_or("-".to_owned(), |s| s["heading"].to_string())
}

#[test]
fn argdown_export_is_read_back_by_the_official_parser() {
    let kb = Kb::seeded();
    let hostile = kb.file(
        "hostile.txt",
        "敌意文本\n\n我认为[方括号]与<+箭头>不能破坏语法。有人说#标签和{a: b}也不行，*星号*与_下划线_呢？@[提及] // 注释 /* 块 */ 反斜杠\\结尾。(1) 编号：等号=与 - 减号 + 加号 > 大于。\n"
            .as_bytes(),
    );
    kb.run(&["ingest", hostile.to_str().unwrap()]).success();
    for id in ["A-0027", "A-0102", "A-0264"] {
        let p = Path::new(CORPUS).join("essays").join(format!("{id}.txt"));
        if p.exists() {
            kb.run(&["ingest", p.to_str().unwrap()]).success();
        }
    }
    let out = kb.dir.path().join("all.argdown");
    kb.run(&["export", "--format", "argdown", "-o", out.to_str().unwrap()])
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        text,
        kb.stdout(&["export", "--format", "argdown"]),
        "deterministic"
    );
    // Imported back, the map is the same graph: claims' text, kind, role,
    // stance and heading flags, the sections' headings, and the edges
    // between them with their relation, marker and rule.
    let back = Kb::new();
    back.run(&["import", "--format", "argdown", out.to_str().unwrap()])
        .success();
    let shape = |kb: &Kb| {
        let g: Value = serde_json::from_str(&kb.export()).unwrap();
        let text: std::collections::HashMap<String, String> = g["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["id"].as_str().unwrap().to_owned(),
                    c["text"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let mut claims: Vec<String> = g["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                format!(
                    "{} {} {} {} §{} {}",
                    c["kind"],
                    c["role"],
                    c["stance"],
                    c["heading"],
                    heading_of(&g, &c["section"]),
                    c["text"]
                )
            })
            .collect();
        let mut edges: Vec<String> = g["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{} -{} {} {}-> {}",
                    text[e["from"].as_str().unwrap()],
                    e["relation"],
                    e["marker"],
                    e["rule"],
                    text[e["to"].as_str().unwrap()]
                )
            })
            .collect();
        claims.sort();
        edges.sort();
        (claims, edges)
    };
    assert_eq!(
        shape(&back),
        shape(&kb),
        "export -> import gives the same graph"
    );
    insta::assert_snapshot!(
        "seed_argdown",
        Kb::seeded().stdout(&["export", "--format", "argdown"])
    );
    let Some(argdown) = argdown_bin() else { return };
    let run = std::process::Command::new(&argdown)
        .args(["json", out.to_str().unwrap(), "--stdout"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let parsed: Value = serde_json::Deserializer::from_str(&stdout)
        .into_iter::<Value>()
        .next()
        .unwrap_or_else(|| panic!("no JSON from argdown: {stdout}"))
        .unwrap();
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    let claims = g["claims"].as_array().unwrap();
    let statements = parsed["statements"].as_object().unwrap();
    assert_eq!(statements.len(), claims.len(), "one statement per claim");
    // Statement title -> claim id, and each claim's text as Argdown read it
    // (Argdown keeps tags in the text: ours are the role and #hedged at the end).
    let mut claim_of: std::collections::HashMap<&str, &str> = Default::default();
    for (title, st) in statements {
        let id = st["data"]["id"].as_str().unwrap();
        claim_of.insert(title.as_str(), id);
        let claim = claims.iter().find(|c| c["id"] == id).unwrap();
        let mut read = st["members"][0]["text"]
            .as_str()
            .unwrap()
            .trim_end()
            .to_owned();
        for tag in ["#hedged", &format!("#{}", claim["role"].as_str().unwrap())] {
            read = read
                .trim_end()
                .strip_suffix(tag)
                .unwrap_or(&read)
                .to_owned();
        }
        assert_eq!(read.trim_end(), claim["text"].as_str().unwrap(), "{title}");
    }
    let edges = g["edges"].as_array().unwrap();
    let relations = parsed["relations"].as_array().unwrap();
    assert_eq!(relations.len(), edges.len(), "one relation per edge");
    for r in relations {
        let (from, to) = (
            claim_of[r["from"].as_str().unwrap()],
            claim_of[r["to"].as_str().unwrap()],
        );
        let edge = edges
            .iter()
            .find(|e| e["from"] == from && e["to"] == to)
            .unwrap_or_else(|| panic!("no edge {from} -> {to}"));
        let expected = if edge["relation"] == "attacks" {
            "attack"
        } else {
            "support"
        };
        assert_eq!(r["relationType"], expected, "{edge}");
        // Types Argdown has no sign for are in the source statement's data,
        // and so is what made every edge.
        let title = r["to"].as_str().unwrap();
        let st = &statements[r["from"].as_str().unwrap()];
        if !["supports", "attacks"].contains(&edge["relation"].as_str().unwrap()) {
            assert_eq!(st["data"]["relations"][title], edge["relation"]);
        }
        let made = &st["data"]["made"][title];
        assert_eq!(made["relation"], edge["relation"], "{st}");
        assert_eq!(made["rule"], edge["rule"], "{st}");
        assert_eq!(made["marker"], edge["marker"], "{st}");
    }
}

/// A map edited by hand: a relation whose sign was flipped keeps nothing of
/// what argraph made it with, a deleted one is gone, and a statement added
/// on a relation line belongs with what it relates to, not to the last
/// `##` section.
#[test]
fn a_hand_edited_argdown_map_imports_as_edited() {
    let kb = Kb::seeded();
    let map = kb.stdout(&["export", "--format", "argdown"]);
    let before: Value = serde_json::from_str(&kb.export()).unwrap();
    let edges_before = before["edges"].as_array().unwrap().len();
    let mut lines: Vec<String> = map.lines().map(str::to_owned).collect();
    // The first relation tree's root (the thesis), and its first two
    // relation lines (leaves: the next line is no deeper).
    let root = lines
        .iter()
        .position(|l| l.starts_with('[') && !l.contains("]:"))
        .unwrap();
    let leaves: Vec<usize> = (root + 1..lines.len())
        .filter(|&i| lines[i].starts_with("  <+ [") && !lines[i + 1].starts_with("    "))
        .take(2)
        .collect();
    let flipped = lines[leaves[0]].replacen("<+", "<-", 1);
    let flipped_title = flipped
        .trim()
        .trim_start_matches("<- [")
        .trim_end_matches(']')
        .to_owned();
    lines[leaves[0]] = flipped;
    lines.remove(leaves[1]);
    lines.insert(root + 1, "  <+ [新的理由]: 读书让人进步。".to_owned());
    let edited = kb.file("edited.argdown", lines.join("\n").as_bytes());
    let back = Kb::new();
    back.run(&["import", edited.to_str().unwrap()]).success();
    let g: Value = serde_json::from_str(&back.export()).unwrap();
    let edges = g["edges"].as_array().unwrap();
    assert_eq!(edges.len(), edges_before, "one deleted, one added");
    let lead: String = flipped_title.chars().take_while(|c| *c != ' ').collect();
    let source = g["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            let t: String = c["text"]
                .as_str()
                .unwrap()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            t.starts_with(&lead)
        })
        .unwrap()
        .clone();
    let attack = edges
        .iter()
        .find(|e| e["from"] == source["id"] && e["relation"] == "attacks")
        .unwrap_or_else(|| panic!("the flipped relation: {source}"));
    assert_eq!(attack["rule"], "argdown:attack");
    assert!(attack["marker"].is_null());
    let added = claim_opening(&g, "读书让人进步");
    let thesis = g["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "major_claim" && c["essay"] == added["essay"])
        .unwrap()
        .clone();
    assert_eq!(
        heading_of(&g, &added["section"]),
        heading_of(&g, &thesis["section"])
    );
    let new_edge = edges.iter().find(|e| e["from"] == added["id"]).unwrap();
    assert_eq!(new_edge["rule"], "argdown:support");
}

#[test]
fn import_reads_argdown_by_its_extension_and_a_repeat_saves_nothing() {
    let kb = Kb::new();
    let dir = kb.dir.path().join("maps");
    std::fs::create_dir(&dir).unwrap();
    let path = dir.join("m.argdown");
    std::fs::write(
        &path,
        "[读书]: 读书使人明智。\n  <+ [古人]: 古人勤学而成才。\n",
    )
    .unwrap();
    let out = kb.json(&["import", path.to_str().unwrap(), "--json"]);
    assert_eq!(out["files"][0]["outcome"], "added", "{out}");
    assert_eq!(out["files"][0]["claims"], 2);
    // Key terms are built as for any document, so `terms` and `related` work.
    assert!(kb.json(&["stats", "--json"])["terms"].as_u64().unwrap() > 0);
    // `export --json` is `export --format json`.
    assert_eq!(kb.stdout(&["export", "--json"]), kb.export());
    // The same map again, by its directory: found, and nothing saved.
    let again = kb.json(&["import", dir.to_str().unwrap(), "--json"]);
    assert_eq!(again["files"][0]["outcome"], "unchanged", "{again}");
    assert_eq!(again["files"][0]["claims"], 0);
    kb.run(&["import", "--format", "aif", dir.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    assert_eq!(kb.json(&["stats", "--json"])["claims"], 2);
    // A file with no statement: refused named alone, passed over in a
    // directory of maps (it would have stopped the whole directory).
    let empty = dir.join("notes.argdown");
    std::fs::write(&empty, "// 只有注释\n").unwrap();
    kb.run(&["import", empty.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("holds no statement"));
    kb.run(&["import", dir.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("passed over"));
    let only_empty = kb.dir.path().join("empty-maps");
    std::fs::create_dir(&only_empty).unwrap();
    std::fs::write(only_empty.join("a.argdown"), "").unwrap();
    kb.run(&["import", only_empty.to_str().unwrap()]).code(2);
    assert_eq!(kb.json(&["stats", "--json"])["claims"], 2);
}

#[test]
fn a_map_with_the_same_text_and_another_graph_is_not_a_copy() {
    let kb = Kb::new();
    let supports = "[读书]: 读书使人明智。\n  <+ [古人]: 古人勤学而成才。\n";
    let attacks = "[读书]: 读书使人明智。\n  <- [古人]: 古人勤学而成才。\n";
    let first = kb.file("first.argdown", supports.as_bytes());
    let second = kb.file("second.argdown", attacks.as_bytes());
    kb.run(&["import", first.to_str().unwrap()]).success();
    // Another file, the same text, an attack for the support: its own map.
    let out = kb.json(&["import", second.to_str().unwrap(), "--json"]);
    assert_eq!(out["files"][0]["outcome"], "added", "{out}");
    let relations = |kb: &Kb| kb.json(&["stats", "--json"])["edges_by_relation"].clone();
    let both = relations(&kb);
    assert_eq!(both["supports"], 1, "{both}");
    assert_eq!(both["attacks"], 1, "{both}");
    // The first file corrected in place (with a note, so it is not the
    // second's bytes): its graph replaced, not kept as unchanged.
    std::fs::write(&first, format!("{attacks}// 改为反驳\n")).unwrap();
    let out = kb.json(&["import", first.to_str().unwrap(), "--json"]);
    assert_eq!(out["files"][0]["outcome"], "replaced", "{out}");
    let after = relations(&kb);
    assert_eq!(after["attacks"], 2, "{after}");
    assert!(after.get("supports").is_none_or(|v| v == 0), "{after}");
}

#[test]
fn maps_imported_before_version_15_are_told_by_their_file() {
    // An essay's graph exported as AIF, imported into a base of its own.
    let source = Kb::seeded();
    let map = source.dir.path().join("seed.aif.json");
    source
        .run(&["export", "--format", "aif", "-o", map.to_str().unwrap()])
        .success();
    let kb = Kb::new();
    kb.run(&["import", map.to_str().unwrap()]).success();
    // As version 14 stored it: the text's hash.
    let conn = rusqlite::Connection::open(&kb.db).unwrap();
    let text: String = conn
        .query_row("SELECT text FROM documents", [], |r| r.get(0))
        .unwrap();
    conn.execute(
        "UPDATE documents SET text_hash = ?1",
        [argraph::text::text_hash(&text)],
    )
    .unwrap();
    conn.pragma_update(None, "user_version", 14).unwrap();
    drop(conn);
    // The same text as a file: recorded as a copy of the map under version
    // 14, a document of its own once the migration marks the map's hash.
    let essay = kb.file("essay.txt", text.as_bytes());
    let out = kb.json(&["ingest", essay.to_str().unwrap(), "--json"]);
    assert_eq!(out["files"][0]["outcome"], "added", "{out}");
    assert_eq!(kb.json(&["stats", "--json"])["documents"], 2);
}

#[test]
fn hand_made_argdown_maps_import_and_errors_name_the_line() {
    let kb = Kb::new();
    let map = "===\ntitle: 测试\n===\n\n# 读书\n\n// 注释\n[读书]: 读书使人明智。 #(核心 论点)\n  <+ <古人>: 古人勤学而成才。\n  <- [没时间]: 现代人没有时间读书。\n    <_ [碎片]: 碎片时间也能读书。 /* 块注释 */\n  + [开眼界]: 读书开阔眼界。\n  >< [无用]: 读书无用。\n\n<论证一>\n\n(1) [前提一]: 书中有知识。\n(2) 知识使人明智。\n----\n(3) [读书]\n\n## 第二节\n\n[结论]: 所以要多读书，\n  而且要读好书。 {note: \"hand\"}\n  +> [读书]\n";
    let path = kb.file("hand.argdown", map.as_bytes());
    kb.run(&["import", "--format", "argdown", path.to_str().unwrap()])
        .success()
        .stderr(
            predicate::str::contains("front matter").and(predicate::str::contains("#核心 论点")),
        );
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    let text: std::collections::HashMap<&str, &str> = g["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        text.len(),
        9,
        "an argument with a structure is its conclusion, not a claim"
    );
    let edges: Vec<(String, String, String, String)> = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                text[e["from"].as_str().unwrap()].to_owned(),
                e["relation"].as_str().unwrap().to_owned(),
                text[e["to"].as_str().unwrap()].to_owned(),
                e["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let has = |from: &str, rel: &str, to: &str, rule: &str| {
        edges.contains(&(from.into(), rel.into(), to.into(), rule.into()))
    };
    assert!(
        has(
            "古人勤学而成才。",
            "supports",
            "读书使人明智。",
            "argdown:support"
        ),
        "{edges:?}"
    );
    assert!(has(
        "现代人没有时间读书。",
        "attacks",
        "读书使人明智。",
        "argdown:attack"
    ));
    assert!(has(
        "碎片时间也能读书。",
        "attacks",
        "现代人没有时间读书。",
        "argdown:undercut"
    ));
    assert!(has(
        "读书使人明智。",
        "supports",
        "读书开阔眼界。",
        "argdown:entails"
    ));
    assert!(has(
        "读书使人明智。",
        "attacks",
        "读书无用。",
        "argdown:contradictory"
    ));
    assert!(has(
        "书中有知识。",
        "supports",
        "读书使人明智。",
        "argdown:support"
    ));
    assert!(has(
        "知识使人明智。",
        "supports",
        "读书使人明智。",
        "argdown:support"
    ));
    assert!(has(
        "所以要多读书， 而且要读好书。",
        "supports",
        "读书使人明智。",
        "argdown:support"
    ));
    assert_eq!(edges.len(), 8);
    let thesis: Vec<&Value> = g["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "major_claim")
        .collect();
    assert_eq!(thesis.len(), 1);
    assert_eq!(thesis[0]["text"], "读书使人明智。");
    // What it cannot read: an error with line and column, and nothing written.
    let before = kb.export();
    for (bad, at) in [
        ("[读书]: 好。\n\n[未闭合: 文本\n", "line 3, column 1"),
        ("[读书]: 好。 {a: \"x\n", "line 1, column"),
        ("  <+ [孤儿]: 没有上级。\n", "line 1, column"),
        ("/* 未闭合的注释\n[读书]: 好。\n", "line 1, column 1"),
    ] {
        let p = kb.file("bad.argdown", bad.as_bytes());
        kb.run(&["import", "--format", "argdown", p.to_str().unwrap()])
            .code(2)
            .stderr(predicate::str::contains(at));
    }
    assert_eq!(kb.export(), before);
}

// ---- export -o (issue #15, item 1) ----

#[test]
fn export_output_follows_links_writes_through_fifos_and_keeps_modes() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let kb = Kb::seeded();
    let dir = kb.dir.path().join("out");
    std::fs::create_dir(&dir).unwrap();
    let expected = kb.stdout(&["export", "--format", "json"]);
    // A symbolic link: its target is written, the link stays a link.
    let target = dir.join("target.json");
    let link = dir.join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    kb.run(&["export", "-o", link.to_str().unwrap()]).success();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), expected);
    // An existing file keeps its mode.
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    kb.run(&["export", "-o", target.to_str().unwrap()])
        .success();
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // A read-only file is left as it is (as a shell's `>` would leave it for
    // anyone but root; here root too: it was made read-only to keep it).
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o444)).unwrap();
    kb.run(&["export", "--format", "dot", "-o", target.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("is read-only"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), expected);
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    kb.run(&["export", "-o", target.to_str().unwrap()])
        .success();
    // A FIFO is written through, not replaced.
    let fifo = dir.join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let reader_path = fifo.clone();
        let reader = std::thread::spawn(move || std::fs::read_to_string(reader_path).unwrap());
        kb.run(&["export", "-o", fifo.to_str().unwrap()]).success();
        assert_eq!(reader.join().unwrap(), expected);
        assert!(std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo());
    } else {
        eprintln!("notice: mkfifo is not available; skipping the FIFO case");
    }
    // `-o -` is standard output, not a file named `-`.
    argraph(&kb.db)
        .current_dir(&dir)
        .args(["export", "-o", "-"])
        .assert()
        .success()
        .stdout(expected.clone());
    assert!(!dir.join("-").exists());
    // A directory is refused with a message, and so is a path naming one
    // that does not exist yet (a directory is for html and csv).
    kb.run(&["export", "-o", dir.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    let new_dir = format!("{}/", dir.join("new").display());
    kb.run(&["export", "--format", "dot", "-o", &new_dir])
        .code(2)
        .stderr(predicate::str::contains(
            "names a directory; this format writes one file",
        ));
    assert!(!dir.join("new").exists());
}

#[test]
fn an_export_never_replaces_the_knowledge_base() {
    let kb = Kb::seeded();
    let before = kb.export();
    let db = kb.db.to_str().unwrap().to_owned();
    let link = kb.dir.path().join("link.db");
    std::os::unix::fs::symlink(&kb.db, &link).unwrap();
    let dotted = format!("{}/./kb.db", kb.dir.path().display());
    let wal = format!("{db}-wal");
    for (format, out) in [
        ("json", db.as_str()),
        ("dot", dotted.as_str()),
        ("graphml", link.to_str().unwrap()),
        ("html", db.as_str()),
        ("aif", wal.as_str()),
    ] {
        kb.run(&["export", "--format", format, "-o", out])
            .code(2)
            .stderr(predicate::str::contains("is the knowledge base (--db)"));
    }
    // A link to a side file not there yet is written at its target.
    let journal_link = kb.dir.path().join("journal-link");
    std::os::unix::fs::symlink(format!("{db}-journal"), &journal_link).unwrap();
    kb.run(&["export", "-o", journal_link.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("is the knowledge base (--db)"));
    // A report directory holding a base named like one of its pages is
    // refused before any page is written.
    let pages = kb.dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    let named_like_a_page = pages.join("index.html");
    std::fs::copy(&kb.db, &named_like_a_page).unwrap();
    let copy_before = std::fs::read(&named_like_a_page).unwrap();
    argraph(&named_like_a_page)
        .args(["export", "--format", "html", "-o", pages.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "which a page of the report could replace",
        ));
    assert_eq!(std::fs::read(&named_like_a_page).unwrap(), copy_before);
    assert_eq!(std::fs::read_dir(&pages).unwrap().count(), 1);
    // Relative to the working directory, as typed.
    argraph(Path::new("kb.db"))
        .current_dir(kb.dir.path())
        .args(["export", "-o", "kb.db"])
        .assert()
        .code(2);
    assert_eq!(kb.export(), before);
    // csv's directory: a file there is named as one, and a missing parent
    // is refused as by every other format (it was made, parents and all).
    let file = kb.file("notes.txt", b"x");
    kb.run(&["export", "--format", "csv", "-o", file.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("is a file"));
    let deep = kb.dir.path().join("no/such/dir");
    kb.run(&["export", "--format", "csv", "-o", deep.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("does not exist; create it first"));
    assert!(!kb.dir.path().join("no").exists());
}

#[test]
fn tree_draws_a_thousand_levels_and_refuses_more() {
    // A chain: each sentence draws the one before it as its reason (因此).
    let mut text = String::from("论坚持\n我认为坚持是成功的关键。\n");
    for i in 0..1100 {
        text.push_str(&format!("因此第{i}个学习很重要。\n"));
    }
    let kb = Kb::new();
    let file = kb.file("chain.txt", text.as_bytes());
    kb.run(&["ingest", file.to_str().unwrap()]).success();
    let last = claim_id(&kb, "%第1099个%");
    // Each level a call deeper in the walk, the drawing and the JSON: the
    // main thread's stack overflowed (abort, exit 134) past a few thousand.
    let drawn = kb.stdout(&["tree", &last, "--depth", "1000"]);
    let deepest = drawn
        .lines()
        .map(|l| l.chars().take_while(|c| " │├└─".contains(*c)).count())
        .max()
        .unwrap();
    assert!(deepest >= 3 * 999, "{deepest} columns of branches");
    // serde_json reads no deeper than 128 levels: counted, not parsed.
    let json = kb.stdout(&["tree", &last, "--depth", "1000", "--json"]);
    assert!(json.matches("\"children\"").count() > 1000);
    assert!(json.trim_end().ends_with('}'));
    kb.run(&["tree", &last, "--depth", "1001"])
        .code(2)
        .stderr(predicate::str::contains("tree draws at most 1000 levels"));
    kb.run(&["tree", &last, "--depth", "-1"])
        .code(2)
        .stderr(predicate::str::contains("is not a number of levels"));
}

#[test]
fn standard_input_needs_a_name_and_an_end() {
    let kb = Kb::new();
    for name in ["", "   "] {
        argraph(&kb.db)
            .args(["ingest", "-", "--name", name])
            .write_stdin("论诚信\n我认为诚信很重要。\n")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--name is empty"));
    }
    // A copy named after another stored document would stand in its
    // place in list and remove: refused, as new text under that name is.
    let seeded = Kb::seeded();
    let other = Kb::new();
    let other_essay = other.file("other.txt", "论诚信\n我认为诚信很重要。\n".as_bytes());
    seeded
        .run(&["ingest", other_essay.to_str().unwrap()])
        .success();
    let before = seeded.export();
    argraph(&seeded.db)
        .args(["ingest", "-", "--name", SEED])
        .write_stdin(std::fs::read(&other_essay).unwrap())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already shown under this name"));
    assert_eq!(seeded.export(), before);
    // An endless stream (`yes | argraph ingest -`) stops at 64 MB.
    let flood = "我认为这是对的。\n".repeat(64 * 1024 * 1024 / 25 + 1);
    argraph(&kb.db)
        .args(["ingest", "-"])
        .write_stdin(flood)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "more than 64 MB on standard input",
        ));
    assert!(!kb.db.exists());
}

#[test]
fn a_demo_folder_with_a_bad_file_saves_nothing() {
    let kb = Kb::new();
    let dir = kb.dir.path().join("essays");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(SEED, dir.join("a-seed.txt")).unwrap();
    std::fs::write(dir.join("zz-binary.txt"), b"abc\0def").unwrap();
    kb.run(&["demo", dir.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("zz-binary.txt"));
    assert!(!kb.db.exists() || kb.json(&["stats", "--json"])["documents"] == 0);
}

#[test]
fn help_and_version_to_a_full_stdout_are_errors() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        println!("skipped: no /dev/full here");
        return;
    };
    for flag in ["--help", "--version"] {
        let out = argraph_process(Path::new("unused.db"))
            .arg(flag)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("no space left"));
    }
    argraph(Path::new("unused.db"))
        .arg("--help")
        .assert()
        .success();
}

#[test]
fn hostile_text_reaches_no_output_raw() {
    let kb = Kb::new();
    // Noncharacters (XML forbids U+FFFE and U+FFFF), a bidi override, and a
    // colon after style that Mermaid reads as a style line.
    let essay = kb.file(
        "hostile.txt",
        "标题\n我们认为读书很重要\u{fffe}。因此，lifestyle:#1 不是命令\u{202e}。\n我们应该多读书\u{ffff}。\n"
            .as_bytes(),
    );
    argraph(&kb.db)
        .args(["ingest", "--dry-run", essay.to_str().unwrap()])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("⟨U+202E⟩").and(predicate::str::contains("\u{202e}").not()),
        );
    kb.run(&["ingest", essay.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("removed 2 control character(s)"));
    let graphml = kb.stdout(&["export", "--format", "graphml"]);
    roxmltree::Document::parse(&graphml).expect("GraphML is well-formed XML");
    assert!(!graphml.contains('\u{fffe}') && !graphml.contains('\u{ffff}'));
    let mermaid = kb.stdout(&["export", "--format", "mermaid"]);
    assert!(mermaid.contains("lifestyle#58;#35;1"), "{mermaid}");
    // An id typed with a terminal escape is shown, not acted on.
    kb.run(&["show", "\u{1b}[2Jab"]).code(2).stderr(
        predicate::str::contains("⟨U+001B⟩[2jab").and(predicate::str::contains("\u{1b}").not()),
    );
    // An AIF map's own details are cleaned as its texts are, and its node
    // ids are shown in warnings, not acted on.
    let e = "\u{1b}";
    let map = serde_json::json!({"nodes": [
        {"nodeID": "n1", "type": "I", "text": "我们认为读书很重要。",
         "argraph": {"essay": "e1", "essay_title": format!("T{e}[31m"), "section_heading": format!("S{e}[2J")}},
        {"nodeID": "n2", "type": "I", "text": "因此，我们应该多读书。", "argraph": {"essay": "e1", "essay_title": format!("T{e}[31m")}},
        {"nodeID": "r1", "type": "RA", "argraph": {"relation": "supports", "marker": format!("因此{e}[5m"), "rule": format!("r{e}ule")}}],
      "edges": [{"fromID": "n1", "toID": "r1"}, {"fromID": "r1", "toID": "n2"}, {"fromID": format!("x{e}[2J"), "toID": "n2"}]});
    let other = Kb::new();
    let file = other.file("map.json", map.to_string().as_bytes());
    other
        .run(&["import", file.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("x⟨U+001B⟩[2J").and(predicate::str::contains(e).not()));
    let g = other.export();
    assert!(!g.contains("\\u001b"), "{g}");
}

// ---- junk and control characters (issue #15, item 4) ----

#[test]
fn junk_is_not_an_essay_and_control_characters_are_removed() {
    let kb = Kb::new();
    let dots = kb.file("dots.txt", "。\n\n……\n".as_bytes());
    kb.run(&["ingest", dots.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("holds no text"));
    assert!(!kb.db.exists() || kb.json(&["stats", "--json"])["documents"] == 0);
    let dirty = kb.file(
        "dirty.txt",
        "题目\n\n\u{1b}[31m我认为读书有益。\u{1b}[0m因此，我们要多读书。\u{7f}\n\n……\n\n读书使人明智。\u{85}\n".as_bytes(),
    );
    kb.run(&["ingest", dirty.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("removed 4 control character"));
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    let texts: Vec<&str> = g["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.iter().all(|t| t.chars().any(char::is_alphanumeric)),
        "{texts:?}"
    );
    assert!(
        texts.iter().all(|t| !t.chars().any(char::is_control)),
        "{texts:?}"
    );
    assert!(texts.contains(&"我认为读书有益。"), "{texts:?}");
    // With the escape gone, the marker 因此 is read again.
    assert!(g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["marker"] == "因此"));
}

// ---- terminal output (issue #15, item 5) ----

#[test]
fn text_that_could_spoof_the_terminal_is_shown_not_acted_on() {
    let kb = Kb::new();
    let f = kb.file(
        "spoof.txt",
        "题目\n\n我认为\u{202e}读书有益\u{202c}。覆盖\r伪造的\u{2066}行。\n".as_bytes(),
    );
    kb.run(&["ingest", f.to_str().unwrap()]).success();
    let list = kb.stdout(&["list", "claims"]);
    // A lone carriage return ends a line at decoding (old Mac line ends), so
    // it never reaches a claim; bidi controls do, and are shown.
    assert!(
        list.contains("⟨U+202E⟩") && list.contains("⟨U+2066⟩"),
        "{list}"
    );
    assert!(!list.contains('\u{202e}') && !list.contains('\r'), "{list}");
    let id = kb.json(&["list", "claims", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let show = kb.stdout(&["show", &id]);
    assert!(!show.contains('\u{202e}') && !show.contains('\r'), "{show}");
    // JSON keeps the exact text.
    let json = kb.json(&["list", "claims", "--json"]);
    assert!(json[0]["text"].as_str().unwrap().contains('\u{202e}'));
    // A newline in a file name never breaks a line of output: ingest's
    // line, show's place, audit's and remove's (researcher's session).
    let nl = kb.file(
        "nl\nname.txt",
        "题目二\n\n运动有益健康。所以，我们应该多运动。\n".as_bytes(),
    );
    let nl = nl.to_str().unwrap();
    let said = |args: &[&str]| {
        let out = kb.run(args).get_output().clone();
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    let ingest = said(&["ingest", nl]);
    assert!(ingest.contains("nl⟨U+000A⟩name.txt"), "{ingest}");
    let missing = said(&["ingest", &nl.replace("name", "missing")]);
    assert!(missing.contains("nl⟨U+000A⟩missing.txt"), "{missing}");
    let id = kb
        .json(&["list", "claims", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"] == "运动有益健康。")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for out in [
        said(&["show", &id]),
        said(&["audit"]),
        said(&["list", "essays"]),
        said(&["remove", nl]),
    ] {
        assert!(out.contains("nl⟨U+000A⟩name.txt"), "{out}");
        assert!(!out.contains("nl\nname"), "{out}");
    }
}

// ---- list limits (issue #15, item 12) ----

#[test]
fn list_says_when_it_stops_short_and_limit_0_means_all() {
    let kb = Kb::seeded();
    let total = kb.json(&["stats", "--json"])["claims"].as_u64().unwrap() as usize;
    kb.run(&["list", "claims", "--limit", "5"])
        .success()
        .stderr(predicate::str::contains(format!(
            "5 of {total} claims shown"
        )));
    let all = kb.stdout(&["list", "claims", "--limit", "0"]);
    assert_eq!(all.lines().count(), total);
    let out = argraph(&kb.db)
        .args(["list", "claims", "--json", "--limit", "5"])
        .assert()
        .success()
        .stderr(predicate::str::contains("--limit 0 for all"))
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 5);
    // Nothing is said when everything fits.
    kb.run(&["list", "claims", "--limit", "0"])
        .success()
        .stderr(predicate::str::is_empty());
}

#[test]
fn limit_0_means_all_for_search_related_and_terms() {
    let kb = Kb::seeded();
    let len = |args: &[&str]| kb.json(args).as_array().unwrap().len();
    let some = len(&["search", "元宇宙", "--json"]);
    let all = len(&["search", "元宇宙", "--json", "--limit", "0"]);
    assert_eq!(some, 10);
    assert!(all > some, "{all} hits with --limit 0, {some} without");
    assert_eq!(
        all,
        len(&["search", "元宇宙", "--json", "--limit", "100000"])
    );
    let terms = len(&["terms", "--json", "--limit", "0"]);
    assert_eq!(
        len(&["terms", "--json", "--top", "0"]),
        terms,
        "--top is --limit"
    );
    assert!(terms > 20);
    assert_eq!(
        terms,
        kb.json(&["stats", "--json"])["terms"].as_u64().unwrap() as usize
    );
    let rows = kb.json(&[
        "sql",
        "SELECT id FROM claims WHERE text LIKE '%产业互联网%' ORDER BY num LIMIT 1",
        "--json",
    ]);
    let id = rows[0]["id"].as_str().unwrap().to_owned();
    let related = len(&["related", &id, "--json", "--limit", "0"]);
    assert!(related > 10, "{related}");
    assert_eq!(
        related,
        len(&["related", &id, "--json", "--limit", "100000"])
    );
}

#[test]
fn search_related_and_terms_say_when_they_stop_short() {
    let kb = Kb::seeded();
    let rows = kb.json(&[
        "sql",
        "SELECT id FROM claims WHERE text LIKE '%产业互联网%' ORDER BY num LIMIT 1",
        "--json",
    ]);
    let id = rows[0]["id"].as_str().unwrap().to_owned();
    for (args, what) in [
        (vec!["search", "元宇宙"], "more hits than the 10 shown"),
        (
            vec!["search", "元宇宙", "--json"],
            "more hits than the 10 shown",
        ),
        (
            vec!["related", &id, "--limit", "3"],
            "more related claims than the 3 shown",
        ),
        (vec!["terms"], "more terms than the 20 shown"),
        (
            vec!["terms", "--top", "2", "--json"],
            "more terms than the 2 shown",
        ),
    ] {
        kb.run(&args)
            .success()
            .stderr(predicate::str::contains(what))
            .stderr(predicate::str::contains("--limit 0 for all"));
    }
    let len = |args: &[&str]| kb.json(args).as_array().unwrap().len();
    assert_eq!(len(&["search", "元宇宙", "--json", "--limit", "3"]), 3);
    let all = len(&["search", "元宇宙", "--json", "--limit", "0"]);
    // Nothing is said when every row is shown, nor under --quiet.
    for args in [
        vec![
            "search".to_owned(),
            "元宇宙".to_owned(),
            "--limit".to_owned(),
            "0".to_owned(),
        ],
        vec![
            "search".to_owned(),
            "元宇宙".to_owned(),
            "--limit".to_owned(),
            all.to_string(),
        ],
        vec!["-q".to_owned(), "terms".to_owned()],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        kb.run(&args).success().stderr(predicate::str::is_empty());
    }
}

#[test]
fn audit_text_shows_characters_that_would_reorder_the_terminal_as_codes() {
    let kb = Kb::new();
    let f = kb.file(
        "bidi.txt",
        "读书\u{202e}的意义\n\n我认为读书使人明智\u{202e}。\n\n有人认为读书\u{202e}无用。\n"
            .as_bytes(),
    );
    kb.run(&["ingest", f.to_str().unwrap()]).success();
    let audit = |format: &str| {
        let out = argraph(&kb.db)
            .args(["audit", "--format", format])
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    // A finding quotes the claims (its message) and draws their source lines.
    let out = audit("text");
    assert!(out.contains("defeated"), "{out}");
    assert!(!out.contains('\u{202e}'), "{out}");
    assert!(out.contains("《读书⟨U+202E⟩的意义》"), "{out}");
    assert!(out.contains("「我认为读书使人明智⟨U+202E⟩。」"), "{out}");
    assert!(out.contains("我认为读书使人明智\u{fffd}。"), "{out}");
    // JSON keeps the exact text.
    assert!(audit("json").contains('\u{202e}'));
}

#[test]
fn stats_of_an_empty_base_reads_plainly() {
    let kb = Kb::new();
    let f = kb.file("e.txt", "题目\n\n我认为要读书。\n".as_bytes());
    kb.run(&["ingest", f.to_str().unwrap()]).success();
    kb.run(&["remove", f.to_str().unwrap()]).success();
    let out = kb.stdout(&["stats"]);
    assert!(out.contains("claims     0\n"), "{out}");
    assert!(out.contains("edges      0\n"), "{out}");
    assert!(!out.contains("(;"), "{out}");
}

// ---- AIF import root (issue #15, item 10) ----

#[test]
fn aif_import_makes_the_root_conclusion_the_thesis_not_the_first_node() {
    let kb = Kb::new();
    let map = r#"{"nodes":[
        {"nodeID":"1","text":"Reading widens the mind.","type":"I"},
        {"nodeID":"2","text":"Books are cheap.","type":"I"},
        {"nodeID":"3","text":"We should read more books.","type":"I"},
        {"nodeID":"4","text":"Default Inference","type":"RA"},
        {"nodeID":"5","text":"Default Inference","type":"RA"}],
      "edges":[{"edgeID":"1","fromID":"1","toID":"4"},{"edgeID":"2","fromID":"4","toID":"3"},
               {"edgeID":"3","fromID":"2","toID":"5"},{"edgeID":"4","fromID":"5","toID":"1"}],
      "locutions":[]}"#;
    let path = kb.file("premises-first.json", map.as_bytes());
    kb.run(&["import", path.to_str().unwrap()]).success();
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    let majors: Vec<&str> = g["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "major_claim")
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(majors, vec!["We should read more books."]);
}

#[test]
fn ingest_lines_keep_a_space_after_the_outcome() {
    let kb = Kb::seeded();
    kb.run(&["ingest", SEED])
        .success()
        .stderr(predicate::str::contains(format!("unchanged {SEED}")));
}

// ---- HTML report (issue #14) ----

/// Node with playwright-core (what .ci/run installs in .ci/node) and Chromium
/// ($CHROMIUM or Debian's /usr/bin/chromium); None, with a notice, without them.
fn browser() -> Option<(PathBuf, PathBuf)> {
    let modules = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node/node_modules");
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let node = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node || !modules.join("playwright-core").exists() || !chromium.exists() {
        eprintln!("notice: node, playwright-core or Chromium is missing; skipping the browser test (.ci/run installs them)");
        return None;
    }
    Some((modules, chromium))
}

/// Runs tests/browser/report.cjs on a report against the graph's JSON export.
fn check_in_browser(kb: &Kb, report: &Path, extra: &[&str]) {
    let Some((modules, chromium)) = browser() else {
        return;
    };
    let graph = kb.dir.path().join("graph.json");
    kb.run(&["export", "--format", "json", "-o", graph.to_str().unwrap()])
        .success();
    let out = std::process::Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/report.cjs"))
        .arg(report)
        .arg(&graph)
        .args(extra)
        .env("NODE_PATH", modules)
        .env("CHROMIUM", chromium)
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "browser check failed:\n{log}");
    assert!(log.contains("ok: no console errors"), "{log}");
}

#[test]
fn html_report_of_the_seed_works_in_chromium() {
    let kb = Kb::new();
    kb.run(&["ingest", "seeds"]).success();
    let report = kb.dir.path().join("report.html");
    kb.run(&["export", "--format", "html", "-o", report.to_str().unwrap()])
        .success();
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(
        html.len() < 1_000_000,
        "seed report is {} bytes",
        html.len()
    );
    assert_eq!(
        html,
        kb.stdout(&["export", "--format", "html"]),
        "same graph, same bytes"
    );
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http"),
        "nothing loaded from the network"
    );
    let shot = kb.dir.path().join("seed.png");
    check_in_browser(&kb, &report, &["--screenshot", shot.to_str().unwrap()]);
}

#[test]
fn html_report_of_twenty_corpus_essays_works_in_chromium() {
    let dir = Path::new(CORPUS).join("essays");
    if !dir.exists() {
        eprintln!("notice: {CORPUS} is absent; skipping the corpus report");
        return;
    }
    let kb = Kb::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let picked: Vec<String> = files
        .iter()
        .step_by(15)
        .take(20)
        .map(|p| p.to_str().unwrap().to_owned())
        .collect();
    assert_eq!(picked.len(), 20);
    let mut args = vec!["ingest"];
    args.extend(picked.iter().map(String::as_str));
    kb.run(&args).success();
    let report = kb.dir.path().join("corpus.html");
    kb.run(&["export", "--format", "html", "-o", report.to_str().unwrap()])
        .success();
    check_in_browser(&kb, &report, &[]);
    // As a directory: an index and one page per essay, each self-contained.
    let site = kb.dir.path().join("site");
    let site_arg = format!("{}/", site.display());
    kb.run(&["export", "--format", "html", "-o", &site_arg])
        .success();
    let pages = std::fs::read_dir(&site).unwrap().count();
    let essays = kb.json(&["list", "essays", "--json"]);
    assert_eq!(
        pages,
        essays.as_array().unwrap().len() + 1,
        "index + a page per essay"
    );
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    for e in essays.as_array().unwrap() {
        let id = e["id"].as_str().unwrap();
        let page = format!("{}.html", &id[..12]);
        assert!(index.contains(&format!("href=\"{page}\"")), "{page}");
        assert!(site.join(&page).exists());
    }
}

#[test]
fn html_report_keeps_hostile_text_inert() {
    let kb = Kb::new();
    let hostile = kb.file(
        "hostile.txt",
        "恶意</title><script>window.pwned=1</script>\n\n我认为<script>window.pwned=2</script>不能执行。有人说</style><img src=x onerror=\"window.pwned=3\">也不行。\n\n例如\"引号\"与'单引号'以及]]>和&amp;都只是文字。<!-- 注释 -->总之，文本只是文本。\n"
            .as_bytes(),
    );
    kb.run(&["ingest", hostile.to_str().unwrap()]).success();
    let report = kb.dir.path().join("hostile.html");
    kb.run(&["export", "--format", "html", "-o", report.to_str().unwrap()])
        .success();
    let html = std::fs::read_to_string(&report).unwrap();
    assert_eq!(
        html.matches("<script").count(),
        2,
        "only argraph's two script blocks"
    );
    check_in_browser(&kb, &report, &["--hostile"]);
}

#[test]
fn html_report_is_snapshotted() {
    let kb = Kb::new();
    kb.run(&["ingest", "tests/data/unseen-network-reading.txt"])
        .success();
    let html = kb.stdout(&["export", "--format", "html"]);
    assert_eq!(html, kb.stdout(&["export", "--format", "html"]));
    // The page less its stylesheet and script, which are files in the repo.
    let body = &html[html.find("<body>").unwrap()..html.find("<script>").unwrap()];
    insta::assert_snapshot!("unseen_html_body", body);
}

// ---- hardening (issue #15) ----

/// Item 7: `--essay` with `--root` in another essay was silently ignored.
#[test]
fn export_root_and_essay_must_agree() {
    let kb = Kb::seeded();
    let heading = claim_id(&kb, "元宇宙让产业互联网得到了复现。");
    let essays = kb.json(&["list", "essays", "--json"]);
    let ids: Vec<&str> = essays
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let own = kb.json(&["show", &heading, "--json"])["claim"]["essay"]
        .as_str()
        .unwrap()
        .to_owned();
    let other = ids.iter().find(|e| **e != own).unwrap();
    let out = kb
        .run(&["export", "--root", &heading, "--essay", other])
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("is not in essay"), "{err}");
    let g: Value = serde_json::from_str(&kb.stdout(&[
        "export", "--root", &heading, "--essay", &own, "--depth", "1",
    ]))
    .unwrap();
    let n = g["claims"].as_array().unwrap().len();
    assert!(n > 1, "the root and what bears on it");
    assert!(g["claims"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["essay"] == own.as_str()));
}

/// Item 2: UTF-8 and GBK in one file were stored as windows-1252 mojibake;
/// UTF-16 without a byte-order mark was called binary.
#[test]
fn mixed_encodings_are_refused_and_utf16_without_bom_gets_a_hint() {
    let kb = Kb::seeded();
    let before = kb.export();
    let utf8 = "题目：读书的意义\n我认为，读书能够开阔眼界，让我们看见更大的世界。\n";
    let (gbk, _, _) =
        encoding_rs::GBK.encode("首先，读书让人明理。例如，鲁迅发表了《狂人日记》。\n");
    let mut mixed = utf8.as_bytes().to_vec();
    mixed.extend_from_slice(&gbk);
    let f = kb.file("mixed.txt", &mixed);
    let out = kb.run(&["ingest", f.to_str().unwrap()]).failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains(&format!("offset {}", utf8.len())), "{err}");
    assert!(err.contains("--encoding"), "{err}");
    assert_eq!(kb.export(), before, "nothing stored");

    let mut le: Vec<u8> = Vec::new();
    for u in "我认为读书有益。\n".encode_utf16() {
        le.extend(u.to_le_bytes());
    }
    let f = kb.file("utf16.txt", &le);
    let out = kb.run(&["ingest", f.to_str().unwrap()]).failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("--encoding UTF-16LE"), "{err}");
    kb.run(&["ingest", "--encoding", "UTF-16LE", f.to_str().unwrap()])
        .success();
}

/// Item 17: many files give one summary line (per-file lines with -v);
/// --quiet prints errors only.
#[test]
fn ingest_of_many_files_summarises_and_quiet_says_only_errors() {
    let kb = Kb::new();
    let dir = kb.dir.path().join("many");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..8 {
        std::fs::write(
            dir.join(format!("e{i}.txt")),
            format!("题目{i}\n\n我认为，读书能够开阔眼界{i}。因为书中有前人的经验。\n"),
        )
        .unwrap();
    }
    let out = kb.run(&["ingest", dir.to_str().unwrap()]).success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("8 files: 8 added"), "{err}");
    std::fs::write(dir.join("e0.txt"), "题目零\n\n我认为，运动有益健康。\n").unwrap();
    let out = kb.run(&["-v", "ingest", dir.to_str().unwrap()]).success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(
        err.lines().filter(|l| l.starts_with("unchanged ")).count(),
        7,
        "{err}"
    );
    assert_eq!(
        err.lines().filter(|l| l.starts_with("replaced ")).count(),
        1,
        "{err}"
    );
    assert!(
        err.contains("8 files: 1 replaced, 7 unchanged") && err.contains("the writer was active"),
        "{err}"
    );
    kb.run(&["--quiet", "ingest", dir.to_str().unwrap()])
        .success()
        .stderr(predicate::str::is_empty());
    std::fs::write(dir.join("bad.txt"), b"").unwrap();
    kb.run(&["-q", "ingest", dir.to_str().unwrap()])
        .code(1)
        .stderr(predicate::str::contains("bad.txt").and(predicate::str::contains("error:")));
    kb.run(&["-q", "-v", "stats"]).code(2);
}

/// Item 16: completion scripts and a manual page, from the same flag
/// definitions as --help.
#[test]
fn completions_and_man_page_come_from_the_flags() {
    let kb = Kb::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = kb.stdout(&["completions", shell]);
        assert!(script.contains("argraph"), "{shell}");
        assert!(
            script.contains("ingest") && script.contains("commit-every"),
            "{shell}"
        );
    }
    kb.run(&["completions", "tcsh"]).code(2);
    let man = kb.stdout(&["man"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH argraph 1"),
        "{}",
        &man[..200]
    );
    assert!(man.contains(".TH argraph-ingest 1"));
    assert!(man.contains("commit\\-every"));
    // Bash can load the script.
    if std::process::Command::new("bash")
        .arg("--version")
        .output()
        .is_ok()
    {
        let f = kb.file(
            "argraph.bash",
            kb.stdout(&["completions", "bash"]).as_bytes(),
        );
        let ok = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!("source {} && complete -p argraph", f.display()))
            .output()
            .unwrap();
        assert!(
            ok.status.success(),
            "{}",
            String::from_utf8_lossy(&ok.stderr)
        );
    }
}

/// Item 14: standard input is a source (`-` with `--name`); a FIFO or an
/// empty directory is refused by name with the reason, dry run or not.
#[test]
fn stdin_is_ingested_and_fifos_and_empty_directories_are_refused() {
    let kb = Kb::new();
    let text = std::fs::read("tests/data/unseen-network-reading.txt").unwrap();
    argraph(&kb.db)
        .args(["ingest", "-", "--name", "net.txt"])
        .write_stdin(text.clone())
        .assert()
        .success()
        .stderr(predicate::str::contains("added     net.txt"));
    let essays = kb.json(&["list", "essays", "--json"]);
    assert_eq!(essays[0]["document"], "net.txt");
    // The same name again, unchanged: nothing to do.
    argraph(&kb.db)
        .args(["ingest", "-", "--name", "net.txt"])
        .write_stdin(text.clone())
        .assert()
        .success()
        .stderr(predicate::str::contains("unchanged net.txt"));
    // Under another name it is a copy: recorded, and no graph saved, so
    // --json counts nothing for it (as for a copy read from a file).
    let v = kb.json_with_stdin(
        &["ingest", "-", "--name", "copy.txt", "--json"],
        text.clone(),
    );
    let file = &v["files"][0];
    assert_eq!(file["outcome"], "duplicate", "{v}");
    assert_eq!(file["same_as"], "net.txt", "{v}");
    assert_eq!(
        (&file["essays"], &file["claims"], &file["edges"]),
        (
            &serde_json::json!(0),
            &serde_json::json!(0),
            &serde_json::json!(0)
        ),
        "{v}"
    );
    // One thread did everything: its busy shares are unknown, not made up.
    let v = kb.json_with_stdin(
        &["ingest", "-", "--name", "other.txt", "--json"],
        [&text[..], "\n再加一句。\n".as_bytes()].concat(),
    );
    assert!(v["timing"]["seconds"].as_f64().is_some());
    assert!(v["timing"]["writer_busy"].is_null() && v["timing"]["analysis_busy"].is_null());
    argraph(&kb.db)
        .args(["ingest", "-", "--dry-run"])
        .write_stdin("我认为读书有益。因为书中有前人的经验。")
        .assert()
        .success()
        .stdout(predicate::str::contains("== stdin"));
    kb.run(&["ingest", "-", "seeds"]).code(2);
    kb.run(&["ingest", "seeds", "--name", "x"]).code(2);

    let fifo = kb.dir.path().join("pipe.txt");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for dry in [false, true] {
        let mut args = vec!["ingest", fifo.to_str().unwrap()];
        if dry {
            args.push("--dry-run");
        }
        kb.run(&args)
            .code(2)
            .stderr(predicate::str::contains("FIFO").and(predicate::str::contains("ingest -")));
    }
    let empty = kb.dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for dry in [false, true] {
        let mut args = vec!["ingest", empty.to_str().unwrap()];
        if dry {
            args.push("--dry-run");
        }
        kb.run(&args)
            .code(2)
            .stderr(predicate::str::contains("no .txt, .text, .md"));
    }
}

/// Item 3: a file is one document whatever spelling names it; `remove`
/// takes documents out, all or nothing.
#[test]
fn a_file_is_one_document_whatever_its_spelling_and_remove_takes_it_out() {
    let kb = Kb::new();
    let dir = kb.dir.path();
    std::fs::write(
        dir.join("e.txt"),
        "题目\n\n我认为读书有益。因为书中有前人的经验。\n",
    )
    .unwrap();
    let run = |args: &[&str]| argraph(&kb.db).current_dir(dir).args(args).assert();
    run(&["ingest", "e.txt"]).success();
    std::fs::write(
        dir.join("e.txt"),
        "题目\n\n我认为运动有益。因为运动让人健康。\n",
    )
    .unwrap();
    run(&["ingest", "./e.txt"])
        .success()
        .stderr(predicate::str::contains("replaced"));
    run(&["ingest", dir.join("e.txt").to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("unchanged"));
    let essays = kb.json(&["list", "essays", "--json"]);
    assert_eq!(essays.as_array().unwrap().len(), 1, "{essays}");
    let hits = kb.json(&["search", "读书", "--json"]);
    assert!(
        hits.as_array().unwrap().is_empty(),
        "the old text is gone: {hits}"
    );

    kb.run(&["ingest", SEED]).success();
    let before = kb.export();
    // A dry run and a run with one unknown name change nothing.
    run(&["remove", "--dry-run", "e.txt"])
        .success()
        .stdout(predicate::str::contains("would remove ./e.txt"));
    run(&["remove", "e.txt", "nothing.txt"])
        .code(2)
        .stderr(predicate::str::contains("nothing.txt"));
    // With --json the failure is JSON on standard output too.
    let out = run(&["remove", "nothing.txt", "--json"])
        .code(2)
        .get_output()
        .stdout
        .clone();
    let failed: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(failed["removed"], serde_json::json!([]));
    assert!(failed["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("nothing.txt"));
    assert_eq!(kb.export(), before);
    // By file, and by an essay id.
    run(&["remove", "e.txt"]).success();
    let seed_essay = kb.json(&["list", "essays", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = kb.json(&["remove", &seed_essay[..8], "--json"]);
    assert_eq!(out["removed"][0]["essays"], 2);
    assert_eq!(out["errors"], serde_json::json!([]));
    assert_eq!(kb.json(&["stats", "--json"])["documents"], 0);
    assert_eq!(kb.json(&["stats", "--json"])["claims"], 0);
    kb.run(&["search", "元宇宙"]).success();
    // Their key terms went with them.
    let terms = kb.json(&["sql", "SELECT count(*) AS n FROM terms", "--json"]);
    assert_eq!(terms[0]["n"], 0, "{terms}");
}

/// Item 15: one way to ask for JSON: `--json` on every command that prints
/// (`audit --format json` kept as the same thing).
#[test]
fn every_printing_command_takes_json() {
    let kb = Kb::new();
    let demo = kb.json(&["demo", "--json"]);
    assert_eq!(demo["files"][0]["outcome"], "added");
    assert_eq!(demo["essays"].as_array().unwrap().len(), 2);
    assert!(demo["essays"][0]["thesis"]["text"].is_string());
    assert_eq!(
        kb.json(&["audit", "--json"]),
        kb.json(&["audit", "--format", "json"])
    );
    let aif = kb.dir.path().join("map.json");
    kb.run(&["export", "--format", "aif", "-o", aif.to_str().unwrap()])
        .success();
    let other = Kb::new();
    let imported = other.json(&["import", aif.to_str().unwrap(), "--json"]);
    assert_eq!(imported["files"][0]["outcome"], "added");
    assert!(imported["files"][0]["claims"].as_u64().unwrap() > 50);
    // Every subcommand that prints text takes --json (export writes formats).
    let help = kb.stdout(&["--help"]);
    for cmd in [
        "ingest", "import", "stats", "demo", "show", "tree", "path", "search", "related", "terms",
        "sql", "audit", "remove",
    ] {
        assert!(help.contains(cmd), "{cmd}");
        let h = kb.stdout(&[cmd, "--help"]);
        assert!(h.contains("--json"), "{cmd} --help has no --json");
    }
    for sub in ["essays", "claims"] {
        assert!(kb.stdout(&["list", sub, "--help"]).contains("--json"));
    }
}

/// Item 19: a query word may start with `-`; audit severities are lower
/// case like every other message; ingest's JSON errors name their file.
#[test]
fn small_cli_conventions_hold() {
    let kb = Kb::seeded();
    kb.run(&["search", "-元宇宙", "--limit", "1"])
        .success()
        .stdout(predicate::str::contains("元宇宙"));
    let hits = kb.json(&["search", "-元宇宙", "--json"]);
    assert!(!hits.as_array().unwrap().is_empty());
    let objection = kb.file(
        "objection.txt",
        "我认为应该多读书。但是，有人说读书没有用。".as_bytes(),
    );
    kb.run(&["ingest", objection.to_str().unwrap()]).success();
    // A file named outright that is not .txt or .md is read, with a note.
    let page = kb.file("page.html", "<p>我认为应该多读书。</p>".as_bytes());
    kb.run(&["ingest", page.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains(
            "is not a .txt, .text, .md or .markdown file",
        ));
    let audit = String::from_utf8(kb.run(&["audit"]).get_output().stdout.clone()).unwrap();
    assert!(
        audit.contains("] warning: ") && !audit.contains("] Warning: "),
        "{audit}"
    );
    let dir = kb.dir.path().join("mixed");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("good.txt"), "我认为读书有益。因为书中有经验。").unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    let out = kb.run(&["ingest", dir.to_str().unwrap(), "--json"]).code(1);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let e = &v["errors"][0];
    assert!(e["path"].as_str().unwrap().ends_with("empty.txt"), "{v}");
    assert!(e["error"].as_str().unwrap().contains("no text"), "{v}");
}

/// Item 20: every `argraph` command in the README's and docs' code blocks
/// runs as written (from a checkout's root, on a base holding the seed).
/// A transcript line whose shown output is an error must fail with exit 2.
#[test]
fn commands_in_the_docs_run_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = Path::new(env!("CARGO_BIN_EXE_argraph"));
    let kb = Kb::new();
    let work = kb.dir.path().join("checkout");
    for dir in ["seeds", "tests/data"] {
        let to = work.join(dir);
        std::fs::create_dir_all(&to).unwrap();
        for f in std::fs::read_dir(root.join(dir)).unwrap() {
            let f = f.unwrap().path();
            if f.is_file() {
                std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
            }
        }
    }
    let db = work.join("argraph.db");
    argraph(&db)
        .current_dir(&work)
        .args(["ingest", "seeds"])
        .assert()
        .success();
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let dot = dot_available();
    let mut files = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    let mut ran = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut in_block = false;
        let mut lines = text.lines().peekable();
        while let Some(line) = lines.next() {
            if line.trim_start().starts_with("```") {
                in_block = !in_block;
                continue;
            }
            let l = line.trim();
            if !in_block || !(l.starts_with("argraph ") || l.starts_with("$ argraph ")) {
                continue;
            }
            let command = l.trim_start_matches("$ ");
            // What the transcript shows until the next command or the block's end.
            let mut shown = String::new();
            while let Some(next) = lines.peek().filter(|_| l.starts_with("$ ")) {
                if next.trim_start().starts_with("```") || next.trim_start().starts_with("$ ") {
                    break;
                }
                shown.push_str(lines.next().unwrap());
                shown.push('\n');
            }
            if command.contains("~/")
                || command.contains("| man")
                || (!dot && command.contains("svg"))
            {
                continue;
            }
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(command)
                .current_dir(&work)
                .env("PATH", &path)
                .env("ARGRAPH_DB", &db)
                .env("NO_COLOR", "1")
                .env("HOME", kb.dir.path())
                .output()
                .unwrap();
            let code = out.status.code().unwrap_or(-1);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let expected_error = l.starts_with("$ ") && shown.contains("error:");
            if expected_error {
                assert_eq!(
                    code,
                    2,
                    "{}: `{command}` should fail as shown",
                    file.display()
                );
            } else {
                assert!(
                    (code == 0 || code == 1) && !stderr.contains("error:"),
                    "{}: `{command}` exits {code}: {stderr}",
                    file.display()
                );
            }
            ran += 1;
        }
    }
    assert!(ran >= 25, "only {ran} commands found");
}

/// Item 13: Mermaid keeps `%%{init}%%`, `&amp;` and `&lt;` as text and
/// breaks lines without adding spaces; DOT lines never start with closing
/// punctuation. Graphviz draws the labels back as the claims' text.
#[test]
fn labels_survive_mermaid_and_dot_and_follow_cjk_line_breaking() {
    let kb = Kb::new();
    let text = "题目\n\n我认为%%{init: {'theme':'dark'}}%%只是文字，&amp;与&lt;也是文字，<b>粗体</b>和\"引号\"和#号。他说：“读书使人明智，读书使人聪明，读书使人快乐。”因此，</script>不是标签。\n";
    let f = kb.file("m.txt", text.as_bytes());
    kb.run(&["ingest", f.to_str().unwrap()]).success();
    let m = kb.stdout(&["export", "--format", "mermaid"]);
    assert!(!m.contains("%%{"), "a directive would run: {m}");
    assert!(m.contains("#37;#37;{init"), "{m}");
    assert!(m.contains("#38;amp;") && m.contains("#38;lt;"), "{m}");
    assert!(
        !m.contains(" <br>") && !m.contains("<br> "),
        "no space added at breaks"
    );
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    for c in g["claims"].as_array().unwrap() {
        // Every claim's label, entity codes undone and breaks removed, is its text.
        let t = c["text"].as_str().unwrap();
        let shown: String = t.chars().take(20).collect();
        let label_has = m
            .lines()
            .map(|l| {
                l.replace("<br>", "")
                    .replace("#quot;", "\"")
                    .replace("#lt;", "<")
                    .replace("#gt;", ">")
                    .replace("#37;", "%")
                    .replace("#38;", "&")
                    .replace("#58;", ":")
                    .replace("#35;", "#")
            })
            .any(|l| l.contains(&shown));
        assert!(label_has, "{shown} not in a label");
    }
    // Drawn by Mermaid itself, every label reads as its claim.
    if let Some((modules, chromium)) = browser() {
        let lib = modules.join("mermaid/dist/mermaid.min.js");
        if lib.exists() {
            let mmd = kb.file("graph.mmd", m.as_bytes());
            let out = std::process::Command::new("node")
                .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/mermaid.cjs"))
                .arg(&mmd)
                .arg(&lib)
                .env("NODE_PATH", &modules)
                .env("CHROMIUM", &chromium)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let labels: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
            let mut texts: Vec<String> = g["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["text"].as_str().unwrap().to_owned())
                .collect();
            let mut labels = labels;
            texts.sort();
            labels.sort();
            assert_eq!(labels, texts, "Mermaid shows the claims as written");
        } else {
            eprintln!("notice: the mermaid package is not installed; skipping its render (.ci/run installs it)");
        }
    }
    let dot = kb.stdout(&["export", "--format", "dot"]);
    for label in dot.split("label=\"").skip(1) {
        let label = label.split("\", ").next().unwrap();
        for line in label.split("\\n").skip(1) {
            let first = line.chars().next().unwrap_or(' ');
            assert!(
                !"。，、；：？！）」』”’》".contains(first),
                "line starts with {first}: {label}"
            );
        }
    }
}

/// Review of item 3: `remove` never takes a document for another that only
/// displays the same path, from whichever directory it runs.
#[test]
fn remove_takes_the_named_file_not_one_that_looks_the_same() {
    let kb = Kb::new();
    let (a, b) = (kb.dir.path().join("a"), kb.dir.path().join("b"));
    for (dir, text) in [(&a, "我认为读书有益。"), (&b, "我认为运动有益。")] {
        std::fs::create_dir_all(dir.join("essays")).unwrap();
        std::fs::write(dir.join("essays/e.txt"), text).unwrap();
    }
    let in_dir = |dir: &Path, args: &[&str]| argraph(&kb.db).current_dir(dir).args(args).assert();
    in_dir(&a, &["ingest", "essays/e.txt"]).success();
    // b's file is not stored: its name must not reach a's document.
    in_dir(&b, &["remove", "essays/e.txt"]).code(2);
    // A directory means the files under it, not what their paths look like.
    in_dir(&b, &["ingest", "essays/e.txt"]).success();
    in_dir(&b, &["remove", "--json", "essays"]).success();
    let left = kb.json(&["list", "essays", "--json"]);
    assert_eq!(left.as_array().unwrap().len(), 1);
    let hits = kb.json(&["search", "读书", "--json"]);
    assert!(
        !hits.as_array().unwrap().is_empty(),
        "a's essay is still there"
    );
    // Standard input that fails to decode is reported in the JSON too.
    let out = argraph(&kb.db)
        .args(["ingest", "-", "--json"])
        .write_stdin(vec![0u8, 1, 2, 3])
        .assert()
        .code(2);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["errors"][0]["path"], "stdin");
}

/// Item 18: in a 100-column terminal the audit's source lines and
/// underlines fit, for essays written one paragraph per line.
#[test]
fn audit_lines_fit_the_terminal() {
    let kb = Kb::new();
    // One paragraph, one line of 240 columns: an objection raised at its end
    // against the position stated at its start.
    let essay = kb.file(
        "long-line.txt",
        "论读书\n我认为应该多读书。书中有前人的经验，也有今人的思考，读得越多，看得越远，\
         这是许多人在成长的路上都体会过的道理，老师和父母也常常这样告诉我们，\
         图书馆里总是坐满了安静读书的同学。但是，有人说读书没有用。\n"
            .as_bytes(),
    );
    kb.run(&["ingest", essay.to_str().unwrap()]).success();
    let out = argraph(&kb.db)
        .env("COLUMNS", "100")
        .arg("audit")
        .assert()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("unanswered-objection"), "{text}");
    // Source and underline lines (the hint is prose; a terminal wraps it whole).
    let source_lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" │ ") && !l.contains("Help:"))
        .collect();
    assert!(
        source_lines.iter().any(|l| l.contains("…")),
        "the long line is shown as a window: {text}"
    );
    for line in source_lines {
        let w = unicode_width::UnicodeWidthStr::width(line.trim_end());
        assert!(w <= 100, "{w} columns: {line}");
    }
    assert!(text.contains("long-line.txt:2:1"), "{text}");
}

/// A class's folder as it arrives: the essays ending in .txt, .TXT and
/// .text are read; a .docx and a file without an ending are named as not
/// read (a teacher must not take the rest for the whole class), and the
/// desktop's own files are passed over in silence.
#[test]
fn a_directory_names_the_files_it_does_not_read() {
    let kb = Kb::new();
    let class = kb.dir.path().join("class");
    std::fs::create_dir(&class).unwrap();
    let essay = std::fs::read(SEED).unwrap();
    for name in ["张三.TXT", "王五.text", "赵 六 (1).txt", "李四"] {
        std::fs::write(class.join(name), &essay).unwrap();
    }
    std::fs::write(class.join("孙七.docx"), b"PK\x03\x04 not text").unwrap();
    std::fs::write(class.join(".DS_Store"), b"\x00\x00\x00\x01Bud1").unwrap();
    std::fs::write(class.join("Thumbs.db"), b"\xd0\xcf\x11\xe0").unwrap();
    std::fs::write(class.join("~$孙七.docx"), b"lock").unwrap();
    std::fs::create_dir_all(class.join(".git/objects")).unwrap();
    std::fs::write(class.join(".git/HEAD"), b"ref: refs/heads/main").unwrap();
    std::fs::write(class.join(".git/objects/notes.txt"), b"not an essay").unwrap();
    let out = kb
        .run(&["ingest", class.to_str().unwrap()])
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("2 file(s) not read") && err.contains("孙七.docx") && err.contains("李四"),
        "{err}"
    );
    assert!(
        !err.contains("DS_Store")
            && !err.contains("Thumbs")
            && !err.contains("~$")
            && !err.contains(".git"),
        "{err}"
    );
    assert!(err.contains("save essays as plain text"), "{err}");
    // The three with a text ending hold one text: one added, two copies.
    let stats = kb.json(&["stats", "--json"]);
    assert_eq!(stats["documents"], 1, "{err}");
    // The .text file was read (and found to be a copy), not passed over.
    assert!(err.contains("王五.text"), "{err}");
}

/// `list claims` cuts a terminal listing at 200 claims and says so on
/// stderr; with --json it lists every claim unless --limit asks for fewer,
/// since a script does not see that note.
#[test]
fn list_claims_json_lists_every_claim_unless_limited() {
    let kb = Kb::new();
    let mut text = String::from("论坚持\n\n");
    for p in 0..30 {
        for s in 0..9 {
            text.push_str(&format!("第{p}段第{s}句说明坚持的道理在于每天努力。"));
        }
        text.push_str("\n\n");
    }
    let f = kb.file("long.txt", text.as_bytes());
    kb.run(&["ingest", f.to_str().unwrap()]).success();
    let total = kb.json(&["stats", "--json"])["claims"].as_u64().unwrap();
    assert!(total > 200, "{total} claims");
    let all = kb.json(&["list", "claims", "--json"]);
    assert_eq!(all.as_array().unwrap().len() as u64, total);
    let five = kb.json(&["list", "claims", "--json", "--limit", "5"]);
    assert_eq!(five.as_array().unwrap().len(), 5);
    let out = kb.run(&["list", "claims"]).success().get_output().clone();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 200);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("200 of {total} claims shown")),
        "{err}"
    );
}

/// A --db that is a FIFO is refused by what it is, for writing and for
/// reading, instead of blocking on its open (a review found ingest hang).
#[test]
fn a_fifo_as_the_database_is_refused_not_waited_on() {
    let kb = Kb::new();
    let made = std::process::Command::new("mkfifo").arg(&kb.db).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("notice: mkfifo unavailable; skipped");
        return;
    }
    for args in [&["ingest", SEED][..], &["list", "essays"], &["stats"]] {
        argraph(&kb.db)
            .args(args)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "is a FIFO (named pipe), not a database file",
            ));
    }
}

/// A database damaged past its first pages names itself and says what to
/// do, for every command that reads it; nothing panics.
#[test]
fn a_damaged_database_is_named_with_what_to_do() {
    let kb = Kb::seeded();
    let mut bytes = std::fs::read(&kb.db).unwrap();
    assert!(bytes.len() > 3 * 4096, "a base of several pages");
    // Keep the header and the schema page; garble every page after them.
    for b in &mut bytes[2 * 4096..] {
        *b = 0xA5;
    }
    std::fs::write(&kb.db, &bytes).unwrap();
    for args in [
        &["audit"][..],
        &["export", "--format", "json"],
        &["search", "读书"],
    ] {
        let out = kb.run(args).code(2).get_output().clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains(&format!("database {}: is damaged", kb.db.display()))
                && err.contains("restore it from a backup"),
            "{args:?}: {err}"
        );
    }
}

/// `--kind` takes the three kinds; a role given there (a user reading
/// "thesis" in the output) is pointed to `--role`.
#[test]
fn a_role_given_as_a_kind_points_to_role() {
    let kb = Kb::seeded();
    kb.run(&["list", "claims", "--kind", "thesis"])
        .code(2)
        .stderr(predicate::str::contains(
            "thesis is a role: `list claims --role thesis`",
        ));
    kb.run(&["search", "元宇宙", "--kind", "nonsense"])
        .code(2)
        .stderr(predicate::str::contains(
            "kinds are major_claim, claim and premise",
        ));
    let majors = kb.json(&["list", "claims", "--kind", "major_claim", "--json"]);
    assert_eq!(majors.as_array().unwrap().len(), 2);
}

/// The interchange exports carry the model's confidence in each role and,
/// for a thesis the ranker chose, whether it is a guess (`thesis?`), so a
/// researcher can filter on them, and an AIF or Argdown round trip keeps them.
#[test]
fn exports_carry_the_confidence_and_the_guess_flag() {
    let kb = Kb::seeded();
    let g: Value = serde_json::from_str(&kb.export()).unwrap();
    let claims = g["claims"].as_array().unwrap();
    assert!(claims.iter().all(|c| c["confidence"].is_f64()));
    let listed = kb.json(&["list", "claims", "--role", "thesis", "--json"]);
    for t in listed.as_array().unwrap() {
        let c = claims.iter().find(|c| c["id"] == t["id"]).unwrap();
        assert_eq!(c["unsure"], t["why"]["unsure"], "{c}");
        assert_eq!(c["confidence"], t["why"]["confidence"], "{c}");
    }
    assert!(claims
        .iter()
        .filter(|c| c["kind"] != "major_claim")
        .all(|c| c.get("unsure").is_none()));
    let graphml = kb.stdout(&["export", "--format", "graphml"]);
    assert!(graphml.contains("attr.name=\"confidence\" attr.type=\"double\""));
    assert_eq!(
        graphml.matches("<data key=\"unsure_thesis\">").count(),
        listed.as_array().unwrap().len()
    );
    // Through AIF and Argdown and back, each claim keeps its confidence and
    // a guessed thesis stays a guess (the audit says the same of it).
    let carried = |g: &Value| -> Vec<(Value, Value, Value)> {
        g["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let unsure = c.get("unsure").cloned().unwrap_or(Value::Null);
                (c["text"].clone(), c["confidence"].clone(), unsure)
            })
            .collect()
    };
    assert!(
        claims.iter().any(|c| c["unsure"] == true),
        "the seed has a guess"
    );
    let audit = |kb: &Kb| -> usize {
        let a = kb.json(&["audit", "--format", "json"]);
        a["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "uncertain-thesis")
            .count()
    };
    for (format, file) in [("aif", "seed.aif.json"), ("argdown", "seed.argdown")] {
        let path = kb.dir.path().join(file);
        kb.run(&["export", "--format", format, "-o", path.to_str().unwrap()])
            .success();
        let other = Kb::new();
        other.run(&["import", path.to_str().unwrap()]).success();
        let back: Value = serde_json::from_str(&other.export()).unwrap();
        assert_eq!(carried(&back), carried(&g), "{format}");
        assert_eq!(audit(&other), audit(&kb), "{format}");
    }
}
