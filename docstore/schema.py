"""The tables, in SQLAlchemy Core: what queries read, what the ORM models map, what Alembic compares.

Defined here once, without the ORM: the query commands build their SELECTs from these
tables and never import ``sqlalchemy.orm`` (its import and mapper set-up were a third of
a query command's start-up), and the store writes its rows with Core statements too.
docstore/models.py maps ORM classes onto these same tables for tests and scripts.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("path", Text, nullable=False),
    Column("file_name", String(255), nullable=False, index=True),
    Column("site", String(255)),
    Column("section", String(255)),
    Column("url", Text),
    Column("title", Text),
    Column("author", String(255)),
    Column("published", DateTime, index=True),
    Column("encoding", String(32)),
    Column("text", Text, nullable=False),
    Column("loaded_at", DateTime, nullable=False, default=_now),
    # docstore.extract.version.EXTRACTOR_VERSION of the extractor that produced the document's rows;
    # NULL: stored before versions were recorded (`reextract --older` takes those too)
    Column("extractor_version", String(32)),
    # the dates of search hits by id without reading the articles' rows (search --since/--until)
    Index("ix_documents_id_published", "id", "published"),
)

# ``quote_count``: the speaker's quotes, kept by the store in the transaction that adds or
# removes them (`docstore check` compares it with the quotes).
speakers = Table(
    "speakers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(255), nullable=False),
    Column("key", String(255), nullable=False, unique=True, index=True),
    Column("kind", String(16), nullable=False, default="person"),  # person | organisation | role | group (nobody named: one article's)
    Column("quote_count", Integer, nullable=False, default=0, server_default="0"),
)
# `speakers` lists the most quoted first: the first rows of this index, no count and no sort.
Index("ix_speakers_by_quotes", speakers.c.quote_count.desc(), speakers.c.name)

# A surface form seen for a speaker; ``key`` is the folded nominative used for matching.
# ``reason``: why mentions under this form were joined to this speaker (or kept apart from
# another), when it was not the extractor's own full name: «surname only: …», «initials: …».
# ``correction_id``: the correction that brought the alias here (a merge, rename or split by
# hand); undoing it removes the alias again. No foreign key: corrections are never deleted.
speaker_aliases = Table(
    "speaker_aliases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_id", ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False),
    Column("alias", String(255), nullable=False),
    Column("key", String(255), nullable=False, index=True),
    Column("kind", String(16), nullable=False, default="name"),  # name | role | pronoun
    Column("reason", Text),
    Column("correction_id", Integer, index=True),
    UniqueConstraint("speaker_id", "key"),
)

# Where a speaker is named in a document (character offsets into documents.text).
mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("speaker_id", ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

# An occasion where things were said; ``start``/``end`` point into its first document.
# ``location_key`` is the place folded in Python (casefold, ё→е): SQLite's ``lower()``
# leaves Cyrillic alone, so ``--place`` and the cross-document merge compare this key.
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("key", String(255), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("date", Date),
    Column("location", String(255)),
    Column("location_key", String(255), index=True),
    Column("start", Integer),
    Column("end", Integer),
    Index("ix_events_kind_date", "kind", "date"),
)

event_documents = Table(
    "event_documents",
    metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True),
)

event_participants = Table(
    "event_participants",
    metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("speaker_id", ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True, index=True),
)

# What was said: ``documents.text[start:end] == text``.
quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("speaker_id", ForeignKey("speakers.id", ondelete="SET NULL")),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),  # direct | indirect | partial
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("attributed_as", String(255)),
    Column("verb", String(64)),
    Column("event_id", ForeignKey("events.id", ondelete="SET NULL"), index=True),
    # A speaker's quotes in text order (`quotes --speaker … --limit 20`) walk this index and stop:
    # no sort of everything they said.
    Index("ix_quotes_speaker_order", "speaker_id", "document_id", "start"),
)

# What a user corrected by hand (docstore/corrections.py): applied when made, re-applied after every
# re-extraction of the documents it concerns, until undone. Keyed on what outlives a re-extraction:
# speakers by key, quotes by document content hash, offsets and text (``payload``); ids change.
# ``who``: $DOCSTORE_USER, else the OS user. ``document_hash``: set for a quote's correction.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", DateTime, nullable=False, default=_now),
    Column("who", String(255), nullable=False),
    Column("action", String(32), nullable=False),  # merge | rename | split | reassign | reject
    Column("target", Text, nullable=False),
    Column("document_hash", String(64), index=True),
    Column("payload", JSON, nullable=False),
    Column("undone_at", DateTime),
)
