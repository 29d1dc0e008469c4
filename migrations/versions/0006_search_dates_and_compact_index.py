"""Search reads hit dates from an index; the full-text index keeps its lemma strings compressed beside it.

Both engines: an index on documents (id, published). `search --since/--until` checks
each matching document's date before ranking it; a common word matches tens of
thousands of documents, and reading each one's row (a page of article text) for its
date was most of what such a search cost (p95 195 ms at 100,000 articles). The index
answers by id with the date alone.

SQLite. ``documents_fts`` and ``quotes_fts`` stored their own copy of the lemma strings
(FTS5's ``*_fts_content``): at 100,000 articles 1.23× the text, four fifths of the
index. Now they are external-content FTS5 tables whose content is a view
(``documents_fts_source``, ``quotes_fts_source``) unpacking the strings kept
zlib-compressed in ``documents_fts_terms(id, title, text)`` and
``quotes_fts_terms(id, text)`` (one BLOB per column, about a third of the size). FTS5
reads a row's strings back from there to delete its terms, so deleting stays exact
whatever the lemmatiser does later (SQLite before 3.43 cannot delete from a contentless
table without them). The delete triggers remove the index row first, then its strings.
The views call ``unpack_lemmas``, a function docstore registers on every SQLite
connection (docstore/dialects/sqlite.py): another program can search the index, but a
delete of documents or quotes there fails whole (no such function) instead of leaving
the index behind. Alembic autogenerate leaves ``*_fts_terms`` alone like the FTS5
shadow tables (docstore/fts.py, migrations/env.py).

The upgrade moves the strings the old tables hold (nothing is lemmatised again) and
rebuilds the index from them; the downgrade puts them back into FTS5 tables of the
0003 form. An offline (``--sql``) run can neither compress nor uncompress: run
``docstore db reindex`` after it. PostgreSQL's index tables are unchanged.

Revision ID: 0006
Revises: 0005
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BATCH = 500
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 0'"  # as in 0003
INDEXED = {"documents": ("title", "text"), "quotes": ("text",)}


def _external(table: str, columns: tuple[str, ...]) -> list[str]:
    names = ", ".join(columns)
    return [
        f"CREATE VIEW {table}_fts_source AS SELECT id, "
        + ", ".join(f"unpack_lemmas({c}) AS {c}" for c in columns) + f" FROM {table}_fts_terms",
        f"CREATE VIRTUAL TABLE {table}_fts USING fts5({names}, content='{table}_fts_source', content_rowid='id',"
        f" {TOKENIZE})",
        f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN"
        f" DELETE FROM {table}_fts WHERE rowid = old.id; DELETE FROM {table}_fts_terms WHERE id = old.id; END",
    ]


def _stored(table: str, columns: tuple[str, ...]) -> list[str]:
    """The 0003 form: FTS5 keeps the strings itself."""
    return [
        f"CREATE VIRTUAL TABLE {table}_fts USING fts5({', '.join(columns)}, {TOKENIZE})",
        f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN"
        f" DELETE FROM {table}_fts WHERE rowid = old.id; END",
    ]


def _copy(conn: sa.Connection, source: str, source_id: str, target: str, target_id: str,
          columns: tuple[str, ...], convert) -> None:  # noqa: ANN001
    """Every row of ``source`` into ``target``, its columns converted, a batch at a time."""
    names = ", ".join(columns)
    insert = sa.text(f"INSERT INTO {target} ({target_id}, {names}) VALUES (:id, "
                     + ", ".join(f":{c}" for c in columns) + ")")
    last = 0
    while rows := conn.execute(sa.text(f"SELECT {source_id}, {names} FROM {source} WHERE {source_id} > :last"
                                       f" ORDER BY {source_id} LIMIT {BATCH}"), {"last": last}).all():
        conn.execute(insert, [{"id": r[0], **{c: convert(v) for c, v in zip(columns, r[1:])}} for r in rows])
        last = rows[-1][0]


def _sqlite() -> bool:
    return op.get_context().dialect.name == "sqlite"


def _online() -> sa.Connection | None:
    """The connection, with docstore's SQL functions on it; None in an offline (--sql) run."""
    if op.get_context().as_sql:
        return None
    from docstore.dialects.sqlite import register_functions

    conn = op.get_bind()
    register_functions(conn.connection.driver_connection)
    return conn


def _one_transaction() -> None:
    """Python's sqlite3 opens a transaction only at the first INSERT/UPDATE/DELETE and runs the DDL before
    it outside any: an upgrade stopped half way (Ctrl-C while the strings are copied) would leave the new
    index and an empty table behind, and every later upgrade would fail on them. A write that changes
    nothing first puts the whole revision in one transaction, undone whole when it fails."""
    if _sqlite() and not op.get_context().as_sql:
        op.execute("UPDATE alembic_version SET version_num = version_num")


def upgrade() -> None:
    _one_transaction()
    op.create_index('ix_documents_id_published', 'documents', ['id', 'published'], unique=False)
    if not _sqlite():
        return
    from docstore.dialects.sqlite import pack_lemmas

    conn = _online()
    for table, columns in INDEXED.items():
        op.execute(f"CREATE TABLE {table}_fts_terms (id INTEGER PRIMARY KEY, "
                   + ", ".join(f"{c} BLOB NOT NULL" for c in columns) + ")")
        if conn is not None:
            _copy(conn, f"{table}_fts", "rowid", f"{table}_fts_terms", "id", columns, pack_lemmas)
        op.execute(f"DROP TRIGGER {table}_fts_delete")
        op.execute(f"DROP TABLE {table}_fts")
        for statement in _external(table, columns):
            op.execute(statement)
        if conn is not None:
            op.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('rebuild')")


def downgrade() -> None:
    _one_transaction()
    op.drop_index('ix_documents_id_published', table_name='documents')
    if not _sqlite():
        return
    from docstore.dialects.sqlite import unpack_lemmas

    conn = _online()
    for table, columns in INDEXED.items():
        op.execute(f"DROP TRIGGER {table}_fts_delete")
        op.execute(f"DROP TABLE {table}_fts")
        op.execute(f"DROP VIEW {table}_fts_source")
        for statement in _stored(table, columns):
            op.execute(statement)
        if conn is not None:
            _copy(conn, f"{table}_fts_terms", "id", f"{table}_fts", "rowid", columns, unpack_lemmas)
        op.execute(f"DROP TABLE {table}_fts_terms")
