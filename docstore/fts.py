"""The full-text index of lemmas: what goes into it is decided here, how it is stored and searched per dialect.

The index holds lemma strings (``docstore.lemmas.lemma_text``), not the text itself:
``documents_fts(title, text)`` and ``quotes_fts(text)`` with rowid = documents.id /
quotes.id. Rows are written by the store (``index``, once per batch) through
the dialect (SQLite: FTS5 tables that store the lemma strings themselves, readable by any
SQLite without a function of docstore's; PostgreSQL: tables with a ``rowid`` column and a
generated ``tsvector``),
and removed with the rows they describe (SQLite: triggers; PostgreSQL: ON DELETE
CASCADE), in the same transaction. How a query is matched and ranked is the dialect's
(docstore/dialects/).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from docstore import dialects
from docstore.lemmas import lemma_text
from docstore.search import Query

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection  # the store writes on its session's connection
    from sqlalchemy.orm import Session

# The index tables (FTS5 virtual tables and the shadow tables SQLite keeps for them; PostgreSQL's plain
# tables): migrations create and drop them with op.execute; Alembic
# autogenerate must not take them for drift.
FTS_TABLE = re.compile(r".+_fts(_(data|idx|docsize|config|content))?")

# The indexed tables and their indexed columns.
INDEXED = {"documents": ("title", "text"), "quotes": ("text",)}


def include_name(name: str | None, type_: str, parent_names: Any = None) -> bool:
    """Alembic's ``include_name`` hook: leave the full-text tables out of autogenerate."""
    return not (type_ == "table" and name is not None and FTS_TABLE.fullmatch(name) is not None)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    return include_name(name, type_)


def put(session: Session | Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Add rows ``{"id": …, column: lemma string, …}`` to the index of ``table`` (documents or quotes)."""
    dialects.of(session).index_rows(session, table, INDEXED[table], rows)


def index(session: Session | Connection, documents: list[tuple[int, str | None, str]],
          quotes: list[tuple[int, str]], reloaded: list[int]) -> None:
    """Index documents given as (id, title, text) and quotes as (id, text).

    ``reloaded``: those of the documents whose old index rows are still there, to go first (a
    reload keeps the document's row, so no trigger took them; its old quotes' rows went with
    them). A new document has none.
    """
    dialects.of(session).unindex_rows(session, "documents", reloaded)
    put(session, "documents", [{"id": i, "title": lemma_text(title), "text": lemma_text(body)}
                               for i, title, body in documents])
    put(session, "quotes", [{"id": i, "text": lemma_text(body)} for i, body in quotes])


def reindex(session: Session, batch: int = 500) -> tuple[int, int]:
    """Rebuild both indexes from the stored rows (after an offline migration or a lemmatiser upgrade)."""
    dialect = dialects.of(session)
    counts = []
    for table, columns in INDEXED.items():
        dialect.clear_index(session, table)
        names = ", ".join(columns)
        last, n = 0, 0
        while rows := session.execute(
            text(f"SELECT id, {names} FROM {table} WHERE id > :last ORDER BY id LIMIT :n"), {"last": last, "n": batch}
        ).all():
            put(session, table, [{"id": r[0], **{c: lemma_text(v) for c, v in zip(columns, r[1:])}} for r in rows])
            last, n = rows[-1][0], n + len(rows)
        counts.append(n)
    return counts[0], counts[1]


def search_documents(session: Session, query: Query, **kw: Any) -> list[dict[str, Any]]:
    """Documents matching the query, best first; ``score`` is lower for better (bm25's sign)."""
    return dialects.of(session).search_documents(session, query, **kw)


def search_quotes(session: Session, query: Query, **kw: Any) -> list[dict[str, Any]]:
    """Quotes matching the query, best first; ``score`` is lower for better."""
    return dialects.of(session).search_quotes(session, query, **kw)


def matching_quote_ids(session: Session, query: Query) -> Any:
    """A subquery of the ids of quotes matching the query, for ``Quote.id.in_(…)``."""
    return dialects.of(session).matching_quote_ids(query)
