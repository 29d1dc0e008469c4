"""The full-text index in SQLite (FTS5): every dialect-specific line of search lives here.

The index holds lemma strings (``docstore.lemmas.lemma_text``), not the text itself:
``documents_fts(title, text)`` and ``quotes_fts(text)`` with rowid = documents.id /
quotes.id. Rows are written by the loader (``index_document``, ``index_quotes``) and
removed by triggers on ``documents`` and ``quotes`` (cascades and ad hoc SQL included),
so the index changes in the same transaction as the rows it describes. A PostgreSQL
backend would put the same lemma strings in a ``tsvector`` column with the ``simple``
configuration and render ``search.Query`` with ``to_tsquery`` (``<->``, ``|``, ``!``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import column, text
from sqlalchemy.orm import Session

from docstore.lemmas import lemma_text
from docstore.search import Phrase, Query

# FTS5 virtual tables and the shadow tables SQLite keeps for them: migrations create and
# drop them with op.execute; Alembic autogenerate must not take them for drift.
FTS_TABLE = re.compile(r".+_fts(_(data|idx|docsize|config|content))?")


def include_name(name: str | None, type_: str, parent_names: Any = None) -> bool:
    """Alembic's ``include_name`` hook: leave the full-text tables out of autogenerate."""
    return not (type_ == "table" and name is not None and FTS_TABLE.fullmatch(name) is not None)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    return include_name(name, type_)


# bm25 weights of documents_fts(title, text): a word in the title counts double.
TITLE_WEIGHT, TEXT_WEIGHT = 2.0, 1.0


def _phrase(phrase: Phrase) -> str:
    """An FTS5 string: the terms inside double quotes (doubled if ever present), so no term is syntax."""
    return '"' + " ".join(phrase).replace('"', '""') + '"'


def match_expression(query: Query) -> str:
    """The FTS5 MATCH expression of a parsed query: AND of OR-groups, then NOT each exclusion."""
    groups = []
    for group in query.groups:
        alts = [_phrase(p) for p in group]
        groups.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
    expr = " AND ".join(groups)
    if query.excluded:
        expr = f"({expr})" + "".join(f" NOT {_phrase(p)}" for p in query.excluded)
    return expr


def index_document(session: Session, doc_id: int, title: str | None, body: str) -> None:
    """(Re)index one document's title and text."""
    session.execute(text("DELETE FROM documents_fts WHERE rowid = :id"), {"id": doc_id})
    session.execute(
        text("INSERT INTO documents_fts (rowid, title, text) VALUES (:id, :title, :text)"),
        {"id": doc_id, "title": lemma_text(title), "text": lemma_text(body)},
    )


def index_quotes(session: Session, quotes: Iterable[tuple[int, str]]) -> None:
    """Index quotes given as (id, text); their old rows went with them (trigger)."""
    rows = [{"id": qid, "text": lemma_text(body)} for qid, body in quotes]
    if rows:
        session.execute(text("INSERT INTO quotes_fts (rowid, text) VALUES (:id, :text)"), rows)


def reindex(session: Session, batch: int = 500) -> tuple[int, int]:
    """Rebuild both indexes from the stored rows (after an offline migration or a lemmatiser upgrade)."""
    session.execute(text("DELETE FROM documents_fts"))
    session.execute(text("DELETE FROM quotes_fts"))
    counts = []
    for table, columns in (("documents", ("title", "text")), ("quotes", ("text",))):
        names = ", ".join(columns)
        insert = text(f"INSERT INTO {table}_fts (rowid, {names}) VALUES (:id, " + ", ".join(f":{c}" for c in columns) + ")")
        last, n = 0, 0
        while rows := session.execute(
            text(f"SELECT id, {names} FROM {table} WHERE id > :last ORDER BY id LIMIT :n"), {"last": last, "n": batch}
        ).all():
            session.execute(insert, [{"id": r[0], **{c: lemma_text(v) for c, v in zip(columns, r[1:])}} for r in rows])
            last, n = rows[-1][0], n + len(rows)
        counts.append(n)
    return counts[0], counts[1]


def _filters(since: str | None, until: str | None, published: str) -> tuple[list[str], dict[str, Any]]:
    """Date bounds on an ISO ``published`` column; ``until`` is inclusive (a date means the whole day)."""
    where, params = [], {}
    if since:
        where.append(f"{published} >= :since")
        params["since"] = since.replace("T", " ")
    if until:
        where.append(f"{published} < :until")
        params["until"] = until.replace("T", " ")
    return where, params


def search_documents(session: Session, query: Query, speaker_id: int | None = None, since: str | None = None,
                     until: str | None = None, limit: int | None = 20) -> list[dict[str, Any]]:
    """Documents matching the query, best bm25 first. ``until`` is an exclusive upper bound here."""
    # Filters join documents; never `rowid IN (…)`: FTS5 would then run the MATCH once per listed rowid.
    where, params = _filters(since, until, "d.published")
    if speaker_id is not None:
        where.append("(d.id IN (SELECT document_id FROM quotes WHERE speaker_id = :speaker)"
                     " OR d.id IN (SELECT document_id FROM mentions WHERE speaker_id = :speaker))")
        params["speaker"] = speaker_id
    # Rank rowids first, then fetch the rows: the sorter must not carry every match's text.
    sql = (
        "SELECT d.id, d.file_name, d.title, d.site, d.published, d.text, hit.score FROM ("
        f" SELECT documents_fts.rowid AS id, bm25(documents_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT}) AS score"
        # CROSS JOIN: the MATCH drives; else the planner may walk the published index and probe FTS5 per row.
        " FROM documents_fts" + (" CROSS JOIN documents AS d ON d.id = documents_fts.rowid" if where else "") +
        " WHERE documents_fts MATCH :match" + "".join(f" AND {w}" for w in where) +
        " ORDER BY score LIMIT :limit) AS hit JOIN documents AS d ON d.id = hit.id ORDER BY hit.score"
    )
    params.update(match=match_expression(query), limit=-1 if limit is None else limit)
    return [dict(r._mapping) for r in session.execute(text(sql), params)]


def search_quotes(session: Session, query: Query, speaker_id: int | None = None, since: str | None = None,
                  until: str | None = None, limit: int | None = 20) -> list[dict[str, Any]]:
    """Quotes matching the query, best bm25 first."""
    where, params = _filters(since, until, "d.published")
    if speaker_id is not None:
        where.append("q.speaker_id = :speaker")
        params["speaker"] = speaker_id
    sql = (
        "SELECT q.id, q.document_id, q.text, q.kind, q.start, q.\"end\", q.attributed_as, q.verb,"
        " s.name AS speaker, s.kind AS speaker_kind, d.file_name AS document, d.title, d.published,"
        " e.name AS event, hit.score FROM ("
        " SELECT quotes_fts.rowid AS id, bm25(quotes_fts) AS score FROM quotes_fts"
        + (" CROSS JOIN quotes AS q ON q.id = quotes_fts.rowid CROSS JOIN documents AS d ON d.id = q.document_id"
           if where else "")
        + " WHERE quotes_fts MATCH :match" + "".join(f" AND {w}" for w in where) +
        " ORDER BY score LIMIT :limit) AS hit"
        " JOIN quotes AS q ON q.id = hit.id JOIN documents AS d ON d.id = q.document_id"
        " LEFT JOIN speakers AS s ON s.id = q.speaker_id LEFT JOIN events AS e ON e.id = q.event_id"
        " ORDER BY hit.score"
    )
    params.update(match=match_expression(query), limit=-1 if limit is None else limit)
    return [dict(r._mapping) for r in session.execute(text(sql), params)]


def matching_quote_ids(query: Query) -> Any:
    """A subquery of the ids of quotes matching the query, for ``Quote.id.in_(…)``."""
    return (text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :about")
            .bindparams(about=match_expression(query)).columns(column("rowid")))
