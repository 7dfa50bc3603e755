#!/usr/bin/env python3
"""The trivial thesis rule argraph must beat, scored on gold files.

usage: scripts/title_baseline.py GOLD.jsonl [GOLD.jsonl ...]   (needs `pip install jieba`)

For each essay it picks the sentence of the first two paragraphs that shares
most jieba words with the title (the earlier one on a tie) and counts the
essays where that sentence is a gold Thesis — the rule issue #11 names. A
file of our own annotations (spans, no text) is read through
`scripts/annotations.py expand` first.
"""
import json
import logging
import os
import subprocess
import sys

try:
    import jieba
except ImportError:
    sys.exit("error: this script needs jieba: pip install jieba")

jieba.setLogLevel(logging.ERROR)
HERE = os.path.dirname(os.path.abspath(__file__))
STOP = set("的 了 是 在 和 与 也 就 都 而 及 着 我 你 他 她 它 们 我们 这 那 之 其 一 不 有 为 以".split())


def words(s):
    return {w for w in jieba.lcut(s) if w.strip() and w not in STOP and (len(w) >= 2 or "\u4e00" <= w <= "\u9fff")}


def essays(path):
    with open(path, encoding="utf-8") as f:
        first = json.loads(f.readline())
    if first["sentences"] and "text" not in first["sentences"][0]:
        out = subprocess.run([sys.executable, os.path.join(HERE, "annotations.py"), "expand", path],
                             check=True, capture_output=True, text=True).stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for path in sys.argv[1:]:
        es = essays(path)
        hits = 0
        for e in es:
            title = words(e["title"])
            sentences = e["sentences"]
            candidates = [s for s in sentences if s["p"] <= 1] or sentences
            best = max(candidates, key=lambda s: (len(words(s["text"]) & title), -s["i"]))
            hits += best["role"] == "Thesis"
        print(f"{path}: {len(es)} essays, title-overlap rule thesis accuracy {hits / max(1, len(es)):.3f}")


if __name__ == "__main__":
    main()
