"""Documents record the extractor version that produced their rows; corrections made by hand are kept.

``documents.extractor_version`` (text): ``docstore.extract.version.EXTRACTOR_VERSION`` of the
extractor that wrote the document's quotes, mentions and events. Rows already stored get
NULL, «unknown, older»: `docstore reextract --older` re-runs the current extractor over them.

``corrections``: what a user corrected (speakers merged, renamed or split, quotes reassigned
or rejected), who did and when, as a payload keyed on what outlives a re-extraction (speaker
keys, a quote's document hash, offsets and text); ``undone_at`` once undone.

``speaker_aliases.reason`` says why mentions under an alias were joined to its speaker
(«surname only: …»); ``speaker_aliases.correction_id`` names the correction that brought the
alias (its undo removes it). Both NULL for the aliases already stored.

Columns are added and dropped in place (ADD/DROP COLUMN), never by recreating a table: with
foreign keys on, recreating ``documents`` or ``speaker_aliases`` would cascade.

Revision ID: 0008
Revises: 0007
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | Sequence[str] | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('documents', sa.Column('extractor_version', sa.String(length=32), nullable=True))
    op.add_column('speaker_aliases', sa.Column('reason', sa.Text(), nullable=True))
    op.add_column('speaker_aliases', sa.Column('correction_id', sa.Integer(), nullable=True))
    op.create_index('ix_speaker_aliases_correction_id', 'speaker_aliases', ['correction_id'], unique=False)
    op.create_table(
        'corrections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('who', sa.String(length=255), nullable=False),
        sa.Column('action', sa.String(length=32), nullable=False),
        sa.Column('target', sa.Text(), nullable=False),
        sa.Column('document_hash', sa.String(length=64), nullable=True),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('undone_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_corrections')),
    )
    op.create_index('ix_corrections_document_hash', 'corrections', ['document_hash'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_corrections_document_hash', table_name='corrections')
    op.drop_table('corrections')
    op.drop_index('ix_speaker_aliases_correction_id', table_name='speaker_aliases')
    op.drop_column('speaker_aliases', 'correction_id')
    op.drop_column('speaker_aliases', 'reason')
    op.drop_column('documents', 'extractor_version')
