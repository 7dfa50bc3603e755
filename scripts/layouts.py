#!/usr/bin/env python3
"""The same gold essays written out in other file layouts, each layout scored by the shared scorer.

usage: scripts/layouts.py [GOLD.jsonl] [--bin target/release/argraph] [--scorer PATH] [--only NAME,...]

An essay's graph should not depend on how its file is laid out: blank lines
between paragraphs, indents, hard-wrapped lines, CRLF, a Markdown title, a
labelled title (题目：…), a byline under the title, one sentence per line.
Each gold essay's source is read as the corpus writes it (title first, one
paragraph per line), rewritten in each layout into a scratch directory, and
every layout is scored with `score_essays.py` against the same gold. With
the shipped weights the figures are in-sample (not a test of the model);
what they show is how much each layout moves them from `plain`.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(REPO), "shared")


def wrap(paragraph, width=38):
    return "\n".join(paragraph[i:i + width] for i in range(0, len(paragraph), width))


def sentences(paragraph):
    # An end mark, with the closing quotes after it, ends a sentence.
    return [m.group(0) for m in re.finditer(r".*?(?:[。！？]+[”’」』]*|$)", paragraph) if m.group(0).strip()]


LAYOUTS = {
    "plain": lambda t, b: t + "\n" + "\n".join(b) + "\n",
    "blank lines": lambda t, b: t + "\n\n" + "\n\n".join(b) + "\n",
    "indented": lambda t, b: t + "\n" + "\n".join("\u3000\u3000" + p for p in b) + "\n",
    "hard-wrapped": lambda t, b: t + "\n\n" + "\n\n".join(wrap(p) for p in b) + "\n",
    "CRLF": lambda t, b: t + "\r\n" + "\r\n".join(b) + "\r\n",
    "markdown title": lambda t, b: "# " + t + "\n\n" + "\n\n".join(b) + "\n",
    "题目：title": lambda t, b: "题目：" + t + "\n" + "\n".join(b) + "\n",
    "《title》": lambda t, b: "《" + t + "》\n" + "\n".join(b) + "\n",
    "byline": lambda t, b: t + "\n高三（2）班 李明\n" + "\n".join(b) + "\n",
    "sentence per line": lambda t, b: t + "\n\n" + "\n\n".join("\n".join(sentences(p)) for p in b) + "\n",
    "untitled": lambda t, b: "\n".join(b) + "\n",
    # The prompt's own sentences are in no gold essay: they add claims and
    # edges the scorer cannot align, so precision reads lower by itself.
    "exam prompt before the title": lambda t, b: "阅读下面的材料，根据要求写作。（60分）\n"
    + "有人说，人生的意义在于奋斗；也有人说，人生的意义在于享受。对此，你有什么看法？\n"
    + "要求：选准角度，确定立意，自拟标题，不少于800字。\n" + t + "\n" + "\n".join(b) + "\n",
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", default=os.path.join(SHARED, "gold", "essays-dev.jsonl"))
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "argraph"))
    ap.add_argument("--scorer", default=os.path.join(SHARED, "tools", "score_essays.py"))
    ap.add_argument("--only", help="comma-separated layout names")
    a = ap.parse_args()
    if not os.path.exists(a.gold) or not os.path.exists(a.scorer):
        print(f"skipped: {a.gold} or {a.scorer} is absent", file=sys.stderr)
        return 0
    root = os.path.dirname(os.path.dirname(os.path.abspath(a.gold)))
    essays = [json.loads(l) for l in open(a.gold, encoding="utf-8") if l.strip()]
    names = a.only.split(",") if a.only else list(LAYOUTS)
    print("| layout | thesis | macro F1 | role acc. | link recall (typed) | precision |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for k, name in enumerate(names):
            make = LAYOUTS[name]
            d = os.path.join(tmp, str(k))
            os.mkdir(d)
            gold = os.path.join(tmp, f"{k}.jsonl")
            with open(gold, "w", encoding="utf-8") as out:
                for e in essays:
                    raw = open(os.path.join(root, e["source"]), encoding="utf-8").read()
                    lines = [l.strip() for l in raw.replace("\r\n", "\n").split("\n") if l.strip()]
                    path = os.path.join(d, e["id"] + ".txt")
                    with open(path, "w", encoding="utf-8", newline="") as f:
                        f.write(make(lines[0], lines[1:]))
                    out.write(json.dumps(dict(e, source=path), ensure_ascii=False) + "\n")
            res = os.path.join(tmp, f"{k}.json")
            subprocess.run([sys.executable, a.scorer, gold, "--bin", a.bin, "--json", res],
                           check=True, stdout=subprocess.DEVNULL)
            r = json.load(open(res))
            print(f"| {name} | {r['thesis_accuracy']:.3f} | {r['macro_f1']:.3f} | {r['role_accuracy']:.3f} | "
                  f"{r['link_recall']:.3f} ({r['typed_link_recall']:.3f}) | {r['link_precision']:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
