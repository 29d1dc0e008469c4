#!/usr/bin/env python3
"""Re-extraction against loading: the same N bench documents (run by hand; prints figures).

    python bench/reextract.py --docs 2000 [--jobs 2]

A corpus varied from the seeds (bench/corpus.py), then, each as a user runs it (a subprocess:
start-up, model loads in the workers, extraction, writing):
  1. `docstore load --jobs N` of the files into a new SQLite database;
  2. `docstore reextract --all --jobs N` over the texts that load stored (no files read);
  3. the same with a correction of each kind in force (a merge, a rename, a quote rejected),
     re-applied after every document.
Both write every document's rows; load batches up to 32 documents a transaction and builds the
full-text index of each document, reextract commits each document alone and leaves the
documents' index rows (their text did not change) and unchanged quotes (ids and index rows) as
they are.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402

DOCSTORE = [sys.executable, "-m", "docstore"]


def timed(*args: str) -> tuple[float, dict]:
    """Wall time of one docstore command and its JSON summary."""
    t0 = time.perf_counter()
    done = subprocess.run([*DOCSTORE, *args, "-f", "json"], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if done.returncode:
        raise SystemExit(f"docstore {' '.join(args)} failed ({done.returncode}): {done.stderr[-500:]}")
    return wall, json.loads(done.stdout)[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="docstore-reextract-"))
    corpus, db = tmp / "corpus", str(tmp / "bench.db")
    generate(corpus, a.docs)
    size = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6
    print(f"== {a.docs} documents, {size:.1f} MB, --jobs {a.jobs} ==")

    wall, summary = timed("--db", db, "load", str(corpus), "--jobs", str(a.jobs))
    print(f"load:      {wall:6.1f} s, {a.docs / wall:5.1f} docs/s ({summary['quotes']} quotes)")
    load = wall

    wall, summary = timed("--db", db, "reextract", "--all", "--jobs", str(a.jobs))
    print(f"reextract: {wall:6.1f} s, {a.docs / wall:5.1f} docs/s ({summary['documents_re_extracted']} documents; "
          f"quotes +{summary['quotes_added']} -{summary['quotes_removed']} ~{summary['quotes_re_attributed']}); "
          f"{load / wall:.2f}× load's speed")

    speakers = json.loads(subprocess.run([*DOCSTORE, "--db", db, "speakers", "-f", "json", "--limit", "2"],
                                         capture_output=True, text=True, check=True).stdout)
    quote = json.loads(subprocess.run([*DOCSTORE, "--db", db, "quotes", "-f", "json", "--limit", "1"],
                                      capture_output=True, text=True, check=True).stdout)[0]
    corrections = [["speakers", "rename", str(speakers[0]["id"]), "Иван Иванов"], ["quotes", "reject", str(quote["id"])]]
    if len(speakers) > 1:
        corrections.append(["speakers", "merge", str(speakers[0]["id"]), str(speakers[1]["id"])])
    for args in corrections:
        subprocess.run([*DOCSTORE, "--db", db, *args], capture_output=True, check=True)
    wall, summary = timed("--db", db, "reextract", "--all", "--jobs", str(a.jobs))
    print(f"reextract, corrections in force: {wall:6.1f} s, {a.docs / wall:5.1f} docs/s "
          f"(quotes +{summary['quotes_added']} -{summary['quotes_removed']} ~{summary['quotes_re_attributed']})")
    check = subprocess.run([*DOCSTORE, "--db", db, "check"], capture_output=True, text=True, check=False)
    print(f"check after: exit {check.returncode}")


if __name__ == "__main__":
    main()
