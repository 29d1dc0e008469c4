"""Search reads the dates of its hits from an index on documents (id, published).

`search --since/--until` checks each matching document's date before ranking it; a
common word matches tens of thousands of documents, and reading each one's row (a
page of article text) for its date was most of what such a search cost (p95 195 ms at
100,000 articles). The index answers by id with the date alone.

Revision ID: 0006
Revises: 0004 (written beside 0005; re-chain onto it when both are merged)
"""
from typing import Sequence, Union

from alembic import op


revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index('ix_documents_id_published', 'documents', ['id', 'published'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_documents_id_published', table_name='documents')
