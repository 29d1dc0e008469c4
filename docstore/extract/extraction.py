"""Value objects produced by extraction: plain data, no database, no NLP objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Speaker:
    """A person or organisation that says something in one article.

    ``key`` identifies the speaker across documents: the canonical name folded
    (casefold, ё→е). ``aliases`` are the surface forms seen, each with its kind
    ("name", "role", "pronoun").
    """

    name: str
    key: str
    kind: str = "person"  # person | organisation | role (nobody named: «адвокат Петрова») | group («врачи»)
    aliases: dict[str, str] = field(default_factory=dict)  # surface form -> alias kind
    mentions: list[tuple[int, int]] = field(default_factory=list)  # (start, end) in the text


@dataclass
class Quote:
    """What was said: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int
    kind: str  # direct | indirect | partial
    speaker: str | None = None  # Speaker.key, None when unknown
    attributed_as: str | None = None  # the words naming the speaker, as written
    verb: str | None = None  # lemma of the speech verb
    event: int | None = None  # index into Extraction.events


@dataclass
class Event:
    """An occasion where things were said."""

    name: str  # nominative, e.g. «расширенное заседание коллегии МВД»
    kind: str  # lemma of the head noun: заседание, встреча, пресс-конференция …
    start: int
    end: int
    date: dt.date | None = None
    location: str | None = None
    participants: list[str] = field(default_factory=list)  # Speaker.key


@dataclass
class Extraction:
    speakers: list[Speaker] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
