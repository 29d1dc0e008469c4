"""The plugin's pages: home, search, an article with its quotes highlighted, a speaker's quotes.

Each page asks docstore's own queries (docstore/queries.py, as the CLI does: the same
search by lemma, the same article and speaker) and renders a template of
docstore/web/templates/ inside Datasette's layout. ``?_format=json`` gives what the page shows as JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from datasette.utils.asgi import BadRequest, NotFound, Response

from docstore.web import site

RESULTS = 20  # search hits of each kind on the search page
SPEAKER_QUOTES = 200  # quotes on a speaker's page; the rest through the Quotes view


def _url(datasette: Any, database: str, path: str) -> str:
    return f"{datasette.urls.database(database)}/-/{path}"


def article_url(datasette: Any, database: str, doc_id: int, quote_id: int | None = None) -> str:
    return _url(datasette, database, f"article/{doc_id}") + (f"#q{quote_id}" if quote_id is not None else "")


def speaker_url(datasette: Any, database: str, speaker_id: int) -> str:
    return _url(datasette, database, f"speaker/{speaker_id}")


def _get(row: Any, key: str) -> Any:
    try:
        return row[key]
    except (KeyError, IndexError):
        return None


def link_for(datasette: Any, database: str, table: str | None, column: str, row: Any) -> str | None:
    """Where a cell of a docstore table or query links to, if anywhere: a speaker's name to their page,
    an article's title or file to the article, a quote's text to itself in the article."""
    if table == "speakers" and column == "name":
        return speaker_url(datasette, database, row["id"])
    if table == "documents" and column in ("title", "file_name"):
        return article_url(datasette, database, row["id"])
    if column == "speaker" and _get(row, "speaker_id") is not None:
        return speaker_url(datasette, database, _get(row, "speaker_id"))
    if column in ("title", "document", "file") and _get(row, "document_id") is not None:
        return article_url(datasette, database, _get(row, "document_id"))
    if column == "text" and _get(row, "quote_id") is not None and _get(row, "document_id") is not None:
        return article_url(datasette, database, _get(row, "document_id"), _get(row, "quote_id"))
    return None


def _database(datasette: Any, route: str) -> Any:
    db = site.by_route(datasette, route)
    if db is None:
        raise NotFound("no docstore database here by that name")
    return db


async def _ask(datasette: Any, db: Any, query: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """What ``query`` answers on the database; docstore's errors as Datasette's (404, 400)."""
    from docstore.errors import NotFound as Missing
    from docstore.search import QueryError

    try:
        return await site.run(datasette, db, query, *args, **kwargs)
    except Missing as exc:
        raise NotFound(str(exc)) from exc
    except QueryError as exc:
        raise BadRequest(str(exc)) from exc


async def _page(datasette: Any, request: Any, template: str, db: Any, data: Mapping[str, Any],
                **shown: Any) -> Response:
    """The template with ``data`` and ``shown``; with ``?_format=json``, ``data`` as JSON."""
    if request.args.get("_format") == "json":
        return Response.json(data, default=str)
    names = {"database": db.name, "database_url": datasette.urls.database(db.name),
             "search_url": _url(datasette, db.name, "search"),
             "article_url": lambda *a: article_url(datasette, db.name, *a),
             "speaker_url": lambda sid: speaker_url(datasette, db.name, sid),
             "table_url": lambda table: datasette.urls.table(db.name, table)}
    html = await datasette.render_template(template, {**data, **shown, **names}, request=request)
    return Response.html(html)


def _home(conn: Any) -> dict[str, Any]:
    from docstore import queries

    return {"totals": queries.totals(conn), "speakers": queries.speakers(conn, limit=10)}


async def home(datasette: Any, request: Any) -> Response:
    """docstore serve's front page: counts, the search box, the most quoted, where to go next."""
    from docstore.web.metadata import QUERIES

    name = (datasette.plugin_config("docstore") or {}).get("home")
    if name not in site.site(datasette).databases:
        raise NotFound(f"no docstore database {name!r} here")
    db = datasette.databases[name]
    queries = [{"url": datasette.urls.query(db.name, q), "title": c["title"], "description": c["description"]}
               for q, c in QUERIES.items()]
    return await _page(datasette, request, "docstore_home.html", db, await _ask(datasette, db, _home),
                       queries=queries)


def _search(conn: Any, words: str) -> dict[str, Any]:
    from docstore import queries
    from docstore.search import passage

    return {"query": words,
            "documents": queries.search(conn, words, limit=RESULTS, passage=passage),
            "quotes": queries.search(conn, words, quotes=True, limit=RESULTS, passage=passage)}


async def search(datasette: Any, request: Any) -> Response:
    """Articles and quotes matching ``?q=``, best first, matched words marked (as `docstore search`)."""
    db = _database(datasette, request.url_vars["database"])
    words = request.args.get("q", "").strip()
    found = await _ask(datasette, db, _search, words) if words else {"query": "", "documents": [], "quotes": []}
    return await _page(datasette, request, "docstore_search.html", db, found)


async def article(datasette: Any, request: Any) -> Response:
    """An article with its quotes highlighted and numbered by their offsets (as `docstore show`)."""
    from docstore.highlight import quote_pieces
    from docstore.queries import document_view

    db = _database(datasette, request.url_vars["database"])
    view = await _ask(datasette, db, document_view, int(request.url_vars["id"]))
    return await _page(datasette, request, "docstore_article.html", db, view, article=view,
                       pieces=quote_pieces(view["text"], view["quotes"]))


async def speaker(datasette: Any, request: Any) -> Response:
    """A speaker: the names seen for them, and their quotes, newest first."""
    from docstore.queries import speaker_view

    db = _database(datasette, request.url_vars["database"])
    view = await _ask(datasette, db, speaker_view, int(request.url_vars["id"]), limit=SPEAKER_QUOTES)
    return await _page(datasette, request, "docstore_speaker.html", db, view, speaker=view)
