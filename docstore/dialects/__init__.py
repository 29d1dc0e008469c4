"""What differs between database engines, in one place: one module per dialect, same functions in each.

- engine set-up: SQLite pragmas, its read-only files and guard; PostgreSQL's read-only sessions
- ``begin_read_only``: what `docstore sql` runs first in a read-only transaction
- ``retryable``: errors a concurrent writer causes, worth running the transaction again
- ``storage_failure``: errors no later write will escape (a full disk, a failing one): stop loading
- full-text search over the lemma index: FTS5 ``MATCH``/bm25, or ``tsvector``/``ts_rank``
- ``after_copy``: what a bulk copy with explicit ids leaves to fix (PostgreSQL's sequences)
- the engine's own checks for `docstore check`

Case folding is no dialect's business: keys are folded in Python (docstore.names.fold)
and stored, so every engine compares them the same way. Queries stay dialect-neutral.
"""

from __future__ import annotations

from functools import lru_cache
from types import ModuleType
from typing import Any

from docstore.errors import UserError

SUPPORTED = ("sqlite", "postgresql")


class UnsupportedDatabase(UserError):
    pass


def of(bind: Any) -> ModuleType:
    """The module of a dialect name, an engine, a connection or a session."""
    name = bind if isinstance(bind, str) else _name(bind)
    if name == "sqlite":
        from docstore.dialects import sqlite as module
    elif name == "postgresql":
        from docstore.dialects import postgresql as module
    else:
        raise UnsupportedDatabase(f"docstore works with SQLite and PostgreSQL databases, not {name}")
    return module


def _name(bind: Any) -> str:
    if hasattr(bind, "get_bind"):  # a Session
        bind = bind.get_bind()
    return bind.dialect.name


def retryable(exc: BaseException) -> bool:
    """An error a concurrent writer causes on any engine (each module knows its own; none mistakes another's)."""
    from docstore.dialects import postgresql, sqlite

    return sqlite.retryable(exc) or postgresql.retryable(exc)


def storage_failure(exc: BaseException) -> str | None:
    """What is wrong with the storage itself (``disk full``), on any engine; None for other errors."""
    from docstore.dialects import postgresql, sqlite

    return sqlite.storage_failure(exc) or postgresql.storage_failure(exc)


@lru_cache(maxsize=None)
def statement(sql: str) -> Any:
    """``text(sql)``, made once per distinct SQL: the index is written for every document, and
    SQLAlchemy computes a statement's cache key once per object, not once per text."""
    from sqlalchemy import text

    return text(sql)
