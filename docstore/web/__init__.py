"""docstore's Datasette plugin: its views as landing tables, search by lemma, article and speaker pages.

Registered through the ``datasette`` entry point (pyproject.toml), so any Datasette in an
environment with ``docstore[web]`` installed uses it — on docstore's databases only
(docstore/web/site.py). `docstore serve` starts Datasette with it (docstore/web/server.py).

- the SQL functions ``docstore_match(words)`` (an FTS5 MATCH expression of the words in
  docstore's query syntax, lemmatised: «полиция» finds «полиции»), ``lemmas(text)`` (as in
  `docstore sql`) and ``docstore_speaker_keys(name)`` (the keys a name may mean, as JSON), for canned queries
  and any SQL typed in;
- ``?_search=`` on quote_rows, document_rows, quotes and documents, through the same
  lemmatised match;
- links from names, titles and quotes to the pages (docstore/web/pages.py).
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl

from docstore.web import metadata, pages, site

# The tables ?_search= works on: (the column holding the id, the index of those ids).
SEARCHED = {"quote_rows": ("quote_id", "quotes_fts"), "quotes": ("id", "quotes_fts"),
            "document_rows": ("document_id", "documents_fts"), "documents": ("id", "documents_fts")}
NOTHING = '""'  # an FTS5 expression that matches no row (an empty phrase): a query with no word to look for


def match(words: str | None) -> str:
    """The FTS5 MATCH expression of a query typed in docstore's syntax, lemmatised like the index."""
    from docstore.dialects.sqlite import match_expression
    from docstore.search import QueryError, parse

    try:
        return match_expression(parse(words or ""))
    except QueryError:
        return NOTHING


def speaker_keys(name: str | None) -> str:
    import json

    from docstore.names import candidate_keys, fold

    name = (name or "").strip()
    return json.dumps(sorted({fold(name), *candidate_keys(name)}) if name else [], ensure_ascii=False)


@hookimpl
async def startup(datasette: Any) -> None:
    await site.discover(datasette)


@hookimpl
def prepare_connection(conn: Any, database: str, datasette: Any) -> None:
    """docstore's SQL functions on every connection; a docstore database's connections refuse writes."""
    from docstore.dialects.sqlite import lemmas

    conn.create_function("docstore_match", 1, match, deterministic=True)
    conn.create_function("lemmas", 1, lemmas, deterministic=True)
    conn.create_function("docstore_speaker_keys", 1, speaker_keys, deterministic=True)
    if database not in ("_internal", "_memory") and site.has_schema(conn):
        conn.execute("PRAGMA query_only = 1")


@hookimpl
def get_metadata(datasette: Any, key: str, database: str, table: str) -> dict[str, Any]:
    return {"databases": {name: metadata.database() for name in site.site(datasette).databases}}


@hookimpl
def canned_queries(datasette: Any, database: str, actor: Any) -> dict[str, Any] | None:
    return metadata.QUERIES if site.is_docstore(datasette, database) else None


@hookimpl
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    """``?_search=`` by lemma on the tables that have an index; the search box on their pages."""
    if table not in SEARCHED or not site.is_docstore(datasette, database):
        return None
    from datasette.filters import FilterArguments
    from datasette.utils.asgi import BadRequest

    from docstore.dialects.sqlite import match_expression
    from docstore.search import QueryError, parse

    words = request.args.get("_search", "").strip()
    shown = {"supports_search": True, "search": words}
    if not words:
        return FilterArguments([], extra_context=shown)
    try:
        expression = match_expression(parse(words))
    except QueryError as exc:
        raise BadRequest(str(exc)) from exc
    key, index = SEARCHED[table]
    return FilterArguments([f'"{key}" IN (SELECT rowid FROM {index} WHERE {index} MATCH :docstore_search)'],
                           {"docstore_search": expression}, [f'search matches "{words}" in any word form'], shown)


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    """Names, titles and quotes link to the speaker's and the article's pages."""
    if value is None or not site.is_docstore(datasette, database):
        return None
    href = pages.link_for(datasette, database, table, column, row)
    if href is None:
        return None
    from markupsafe import Markup, escape

    return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    routes = [(r"^/(?P<database>[^/]+)/-/search$", pages.search),
              (r"^/(?P<database>[^/]+)/-/article/(?P<id>[0-9]+)$", pages.article),
              (r"^/(?P<database>[^/]+)/-/speaker/(?P<id>[0-9]+)$", pages.speaker)]
    if (datasette.plugin_config("docstore") or {}).get("home"):
        routes.append((r"^/$", pages.home))
    return routes
