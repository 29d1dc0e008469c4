"""Stored documents -> the current extractor's rows: no files needed, the texts are in the database.

Each document is read from the database, extracted again (in worker processes with ``jobs`` > 1,
the loader's pool: models loaded once per worker) and written back by ``store.reextract_batch``,
up to ``BATCH`` documents a transaction (or what is ready after ``BATCH_SECONDS``): quotes
unchanged keep their ids, the corrections in force are re-applied, and each document is stamped
with ``EXTRACTOR_VERSION``. A run killed at any moment (even with SIGKILL) leaves every document
either as it was or wholly re-extracted and stamped — it loses at most the batch being written —
so ``--older`` after it goes on with the rest.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, func, select

from docstore.extract import version
from docstore.ingest import Article
from docstore.loader import (
    BATCH_SECONDS,
    INFLIGHT_PER_JOB,
    _reason,
    extract_in_worker,
    retrying,
    sigterm_as_interrupt,
    stop,
    worker_pool,
)
from docstore.schema import documents

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from docstore.extract import Extraction
    from docstore.store import LoadResult


@dataclass
class Summary:
    """What a re-extraction changed: quotes added, removed, and kept but said by another speaker now."""

    documents: int = 0
    failed: int = 0
    added: int = 0
    removed: int = 0
    reattributed: int = 0
    failures: list[str] = field(default_factory=list)
    interrupted: bool = False
    storage: str | None = None  # the storage failed (a full disk): stopped there

    def settle(self, result: LoadResult) -> None:
        self.documents += 1
        self.added += result.added
        self.removed += result.removed
        self.reattributed += result.reattributed


def chosen(conn: Connection, everything: bool) -> list[int]:
    """The ids of the documents to re-extract, in id order: all, or those another (or no known) extractor made."""
    stmt = select(documents.c.id).order_by(documents.c.id)
    if not everything:
        stamp = documents.c.extractor_version
        stmt = stmt.where(stamp.is_(None) | (stamp != str(version.EXTRACTOR_VERSION)))
    return list(conn.scalars(stmt))


def older_among(conn: Connection, doc_ids: list[int], chunk: int = 500) -> int:
    """How many of these documents another (or an unknown) extractor version produced."""
    col = documents.c.extractor_version
    stale = col.is_(None) | (col != str(version.EXTRACTOR_VERSION))
    return sum(conn.scalar(select(func.count()).where(documents.c.id.in_(doc_ids[i:i + chunk]), stale)) or 0
               for i in range(0, len(doc_ids), chunk))


_DOCUMENT = select(documents).where(documents.c.id == bindparam("doc_id"))


def article_of(conn: Connection, doc_id: int) -> Article:
    """A stored document as the extractor takes it."""
    d = conn.execute(_DOCUMENT, {"doc_id": doc_id}).one()
    return Article(text=d.text, path=d.path, title=d.title, published=d.published, site=d.site, section=d.section,
                   url=d.url, author=d.author, encoding=d.encoding)


def write(engine: Engine, items: list[tuple[Article, Extraction]],
          first: Callable[[Connection], Iterable[int]] | None = None) -> list[LoadResult]:
    """The documents' new rows in one retried transaction (``store.reextract_batch``)."""
    from docstore.db import session
    from docstore.store import reextract_batch

    def attempt() -> list[LoadResult]:
        with session(engine) as s:
            return reextract_batch(s, items, first)

    return retrying(attempt)  # type: ignore[arg-type,return-value]


# Documents written per transaction: one commit and one re-application of the corrections for several, so
# that the one writer keeps up with the workers (each alone: 0.89× load's speed at 10,000 documents).
BATCH = 16


def run(engine: Engine, doc_ids: Iterable[int], extract: Callable[[Article], Extraction], jobs: int = 1,
        on_document: Callable[[str], None] = lambda label: None,
        on_error: Callable[[str], None] = lambda line: None) -> Summary:
    """Re-extract the documents in id order, ``BATCH`` to a transaction; Ctrl-C or SIGTERM stops between or
    inside batches (a document is replaced whole or not at all; the ones extracted but not yet written stay
    older). A document whose extraction or
    rows fail is reported and the others go on; a storage failure (a full disk) stops the run."""
    from docstore import dialects

    summary = Summary()
    pool = worker_pool(extract, jobs) if jobs > 1 else None
    pending: deque[tuple[Article, Any]] = deque()
    ready: list[tuple[Article, Extraction]] = []
    last_write = time.monotonic()

    def failed(article: Article, exc: Exception) -> None:
        if (why := dialects.storage_failure(exc)) is not None:
            summary.storage = why
            raise exc
        line = f"{article.path}: {_reason(exc)}"
        summary.failed += 1
        summary.failures.append(line)
        on_error(line)

    def flush() -> None:
        """The extracted documents ready, in one transaction; if that fails, each alone, so that one
        document's bad rows cost only that document."""
        nonlocal last_write
        items = list(ready)
        ready.clear()
        last_write = time.monotonic()
        try:
            done = list(zip(items, write(engine, items)))
        except Exception as exc:
            if len(items) == 1 or dialects.storage_failure(exc) is not None:
                failed(items[0][0], exc)
                return
            done = []
            for item in items:
                try:
                    done.append((item, write(engine, [item])[0]))
                except Exception as one:
                    failed(item[0], one)
        for (article, _), result in done:
            summary.settle(result)
            on_document(Path(article.path).name or article.title or "")

    def settle() -> None:
        article, job = pending.popleft()
        try:
            ready.append((article, job.result() if pool is not None else extract(article)))
        except Exception as exc:
            failed(article, exc)
        if len(ready) >= BATCH or ready and time.monotonic() - last_write >= BATCH_SECONDS:
            flush()

    try:
        with sigterm_as_interrupt(), engine.connect() as conn:
            for doc_id in doc_ids:
                article = article_of(conn, doc_id)
                conn.rollback()  # no read transaction held open while writing
                pending.append((article, pool.submit(extract_in_worker, article) if pool is not None else None))
                while len(pending) > (INFLIGHT_PER_JOB * jobs if pool is not None else 0):
                    settle()
            while pending:
                settle()
            if ready:
                flush()
    except KeyboardInterrupt:
        summary.interrupted = True
    except Exception:
        if summary.storage is None:
            raise
    finally:
        if pool is not None:
            stop(pool) if summary.interrupted or summary.storage else pool.shutdown(wait=True)
    return summary
