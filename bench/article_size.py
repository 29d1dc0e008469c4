#!/usr/bin/env python3
"""Extraction time and memory against the size of ONE article: is it linear?

    python bench/article_size.py                          # 0.1, 0.4, 1.6 and 5 MB, with and without newlines
    python bench/article_size.py --sizes 0.1 0.4 --timeout 60 --layouts line
    python bench/article_size.py --texts ../shared/devset/docs     # other articles than the seeds

Each article is built from the bundled seeds, or the --texts given (read where they are, never
copied), as bench/corpus.py varies them (paragraphs after the lead shuffled, numbers and years
changed), joined until it holds SIZE MB of UTF-8 text;
«paragraphs» keeps their newlines, «line» joins everything into one line (a page saved
without line breaks). Each size runs in its own process: models loaded and warmed up first
(not timed), then one ``docstore.extract.extract()`` of the article. A run still going after
--timeout seconds is killed and reported as such (a quadratic case must not hang the bench),
and the larger sizes of that layout are skipped. Printed per run: seconds, seconds per MB,
the events stage's seconds (``find_said_events``, a part of the whole), quotes found, the process's peak RSS during the extraction and its RSS once the models were
loaded (Linux: the high-water mark is reset in between through /proc/self/clear_refs).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

LAYOUTS = ("paragraphs", "line")


def build(size_mb: float, layout: str, texts: list[str], seed: int = 13) -> str:
    """An article of ``size_mb`` MB of UTF-8 made of variants of the texts, cut at a word boundary."""
    from corpus import article

    from docstore.config import seeds_dir
    from docstore.ingest import iter_files, read_file

    rnd = random.Random(seed)
    seeds = [read_file(p).text for p in iter_files(texts or [seeds_dir()]) if isinstance(p, Path)]
    want = int(size_mb * 2**20)
    parts, size = [], 0
    while size < want:
        part = article(seeds[len(parts) % len(seeds)], rnd)
        part = " ".join(part.split()) if layout == "line" else part.strip()
        parts.append(part)
        size += len(part.encode("utf-8")) + 1
    text = ("\n" if layout == "paragraphs" else " ").join(parts)
    cut = text.encode("utf-8")[:want].decode("utf-8", errors="ignore")
    return cut[: cut.rfind(" ")] if " " in cut else cut


def _rss_mb(pid: str = "self", field: str = "VmRSS") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def child(size_mb: float, layout: str, texts: list[str]) -> None:
    """One run: warm up, then time one extraction; JSON lines on stdout."""
    from docstore.extract import extract
    from docstore.ingest import Article

    text = build(size_mb, layout, texts)
    extract(Article(text="«Работа идёт», — сказал министр Иван Петров.", path="warm-up"))
    try:  # peak RSS from here on: the models' loading is not the article's cost
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    print(json.dumps({"ready": True, "rss": _rss_mb(), "bytes": len(text.encode("utf-8")),
                      "newlines": text.count("\n")}), flush=True)
    events_seconds = _time_events_stage()
    start = time.perf_counter()
    found = extract(Article(text=text, path=f"{size_mb} MB"))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "events": events_seconds[0], "quotes": len(found.quotes),
                      "peak": _rss_mb(field="VmHWM")}), flush=True)


def _time_events_stage() -> list[float]:
    """The events stage's share of ``extract()``: ``find_said_events`` timed where extract() looks it up."""
    from docstore.extract import events

    spent = [0.0]
    inner = events.find_said_events

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    events.find_said_events = timed  # type: ignore[assignment]
    return spent


def run(size_mb: float, layout: str, timeout: float, texts: list[str]) -> dict:
    """The child's report, with its peak RSS watched from outside (so a killed run has one too)."""
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(size_mb), layout, *texts],
                            stdout=subprocess.PIPE, text=True)
    lines: list[dict] = []
    reader = threading.Thread(target=lambda: lines.extend(json.loads(x) for x in proc.stdout), daemon=True)  # type: ignore[union-attr]
    reader.start()
    peak, started = 0.0, None
    deadline = None
    while proc.poll() is None:
        if lines:  # after the models: the child has reset its high-water mark
            peak = max(peak, _rss_mb(str(proc.pid), "VmHWM"))
        if started is None and lines:
            started = time.monotonic()
            deadline = started + timeout
        if deadline is not None and time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            return {**lines[0], "seconds": None, "peak": peak, "killed": time.monotonic() - started}
        time.sleep(0.2)
    reader.join(5)
    out: dict = {}
    for line in lines:
        out.update(line)
    out["peak"] = max(out.get("peak", 0.0), peak)
    if "seconds" not in out:
        out["error"] = f"exit code {proc.returncode}"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.1, 0.4, 1.6, 5.0], help="article sizes, MB")
    ap.add_argument("--layouts", nargs="+", choices=LAYOUTS, default=list(LAYOUTS))
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds one extraction may take")
    ap.add_argument("--texts", nargs="+", default=[], help="files or folders of articles (default: the seeds)")
    ap.add_argument("--child", nargs="+", metavar="SIZE LAYOUT [TEXT]", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(float(args.child[0]), args.child[1], args.child[2:])
        return
    print(f"{'layout':10} {'MB':>5} {'newlines':>8} {'seconds':>9} {'s/MB':>7} {'events s':>8} {'ev s/MB':>7} {'quotes':>6} "
          f"{'peak RSS':>9} {'after models':>12}")
    for layout in args.layouts:
        slow = None
        for size in sorted(args.sizes):
            head = f"{layout:10} {size:5g}"
            if slow is not None:
                print(f"{head} {'':8} skipped: {slow:g} MB took over {args.timeout:g} s")
                continue
            r = run(size, layout, args.timeout, args.texts)
            mb = r.get("bytes", size * 2**20) / 2**20
            rss = f"{r['peak']:7.0f} MB {r.get('rss', 0):9.0f} MB"
            if r.get("seconds") is None:
                why = r.get("error") or f"> {args.timeout:g} s (killed)"
                print(f"{head} {r.get('newlines', ''):>8} {why:>17} {'':6} {rss}")
                slow = size
                continue
            print(f"{head} {r['newlines']:8} {r['seconds']:9.1f} {r['seconds'] / mb:7.1f} {r['events']:8.2f} "
                  f"{r['events'] / mb:7.2f} {r['quotes']:6} {rss}")


if __name__ == "__main__":
    main()
