"""Full-text index of lemmas over documents and quotes (FTS5), its delete triggers, and the SQL views.

``documents_fts(title, text)`` and ``quotes_fts(text)`` hold lemma strings (see
docstore/lemmas.py) with rowid = documents.id / quotes.id. They store those strings
themselves (not contentless): SQLite before 3.43 can only delete from a contentless
table given the exact tokens it was fed, and a lemmatiser upgrade would then corrupt
the index silently; with the strings stored, the triggers below delete by rowid alone.
The upgrade indexes the documents and quotes already in the database.

On PostgreSQL the same two tables are plain tables with the same columns (``rowid``
named so, a foreign key with ON DELETE CASCADE instead of the triggers) and a
generated ``terms tsvector`` column over the lemma strings (``simple`` configuration:
no stemming, no stop words) with a GIN index; the title's terms weigh A, the text's B.
The views are the same but for ``string_agg``.

Alembic autogenerate must not see the index tables or their shadow tables
(migrations/env.py filters ``*_fts*``). A later batch migration that recreates
``documents`` or ``quotes`` must drop the views first and recreate views and triggers.

Revision ID: 0003
Revises: 0002
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BATCH = 500

# remove_diacritics 0: the default folds «й» into «и»; lemma terms are already folded.
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 0'"

CREATE = [
    f"CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, {TOKENIZE})",
    f"CREATE VIRTUAL TABLE quotes_fts USING fts5(text, {TOKENIZE})",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN"
    " DELETE FROM documents_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN"
    " DELETE FROM quotes_fts WHERE rowid = old.id; END",
    """CREATE VIEW quote_rows AS
SELECT q.id AS quote_id, q.text, q.kind, s.name AS speaker, s.kind AS speaker_kind, q.attributed_as, q.verb,
       d.file_name AS document, d.title, d.site, d.published, e.name AS event, e.date AS event_date,
       q.document_id, q.speaker_id, q.event_id, q.start, q."end"
FROM quotes AS q
JOIN documents AS d ON d.id = q.document_id
LEFT JOIN speakers AS s ON s.id = q.speaker_id
LEFT JOIN events AS e ON e.id = q.event_id""",
    """CREATE VIEW document_rows AS
SELECT d.id AS document_id, d.file_name AS file, d.title, d.site, d.section, d.url, d.author, d.published,
       length(d.text) AS chars,
       (SELECT count(*) FROM quotes AS q WHERE q.document_id = d.id) AS quotes,
       (SELECT group_concat(name, '; ') FROM (
            SELECT DISTINCT s.name FROM quotes AS q JOIN speakers AS s ON s.id = q.speaker_id
            WHERE q.document_id = d.id ORDER BY s.name)) AS speakers
FROM documents AS d""",
]

POSTGRESQL_CREATE = [
    "CREATE TABLE documents_fts (rowid integer PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,"
    " title text NOT NULL DEFAULT '', text text NOT NULL DEFAULT '',"
    " terms tsvector GENERATED ALWAYS AS"
    " (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', text), 'B')) STORED)",
    "CREATE INDEX documents_fts_terms ON documents_fts USING gin (terms)",
    "CREATE TABLE quotes_fts (rowid integer PRIMARY KEY REFERENCES quotes (id) ON DELETE CASCADE,"
    " text text NOT NULL DEFAULT '',"
    " terms tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED)",
    "CREATE INDEX quotes_fts_terms ON quotes_fts USING gin (terms)",
    CREATE[4],  # quote_rows
    """CREATE VIEW document_rows AS
SELECT d.id AS document_id, d.file_name AS file, d.title, d.site, d.section, d.url, d.author, d.published,
       length(d.text) AS chars,
       (SELECT count(*) FROM quotes AS q WHERE q.document_id = d.id) AS quotes,
       (SELECT string_agg(DISTINCT s.name, '; ' ORDER BY s.name) FROM quotes AS q
            JOIN speakers AS s ON s.id = q.speaker_id WHERE q.document_id = d.id) AS speakers
FROM documents AS d""",
]

POSTGRESQL_DROP = [
    "DROP VIEW IF EXISTS document_rows",
    "DROP VIEW IF EXISTS quote_rows",
    "DROP TABLE IF EXISTS quotes_fts",
    "DROP TABLE IF EXISTS documents_fts",
]

DROP = [
    "DROP VIEW IF EXISTS document_rows",
    "DROP VIEW IF EXISTS quote_rows",
    "DROP TRIGGER IF EXISTS quotes_fts_delete",
    "DROP TRIGGER IF EXISTS documents_fts_delete",
    "DROP TABLE IF EXISTS quotes_fts",
    "DROP TABLE IF EXISTS documents_fts",
]


def _backfill(conn: sa.Connection) -> None:
    """Index what is already stored, a batch at a time."""
    from docstore.lemmas import lemma_text

    for table, columns in (("documents", ("title", "text")), ("quotes", ("text",))):
        names = ", ".join(columns)
        insert = sa.text(f"INSERT INTO {table}_fts (rowid, {names}) VALUES (:id, "
                         + ", ".join(f":{c}" for c in columns) + ")")
        last = 0
        while True:
            rows = conn.execute(sa.text(f"SELECT id, {names} FROM {table} WHERE id > :last ORDER BY id LIMIT {BATCH}"),
                                {"last": last}).all()
            if not rows:
                break
            conn.execute(insert, [{"id": r[0], **{c: lemma_text(v) for c, v in zip(columns, r[1:])}} for r in rows])
            last = rows[-1][0]


def _dialect() -> str:
    name = op.get_context().dialect.name
    if name not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"the full-text index is written for SQLite and PostgreSQL, not {name}")
    return name


def upgrade() -> None:
    for statement in CREATE if _dialect() == "sqlite" else POSTGRESQL_CREATE:
        op.execute(statement)
    if not op.get_context().as_sql:  # an offline (--sql) script cannot lemmatise: run `docstore db reindex` after it
        _backfill(op.get_bind())


def downgrade() -> None:
    for statement in DROP if _dialect() == "sqlite" else POSTGRESQL_DROP:
        op.execute(statement)
