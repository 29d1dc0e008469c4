"""Failure safety with real processes: killed loads, concurrent loads, `check`, and `sql`'s guard."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docstore.check import run as run_checks
from docstore.cli import app
from docstore.db import make_engine
from docstore.extract import extract
from docstore.ingest import content_hash, read_source
from tests.conftest import url

DOCS = 400


def _write_docs(folder: Path, numbers: range) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in numbers:
        (folder / f"{i:04d}.txt").write_text(
            f"Новость номер {i}.\n\n«Работа номер {i} идёт по плану», — сказал министр Иван Петров "
            f"на совещании {i}.\n\nПо его словам, отчёт {i} готов.\n", encoding="utf-8")


def _expected_quotes(folder: Path) -> dict[str, int]:
    """Quotes per document as extraction finds them, keyed by content hash: what the database must hold."""
    out = {}
    for path in sorted(folder.iterdir()):
        [article] = read_source(path)
        out[content_hash(article.text)] = len(extract(article).quotes)
    return out


def _stored(db: str | Path) -> tuple[dict[str, int], int]:
    engine = make_engine(url(db))
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT d.content_hash, count(q.id) FROM documents d LEFT JOIN quotes q "
                                        "ON q.document_id = d.id GROUP BY d.id").all()
            docs = conn.exec_driver_sql("SELECT count(*) FROM documents").scalar()
    finally:
        engine.dispose()
    return {h: n for h, n in rows}, docs


def _assert_consistent(db: Path, expected: dict[str, int]) -> int:
    """Every stored document has exactly its quotes, no duplicates, and `check` finds nothing."""
    stored, docs = _stored(db)
    assert docs == len(stored)  # no duplicate documents
    for digest, quotes in stored.items():
        assert quotes == expected[digest], "a document without all its quotes"
    engine = make_engine(url(db))
    results = run_checks(engine)
    engine.dispose()
    assert [(c.name, c.problems) for c in results if not c.ok] == []
    return docs


def _default_sigint() -> None:
    # As in a terminal. A test run started in the background (`pytest &`) ignores SIGINT, its children
    # inherit that, and a Python started with SIGINT ignored installs no KeyboardInterrupt handler.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _load(db: Path, *paths: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "docstore", "--db", str(db), "load", *map(str, paths),
                             "-f", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_sigint)


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(db, timeout=30)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # tables not created yet
        return 0


def _wait_for(db: Path, at_least: int, proc: subprocess.Popen, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = _count(db)
        if n >= at_least:
            return n
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    raise AssertionError(f"the load did not reach {at_least} documents")


def test_killed_loads_leave_a_consistent_database_and_rerunning_completes_it(tmp_path: Path) -> None:
    folder, db = tmp_path / "docs", tmp_path / "k.db"
    _write_docs(folder, range(DOCS))
    expected = _expected_quotes(folder)
    history = []

    # SIGKILL: no handler runs, only SQLite's atomic commit stands between us and a half document.
    proc = _load(db, folder)
    _wait_for(db, 10, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    history.append(("SIGKILL", _assert_consistent(db, expected)))

    # SIGINT (Ctrl-C) after some more: the running document rolls back, the summary says how to go on.
    proc = _load(db, folder)
    _wait_for(db, history[-1][1] + 20, proc)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    history.append(("SIGINT", _assert_consistent(db, expected)))

    # SIGTERM: handled like Ctrl-C.
    proc = _load(db, folder)
    _wait_for(db, history[-1][1] + 20, proc)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert proc.returncode == 130
    history.append(("SIGTERM", _assert_consistent(db, expected)))

    proc = _load(db, folder)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    summary = json.loads(out)[0]
    assert summary["already_present"] == history[-1][1]
    assert summary["documents_loaded"] == DOCS - history[-1][1]
    assert _assert_consistent(db, expected) == DOCS
    assert 0 < history[0][1] < history[1][1] < history[2][1] < DOCS, history


def test_two_concurrent_loads_on_one_database_both_finish(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    a, b = tmp_path / "a", tmp_path / "b"
    _write_docs(a, range(0, 150))
    _write_docs(b, range(100, 250))  # 50 documents in both: stored once
    expected = _expected_quotes(a) | _expected_quotes(b)
    procs = [_load(db, a), _load(db, b)]  # a new database: both race to create the schema too
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
    summaries = [json.loads(out)[0] for out, _ in outs]
    assert sum(s["documents_loaded"] for s in summaries) == 250
    assert sum(s["already_present"] for s in summaries) == 50
    assert _assert_consistent(db, expected) == 250
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM speakers WHERE key = 'иван петров'").fetchone()[0] == 1
    conn.close()


@pytest.mark.sqlite_only  # writes with foreign keys off, as a careless tool would
def test_check_reports_each_kind_of_problem(runner, seeded_copy: str) -> None:
    db = ["--db", str(seeded_copy)]
    ok = runner.invoke(app, [*db, "check"])
    assert ok.exit_code == 0 and "database OK" in ok.stdout
    assert "ok       full-text index" in ok.stdout
    conn = sqlite3.connect(seeded_copy)  # foreign keys off: as a careless tool would write
    conn.execute("UPDATE quotes SET start = start + 1 WHERE id = 1")
    conn.execute("INSERT INTO quotes (document_id, text, kind, start, \"end\") VALUES (999, 'x', 'direct', 0, 1)")
    conn.execute("INSERT INTO mentions (document_id, speaker_id, start, \"end\") VALUES (1, 1, 5, 999999)")
    conn.commit()
    conn.close()
    bad = runner.invoke(app, [*db, "doctor"])
    assert bad.exit_code == 1
    assert "PROBLEM  foreign keys" in bad.stdout
    assert "quote 1 of document 1: text is not documents.text[" in bad.stdout
    assert "PROBLEM  mention offsets: 1" in bad.stdout
    assert "1 quotes without a document" in bad.stdout
    rows = json.loads(runner.invoke(app, [*db, "check", "-f", "json"]).stdout)
    assert {r["check"]: r["status"] for r in rows}["quote offsets"] == "problem"


def test_check_verifies_the_fts_index(runner, seeded_copy: str) -> None:
    assert runner.invoke(app, ["--db", str(seeded_copy), "check"]).exit_code == 0
    engine = make_engine(url(seeded_copy))
    with engine.begin() as conn:  # the index out of step
        conn.exec_driver_sql("DELETE FROM documents_fts WHERE rowid = (SELECT min(id) FROM documents)")
    engine.dispose()
    bad = runner.invoke(app, ["--db", str(seeded_copy), "check"])
    assert bad.exit_code == 1 and "PROBLEM  full-text index" in bad.stdout, bad.stdout


def _speaker_quotes(runner, db: list[str]) -> dict[str, int]:
    result = runner.invoke(app, [*db, "speakers", "-f", "json"])
    assert result.exit_code == 0, result.output
    return {row["name"]: row["quotes"] for row in json.loads(result.stdout)}


def test_check_compares_the_kept_quote_counts_and_recount_sets_them_right(runner, seeded_copy: str) -> None:
    db = ["--db", str(seeded_copy)]
    assert _speaker_quotes(runner, db) == {"Касым-Жомарт Токаев": 21}
    # quotes removed behind the store's back: the kept count is now wrong
    changed = runner.invoke(app, [*db, "sql", "--write", "DELETE FROM quotes WHERE id IN (1, 2, 3)"])
    assert changed.exit_code == 0, changed.output
    bad = runner.invoke(app, [*db, "check"])
    assert bad.exit_code == 1
    assert "PROBLEM  speaker quote counts: 1\n" in bad.stdout
    assert ("speaker 1 (Касым-Жомарт Токаев): quote_count 21, but 18 quotes; set them right: docstore db recount"
            in bad.stdout)
    fixed = runner.invoke(app, [*db, "db", "recount"])
    assert fixed.exit_code == 0 and fixed.stdout.strip() == "recounted quotes: 1 speaker corrected"
    assert _speaker_quotes(runner, db) == {"Касым-Жомарт Токаев": 18}
    assert runner.invoke(app, [*db, "check"]).exit_code == 0
    assert runner.invoke(app, [*db, "db", "recount"]).stdout.strip() == "recounted quotes: 0 speakers corrected"


def test_delete_and_force_through_the_cli_keep_the_counts(runner, seeded_copy: str) -> None:
    from tests.conftest import HEADER_SEED

    db = ["--db", str(seeded_copy)]
    docs = json.loads(runner.invoke(app, [*db, "documents", "-f", "json"]).stdout)
    header = next(d for d in docs if d["file"] == HEADER_SEED.name)
    forced = runner.invoke(app, [*db, "load", "--force", str(HEADER_SEED)])
    assert forced.exit_code == 0, forced.output
    assert _speaker_quotes(runner, db) == {"Касым-Жомарт Токаев": 21}
    assert runner.invoke(app, [*db, "delete", str(header["id"])]).exit_code == 0
    assert _speaker_quotes(runner, db) == {"Касым-Жомарт Токаев": 21 - header["quotes"]}
    assert runner.invoke(app, [*db, "check"]).exit_code == 0


def test_check_on_a_missing_database_does_not_create_it(runner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", str(tmp_path / "none.db"), "check"])
    assert result.exit_code == 1 and result.stderr.startswith("error: no database at")
    assert not (tmp_path / "none.db").exists()


SQL_GUARD = {
    "sqlite": [
        ("SELECT 1; DELETE FROM quotes", "2 statements given"),
        ("SELECT ';'; DROP TABLE quotes", "2 statements given"),
        ("PRAGMA query_only = OFF", "not authorized"),
        ("ATTACH DATABASE 'other.db' AS other", "not authorized"),
        ("DELETE FROM quotes", "readonly"),
    ],
    "postgresql": [
        ("SELECT 1; DELETE FROM quotes", "2 statements given"),
        ("DELETE FROM quotes", "read-only transaction"),
        ("WITH gone AS (DELETE FROM quotes RETURNING 1) SELECT count(*) FROM gone", "read-only transaction"),
        ("SET TRANSACTION READ WRITE", "must be set before any query"),
        ("CREATE TABLE x (a int)", "read-only transaction"),
        ("SELECT nextval('quotes_id_seq')", "read-only transaction"),
        ("DROP TABLE quotes CASCADE", "read-only transaction"),
    ],
}


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("query", "message"), SQL_GUARD["sqlite"])
def test_sql_without_write_changes_nothing(runner, seeded_copy: str, query: str, message: str) -> None:
    _refused_and_unchanged(runner, seeded_copy, query, message)


@pytest.mark.postgresql_only
@pytest.mark.parametrize(("query", "message"), SQL_GUARD["postgresql"])
def test_sql_without_write_changes_nothing_on_postgresql(runner, seeded_copy: str, query: str, message: str) -> None:
    _refused_and_unchanged(runner, seeded_copy, query, message)


def _refused_and_unchanged(runner, seeded_copy: str, query: str, message: str) -> None:
    before = _stored(seeded_copy)
    result = runner.invoke(app, ["--db", str(seeded_copy), "sql", query])
    assert result.exit_code == 1 and message in result.stderr, result.stderr
    assert _stored(seeded_copy) == before


def test_sql_write_runs_a_script_in_one_transaction(runner, seeded_copy: str) -> None:
    db = ["--db", str(seeded_copy)]
    failed = runner.invoke(app, [*db, "sql", "--write", "DELETE FROM quotes; SELEC 1"])
    assert failed.exit_code == 1
    assert runner.invoke(app, [*db, "check"]).exit_code == 0
    assert _stored(seeded_copy)[0] and all(_stored(seeded_copy)[0].values())  # the DELETE was rolled back
    done = runner.invoke(app, [*db, "sql", "--write", "DELETE FROM mentions; SELECT count(*) AS n FROM mentions",
                               "-f", "json"])
    assert done.exit_code == 0 and json.loads(done.stdout) == [{"n": 0}]


def _fragile(article):
    """An extractor bug, as it would surface on one document (module-level: worker processes import it)."""
    if "\U00017000" in article.text:
        raise ValueError("no such name")
    return extract(article)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_extractor_crash_is_one_failed_document_not_a_dead_load(runner, tmp_path: Path, monkeypatch,
                                                                   jobs: str) -> None:
    import docstore.extract

    monkeypatch.setattr(docstore.extract, "extract", _fragile)
    (tmp_path / "crash.txt").write_text("«\U00017000», — сказал он.", encoding="utf-8")
    (tmp_path / "good.txt").write_text("«Работа идёт», — сказал министр Иван Петров.", encoding="utf-8")
    result = runner.invoke(app, ["--db", str(tmp_path / "t.db"), "load", str(tmp_path / "crash.txt"),
                                 str(tmp_path / "good.txt"), "-f", "json", "--jobs", jobs])
    summary = json.loads(result.stdout)[0]
    assert result.exit_code == 1 and (summary["documents_loaded"], summary["failed"]) == (1, 1)
    assert f"error: {tmp_path / 'crash.txt'}: extraction failed (ValueError: no such name)" in result.stderr


def _rows(db: str) -> dict[str, list[tuple]]:
    engine = make_engine(url(db))
    queries = {"documents": "SELECT id, content_hash, file_name FROM documents ORDER BY id",
               "quotes": 'SELECT id, document_id, speaker_id, text, start, "end", event_id FROM quotes ORDER BY id',
               "speakers": "SELECT id, key FROM speakers ORDER BY id",
               "events": "SELECT id, name FROM events ORDER BY id"}
    try:
        with engine.connect() as conn:
            return {t: [tuple(r) for r in conn.exec_driver_sql(q)] for t, q in queries.items()}
    finally:
        engine.dispose()


def test_parallel_load_stores_what_one_process_stores_in_the_same_order(runner, tmp_path: Path, make_db) -> None:
    folder = tmp_path / "docs"
    _write_docs(folder, range(40))
    (folder / "0007.txt").write_text("", encoding="utf-8")  # a failure in the middle keeps its place
    (folder / "dup.txt").write_text((folder / "0003.txt").read_text(encoding="utf-8"), encoding="utf-8")
    one, two = make_db("one"), make_db("two")
    results = [runner.invoke(app, ["--db", db, "load", str(folder), "-f", "json", "--jobs", jobs])
               for db, jobs in ((one, "1"), (two, "2"))]
    summaries = [json.loads(r.stdout)[0] for r in results]
    assert [r.exit_code for r in results] == [1, 1]
    assert summaries[0] == summaries[1]
    assert (summaries[1]["documents_loaded"], summaries[1]["already_present"], summaries[1]["failed"]) == (39, 1, 1)
    assert _rows(one) == _rows(two)
    again = runner.invoke(app, ["--db", two, "load", str(folder), "-f", "json", "--jobs", "2"])
    assert json.loads(again.stdout)[0]["already_present"] == 40


def test_strict_parallel_load_stops_at_the_first_failure_in_input_order(runner, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    _write_docs(folder, range(30))
    (folder / "0010.txt").write_text("", encoding="utf-8")
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["--db", str(db), "load", str(folder), "-f", "json", "--jobs", "2", "--strict"])
    assert result.exit_code == 1 and "stopped at the first failure" in result.stderr
    assert json.loads(result.stdout)[0]["documents_loaded"] == 10
    assert sorted(_rows(str(db))["documents"], key=lambda r: r[0])[-1][2] == "0009.txt"


@pytest.mark.parametrize(("change", "problem"), [
    ("DROP TABLE quotes", "table quotes is missing"),
    ("ALTER TABLE documents DROP COLUMN encoding", "table documents lacks column encoding"),
    ("DROP VIEW quote_rows", "view quote_rows is missing"),
    ("DROP TABLE quotes_fts", "full-text table quotes_fts is missing"),
])
def test_check_reports_a_missing_or_altered_table(runner, backend: str, seeded_copy: str, change: str,
                                                  problem: str) -> None:
    db = ["--db", str(seeded_copy)]
    if backend == "postgresql" and change.startswith("DROP TABLE"):
        change += " CASCADE"  # PostgreSQL keeps a table a view or a foreign key depends on
    changed = runner.invoke(app, [*db, "sql", "--write", change])
    assert changed.exit_code == 0, changed.output
    result = runner.invoke(app, [*db, "check"])
    assert result.exit_code == 1, result.stdout
    assert "PROBLEM  tables: " in result.stdout and f"         {problem}\n" in result.stdout
    assert "database OK" not in result.stdout
