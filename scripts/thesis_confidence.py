#!/usr/bin/env python3
"""How often the thesis is right, by the share the thesis ranker gave it, cross-validated.

usage: scripts/thesis_confidence.py [GOLD.jsonl] [--folds K] [--extra FILE | --dev-only]
                                    [--root DIR] [--bin PATH] [--fit-bin PATH] [--verbose]

The folds are those of scripts/crossval.py (essay i of GOLD in fold i % K;
weights fitted by `fit-roles --folds K --fold k` with --extra always in
training, default annotations/essays-own.jsonl). Each held-out essay is read
with `argraph ingest --dry-run --json` under its fold's weights; its major
claim's `why.confidence` (the ranker's softmax share among the candidates)
is set against whether the claim covers a gold Thesis sentence, aligned as
the shared scorer aligns them. Prints, for each threshold, how many theses
fall below and above it and how many of each were right: the figures behind
`UNSURE_THESIS_CONFIDENCE` (src/model.rs). Build first: cargo build --release --bins
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import folds
from folds import SHARED, fit_fold, held_out
THRESHOLDS = [0.2, 0.3, 0.4, 0.5, 0.6]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    folds.add_arguments(ap)
    ap.add_argument("--verbose", action="store_true", help="one line per thesis")
    a = ap.parse_args()
    gold, root, essays = folds.resolve(ap, a)
    sys.path.insert(0, os.path.join(SHARED, "tools"))
    from score_essays import align

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(a.folds):
            env = fit_fold(a.fit_bin, gold, root, a.folds, k, os.path.join(tmp, f"fold{k}.tsv"), a.extra)
            for e in held_out(essays, a.folds, k):
                r = subprocess.run([a.bin, "ingest", "--dry-run", "--json", os.path.join(root, e["source"])],
                                   env=env, capture_output=True, text=True)
                if r.returncode != 0:
                    print(f"ingest failed for {e['id']}: {r.stderr.strip()}", file=sys.stderr)
                    continue
                ex = json.loads(r.stdout)[0]["extraction"]
                # The scorer reads export spans ([start, end]); the dry run writes objects.
                claims = [dict(c, span=[c["span"]["start"], c["span"]["end"]]) for c in ex["claims"]]
                owner = align(e["sentences"], claims)
                for ci, c in enumerate(claims):
                    if c["kind"] != "major_claim" or (c.get("why") or {}).get("score") is None:
                        continue
                    right = any(owner[s["i"]] == ci for s in e["sentences"] if s["role"] == "Thesis")
                    rows.append((c["why"]["confidence"], right, e["id"], c["text"]))
    rows.sort()
    if a.verbose:
        for conf, right, eid, text in rows:
            print(f"{conf:.3f} {'right' if right else 'wrong'} {eid} {text[:40]}")
    print(f"{len(rows)} theses chosen by the ranker, {sum(r[1] for r in rows)} right")
    print("threshold | below: right / all | at or above: right / all")
    for t in THRESHOLDS:
        lo = [r for r in rows if r[0] < t]
        hi = [r for r in rows if r[0] >= t]
        print(f"{t:.1f} | {sum(r[1] for r in lo)} / {len(lo)} | {sum(r[1] for r in hi)} / {len(hi)}")


if __name__ == "__main__":
    main()
