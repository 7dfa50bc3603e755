//! Benchmark data, deterministic from a seed.
//!
//! `gen-corpus --mb N --out DIR` writes about N MB of multi-essay Chinese text
//! files: paragraphs drawn from the AES high-school corpus (when
//! ../shared/corpora/aes-zh-highschool is present) and the bundled seed
//! essays, with discourse markers, section headings and page breaks mixed in.
//!
//! `gen-corpus --kb CLAIMS --db FILE` writes a synthetic knowledge base of
//! CLAIMS claims and about twice as many edges straight into SQLite (one
//! transaction), for query benchmarks.

use argraph::model::{ClaimKind, Relation};
use argraph::store::Store;
use rusqlite::params;
use std::io::Write;
use std::path::{Path, PathBuf};

// The allocator argraph ships with (src/main.rs), so the stage timings
// measure what ingest runs.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// A small, fast, seedable generator (xorshift64*): benchmarks must not
/// depend on a crate's RNG changing between versions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

const MARKERS: &[&str] = &[
    "因此，",
    "所以，",
    "可见，",
    "比如，",
    "例如，",
    "但是，",
    "然而，",
    "换句话说，",
    "也就是说，",
    "特别是",
    "此外，",
    "总之，",
    "事实上，",
    "我认为，",
    "或许，",
    "",
];

fn usage() -> ! {
    eprintln!(
        "usage: gen-corpus --mb N --out DIR [--seed S]\n       gen-corpus --kb CLAIMS --db FILE [--seed S]\n       gen-corpus --baseline DIR"
    );
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let seed: u64 = get("--seed").and_then(|s| s.parse().ok()).unwrap_or(42);
    let mut rng = Rng(seed.wrapping_mul(0x9E3779B97F4A7C15) | 1);
    if let Some(mb) = get("--mb") {
        let mb: f64 = mb.parse().unwrap_or_else(|_| usage());
        let out = PathBuf::from(get("--out").unwrap_or_else(|| usage()));
        corpus(&mut rng, mb, &out);
    } else if let Some(dir) = get("--baseline") {
        baseline(Path::new(&dir));
    } else if let Some(dir) = get("--stages") {
        stages(Path::new(&dir));
    } else if let Some(n) = get("--kb") {
        let n: usize = n.parse().unwrap_or_else(|_| usage());
        let db = PathBuf::from(get("--db").unwrap_or_else(|| usage()));
        knowledge_base(&mut rng, n, &db);
    } else {
        usage();
    }
}

/// The floor cost of the pipeline: one jieba-rs `cut` pass (HMM on) over
/// every paragraph of every file of DIR, one thread, timed in process after
/// the dictionary is built and the files are read (building jieba costs
/// ~60 ms and reading is not segmentation: the old floor counted both, plus
/// a TF-IDF pass, which is why it read ≈ 6 MB/s on 1 MB). Prints
/// `cut_seconds S` and `bytes N`.
fn baseline(dir: &Path) {
    use jieba_rs::Jieba;
    let jieba = Jieba::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read file"))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let started = std::time::Instant::now();
    let mut words = 0usize;
    for text in &texts {
        for p in text.split('\n').filter(|p| !p.trim().is_empty()) {
            words += jieba.cut(p, true).len();
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    eprintln!("{bytes} bytes: {words} words");
    println!("cut_seconds {seconds:.4}");
    println!("bytes {bytes}");
}

/// Time of the text stage alone and of extraction alone over every file of
/// DIR, one thread, printed as `text_stage SECONDS` / `extraction SECONDS`.
fn stages(dir: &Path) {
    use argraph::text::Document;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let docs: Vec<Document> = files
        .iter()
        .map(|f| Document::from_bytes("f.txt", &std::fs::read(f).expect("read")).expect("decode"))
        .collect();
    let _ = argraph::ingest::analyze(&docs[0]); // build jieba and the lexicons first
    let t = std::time::Instant::now();
    let layouts: Vec<_> = docs.iter().map(|d| d.layout()).collect();
    let text = t.elapsed().as_secs_f64();
    let t = std::time::Instant::now();
    let claims: usize = docs
        .iter()
        .zip(&layouts)
        .map(|(d, l)| argraph::extract::extract(d, l).claims.len())
        .sum();
    let extract = t.elapsed().as_secs_f64();
    println!("text_stage {text:.3}\nextraction {extract:.3}\nclaims {claims}");
}

/// Paragraphs of real Chinese essays to recombine.
fn source_paragraphs() -> Vec<String> {
    let mut paras = Vec::new();
    let mut add = |text: &str| {
        for p in text
            .split('\n')
            .map(str::trim)
            .filter(|p| p.chars().count() > 20)
        {
            paras.push(p.to_owned());
        }
    };
    let aes = Path::new("../shared/corpora/aes-zh-highschool/essays");
    match std::fs::read_dir(aes) {
        Ok(entries) => {
            let mut files: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            for f in files {
                if let Ok(t) = std::fs::read_to_string(&f) {
                    add(&t);
                }
            }
        }
        Err(_) => eprintln!(
            "notice: {} is absent; drawing on seeds/ only",
            aes.display()
        ),
    }
    if let Ok(t) = std::fs::read_to_string("seeds/metaverse-industrial-internet.txt") {
        add(&t);
    }
    assert!(
        !paras.is_empty(),
        "no source text: run from the argraph checkout"
    );
    paras
}

fn corpus(rng: &mut Rng, mb: f64, out: &Path) {
    std::fs::create_dir_all(out).expect("create output directory");
    let paras = source_paragraphs();
    let target = (mb * 1_000_000.0) as usize;
    // Files of about 200 KB: several essays each, like a folder of collected articles.
    let file_size = 200_000;
    let mut written = 0;
    let mut n = 0;
    while written < target {
        let mut text = String::new();
        while text.len() < file_size.min(target - written) {
            essay(rng, &paras, &mut text);
        }
        let path = out.join(format!("corpus-{n:05}.txt"));
        std::fs::File::create(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .expect("write corpus file");
        written += text.len();
        n += 1;
    }
    eprintln!("wrote {written} bytes in {n} files to {}", out.display());
}

fn essay(rng: &mut Rng, paras: &[String], out: &mut String) {
    let title_src = rng.pick(paras);
    let title: String = title_src
        .chars()
        .filter(|c| !c.is_ascii_punctuation())
        .take(8 + rng.below(6))
        .collect();
    let title = title.trim_end_matches(['，', '。', '、', '；', '：', '！', '？']);
    out.push_str(&format!("\n\n\n{title}（{}）\n\n", rng.below(100_000)));
    let sections = rng.below(4);
    let heading_stem: String = rng.pick(paras).chars().take(5).collect();
    for s in 0..=sections {
        if s > 0 {
            out.push_str(&format!(
                "{heading_stem}之{}\n\n",
                ["一", "二", "三", "四"][s - 1]
            ));
        }
        for _ in 0..2 + rng.below(4) {
            let mut p = String::new();
            for (i, sentence) in rng.pick(paras).split_inclusive('。').enumerate() {
                if i > 0 {
                    let marker: &&str = rng.pick(MARKERS);
                    p.push_str(marker);
                }
                p.push_str(sentence);
            }
            // Now and then a page break in the middle of a sentence.
            if rng.below(10) == 0 && p.chars().count() > 40 {
                let cut = p
                    .char_indices()
                    .nth(p.chars().count() / 2)
                    .map_or(0, |(i, _)| i);
                if !p[..cut].ends_with(['。', '！', '？']) {
                    p.insert_str(cut, "\n\n");
                }
            }
            out.push_str(&p);
            out.push_str("\n\n");
        }
    }
}

/// A synthetic knowledge base: one essay of 10,000 claims (for exporting a
/// large subgraph), then essays of 100 claims, in sections of 20, each
/// claim supporting an earlier one in its essay, plus a second relation of a
/// random type, so ~2 edges per claim; claim texts are recombined real
/// sentences, indexed for search with their key terms like real ones.
/// A sentence's search words, key terms and evidence flag, computed once.
type Prepared = (String, Vec<(String, f64)>, bool);

fn knowledge_base(rng: &mut Rng, claims: usize, db: &Path) {
    let _ = std::fs::remove_file(db);
    let sentences: Vec<String> = source_paragraphs()
        .iter()
        .flat_map(|p| {
            p.split_inclusive('。')
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|s| s.chars().count() > 8)
        .take(20_000)
        .collect();
    // Segment and weigh each distinct sentence once; claims reuse them.
    let prepared: Vec<Prepared> = sentences
        .iter()
        .map(|s| {
            let words = argraph::extract::words::Words::of(s);
            (
                words.search_words(s),
                argraph::extract::terms::in_words(s, &words),
                argraph::extract::evidence::in_words(s, &words),
            )
        })
        .collect();
    let mut store = Store::open(db).expect("open database");
    let conn = store.connection_mut();
    conn.execute_batch("PRAGMA synchronous = OFF").unwrap();
    let tx = conn.transaction().unwrap();
    {
        // The synthetic documents hold no text: their text hash is their
        // stand-in hash, so none is taken for a copy of another.
        let mut doc = tx.prepare("INSERT INTO documents (path, hash, encoding, text, bytes, ingested_at, text_hash) VALUES (?1, ?2, 'UTF-8', ?3, ?4, '2026-01-01T00:00:00Z', ?2)").unwrap();
        let mut essay = tx.prepare("INSERT INTO essays (id, document_id, ord, title, span_start, span_end) VALUES (?1, ?2, 0, ?3, 0, 0)").unwrap();
        let mut section = tx.prepare("INSERT INTO sections (id, essay_id, ord, heading, span_start, span_end) VALUES (?1, ?2, ?3, ?4, 0, 0)").unwrap();
        let mut claim = tx.prepare("INSERT INTO claims (id, essay_id, section_id, ord, paragraph, kind, text, span_start, span_end, hedged, stance, heading, evidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 0, ?8, 0, ?9, ?10)").unwrap();
        let mut search = tx
            .prepare("INSERT INTO claim_search (rowid, words) VALUES (?1, ?2)")
            .unwrap();
        let mut edge = tx.prepare("INSERT OR IGNORE INTO edges (src, dst, relation, marker, rule) VALUES (?1, ?2, ?3, ?4, ?5)").unwrap();
        let mut term = tx.prepare("INSERT INTO terms (term) VALUES (?1) ON CONFLICT (term) DO UPDATE SET term = excluded.term RETURNING id").unwrap();
        let mut claim_term = tx
            .prepare(
                "INSERT OR IGNORE INTO claim_terms (claim_num, term_id, weight) VALUES (?1, ?2, ?3)",
            )
            .unwrap();
        let mut term_ids = std::collections::HashMap::new();
        // Row number of claim n (edges and terms refer to claims by it).
        let mut nums: Vec<i64> = Vec::with_capacity(claims);
        let id = |kind: &str, n: usize| format!("{:016x}", fnv(kind, n));
        let big = 10_000.min(claims / 10).max(100);
        // (first claim, claim count) of each essay.
        let mut essays = vec![(0, big.min(claims))];
        let mut next = big;
        while next < claims {
            essays.push((next, 100.min(claims - next)));
            next += 100;
        }
        for (e, &(base, size)) in essays.iter().enumerate() {
            doc.execute(params![
                format!("synthetic/{e:07}.txt"),
                id("doc", e),
                "",
                0
            ])
            .unwrap();
            let doc_id = tx.last_insert_rowid();
            let eid = id("essay", e);
            essay
                .execute(params![eid, doc_id, format!("合成文章{e}")])
                .unwrap();
            for k in 0..size {
                let n = base + k;
                let sec = k / 20;
                let sid = id("section", base + sec * 20);
                if k % 20 == 0 {
                    section
                        .execute(params![sid, eid, sec as i64, format!("第{sec}节")])
                        .unwrap();
                }
                let s = rng.below(prepared.len());
                let kind = if k == 0 {
                    ClaimKind::MajorClaim
                } else if k % 20 == 0 {
                    ClaimKind::Claim
                } else {
                    ClaimKind::Premise
                };
                claim
                    .execute(params![
                        id("claim", n),
                        eid,
                        sid,
                        k as i64,
                        (k / 4) as i64,
                        kind.as_str(),
                        sentences[s],
                        rng.below(8) == 0,
                        k % 20 == 0,
                        prepared[s].2
                    ])
                    .unwrap();
                let num = tx.last_insert_rowid();
                nums.push(num);
                search.execute(params![num, prepared[s].0]).unwrap();
                for (t, w) in &prepared[s].1 {
                    let tid: i64 = match term_ids.get(t) {
                        Some(&t) => t,
                        None => {
                            let v: i64 = term.query_row([t], |r| r.get(0)).unwrap();
                            term_ids.insert(t.clone(), v);
                            v
                        }
                    };
                    claim_term.execute(params![num, tid, w]).unwrap();
                }
                if k > 0 {
                    let parent = base
                        + if k % 20 == 0 {
                            0
                        } else {
                            k - 1 - rng.below((k % 20).max(1))
                        };
                    edge.execute(params![
                        num,
                        nums[parent],
                        "supports",
                        None::<String>,
                        "default"
                    ])
                    .unwrap();
                    let other = base + rng.below(k);
                    let rel = *rng.pick(&Relation::ALL);
                    edge.execute(params![
                        num,
                        nums[other],
                        rel.as_str(),
                        Some("因此"),
                        "synthetic"
                    ])
                    .unwrap();
                }
            }
        }
    }
    tx.commit().unwrap();
    eprintln!("wrote {claims} claims to {}", db.display());
}

/// A stable 64-bit id from a kind and a number (FNV-1a).
fn fnv(kind: &str, n: usize) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in kind.bytes().chain(n.to_le_bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}
