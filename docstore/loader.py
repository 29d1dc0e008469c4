"""Sources -> stored documents: whole documents only, retried while another process writes.

Safety rests on the database's atomic commit: a document, its quotes, mentions and
events are written in one transaction, so a load killed at any moment leaves whole
documents or none, and running it again skips what is there (the content hash is
unique, and is looked up before anything is extracted).

With ``jobs`` > 1 extraction runs in worker processes (models loaded once in each) while
this process reads the sources, skips known content by hash, and is the one writer: it
takes the extractions back in document order and stores them a batch per transaction.
At most ``INFLIGHT_PER_JOB × jobs`` articles are out at once and a batch holds at most
``BATCH`` documents, so memory stays flat however big the input.
"""

from __future__ import annotations

import random
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docstore.ingest import MAX_ARTICLE_MB, Article, Failure, Fields, content_hash, read_source
from docstore.store import (
    FAILED,
    LOADED,
    PRESENT,
    RELOADED,
    LoadResult,
    document_with_hash,
    find_document,
    store_batch,
    store_extraction,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from docstore.extract import Extraction

RETRIES = 8  # on top of SQLite's own busy timeout: «database is locked» after 30 s of waiting


@dataclass
class Report:
    """What one load did; ``failures`` are the printed ``where: reason`` lines."""

    counts: dict[str, int] = field(default_factory=lambda: {LOADED: 0, RELOADED: 0, PRESENT: 0, FAILED: 0})
    quotes: int = 0
    events: int = 0
    speakers: set[int] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
    interrupted: bool = False
    stopped: bool = False  # the load ended early: --strict's first failure, or the storage failed
    storage: str | None = None  # what failed in the storage itself (``disk full``): the load stopped there
    done: int = 0  # documents settled in input order (stored, present or failed)
    last: str | None = None  # the last of them: where a stopped load stopped
    kept: str | None = None  # the last of them that is in the database
    present: list[int] = field(default_factory=list)  # ids of the documents found stored already

    def settle(self, path: str | None, result: LoadResult | None = None) -> None:
        if result is not None:
            self.counts[result.status] += 1
            self.quotes += result.quotes
            self.events += result.events
            self.speakers |= result.speakers
            self.kept = path
            if result.status == PRESENT and result.document_id is not None:
                self.present.append(result.document_id)
        self.done += 1
        self.last = path

    def storage_failed(self, exc: BaseException) -> bool:
        """Stop here when no later write can succeed (a full disk): every document before is stored, none after."""
        from docstore import dialects

        self.storage = dialects.storage_failure(exc)
        self.stopped = self.stopped or self.storage is not None
        return self.storage is not None

    def storage_error(self) -> str:
        """The one line a storage failure is reported with."""
        after = f"nothing after {self.kept} was stored" if self.kept else "nothing of this run was stored"
        return f"database: {self.storage}; {after}"


def _locked(exc: BaseException) -> bool:
    """Another process holds the database or stored the same content first (see docstore.dialects)."""
    from docstore import dialects

    return dialects.retryable(exc)


def retrying(action: Callable[[], LoadResult], retries: int = RETRIES) -> LoadResult:
    """Run a write again when another process holds the database or stored the same text first."""
    for attempt in range(retries + 1):
        try:
            return action()
        except Exception as exc:
            if attempt == retries or not _locked(exc):
                raise
            time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def store_one(engine: Engine, article: Article, extract: Callable[[Article], Extraction],
              force: bool = False) -> LoadResult:
    """Extract (only when the content is new, or forced) and store in one retried transaction."""
    from docstore.db import session

    def present() -> LoadResult | None:
        with session(engine) as s:
            existing = find_document(s, article)
            return None if existing is None else LoadResult(PRESENT, existing)

    if not force and (known := retrying(present)) is not None:  # type: ignore[arg-type]
        return known
    extraction = extract(article)

    def write() -> LoadResult:
        with session(engine) as s:
            return store_extraction(s, article, extraction, force=force)

    return retrying(write)


class _Interrupted(KeyboardInterrupt):
    pass


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (``kill``, a closing terminal) rolls back like Ctrl-C instead of dying mid-write."""
    def handler(_signum: int, _frame: object) -> None:
        raise _Interrupted()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def load(
    engine: Engine,
    sources: Iterable[str | Failure],
    extract: Callable[[Article], Extraction],
    fields: Fields | None = None,
    force: bool = False,
    strict: bool = False,
    on_error: Callable[[str], None] = lambda line: None,
    on_warning: Callable[[str], None] = lambda line: None,
    on_source: Callable[[], None] = lambda: None,
    on_document: Callable[[str], None] = lambda path: None,
    jobs: int = 1,
    max_article_mb: float = MAX_ARTICLE_MB,
) -> Report:
    """Load every article of every source; a failure is reported and the rest still loaded.

    With ``strict`` the first failure stops the load; the documents stored before it stay.
    Ctrl-C or SIGTERM ends it between or inside documents, never leaving half of one.
    ``jobs`` > 1 extracts in that many worker processes (``extract`` must be picklable:
    a module-level function). ``on_document`` gets each document's path once it is in the
    database (stored or already there), in input order; an article whose text is over
    ``max_article_mb`` (UTF-8) is a failure like any unreadable input.
    """
    report = Report()
    if jobs > 1:
        return _load_parallel(engine, sources, extract, fields, force, strict, on_error, on_warning, on_source,
                              on_document, jobs, max_article_mb, report)

    def failed(line: str) -> None:
        report.counts[FAILED] += 1
        report.failures.append(line)
        on_error(line)
        if strict:
            report.stopped = True

    try:
        with sigterm_as_interrupt():
            for source in sources:
                for item in read_source(source, fields, max_article_mb):
                    if isinstance(item, Failure):
                        failed(f"{item.where}: {item.reason}")
                    else:
                        for warning in item.warnings:
                            on_warning(f"{item.path}: {warning}")
                        try:
                            result = store_one(engine, item, extract, force=force)
                        except Exception as exc:  # one bad document must not stop the others
                            if report.storage_failed(exc):
                                on_error(report.storage_error())
                                return report
                            failed(f"{item.path}: {_reason(exc)}")
                            report.settle(item.path)
                        else:
                            report.settle(item.path, result)
                            on_document(item.path)
                    if report.stopped:
                        return report
                on_source()
    except KeyboardInterrupt:
        report.interrupted = True
    return report


def _reason(exc: Exception) -> str:
    module = type(exc).__module__
    if module.startswith(("sqlalchemy", "sqlite3", "pysqlite3")):
        return f"database: {getattr(exc, 'orig', None) or exc}"
    if module.startswith("docstore.extract") or not module.startswith("docstore"):
        return f"extraction failed ({type(exc).__name__}: {exc}); please report this document"
    return str(exc)


# --- parallel loading: workers extract, this process writes ----------------------------------------------

BATCH = 32  # documents per write transaction
BATCH_SECONDS = 1.0  # … or whatever is ready after this long, so progress is stored steadily
INFLIGHT_PER_JOB = 4  # articles out with the workers, per worker

_worker_extract: Callable[[Article], Extraction] | None = None


def _init_worker(extract: Callable[[Article], Extraction], parent: int) -> None:
    """Once per worker: Ctrl-C is the parent's to handle, models load now, and the worker goes with its parent."""
    import os
    import threading

    global _worker_extract
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_extract = extract

    def watch() -> None:  # a parent killed with SIGKILL cannot stop us: notice it is gone
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
    try:
        extract(Article(text="«Работа идёт», — сказал министр Иван Петров.", path="warm-up"))
    except Exception:  # noqa: BLE001 - a broken extractor shows on the first real document
        pass


def extract_in_worker(article: Article) -> Extraction:
    """What a pool of ``worker_pool`` runs: the worker's extractor on one article."""
    assert _worker_extract is not None
    return _worker_extract(article)


def worker_pool(extract: Callable[[Article], Extraction], jobs: int) -> Any:
    """``jobs`` worker processes (spawned: no copy of this process's state), each with its models loaded once,
    ending with this process even when it is killed; submit ``extract_in_worker`` to it."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(extract, os.getpid()))


def stop(pool: object) -> None:
    """Cancel what has not started and end the workers now (a document mid-extraction is dropped)."""
    pool.shutdown(wait=False, cancel_futures=True)  # type: ignore[attr-defined]
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        if proc.is_alive():
            proc.terminate()


def _load_parallel(engine: Engine, sources: Iterable[str | Failure], extract: Callable[[Article], Extraction],
                   fields: Fields | None, force: bool, strict: bool, on_error: Callable[[str], None],
                   on_warning: Callable[[str], None], on_source: Callable[[], None],
                   on_document: Callable[[str], None], jobs: int, max_article_mb: float, report: Report) -> Report:
    """``load`` with ``jobs`` workers: the pool's life around a ``_ParallelLoad`` (ended now when the load stops)."""
    pool = worker_pool(extract, jobs)
    run = _ParallelLoad(engine, pool, force, strict, on_error, on_source, on_document, report)
    try:
        with sigterm_as_interrupt():
            run.feed(sources, fields, max_article_mb, on_warning, inflight=INFLIGHT_PER_JOB * jobs)
    except KeyboardInterrupt:
        report.interrupted = True
        stop(pool)
    else:
        if report.stopped:
            stop(pool)
        else:
            pool.shutdown(wait=True)
    return report


@dataclass
class _ParallelLoad:
    """This process's side of a parallel load: it reads, hands new articles to the pool and is the one writer.

    Entries settle strictly in input order, whatever order the workers finish in, so the report's
    ``last``/``kept``, ``on_document`` and the failures follow the input, and a batch is stored before
    any failure after it counts.
    """

    engine: Engine
    pool: Any
    force: bool
    strict: bool
    on_error: Callable[[str], None]
    on_source: Callable[[], None]
    on_document: Callable[[str], None]
    report: Report
    # In input order: (article, future of its extraction, or the result it already has), or None
    # where a source ends (the progress bar counts sources).
    queue: deque[tuple[Article, Future | LoadResult | str] | None] = field(default_factory=deque)
    batch: list[tuple[Article, Extraction]] = field(default_factory=list)
    last_write: float = field(default_factory=time.monotonic)

    def feed(self, sources: Iterable[str | Failure], fields: Fields | None, max_article_mb: float,
             on_warning: Callable[[str], None], inflight: int) -> None:
        """Read every source into the queue, settling the oldest entries so at most ``inflight`` are out;
        then settle the rest and write the last batch."""
        for source in sources:
            for item in read_source(source, fields, max_article_mb):
                if isinstance(item, Failure):
                    self.queue.append((Article(text="", path=item.where), f"{item.where}: {item.reason}"))
                else:
                    for warning in item.warnings:
                        on_warning(f"{item.path}: {warning}")
                    present = None if self.force else self.known(content_hash(item.text))
                    self.queue.append((item, present or self.pool.submit(extract_in_worker, item)))
                self.settle(inflight)
                if self.report.stopped:
                    return
            self.queue.append(None)
        self.settle(0)
        if not self.report.stopped:
            self.write()

    def known(self, digest: str) -> LoadResult | None:
        """The stored document with this content, looked up before the article goes to a worker."""
        def look() -> LoadResult | None:
            with self.engine.connect() as conn:  # one indexed read on a pooled connection, no Session per document
                found = document_with_hash(conn, digest)
            return None if found is None else LoadResult(PRESENT, found)

        return retrying(look)  # type: ignore[arg-type]

    def settle(self, until: int) -> None:
        """Settle the oldest entries until at most ``until`` are left (or the load stopped)."""
        while len(self.queue) > until and not self.report.stopped:
            self.settle_next()

    def settle_next(self) -> None:
        """Take the oldest entry back: an extraction joins the batch (written when full), the rest settles now."""
        entry = self.queue.popleft()
        if entry is None:  # a source ends (the bar may run a batch ahead of what is committed)
            self.on_source()
            return
        article, pending = entry
        if isinstance(pending, Future):
            self.collect(article, pending)
            return
        self.write()
        if not self.report.stopped:
            self.record(article.path, pending)

    def collect(self, article: Article, pending: Future) -> None:
        """Add a finished extraction to the batch and write the batch when it is full or due."""
        try:
            self.batch.append((article, pending.result()))
        except Exception as exc:  # noqa: BLE001 - an extractor crash is one failed document
            self.write()  # keep the order: what came before is stored before this failure counts
            if self.report.stopped:
                return
            self.record(article.path, f"{article.path}: {_reason(exc)}")
        if len(self.batch) >= BATCH or time.monotonic() - self.last_write >= BATCH_SECONDS:
            self.write()

    def write(self) -> None:
        """The batch in one transaction; if that fails, each document alone. A storage failure (a full disk)
        stops the load: what was stored stays, the rest is not tried."""
        from docstore.db import session

        if not self.batch:
            return
        items = list(self.batch)
        try:
            def all_of_them() -> list[LoadResult]:
                with session(self.engine) as s:
                    return store_batch(s, items, force=self.force)

            results: list[LoadResult | str] = retrying(all_of_them)  # type: ignore[arg-type,assignment]
        except Exception as exc:  # noqa: BLE001 - find the one that fails
            results = [] if self.report.storage_failed(exc) else self.one_by_one(items)
        self.batch.clear()
        self.last_write = time.monotonic()
        for (article, _), result in zip(items, results):
            self.record(article.path, result)
        if self.report.storage:  # after the documents stored before it: the line names the last of them
            self.on_error(self.report.storage_error())

    def one_by_one(self, items: list[tuple[Article, Extraction]]) -> list[LoadResult | str]:
        """Each document in its own transaction, so one bad document costs only itself; up to a storage failure."""
        from docstore.db import session

        results: list[LoadResult | str] = []
        for article, extraction in items:
            def one(article: Article = article, extraction: Extraction = extraction) -> LoadResult:
                with session(self.engine) as s:
                    return store_extraction(s, article, extraction, force=self.force)
            try:
                results.append(retrying(one))
            except Exception as exc:  # noqa: BLE001
                if self.report.storage_failed(exc):
                    break
                results.append(f"{article.path}: {_reason(exc)}")
        return results

    def record(self, path: str, result: LoadResult | str) -> None:
        """One document settled in input order: stored or found (``on_document``), or its failure line."""
        if isinstance(result, str):
            self.failed(result)
            self.report.settle(path)
        else:
            self.report.settle(path, result)
            self.on_document(path)

    def failed(self, line: str) -> None:
        """Count and print a failure; with --strict it stops the load."""
        self.report.counts[FAILED] += 1
        self.report.failures.append(line)
        self.on_error(line)
        if self.strict:
            self.report.stopped = True
