"""Events get a folded place key (for --place and the cross-document merge) and a (kind, date) index.

SQLite's ``lower()`` does not fold Cyrillic, so the key is computed in Python and
backfilled here for the events already stored. The events table is altered in place
(ADD/DROP COLUMN), never recreated: with foreign keys on, dropping and recreating it
would cascade into event_documents and null quotes.event_id.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 06:10:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

events = sa.table(
    'events',
    sa.column('id', sa.Integer),
    sa.column('location', sa.String),
    sa.column('location_key', sa.String),
)


def _fold(text: str) -> str:
    """docstore.names.fold as of this revision (frozen here: a migration must not change with the code)."""
    return " ".join(text.casefold().replace("ё", "е").split())


def upgrade() -> None:
    """Upgrade schema."""
    op.add_column('events', sa.Column('location_key', sa.String(length=255), nullable=True))
    op.create_index(op.f('ix_events_location_key'), 'events', ['location_key'], unique=False)
    op.drop_index('ix_events_key_date', table_name='events')
    op.create_index('ix_events_kind_date', 'events', ['kind', 'date'], unique=False)

    conn = op.get_bind()
    rows = conn.execute(sa.select(events.c.id, events.c.location).where(events.c.location.is_not(None))).all()
    for event_id, location in rows:
        conn.execute(events.update().where(events.c.id == event_id).values(location_key=_fold(location) or None))


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index('ix_events_kind_date', table_name='events')
    op.create_index('ix_events_key_date', 'events', ['key', 'date'], unique=False)
    op.drop_index(op.f('ix_events_location_key'), table_name='events')
    op.drop_column('events', 'location_key')
