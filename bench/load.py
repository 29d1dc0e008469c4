#!/usr/bin/env python3
"""Loading speed and memory, side by side on generated corpora (run by hand; prints figures).

    python bench/load.py --docs 1000 3000 [--jobs 2] [--ner-sample 300]

For each size: a corpus varied from the seeds (bench/corpus.py), then
  1. `docstore load --jobs N` as a user runs it (a subprocess: start-up, model loads,
     extraction, writing, index): wall time and docs/s;
  2. a plain natasha NER pass (segment + tag_ner over each whole text) in one process,
     models loaded once — what a user would otherwise script — on the first
     --ner-sample documents (it is slow; its docs/s does not depend on the corpus size);
  3. the floor: read the same files and insert their text into SQLite with the standard
     library alone;
  4. peak memory of the load: RSS summed over the process and its workers, sampled every
     0.1 s (and PSS, which counts pages the processes share once).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402

NER = """
import sys, time
from pathlib import Path
from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter
t0 = time.perf_counter()
segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
n = 0
for path in sorted(Path(sys.argv[1]).glob("*.txt"))[: int(sys.argv[2])]:
    doc = Doc(path.read_text(encoding="utf-8"))
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    n += len(doc.spans)
print(n, time.perf_counter() - t0)
"""


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _memory(pids: list[int]) -> tuple[int, int]:
    """(RSS, PSS) in kB summed over the processes."""
    rss = pss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss


def run_measured(cmd: list[str]) -> tuple[float, int, int, int, str]:
    """Wall time, peak RSS and PSS (kB, all processes), most processes at once, stdout."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak_rss = peak_pss = most = 0
    while proc.poll() is None:
        pids = _tree(proc.pid)
        rss, pss = _memory(pids)
        peak_rss, peak_pss, most = max(peak_rss, rss), max(peak_pss, pss), max(most, len(pids))
        time.sleep(0.1)
    out = proc.stdout.read()
    wall = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"{cmd} failed ({proc.returncode})")
    return wall, peak_rss, peak_pss, most, out


def floor(corpus: Path, db: Path) -> float:
    t0 = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT, text TEXT)")
    with conn:
        for path in sorted(corpus.glob("*.txt")):
            conn.execute("INSERT INTO documents (path, text) VALUES (?, ?)", (str(path), path.read_text(encoding="utf-8")))
    conn.close()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[1000, 10_000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--ner-sample", type=int, default=300)
    ap.add_argument("--db", help="load into this database URL instead of a new SQLite file (e.g. PostgreSQL)")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="docstore-load-"))
    ner_rate = None
    for n in a.docs:
        corpus = tmp / f"corpus{n}"
        generate(corpus, n)
        size = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6
        print(f"\n== {n} documents, {size:.1f} MB ==")
        t_floor = floor(corpus, tmp / f"floor{n}.db")
        db = a.db or str(tmp / f"load{n}.db")
        wall, rss, pss, procs, out = run_measured(
            [sys.executable, "-m", "docstore", "--db", db, "load", str(corpus), "--jobs", str(a.jobs), "-f", "json"])
        summary = json.loads(out)[0]
        print(f"docstore load --jobs {a.jobs}: {wall:.1f} s, {n / wall:.1f} docs/s "
              f"({summary['documents_loaded']} loaded, {summary['quotes']} quotes, {summary['events']} events)")
        print(f"  peak memory, {procs} processes: RSS {rss / 1024:.0f} MB, PSS {pss / 1024:.0f} MB")
        if ner_rate is None:
            sample = min(n, a.ner_sample)
            w, nrss, _, _, out = run_measured([sys.executable, "-c", NER, str(corpus), str(sample)])
            ner_rate = sample / w
            print(f"natasha NER pass, one process, {sample} docs: {w:.1f} s, {ner_rate:.1f} docs/s "
                  f"(peak RSS {nrss / 1024:.0f} MB)")
        print(f"  docstore vs NER pass: {n / wall / ner_rate:.1f}× faster "
              f"(the NER pass would take {n / ner_rate:.0f} s for {n})")
        print(f"floor (stdlib read + sqlite3 insert): {t_floor:.2f} s, {n / t_floor:.0f} docs/s; "
              f"docstore = {wall / t_floor:.0f}× the floor")
        again, _, _, _, out = run_measured(
            [sys.executable, "-m", "docstore", "--db", db, "load", str(corpus), "--jobs", str(a.jobs), "-f", "json"])
        print(f"re-run (all present, skipped by hash): {again:.1f} s, {json.loads(out)[0]['already_present']} present")


if __name__ == "__main__":
    main()
