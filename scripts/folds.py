"""The folds of the cross-validation scripts: essay i of a gold file is in
fold i % K, and a fold's weights are fitted by `fit-roles --folds K --fold k`
without its essays (the --extra files always in training)."""
import os
import subprocess
import sys


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
