"""Full-text search by lemma: the lemmatiser, the query language, snippets, the index kept in step."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from docstore import lemmas, queries
from docstore.db import alembic_config, make_engine, open_db, session
from docstore.dialects.sqlite import match_expression
from docstore.extract.extraction import Extraction, Quote
from docstore.ingest import Article
from docstore.search import QueryError, alternatives, parse, snippet
from docstore.store import delete_document, store_extraction
from tests.conftest import HEADER_SEED, PLAIN_SEED, SEEDS, url

# Forms of one word each: every form must give the same term.
FORMS = [
    ("полиция", "полиции", "полицию", "полицией", "полициях"),
    ("реформа", "реформы", "реформу", "реформой", "реформами"),
    ("казахстанский", "казахстанской", "казахстанскую", "казахстанских"),
    ("сказать", "сказал", "сказала", "скажет", "сказали"),
    ("ёлка", "елки", "Ёлкой"),
    ("Токаев", "Токаева", "Токаеву", "Токаевым"),  # unknown to pymorphy3: Snowball stem
    ("Нур-Султан", "Нур-Султане", "Нур-Султана"),
]


@pytest.mark.parametrize("forms", FORMS, ids=lambda f: f[0])
def test_every_form_of_a_word_is_found_by_every_other(forms: tuple[str, ...]) -> None:
    for typed in forms:
        assert {lemmas.term(f) for f in forms} <= set(alternatives(typed)), typed
    assert len({lemmas.term(f) for f in forms[1:]}) == 1  # the index term: one per lexeme


def test_lemma_text_keeps_words_drops_punctuation() -> None:
    assert lemmas.lemma_text("«Реформы полиции», — сказала Ёлкина.") == "реформа полиция сказать елкин"
    assert lemmas.lemma_text(None) == ""


@pytest.mark.parametrize("typed, expression", [
    ("полицией", '"полиция"'),
    ("реформа полиции", '"реформа" AND "полиция"'),
    ('"реформу полиции"', '"реформа полиция"'),
    ("реформа OR полиция", '("реформа" OR "полиция")'),
    ("реформа | полиция МВД", '("реформа" OR "полиция") AND "мвд"'),
    ("полиция -реформы", '("полиция") NOT "реформа"'),
    ('полиция -"масштабные реформы"', '("полиция") NOT "масштабный реформа"'),
    ("полиция NOT реформы", '("полиция") NOT "реформа"'),
    ('реформа "полиции', '"реформа" AND "полиция"'),  # an unclosed quote runs to the end
    ('полиц* NEAR(a) ^b "c""', '"полиц" AND "near" AND "a" AND "b" AND "c"'),  # FTS5 syntax is just text
    ("Касым-Жомарта", '"касым-жомарт"'),
])
def test_queries_become_safe_match_expressions(typed: str, expression: str) -> None:
    assert match_expression(parse(typed)) == expression


@pytest.mark.parametrize("typed", ["", "   ", "((( )))", '"', "-полиция", "NOT реформа", "OR", "— «» …"])
def test_a_query_with_nothing_to_find_is_refused(typed: str) -> None:
    with pytest.raises(QueryError, match="nothing to search for"):
        parse(typed)


def test_snippet_marks_every_form_around_the_best_match() -> None:
    body = ("Вступление без нужных слов. " * 20 + "Реформа полиции идёт. Полицию реформируют, "
            "а реформы полиции хвалят. " + "Хвост без нужных слов. " * 20)
    got = snippet(body, parse("реформа полиция"), width=80)
    assert got.startswith("…") and got.endswith("…")
    assert "**Реформа** **полиции**" in got and "**Полицию**" in got
    assert "\n" not in got and len(got.replace("**", "")) < 140
    assert snippet("Короткий текст.", parse("полиция")) == "Короткий текст."


# --- the index through the store, on sentences written for the purpose -------------------------------

SENTENCES = {
    "a.txt": "Полиция задержала подозреваемого. Министр похвалил полицейских.",
    "b.txt": "Реформа полиции продолжится, сообщил министр внутренних дел.",
    "c.txt": "Депутаты обсуждали реформу образования и новые школы.",
    "d.txt": "Школьники писали о полицейской реформе в своих сочинениях.",
}


@pytest.fixture
def small(make_db):
    engine = open_db(make_db("small"))
    ids = {}
    for name, body in SENTENCES.items():
        q = body.index("Реформа полиции") if "Реформа полиции" in body else None
        quotes = [Quote("Реформа полиции продолжится", q, q + 27, "indirect")] if q is not None else []
        with session(engine) as s:
            ids[name] = store_extraction(s, Article(text=body, path=f"/x/{name}", title=name),
                                         Extraction(quotes=quotes)).document_id
    yield engine, ids
    engine.dispose()


def _found(engine, query: str, **kw) -> set[str]:
    with session(engine) as s:
        return {r.get("file") or r.get("document") for r in queries.search(s, query, **kw)}


@pytest.mark.parametrize("query, files", [
    ("полиции", {"a.txt", "b.txt"}),
    ("полицией", {"a.txt", "b.txt"}),
    ("реформами", {"b.txt", "c.txt", "d.txt"}),
    ("реформы полиции", {"b.txt"}),
    ('"реформа полиции"', {"b.txt"}),
    ('"полиции реформа"', set()),
    ("школам OR полицейскому", {"a.txt", "c.txt", "d.txt"}),
    ("реформа -школа", {"b.txt", "d.txt"}),  # «школьники» is another word
    ("министрам", {"a.txt", "b.txt"}),
    ('реформа -"внутренние дела"', {"c.txt", "d.txt"}),
])
def test_search_finds_every_form_and_obeys_the_syntax(small, query: str, files: set[str]) -> None:
    engine, _ = small
    assert _found(engine, query) == files


def test_search_quotes_and_index_follows_deletion(small) -> None:
    engine, ids = small
    assert _found(engine, "реформу", quotes=True) == {"b.txt"}
    with session(engine) as s:
        assert delete_document(s, ids["b.txt"])
    assert _found(engine, "реформу", quotes=True) == set()
    assert _found(engine, "реформу") == {"c.txt", "d.txt"}
    with session(engine) as s:  # ad hoc SQL deletes too: the trigger follows
        s.execute(text("DELETE FROM documents WHERE file_name = 'c.txt'"))
        s.commit()
    assert _found(engine, "реформу") == {"d.txt"}
    _assert_index_matches_rows(engine)


def _assert_index_matches_rows(engine) -> None:
    with engine.connect() as conn:
        for table in ("documents", "quotes"):
            rows = conn.execute(text(f"SELECT id FROM {table} ORDER BY id")).scalars().all()
            indexed = conn.execute(text(f"SELECT rowid FROM {table}_fts ORDER BY rowid")).scalars().all()
            assert indexed == rows, table


# --- dates: --since/--until read the hits' dates from an index --------------------------------------------

DATED = {  # file: (published, text); the quote is the text's first sentence
    "jan.txt": ("2021-01-15 10:00", "Реформа полиции начнётся весной. Министр говорил о школах."),
    "feb.txt": ("2021-02-01 00:00", "Реформа полиции отложена. Полиция ждёт."),
    "mar.txt": ("2021-03-31 23:59", "Реформа полиции завершена досрочно."),
    "none.txt": (None, "Реформа полиции без даты."),
}


@pytest.fixture
def dated(make_db) -> str:
    from datetime import datetime

    db = make_db("dated")
    engine = open_db(db)
    for name, (published, body) in DATED.items():
        first = body.split(".")[0]
        with session(engine) as s:
            store_extraction(s, Article(text=body, path=f"/x/{name}", title=name,
                                        published=datetime.fromisoformat(published) if published else None),
                             Extraction(quotes=[Quote(first, 0, len(first), "direct")]))
    engine.dispose()
    return db


@pytest.mark.parametrize("args, files", [
    ([], {"jan.txt", "feb.txt", "mar.txt", "none.txt"}),
    (["--since", "2021-02-01"], {"feb.txt", "mar.txt"}),  # the first moment of the day counts
    (["--until", "2021-02-01"], {"jan.txt", "feb.txt"}),  # the whole day counts
    (["--since", "2021-01-16", "--until", "2021-03-31"], {"feb.txt", "mar.txt"}),
    (["--since", "2021-04-01"], set()),
    (["--since", "2021-02", "--until", "2021-02"], {"feb.txt"}),  # the same forms as quotes and events take
    (["--until", "2021-02"], {"jan.txt", "feb.txt"}),
    (["--since", "2021", "--until", "2021"], {"jan.txt", "feb.txt", "mar.txt"}),
])
def test_search_dates_keep_documents_and_quotes_of_those_days(runner, dated: str, args, files) -> None:
    from docstore.cli import app

    def search(*extra: str) -> list[dict]:
        return _json(runner.invoke(app, ["--db", dated, "search", "реформу полиции", *args, *extra, "-f", "json"]))

    docs, said = search(), search("--quotes")
    assert {r["file"] for r in docs} == files
    assert {r["document"] for r in said} == files
    # the filter only drops hits: the rest keep the order (and the scores) the unfiltered search gives them
    everything = _json(runner.invoke(app, ["--db", dated, "search", "реформу полиции", "-f", "json"]))
    assert docs == [r for r in everything if r["file"] in files]


# --- the index holds lemma strings, and any SQLite reads, searches and deletes through it -------------------

@pytest.mark.sqlite_only
def test_the_index_holds_the_lemma_strings_of_every_row(cli, seeded_db: str) -> None:
    engine = make_engine(url(seeded_db))
    with engine.connect() as conn:
        docs = conn.execute(text("SELECT id, title, text FROM documents ORDER BY id")).all()
    engine.dispose()
    indexed = _json(cli("sql", "SELECT rowid, title, text FROM documents_fts ORDER BY rowid", "--format", "json"))
    assert indexed == [{"rowid": i, "title": lemmas.lemma_text(t), "text": lemmas.lemma_text(b)} for i, t, b in docs]


@pytest.mark.sqlite_only
def test_the_system_sqlite_reads_searches_and_deletes_without_docstore(runner, seeded_copy: str) -> None:
    """Python's own sqlite3 module (the system's SQLite, 3.40 on Debian 12), no function of docstore's:
    every table and view, count(*), MATCH on lemmas, snippet(), highlight(), and a delete that keeps the
    index whole (the `sqlite3` shell, sqlite-utils and Datasette read through the same library)."""
    import sqlite3

    from docstore.cli import app

    def run(*args):
        return runner.invoke(app, ["--db", seeded_copy, *args])

    doc = _json(run("search", "наркотиками", "--format", "json"))[0]["id"]
    plain = sqlite3.connect(seeded_copy)
    names = plain.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").fetchall()
    for (name,) in names:
        plain.execute(f'SELECT * FROM "{name}" LIMIT 1').fetchall()
    assert {"documents_fts", "quotes_fts", "quote_rows", "document_rows"} <= {n for (n,) in names}
    counts = plain.execute("SELECT (SELECT count(*) FROM documents_fts), (SELECT count(*) FROM documents),"
                           " (SELECT count(*) FROM quotes_fts), (SELECT count(*) FROM quotes)").fetchone()
    assert counts[0] == counts[1] == 2 and counts[2] == counts[3] > 10
    found = plain.execute("SELECT rowid, snippet(documents_fts, 1, '[', ']', '…', 6), highlight(documents_fts, 0,"
                          " '[', ']') FROM documents_fts WHERE documents_fts MATCH 'наркотик' ORDER BY rank").fetchall()
    assert [r[0] for r in found] == [doc] and "[наркотик]" in found[0][1] and found[0][2]
    said = plain.execute("SELECT highlight(quotes_fts, 0, '[', ']') FROM quotes_fts WHERE quotes_fts MATCH"
                         " 'полиция'").fetchall()
    assert said and all("[полиция]" in h for (h,) in said)
    if shell := shutil.which("sqlite3"):  # the shell, when installed: the same reads, from another program
        out = subprocess.run([shell, seeded_copy, "SELECT count(*) FROM documents_fts; SELECT count(*) FROM"
                              " quote_rows; SELECT snippet(quotes_fts, 0, '[', ']', '…', 4) FROM quotes_fts"
                              " WHERE quotes_fts MATCH 'полиция' LIMIT 1;"], capture_output=True, text=True)
        assert out.returncode == 0 and out.stdout.split("\n")[:2] == ["2", str(counts[3])], out.stderr
        assert "[полиция]" in out.stdout
    plain.execute("DELETE FROM documents WHERE id = ?", (doc,))  # the trigger deletes by rowid: no function
    plain.commit()
    assert plain.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'наркотик'").fetchall() == []
    plain.execute("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)")
    plain.close()
    assert _json(run("search", "наркотиками", "--format", "json")) == []
    assert len(_json(run("search", "полиции", "--format", "json"))) == 1
    checks = {r["check"]: r["status"] for r in json.loads(run("check", "-f", "json").stdout)}
    assert checks["full-text index"] == "ok"  # (the event only that document named is left: not the index's)


# --- the seeds: every form of every word finds every seed holding any form of it ----------------------

def _seed_terms() -> dict[str, dict[str, set[str]]]:
    """term → {form seen → files}, over the seed texts."""
    from docstore.ingest import read_file

    found: dict[str, dict[str, set[str]]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        article = read_file(path)
        for source in (article.text, article.title or ""):
            for m in lemmas.WORD.finditer(source):
                found.setdefault(lemmas.term(m.group()), {}).setdefault(m.group(), set()).add(path.name)
    return found


def test_every_form_in_the_seeds_finds_all_seeds_with_its_lemma(seeded_db: str) -> None:
    engine = open_db(seeded_db)
    misses = []
    with session(engine) as s:
        for term, forms in _seed_terms().items():
            want = set().union(*forms.values())
            for form in forms:
                got = {r["file"] for r in queries.search(s, form, limit=None)}
                if not want <= got:
                    misses.append((form, term, want - got))
    engine.dispose()
    assert misses == []


# --- the CLI -----------------------------------------------------------------------------------------------

def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_search_cli_table_json_and_snippet(cli) -> None:
    table = cli("search", "полицией")
    assert table.exit_code == 0 and "Documents matching полицией" in table.stdout and "**" not in table.stdout
    rows = _json(cli("search", "полицией", "--format", "json"))
    assert {r["file"] for r in rows} == {HEADER_SEED.name, PLAIN_SEED.name}
    assert set(rows[0]) == {"id", "file", "title", "site", "published", "score", "snippet"}
    assert rows[0]["score"] >= rows[1]["score"] >= 0
    assert all(re.search(r"\*\*[Пп]олици\w*\*\*", r["snippet"]) for r in rows)
    assert len(_json(cli("search", "полиция", "--format", "json", "--limit", "1"))) == 1
    lines = cli("search", "полиция", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == rows
    assert cli("search", "полиция", "--format", "csv").stdout.startswith("id,file,title,site,published,score,snippet")


def test_search_cli_phrase_or_exclusion(cli) -> None:
    files = lambda *args: {r["file"] for r in _json(cli("search", *args, "--format", "json"))}  # noqa: E731
    assert files('"реформу правоохранительной системы"') == {HEADER_SEED.name}
    assert files('"системы правоохранительной реформу"') == set()
    assert files("наркотиками OR цифровизация") == {HEADER_SEED.name, PLAIN_SEED.name}
    assert files("полиция -наркотик") == {PLAIN_SEED.name}


def test_search_cli_quotes_speaker_and_dates(cli) -> None:
    rows = _json(cli("search", "полиции", "--quotes", "--speaker", "Токаева", "--format", "json"))
    assert rows and {r["speaker"] for r in rows} == {"Касым-Жомарт Токаев"}
    assert all(re.search(r"\*\*\w+\*\*", r["snippet"]) for r in rows)
    assert {"text", "speaker", "kind", "document", "published", "title", "score", "snippet"} <= set(rows[0])
    dated = _json(cli("search", "полиции", "--since", "2019-04-17", "--format", "json"))
    assert [r["file"] for r in dated] == [HEADER_SEED.name]  # the other seed has no date
    assert _json(cli("search", "полиции", "--until", "2019-04-16", "--format", "json")) == []
    assert len(_json(cli("search", "полиции", "--until", "2019-04-17", "--format", "json"))) == 1
    table = cli("search", "полиции", "--quotes")
    assert table.exit_code == 0 and "Quotes matching полиции" in table.stdout


def test_quotes_about_filters_through_the_index(cli) -> None:
    about = _json(cli("quotes", "--speaker", "Токаев", "--about", "реформа полиции", "--format", "json"))
    assert about and all(re.search(r"реформ", q["text"], re.I) and re.search(r"полици", q["text"], re.I)
                         for q in about)
    assert any("масштабные реформы" in q["text"] for q in about)
    everything = _json(cli("quotes", "--speaker", "Токаев", "--format", "json"))
    assert len(about) < len(everything)
    without = _json(cli("quotes", "--about", "полиция -реформа", "--format", "json"))
    assert without and all("реформ" not in q["text"] and "полиц" in q["text"].lower() for q in without)


@pytest.mark.parametrize("args, message", [
    (["search", '((("'], "error: nothing to search for in '(((\"'"),
    (["search", "NOT полиция"], "error: nothing to search for"),
    (["search", "полиция", "--since", "вчера"], "error: --since: 'вчера' is not a date"),
    (["quotes", "--about", "«»"], "error: nothing to search for"),
])
def test_bad_queries_are_one_line_errors(cli, args: list[str], message: str) -> None:
    result = cli(*args)
    assert result.exit_code == 1 and result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1


def test_sql_users_get_views_and_a_lemmas_function(cli, backend: str) -> None:
    rows = _json(cli("sql", "SELECT speaker, document, title, published, event FROM quote_rows "
                     "WHERE speaker LIKE 'Касым%' LIMIT 3", "--format", "json"))
    assert len(rows) == 3 and rows[0]["document"].endswith(".txt")
    docs = _json(cli("sql", "SELECT file, quotes, speakers FROM document_rows ORDER BY file", "--format", "json"))
    assert [d["file"] for d in docs] == sorted([HEADER_SEED.name, PLAIN_SEED.name])
    assert all(d["quotes"] > 0 and "Касым-Жомарт Токаев" in d["speakers"] for d in docs)
    if backend == "sqlite":
        query = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH lemmas('наркотиками')"
    else:  # no Python in the server: the lemma terms are typed (README: `docstore sql` on PostgreSQL)
        query = "SELECT rowid FROM documents_fts WHERE terms @@ to_tsquery('simple', 'наркотик')"
    hits = _json(cli("sql", query, "--format", "json"))
    assert len(hits) == 1


def test_reload_force_and_delete_keep_the_index_in_step(runner, seeded_copy: Path) -> None:
    from docstore.cli import app

    def run(*args):
        return runner.invoke(app, ["--db", str(seeded_copy), *args])

    before = _json(run("search", "полиции", "--quotes", "--format", "json", "--limit", "100"))
    assert run("load", "--force", str(SEEDS)).exit_code == 0
    after = _json(run("search", "полиции", "--quotes", "--format", "json", "--limit", "100"))
    assert sorted(r["text"] for r in after) == sorted(r["text"] for r in before)
    engine = make_engine(url(seeded_copy))
    _assert_index_matches_rows(engine)
    doc = _json(run("search", "наркотиками", "--format", "json"))[0]["id"]
    deleted = run("delete", str(doc))
    assert deleted.exit_code == 0 and "deleted 1 document" in deleted.stderr
    assert _json(run("search", "наркотиками", "--format", "json")) == []
    _assert_index_matches_rows(engine)
    assert run("delete", "999").stderr.startswith("error: no document with id 999")
    engine.dispose()


def test_migration_indexes_existing_data_and_goes_down_cleanly(runner, seeded_copy: Path) -> None:
    from docstore.cli import app

    db = url(seeded_copy)
    command.downgrade(alembic_config(db), "0001")
    engine = make_engine(db)
    found = inspect(engine)
    assert [n for n in found.get_table_names() if "fts" in n] == [] and found.get_view_names() == []
    command.upgrade(alembic_config(db), "head")  # data present: the upgrade indexes it
    _assert_index_matches_rows(engine)
    engine.dispose()
    rows = _json(runner.invoke(app, ["--db", str(seeded_copy), "search", "полицией", "--format", "json"]))
    assert len(rows) == 2
    reindexed = runner.invoke(app, ["--db", str(seeded_copy), "db", "reindex"])
    assert reindexed.exit_code == 0 and reindexed.stdout.startswith("indexed 2 documents")


def test_search_imports_neither_natasha_nor_alembic(seeded_db: Path) -> None:
    code = ("import sys; from docstore.cli import app; from typer.testing import CliRunner; "
            f"r = CliRunner().invoke(app, ['--db', {str(seeded_db)!r}, 'search', 'полиции', '--quotes', "
            "'--speaker', 'Токаев', '-f', 'json']); assert r.exit_code == 0, r.output; "
            "print([m for m in ('natasha', 'alembic', 'slovnet') if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
