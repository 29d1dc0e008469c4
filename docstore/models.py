"""ORM classes over the tables: Document, Speaker and its aliases, Mention, Event, Quote.

Each maps a table of docstore/schema.py, the one definition of the columns (they become
the class's attributes); here are only the relationships. docstore itself reads and
writes those tables with Core, the store included (an ORM flush per row was most of its
CPU); these classes are for tests and scripts that want objects and relationships
(bench/queries.py generates its rows through them).
"""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from docstore import schema
from docstore.schema import event_documents, event_participants  # noqa: F401 - the store imports them from here


class Base(DeclarativeBase):
    metadata = schema.metadata


class Document(Base):
    __table__ = schema.documents

    quotes: Mapped[list[Quote]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    events: Mapped[list[Event]] = relationship(secondary=event_documents, back_populates="documents")


class Speaker(Base):
    __table__ = schema.speakers

    aliases: Mapped[list[SpeakerAlias]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", passive_deletes=True
    )


class SpeakerAlias(Base):
    __table__ = schema.speaker_aliases

    speaker: Mapped[Speaker] = relationship(back_populates="aliases")


class Mention(Base):
    __table__ = schema.mentions


class Event(Base):
    __table__ = schema.events

    documents: Mapped[list[Document]] = relationship(secondary=event_documents, back_populates="events")
    participants: Mapped[list[Speaker]] = relationship(secondary=event_participants)


class Quote(Base):
    __table__ = schema.quotes

    document: Mapped[Document] = relationship(back_populates="quotes")
    speaker: Mapped[Speaker | None] = relationship()
    event: Mapped[Event | None] = relationship()
