"""Speakers keep their quote count: `speakers` reads the first rows of an index instead of counting.

`speakers --limit 20` counted every quote per speaker on each call (a full scan of the
quotes' speaker index: 57 ms on SQLite, 143 ms on PostgreSQL at 1,000,000 quotes). The
count now lives on the speaker row, ``speakers.quote_count``, and the index
(quote_count DESC, name) holds the speakers in the order the command lists them. The
store keeps it exact in the transaction that adds or removes quotes (load, load
--force, delete); `docstore check` compares it with the quotes.

The upgrade counts the quotes already stored (one UPDATE); the column is added and
dropped in place (ADD/DROP COLUMN), never by recreating the table: with foreign keys on,
dropping ``speakers`` would cascade into aliases and mentions and null quotes.speaker_id.

Revision ID: 0005
Revises: 0004
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BACKFILL = "UPDATE speakers SET quote_count = (SELECT count(*) FROM quotes WHERE quotes.speaker_id = speakers.id)"


def upgrade() -> None:
    op.add_column('speakers', sa.Column('quote_count', sa.Integer(), server_default='0', nullable=False))
    op.execute(BACKFILL)
    op.create_index('ix_speakers_by_quotes', 'speakers', [sa.text('quote_count DESC'), 'name'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_speakers_by_quotes', table_name='speakers')
    op.drop_column('speakers', 'quote_count')
