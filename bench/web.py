"""Web bench, run by hand: how long `docstore serve`'s pages take at 100,000 generated articles.

    python bench/web.py                                       # the seeds' paragraphs, a temporary database
    python bench/web.py seeds ../shared/devset/docs --db /tmp/bench-web.db --runs 3   # generates once, reuses

1. The corpus: bench/search.py's generator (articles of shuffled paragraphs, written with
   their index), then quotes cut from their sentences — 1 to 6 an article, each with its
   offsets, a speaker drawn from 2,000 with a Zipf-like share (the first is «Касым-Жомарт
   Токаев») and, for one in five, an event — written with their index and speaker counts.
2. The pages, through Datasette's own client in this process (the ASGI app `docstore serve`
   runs, without the socket: a loopback request adds about a millisecond), each timed after
   one warm-up: the search page (`/-/search?q=`, articles and quotes, 20 of each with
   snippets) for the 50 queries bench/search.py times; `?_search=` on the Quotes and Articles
   views (the page with its count and facets, and its JSON); an article, a speaker; the
   landing views; the canned queries. Median, p95 and max in ms.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docstore import fts, lemmas  # noqa: E402
from docstore.config import seeds_dir  # noqa: E402
from docstore.db import open_db  # noqa: E402
from docstore.ingest import iter_files  # noqa: E402

SPEAKERS = 2_000
SENTENCE = re.compile(r"[^.!?…]{40,300}[.!?…]")


def _bench_search():  # noqa: ANN202 - bench/search.py, a script beside this one
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def add_quotes(db: Path, seed: int = 11) -> int:
    """Quotes for the articles that have none: sentences of their text, with speakers and some events."""
    from sqlalchemy import text

    rnd = random.Random(seed)
    engine = open_db(str(db))
    with engine.begin() as conn:
        if not conn.execute(text("SELECT count(*) FROM speakers")).scalar():
            names = ["Касым-Жомарт Токаев"] + [f"Спикер Номер{i}ов" for i in range(1, SPEAKERS)]
            conn.execute(text("INSERT INTO speakers (id, name, key, kind, quote_count) VALUES (:id, :n, :k, 'person', 0)"),
                         [{"id": i + 1, "n": n, "k": n.lower()} for i, n in enumerate(names)])
            conn.execute(text("INSERT INTO speaker_aliases (speaker_id, alias, key, kind) VALUES (:s, :a, :k, 'name')"),
                         [{"s": i + 1, "a": n.split()[-1], "k": n.split()[-1].lower()} for i, n in enumerate(names)])
            conn.execute(text("INSERT INTO events (id, name, key, kind, date, location, location_key) VALUES"
                              " (:id, :n, :n, 'заседание', :d, 'Астана', 'астана')"),
                         [{"id": i, "n": f"заседание коллегии номер {i}", "d": f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}"}
                          for i in range(1, 5001)])
        last = conn.execute(text("SELECT coalesce(max(document_id), 0) FROM quotes")).scalar()
    weights = [1 / (rank + 1) for rank in range(SPEAKERS)]
    added, next_id = 0, None
    while True:
        with engine.begin() as conn:
            docs = conn.execute(text("SELECT id, text FROM documents WHERE id > :last ORDER BY id LIMIT 2000"),
                                {"last": last}).all()
            if not docs:
                break
            if next_id is None:
                next_id = (conn.execute(text("SELECT max(id) FROM quotes")).scalar() or 0) + 1
            rows = []
            for doc_id, body in docs:
                spans = [m.span() for m in SENTENCE.finditer(body)]
                for start, end in sorted(rnd.sample(spans, min(len(spans), rnd.randint(1, 6)))):
                    rows.append({"id": next_id, "d": doc_id, "s": rnd.choices(range(1, SPEAKERS + 1), weights)[0],
                                 "t": body[start:end], "k": rnd.choice(("direct", "indirect", "partial")),
                                 "a": start, "b": end, "e": rnd.randint(1, 5000) if rnd.random() < 0.2 else None})
                    next_id += 1
            conn.execute(text('INSERT INTO quotes (id, document_id, speaker_id, text, kind, start, "end", event_id)'
                              " VALUES (:id, :d, :s, :t, :k, :a, :b, :e)"), rows)
            fts.put(conn, "quotes", [{"id": r["id"], "text": lemmas.lemma_text(r["t"])} for r in rows])
            last, added = docs[-1][0], added + len(rows)
            print(f"\r  quotes for articles up to {last}: {added}", end="", file=sys.stderr)
    with engine.begin() as conn:
        conn.execute(text("UPDATE speakers SET quote_count = (SELECT count(*) FROM quotes WHERE speaker_id = speakers.id)"))
        conn.execute(text("ANALYZE"))
    print(file=sys.stderr)
    engine.dispose()
    return added


async def _time(client, paths: list[str]) -> list[float]:  # noqa: ANN001
    await client.get(paths[0])  # warm-up: pymorphy3 loads, caches fill
    took = []
    for path in paths:
        t = time.perf_counter()
        response = await client.get(path)
        took.append((time.perf_counter() - t) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}: {response.text[:300]}")
    return took


async def pages(db: Path, words: list[str], stats: Callable[[list[float]], str]) -> None:
    from docstore.web import server

    ds = server.make(str(db))
    name = db.stem
    client = ds.client
    top = (await client.get(f"/{name}/speakers.json?_shape=array&_size=1")).json()[0]
    docs = (await client.get(f"/{name}.json?sql=select+count(*)+as+n+from+documents&_shape=array")).json()[0]["n"]
    n_quotes = (await client.get(f"/{name}.json?sql=select+count(*)+as+n+from+quotes&_shape=array")).json()[0]["n"]
    ids = random.Random(3).sample(range(1, docs + 1), 20)
    q = [quote(w) for w in words]
    cases = {
        "search page /-/search?q=": [f"/{name}/-/search?q={w}" for w in q],
        "Quotes view ?_search= (page)": [f"/{name}/quote_rows?_search={w}" for w in q[:20]],
        "Quotes view ?_search= (.json)": [f"/{name}/quote_rows.json?_search={w}" for w in q[:20]],
        "Articles view ?_search= (page)": [f"/{name}/document_rows?_search={w}" for w in q[:20]],
        "article page": [f"/{name}/-/article/{i}" for i in ids],
        f"speaker page (top: {top['quote_count']} quotes)": [f"/{name}/-/speaker/{top['id']}"] * 5,
        "front page /": ["/"] * 5,
        "Quotes view, no search": [f"/{name}/quote_rows"] * 3,
        "Speakers view": [f"/{name}/speakers"] * 5,
        "canned: a speaker's quotes on a word": [f"/{name}/speaker_quotes_on_word?speaker=Токаева&words={w}"
                                                 for w in q[:10]],
        "canned: who said most about a word": [f"/{name}/most_quoted_on_word?words={w}&since=2016&until=2019-06"
                                               for w in q[:10]],
        "canned: who spoke at an event": [f"/{name}/who_spoke_at_event?event={quote('заседании коллегии номер 7')}"]
        * 3,
    }
    print(f"pages over {docs} articles and {n_quotes} quotes (ms, in-process ASGI, after a warm-up):")
    for label, paths in cases.items():
        print(f"  {label:45} {stats(await _time(client, paths))}   ({len(paths)} requests)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("texts", nargs="*", type=Path, help="files or folders of articles (default: the bundled seeds)")
    ap.add_argument("--docs", type=int, default=100_000, help="articles in the corpus")
    ap.add_argument("--db", type=Path, help="database (default: a temporary file); one that exists is filled "
                    "up to --docs articles, then reused")
    ap.add_argument("--runs", type=int, default=1, help="time the pages this many times")
    args = ap.parse_args()
    search = _bench_search()
    paths = [p for p in iter_files(args.texts or [seeds_dir()]) if isinstance(p, Path)]
    db = args.db or Path(tempfile.mkdtemp(prefix="docstore-bench-")) / "web.db"
    if (missing := args.docs - search._documents(db)) > 0:
        took = search.generate(paths, db, missing)
        print(f"generated {missing} articles in {took:.0f} s")
    print(f"added {add_quotes(db)} quotes")
    words = search._queries(paths, random.Random(7))
    for _ in range(args.runs):
        asyncio.run(pages(db, words, search._stats))


if __name__ == "__main__":
    main()
