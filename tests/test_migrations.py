"""Migrations: up and down on a database with data, the head the package knows, no drift from the models."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from docstore.config import head_revision
from docstore.db import alembic_config, current_revision, make_engine, open_db
from docstore.fts import include_name, include_object
from docstore.models import Base
from tests.conftest import url as as_url

ROOT = Path(__file__).resolve().parents[1]
TABLES = {"documents", "speakers", "speaker_aliases", "mentions", "quotes", "events",
          "event_documents", "event_participants", "corrections"}


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


def test_models_and_migrations_do_not_drift(make_db) -> None:
    url = as_url(make_db("drift"))
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name,
                                                                  "include_object": include_object}), Base.metadata)
    engine.dispose()
    assert diffs == []
    command.check(alembic_config(url))  # raises when autogenerate would write anything


@pytest.mark.sqlite_only
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


def test_downgrade_and_upgrade_on_a_database_holding_data(seeded_copy: str) -> None:
    url = as_url(seeded_copy)
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


def test_alembic_cli_from_the_repository_root(make_db) -> None:
    env = {**os.environ, "DOCSTORE_DB": make_db("alembic")}
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


def _event_state(url: str) -> tuple:
    """What must survive a migration: the events, their links, the quotes said at them."""
    engine = make_engine(url)
    with engine.connect() as conn:
        state = (
            conn.exec_driver_sql("SELECT id, name, kind, date, location FROM events ORDER BY id").all(),
            conn.exec_driver_sql("SELECT * FROM event_documents ORDER BY 1, 2").all(),
            conn.exec_driver_sql("SELECT * FROM event_participants ORDER BY 1, 2").all(),
            conn.exec_driver_sql("SELECT id, event_id FROM quotes ORDER BY id").all(),
        )
    engine.dispose()
    return state


def test_0002_location_key_is_backfilled_and_down_keeps_event_links(seeded_copy: str) -> None:
    url = as_url(seeded_copy)
    before = _event_state(url)
    assert before[0] and before[1] and any(event_id for _, event_id in before[3])
    command.downgrade(alembic_config(url), "0001")
    assert "location_key" not in {c["name"] for c in inspect(make_engine(url)).get_columns("events")}
    assert _event_state(url) == before  # altered in place: nothing cascaded from the events table
    engine = make_engine(url)
    with engine.begin() as conn:  # a place written by the old code, in capitals and with ё
        conn.exec_driver_sql("UPDATE events SET location = 'ОРЁЛ' WHERE location IS NULL")
    engine.dispose()
    command.upgrade(alembic_config(url), "0002")
    engine = make_engine(url)
    with engine.connect() as conn:
        keys = dict(conn.exec_driver_sql("SELECT location, location_key FROM events").all())
    engine.dispose()
    assert keys == {"Нур-Султан": "нур-султан", "ОРЁЛ": "орел"}
    after = _event_state(url)
    assert after[1:] == before[1:]


def _sample(url: str) -> dict[str, list[tuple]]:
    """Every row of the content tables (the seeds are small): what a migration must carry over."""
    engine = make_engine(url)
    queries = {"documents": "SELECT id, content_hash, path, title, published, encoding, text FROM documents ORDER BY id",
               "quotes": 'SELECT id, document_id, speaker_id, text, kind, start, "end" FROM quotes ORDER BY id',
               # quote_count: kept by the store before, counted by 0005's upgrade after a walk below it
               "speakers": "SELECT id, name, key, kind, quote_count FROM speakers ORDER BY id"}
    with engine.connect() as conn:
        out = {t: [tuple(r) for r in conn.exec_driver_sql(q)] for t, q in queries.items()}
    engine.dispose()
    return out


def _index(url: str) -> dict[str, list[tuple]]:
    """What the full-text index holds: the lemma strings of every row, by rowid (read through SQL)."""
    engine = make_engine(url)
    with engine.connect() as conn:
        out = {t: [tuple(r) for r in conn.exec_driver_sql(f"SELECT rowid, {cols} FROM {t} ORDER BY rowid")]
               for t, cols in (("documents_fts", "title, text"), ("quotes_fts", "text"))}
    engine.dispose()
    return out


def _searched(url: str) -> list:
    """What search finds in the index (ranked), documents and quotes."""
    from docstore import queries
    from docstore.db import session

    engine = make_engine(url)
    with session(engine) as s:
        found = [[(r["id"], r["snippet"]) for r in queries.search(s, q, quotes=quotes, since=since, limit=None)]
                 for q in ("полиции", "реформа -наркотик", '"правоохранительной системы"')
                 for quotes in (False, True) for since in (None, date(2019, 1, 1))]
    engine.dispose()
    return found


def test_every_revision_down_to_it_and_back_keeps_counts_and_rows(seeded_copy: str, runner) -> None:
    from docstore.cli import app

    url = as_url(seeded_copy)
    before, sample, index, searched = _counts(url), _sample(url), _index(url), _searched(url)
    assert [row[-1] for row in sample["speakers"]] == [before["quotes"]]  # the seeds: one speaker says all
    assert index["documents_fts"] and index["quotes_fts"] and all(searched[:2])
    script = ScriptDirectory.from_config(alembic_config(url))
    revisions = [r.revision for r in script.walk_revisions()]  # newest first; base is below the oldest
    for target in revisions[1:]:
        command.downgrade(alembic_config(url), target)
        command.upgrade(alembic_config(url), "head")
        assert _counts(url) == before, target
        assert _sample(url) == sample, target
        assert _index(url) == index, target  # rebuilt from the rows, or carried over: the same strings
        assert _searched(url) == searched, target
        checked = runner.invoke(app, ["--db", seeded_copy, "check"])
        assert checked.exit_code == 0, (target, checked.stdout)
    assert current_revision(make_engine(url)) == head_revision()


def _quote_counts(url: str) -> tuple[list[tuple], list[tuple]]:
    """Each speaker's kept quote_count, and the count of its quotes."""
    engine = make_engine(url)
    with engine.connect() as conn:
        kept = conn.exec_driver_sql("SELECT id, quote_count FROM speakers ORDER BY id").all()
        real = conn.exec_driver_sql("SELECT s.id, (SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id) "
                                    "FROM speakers s ORDER BY s.id").all()
    engine.dispose()
    return kept, real


def test_0005_counts_the_quotes_already_stored_and_down_removes_the_column(seeded_copy: str) -> None:
    url = as_url(seeded_copy)
    command.downgrade(alembic_config(url), "0004")
    found = inspect(make_engine(url))
    assert "quote_count" not in {c["name"] for c in found.get_columns("speakers")}
    assert "ix_speakers_by_quotes" not in {i["name"] for i in found.get_indexes("speakers")}
    engine = make_engine(url)
    with engine.begin() as conn:  # written at 0004, where nobody counts: a new speaker, quotes moved to it
        conn.exec_driver_sql("INSERT INTO speakers (id, name, key, kind) VALUES (2, 'Иван Петров', 'иван петров', "
                             "'person')")
        conn.exec_driver_sql("UPDATE quotes SET speaker_id = 2 WHERE id IN (SELECT id FROM quotes ORDER BY id LIMIT 5)")
        conn.exec_driver_sql("UPDATE quotes SET speaker_id = NULL WHERE id = (SELECT max(id) FROM quotes)")
    engine.dispose()
    command.upgrade(alembic_config(url), "0005")
    kept, real = _quote_counts(url)
    assert kept == real
    assert [n for _, n in kept] == [_counts(url)["quotes"] - 6, 5]


@pytest.mark.sqlite_only
def test_0006_moves_the_lemma_strings_out_of_fts5_and_back(seeded_copy: str) -> None:
    url = as_url(seeded_copy)
    index = _index(url)
    shadow = lambda: {n for n in inspect(make_engine(url)).get_table_names() if "_fts_" in n}  # noqa: E731
    stored = {f"{t}_fts_{s}" for t in ("documents", "quotes") for s in ("data", "idx", "docsize", "config")}
    command.downgrade(alembic_config(url), "0006")
    assert shadow() == stored | {"documents_fts_terms", "quotes_fts_terms"}
    command.downgrade(alembic_config(url), "0004")
    assert shadow() == stored | {"documents_fts_content", "quotes_fts_content"}  # FTS5 holds the strings again
    assert _index(url) == index
    engine = make_engine(url)
    with engine.begin() as conn:  # the 0004 form deletes by rowid alone (its trigger), no function needed
        found = conn.exec_driver_sql("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'полиция'").all()
        assert len(found) == 2
        conn.exec_driver_sql(f"DELETE FROM documents WHERE id = {found[0][0]}")
        conn.exec_driver_sql("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)")
    engine.dispose()
    command.upgrade(alembic_config(url), "0006")
    assert shadow() == stored | {"documents_fts_terms", "quotes_fts_terms"}
    command.upgrade(alembic_config(url), "head")  # 0007: FTS5 holds them once more, readable without docstore
    assert shadow() == stored | {"documents_fts_content", "quotes_fts_content"}
    after = _index(url)
    assert after["documents_fts"] == [r for r in index["documents_fts"] if r[0] != found[0][0]]
    assert set(after["quotes_fts"]) < set(index["quotes_fts"])


@pytest.mark.sqlite_only
def test_0007_makes_what_0006_indexed_readable_from_a_plain_sqlite3_connection(seeded_copy: str) -> None:
    """Data loaded at 0006 (the seeds, and a document written as 0006's docstore wrote one), then the upgrade:
    Python's own sqlite3, with no function of docstore's, counts, searches and reads the index."""
    import sqlite3

    from docstore.dialects import fts5_forms
    from docstore.lemmas import lemma_text

    url = as_url(seeded_copy)
    command.downgrade(alembic_config(url), "0006")
    title, body = "Новый отчёт", "Губернатор заявил, что мосты через реку отремонтируют к осени."
    conn = sqlite3.connect(seeded_copy)
    fts5_forms.register_unpack_lemmas(conn)  # as docstore's connections had it at 0006
    doc = conn.execute("INSERT INTO documents (content_hash, path, file_name, title, text, loaded_at) VALUES "
                       "('x', 'new.txt', 'new.txt', ?, ?, '2024-01-01')", (title, body)).lastrowid
    conn.execute("INSERT INTO documents_fts_terms (id, title, text) VALUES (?, ?, ?)",
                 (doc, fts5_forms.pack_lemmas(lemma_text(title)), fts5_forms.pack_lemmas(lemma_text(body))))
    conn.execute("INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
                 (doc, lemma_text(title), lemma_text(body)))
    conn.commit()
    conn.close()
    plain = sqlite3.connect(seeded_copy)
    with pytest.raises(sqlite3.OperationalError, match="no such function: unpack_lemmas"):  # the defect
        plain.execute("SELECT count(*) FROM documents_fts").fetchone()
    plain.close()

    command.upgrade(alembic_config(url), "head")
    plain = sqlite3.connect(seeded_copy)
    assert plain.execute("SELECT count(*) FROM documents_fts").fetchone() == (3,)
    assert plain.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'мост'").fetchall() == [(doc,)]
    assert len(plain.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'полиция'").fetchall()) == 2
    assert plain.execute("SELECT snippet(documents_fts, 1, '[', ']', '…', 4) FROM documents_fts"
                         " WHERE documents_fts MATCH 'ремонтировать OR отремонтировать'").fetchone()[0].count("[") == 1
    assert plain.execute("SELECT title, text FROM documents_fts WHERE rowid = ?", (doc,)).fetchone() == (
        lemma_text(title), lemma_text(body))
    quotes = plain.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'полиция'").fetchone()[0]
    assert quotes > 0
    assert {n for (n,) in plain.execute("SELECT name FROM sqlite_master")} & {
        "documents_fts_terms", "quotes_fts_terms", "documents_fts_source", "quotes_fts_source"} == set()
    plain.execute("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)")
    plain.close()
    index = _index(url)
    command.downgrade(alembic_config(url), "0006")  # and back, the same strings
    command.upgrade(alembic_config(url), "head")
    assert _index(url) == index


@pytest.mark.sqlite_only
def test_0006_stopped_half_way_changes_nothing_and_runs_again(seeded_copy: str, monkeypatch) -> None:
    from docstore.dialects import fts5_forms

    url = as_url(seeded_copy)
    command.downgrade(alembic_config(url), "0005")
    index, tables = _index(url), set(inspect(make_engine(url)).get_table_names())
    real, calls = fts5_forms.pack_lemmas, []

    def stop_later(value):  # as if Ctrl-C came while the strings were being copied
        calls.append(value)
        if len(calls) > 1:
            raise KeyboardInterrupt
        return real(value)

    monkeypatch.setattr(fts5_forms, "pack_lemmas", stop_later)
    with pytest.raises(KeyboardInterrupt):
        command.upgrade(alembic_config(url), "head")
    monkeypatch.undo()
    assert current_revision(make_engine(url)) == "0005"
    assert set(inspect(make_engine(url)).get_table_names()) == tables  # no new table, the old ones whole
    assert "ix_documents_id_published" not in {i["name"] for i in inspect(make_engine(url)).get_indexes("documents")}
    assert _index(url) == index
    command.upgrade(alembic_config(url), "head")
    assert _index(url) == index


def test_sqlite_driver_is_the_recent_sqlite_when_installed_else_the_standard_library(tmp_path, monkeypatch) -> None:
    """Every SQLite engine (the CLI's, Alembic's) goes through one DB-API module; without pysqlite3, sqlite3."""
    import sqlite3
    import sys

    from sqlalchemy import text

    from docstore.dialects import sqlite as dialect

    engine = make_engine(f"sqlite:///{tmp_path / 'driver.db'}")
    assert engine.dialect.dbapi is dialect.driver()
    with engine.connect() as conn:
        version = conn.execute(text("SELECT sqlite_version()")).scalar()
    engine.dispose()
    try:
        import pysqlite3  # noqa: F401
    except ImportError:
        assert version == sqlite3.sqlite_version
    else:  # the wheel's SQLite, whatever the system's is
        assert tuple(map(int, version.split("."))) >= (3, 45)
    monkeypatch.setitem(sys.modules, "pysqlite3", None)  # not installed (no wheel for this platform)
    assert dialect.driver() is sqlite3
    engine = make_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT sqlite_version()")).scalar() == sqlite3.sqlite_version
    engine.dispose()


def test_0008_versions_are_unknown_for_stored_rows_and_corrections_survive_down_and_up(seeded_copy: str) -> None:
    """Documents stored before 0008 have no extractor version (NULL: `reextract --older` takes them); a
    correction written at 0008 keeps its payload (Cyrillic JSON) on both engines; down to 0007 drops the
    table and the columns in place, keeping every document, alias and quote."""
    url = as_url(seeded_copy)
    before, sample = _counts(url), _sample(url)
    command.downgrade(alembic_config(url), "0007")
    found = inspect(make_engine(url))
    assert "corrections" not in found.get_table_names()
    assert "extractor_version" not in {c["name"] for c in found.get_columns("documents")}
    assert {"reason", "correction_id"}.isdisjoint(c["name"] for c in found.get_columns("speaker_aliases"))
    assert {t: n for t, n in _counts(url).items()} == {t: n for t, n in before.items() if t != "corrections"}
    command.upgrade(alembic_config(url), "0008")
    assert _sample(url) == sample
    engine = make_engine(url)
    with engine.begin() as conn:
        assert conn.exec_driver_sql("SELECT DISTINCT extractor_version FROM documents").all() == [(None,)]
        assert conn.exec_driver_sql("SELECT count(*) FROM speaker_aliases WHERE reason IS NOT NULL "
                                    "OR correction_id IS NOT NULL").scalar() == 0
        from docstore.schema import corrections

        conn.execute(corrections.insert(), {"who": "анна", "action": "rename", "target": "speaker токаев",
                                            "payload": {"name": "Токаев", "new_name": "Касым-Жомарт Токаев"}})
    with engine.connect() as conn:
        from docstore.schema import corrections

        row = conn.execute(corrections.select()).one()
    engine.dispose()
    assert row.payload == {"name": "Токаев", "new_name": "Касым-Жомарт Токаев"} and row.created_at is not None
    assert row.undone_at is None
