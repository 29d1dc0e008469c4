"""The web front end: docstore's Datasette plugin and its pages, through Datasette's own test client.

Datasette reads SQLite files only, so these run on SQLite; `serve` on PostgreSQL is refused (below).
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import sys
from html.parser import HTMLParser
from importlib.metadata import entry_points
from pathlib import Path
from urllib.parse import quote

import pytest

from docstore.cli import app

pytest.importorskip("datasette", reason="the web extra is not installed: pip install -e '.[test]'")

from datasette.app import Datasette  # noqa: E402

pytestmark = pytest.mark.sqlite_only
FORMS = re.compile(r"[Пп]олици\w*")


def get(ds: Datasette, path: str):  # noqa: ANN201
    return asyncio.run(ds.client.get(path))


def get_json(ds: Datasette, path: str):  # noqa: ANN201
    response = get(ds, path)
    assert response.status_code == 200, response.text[:500]
    return response.json()


@pytest.fixture(scope="module")
def plain(seeded_db: str) -> Datasette:
    """Datasette as anyone would start it on the file: the plugin comes in through its entry point."""
    return Datasette([seeded_db])


@pytest.fixture(scope="module")
def served(seeded_db: str) -> Datasette:
    """Datasette as `docstore serve` starts it."""
    from docstore.web import server

    return server.make(seeded_db)


@pytest.fixture(scope="module")
def name(seeded_db: str) -> str:
    return Path(seeded_db).stem


def cli_json(cli, *args: str):  # noqa: ANN001, ANN201
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_plugin_is_registered_through_its_entry_point(plain: Datasette) -> None:
    assert [e.value for e in entry_points(group="datasette") if e.name == "docstore"] == ["docstore.web"]
    plugins = {p["name"]: p for p in get_json(plain, "/-/plugins.json")}
    assert {"startup", "filters_from_request", "canned_queries", "register_routes", "render_cell"} <= set(
        plugins["docstore"]["hooks"])


def test_views_land_with_titles_facets_and_the_internal_tables_hidden(plain: Datasette, name: str, cli) -> None:
    tables = {t["name"]: t for t in get_json(plain, f"/{name}.json")["tables"]}
    assert all(tables[t]["hidden"] for t in ("alembic_version", "mentions", "speaker_aliases"))
    assert not any(tables[t]["hidden"] for t in ("documents", "quotes", "speakers", "events"))
    facets = get_json(plain, f"/{name}/quote_rows.json")["facet_results"]
    assert {"speaker", "kind", "site", "event", "published"} <= set(facets)
    kinds = cli_json(cli, "sql", "SELECT kind, count(*) AS n FROM quotes GROUP BY kind")
    assert {v["value"]: v["count"] for v in facets["kind"]["results"]} == {k["kind"]: k["n"] for k in kinds}
    page = get(plain, f"/{name}/quote_rows").text
    assert "<h1" in page and "Quotes" in page.split("<h1", 1)[1].split("</h1>", 1)[0]
    speakers = get_json(plain, f"/{name}/speakers.json?_shape=array")
    assert [s["quote_count"] for s in speakers] == sorted((s["quote_count"] for s in speakers), reverse=True)


@pytest.mark.parametrize("table, key, cli_args", [
    ("quote_rows", "quote_id", ["--quotes"]), ("quotes", "id", ["--quotes"]),
    ("document_rows", "document_id", []), ("documents", "id", []),
])
def test_search_parameter_finds_every_word_form_as_docstore_search(plain: Datasette, name: str, cli, table: str,
                                                                     key: str, cli_args: list[str]) -> None:
    expected = {r["id"] for r in cli_json(cli, "search", "полиция", *cli_args, "--limit", "1000")}
    assert expected
    for form in ("полиция", "полиции", "ПОЛИЦИЕЙ"):
        rows = get_json(plain, f"/{name}/{table}.json?_search={quote(form)}&_shape=array&_size=max")
        assert {r[key] for r in rows} == expected, form
    page = get(plain, f"/{name}/{table}?_search={quote('полиции')}").text
    assert 'name="_search" value="полиции"' in page  # the search box, filled in


def test_search_parameter_takes_docstore_query_syntax(plain: Datasette, name: str, cli) -> None:
    def ids(query: str) -> set[int]:
        rows = get_json(plain, f"/{name}/quote_rows.json?_search={quote(query)}&_shape=array")
        assert {r["quote_id"] for r in rows} == {r["id"] for r in cli_json(cli, "search", query, "--quotes")}
        return {r["quote_id"] for r in rows}

    phrase = ids('"казахстанской полиции"')
    assert set() < ids('"казахстанской полиции" -реформа') < phrase < ids('"казахстанской полиции" OR цифровизация')
    nothing = get(plain, f"/{name}/quote_rows.json?_search={quote('«» ,')}")
    assert nothing.status_code == 400 and "nothing to search for" in nothing.text


def test_search_page_finds_articles_and_quotes_with_marked_words(plain: Datasette, name: str, cli) -> None:
    found = get_json(plain, f"/{name}/-/search?q={quote('полиция')}&_format=json")
    assert [d["id"] for d in found["documents"]] == [r["id"] for r in cli_json(cli, "search", "полиция")]
    assert [q["id"] for q in found["quotes"]] == [r["id"] for r in cli_json(cli, "search", "полиция", "--quotes")]
    page = get(plain, f"/{name}/-/search?q={quote('полиция')}").text
    marked = re.findall(r'<mark class="hit">(.*?)</mark>', page)
    assert marked and all(FORMS.fullmatch(m) for m in marked) and "полиции" in marked
    for doc in found["documents"]:
        assert f'href="/{name}/-/article/{doc["id"]}"' in page


def test_search_page_escapes_what_it_shows(plain: Datasette, name: str) -> None:
    page = get(plain, f"/{name}/-/search?q={quote('<b>полиция</b>')}").text
    assert "<b>полиция</b>" not in page and "&lt;b&gt;полиция&lt;/b&gt;" in page


class Marks(HTMLParser):
    """The text inside each <mark class="quote" id="q…"> of a page, by the quote's id."""

    def __init__(self) -> None:
        super().__init__()
        self.quotes: dict[int, str] = {}
        self._open: int | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if tag == "mark" and "quote" in (found.get("class") or "").split():
            self._open = int(found["data-quote"])
            self.quotes[self._open] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.quotes[self._open] += data


@pytest.mark.parametrize("doc_id", [1, 2])
def test_article_page_highlights_each_quote_at_its_offsets(plain: Datasette, name: str, cli, doc_id: int) -> None:
    view = cli_json(cli, "show", str(doc_id))
    response = get(plain, f"/{name}/-/article/{doc_id}")
    assert response.status_code == 200
    marks = Marks()
    marks.feed(response.text)
    outer, end = [], -1
    for q in view["quotes"]:
        if q["start"] >= end:  # a quote inside another is shown by its number only, as `docstore show` does
            outer.append(q)
            end = q["end"]
    assert outer and marks.quotes == {q["id"]: view["text"][q["start"]:q["end"]] for q in outer}
    assert len(re.findall(r'class="quote-number"', response.text)) == len(view["quotes"])


def test_article_and_speaker_pages_of_missing_rows_are_404(plain: Datasette, name: str) -> None:
    assert get(plain, f"/{name}/-/article/999").status_code == 404
    assert "no document with id 999" in get(plain, f"/{name}/-/article/999").text
    assert get(plain, f"/{name}/-/speaker/999").status_code == 404


def test_speaker_page_lists_all_their_quotes_newest_first(plain: Datasette, name: str, cli) -> None:
    speaker = cli_json(cli, "speakers")[0]
    view = get_json(plain, f"/{name}/-/speaker/{speaker['id']}?_format=json")
    assert view["name"] == speaker["name"] and len(view["quotes"]) == speaker["quotes"]
    dates = [q["published"] or "" for q in view["quotes"]]
    assert dates == sorted(dates, reverse=True) and dates[0] > dates[-1]
    page = get(plain, f"/{name}/-/speaker/{speaker['id']}").text
    assert page.count(f'href="/{name}/-/article/') == speaker["quotes"]


def test_cells_link_to_the_article_and_speaker_pages(plain: Datasette, name: str) -> None:
    page = get(plain, f"/{name}/quote_rows?_search={quote('цифровизации')}").text
    quote_id = get_json(plain, f"/{name}/quote_rows.json?_search={quote('цифровизации')}&_shape=array")[0]
    assert f'href="/{name}/-/article/{quote_id["document_id"]}#q{quote_id["quote_id"]}"' in page
    assert f'href="/{name}/-/speaker/{quote_id["speaker_id"]}"' in page
    assert f'href="/{name}/-/speaker/' in get(plain, f"/{name}/speakers").text


def test_canned_query_a_speakers_quotes_on_a_word(plain: Datasette, name: str, cli) -> None:
    expected = {r["id"] for r in cli_json(cli, "search", "полиции", "--quotes", "--speaker", "Токаев", "--limit", "100")}
    for speaker in ("Токаева", "Касым-Жомарт Токаев", "токаевым"):
        rows = get_json(plain, f"/{name}/speaker_quotes_on_word.json?speaker={quote(speaker)}"
                               f"&words={quote('полиции')}&_shape=array")
        assert {r["quote_id"] for r in rows} == expected and expected, speaker
    assert get_json(plain, f"/{name}/speaker_quotes_on_word.json?speaker=Иванов&words=полиция&_shape=array") == []
    assert get_json(plain, f"/{name}/speaker_quotes_on_word.json?speaker=&words=&_shape=array") == []


def test_canned_query_who_spoke_at_an_event(plain: Datasette, name: str, cli) -> None:
    event = next(e for e in cli_json(cli, "events") if "коллегии" in e["name"])
    for words in ("заседании коллегии", "заседание коллегия", str(event["id"])):
        rows = get_json(plain, f"/{name}/who_spoke_at_event.json?event={quote(words)}&_shape=array")
        assert {(r["event_id"], r["speaker"], r["quotes"]) for r in rows} == {
            (event["id"], "Касым-Жомарт Токаев", event["quotes"])}, words
    assert get_json(plain, f"/{name}/who_spoke_at_event.json?event={quote('саммит')}&_shape=array") == []


def test_canned_query_who_said_most_about_a_word_in_a_period(plain: Datasette, name: str, cli) -> None:
    def most(since: str = "", until: str = "") -> list:
        return [(r["speaker"], r["quotes"]) for r in get_json(
            plain, f"/{name}/most_quoted_on_word.json?words={quote('полиция')}&since={since}&until={until}"
                   "&_shape=array")]

    everything = len(cli_json(cli, "search", "полиция", "--quotes", "--limit", "100"))
    dated = len(cli_json(cli, "search", "полиция", "--quotes", "--since", "2019-04", "--until", "2019-04"))
    assert most() == [("Касым-Жомарт Токаев", everything)]
    assert most("2019-04", "2019-04") == most("2019", "2019-04-17") == [("Касым-Жомарт Токаев", dated)]
    assert most("2019-04-18") == most(until="2019-04-16") == []


def test_the_database_is_read_only_through_datasette(plain: Datasette, name: str, cli) -> None:
    before = cli_json(cli, "sql", "SELECT count(*) AS n FROM quotes")
    db = plain.get_database(name)
    with pytest.raises(Exception, match="readonly|read-only|attempt to write"):
        asyncio.run(db.execute_write("DELETE FROM quotes"))
    assert cli_json(cli, "sql", "SELECT count(*) AS n FROM quotes") == before


def test_the_plugin_leaves_other_databases_alone(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE quotes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.execute("INSERT INTO quotes (text) VALUES ('полиции')")
    ds = Datasette([str(other)])
    assert get(ds, "/other/-/search?q=x").status_code == 404
    assert get_json(ds, "/other/quotes.json?_shape=array") == [{"id": 1, "text": "полиции"}]
    assert "docstore" not in get(ds, "/other").text
    asyncio.run(ds.get_database("other").execute_write("INSERT INTO quotes (text) VALUES ('x')"))  # still writable


def test_serve_front_page_counts_and_links(served: Datasette, name: str, cli) -> None:
    page = get(served, "/").text
    totals = cli_json(cli, "sql", "SELECT (SELECT count(*) FROM documents) AS d, (SELECT count(*) FROM quotes) AS q")
    assert f"{totals[0]['d']} articles · {totals[0]['q']} quotes" in page
    for target in ("quote_rows", "speakers", "document_rows", "events", "speaker_quotes_on_word",
                   "who_spoke_at_event", "most_quoted_on_word", "-/search"):
        assert f'href="/{name}/{target}"' in page, target
    assert get(served, f"/{name}/-/search").status_code == 200  # the form alone
    assert get(Datasette([str(Path(served.get_database(name).path))]), "/").status_code == 200  # Datasette's own


# --- the command ---------------------------------------------------------------------------------------------


def test_serve_without_the_web_extra_says_how_to_install_it(cli, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "datasette", None)  # import datasette fails, as without the extra
    result = cli("serve")
    assert result.exit_code == 1
    assert result.stderr == ("error: serve needs Datasette, which the web extra installs: pip install "
                             "'docstore[web]' (from a checkout: pip install '.[web]')\n")


def test_serve_refuses_a_port_in_use(cli) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", "--port", str(port))
    assert result.exit_code == 1
    assert re.fullmatch(rf"error: serve: cannot listen on 127\.0\.0\.1:{port}: .+; choose another with --port "
                        r"or --host\n", result.stderr)


def test_serve_refuses_a_missing_database(runner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", str(tmp_path / "typo.db"), "serve"])
    assert result.exit_code == 1 and "no database at" in result.stderr
    assert not (tmp_path / "typo.db").exists()

