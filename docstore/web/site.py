"""Which of Datasette's databases are docstore's, and the read-only engine docstore's own queries use on each.

Datasette may serve other databases beside docstore's: every hook of the plugin acts only
on a docstore database, known by its tables (found once, when Datasette starts). The pages
of the plugin ask docstore's own queries (docstore/queries.py: the same search, article and
speaker as the CLI's) through a read-only SQLAlchemy engine on the same file.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from datasette.app import Datasette
    from datasette.database import Database
    from sqlalchemy.engine import Engine

T = TypeVar("T")

# What makes a database docstore's: its schema's tables, views and full-text index.
SIGNATURE = ("alembic_version", "documents", "quotes", "speakers", "events", "documents_fts", "quotes_fts",
             "quote_rows", "document_rows")
_FIND = f"SELECT count(*) FROM sqlite_master WHERE name IN ({', '.join('?' * len(SIGNATURE))})"


def has_schema(conn: Any) -> bool:
    """Whether a DB-API connection is to a docstore database."""
    return conn.execute(_FIND, SIGNATURE).fetchone()[0] == len(SIGNATURE)


@dataclass
class Site:
    """The docstore databases of one Datasette, by name, and their engines once a page needed one."""

    databases: set[str] = field(default_factory=set)
    engines: dict[str, Engine] = field(default_factory=dict)


_sites: weakref.WeakKeyDictionary[Datasette, Site] = weakref.WeakKeyDictionary()


async def discover(datasette: Datasette) -> Site:
    """Find the docstore databases among Datasette's (its startup hook)."""
    site = Site()
    for name, db in datasette.databases.items():
        if not db.is_memory and db.path and await db.execute_fn(has_schema):
            site.databases.add(name)
    _sites[datasette] = site
    return site


def site(datasette: Datasette) -> Site:
    return _sites.get(datasette) or Site()


def is_docstore(datasette: Datasette, database: str | None) -> bool:
    return database is not None and database in site(datasette).databases


def by_route(datasette: Datasette, route: str) -> Database | None:
    """The docstore database a URL names (its route, tilde-encoded as Datasette writes it), or None."""
    from datasette.utils import tilde_decode

    try:
        db = datasette.get_database(route=tilde_decode(route))
    except KeyError:
        return None
    return db if is_docstore(datasette, db.name) else None


def engine(datasette: Datasette, db: Database) -> Engine:
    """A read-only engine on the database's file: the connection itself refuses writes."""
    engines = site(datasette).engines
    if db.name not in engines:
        from docstore.config import database_url
        from docstore.db import make_engine

        engines[db.name] = make_engine(database_url(db.path), read_only=True)
    return engines[db.name]


async def run(datasette: Datasette, db: Database, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``query(conn, *args, **kwargs)`` on a connection of the database, in a worker thread."""
    bound = engine(datasette, db)

    def work() -> T:
        with bound.connect() as conn:
            return query(conn, *args, **kwargs)

    return await asyncio.to_thread(work)


def close(datasette: Datasette) -> None:
    """Dispose of the engines (a test's Datasette, or the server on its way out)."""
    for bound in site(datasette).engines.values():
        bound.dispose()
    site(datasette).engines.clear()


