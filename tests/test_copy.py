"""`docstore copy --to URL`: SQLite into PostgreSQL and back with nothing lost."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import inspect

from docstore.cli import app
from docstore.db import make_engine
from tests.conftest import url

TABLES = ["documents", "speakers", "speaker_aliases", "mentions", "events", "event_documents",
          "event_participants", "quotes", "documents_fts", "quotes_fts"]


def _state(db: str) -> tuple[dict[str, int], dict[str, list[tuple]]]:
    """Row counts of every table, and every row of every table in typed form (dates as dates on both engines)."""
    from sqlalchemy import select, text

    from docstore.models import Base

    engine = make_engine(url(db))
    try:
        with engine.connect() as conn:
            counts = {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in TABLES}
            rows = {t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
                    for t in Base.metadata.sorted_tables}
            rows["quotes_fts"] = [tuple(r) for r in conn.execute(text("SELECT rowid, text FROM quotes_fts ORDER BY rowid"))]
    finally:
        engine.dispose()
    return counts, rows


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.sqlite_only  # the source: the test copies it into PostgreSQL, and back into SQLite
def test_copy_sqlite_into_postgresql_and_back_loses_nothing(runner, seeded_copy: str, pg_cluster, tmp_path) -> None:
    counts, rows = _state(seeded_copy)
    assert counts["documents"] == 2 and counts["quotes"] > 10 and counts["events"] and counts["quotes_fts"]
    target = pg_cluster.create_database("copied")
    done = runner.invoke(app, ["--db", seeded_copy, "copy", "--to", target])
    assert done.exit_code == 0, done.output
    assert "quotes" in done.stdout and f"copied {counts['quotes']:>9} rows of quotes" in done.stderr
    assert _state(target) == (counts, rows)
    # the copy answers like the original (scores are each engine's own), and takes new documents
    # (its sequences moved past the copied ids)
    for args in (["quotes", "--speaker", "Токаева"], ["search", "полицией"], ["events"], ["speakers"],
                 ["quotes", "--about", "реформа полиции"], ["search", "реформа", "--quotes", "-n", "50"]):
        answers = [[{k: v for k, v in row.items() if k != "score"}
                    for row in _json(runner.invoke(app, ["--db", db, *args, "-f", "json"]))] for db in (target, seeded_copy)]
        key = json.dumps  # equal scores may come in another order
        assert sorted(answers[0], key=key) == sorted(answers[1], key=key), args
    article = tmp_path / "new.txt"
    article.write_text("«Работа идёт», — сказал министр Иван Петров.", encoding="utf-8")
    assert runner.invoke(app, ["--db", target, "load", str(article)]).exit_code == 0
    assert runner.invoke(app, ["--db", target, "check"]).exit_code == 0
    back = str(tmp_path / "back.db")  # and back: PostgreSQL into a new SQLite file
    assert runner.invoke(app, ["--db", target, "copy", "--to", back]).exit_code == 0
    counts_back, rows_back = _state(back)
    assert counts_back["documents"] == counts["documents"] + 1
    assert {t: r[: len(rows[t])] for t, r in rows_back.items()} == rows


def test_copy_refuses_a_target_that_is_not_empty(runner, seeded_copy: str, seeded_db: str) -> None:
    before = _state(seeded_copy)
    done = runner.invoke(app, ["--db", seeded_db, "copy", "--to", seeded_copy])
    assert done.exit_code == 1 and done.stderr.startswith("error: the target database is not empty")
    assert _state(seeded_copy) == before
    same = runner.invoke(app, ["--db", seeded_db, "copy", "--to", seeded_db])
    assert same.exit_code == 1 and "--to is the database being copied" in same.stderr
    assert set(TABLES[:8]) <= set(inspect(make_engine(url(seeded_copy))).get_table_names())
