#!/usr/bin/env python3
"""Query latency at 1,000,000 quotes, whole-command wall time against sqlite-utils, lemmas per second.

    python bench/queries.py [--quotes 1000000] [--backends sqlite postgresql] [--parts latency commands lemmas]
                            [--keep DIR]

1. Rows generated directly through the models (SQLAlchemy Core inserts into the models'
   tables): 20,000 documents, 5,000 speakers with aliases, --quotes quotes, a Zipf-like
   share per speaker; «Касым-Жомарт Токаев» (alias «Токаев») says 1 in 20. Timed inside
   the process, median of 30 after a warm-up: `quotes --speaker Токаев --limit 20`
   (resolve the name, then the rows), and `speakers` (every speaker with its count, and
   the first 20). PostgreSQL: a throw-away cluster (tests/pgserver.py).
2. Whole commands, start-up included, median of 7 runs of each, in turn (wall time, and CPU
   time: on a shared machine the steadier figure): `docstore --help` against `sqlite-utils --help`;
   `docstore quotes --speaker Токаев --limit 20 -f json` against the same rows through
   `sqlite-utils query` on the same SQLite file, and both as tables (`--table`).
3. Lemmatisation words/s over the seeds' words (repeated): pymorphy3 with its pure-Python
   DAWG reader, with the C one (`pymorphy3[fast]`), and docstore.lemmas (C reader + LRU cache).
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BATCH = 20_000
PARTS = ("latency", "commands", "lemmas")


def populate(url: str, n_quotes: int, n_docs: int = 20_000, n_speakers: int = 5_000, seed: int = 3) -> float:
    from collections import Counter

    from sqlalchemy import bindparam, insert, update

    from docstore.check import Check, quote_counts
    from docstore.db import open_db, session
    from docstore.models import Document, Quote, Speaker, SpeakerAlias
    from docstore.names import fold

    rnd = random.Random(seed)
    engine = open_db(url)
    t0 = time.perf_counter()
    base = datetime(2015, 1, 1)
    with session(engine) as s:
        s.execute(insert(Document), [
            {"id": i, "content_hash": f"{i:064x}", "path": f"gen/{i}.txt", "file_name": f"{i:06d}.txt",
             "title": f"Новость {i}", "text": "Текст новости. " * 40,
             "published": base + timedelta(hours=i), "loaded_at": base} for i in range(1, n_docs + 1)])
        speakers = [{"id": 1, "name": "Касым-Жомарт Токаев", "key": "касым-жомарт токаев", "kind": "person"}]
        speakers += [{"id": i, "name": f"Иван Петров{i}", "key": f"иван петров{i}", "kind": "person"}
                     for i in range(2, n_speakers + 1)]
        s.execute(insert(Speaker), speakers)
        aliases = [{"speaker_id": sp["id"], "alias": a, "key": fold(a), "kind": "name"}
                   for sp in speakers for a in (sp["name"], sp["name"].split()[-1])]
        s.execute(insert(SpeakerAlias), aliases)
        s.commit()
        weights = [1 / (r + 1) for r in range(n_speakers - 1)]
        others = list(range(2, n_speakers + 1))
        qid, said = 0, Counter()
        while qid < n_quotes:
            rows = []
            for _ in range(min(BATCH, n_quotes - qid)):
                qid += 1
                speaker = 1 if rnd.random() < 0.05 else rnd.choices(others, weights)[0]
                said[speaker] += 1
                start = rnd.randint(0, 500)
                rows.append({"id": qid, "document_id": rnd.randint(1, n_docs), "speaker_id": speaker,
                             "text": "Цитата номер %d" % qid, "kind": "direct", "start": start,
                             "end": start + 15, "verb": "сказать"})
            s.execute(insert(Quote), rows)
            s.commit()
            print(f"\r  {qid}/{n_quotes} quotes", end="", file=sys.stderr)
        # what the store keeps on each speaker row when it writes quotes (`docstore check` compares)
        s.execute(update(Speaker.__table__).where(Speaker.__table__.c.id == bindparam("sid"))
                  .values(quote_count=bindparam("n")), [{"sid": sid, "n": n} for sid, n in said.items()])
        s.commit()
    print(file=sys.stderr)
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
        counts = Check("speaker quote counts")
        quote_counts(conn, counts)
        assert counts.ok, counts.problems
    engine.dispose()
    return time.perf_counter() - t0


def _median_ms(fn, runs: int = 30) -> float:
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def latency(url: str) -> dict[str, float]:
    from docstore import queries
    from docstore.db import open_db, session

    engine = open_db(url)
    with session(engine) as s:
        def by_speaker() -> None:
            sp = queries.resolve_speaker(s, "Токаев")
            assert len(queries.quotes(s, speaker_id=sp.id, limit=20)) == 20
            s.rollback()

        def everyone() -> None:
            queries.speakers(s)
            s.rollback()

        def first20() -> None:
            queries.speakers(s, limit=20)
            s.rollback()

        out = {"quotes --speaker Токаев --limit 20": _median_ms(by_speaker),
               "speakers (all 5,000)": _median_ms(everyone, 10), "speakers --limit 20": _median_ms(first20, 10)}
    engine.dispose()
    return out


def _run(cmd: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of a command, in ms."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = (time.perf_counter() - t) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000


def _compare(label: str, ours: list[str], theirs: list[str], their_label: str, runs: int = 7) -> None:
    """Medians of both commands, run in turn (a load that comes and goes on a shared machine hits
    both alike); on such a machine the CPU time is the steadier figure."""
    mine, other = [], []
    for _ in range(runs):
        mine.append(_run(ours))
        other.append(_run(theirs))
    (w1, c1), (w2, c2) = ([statistics.median(x) for x in zip(*runs_)] for runs_ in (mine, other))
    print(f"  {label}: {w1:.0f} ms (CPU {c1:.0f}), {their_label}: {w2:.0f} ms (CPU {c2:.0f}): "
          f"{w1 / w2:.2f}× (CPU {c1 / c2:.2f}×)")


def commands(db: Path) -> None:
    bindir = Path(sys.executable).parent
    docstore, sqlite_utils = str(bindir / "docstore"), str(bindir / "sqlite-utils")
    _compare("docstore --help", [docstore, "--help"], [sqlite_utils, "--help"], "sqlite-utils --help")
    sql = ("SELECT q.text, s.name AS speaker, q.kind, d.file_name, d.title, d.published FROM quotes q "
           "JOIN speakers s ON s.id = q.speaker_id JOIN documents d ON d.id = q.document_id "
           "WHERE q.speaker_id = (SELECT speaker_id FROM speaker_aliases WHERE key = 'токаев' LIMIT 1) "
           "ORDER BY q.document_id, q.start LIMIT 20")
    quotes = [docstore, "--db", str(db), "quotes", "--speaker", "Токаев", "--limit", "20"]
    _compare("docstore quotes --speaker Токаев --limit 20 -f json", [*quotes, "-f", "json"],
             [sqlite_utils, "query", str(db), sql], "sqlite-utils query")
    # the same as tables (Rich against tabulate), what a person at a terminal waits for
    _compare("docstore quotes --speaker Токаев --limit 20", quotes,
             [sqlite_utils, "query", str(db), sql, "--table"], "sqlite-utils query --table")


LEMMAS = """
import sys, time
if sys.argv[1] == "pure":
    sys.modules["dawg"] = None  # pymorphy3 falls back to DAWG-Python
import pymorphy3
from pathlib import Path
from docstore import lemmas
words = [w for p in sorted(Path(sys.argv[2]).glob("*.txt")) for w in lemmas.WORD.findall(p.read_text())] * 4
morph = pymorphy3.MorphAnalyzer()
if sys.argv[1] == "cached":
    lemmas.morph.cache_clear(); lemmas.morph = lambda: morph
    f = lemmas.term
else:
    f = lambda w: morph.parse(w.lower())[0].normal_form
t = time.perf_counter()
for w in words:
    f(w)
print(f"{len(words) / (time.perf_counter() - t):.0f}")
"""


def lemmatisation() -> None:
    from docstore.config import seeds_dir

    for mode, label in (("pure", "pymorphy3, pure-Python DAWG"), ("fast", "pymorphy3[fast], C DAWG"),
                        ("cached", "docstore.lemmas: C DAWG + LRU cache")):
        out = subprocess.run([sys.executable, "-c", LEMMAS, mode, str(seeds_dir())], capture_output=True, text=True,
                             check=True, cwd=ROOT)
        print(f"  {label:40} {int(out.stdout):>9,} words/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    ap.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="keep the generated SQLite database in DIR/q.db, and use it when it is there already "
                         "(default: a temporary folder, removed at the end)")
    a = ap.parse_args()
    tmp = a.keep or Path(tempfile.mkdtemp(prefix="docstore-queries-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        if "lemmas" in a.parts:
            print("lemmatisation (seed words, each 4 times):")
            lemmatisation()
        sqlite_db = tmp / "q.db"
        for backend in a.backends if {"latency", "commands"} & set(a.parts) else []:
            if backend == "postgresql" and "latency" not in a.parts:
                continue
            cluster = None
            if backend == "postgresql":
                from tests import pgserver

                cluster = pgserver.start()
                url = cluster.create_database("bench")
            else:
                url = str(sqlite_db)
            try:
                if backend == "sqlite" and a.keep and sqlite_db.exists():
                    print(f"{backend}: the database in {sqlite_db}")
                else:
                    took = populate(url, a.quotes)
                    print(f"{backend}: {a.quotes:,} quotes generated in {took:.0f} s")
                if "latency" in a.parts:
                    for what, ms in latency(url).items():
                        print(f"  {what:40} {ms:7.1f} ms (median, in process)")
            finally:
                if cluster:
                    cluster.stop()
        if "sqlite" in a.backends and "commands" in a.parts:
            print("whole commands (start-up included, median of 7; CPU: user + system of the process):")
            commands(sqlite_db)
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
