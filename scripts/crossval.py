#!/usr/bin/env python3
"""Cross-validated extraction figures on a gold file, scored by the shared scorer.

usage: scripts/crossval.py [GOLD.jsonl] [--folds K] [--bin target/release/argraph]
                           [--fit-bin target/release/fit-roles] [--scorer PATH] [--verbose]
                           [--extra FILE | --dev-only] [--fit-args ARGS] [--keep DIR]

Essay i of GOLD is in fold i % K. For each fold, `fit-roles --folds K --fold k`
fits the role weights without that fold's essays (plus our own annotated
essays, annotations/essays-own.jsonl, which are never scored); each held-out essay is then
ingested alone with those weights (ARGRAPH_ROLE_WEIGHTS) and exported as JSON,
and `score_essays.py --exports` scores all the exports at once. No essay is
ever scored with weights that saw it. Build first: cargo build --release --bins
"""
import argparse
import os
import subprocess
import sys
import tempfile

import folds
from folds import SHARED, fit_fold, held_out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    folds.add_arguments(ap)
    ap.add_argument("--scorer", default=os.path.join(SHARED, "tools", "score_essays.py"))
    ap.add_argument("--fit-args", default="", help="more arguments for fit-roles, e.g. '--l2 0.003'")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json", help="write the figures as JSON here")
    ap.add_argument("--keep", help="also copy the exports into this directory")
    a = ap.parse_args()
    gold, root, essays = folds.resolve(ap, a)
    with tempfile.TemporaryDirectory() as tmp:
        exports = os.path.join(tmp, "exports")
        os.mkdir(exports)
        for k in range(a.folds):
            env = fit_fold(a.fit_bin, gold, root, a.folds, k, os.path.join(tmp, f"fold{k}.tsv"), a.extra,
                           a.fit_args)
            for e in held_out(essays, a.folds, k):
                db = os.path.join(tmp, f"{e['id']}.db")
                src = os.path.join(root, e["source"])
                r = subprocess.run([a.bin, "--db", db, "ingest", src], env=env, capture_output=True, text=True)
                if r.returncode != 0:
                    print(f"ingest failed for {e['id']}: {r.stderr.strip()}", file=sys.stderr)
                    continue
                subprocess.run([a.bin, "--db", db, "export", "--format", "json", "-o",
                                os.path.join(exports, e["id"] + ".json")], env=env, check=True,
                               capture_output=True)
        if a.keep:
            import shutil
            shutil.copytree(exports, a.keep, dirs_exist_ok=True)
        cmd = [sys.executable, a.scorer, gold, "--exports", exports]
        if a.verbose:
            cmd.append("--verbose")
        if a.json:
            cmd += ["--json", a.json]
        print(f"{a.folds}-fold cross-validation (weights fitted without the essay scored):")
        sys.stdout.flush()
        return subprocess.run(cmd).returncode


if __name__ == "__main__":
    sys.exit(main())
