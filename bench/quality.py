#!/usr/bin/env python3
"""Quality bench: load a folder of articles with docstore, export, and score against its gold.

    python bench/quality.py seeds tests/seeds_gold.jsonl
    python bench/quality.py ../shared/devset            # gold.jsonl and docs/ inside

Runs the installed command-line tool on a throw-away database, exactly as a user would,
and scores what `docstore export` gives with docstore.evaluation. Prints the figures as a
table (or one JSON object with --json); --errors lists every miss.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from docstore.evaluation import read_jsonl, score


def run(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "docstore", *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
    return done.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", help="articles (or a folder holding docs/ and gold.jsonl)")
    ap.add_argument("gold", nargs="?", help="gold JSONL (default: FOLDER/gold.jsonl)")
    ap.add_argument("--errors", action="store_true", help="list every miss")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    a = ap.parse_args()
    docs = os.path.join(a.folder, "docs") if os.path.isdir(os.path.join(a.folder, "docs")) else a.folder
    gold = a.gold or os.path.join(a.folder, "gold.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "bench.db")
        t0 = time.perf_counter()
        run("--db", db, "load", docs)
        load_s = time.perf_counter() - t0
        quotes = [json.loads(x) for x in run("--db", db, "export", "quotes", "--format", "jsonl").splitlines() if x]
        events = [json.loads(x) for x in run("--db", db, "export", "events", "--format", "jsonl").splitlines() if x]
    report = score(read_jsonl(gold), quotes, events)
    figures = report.figures() | {"load_seconds": round(load_s, 2)}
    if a.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        for k, v in figures.items():
            print(f"{k:22} {v}")
    if a.errors:
        print("\n".join(report.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
