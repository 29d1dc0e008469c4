"""SQLite: pragmas on every connection, the read-only guard, FTS5 search with bm25, its own checks."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import column, event, text

from docstore.dialects import statement
from docstore.search import Phrase, Query

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Connection, Engine
    from sqlalchemy.orm import Session


def driver() -> Any:
    """The DB-API module: pysqlite3 where its wheel is installed (Linux x86_64), else Python's own sqlite3.

    pysqlite3 is the standard library's module built with a recent SQLite (3.51 against
    Debian 12's 3.40): FTS5 ranks a common word's tens of thousands of matches in about
    0.6 of the time. Both read and write the same files.
    """
    try:
        from pysqlite3 import dbapi2
    except ImportError:
        import sqlite3 as dbapi2
    return dbapi2


def engine_url(url: URL, read_only: bool) -> URL:
    """A read-only engine opens its file read-only (``mode=ro``), so a file the user may only read can be
    queried. In a folder the user may not write either, SQLite could not create the shared-memory file
    a WAL database is read through: there the file is opened as immutable, which nobody can be writing
    (unless a write-ahead log is already there; then it is read as usual)."""
    path = url.database
    if not read_only or not path or path == ":memory:" or path.startswith("file:") or not os.path.exists(path):
        return url
    query = {**url.query, "mode": "ro", "uri": "true"}
    if not os.access(os.path.dirname(os.path.abspath(path)) or ".", os.W_OK) and not os.path.exists(f"{path}-wal"):
        query["immutable"] = "1"
    return url.set(database="file:" + quote(os.path.abspath(path)), query=query)


def engine_options(read_only: bool) -> dict[str, Any]:
    return {"module": driver()}


def configure(engine: Engine, read_only: bool) -> None:
    """Foreign keys, a busy timeout and WAL on every connection; ``read_only`` sets ``query_only``
    and an authorizer, so the connection itself refuses writes."""

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        else:
            cur.execute("PRAGMA query_only=ON")
            if hasattr(dbapi_conn, "set_authorizer"):
                dbapi_conn.set_authorizer(_read_only_authorizer)
        cur.close()


_SQLITE_PRAGMA, _SQLITE_ATTACH, _SQLITE_DETACH, _SQLITE_OK, _SQLITE_DENY = 19, 24, 25, 0, 1
_GUARD_PRAGMAS = frozenset({"query_only", "writable_schema", "journal_mode", "locking_mode"})


def _read_only_authorizer(action: int, arg1: str | None, arg2: str | None, *_: object) -> int:
    """A read-only connection may not switch ``query_only`` off again, nor attach a file it could write."""
    if action in (_SQLITE_ATTACH, _SQLITE_DETACH):
        return _SQLITE_DENY
    if action == _SQLITE_PRAGMA and (arg1 or "").lower() in _GUARD_PRAGMAS and arg2 is not None:
        return _SQLITE_DENY
    return _SQLITE_OK


def begin_read_only(conn: Connection) -> None:
    """Nothing to add: ``query_only`` and the authorizer hold for the whole connection."""


def lemmas(value: str | None) -> str | None:
    """The SQL function ``lemmas(text)``: the index terms of a text, for MATCH (pymorphy3 loads on first call)."""
    from docstore.lemmas import lemma_text

    return None if value is None else lemma_text(value)


def add_sql_functions(engine: Engine) -> None:
    """``lemmas(text)`` in ad hoc SQL (`docstore sql`; Datasette has it through docstore's plugin)."""

    @event.listens_for(engine, "connect")
    def _register(dbapi_conn, _record) -> None:  # noqa: ANN001
        dbapi_conn.create_function("lemmas", 1, lemmas, deterministic=True)

    engine.dispose()  # a connection pooled before (the revision check) has no lemmas()


def retryable(exc: BaseException) -> bool:
    """«database is locked»/«busy», or a concurrent insert of the same content (the retry finds its row)."""
    from sqlalchemy.exc import IntegrityError, OperationalError

    message = str(getattr(exc, "orig", exc)).lower()
    if isinstance(exc, OperationalError):
        return "locked" in message or "busy" in message
    return isinstance(exc, IntegrityError) and "unique constraint failed" in message


# Result codes after which no write can succeed until someone acts (free space, fix the disk or its rights).
_STORAGE = {"SQLITE_FULL": "disk full", "SQLITE_IOERR": "disk I/O error", "SQLITE_READONLY": "read-only",
            "SQLITE_CORRUPT": "database file corrupt", "SQLITE_NOMEM": "out of memory",
            "SQLITE_CANTOPEN": "cannot open the database file"}


def storage_failure(exc: BaseException) -> str | None:
    """«disk full» for SQLITE_FULL (and its like, see ``_STORAGE``), None for any other error."""
    orig = getattr(exc, "orig", exc)
    name = getattr(orig, "sqlite_errorname", None)  # Python 3.11: SQLITE_IOERR_WRITE, SQLITE_FULL …
    if name is None:
        return "disk full" if "database or disk is full" in str(orig) else None
    return next((why for code, why in _STORAGE.items() if name == code or name.startswith(code + "_")), None)


def after_copy(conn: Connection) -> None:
    """Explicit ids need nothing more: SQLite's rowids go on from the largest."""


# --- full-text search: FTS5 over lemma strings ------------------------------------------------------------

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


def _filters(since: str | None, until: str | None, published: str) -> tuple[list[str], dict[str, Any]]:
    """Date bounds on an ISO ``published`` column; ``until`` is exclusive (a date means the day after)."""
    where, params = [], {}
    if since:
        where.append(f"{published} >= :since")
        params["since"] = since.replace("T", " ")
    if until:
        where.append(f"{published} < :until")
        params["until"] = until.replace("T", " ")
    return where, params


# Date bounds read ``published`` from this index (id, published), never from the documents' rows: a
# common word matches tens of thousands of documents, and a page of article text per match was most of
# what a --since search cost (the planner takes the rowid instead unless told).
DATES = "documents AS d INDEXED BY ix_documents_id_published"


def search_documents(session: Session, query: Query, speaker_id: int | None = None, since: str | None = None,
                     until: str | None = None, limit: int | None = 20) -> list[dict[str, Any]]:
    """Documents matching the query, best bm25 first (score: lower is better)."""
    # Filters are checked before bm25 is computed, for the rows that pass them only. `+rowid IN (…)`, never
    # `rowid IN (…)`: FTS5 would be handed the list and run the MATCH once per listed rowid.
    where, params = _filters(since, until, "d.published")
    if speaker_id is not None:
        where.append("(+documents_fts.rowid IN (SELECT document_id FROM quotes WHERE speaker_id = :speaker)"
                     " OR +documents_fts.rowid IN (SELECT document_id FROM mentions WHERE speaker_id = :speaker))")
        params["speaker"] = speaker_id
    # Rank rowids first, then fetch the rows: the sorter must not carry every match's text.
    sql = (
        "SELECT d.id, d.file_name, d.title, d.site, d.published, d.text, hit.score FROM ("
        f" SELECT documents_fts.rowid AS id, bm25(documents_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT}) AS score"
        # CROSS JOIN: the MATCH drives; else the planner may walk the published index and probe FTS5 per row.
        " FROM documents_fts" + (f" CROSS JOIN {DATES} ON d.id = documents_fts.rowid" if since or until else "") +
        " WHERE documents_fts MATCH :match" + "".join(f" AND {w}" for w in where) +
        " ORDER BY score LIMIT :limit) AS hit JOIN documents AS d ON d.id = hit.id ORDER BY hit.score"
    )
    params.update(match=match_expression(query), limit=-1 if limit is None else limit)
    return [dict(r._mapping) for r in session.execute(text(sql), params)]


def search_quotes(session: Session, query: Query, speaker_id: int | None = None, since: str | None = None,
                  until: str | None = None, limit: int | None = 20) -> list[dict[str, Any]]:
    """Quotes matching the query, best bm25 first (score: lower is better)."""
    where, params = _filters(since, until, "d.published")
    if speaker_id is not None:
        where.append("q.speaker_id = :speaker")
        params["speaker"] = speaker_id
    sql = (
        "SELECT q.id, q.document_id, q.text, q.kind, q.start, q.\"end\", q.attributed_as, q.verb,"
        " s.name AS speaker, s.kind AS speaker_kind, d.file_name AS document, d.title, d.published,"
        " e.name AS event, hit.score FROM ("
        " SELECT quotes_fts.rowid AS id, bm25(quotes_fts) AS score FROM quotes_fts"
        + (" CROSS JOIN quotes AS q ON q.id = quotes_fts.rowid" if where else "")
        + (f" CROSS JOIN {DATES} ON d.id = q.document_id" if since or until else "")
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


# --- the index's rows: FTS5 tables that keep their lemma strings (migration 0007) -------------------------

# ``<table>_fts`` stores its lemma strings itself, so it needs no function of docstore's: the sqlite3
# shell, sqlite-utils and Datasette read, search and delete through it as docstore does (a trigger on
# ``<table>`` deletes a row's terms by rowid). See migrations 0006 and 0007 for the compressed form it had.


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
    """Empty the index of ``table``."""
    session.execute(text(f"DELETE FROM {table}_fts"))


# --- `docstore check` ------------------------------------------------------------------------------------

INTEGRITY = "sqlite integrity_check"
OFFSET_MISMATCH = "IS NOT"  # NULL-safe inequality


def integrity(conn: Connection) -> list[str]:
    return [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check") if r[0] != "ok"]


def foreign_key_problems(conn: Connection) -> tuple[int, list[str]] | None:
    found = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    return len(found), [f"{table} row {rowid} points to a missing {parent} row" for table, rowid, parent, _ in found]


def fts_tables(conn: Connection) -> list[tuple[str, str | None, str]]:
    """(index table, the table it indexes, SQL of the ids the index holds) for every full-text table."""
    rows = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'")
    return [(name, next((t for t in ("documents", "quotes") if name == f"{t}_fts"), None),
             f'SELECT rowid AS id FROM "{name}"') for (name,) in rows]


def fts_integrity(conn: Connection, name: str) -> str | None:
    """FTS5's own integrity check: the index against the strings it stores."""
    try:
        conn.exec_driver_sql(f"INSERT INTO \"{name}\"(\"{name}\", rank) VALUES ('integrity-check', 1)")
    except Exception as exc:  # noqa: BLE001 - the message is the finding
        return (f"{name} is out of step with its table (SQLite: {getattr(exc, 'orig', exc)}); "
                f"rebuild it: docstore db reindex")
    return None
