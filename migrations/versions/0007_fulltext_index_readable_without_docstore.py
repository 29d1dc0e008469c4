"""The full-text index keeps its lemma strings plainly: every SQLite can read it, no docstore function needed.

Revision 0006 kept the lemma strings zlib-compressed in ``documents_fts_terms`` and
``quotes_fts_terms`` and gave them to FTS5 through views calling ``unpack_lemmas``, a
function only docstore's connections have. Any other reader — the ``sqlite3`` shell,
Python's own ``sqlite3`` module, sqlite-utils, Datasette — failed as soon as FTS5 read a
row's content: ``SELECT count(*) FROM documents_fts``, ``snippet()``, ``highlight()``, the
``*_fts_source`` views (``no such function: unpack_lemmas``).

Now ``documents_fts(title, text)`` and ``quotes_fts(text)`` are ordinary FTS5 tables that
store their lemma strings themselves (the 0003 form), deleted by rowid alone by the same
triggers; the compressed tables and the views are gone. No custom function is left in
the schema, so reading, searching and deleting work from any SQLite with FTS5 (3.40 as
Debian 12 ships it included). The price is size: the strings take 2.0-2.8 times their
compressed bytes, a database of 10,000 bench articles a quarter more (docs/performance.md). FTS5's
``contentless_delete`` would keep the strings out altogether, but SQLite before 3.43 cannot
open such a table at all, and ``snippet()``/``highlight()`` read nothing from it.

The upgrade decompresses the strings the 0006 tables hold (nothing is lemmatised again)
into the new tables; the downgrade compresses them back (docstore/dialects/fts5_forms.py,
shared with 0006). An offline (``--sql``) run can do neither: run ``docstore db reindex``
after it. PostgreSQL's index tables already hold the
strings as plain text with a generated ``tsvector`` and call no function of docstore's:
nothing changes there.

Revision ID: 0007
Revises: 0006
"""
from typing import Sequence, Union

from alembic import op

revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None



def _sqlite() -> bool:
    return op.get_context().dialect.name == "sqlite"


def upgrade() -> None:
    from docstore.dialects import fts5_forms as forms

    if _sqlite():
        forms.to_stored(op, forms.online_in_one_transaction(op))


def downgrade() -> None:
    from docstore.dialects import fts5_forms as forms

    if _sqlite():
        forms.to_compressed(op, forms.online_in_one_transaction(op))
