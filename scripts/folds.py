"""The folds of the cross-validation scripts: essay i of a gold file is in
fold i % K, and a fold's weights are fitted by `fit-roles --folds K --fold k`
without its essays (the --extra files always in training)."""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(REPO), "shared")


def add_arguments(ap):
    """The arguments every cross-validation script takes: the gold file, the
    folds, the binaries, the source root and the extra training essays."""
    ap.add_argument("gold", nargs="?", default=os.path.join(SHARED, "gold", "essays-dev.jsonl"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "argraph"))
    ap.add_argument("--fit-bin", default=os.path.join(REPO, "target", "release", "fit-roles"))
    ap.add_argument("--root", help="directory the gold `source` paths are relative to "
                    "(default: the gold file's directory's parent)")
    train = ap.add_mutually_exclusive_group()
    train.add_argument("--extra", action="append", default=None,
                       help="annotated essays always among the training essays, never scored (fit-roles "
                       "--extra; default: annotations/essays-own.jsonl, as the shipped weights)")
    train.add_argument("--dev-only", action="store_true", help="train on GOLD's folds alone, no --extra")


def resolve(ap, a):
    """Checks and completes the arguments of `add_arguments`: sets `a.extra`
    to its default, and returns (gold path, source root, gold essays)."""
    if a.folds < 2:
        ap.error("--folds must be 2 or more")
    if a.extra is None:
        a.extra = [] if a.dev_only else [os.path.join(REPO, "annotations", "essays-own.jsonl")]
    gold = os.path.abspath(a.gold)
    root = a.root or os.path.dirname(os.path.dirname(gold))
    essays = [json.loads(l) for l in open(gold, encoding="utf-8") if l.strip()]
    return gold, root, essays


def fit_fold(fit_bin, gold, root, folds, k, out, extra, fit_args=""):
    """Writes fold k's weights to `out`; exits with fit-roles's message if it fails."""
    fit = subprocess.run([fit_bin, gold, "--root", root, "--folds", str(folds), "--fold", str(k),
                          "-o", out] + fit_args.split()
                         + [x for f in extra for x in ("--extra", os.path.abspath(f))],
                         stderr=subprocess.PIPE, text=True)
    if fit.returncode != 0:
        sys.exit(f"fit-roles failed for fold {k}: {fit.stderr.strip()}")
    return dict(os.environ, ARGRAPH_ROLE_WEIGHTS=out)


def held_out(essays, folds, k):
    """The essays fold k scores."""
    return [e for i, e in enumerate(essays) if i % folds == k]
