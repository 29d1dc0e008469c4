#!/usr/bin/env python3
"""A corpus of N article files varied from the seed texts, for the load benchmark.

    python bench/corpus.py OUT_DIR --docs 1000 [--seed 1]

Each file is one seed with its paragraphs after the lead shuffled, its numbers changed
and its years and dates moved, so every content hash differs while the text stays news
(quotes, attributions, events, a header with a date line where the seed has one).
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from docstore.config import seeds_dir

_NUMBER = re.compile(r"\b\d{1,3}\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")


def _vary(text: str, rnd: random.Random) -> str:
    year = rnd.randint(2005, 2025)
    text = _YEAR.sub(lambda m: str(year - rnd.randint(0, 2) if m.group() != "2019" else year), text)
    return _NUMBER.sub(lambda m: str(max(1, int(m.group()) + rnd.randint(-9, 9))) if int(m.group()) <= 31
                       else str(rnd.randint(32, 999)), text)


def article(seed_text: str, rnd: random.Random) -> str:
    """One variant: header and lead kept in place, the rest of the paragraphs shuffled."""
    paras = seed_text.split("\n")
    head = 4 if "»" in paras[0] else 2  # header, blank, date line / or the title and the lead
    rest = paras[head:]
    rnd.shuffle(rest)
    return _vary("\n".join(paras[:head] + rest), rnd)


def generate(out: Path, docs: int, seed: int = 1) -> list[Path]:
    rnd = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir().glob("*.txt"))]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(docs):
        path = out / f"{i:06d}.txt"
        path.write_text(article(seeds[i % len(seeds)], rnd), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    paths = generate(a.out, a.docs, a.seed)
    print(f"{len(paths)} files in {a.out} ({sum(p.stat().st_size for p in paths) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
