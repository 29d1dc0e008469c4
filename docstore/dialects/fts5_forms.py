"""The forms SQLite's full-text index has had, for the migrations that move it from one to another.

- stored (revisions 0003-0005, and 0007 on): FTS5 keeps the lemma strings itself; any SQLite reads it.
- compressed (revision 0006): the strings zlib-compressed in ``<table>_fts_terms``, given to FTS5 by a
  view calling ``unpack_lemmas``, a function only docstore's connections had.

Migrations 0006 and 0007 move between the two with ``to_compressed`` and ``to_stored``, moving the strings
as they are (nothing is lemmatised again); an offline (``--sql``) run can neither compress nor uncompress,
so it leaves the index empty: run ``docstore db reindex`` after it.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import Any

TOKENIZE = "tokenize = 'unicode61 remove_diacritics 0'"  # lemma terms are folded already: keep «й»
INDEXED = {"documents": ("title", "text"), "quotes": ("text",)}
BATCH = 500


def stored(table: str, columns: tuple[str, ...]) -> list[str]:
    """FTS5 keeps the strings itself; a trigger deletes a row's terms by rowid alone."""
    return [
        f"CREATE VIRTUAL TABLE {table}_fts USING fts5({', '.join(columns)}, {TOKENIZE})",
        f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN"
        f" DELETE FROM {table}_fts WHERE rowid = old.id; END",
    ]


def compressed_terms(table: str, columns: tuple[str, ...]) -> str:
    """0006's table of compressed strings (id, one BLOB per column)."""
    return (f"CREATE TABLE {table}_fts_terms (id INTEGER PRIMARY KEY, "
            + ", ".join(f"{c} BLOB NOT NULL" for c in columns) + ")")


def compressed(table: str, columns: tuple[str, ...]) -> list[str]:
    """0006's index over its compressed strings (the table of them made first): the view, FTS5, the trigger."""
    names = ", ".join(columns)
    return [
        f"CREATE VIEW {table}_fts_source AS SELECT id, "
        + ", ".join(f"unpack_lemmas({c}) AS {c}" for c in columns) + f" FROM {table}_fts_terms",
        f"CREATE VIRTUAL TABLE {table}_fts USING fts5({names}, content='{table}_fts_source', content_rowid='id',"
        f" {TOKENIZE})",
        f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN"
        f" DELETE FROM {table}_fts WHERE rowid = old.id; DELETE FROM {table}_fts_terms WHERE id = old.id; END",
    ]


def pack_lemmas(value: str | None) -> bytes:
    """A lemma string as 0006 kept it: UTF-8, zlib-compressed (about a third)."""
    return zlib.compress((value or "").encode("utf-8"), 6)


def unpack_lemmas(value: bytes | None) -> str | None:
    return None if value is None else zlib.decompress(value).decode("utf-8")


def register_unpack_lemmas(dbapi_conn: Any) -> None:
    """What 0006's views call, on a migration's connection: FTS5 reads the content through them."""
    dbapi_conn.create_function("unpack_lemmas", 1, unpack_lemmas, deterministic=True)


def copy_rows(conn: Any, source: str, source_id: str, target: str, target_id: str,
              columns: tuple[str, ...], convert: Callable[[Any], Any]) -> None:
    """Every row of ``source`` into ``target``, its columns converted, a batch at a time."""
    from sqlalchemy import text

    names = ", ".join(columns)
    insert = text(f"INSERT INTO {target} ({target_id}, {names}) VALUES (:id, "
                  + ", ".join(f":{c}" for c in columns) + ")")
    last = 0
    while rows := conn.execute(text(f"SELECT {source_id}, {names} FROM {source} WHERE {source_id} > :last"
                                    f" ORDER BY {source_id} LIMIT {BATCH}"), {"last": last}).all():
        conn.execute(insert, [{"id": r[0], **{c: convert(v) for c, v in zip(columns, r[1:])}} for r in rows])
        last = rows[-1][0]


def online_in_one_transaction(op: Any) -> Any:
    """The connection of an online run on SQLite, the revision in one transaction; None otherwise
    (PostgreSQL, or an offline ``--sql`` run, which can neither compress nor uncompress).

    Python's sqlite3 opens a transaction only at the first INSERT/UPDATE/DELETE and runs the DDL before
    it outside any: a revision stopped half way (Ctrl-C while the strings are copied) would leave new
    tables behind, and every later upgrade would fail on them. A write that changes nothing first puts
    the whole revision in one transaction, undone whole when it fails."""
    context = op.get_context()
    if context.dialect.name != "sqlite" or context.as_sql:
        return None
    op.execute("UPDATE alembic_version SET version_num = version_num")
    return op.get_bind()


def to_compressed(op: Any, conn: Any) -> None:
    """From the stored form to 0006's (``conn``: None offline)."""
    if conn is not None:
        register_unpack_lemmas(conn.connection.driver_connection)  # 'rebuild' reads through the views
    for table, columns in INDEXED.items():
        op.execute(compressed_terms(table, columns))
        if conn is not None:
            copy_rows(conn, f"{table}_fts", "rowid", f"{table}_fts_terms", "id", columns, pack_lemmas)
        op.execute(f"DROP TRIGGER {table}_fts_delete")
        op.execute(f"DROP TABLE {table}_fts")
        for statement in compressed(table, columns):
            op.execute(statement)
        if conn is not None:
            op.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('rebuild')")


def to_stored(op: Any, conn: Any) -> None:
    """From 0006's form to the stored one (``conn``: None offline)."""
    for table, columns in INDEXED.items():
        op.execute(f"DROP TRIGGER {table}_fts_delete")
        op.execute(f"DROP TABLE {table}_fts")  # reads no content: unpack_lemmas is not needed
        op.execute(f"DROP VIEW {table}_fts_source")
        for statement in stored(table, columns):
            op.execute(statement)
        if conn is not None:
            copy_rows(conn, f"{table}_fts_terms", "id", f"{table}_fts", "rowid", columns, unpack_lemmas)
        op.execute(f"DROP TABLE {table}_fts_terms")
