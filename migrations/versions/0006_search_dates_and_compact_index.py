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
The views call ``unpack_lemmas``, a function docstore registered on every SQLite
connection (until 0007, which gave it up): another program can search the index, but a
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

revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _sqlite() -> bool:
    return op.get_context().dialect.name == "sqlite"


def upgrade() -> None:
    from docstore.dialects import fts5_forms as forms

    conn = forms.online_in_one_transaction(op)
    op.create_index('ix_documents_id_published', 'documents', ['id', 'published'], unique=False)
    if _sqlite():
        forms.to_compressed(op, conn)


def downgrade() -> None:
    from docstore.dialects import fts5_forms as forms

    conn = forms.online_in_one_transaction(op)
    op.drop_index('ix_documents_id_published', table_name='documents')
    if _sqlite():
        forms.to_stored(op, conn)
