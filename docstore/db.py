"""Engine and sessions: SQLite pragmas on every connection, and upgrade-to-head on open."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from docstore.config import database_url, head_revision, migrations_dir

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session


class DatabaseError(Exception):
    """The database cannot be opened or migrated; the message says why."""


def make_engine(url: str, read_only: bool = False) -> Engine:
    """An engine whose SQLite connections enforce foreign keys and use WAL.

    ``read_only`` sets ``PRAGMA query_only``: the connection itself refuses writes.
    """
    from sqlalchemy import create_engine, event

    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            if not read_only:
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            else:
                cur.execute("PRAGMA query_only=ON")
            cur.close()

    return engine


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database, or None for an empty database (one SQL query)."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError, ProgrammingError

    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError) as exc:
        if "alembic_version" in str(exc):
            return None
        raise


def alembic_config(url: str):  # noqa: ANN201 - alembic is imported lazily
    """An Alembic config that finds the scripts inside the package, wherever it is installed."""
    from alembic.config import Config

    cfg = Config(stdout=sys.stdout)  # the default is bound at import time: take the current stream
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)


def open_db(db: str | None = None, read_only: bool = False) -> Engine:
    """An engine on a database at the newest revision; Alembic is imported only to upgrade."""
    from sqlalchemy.exc import DBAPIError

    url = database_url(db)
    engine = make_engine(url)
    try:
        current = current_revision(engine)
        if current != head_revision():
            engine.dispose()
            upgrade(url)
    except DBAPIError as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open database {url}: {exc.orig}") from exc
    except Exception as exc:  # alembic: unknown revision (a newer docstore wrote it), bad URL …
        engine.dispose()
        if type(exc).__module__.startswith(("alembic", "sqlalchemy")):
            raise DatabaseError(f"cannot migrate database {url}: {exc}") from exc
        raise
    if read_only:
        engine.dispose()
        engine = make_engine(url, read_only=True)
    return engine


def session(engine: Engine) -> Session:
    from sqlalchemy.orm import Session

    return Session(engine, expire_on_commit=False)
