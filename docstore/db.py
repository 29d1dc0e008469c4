"""Engine and sessions: SQLite pragmas on every connection, and upgrade-to-head on open."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from docstore.config import DEFAULT_DB, ENV_VAR, database_url, head_revision, migrations_dir

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session


class DatabaseError(Exception):
    """The database cannot be opened or migrated; the message says why."""


def make_engine(url: str, read_only: bool = False) -> Engine:
    """An engine set up by its dialect (docstore/dialects/): SQLite connections enforce foreign keys
    and use WAL; ``read_only`` makes the connection itself refuse writes (SQLite's ``query_only``,
    PostgreSQL's read-only transactions)."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from docstore import dialects

    dialect = dialects.of(make_url(url).get_backend_name())
    engine = create_engine(dialect.engine_url(make_url(url), read_only), **dialect.engine_options(read_only))
    dialect.configure(engine, read_only)
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
    _migrate("upgrade", url, revision)


def downgrade(url: str, revision: str) -> None:
    _migrate("downgrade", url, revision)


def _migrate(step: str, url: str, revision: str) -> None:
    """Alembic's upgrade or downgrade; a revision it cannot find or reach is a DatabaseError."""
    from alembic import command
    from alembic.util import CommandError

    try:
        getattr(command, step)(alembic_config(url), revision)
    except CommandError as exc:
        raise DatabaseError(f"cannot {step} to {revision!r}: {_first_line(exc)} (the newest revision is "
                            f"{head_revision()}; `base` is none)") from exc


def _upgrade_racing(url: str, engine: Engine, wait: float = 30.0) -> None:
    """Upgrade; when another docstore process is upgrading the same new database at the same
    moment, ours fails on a table it just made: wait for that process to reach the head."""
    import time

    try:
        upgrade(url)
    except Exception:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            time.sleep(0.2)
            try:
                if current_revision(engine) == head_revision():
                    engine.dispose()
                    return
            except Exception:  # noqa: BLE001 - the other process is still creating tables
                pass
        raise


def open_db(db: str | None = None, read_only: bool = False, create: bool = True, migrate: bool = True) -> Engine:
    """An engine on a database at the newest revision; Alembic is imported only to upgrade.

    ``read_only``: the engine cannot write (an SQLite file is opened read-only, so a file the user
    may only read can be queried; an upgrade, when one is due, still goes through Alembic's own
    engine). ``create=False``: an SQLite file that does not exist is an error, not a new database.
    ``migrate=False``: the database is taken at the revision it is.
    """
    from sqlalchemy.exc import DBAPIError

    url = database_url(db)
    if not create:
        _require_file(url, db)
    engine = make_engine(url, read_only=read_only)
    if not migrate:
        return engine
    try:
        current = current_revision(engine)
        if current != head_revision():
            engine.dispose()
            _upgrade_racing(url, engine)
    except DBAPIError as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open database {_safe(url)}: {_first_line(exc.orig)}") from exc
    except Exception as exc:  # alembic: unknown revision (a newer docstore wrote it), bad URL …
        engine.dispose()
        if type(exc).__module__.startswith(("alembic", "sqlalchemy")):
            raise DatabaseError(f"cannot migrate database {_safe(url)}: {_first_line(exc)}") from exc
        raise
    return engine


def _require_file(url: str, db: str | None) -> None:
    """A mistyped path must not become a new, empty database."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    path = parsed.database
    if parsed.get_backend_name() == "sqlite" and path and path != ":memory:" and not path.startswith("file:"):
        if not os.path.exists(path):
            shown = db or os.environ.get(ENV_VAR) or DEFAULT_DB
            raise DatabaseError(f"no database at {shown}; `docstore load` creates one")


def _first_line(error: object) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def _safe(url: str) -> str:
    """The URL as it may be printed: without a password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a URL SQLAlchemy cannot parse is printed as given
        return url


def session(engine: Engine) -> Session:
    from sqlalchemy.orm import Session

    return Session(engine, expire_on_commit=False)
