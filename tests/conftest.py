"""Shared fixtures: the bundled seeds loaded once per test session (natasha loads in ~1.5 s)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docstore.cli import app
from docstore.config import seeds_dir

SEEDS = seeds_dir()
HEADER_SEED = SEEDS / "003_9169966fa4f5ec57.txt"  # sng.today » Казахстан » … with a date line
PLAIN_SEED = SEEDS / "000_3e24bedb2f45aae9.txt"  # no header: the title is the first line


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory, runner: CliRunner) -> Path:
    """A database with the seeds loaded through `docstore load`; tests must not change it."""
    db = tmp_path_factory.mktemp("seeded") / "docstore.db"
    result = runner.invoke(app, ["--db", str(db), "load", str(SEEDS)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def seeded_copy(seeded_db: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded database, for tests that write."""
    from docstore.db import open_db

    engine = open_db(str(seeded_db))  # checkpoint the WAL so the copy holds everything
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    copy = tmp_path / "copy.db"
    shutil.copy(seeded_db, copy)
    return copy


@pytest.fixture
def cli(runner: CliRunner, seeded_db: Path):
    """Run a command against the shared seeded database."""

    def run(*args: str, db: Path | None = None):
        return runner.invoke(app, ["--db", str(db or seeded_db), *args])

    return run
