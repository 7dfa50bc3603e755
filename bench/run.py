#!/usr/bin/env python3
"""Run every argraph benchmark and write the results table into docs/performance.md.

usage: python3 bench/run.py [--quick | --only html|cliffs]

Builds release binaries, generates the corpora (1, 10, 100 MB) and a synthetic
1,000,000-claim knowledge base under $BENCH_DIR (default /tmp/argraph-bench;
reused when present), times whole commands as medians of several runs, reads
peak memory from /usr/bin/time -v, and replaces the block between the
BENCH-TABLE markers in docs/performance.md. --quick uses 1 and 10 MB and a
100,000-claim base (for trying the script, not for the record). --only html
runs just the HTML report rows (--only cliffs: the export scale cliffs of
issue #15) and prints them without writing the table.
Standard library only.
"""
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUICK = "--quick" in sys.argv
WORK = os.environ.get("BENCH_DIR", "/tmp/argraph-bench")
BIN = os.path.join(ROOT, "target/release/argraph")
GEN = os.path.join(ROOT, "target/release/gen-corpus")
SIZES = [1, 10] if QUICK else [1, 10, 100]
KB_CLAIMS = 100_000 if QUICK else 1_000_000
RUNS = 5


def sh(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, check=True, **kw)


def upgrade(db):
    """Brings a base kept from an earlier run to this argraph's schema
    (`stats` migrates a writable base), untimed: queries open bases read-only
    and refuse an older schema."""
    if os.path.exists(db):
        subprocess.run([BIN, "--db", db, "stats"], cwd=ROOT, capture_output=True, check=True)


def timed(cmd, runs=RUNS):
    """Median wall time (s) and max peak RSS (MB) of `cmd` over `runs` runs."""
    times, rss = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if p.returncode not in (0, 1):
            raise SystemExit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
        rss.append(int(m.group(1)) / 1024 if m else float("nan"))
    return statistics.median(times), max(rss)


def dir_bytes(d):
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))


def main():
    os.makedirs(WORK, exist_ok=True)
    sh(["cargo", "build", "--release", "--bins"])
    rows = []

    def row(what, value, target, command):
        rows.append((what, value, target, command))
        print(f"{what:50} {value:>24}   target {target}", flush=True)

    if "--only" in sys.argv:
        only = sys.argv[sys.argv.index("--only") + 1]
        {"html": html_report, "cliffs": cliffs}[only](row)
        for w, v, t, c in rows:
            print(f"| {w} | {v} | {t} | `{c}` |")
        return

    # --- corpora and ingest
    for mb in SIZES:
        d = os.path.join(WORK, f"corpus-{mb}mb")
        if not os.path.isdir(d):
            sh([GEN, "--mb", str(mb), "--out", d])
        size = dir_bytes(d) / 1e6
        base = statistics.median(
            float(dict(l.split() for l in subprocess.run([GEN, "--baseline", d], cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines())["cut_seconds"])
            for _ in range(3))
        if mb == 10:
            out = subprocess.run([GEN, "--stages", d], cwd=ROOT, capture_output=True, text=True, check=True).stdout
            st = dict(line.split() for line in out.splitlines())
            row("text stage alone (decode done; layout, sentences), 10 MB", f"{size / float(st['text_stage']):.1f} MB/s", "≥ 100 MB/s", f"gen-corpus --stages corpus-10mb/")
            row("extraction alone (claims, roles, relations, terms; one core), 10 MB", f"{size / float(st['extraction']):.1f} MB/s", "≥ 25 MB/s", f"gen-corpus --stages corpus-10mb/")
        ing = []
        rss = 0
        for _ in range(3 if mb < 100 else 1):
            db = os.path.join(WORK, f"ingest-{mb}.db")
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
            t, r = timed([BIN, "--db", db, "ingest", d], runs=1)
            ing.append(t)
            rss = max(rss, r)
        t = statistics.median(ing)
        cmd = f"argraph --db ingest-{mb}.db ingest corpus-{mb}mb/"
        row(f"ingest {mb} MB ({size:.1f} MB of text)", f"{size / t:.1f} MB/s ({t:.2f} s)", "≥ 15 MB/s" if mb == 100 else "-", cmd)
        row(f"  ingest / one jieba cut pass, {mb} MB", f"{t / base:.1f}× (cut: {base:.2f} s, {size / base:.0f} MB/s)", "≤ 4" if mb == 100 else "-", f"gen-corpus --baseline corpus-{mb}mb/")
        row(f"  peak RSS, ingest {mb} MB", f"{rss:.0f} MB", "≤ 300 MB" if mb == 100 else "-", "/usr/bin/time -v")

    side_by_side(row)
    poetry_base(row)
    html_report(row)

    # --- the large knowledge base
    kb = os.path.join(WORK, f"kb-{KB_CLAIMS}.db")
    if not os.path.exists(kb):
        sh([GEN, "--kb", str(KB_CLAIMS), "--db", kb])
    upgrade(kb)
    q = lambda *a: [BIN, "--db", kb] + list(a)
    ids = json.loads(subprocess.run(q("sql", "SELECT c.id, c.essay_id FROM claims c WHERE c.ord = 57 LIMIT 1 OFFSET 3", "--json"), capture_output=True, text=True, check=True).stdout)[0]
    claim, essay = ids["id"], ids["essay_id"]
    major = json.loads(subprocess.run(q("sql", f"SELECT id FROM claims WHERE essay_id = '{essay}' AND kind = 'major_claim'", "--json"), capture_output=True, text=True, check=True).stdout)[0]["id"]
    big = json.loads(subprocess.run(q("sql", "SELECT essay_id FROM claims GROUP BY essay_id ORDER BY count(*) DESC LIMIT 1", "--json"), capture_output=True, text=True, check=True).stdout)[0]["essay_id"]
    n = f"{KB_CLAIMS:,}"
    for name, args, target in [
        ("show", ["show", claim], "≤ 30 ms"),
        ("tree --depth 5", ["tree", major, "--depth", "5"], "≤ 30 ms"),
        ("path (premise → major claim)", ["path", claim, major], "-"),
        ("search 产业互联网 资本市场", ["search", "产业互联网", "资本市场"], "≤ 30 ms"),
        ("related", ["related", claim], "≤ 30 ms"),
    ]:
        t, r = timed(q(*args))
        row(f"{name}, {n} claims", f"{t * 1000:.0f} ms, {r:.0f} MB RSS", f"{target}, ≤ 100 MB", "argraph --db kb.db " + " ".join(args))
    t, r = timed(q("export", "--format", "dot", "--essay", big, "-o", os.path.join(WORK, "big.dot")), runs=3)
    row("export --format dot, 10,000-claim essay", f"{t:.2f} s, {r:.0f} MB RSS", "≤ 1 s", "argraph export --format dot --essay BIG")
    cliffs(row)
    t, r = timed(q("audit", "--format", "json"), runs=1)
    row(f"audit, whole base ({n} claims)", f"{t:.1f} s, {r:.0f} MB RSS", "≤ 30 s", "argraph --db kb.db audit --format json")
    t, r = timed(q("export", "--format", "dot", "-o", os.path.join(WORK, "all.dot")), runs=1)
    row(f"export --format dot, whole base", f"{t:.1f} s, {r:.0f} MB RSS", "-", "argraph --db kb.db export --format dot")

    write_table(rows)


PYREF = os.path.join(os.path.dirname(ROOT), "shared", "bench", "pyref")


def side_by_side(row):
    """argraph and the plain Python pipeline (../shared/bench/pyref) on the same
    10 MB, each from a cold start into an empty database, in this one run."""
    if not os.path.isfile(os.path.join(PYREF, "pipeline.py")):
        print(f"notice: {PYREF} is absent; skipping the side-by-side with the Python pipeline", flush=True)
        return
    venv = os.path.join(WORK, "pyref-venv")
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        try:
            sh([sys.executable, "-m", "venv", venv])
            sh([py, "-m", "pip", "install", "-q", "jieba"])
        except (subprocess.CalledProcessError, OSError) as e:
            print(f"notice: cannot set up the Python reference ({e}); skipping the side-by-side", flush=True)
            shutil.rmtree(venv, ignore_errors=True)
            return
    d = os.path.join(WORK, "pyref-corpus-10mb")
    if not os.path.isdir(d):
        sh([sys.executable, os.path.join(PYREF, "make_corpus.py"), d, "10"], stdout=subprocess.DEVNULL)
    size = dir_bytes(d) / 1e6

    def fresh(db):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        return db

    t_py, r_py = timed([py, os.path.join(PYREF, "pipeline.py"), fresh(os.path.join(WORK, "pyref.db")), d], runs=1)
    t_rs, r_rs = timed([BIN, "--db", fresh(os.path.join(WORK, "pyref-argraph.db")), "ingest", d], runs=1)
    row(f"Python pipeline (pyref), same {size:.0f} MB", f"{size / t_py:.2f} MB/s ({t_py:.2f} s, {r_py:.0f} MB RSS)", "-",
        "python pipeline.py py.db pyref-corpus-10mb/")
    row(f"argraph ingest, same {size:.0f} MB", f"{size / t_rs:.2f} MB/s ({t_rs:.2f} s, {r_rs:.0f} MB RSS)", "-",
        "argraph --db rs.db ingest pyref-corpus-10mb/")
    row("  argraph / Python pipeline speed", f"{t_py / t_rs:.1f}×", "≥ 30×", "(the two rows above)")


POETRY = "chinese-poetry@2.0.1"


def poetry_base(row):
    """A base of distinct real text: the 全唐詩 of the chinese-poetry package
    (MIT, fetched from the npm registry into $BENCH_DIR, never into the
    repository), one file per source file, one paragraph per poem; each
    couplet is a claim (~1.36M). Ingested once, then queried."""
    import glob
    import tarfile
    db = os.path.join(WORK, "poetry.db")
    if not os.path.exists(db):
        if not shutil.which("npm"):
            print("notice: npm is absent; skipping the chinese-poetry base", flush=True)
            return
        tgz = os.path.join(WORK, "chinese-poetry-2.0.1.tgz")
        if not os.path.exists(tgz):
            try:
                sh(["npm", "pack", POETRY, "--pack-destination", WORK], stdout=subprocess.DEVNULL)
            except (subprocess.CalledProcessError, OSError) as e:
                print(f"notice: cannot fetch {POETRY} ({e}); skipping the chinese-poetry base", flush=True)
                return
        src = os.path.join(WORK, "poetry-src")
        if not os.path.isdir(src):
            with tarfile.open(tgz) as t:
                members = [m for m in t.getmembers() if re.match(r"package/dist/quantangshi/poet\..*\.json$", m.name)]
                try:
                    t.extractall(src, members=members, filter="data")
                except TypeError:  # Python < 3.12 without the filter backport; member names checked above
                    t.extractall(src, members=members)
        text_dir = os.path.join(WORK, "poetry")
        os.makedirs(text_dir, exist_ok=True)
        for k, f in enumerate(sorted(glob.glob(os.path.join(src, "package/dist/quantangshi/poet.*.json")))):
            poems = json.load(open(f, encoding="utf-8"))
            lines = [f"全唐詩 {os.path.basename(f)[:-5]}", ""]
            lines += ["".join(p.get("paragraphs") or []) for p in poems if p.get("paragraphs")]
            open(os.path.join(text_dir, f"{k:04d}.txt"), "w", encoding="utf-8").write("\n".join(lines) + "\n")
        size = dir_bytes(text_dir) / 1e6
        t, r = timed([BIN, "--db", db, "ingest", text_dir], runs=1)
        row(f"ingest 全唐詩 ({size:.0f} MB, distinct lines)", f"{size / t:.1f} MB/s ({t:.1f} s, {r:.0f} MB RSS)", "-",
            "argraph --db poetry.db ingest poetry/")
    q = lambda *a: [BIN, "--db", db] + list(a)
    n = json.loads(subprocess.run(q("stats", "--json"), capture_output=True, text=True, check=True).stdout)["claims"]
    claim = json.loads(subprocess.run(q("sql", "SELECT id FROM claims WHERE text LIKE '%明月%' ORDER BY num LIMIT 1 OFFSET 100", "--json"),
                                      capture_output=True, text=True, check=True).stdout)[0]["id"]
    for name, args in [
        ("search 明月 故乡", ["search", "明月", "故乡"]),
        ("search 春风", ["search", "春风"]),
        ("related", ["related", claim]),
        ("show", ["show", claim]),
    ]:
        t, r = timed(q(*args))
        row(f"{name}, {n:,} distinct claims (全唐詩)", f"{t * 1000:.0f} ms, {r:.0f} MB RSS", "≤ 30 ms, ≤ 100 MB",
            "argraph --db poetry.db " + " ".join(args))


def cliffs(row):
    """Exports that once grew much faster than their input (issue #15)."""
    kb = os.path.join(WORK, f"kb-{KB_CLAIMS}.db")
    if not os.path.exists(kb):
        sh([GEN, "--kb", str(KB_CLAIMS), "--db", kb])
    upgrade(kb)
    q = lambda *a: [BIN, "--db", kb] + list(a)
    big = json.loads(subprocess.run(q("sql", "SELECT essay_id, count(*) AS n FROM claims GROUP BY essay_id ORDER BY n DESC LIMIT 1", "--json"), capture_output=True, text=True, check=True).stdout)[0]
    major = json.loads(subprocess.run(q("sql", f"SELECT id FROM claims WHERE essay_id = '{big['essay_id']}' AND kind = 'major_claim'", "--json"), capture_output=True, text=True, check=True).stdout)[0]["id"]
    t, r = timed(q("export", "--format", "json", "--root", major, "--depth", "3", "-o", os.path.join(WORK, "root.json")), runs=3)
    row(f"export --root MAJOR --depth 3, {big['n']:,}-claim essay", f"{t:.2f} s, {r:.0f} MB RSS", "≤ tree's time", "argraph export --root MAJOR --depth 3")
    # An essay of 80,000 one-character lines: once 80,000 "sections", and an
    # audit that took 79 s (JSON) and 186 s (text). 20,000 lines for scale.
    import random
    for n in (20_000, 80_000):
        k = n // 1000
        lines = os.path.join(WORK, f"lines-{k}k.txt")
        if not os.path.exists(lines):
            rnd = random.Random(1)
            chars = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长"
            open(lines, "w").write("\n".join(rnd.choice(chars) for _ in range(n)) + "\n")
        db = os.path.join(WORK, f"lines-{k}k.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        subprocess.run([BIN, "--db", db, "ingest", lines], cwd=ROOT, capture_output=True, check=True)
        for fmt in ("json", "text"):
            t, r = timed([BIN, "--db", db, "audit", "--format", fmt], runs=3)
            row(f"audit --format {fmt}, one essay of {n:,} one-character lines", f"{t:.2f} s, {r:.0f} MB RSS", "near-linear",
                f"argraph --db lines-{k}k.db audit --format {fmt}")
    # One sentence to a line, blank lines between paragraphs: each line was
    # once checked against the whole paragraph grown so far (36 s for two
    # paragraphs of 20,000 lines). 10,000 lines a paragraph for scale.
    for n in (10_000, 20_000):
        k = n // 1000
        path = os.path.join(WORK, f"sentence-lines-{k}k.txt")
        if not os.path.exists(path):
            block = "\n".join(f"这是第{i}句话，我们继续写下去。" for i in range(n))
            open(path, "w").write(f"标题\n\n{block}\n\n{block}\n")
        t, r = timed([BIN, "--db", os.path.join(WORK, "none.db"), "ingest", "--dry-run", path], runs=3)
        row(f"ingest --dry-run, two paragraphs of {n:,} sentence lines each", f"{t:.2f} s, {r:.0f} MB RSS", "near-linear",
            f"argraph ingest --dry-run sentence-lines-{k}k.txt")
    # The AIF map is streamed as it is written: memory is the graph's, and
    # grows with it in step.
    for n in (100_000, 300_000):
        db = os.path.join(WORK, f"kb-{n}.db")
        if not os.path.exists(db):
            sh([GEN, "--kb", str(n), "--db", db])
        upgrade(db)
        big = json.loads(subprocess.run([BIN, "--db", db, "sql", "SELECT essay_id, count(*) AS n FROM claims GROUP BY essay_id ORDER BY n DESC LIMIT 1", "--json"], capture_output=True, text=True, check=True).stdout)[0]
        major = json.loads(subprocess.run([BIN, "--db", db, "sql", f"SELECT id FROM claims WHERE essay_id = '{big['essay_id']}' AND kind = 'major_claim'", "--json"], capture_output=True, text=True, check=True).stdout)[0]["id"]
        t, r = timed([BIN, "--db", db, "export", "--format", "json", "--root", major, "--depth", "3", "-o", os.path.join(WORK, "root.json")], runs=3)
        row(f"export --root MAJOR --depth 3, {big['n']:,}-claim essay of {n:,} claims", f"{t:.2f} s, {r:.0f} MB RSS", "near-linear",
            f"argraph --db kb-{n}.db export --root MAJOR --depth 3")
        for fmt in ("aif", "json"):
            out = os.path.join(WORK, f"kb-{n}.{fmt}")
            t, r = timed([BIN, "--db", db, "export", "--format", fmt, "-o", out], runs=1)
            row(f"export --format {fmt}, {n:,} claims", f"{t:.1f} s, {r:.0f} MB RSS, {os.path.getsize(out) / 1e6:.0f} MB out", "near-linear",
                f"argraph --db kb-{n}.db export --format {fmt}")
        # Reading the map back: once a scan of every AIF edge for every
        # scheme (more than 10 minutes at 100,000 claims).
        imported = os.path.join(WORK, f"import-{n}.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(imported + suffix):
                os.remove(imported + suffix)
        t, r = timed([BIN, "--db", imported, "import", os.path.join(WORK, f"kb-{n}.aif")], runs=1)
        row(f"import --format aif, {n:,} claims", f"{t:.1f} s, {r:.0f} MB RSS", "near-linear",
            f"argraph --db import-{n}.db import kb-{n}.aif")


AES = os.path.join(os.path.dirname(ROOT), "shared", "corpora", "aes-zh-highschool", "essays")


def html_report(row):
    """The HTML report of the 300 AES essays: one file, and a page per essay."""
    if not os.path.isdir(AES):
        print(f"notice: {AES} is absent; skipping the HTML report rows")
        return
    db = os.path.join(WORK, "aes.db")
    if not os.path.exists(db):
        subprocess.run([BIN, "--db", db, "ingest", AES], cwd=ROOT, capture_output=True, check=True)
    upgrade(db)
    n = len(os.listdir(AES))
    out = os.path.join(WORK, "aes.html")
    t, r = timed([BIN, "--db", db, "export", "--format", "html", "-o", out], runs=3)
    row(f"export --format html, {n} essays, one file", f"{t:.2f} s, {r:.0f} MB RSS, {os.path.getsize(out) / 1e6:.1f} MB", "seconds",
        "argraph --db aes.db export --format html -o aes.html")
    site = os.path.join(WORK, "aes-site")
    shutil.rmtree(site, ignore_errors=True)
    t, r = timed([BIN, "--db", db, "export", "--format", "html", "-o", site + "/"], runs=3)
    row(f"export --format html, {n} essays, index + a page each", f"{t:.2f} s, {r:.0f} MB RSS, {len(os.listdir(site))} files", "seconds",
        "argraph --db aes.db export --format html -o site/")


def write_table(rows):
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    lines = [
        "<!-- BENCH-TABLE (written by bench/run.py; do not edit by hand) -->",
        f"Machine: {os.cpu_count()} cores, {cpu}; {platform.system()} {platform.release()}. Commit {commit}. "
        f"Release build; medians of {RUNS} runs for queries. Data in $BENCH_DIR ({WORK}).",
        "",
        "| measure | result | target | command |",
        "|---|---|---|---|",
    ]
    lines += [f"| {w} | {v} | {t} | `{c}` |" for w, v, t, c in rows]
    lines.append("<!-- /BENCH-TABLE -->")
    path = os.path.join(ROOT, "docs/performance.md")
    doc = open(path).read() if os.path.exists(path) else "# Performance\n\n<!-- BENCH-TABLE --><!-- /BENCH-TABLE -->\n"
    doc = re.sub(r"<!-- BENCH-TABLE.*?<!-- /BENCH-TABLE -->", "\n".join(lines), doc, flags=re.S)
    open(path, "w").write(doc)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
