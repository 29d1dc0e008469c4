#!/usr/bin/env python3
"""Extraction speed: docs/s of `extract()` alone (no database) on the seeds repeated N times.

    python bench/extract_speed.py --docs 2000 [--profile]

Models load once before the clock starts (their load time is printed apart). The repeat
keeps the text identical, so the pymorphy3 word cache is as warm as on a large corpus of
one outlet; the NER runs on every document afresh (nothing caches it).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from docstore.config import seeds_dir
from docstore.extract import extract, nlp
from docstore.ingest import read_file


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--profile", action="store_true", help="profile with pyinstrument")
    a = ap.parse_args()
    articles = [read_file(p) for p in sorted(Path(seeds_dir()).glob("*.txt"))]
    t0 = time.perf_counter()
    nlp.entities("Иван Петров сказал.")
    nlp.morph()
    print(f"model load          {time.perf_counter() - t0:.2f} s")
    corpus = [articles[i % len(articles)] for i in range(a.docs)]
    profiler = None
    if a.profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    t0 = time.perf_counter()
    quotes = 0
    for art in corpus:
        quotes += len(extract(art).quotes)
    dt = time.perf_counter() - t0
    if profiler:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False)[:6000])
    chars = sum(len(x.text) for x in corpus)
    print(f"documents           {len(corpus)}")
    print(f"quotes              {quotes}")
    print(f"seconds             {dt:.2f}")
    print(f"docs/s              {len(corpus) / dt:.1f}")
    print(f"KB/s                {chars / 1024 / dt:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
