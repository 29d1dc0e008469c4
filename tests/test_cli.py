"""Every command through Typer's runner, in table and JSON form, on the seeded database."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from docstore.cli import app
from docstore.queries import EVENT_FIELDS, QUOTE_FIELDS
from tests.conftest import HEADER_SEED, PLAIN_SEED

TOKAEV = "Касым-Жомарт Токаев"


def _json(result) -> list | dict:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _docs(cli) -> dict[str, dict]:
    return {d["file"]: d for d in _json(cli("documents", "--format", "json"))}


def test_every_command_is_documented(runner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = re.findall(r"^  (\w+)\s", result.stdout.split("Commands:")[1], re.M)
    assert listed == [
        "load", "documents", "show", "search", "events", "event", "sql", "serve", "delete",
        "export", "copy", "check", "doctor", "reextract", "db", "quotes", "speakers", "corrections",
    ]
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [c for c in listed if f"docstore {c}" not in readme]
    assert not missing, f"commands not in README.md: {missing}"


def test_documents_table_and_json(cli) -> None:
    table = cli("documents")
    assert table.exit_code == 0 and "sng.today" in table.stdout and "Documents" in table.stdout
    docs = _docs(cli)
    header = docs[HEADER_SEED.name]
    assert header["title"] == "Президент Казахстана поручил полиции наладить диалог с обществом"
    assert header["published"] == "2019-04-17T23:45:00" and header["site"] == "sng.today"
    assert docs[PLAIN_SEED.name]["published"] is None


def test_first_seed_direct_quotes_belong_to_tokaev_with_exact_offsets(cli) -> None:
    doc_id = _docs(cli)[PLAIN_SEED.name]["id"]
    view = _json(cli("show", str(doc_id), "--format", "json"))
    direct = [q for q in view["quotes"] if q["kind"] == "direct" and q["text"][:1].isupper()]
    assert len([q for q in view["quotes"] if q["kind"] == "direct"]) >= 8
    for q in view["quotes"]:
        assert view["text"][q["start"] : q["end"]] == q["text"]
    assert all(q["speaker"] == TOKAEV for q in direct)
    # the two quotes that open in one paragraph and close in the next
    assert sum("\n" in q["text"] for q in direct) >= 2


@pytest.mark.parametrize("query", ["Токаев", "Токаева", "токаев", "ТОКАЕВУ", TOKAEV, "касым-жомарта токаева"])
def test_speaker_forms_give_the_same_rows(cli, query: str) -> None:
    reference = _json(cli("quotes", "--speaker", "Токаев", "--format", "json"))
    assert len(reference) >= 8 and {q["speaker"] for q in reference} == {TOKAEV}
    assert _json(cli("quotes", "--speaker", query, "--format", "json")) == reference


def test_quotes_table_and_filters(cli) -> None:
    table = cli("quotes", "--speaker", "Токаев")
    assert table.exit_code == 0 and f"Quotes of {TOKAEV}" in table.stdout
    assert "direct" in table.stdout
    direct = _json(cli("quotes", "--kind", "direct", "--format", "json"))
    assert direct and {q["kind"] for q in direct} == {"direct"}
    doc_id = _docs(cli)[HEADER_SEED.name]["id"]
    in_doc = _json(cli("quotes", "--document", str(doc_id), "--format", "json"))
    assert in_doc and {q["document"] for q in in_doc} == {HEADER_SEED.name}
    assert len(_json(cli("quotes", "--limit", "3", "--format", "json"))) == 3
    speaker_id = _json(cli("speakers", "--format", "json"))[0]["id"]
    by_id = _json(cli("quotes", "--speaker-id", str(speaker_id), "--format", "json"))
    assert by_id == _json(cli("quotes", "--speaker", "Токаев", "--format", "json"))


def test_json_and_jsonl_carry_the_same_objects_and_cyrillic_unescaped(cli) -> None:
    as_json = _json(cli("quotes", "--format", "json"))
    jsonl = cli("quotes", "--format", "jsonl")
    assert "\\u04" not in jsonl.stdout and "Токаев" in jsonl.stdout
    assert [json.loads(line) for line in jsonl.stdout.splitlines()] == as_json
    rows = list(csv.DictReader(io.StringIO(cli("quotes", "--format", "csv").stdout)))
    assert len(rows) == len(as_json) and rows[0]["text"] == as_json[0]["text"]


def test_speakers_and_events(cli) -> None:
    table = cli("speakers")
    assert table.exit_code == 0 and TOKAEV in table.stdout
    speakers = _json(cli("speakers", "--format", "json"))
    tokaev = next(s for s in speakers if s["name"] == TOKAEV)
    assert tokaev["kind"] == "person" and "Токаев" in tokaev["aliases"] and tokaev["quotes"] >= 8
    events = cli("events")
    assert events.exit_code == 0 and "Events" in events.stdout
    assert isinstance(_json(cli("events", "--format", "json")), list)


def test_show_table_numbers_quotes(cli) -> None:
    doc_id = _docs(cli)[HEADER_SEED.name]["id"]
    shown = cli("show", str(doc_id))
    assert shown.exit_code == 0
    assert "[1]" in shown.stdout and "Quotes" in shown.stdout
    assert "Президент Казахстана поручил полиции" in shown.stdout


def test_export_field_names(cli, tmp_path: Path) -> None:
    lines = cli("export", "quotes", "--format", "jsonl").stdout.splitlines()
    quotes = [json.loads(line) for line in lines]
    assert quotes and all(list(q) == list(QUOTE_FIELDS) for q in quotes)
    assert {"document", "text", "speaker", "kind", "start", "end", "attributed_as", "event"} <= set(QUOTE_FIELDS)
    assert {q["document"] for q in quotes} == {HEADER_SEED.name, PLAIN_SEED.name}
    out = tmp_path / "events.csv"
    result = cli("export", "events", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == list(EVENT_FIELDS)
    assert {"document", "name", "date", "location", "participants"} <= set(EVENT_FIELDS)


READ_ONLY_REFUSAL = {"sqlite": "error: sql: attempt to write a readonly database",
                     "postgresql": "error: sql: cannot execute INSERT in a read-only transaction"}


def test_sql_is_read_only_unless_write(cli, seeded_copy: str, backend: str) -> None:
    rows = _json(cli("sql", "SELECT name FROM speakers WHERE kind = 'person' ORDER BY id", "--format", "json"))
    assert {"name": TOKAEV} in rows
    table = cli("sql", "SELECT count(*) AS n FROM documents")
    assert table.exit_code == 0 and "2" in table.stdout
    refused = cli("sql", "INSERT INTO speakers (name, key, kind) VALUES ('X', 'x', 'person')", db=seeded_copy)
    assert refused.exit_code == 1
    assert refused.stderr.startswith(READ_ONLY_REFUSAL[backend])
    assert "add --write to change it" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "Traceback" not in refused.output
    allowed = cli("sql", "INSERT INTO speakers (name, key, kind) VALUES ('X', 'x', 'person')", "--write", db=seeded_copy)
    assert allowed.exit_code == 0, allowed.output
    assert _json(cli("sql", "SELECT count(*) AS n FROM speakers WHERE key = 'x'", "--format", "json", db=seeded_copy)) == [{"n": 1}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "999"], "error: no document with id 999"),
        (["quotes", "--speaker", "Путин"], "error: no speaker matches 'Путин'"),
        (["quotes", "--speaker-id", "999"], "error: no speaker with id 999"),
        (["sql", "SELEC 1"], {"sqlite": "error: sql: near \"SELEC\": syntax error",
                              "postgresql": "error: sql: syntax error at or near \"SELEC\""}),
        (["sql", "SELECT * FROM nowhere"], {"sqlite": "error: sql: no such table: nowhere",
                                            "postgresql": "error: sql: relation \"nowhere\" does not exist"}),
    ],
)
def test_user_errors_are_one_line_without_traceback(cli, backend: str, args: list[str], message) -> None:
    message = message[backend] if isinstance(message, dict) else message
    result = cli(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_unreadable_database_is_a_clear_error(runner, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    result = runner.invoke(app, ["--db", str(junk), "documents"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot open database") and "not a database" in result.stderr


def test_load_reports_bad_files_continues_and_fails(runner, tmp_path: Path, make_db) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "ok.txt").write_text("«Работа идёт», — сказал министр Иван Петров.", encoding="utf-8")
    db = make_db()
    result = runner.invoke(app, ["--db", db, "load", str(folder), str(tmp_path / "missing.txt"), "-f", "json"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and any("empty.txt: empty file" in e for e in errors)
    summary = json.loads(result.stdout)[0]
    assert (summary["documents_loaded"], summary["failed"]) == (1, 2)


def test_reload_is_already_present_and_force_re_extracts(runner, seeded_copy: str) -> None:
    base = ["--db", str(seeded_copy), "load", str(HEADER_SEED), str(PLAIN_SEED)]
    again = runner.invoke(app, [*base, "--format", "json"])
    summary = json.loads(again.stdout)[0]
    assert (summary["documents_loaded"], summary["already_present"], summary["quotes"]) == (0, 2, 0)
    table = runner.invoke(app, base)
    assert "already present" in table.stdout and table.exit_code == 0
    before = summary["database"]
    forced = json.loads(runner.invoke(app, [*base, "--force", "--format", "json"]).stdout)[0]
    assert forced["documents_loaded"] == 2 and forced["database"] == before


def test_db_commands(runner, seeded_copy: str, tmp_path: Path) -> None:
    from docstore.config import head_revision

    head = head_revision()
    db = ["--db", seeded_copy, "db"]
    assert runner.invoke(app, [*db, "current"]).stdout.strip() == f"{head} (head)"
    down = runner.invoke(app, [*db, "downgrade", "base"])
    assert down.exit_code == 0 and down.stdout.strip() == "base"
    assert runner.invoke(app, [*db, "current"]).stdout.strip() == f"base (head is {head})"
    up = runner.invoke(app, [*db, "upgrade"])
    assert up.exit_code == 0 and up.stdout.strip() == head
    fresh = tmp_path / "fresh.db"
    assert runner.invoke(app, ["--db", f"sqlite:///{fresh}", "db", "upgrade"]).stdout.strip() == head
    assert runner.invoke(app, ["--db", f"sqlite:///{fresh}", "documents", "-f", "json"]).stdout.strip() == "[]"


def test_database_from_environment(runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DOCSTORE_DB", str(tmp_path / "env.db"))
    assert runner.invoke(app, ["load", str(HEADER_SEED), "--format", "json"]).exit_code == 0
    assert (tmp_path / "env.db").exists()
    assert len(json.loads(runner.invoke(app, ["documents", "--format", "json"]).stdout)) == 1


READ_COMMANDS = [
    ["quotes", "--speaker", "Токаев", "--limit", "20", "-f", "json"], ["quotes", "--event", "1", "--since", "2019"],
    ["speakers"], ["documents"], ["show", "1"], ["events", "--speaker", "Токаев"], ["event", "1"],
    ["export", "quotes"], ["search", "полиции", "--quotes", "-f", "json"],
]


def test_read_commands_import_no_orm_no_models_no_natasha_no_alembic(seeded_db: str) -> None:
    """A query command's start-up: the ORM (and the models mapped with it) is for the store's writes."""
    code = (
        "import sys\nfrom docstore.cli import app\n"
        f"for args in {READ_COMMANDS!r}:\n"
        "    try:\n"
        f"        app(['--db', {seeded_db!r}, *args], standalone_mode=False)\n"
        "    except SystemExit as exc:\n"
        "        assert not exc.code, (args, exc.code)\n"
        "print([m for m in ('sqlalchemy.orm', 'docstore.models', 'docstore.store', 'natasha', 'alembic') "
        "if m in sys.modules], file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_a_role_nobody_names_is_its_own_speaker_in_each_article(runner, tmp_path: Path, make_db) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Суд отложил рассмотрение дела. «Мы обжалуем решение», — заявил адвокат Петрова.", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Процесс продолжится в мае. Защита готовит жалобу, сообщил адвокат Петрова.", encoding="utf-8")
    db = make_db()
    assert runner.invoke(app, ["--db", db, "load", str(folder)]).exit_code == 0
    speakers = json.loads(runner.invoke(app, ["--db", db, "speakers", "--format", "json"]).stdout)
    roles = [(s["name"], s["kind"]) for s in speakers]
    # the role as written, in the nominative, once per article: two articles' lawyers are not one person
    assert roles == [("адвокат Петрова", "role"), ("адвокат Петрова", "role")]
    quotes = json.loads(runner.invoke(app, ["--db", db, "quotes", "--format", "json"]).stdout)
    assert sorted((q["speaker"], q["text"]) for q in quotes) == [
        ("адвокат Петрова", "Защита готовит жалобу"), ("адвокат Петрова", "Мы обжалуем решение")]
