"""Search bench, run by hand: recall of lemma search, latency on a generated corpus, index size.

    python bench/search.py                              # the bundled seeds, 100,000 generated articles
    python bench/search.py ../shared/devset/docs --docs 20000 --db /tmp/bench.db
    python bench/search.py seeds ../shared/devset/docs --db /tmp/bench.db --runs 5   # again, reusing it

(1) Recall. For every lemma of a content word in the texts, each inflected form found
    in the texts must find every text holding any form of that lemma. Two readings:
    «index»: a form belongs to the lemma docstore's lemmatiser gives it (checks the whole
    path: tokenising, lemmas, query, FTS5); «lexeme»: a form belongs to every lemma
    pymorphy3 admits for it («стали» to both «стать» and «сталь») — the price of indexing
    one parse per word.
(2) Latency and size. The texts' paragraphs are shuffled into --docs articles (numbers
    and dates varied), written with executemany; ~50 varied queries are timed inside the
    process (after one warm-up), median and p95; then the index's bytes vs the text's.
Texts are read where they are; nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docstore import fts, lemmas, queries  # noqa: E402
from docstore.config import seeds_dir  # noqa: E402
from docstore.db import open_db, session  # noqa: E402
from docstore.extract.extraction import Extraction  # noqa: E402
from docstore.ingest import iter_files, read_file  # noqa: E402
from docstore.store import store_extraction  # noqa: E402

CONTENT = {"NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "ADVB"}


def _content(word: str) -> bool:
    """A content word: a noun, adjective, verb form or adverb, or a word pymorphy3 does not know."""
    if not re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", word) or len(word) < 2:
        return False
    p = lemmas.morph().parse(word.lower())[0]
    return not p.is_known or p.tag.POS in CONTENT


def recall(paths: list[Path], db: Path) -> None:
    articles = [read_file(p) for p in paths]
    engine = open_db(str(db))
    with session(engine) as s:
        for a in articles:
            store_extraction(s, a, Extraction())
    docs_of_form: dict[str, set[str]] = {}
    for a in articles:
        for m in lemmas.WORD.finditer(f"{a.title or ''}\n{a.text}"):
            if _content(m.group()):
                docs_of_form.setdefault(m.group().lower(), set()).add(a.path)
    by_term: dict[str, set[str]] = {}
    by_lexeme: dict[str, set[str]] = {}
    for form in docs_of_form:
        by_term.setdefault(lemmas.term(form), set()).add(form)
        for p in lemmas.morph().parse(form):
            if p.tag.POS in CONTENT or not p.is_known:
                by_lexeme.setdefault(lemmas.fold(p.normal_form), set()).add(form)
    found: dict[str, set[str]] = {}
    with session(engine) as s:
        for form in docs_of_form:
            found[form] = {r["file"] for r in queries.search(s, form, limit=None)}
    engine.dispose()
    names = {a.path: Path(a.path).name for a in articles}

    def score(groups: dict[str, set[str]]) -> tuple[int, int, int, int, list[str]]:
        ok_lemmas = ok_forms = n_forms = 0
        missed = []
        for lemma, forms in groups.items():
            want = {names[d] for f in forms for d in docs_of_form[f]}
            good = [want <= found[f] for f in forms]
            ok_forms += sum(good)
            n_forms += len(good)
            if all(good):
                ok_lemmas += 1
            else:
                missed.append(f"{lemma} ({', '.join(f for f, g in zip(forms, good) if not g)})")
        return ok_lemmas, len(groups), ok_forms, n_forms, missed

    print(f"recall over {len(articles)} texts, {len(docs_of_form)} content word forms")
    for label, groups in (("index", by_term), ("lexeme", by_lexeme)):
        ok, n, okf, nf, missed = score(groups)
        print(f"  {label:6} lemmas {ok}/{n} = {100 * ok / n:.1f} %   forms {okf}/{nf} = {100 * okf / nf:.1f} %")
        if missed:
            print("         missed e.g.: " + "; ".join(sorted(missed)[:8]))


def _paragraphs(paths: list[Path]) -> tuple[list[str], list[str]]:
    titles, paras = [], []
    for p in paths:
        a = read_file(p)
        titles.append(a.title or a.text[:80])
        paras += [x.strip() for x in re.split(r"\n\s*\n|\n", a.text) if len(x.split()) >= 5]
    return titles, paras


def generate(paths: list[Path], db: Path, n: int, seed: int = 5) -> float:
    """Write n articles of shuffled paragraphs straight into documents and their index."""
    from sqlalchemy import text

    rnd = random.Random(seed)
    titles, paras = _paragraphs(paths)
    lemma_paras = [lemmas.lemma_text(p) for p in paras]
    engine = open_db(str(db))
    start = time.perf_counter()
    base = datetime(2015, 1, 1)
    batch, fts_batch = [], []
    with engine.begin() as conn:
        first = (conn.execute(text("SELECT max(id) FROM documents")).scalar() or 0) + 1
    for i in range(n):
        k = rnd.randint(3, min(10, len(paras)))
        chosen = rnd.sample(range(len(paras)), k)
        year = str(rnd.randint(1990, 2030))
        body = "\n\n".join(re.sub(r"\b(19|20)\d\d\b", year, paras[j]) for j in chosen)
        body = re.sub(r"\b\d{1,2}\b", lambda m: str(rnd.randint(1, 99)), body)
        title = rnd.choice(titles)
        doc_id = first + i
        batch.append({"id": doc_id, "h": hashlib.sha256(f"{doc_id}:{body}".encode()).hexdigest(),
                      "path": f"gen/{doc_id}.txt", "file": f"{doc_id:06d}.txt", "title": title, "text": body,
                      "published": (base + timedelta(minutes=rnd.randint(0, 10 * 365 * 24 * 60))).isoformat(" ")})
        # Lemmas per paragraph (numbers are their own terms), as the loader would produce.
        fts_batch.append({"id": doc_id, "title": lemmas.lemma_text(title), "text": lemmas.lemma_text(body)})
        if len(batch) == 2000 or i == n - 1:
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO documents (id, content_hash, path, file_name, title, published, text,"
                                  " loaded_at) VALUES (:id, :h, :path, :file, :title, :published, :text,"
                                  " CURRENT_TIMESTAMP)"), batch)
                fts.put(conn, "documents", fts_batch)  # as the loader writes the index
            batch, fts_batch = [], []
            print(f"\r  generated {i + 1}/{n}", end="", file=sys.stderr)
    print(file=sys.stderr)
    del lemma_paras
    engine.dispose()
    return time.perf_counter() - start


def _queries(paths: list[Path], rnd: random.Random, n: int = 50) -> list[str]:
    _, paras = _paragraphs(paths)
    words = [w for p in paras for w in lemmas.WORD.findall(p) if _content(w) and len(w) > 3]
    out = [rnd.choice(words) for _ in range(n * 5 // 10)]  # single forms, frequent and rare
    out += [f"{rnd.choice(words)} {rnd.choice(words)}" for _ in range(n * 2 // 10)]  # AND
    for _ in range(n // 10):  # phrases of two neighbouring words
        p = lemmas.WORD.findall(rnd.choice(paras))
        i = rnd.randrange(len(p) - 1)
        out.append(f'"{p[i]} {p[i + 1]}"')
    out += [f"{rnd.choice(words)} OR {rnd.choice(words)}" for _ in range(n // 10)]
    out += [f"{rnd.choice(words)} -{rnd.choice(words)}" for _ in range(n - len(out))]
    return out


def latency(paths: list[Path], db: Path, stdlib: bool = False) -> None:
    """Time the queries; ``stdlib``: through Python's own sqlite3 (the system's SQLite) instead of docstore's driver."""
    from docstore.dialects import sqlite as dialect

    driver = dialect.driver
    if stdlib:
        import sqlite3

        dialect.driver = lambda: sqlite3
    try:
        _latency(paths, db)
    finally:
        dialect.driver = driver


def _latency(paths: list[Path], db: Path) -> None:
    rnd = random.Random(7)
    qs = _queries(paths, rnd)
    engine = open_db(str(db), read_only=True)
    times, cpu, hits = {"plain": [], "--since": []}, {"plain": [], "--since": []}, []
    with session(engine) as s:
        queries.search(s, "полиция", limit=20)  # warm-up: pymorphy3 loads, caches fill
        for q in qs:
            for label, kw in (("plain", {}), ("--since", {"since": date(2020, 1, 1)})):
                t, c = time.perf_counter(), time.process_time()
                rows = queries.search(s, q, limit=20, **kw)
                times[label].append((time.perf_counter() - t) * 1000)
                cpu[label].append((time.process_time() - c) * 1000)
                if label == "plain":
                    hits.append(len(rows))
        total = s.execute(__import__("sqlalchemy").text("SELECT count(*) FROM documents")).scalar()
    engine.dispose()
    # Wall-clock time is what a user waits; this process's CPU time is steadier when others share the cores.
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    load += f", a 10M-step Python loop {_loop_seconds():.2f} s"
    version = engine.dialect.dbapi.sqlite_version
    print(f"latency over {total} documents, {len(qs)} queries (limit 20, snippets included{load}, SQLite {version}):")
    for label, ts in times.items():
        print(f"  {label:8} {_stats(ts)}   (CPU: {_stats(cpu[label])})")
    print(f"  queries with results: {sum(h > 0 for h in hits)}/{len(hits)}")


def _loop_seconds() -> float:
    """This machine's speed just now: its cores' speed changes from hour to hour, and with it every figure."""
    t, x = time.perf_counter(), 0
    for i in range(10_000_000):
        x += i
    return time.perf_counter() - t


def _stats(ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)]
    return f"median {statistics.median(ms):5.1f} ms  p95 {p95:5.1f} ms  max {ms[-1]:5.1f} ms"


def size(db: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(db)
    text_bytes = conn.execute("SELECT sum(length(CAST(text AS BLOB)) + coalesce(length(CAST(title AS BLOB)), 0))"
                              " FROM documents").fetchone()[0]
    pages = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    conn.close()
    parts = {k: v for k, v in pages.items() if k.startswith("documents_fts")}
    # The lemma strings: FTS5's own copy before migration 0006, the compressed one beside it since.
    content = parts.get("documents_fts_content", 0) + parts.get("documents_fts_terms", 0)
    index = sum(parts.values()) - content
    dates = pages.get("ix_documents_id_published", 0)
    mb = 1 << 20
    print(f"size: text (UTF-8, title + body) {text_bytes / mb:.1f} MB; documents table {pages['documents'] / mb:.1f} MB")
    print(f"  full-text index {(index + content) / mb:.1f} MB = {(index + content) / text_bytes:.2f}× the text"
          f"  (inverted index {index / mb:.1f} MB = {index / text_bytes:.2f}×,"
          f" stored lemma strings {content / mb:.1f} MB = {content / text_bytes:.2f}×)")
    if dates:
        print(f"  (id, published) index for date filters {dates / mb:.1f} MB = {dates / text_bytes:.3f}×")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("texts", nargs="*", type=Path, help="files or folders of articles (default: the bundled seeds)")
    ap.add_argument("--docs", type=int, default=100_000, help="articles to generate for latency (0: skip)")
    ap.add_argument("--db", type=Path, help="database for the generated corpus (default: a temporary file); "
                    "one that exists is upgraded and filled up to --docs articles, then reused")
    ap.add_argument("--runs", type=int, default=1, help="time the queries this many times (each run in a new connection)")
    ap.add_argument("--stdlib", action="store_true", help="in each run, time them through Python's own sqlite3 too")
    args = ap.parse_args()
    paths = [p for p in iter_files(args.texts or [seeds_dir()]) if isinstance(p, Path)]  # not what cannot be read
    tmp = Path(tempfile.mkdtemp(prefix="docstore-bench-"))
    t = time.perf_counter()
    recall(paths, tmp / "recall.db")
    print(f"  ({time.perf_counter() - t:.1f} s)")
    if args.docs:
        db = args.db or tmp / "latency.db"
        if (missing := args.docs - _documents(db)) > 0:
            took = generate(paths, db, missing)
            print(f"generated {missing} articles in {took:.0f} s ({missing / took:.0f} docs/s, lemmas included)")
        else:
            print(f"{db} holds {args.docs} articles or more already: timing those")
        for _ in range(args.runs):
            latency(paths, db)
            if args.stdlib:
                latency(paths, db, stdlib=True)
        size(db)


def _documents(db: Path) -> int:
    """How many documents an existing database holds (brought to the newest schema first)."""
    if not db.exists():
        return 0
    from sqlalchemy import text

    engine = open_db(str(db))
    with engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM documents")).scalar()
    engine.dispose()
    return n


if __name__ == "__main__":
    main()
