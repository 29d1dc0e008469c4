"""Small things `load` says about its inputs, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from docstore.cli import app

TEXT = "«Работа идёт по плану», — сказал министр Иван Петров журналистам."


def test_a_control_character_in_json_is_named_once(runner, tmp_path: Path, make_db) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"text": TEXT}, ensure_ascii=False) + '\n{"text": "a\tb"}\n', encoding="utf-8")
    result = runner.invoke(app, ["--db", make_db(), "load", str(dump), "-f", "json"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].endswith(":line 2: invalid JSON: Invalid control character at column 12")


def test_a_title_given_as_a_list_is_its_parts_joined(runner, tmp_path: Path, make_db) -> None:
    dump = tmp_path / "dump.jsonl"
    record = {"text": TEXT, "title": ["Министр о работе", "главное"], "url": {"href": "x"}}
    dump.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    db = make_db()
    assert runner.invoke(app, ["--db", db, "load", str(dump)]).exit_code == 0
    docs = json.loads(runner.invoke(app, ["--db", db, "sql", "SELECT title, url FROM documents", "-f", "json"]).stdout)
    assert docs == [{"title": "Министр о работе главное", "url": None}]


NAVIGATION_ONLY = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Новости Томска</title></head>
<body><nav><ul><li><a href="/">Главная</a></li><li><a href="/news">Новости</a></li><li><a href="/sport">Спорт</a></li>
<li><a href="/about">О редакции</a></li></ul></nav>
<div class="menu"><a href="/a">Политика</a> | <a href="/b">Экономика</a> | <a href="/c">Общество</a></div>
<footer>© tomsk.example, 2024</footer></body></html>
"""


def test_a_page_with_only_navigation_is_refused(runner, tmp_path: Path, make_db) -> None:
    page = tmp_path / "menu.html"
    page.write_text(NAVIGATION_ONLY, encoding="utf-8")
    result = runner.invoke(app, ["--db", make_db(), "load", str(page), "-f", "json"])
    assert result.exit_code == 1
    assert f"error: {page}: no article text found in the HTML page, only menus or links" in result.stderr
    assert json.loads(result.stdout)[0]["documents_loaded"] == 0
