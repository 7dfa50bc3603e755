#!/usr/bin/env python3
"""Our own essay annotations: stored as character spans, shown or expanded with text.

usage:
  scripts/annotations.py pack GOLD.jsonl [--root DIR] > annotations/essays-own.jsonl
  scripts/annotations.py expand annotations/essays-own.jsonl [--root DIR] > gold-with-text.jsonl
  scripts/annotations.py show annotations/essays-own.jsonl ID [--root DIR]

The essays are third-party text (../shared/corpora, MIT) and stay outside this
repository, so the annotation file keeps each sentence's place in its source
file (`span`: start and end in characters, end exclusive) instead of its text.
`pack` turns a gold file with sentence texts into that form (each text must
occur in the source, in order); `expand` puts the texts back, giving the format
of ../shared/gold/essays-dev.jsonl, which ../shared/tools/score_essays.py
scores; `show` prints one essay sentence by sentence with role and link.
`fit-roles` reads spans itself. --root is the directory `source` paths are
relative to (default: ../shared beside the repository).
"""
import argparse
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(REPO), "shared")


def source_text(root, essay):
    with open(os.path.join(root, essay["source"]), encoding="utf-8", newline="") as f:
        return f.read()


def pack(essay, text):
    out, pos = [], 0
    for s in essay["sentences"]:
        at = text.find(s["text"], pos)
        if at < 0:
            sys.exit(f"error: {essay['id']} sentence {s['i']} does not occur in its source after "
                     f"character {pos}; fix the annotation's text")
        pos = at + len(s["text"])
        out.append({"i": s["i"], "p": s["p"], "span": [at, pos], "role": s["role"],
                    "to": s.get("to"), "relation": s.get("relation")})
    return {"id": essay["id"], "source": essay["source"], "sentences": out}


def expand(essay, text):
    e = dict(essay)
    e.setdefault("title", text.split("\n", 1)[0].strip())
    e["sentences"] = [dict(s, text=text[s["span"][0]:s["span"][1]]) for s in essay["sentences"]]
    return e


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["pack", "expand", "show"])
    ap.add_argument("file")
    ap.add_argument("id", nargs="?")
    ap.add_argument("--root", default=SHARED)
    a = ap.parse_args()
    essays = [json.loads(line) for line in open(a.file, encoding="utf-8") if line.strip()]
    for e in essays:
        if a.command == "show" and e["id"] != a.id:
            continue
        text = source_text(a.root, e)
        if a.command == "pack":
            print(json.dumps(pack(e, text), ensure_ascii=False))
        elif a.command == "expand":
            print(json.dumps(expand(e, text), ensure_ascii=False))
        else:
            for s in expand(e, text)["sentences"]:
                link = f" -{s['relation']}-> {s['to']}" if s.get("to") is not None else ""
                print(f"{s['i']:3d} p{s['p']:<2d} {s['role']:<12s}{link:<20s} {s['text']}")
    if a.command == "show" and not any(e["id"] == a.id for e in essays):
        sys.exit(f"error: no essay {a.id} in {a.file}")


if __name__ == "__main__":
    main()
