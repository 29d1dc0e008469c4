"""Corrections by hand through the CLI, kept across re-extraction; `reextract` itself; on both engines."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from docstore.cli import app
from docstore.extract import version
from tests.conftest import SEEDS

FIXES = Path(__file__).resolve().parents[1] / "examples" / "fixes"  # three short articles written for the README


def _json(result) -> list | dict:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def news(make_db, runner, tmp_path: Path):
    """A database with the seeds and examples/fixes; run(*args) runs docstore on it."""
    folder = tmp_path / "news"
    shutil.copytree(FIXES, folder)
    db = make_db("fix")

    def run(*args: str):
        return runner.invoke(app, ["--db", db, *args])

    assert run("load", str(SEEDS), str(folder)).exit_code == 0
    run.db, run.folder = db, folder
    return run


def _quotes(run, *args: str) -> dict[int, dict]:
    return {q["id"]: q for q in _json(run("quotes", *args, "--format", "json"))}


def _speakers(run) -> dict[str, dict]:
    return {s["name"]: s for s in _json(run("speakers", "--format", "json"))}


def _said(quotes: dict[int, dict], start: str) -> dict:
    return next(q for q in quotes.values() if q["text"].startswith(start))


def _state(run) -> list[tuple]:
    """Every quote as (document, offsets, text, speaker), and every speaker with its aliases and count."""
    quotes = sorted((q["document"], q["start"], q["end"], q["text"], q["speaker"]) for q in _quotes(run).values())
    speakers = sorted((s["name"], s["kind"], tuple(sorted(s["aliases"])), s["quotes"]) for s in _speakers(run).values())
    return [quotes, speakers]


def _checked(run) -> None:
    result = run("check")
    assert result.exit_code == 0, result.stdout


def test_corrections_hold_through_reextract_and_undo_restores_the_extractors_answer(news, monkeypatch) -> None:
    """The scripted case: merge two speakers, reassign one quote, reject one; a newer extractor re-extracts
    everything; the three still hold; undoing each gives back what the extractor said."""
    monkeypatch.setenv("DOCSTORE_USER", "редактор")
    extracted = _state(news)
    quotes = _quotes(news)
    denial, title = _said(quotes, "Денег в бюджете"), _said(quotes, "отремонтировать мост")
    assert denial["speaker"] == "Анна Смирнова" and title["speaker"] == "Иван Петров"

    assert news("speakers", "merge", "Иван Петров", "Сергей Волков").exit_code == 0
    assert news("quotes", "reassign", str(denial["id"]), "--speaker", "Орлова").exit_code == 0
    assert news("quotes", "reject", str(title["id"])).exit_code == 0

    def holds() -> None:
        quotes = _quotes(news)
        assert _said(quotes, "Это лучшая школа")["speaker"] == "Иван Петров"
        assert _said(quotes, "Денег в бюджете")["speaker"] == "Мария Орлова"
        assert not any(q["text"] == "отремонтировать мост" for q in quotes.values())
        speakers = _speakers(news)
        assert "Сергей Волков" not in speakers and "Сергей Волков" in speakers["Иван Петров"]["aliases"]
        assert any("merged by hand" in (m["reason"] or "") for m in speakers["Иван Петров"]["merged"])
        # the rejected quote is gone from search and export too
        assert not [q for q in _json(news("search", "отремонтировать", "--quotes", "--format", "json"))]
        exported = [json.loads(line) for line in news("export", "quotes").stdout.splitlines()]
        assert not any(q["text"] == "отремонтировать мост" for q in exported)
        _checked(news)

    holds()
    ids = set(_quotes(news))
    monkeypatch.setattr("docstore.extract.version.EXTRACTOR_VERSION", "next")
    summary = _json(news("reextract", "--all", "--format", "json"))[0]
    assert summary["documents_re_extracted"] == 5 and summary["failed"] == 0
    assert summary["quotes_added"] == summary["quotes_removed"] == summary["quotes_re_attributed"] == 0
    holds()
    assert set(_quotes(news)) == ids  # the same quotes, the same ids
    listed = _json(news("corrections", "--format", "json"))
    assert [(c["id"], c["action"], c["who"], c["state"]) for c in listed] == [
        (1, "merge", "редактор", "active"), (2, "reassign", "редактор", "active"), (3, "reject", "редактор", "active")]

    for cid in ("3", "2", "1"):
        done = news("corrections", "undo", cid)
        assert done.exit_code == 0 and f"correction {cid} undone" in done.stdout
    assert _state(news) == extracted
    assert [c["state"] for c in _json(news("corrections", "--format", "json"))] == ["undone"] * 3
    _checked(news)


def test_rename_and_split_are_kept_by_key_and_undone(news) -> None:
    extracted = _state(news)
    smirnova = _speakers(news)["Анна Смирнова"]["id"]
    renamed = news("speakers", "rename", str(smirnova), "Анна  Смирнова-Петрова")
    assert renamed.exit_code == 0 and "renamed Анна Смирнова-Петрова" in renamed.stdout
    assert _json(news("quotes", "--speaker", "анна смирнова-петрова", "--format", "json"))
    petrov = _speakers(news)["Иван Петров"]["id"]
    split = news("speakers", "split", str(petrov), "--alias", "петров", "--name", "Олег Петров")
    assert split.exit_code == 0, split.output
    assert _said(_quotes(news), "Посмотрим")["speaker"] == "Олег Петров"
    news("reextract", "--all")
    speakers = _speakers(news)
    assert "Анна Смирнова" not in speakers and speakers["Анна Смирнова-Петрова"]["quotes"] == 1
    assert _said(_quotes(news), "Посмотрим")["speaker"] == "Олег Петров"
    assert "Петров" not in speakers["Иван Петров"]["aliases"]
    _checked(news)
    assert news("corrections", "undo", "2").exit_code == 0
    assert news("corrections", "undo", "1").exit_code == 0
    assert _state(news) == extracted


@pytest.mark.parametrize("args, message", [
    (["quotes", "reject", "999"], "error: no quote with id 999; see `docstore quotes`"),
    (["quotes", "reassign", "1"], "error: whose quote is it? give --speaker NAME or --speaker-id ID"),
    (["quotes", "reassign", "1", "--speaker", "Назарбаев"], "error: no speaker matches 'Назарбаев'"),
    (["speakers", "merge", "1", "999"], "error: no speaker with id 999; see `docstore speakers`"),
    (["speakers", "merge", "Токаев", "1"], "error: A and B are one speaker"),
    (["speakers", "rename", "1", "Касым-Жомарт Токаев"], "error: speaker 1 is named Касым-Жомарт Токаев already"),
    (["speakers", "split", "1", "--alias", "Назарбаев"], "error: speaker Касым-Жомарт Токаев (id 1) has no alias"),
    (["corrections", "undo", "7"], "error: no correction with id 7; see `docstore corrections`"),
    (["reextract", "--all", "--older"], "error: --all and --older: give one"),
])
def test_a_bad_correction_is_one_line_and_stores_nothing(news, args: list[str], message: str) -> None:
    before = _state(news)
    result = news(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
    assert _state(news) == before and _json(news("corrections", "--format", "json")) == []


def test_undo_twice_is_refused(news) -> None:
    assert news("quotes", "reject", "1").exit_code == 0
    assert news("corrections", "undo", "1").exit_code == 0
    again = news("corrections", "undo", "1")
    assert again.exit_code == 1 and again.stderr.startswith("error: correction 1 was undone already (")


def test_reextract_older_takes_what_another_extractor_made_and_keeps_unchanged_quote_ids(news, monkeypatch) -> None:
    quotes = _quotes(news)
    assert _json(news("reextract", "--older", "--format", "json"))[0]["documents_re_extracted"] == 0
    news("sql", "UPDATE documents SET extractor_version = NULL WHERE id = 1", "--write")
    news("sql", "UPDATE documents SET extractor_version = '0' WHERE id = 2", "--write")
    # what an older extractor said: a quote that is not there any more, another one's speaker changed
    news("sql", "DELETE FROM quotes WHERE id = (SELECT max(id) FROM quotes WHERE document_id = 2)", "--write")
    news("sql", "UPDATE quotes SET speaker_id = NULL WHERE id = (SELECT min(id) FROM quotes WHERE document_id = 1)",
         "--write")
    news("db", "recount")
    summary = _json(news("reextract", "--format", "json"))[0]  # --older is the default
    assert summary == {"documents_re_extracted": 2, "failed": 0, "quotes_added": 1, "quotes_removed": 0,
                       "quotes_re_attributed": 1}
    after = _quotes(news)
    assert {k: v for k, v in after.items() if k in quotes} == {k: v for k, v in quotes.items() if k in after}
    assert len(after) == len(quotes) and max(after) > max(quotes)  # the one missing came back as a new row
    versions = _json(news("sql", "SELECT DISTINCT extractor_version AS v FROM documents", "--format", "json"))
    assert versions == [{"v": str(version.EXTRACTOR_VERSION)}]
    _checked(news)


def test_reextract_in_two_workers_gives_the_rows_of_one(news) -> None:
    before = _state(news)
    done = news("reextract", "--all", "--jobs", "2", "--format", "json")
    assert _json(done)[0]["documents_re_extracted"] == 5
    assert _state(news) == before


def test_load_of_an_unchanged_file_an_older_extractor_read_says_reextract_exists(news) -> None:
    news("sql", "UPDATE documents SET extractor_version = NULL", "--write")
    again = news("load", str(news.folder))
    assert again.exit_code == 0
    assert ("hint: 3 of these files are stored as an older extractor read them; `docstore reextract --older` "
            "re-reads the stored texts (no files needed)\n") in again.stderr
    news("reextract")
    assert "reextract" not in news("load", str(news.folder)).stderr


KILLED = """
import os, signal, sys
from docstore import corrections, reextract
from docstore.cli import app
from docstore.extract import version

version.EXTRACTOR_VERSION = "next"
reextract.BATCH = 1  # a transaction per document, so that the third one can die alone
applied = corrections.reapply
calls = [0]

def reapply(conn, hashes):  # the third document's transaction dies with everything written but the commit
    calls[0] += 1
    if calls[0] == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    applied(conn, hashes)

corrections.reapply = reapply
sys.argv = ["docstore", "--db", sys.argv[1], "reextract", "--older"]
app()
"""


@pytest.mark.sqlite_only
def test_reextract_killed_with_sigkill_leaves_whole_documents_and_goes_on(news, monkeypatch) -> None:
    before = _state(news)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    killed = subprocess.run([sys.executable, "-c", KILLED, news.db], env=env, capture_output=True, text=True, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    versions = _json(news("sql", "SELECT id, extractor_version AS v FROM documents ORDER BY id", "--format", "json"))
    now = str(version.EXTRACTOR_VERSION)
    assert [v["v"] for v in versions] == ["next", "next", now, now, now]
    _checked(news)
    monkeypatch.setattr("docstore.extract.version.EXTRACTOR_VERSION", "next")
    rest = _json(news("reextract", "--older", "--format", "json"))[0]
    assert rest["documents_re_extracted"] == 3
    assert _state(news) == before


def test_corrections_list_as_csv_with_the_payload_as_json(news) -> None:
    import csv
    import io

    assert news("quotes", "reject", "1").exit_code == 0
    listed = news("corrections", "--format", "csv")
    assert listed.exit_code == 0
    (row,) = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert row["action"] == "reject" and row["state"] == "active" and row["undone_at"] == ""
    payload = json.loads(row["payload"])
    assert set(payload) == {"document", "document_id", "start", "end", "text", "was"}


def test_reextract_writes_several_documents_per_transaction_and_a_bad_one_alone(news, monkeypatch) -> None:
    """A batch whose writing fails is written again a document at a time: only the bad one fails."""
    from docstore import store

    monkeypatch.setattr("docstore.extract.version.EXTRACTOR_VERSION", "next")
    real = store._store
    bad = _json(news("sql", "SELECT max(id) AS id FROM documents", "--format", "json"))[0]["id"]

    def store_one(batch, article, extraction, **kw):
        result = real(batch, article, extraction, **kw)
        if result.document_id == bad:
            raise ValueError("broken rows")
        return result

    monkeypatch.setattr(store, "_store", store_one)
    done = news("reextract", "--older", "--format", "json")
    assert done.exit_code == 1 and "broken rows" in done.stderr  # one line for the bad document, the rest go on
    summary = json.loads(done.stdout)[0]
    assert summary["documents_re_extracted"] == 4 and summary["failed"] == 1
    versions = _json(news("sql", "SELECT id, extractor_version AS v FROM documents ORDER BY id", "--format", "json"))
    assert [v["v"] for v in versions if v["id"] != bad] == ["next"] * 4
    assert [v["v"] for v in versions if v["id"] == bad] != ["next"]
    _checked(news)


def test_reextract_writes_several_documents_in_one_transaction(news, monkeypatch) -> None:
    """Each transaction re-applies the corrections once: fewer times than there are documents."""
    from docstore import corrections

    monkeypatch.setattr("docstore.extract.version.EXTRACTOR_VERSION", "next")
    monkeypatch.setattr("docstore.reextract.BATCH_SECONDS", 3600.0)  # batches by size only, however slow the machine
    calls = []
    real = corrections.reapply
    monkeypatch.setattr(corrections, "reapply", lambda conn, hashes: (calls.append(1), real(conn, hashes))[1])
    summary = _json(news("reextract", "--older", "--format", "json"))[0]
    assert summary["documents_re_extracted"] == 5 and len(calls) == 1
    _checked(news)
