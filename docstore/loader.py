"""Sources -> stored documents: one transaction each, retried while another process writes.

Safety rests on SQLite's atomic commit: a document, its quotes, mentions and events are
one transaction, so a load killed at any moment leaves whole documents or none, and
running it again skips what is there (the content hash is unique).
"""

from __future__ import annotations

import random
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docstore.ingest import Article, Failure, Fields, read_source
from docstore.store import FAILED, LOADED, PRESENT, RELOADED, LoadResult, find_document, store_extraction

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
    stopped: bool = False  # --strict: the first failure ended the load


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
            return None if existing is None else LoadResult(PRESENT, existing.id)

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
    sources: Iterable[str],
    extract: Callable[[Article], Extraction],
    fields: Fields | None = None,
    force: bool = False,
    strict: bool = False,
    on_error: Callable[[str], None] = lambda line: None,
    on_item: Callable[[str], None] = lambda label: None,
    on_source: Callable[[], None] = lambda: None,
) -> Report:
    """Load every article of every source; a failure is reported and the rest still loaded.

    With ``strict`` the first failure stops the load; the documents stored before it stay.
    Ctrl-C or SIGTERM ends it between or inside documents, never leaving half of one.
    """
    report = Report()

    def failed(line: str) -> None:
        report.counts[FAILED] += 1
        report.failures.append(line)
        on_error(line)
        if strict:
            report.stopped = True

    try:
        with sigterm_as_interrupt():
            for source in sources:
                for item in read_source(source, fields):
                    if isinstance(item, Failure):
                        failed(f"{item.where}: {item.reason}")
                    else:
                        on_item(item.path)
                        try:
                            result = store_one(engine, item, extract, force=force)
                        except Exception as exc:  # one bad document must not stop the others
                            failed(f"{item.path}: {_reason(exc)}")
                        else:
                            report.counts[result.status] += 1
                            report.quotes += result.quotes
                            report.events += result.events
                            report.speakers |= result.speakers
                    if report.stopped:
                        return report
                on_source()
    except KeyboardInterrupt:
        report.interrupted = True
    return report


def _reason(exc: Exception) -> str:
    module = type(exc).__module__
    if module.startswith(("sqlalchemy", "sqlite3")):
        return f"database: {getattr(exc, 'orig', None) or exc}"
    if module.startswith("docstore.extract") or not module.startswith("docstore"):
        return f"extraction failed ({type(exc).__name__}: {exc}); please report this document"
    return str(exc)
