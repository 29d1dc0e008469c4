"""Migrations: up and down on a database with data, the head the package knows, no drift from the models."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from docstore.config import head_revision
from docstore.fts import include_name, include_object
from docstore.db import alembic_config, current_revision, make_engine, open_db
from docstore.models import Base

ROOT = Path(__file__).resolve().parents[1]
TABLES = {"documents", "speakers", "speaker_aliases", "mentions", "quotes", "events",
          "event_documents", "event_participants"}


def _counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    names = set(inspect(engine).get_table_names()) & TABLES
    with engine.connect() as conn:
        counts = {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in sorted(names)}
    engine.dispose()
    return counts


def test_package_head_is_alembics_head() -> None:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert script.get_current_head() == head_revision()
    assert len(script.get_heads()) == 1


def test_models_and_migrations_do_not_drift(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name,
                                                                  "include_object": include_object}), Base.metadata)
    engine.dispose()
    assert diffs == []
    command.check(alembic_config(url))  # raises when autogenerate would write anything


def test_open_db_upgrades_an_empty_database_and_then_only_reads_the_version(tmp_path) -> None:
    db = tmp_path / "o.db"
    engine = open_db(str(db))
    assert current_revision(engine) == head_revision()
    assert TABLES <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    engine.dispose()


def test_downgrade_and_upgrade_on_a_database_holding_data(seeded_copy: Path) -> None:
    url = f"sqlite:///{seeded_copy}"
    before = _counts(url)
    assert before["documents"] == 2 and before["quotes"] > 0
    script = ScriptDirectory.from_config(alembic_config(url))
    revisions = [r.revision for r in script.walk_revisions()]  # newest first
    # Every step below the head and back keeps the rows of the tables both revisions have.
    for newer, older in zip(revisions, revisions[1:]):
        command.downgrade(alembic_config(url), older)
        command.upgrade(alembic_config(url), newer)
        after = _counts(url)
        assert {t: after[t] for t in before if t in after} == {t: before[t] for t in before if t in after}
    command.downgrade(alembic_config(url), "base")
    assert _counts(url) == {}
    command.upgrade(alembic_config(url), "head")
    assert _counts(url) == {t: 0 for t in TABLES}


def test_alembic_cli_from_the_repository_root(tmp_path) -> None:
    env = {**os.environ, "DOCSTORE_DB": str(tmp_path / "cli.db")}
    alembic = [sys.executable, "-m", "alembic"]
    for args in (["upgrade", "head"], ["check"], ["downgrade", "base"]):
        done = subprocess.run([*alembic, *args], cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    done = subprocess.run([*alembic, "current"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert head_revision() not in done.stdout


@pytest.mark.parametrize("module", ["docstore.cli", "docstore.names", "docstore.config"])
def test_light_modules_import_nothing_heavy(module: str) -> None:
    code = (f"import sys, {module}; heavy = [m for m in ('sqlalchemy', 'alembic', 'natasha', 'rich', 'pymorphy3') "
            "if m in sys.modules]; print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
