"""PostgreSQL: read-only sessions, tsvector search over the same lemma strings, sequences after a copy.

The full-text tables mirror SQLite's: ``documents_fts(rowid, title, text)`` and
``quotes_fts(rowid, text)`` hold docstore's lemma strings (docstore.lemmas), so the
loader writes both engines with the same SQL. Here each also has a generated
``terms tsvector`` column (the ``simple`` configuration: no stemming, no stop words —
the terms are lemmas already) with a GIN index, and ``rowid`` is a foreign key with
ON DELETE CASCADE where SQLite needs triggers. A query's phrases become
``phraseto_tsquery('simple', …)`` joined with ``||``, ``&&`` and ``!!``: the terms are
bound parameters, never tsquery syntax.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import column, text

from docstore.dialects import statement
from docstore.search import Phrase, Query

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Connection, Engine
    from sqlalchemy.orm import Session

CONFIG = "simple"


def engine_url(url: URL, read_only: bool) -> URL:
    return url


def engine_options(read_only: bool) -> dict[str, Any]:
    """A read-only engine's sessions start every transaction read-only."""
    if read_only:
        return {"connect_args": {"options": "-c default_transaction_read_only=on"}}
    return {}


def configure(engine: Engine, read_only: bool) -> None:
    """Nothing per connection: the server enforces foreign keys and handles concurrency itself."""


def begin_read_only(conn: Connection) -> None:
    """Make this transaction read-only and take its snapshot, so that no statement can switch it
    back (``SET TRANSACTION READ WRITE`` is refused once a query has run)."""
    conn.exec_driver_sql("SET TRANSACTION READ ONLY")
    conn.exec_driver_sql("SELECT 1")


def add_sql_functions(engine: Engine) -> None:
    """No Python functions in the server: ad hoc SQL gives lemma terms to ``to_tsquery('simple', …)``."""


def retryable(exc: BaseException) -> bool:
    """A unique key another writer took first, a deadlock, a serialization failure."""
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return code in ("23505", "40P01", "40001")


def storage_failure(exc: BaseException) -> str | None:
    """«disk full» for SQLSTATE 53100, and the server's first line for the other errors of its resources (53),
    of the system (58) or of a lost connection (08, 57P01-03): no later write would succeed."""
    code = getattr(getattr(exc, "orig", None), "sqlstate", None) or ""
    if code == "53100":
        return "disk full"
    if code[:2] in ("53", "58", "08") or code in ("57P01", "57P02", "57P03"):
        lines = str(exc.orig).strip().splitlines()  # type: ignore[attr-defined]
        return lines[0] if lines else code
    return None


def after_copy(conn: Connection) -> None:
    """Rows copied with their ids leave each serial's sequence behind: move it past the largest id."""
    from docstore.schema import metadata

    for table in (t.name for t in metadata.sorted_tables if "id" in t.columns):
        seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}).scalar()
        if seq:
            conn.execute(text(f'SELECT setval(:seq, coalesce((SELECT max(id) FROM "{table}"), 0) + 1, false)'),
                         {"seq": seq})


# --- full-text search -------------------------------------------------------------------------------------


def tsquery(query: Query, prefix: str = "ts") -> tuple[str, dict[str, str]]:
    """SQL for the tsquery of a parsed query, and its parameters: AND of OR-groups, then AND NOT each exclusion."""
    params: dict[str, str] = {}

    def phrase(p: Phrase) -> str:
        name = f"{prefix}{len(params)}"
        params[name] = " ".join(p)
        return f"phraseto_tsquery('{CONFIG}', :{name})"

    groups = ["(" + " || ".join(phrase(p) for p in group) + ")" for group in query.groups]
    expr = " && ".join(groups)
    for p in query.excluded:
        expr = f"({expr}) && !!{phrase(p)}"
    return expr, params


def _filters(since: str | None, until: str | None) -> tuple[list[str], dict[str, Any]]:
    where, params = [], {}
    if since:
        where.append("d.published >= CAST(:since AS timestamp)")
        params["since"] = since
    if until:
        where.append("d.published < CAST(:until AS timestamp)")
        params["until"] = until
    return where, params


def search_documents(session: Session, query: Query, speaker_id: int | None = None, since: str | None = None,
                     until: str | None = None, limit: int | None = 20) -> list[dict[str, Any]]:
    """Documents matching the query, best ``ts_rank`` first (score: lower is better, as with bm25)."""
    where, params = _filters(since, until)
    if speaker_id is not None:
        where.append("(d.id IN (SELECT document_id FROM quotes WHERE speaker_id = :speaker)"
                     " OR d.id IN (SELECT document_id FROM mentions WHERE speaker_id = :speaker))")
        params["speaker"] = speaker_id
    expr, ts = tsquery(query)
    # Weights {D, C, B, A}: the title (A) counts 2.5 times the text (B).
    sql = (
        "SELECT d.id, d.file_name, d.title, d.site, d.published, d.text, hit.score FROM ("
        " SELECT f.rowid AS id, -ts_rank(f.terms, q.query) AS score"
        f" FROM documents_fts AS f CROSS JOIN (SELECT {expr} AS query) AS q"
        + (" JOIN documents AS d ON d.id = f.rowid" if where else "") +
        " WHERE f.terms @@ q.query" + "".join(f" AND {w}" for w in where) +
        " ORDER BY score, f.rowid LIMIT :limit) AS hit JOIN documents AS d ON d.id = hit.id ORDER BY hit.score, d.id"
    )
    params.update(ts, limit=limit)
    return [dict(r._mapping) for r in session.execute(text(sql), params)]


def search_quotes(session: Session, query: Query, speaker_id: int | None = None, since: str | None = None,
                  until: str | None = None, limit: int | None = 20) -> list[dict[str, Any]]:
    """Quotes matching the query, best ``ts_rank`` first (score: lower is better)."""
    where, params = _filters(since, until)
    if speaker_id is not None:
        where.append("q.speaker_id = :speaker")
        params["speaker"] = speaker_id
    expr, ts = tsquery(query)
    sql = (
        "SELECT q.id, q.document_id, q.text, q.kind, q.start, q.\"end\", q.attributed_as, q.verb,"
        " s.name AS speaker, s.kind AS speaker_kind, d.file_name AS document, d.title, d.published,"
        " e.name AS event, hit.score FROM ("
        " SELECT f.rowid AS id, -ts_rank(f.terms, tq.query) AS score"
        f" FROM quotes_fts AS f CROSS JOIN (SELECT {expr} AS query) AS tq"
        + (" JOIN quotes AS q ON q.id = f.rowid JOIN documents AS d ON d.id = q.document_id" if where else "")
        + " WHERE f.terms @@ tq.query" + "".join(f" AND {w}" for w in where) +
        " ORDER BY score, f.rowid LIMIT :limit) AS hit"
        " JOIN quotes AS q ON q.id = hit.id JOIN documents AS d ON d.id = q.document_id"
        " LEFT JOIN speakers AS s ON s.id = q.speaker_id LEFT JOIN events AS e ON e.id = q.event_id"
        " ORDER BY hit.score, q.id"
    )
    params.update(ts, limit=limit)
    return [dict(r._mapping) for r in session.execute(text(sql), params)]


def matching_quote_ids(query: Query) -> Any:
    """A subquery of the ids of quotes matching the query, for ``Quote.id.in_(…)``."""
    expr, ts = tsquery(query, prefix="about")
    return text(f"SELECT rowid FROM quotes_fts WHERE terms @@ ({expr})").bindparams(**ts).columns(column("rowid"))


# --- the index's rows: plain tables, the tsvector generated from the lemma strings -----------------------


def index_rows(session: Session | Connection, table: str, columns: tuple[str, ...],
               rows: list[dict[str, Any]]) -> None:
    """Add rows ``{"id": …, column: lemma string, …}`` to the index of ``table``; none of them may be in it."""
    if rows:
        names, values = ", ".join(columns), ", ".join(f":{c}" for c in columns)
        session.execute(statement(f"INSERT INTO {table}_fts (rowid, {names}) VALUES (:id, {values})"), rows)


def unindex_rows(session: Session | Connection, table: str, ids: list[int]) -> None:
    """Remove rows from the index of ``table`` (ids not in it are no error)."""
    if ids:
        session.execute(statement(f"DELETE FROM {table}_fts WHERE rowid = :id"), [{"id": i} for i in ids])


def clear_index(session: Session, table: str) -> None:
    session.execute(text(f"DELETE FROM {table}_fts"))


# --- `docstore check` ------------------------------------------------------------------------------------

INTEGRITY = "storage integrity"
OFFSET_MISMATCH = "IS DISTINCT FROM"


def integrity(conn: Connection) -> list[str] | None:
    """None: the server checksums and recovers its own pages (amcheck goes deeper, as a superuser)."""
    return None


def foreign_key_problems(conn: Connection) -> tuple[int, list[str]] | None:
    """None: the server enforces foreign keys; rows left by a writer that disabled them show as orphans."""
    return None


def fts_tables(conn: Connection) -> list[tuple[str, str | None, str]]:
    """(index table, the table it indexes, SQL of the ids the index holds) for every full-text table."""
    from sqlalchemy import inspect

    names = set(inspect(conn).get_table_names())
    return [(f"{t}_fts", t, f"SELECT rowid AS id FROM {t}_fts") for t in ("documents", "quotes") if f"{t}_fts" in names]


def fts_integrity(conn: Connection, name: str) -> str | None:
    """The generated tsvector column cannot drift from its lemma strings; rows are compared by the caller."""
    return None
