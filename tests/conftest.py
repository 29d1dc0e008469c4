"""Shared fixtures: every database test runs on SQLite and on a real PostgreSQL server.

A test that takes a database (``make_db``, ``seeded_db``, ``seeded_copy``, ``cli`` …) is
run once per backend (``[sqlite]``, ``[postgresql]``). PostgreSQL is a throw-away
cluster this session starts (tests/pgserver.py: ``initdb`` + ``pg_ctl`` in a temporary
folder, a unix socket, no TCP) and removes at the end. When no server can be started
the PostgreSQL tests are skipped, saying why — except on CI (``CI=true``), where they
fail instead (and a missing server is installed first). ``--backend sqlite`` (or
``postgresql``) runs one backend only; ``@pytest.mark.sqlite_only`` (``postgresql_only``) marks tests
of one engine itself (SQLite's files, pragmas, the sqlite3 module; PostgreSQL's transactions).
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docstore.cli import app
from docstore.config import database_url, seeds_dir
from tests import pgserver

SEEDS = seeds_dir()
HEADER_SEED = SEEDS / "003_9169966fa4f5ec57.txt"  # sng.today » Казахстан » … with a date line
PLAIN_SEED = SEEDS / "000_3e24bedb2f45aae9.txt"  # no header: the title is the first line
BACKENDS = ("sqlite", "postgresql")
ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--backend", action="append", choices=BACKENDS,
                     help="run the database tests on this backend only (repeatable; default: all)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: a test of SQLite itself (files, pragmas, the sqlite3 module)")
    config.addinivalue_line("markers", "postgresql_only: a test of PostgreSQL itself (its read-only transactions …)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    chosen = metafunc.config.getoption("backend") or list(BACKENDS)
    for only in BACKENDS:
        if metafunc.definition.get_closest_marker(f"{only}_only"):
            chosen = [b for b in chosen if b == only]
    metafunc.parametrize("backend", chosen, scope="session")


def url(db: str | Path) -> str:
    """The SQLAlchemy URL of a test database (a file path or a URL)."""
    return database_url(str(db))


_unavailable: list[str] = []


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pgserver.Cluster]:
    """A throw-away PostgreSQL cluster for the session, removed at its end."""
    if _unavailable:
        pytest.skip(_unavailable[0])
    try:
        cluster = pgserver.start(install_missing=ON_CI)
    except pgserver.ServerUnavailable as exc:
        if ON_CI:
            pytest.fail(f"CI must test PostgreSQL, but no server could be started: {exc}", pytrace=False)
        _unavailable.append(f"no PostgreSQL server could be started here: {exc}")
        pytest.skip(_unavailable[0])
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def make_db(backend: str, request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> Callable[..., str]:
    """A factory of new, empty databases on the backend: a file path (SQLite) or a URL (PostgreSQL)."""
    if backend == "postgresql":
        cluster: pgserver.Cluster = request.getfixturevalue("pg_cluster")
        return lambda name="t": cluster.create_database(name)
    root = tmp_path_factory.mktemp("db")
    numbers = itertools.count()
    return lambda name="t": str(root / f"{name}{next(numbers)}.db")


def _database_name(db: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(db).database


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def seeded_db(make_db: Callable[..., str], runner: CliRunner) -> str:
    """A database with the seeds loaded through `docstore load`; tests must not change it."""
    db = make_db("seeded")
    result = runner.invoke(app, ["--db", db, "load", str(SEEDS)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def seeded_copy(backend: str, seeded_db: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A private copy of the seeded database, for tests that write."""
    if backend == "postgresql":
        cluster: pgserver.Cluster = request.getfixturevalue("pg_cluster")
        return cluster.create_database("copy", template=_database_name(seeded_db))
    from docstore.db import open_db

    engine = open_db(seeded_db)  # checkpoint the WAL so the copy holds everything
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    copy = tmp_path / "copy.db"
    shutil.copy(seeded_db, copy)
    return str(copy)


@pytest.fixture
def cli(runner: CliRunner, seeded_db: str):
    """Run a command against the shared seeded database."""

    def run(*args: str, db: str | Path | None = None):
        return runner.invoke(app, ["--db", str(db or seeded_db), *args])

    return run
