"""`docstore load` when inputs or storage go wrong: one line naming each problem, the rest still loaded."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docstore.cli import app
from tests.conftest import ON_CI

GOOD = "«Работа идёт по плану», — сказал министр Иван Петров.\n"
OTHER = "Глава района встретился с фермерами. «Посевная начнётся в срок», — заявил он.\n"


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def _summary(result) -> dict:  # noqa: ANN001
    return json.loads(result.stdout)[0]


# --- paths that cannot be read --------------------------------------------------------------------------


def test_a_symlink_loop_is_one_line_and_the_file_beside_it_loads(runner, tmp_path: Path, make_db) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "a.txt").symlink_to("b.txt")
    (tmp_path / "folder" / "b.txt").symlink_to("a.txt")
    result = runner.invoke(app, ["--db", make_db(), "load", str(tmp_path / "loop.txt"), str(tmp_path / "good.txt"),
                                 str(tmp_path / "folder"), "-f", "json"])
    assert result.exit_code == 1, result.output
    assert sorted(_errors(result.stderr)) == [
        f"error: {tmp_path / name}: symbolic link loop (Too many levels of symbolic links)"
        for name in ("folder/a.txt", "folder/b.txt", "loop.txt")]
    assert (_summary(result)["documents_loaded"], _summary(result)["failed"]) == (1, 3)


def _without_root_powers() -> list[str]:
    """A command prefix under which the kernel refuses unreadable files, even to root.

    CI runs as root, and root reads a file whatever its mode: `setpriv` drops the two capabilities
    that let it (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from the bounding set, so the docstore it
    starts is refused as any user is, by the kernel itself. (Becoming another user would not do:
    the interpreter lives under /root, which no other user may read.)
    """
    if os.geteuid() != 0:
        return []
    prefix = [shutil.which("setpriv") or "setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    try:
        probe = subprocess.run([*prefix, sys.executable, "-c", "pass"], capture_output=True, timeout=60)
    except OSError as exc:
        probe = None
        why = str(exc)
    if probe is None or probe.returncode != 0:
        why = probe.stderr.decode(errors="replace").strip() if probe is not None else why
        if ON_CI:
            pytest.fail(f"cannot drop root's file capabilities to test unreadable paths: {why}")
        pytest.skip(f"cannot drop root's file capabilities here: {why}")
    return prefix


def test_unreadable_paths_are_each_one_error_and_the_rest_loads(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "locked.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "locked.txt").chmod(0)
    folder = tmp_path / "folder"
    (folder / "closed").mkdir(parents=True)
    (folder / "open.txt").write_text(OTHER, encoding="utf-8")
    (folder / "closed" / "hidden.txt").write_text("Текст, который нельзя прочитать.\n", encoding="utf-8")
    (folder / "closed").chmod(0)
    (folder / "gone.txt").symlink_to("nowhere.txt")
    (folder / "gone.pdf").symlink_to("nowhere.pdf")  # not a name load reads: no error for it
    try:
        result = subprocess.run(
            [*_without_root_powers(), sys.executable, "-c", "from docstore.cli import main; main()",
             "--db", str(tmp_path / "t.db"), "load", "locked.txt", "good.txt", "folder", "-f", "json", "-j", "1"],
            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    finally:
        (folder / "closed").chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert _errors(result.stderr) == [
        "error: locked.txt: Permission denied",
        "error: folder/closed: cannot list this folder: Permission denied",
        "error: folder/gone.txt: broken symbolic link to nowhere.txt (No such file or directory)",
    ]
    assert "Traceback" not in result.stderr
    summary = json.loads(result.stdout)[0]
    assert (summary["documents_loaded"], summary["failed"]) == (2, 3)


# --- a few bytes that are not UTF-8 in a UTF-8 text -----------------------------------------------------


def _damaged(tmp_path: Path, name: str = "damaged.txt") -> tuple[Path, int, int]:
    """A seed (11 KB of UTF-8) with one space, past its middle, turned into 0xFF: (file, line, byte offset)."""
    from tests.conftest import PLAIN_SEED

    data = PLAIN_SEED.read_bytes()
    at = data.index(b" ", len(data) // 2)
    path = tmp_path / name
    path.write_bytes(data[:at] + b"\xff" + data[at + 1:])
    return path, data.count(b"\n", 0, at) + 1, at


def test_one_bad_byte_is_replaced_with_a_warning_that_says_where(runner, tmp_path: Path, make_db) -> None:
    path, line, at = _damaged(tmp_path)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    db = make_db()
    result = runner.invoke(app, ["--db", db, "load", str(path), str(tmp_path / "good.txt"), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert _errors(result.stderr) == []
    assert [w for w in result.stderr.splitlines() if w.startswith("warning:")] == [
        f"warning: {path}: line {line}, byte {at} (ff) is not UTF-8; read as \ufffd (U+FFFD)"]
    assert _summary(result)["documents_loaded"] == 2
    shown = json.loads(runner.invoke(app, ["--db", db, "sql", "SELECT encoding, text FROM documents "
                                           "WHERE file_name = 'damaged.txt'", "-f", "json"]).stdout)
    assert shown[0]["encoding"] == "utf-8" and shown[0]["text"].count("\ufffd") == 1


@pytest.mark.parametrize(("data", "encoding", "warning"), [
    ("Министр сказал, что работа идёт.".encode() + b"\xc0\xaf" + " Всё по плану, сроки не сорваны.".encode(),
     "utf-8", "2 bytes are not UTF-8, the first at line 1, byte 58 (c0); each read as \ufffd (U+FFFD)"),
    ("Первая строка.\nВторая строка с ошибкой ".encode() + b"\xff\n", "utf-8",
     "line 2, byte 71 (ff) is not UTF-8; read as \ufffd (U+FFFD)"),
    # another encoding breaks UTF-8 at nearly every letter: detected, never «repaired»
    ("Министр сказал, что работа идёт по плану.".encode("cp1251"), "cp1251", None),
    ("Министр сказал, что работа идёт по плану.".encode("koi8_r"), "koi8-r", None),
])
def test_decode_repairs_a_few_bad_bytes_only(data: bytes, encoding: str, warning: str | None) -> None:
    from docstore.ingest import decode

    text, found, note = decode(data)
    assert (found, note) == (encoding, warning)
    assert "работа" in text or "строка" in text


# --- a date the loader cannot read ----------------------------------------------------------------------

DATES = "(ISO 8601, RFC 2822, Unix time or «17 апреля 2019 г.»)"


def test_a_date_that_cannot_be_read_is_a_warning_and_the_document_is_stored_without_it(
        runner, tmp_path: Path, make_db) -> None:
    records = [{"title": "Паводок", "date": "вчера вечером", "text": GOOD},
               {"published": True, "text": OTHER},
               {"date": "2024-04-02T09:00:00", "text": "Губернатор провёл заседание. «Дамбы проверены», — сказал он."}]
    (tmp_path / "dump.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                         encoding="utf-8")
    row = '31.02.2024,"Мэр открыл парк. «Его строили три года», — сказал он."'
    (tmp_path / "table.csv").write_text(f"date,text\n{row}\n", encoding="utf-8")
    db = make_db()
    result = runner.invoke(app, ["--db", db, "load", str(tmp_path / "dump.jsonl"), str(tmp_path / "table.csv"),
                                 "-f", "json"])
    assert result.exit_code == 0, result.output
    assert _errors(result.stderr) == []
    assert [w for w in result.stderr.splitlines() if w.startswith("warning:")] == [
        f"warning: {tmp_path / 'dump.jsonl'}:line 1: field 'date' holds 'вчера вечером', not a date {DATES}; "
        "stored without a date",
        f"warning: {tmp_path / 'dump.jsonl'}:line 2: field 'published' holds true, not a date {DATES}; "
        "stored without a date",
        f"warning: {tmp_path / 'table.csv'}:line 2: field 'date' holds '31.02.2024', not a date {DATES}; "
        "stored without a date",
    ]
    assert _summary(result)["documents_loaded"] == 4
    stored = json.loads(runner.invoke(app, ["--db", db, "documents", "-f", "json"]).stdout)
    assert {d["file"]: (d["published"] or "")[:10] for d in stored} == {
        "dump.jsonl:line 1": "", "dump.jsonl:line 2": "", "dump.jsonl:line 3": "2024-04-02", "table.csv:line 2": ""}


# --- the storage fails: a full disk ---------------------------------------------------------------------


def _news(folder: Path, n: int) -> list[Path]:
    """n articles of ~2 KB each, all different."""
    folder.mkdir()
    paths = []
    for i in range(n):
        body = "".join(f"«Работы на участке {i}-{j} идут по плану», — сказал министр Иван Петров. Он добавил, "
                       f"что отчёт номер {i * 100 + j} будет готов к пятнице.\n" for j in range(12))
        paths.append(folder / f"{i:02d}.txt")
        paths[-1].write_text(f"Совещание номер {i}\n{body}", encoding="utf-8")
    return paths


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_disk_stops_the_load_at_once_and_keeps_what_was_stored(runner, tmp_path: Path, monkeypatch,
                                                                       jobs: str) -> None:
    """SQLite's max_page_count makes SQLITE_FULL as a full disk would, on this connection only."""
    from sqlalchemy import event

    import docstore.db

    paths = _news(tmp_path / "in", 40)
    db = tmp_path / "full.db"
    assert runner.invoke(app, ["--db", str(db), "load", str(paths[0])]).exit_code == 0
    pages = db.stat().st_size // 4096 + 60  # room for a few more documents, not for forty
    make_engine = docstore.db.make_engine

    def small_disk(url: str, read_only: bool = False):  # noqa: ANN202
        engine = make_engine(url, read_only)
        event.listen(engine, "connect", lambda conn, _: conn.execute(f"PRAGMA max_page_count = {pages}"))
        return engine

    monkeypatch.setattr(docstore.db, "make_engine", small_disk)
    result = runner.invoke(app, ["--db", str(db), "load", str(tmp_path / "in"), "-f", "json", "-j", jobs])
    monkeypatch.undo()
    assert result.exit_code == 1, result.output
    stored = [r["file"] for r in json.loads(runner.invoke(app, ["--db", str(db), "documents", "-f", "json"]).stdout)]
    assert len(stored) < 40 and stored == [p.name for p in paths[:len(stored)]]  # a prefix in input order
    assert len(stored) > 2 or jobs == "2"  # --jobs writes 32 documents a transaction: the first batch can fail whole
    assert _errors(result.stderr) == [f"error: database: disk full; nothing after {paths[len(stored) - 1]} was stored"]
    summary = _summary(result)
    assert summary["failed"] == 0 and summary["documents_loaded"] + summary["already_present"] == len(stored)
    assert runner.invoke(app, ["--db", str(db), "check"]).exit_code == 0


# --- an article far longer than news --------------------------------------------------------------------


def test_an_article_over_the_limit_is_refused_and_the_rest_loads(runner, tmp_path: Path, make_db, monkeypatch) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    book = "Глава первая. " + "Министр долго говорил о планах на год, и все слушали. " * 1500  # ~0.15 MB of UTF-8
    (tmp_path / "book.txt").write_text(book, encoding="utf-8")
    size = len(book.strip().encode("utf-8")) / 2**20
    (tmp_path / "dump.jsonl").write_text(json.dumps({"text": book}, ensure_ascii=False) + "\n"
                                         + json.dumps({"text": OTHER}, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "huge.txt").write_text(book * 4, encoding="utf-8")  # over 4× the limit: not even read whole
    monkeypatch.setenv("DOCSTORE_MAX_ARTICLE_MB", "0.1")
    db = make_db()
    paths = [str(tmp_path / n) for n in ("book.txt", "dump.jsonl", "good.txt", "huge.txt")]
    result = runner.invoke(app, ["--db", db, "load", *paths, "-f", "json"])
    assert result.exit_code == 1, result.output
    over = f"article of {size:.1f} MB is over the 0.1 MB limit for one news article (--max-article-mb)"
    assert _errors(result.stderr) == [
        f"error: {tmp_path / 'book.txt'}: {over}",
        f"error: {tmp_path / 'dump.jsonl'}:line 1: {over}",
        f"error: {tmp_path / 'huge.txt'}: file of more than 0.4 MB: over the 0.1 MB limit for one news article "
        "(--max-article-mb)",
    ]
    assert (_summary(result)["documents_loaded"], _summary(result)["failed"]) == (2, 3)
    taken = runner.invoke(app, ["--db", db, "load", paths[0], "--max-article-mb", "1", "-f", "json"])
    assert taken.exit_code == 0 and _summary(taken)["documents_loaded"] == 1


# --- the progress bar names what is stored ---------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_document_is_announced_once_it_is_stored_in_input_order(tmp_path: Path, jobs: int) -> None:
    """What the progress bar shows: a document's name once it is in the database, never the one being read."""
    from docstore.db import open_db
    from docstore.extract import extract
    from docstore.loader import load

    paths = _news(tmp_path / "in", 20)
    engine = open_db(str(tmp_path / "p.db"))
    announced: list[tuple[str, bool]] = []

    def stored(path: str) -> None:
        with engine.connect() as conn:
            there = conn.exec_driver_sql("SELECT count(*) FROM documents WHERE path = ?", (path,)).scalar()
        announced.append((path, there == 1))

    load(engine, [str(p) for p in paths], extract, on_document=stored, jobs=jobs)
    engine.dispose()
    assert announced == [(str(p), True) for p in paths]


def test_the_bar_moves_while_one_document_takes_long() -> None:
    """The elapsed time and a spinner go on while nothing is stored, e.g. during one long article."""
    import io
    import time

    from rich.console import Console

    from docstore import render

    out = io.StringIO()
    with render.progress(1, console=Console(file=out, width=120, force_terminal=True)):
        time.sleep(1.3)  # nothing happens: the bar redraws itself, ten times a second
    frames = [f for f in out.getvalue().split("\r") if "0/1" in f]
    assert any("0:00:00" in f for f in frames) and any("0:00:01" in f for f in frames)
    assert len({f.split()[0] for f in frames if f.split()}) > 1  # the spinner turned


def test_storage_failures_are_told_from_other_errors_on_both_engines() -> None:
    """What stops a load (no later write can succeed) against what fails one document or is retried."""
    import sqlite3

    import psycopg
    from sqlalchemy.exc import IntegrityError, OperationalError

    from docstore import dialects

    full = sqlite3.connect(":memory:")
    full.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite3.OperationalError) as sqlite_full:
        full.execute("CREATE TABLE a (x)")
        full.execute("CREATE TABLE b (x)")
        full.execute("INSERT INTO a VALUES (zeroblob(100000))")
    wrap = lambda orig: OperationalError("INSERT …", {}, orig)  # noqa: E731 - as SQLAlchemy raises them
    assert dialects.storage_failure(wrap(sqlite_full.value)) == "disk full"
    assert dialects.storage_failure(wrap(sqlite3.OperationalError("database is locked"))) is None
    assert dialects.storage_failure(wrap(psycopg.errors.DiskFull("could not extend file"))) == "disk full"
    assert dialects.storage_failure(wrap(psycopg.errors.IoError("could not write block 7"))) == "could not write block 7"
    assert dialects.storage_failure(IntegrityError("INSERT …", {}, psycopg.errors.UniqueViolation("dup"))) is None
