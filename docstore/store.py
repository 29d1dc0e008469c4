"""Extraction -> rows: speaker upserts by key, events merged across documents, one transaction per document."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from docstore import fts
from docstore.extract.extraction import Event as XEvent
from docstore.extract.extraction import Extraction
from docstore.extract.extraction import Speaker as XSpeaker
from docstore.ingest import Article, content_hash
from docstore.models import (
    Document,
    Event,
    Mention,
    Quote,
    Speaker,
    SpeakerAlias,
    event_documents,
    event_participants,
)
from docstore.names import fold, name_key, surname

LOADED = "loaded"
RELOADED = "reloaded"
PRESENT = "already present"
FAILED = "failed"


@dataclass
class LoadResult:
    status: str
    document_id: int | None = None
    quotes: int = 0
    speakers: frozenset[int] = frozenset()
    events: int = 0


def find_document(session: Session, article: Article) -> Document | None:
    return session.scalar(select(Document).where(Document.content_hash == content_hash(article.text)))


def load_article(
    session: Session, article: Article, extract: Callable[[Article], Extraction], force: bool = False
) -> LoadResult:
    """Store an article unless its content is already there; extraction runs only when needed."""
    existing = find_document(session, article)
    session.rollback()  # end the read; the write below is its own transaction
    if existing is not None and not force:
        return LoadResult(PRESENT, existing.id)
    extraction = extract(article)
    return store_extraction(session, article, extraction, force=force)


def store_extraction(session: Session, article: Article, extraction: Extraction, force: bool = False) -> LoadResult:
    """Write a document and everything extracted from it in one transaction.

    The same content a second time is «already present»; with ``force`` its quotes,
    mentions and event links are replaced. Any failure rolls the whole document back.
    """
    try:
        result = _store(session, article, extraction, force)
        session.commit()
        return result
    except BaseException:
        session.rollback()
        raise


def store_batch(session: Session, items: list[tuple[Article, Extraction]], force: bool = False) -> list[LoadResult]:
    """Several documents in one transaction (the parallel loader's writer): all of them or none.

    Each is stored exactly as ``store_extraction`` would, in the order given; the caller
    falls back to one transaction per document when a batch fails.
    """
    try:
        results = [_store(session, article, extraction, force) for article, extraction in items]
        session.commit()
        return results
    except BaseException:
        session.rollback()
        raise


def _store(session: Session, article: Article, extraction: Extraction, force: bool) -> LoadResult:
    digest = content_hash(article.text)
    # FOR UPDATE (PostgreSQL; SQLite has one writer at a time): a concurrent --force of the same
    # document waits here, so the quotes counted off below are the ones this transaction deletes.
    doc = session.scalar(select(Document).where(Document.content_hash == digest).with_for_update())
    status = LOADED
    counts: Counter[int] = Counter()  # quotes per speaker this document adds (negative: removes)
    if doc is not None:
        if not force:
            return LoadResult(PRESENT, doc.id)
        counts.subtract(_quotes_per_speaker(session, doc.id))
        _clear(session, doc.id)
        status = RELOADED
    else:
        doc = Document(content_hash=digest)
        session.add(doc)
    doc.path = article.path
    doc.file_name = Path(article.path).name if article.path else ""
    doc.site, doc.section, doc.url = article.site, article.section, article.url
    doc.title, doc.author, doc.published = article.title, article.author, article.published
    doc.encoding, doc.text = article.encoding, article.text
    session.flush()

    speaker_ids = _store_speakers(session, doc.id, extraction.speakers)
    event_ids = _store_events(session, doc, extraction, speaker_ids)
    quotes = [
        {
            "document_id": doc.id,
            "speaker_id": speaker_ids.get(q.speaker) if q.speaker else None,
            "text": q.text,
            "kind": q.kind,
            "start": start,
            "end": start + len(q.text),
            "attributed_as": q.attributed_as,
            "verb": q.verb,
            "event_id": event_ids[q.event] if q.event is not None and 0 <= q.event < len(event_ids) else None,
        }
        for q in extraction.quotes
        if (start := _locate(article.text, q.text, q.start)) is not None
    ]
    if len(quotes) != len(extraction.quotes):
        raise ValueError("a quote's text is not in the document text")
    if quotes:
        session.execute(insert(Quote), quotes)
    counts.update(q["speaker_id"] for q in quotes if q["speaker_id"] is not None)
    _add_to_quote_counts(session, counts)
    # The full-text index moves with the rows, in this transaction (old quotes left with a trigger).
    fts.index_document(session, doc.id, doc.title, doc.text)
    fts.index_quotes(session, session.execute(select(Quote.id, Quote.text).where(Quote.document_id == doc.id)))
    return LoadResult(status, doc.id, len(quotes), frozenset(speaker_ids.values()), len(set(event_ids)))


def _locate(text: str, quote: str, start: int) -> int | None:
    """Where the quote is: at its own offsets, else its nearest occurrence."""
    if text[start : start + len(quote)] == quote:
        return start
    hits = [i for i in (text.rfind(quote, 0, start + len(quote)), text.find(quote, start)) if i >= 0]
    return min(hits, key=lambda i: abs(i - start)) if hits else None


def delete_document(session: Session, doc_id: int) -> bool:
    """Remove a document with its quotes, mentions and index rows, and events left without documents."""
    try:
        found = session.scalar(select(Document.id).where(Document.id == doc_id).with_for_update()) is not None
        if found:  # locked: the quotes counted off are the ones the cascade deletes
            gone = _quotes_per_speaker(session, doc_id)
            _add_to_quote_counts(session, {sid: -n for sid, n in gone.items()})
            # quotes, mentions and event links go by cascade, index rows by trigger
            session.execute(delete(Document).where(Document.id == doc_id))
            session.execute(delete(Event).where(Event.id.not_in(select(event_documents.c.event_id))))
        session.commit()
        return found
    except BaseException:
        session.rollback()
        raise


def _quotes_per_speaker(session: Session, doc_id: int) -> dict[int, int]:
    """How many of the document's quotes each speaker said."""
    return dict(session.execute(
        select(Quote.speaker_id, func.count())
        .where(Quote.document_id == doc_id, Quote.speaker_id.is_not(None))
        .group_by(Quote.speaker_id)
    ).all())


def _add_to_quote_counts(session: Session, counts: dict[int, int]) -> None:
    """Move each speaker's ``quote_count`` by what this transaction added or removed.

    An increment, not a recount: concurrent writers on PostgreSQL each add their own
    share to the row's latest version. Rows are updated in id order, so two writers
    lock the speakers they share in the same order.
    """
    for sid in sorted(counts):
        if counts[sid]:
            session.execute(update(Speaker).where(Speaker.id == sid)
                            .values(quote_count=Speaker.quote_count + counts[sid]))


def recount_quotes(session: Session) -> int:
    """Set every speaker's ``quote_count`` from the quotes (after writes that bypassed the store,
    e.g. `docstore sql --write`); the number of speakers whose count was wrong."""
    actual = select(func.count()).where(Quote.speaker_id == Speaker.id).scalar_subquery()
    return session.execute(
        update(Speaker).where(Speaker.quote_count != actual).values(quote_count=actual)
        .execution_options(synchronize_session=False)
    ).rowcount


def _clear(session: Session, doc_id: int) -> None:
    """Remove what extraction produced for a document, and events no document refers to any more."""
    session.execute(delete(Quote).where(Quote.document_id == doc_id))
    session.execute(delete(Mention).where(Mention.document_id == doc_id))
    session.execute(delete(event_documents).where(event_documents.c.document_id == doc_id))
    linked = select(event_documents.c.event_id)
    session.execute(delete(Event).where(Event.id.not_in(linked)))


def _store_speakers(session: Session, doc_id: int, speakers: list[XSpeaker]) -> dict[str, int]:
    """Upsert speakers by key; full names first, so a bare surname can join its full name."""
    ids: dict[str, int] = {}
    mentions = []
    for sp in sorted(speakers, key=lambda s: -len((s.key or fold(s.name)).split())):
        key = name_key(sp.name) if sp.name else sp.key
        row = _speaker_for(session, key, sp)
        ids[sp.key or key] = row.id
        ids.setdefault(key, row.id)
        _add_aliases(session, row, sp)
        mentions += [{"document_id": doc_id, "speaker_id": row.id, "start": s, "end": e} for s, e in sp.mentions]
    if mentions:
        session.execute(insert(Mention), mentions)
    return ids


def _speaker_for(session: Session, key: str, sp: XSpeaker) -> Speaker:
    row = session.scalar(select(Speaker).where(Speaker.key == key))
    if len(key.split()) == 1 and sp.kind == "person":
        # «Токаев» alone: the one known person with that surname, if there is exactly one.
        owners = session.scalars(
            select(Speaker)
            .join(SpeakerAlias)
            .where(SpeakerAlias.key == key, SpeakerAlias.kind == "name", Speaker.key != key)
            .distinct()
        ).all()
        if len(owners) == 1:
            return owners[0]
    if row is None and len(key.split()) > 1 and sp.kind == "person":
        # «Токаев» stored alone from an earlier article becomes «Касым-Жомарт Токаев» now that the
        # full name is known: the same row, renamed, so its quotes and aliases stay with it —
        # unless another full name already claims that surname.
        bare = session.scalar(select(Speaker).where(Speaker.key == fold(surname(sp.name)), Speaker.kind == "person"))
        claimed = session.scalar(
            select(func.count(func.distinct(SpeakerAlias.speaker_id)))
            .join(Speaker, Speaker.id == SpeakerAlias.speaker_id)
            .where(SpeakerAlias.key == fold(surname(sp.name)), Speaker.key != fold(surname(sp.name)))
        )
        if bare is not None and not claimed:
            bare.name, bare.key = sp.name, key
            session.flush()
            return bare
    if row is None:
        row = Speaker(name=sp.name, key=key, kind=sp.kind or "person")
        session.add(row)
        session.flush()
    return row


def _add_aliases(session: Session, row: Speaker, sp: XSpeaker) -> None:
    forms: dict[str, str] = {sp.name: "name"}
    if (sp.kind or "person") == "person" and len(sp.name.split()) > 1:
        forms[surname(sp.name)] = "name"
    for alias, kind in sp.aliases.items():
        forms.setdefault(alias, kind)
    known = set(session.scalars(select(SpeakerAlias.key).where(SpeakerAlias.speaker_id == row.id)))
    new = {}
    for alias, kind in forms.items():
        key = fold(alias)
        if key and key not in known and key not in new:
            new[key] = {"speaker_id": row.id, "alias": alias.strip(), "key": key, "kind": kind}
    if new:
        session.execute(insert(SpeakerAlias), list(new.values()))


# Words that frame an occasion without naming it: «по случаю», «в рамках», «в честь», and
# modifiers that say how it ran, not which one it was («очередное», «рабочая», «торжественный»).
_FUNCTION_WORDS = frozenset(
    "в во на по с со к ко о об обо от до для при за из у и а или под над без через между перед после".split()
)
_FRAME_STEMS = frozenset({"случа", "рамка", "рамки", "честь", "посвя", "очере", "рабоч", "офици", "торже", "совме",
                          "расши"})
STEM = 5


def wording_stems(name: str) -> frozenset[str]:
    """The content words of a name as 5-letter stems: «коллегии» and «коллегия» are both «колле»."""
    words = re.findall(r"\w+(?:-\w+)*", fold(name))
    return frozenset(w[:STEM] for w in words if w not in _FUNCTION_WORDS and w[:STEM] not in _FRAME_STEMS)


def close_wording(kind: str, a: str, b: str) -> bool:
    """Two names of one occasion share a content stem besides the words of their kind.

    «заседание коллегии министерства энергетики» and «расширенное заседание коллегии
    министерства энергетики» share «колле», «минис», «энерг»; «заседание правительства»
    and «заседание коллегии» share only «засед», the kind itself. A bare «брифинг» or
    «интервью» says nothing beyond its kind, so it never merges across documents.
    """
    return bool((wording_stems(a) & wording_stems(b)) - wording_stems(kind))


def _same_occasion(session: Session, doc: Document, ev: XEvent) -> Event | None:
    """The stored event this extracted one is another report of, or None.

    One occasion reported by several articles is one row. A stored event is the same
    occasion when it comes from another document and has
      - the same kind (head lemma),
      - the same date; an undated event only matches an undated one, and only when one
        of that event's documents was published on the same day as this document,
      - the same place by folded key; no place only matches no place (a place one report
        leaves out may be anywhere, and merging two occasions loses more than listing one
        twice),
      - close wording (``close_wording``).
    Among several, the one with the most shared stems, then the oldest. Within one
    article the extractor has already decided what is one occasion: events linked to
    this document are never candidates.
    """
    place = fold(ev.location) if ev.location else None
    stmt = select(Event).where(
        Event.kind == ev.kind,
        Event.date == ev.date if ev.date is not None else Event.date.is_(None),
        Event.location_key == place if place else Event.location_key.is_(None),
        Event.id.not_in(select(event_documents.c.event_id).where(event_documents.c.document_id == doc.id)),
    )
    if ev.date is None:
        if doc.published is None:
            return None
        day = datetime.combine(doc.published.date(), time())
        same_day = (
            select(event_documents.c.event_id)
            .join(Document, Document.id == event_documents.c.document_id)
            .where(Document.published >= day, Document.published < day + timedelta(days=1))
        )
        stmt = stmt.where(Event.id.in_(same_day))
    mine = wording_stems(ev.name)
    kind = wording_stems(ev.kind)
    best, shared = None, 0
    for row in session.scalars(stmt.order_by(Event.id)):
        n = len((wording_stems(row.name) & mine) - kind)
        if n > shared:
            best, shared = row, n
    return best


def _store_events(session: Session, doc: Document, extraction: Extraction, speaker_ids: dict[str, int]) -> list[int]:
    """Each extracted event joins the stored occasion it reports (``_same_occasion``) or is a new row;
    its document and participants are added to what the row already has."""
    ids: list[int] = []
    for ev in extraction.events:
        row = _same_occasion(session, doc, ev)
        if row is None:
            row = Event(name=ev.name, key=fold(ev.name), kind=ev.kind, date=ev.date, location=ev.location,
                        location_key=fold(ev.location) if ev.location else None, start=ev.start, end=ev.end)
            session.add(row)
            session.flush()
        ids.append(row.id)
        linked = session.scalar(
            select(func.count()).select_from(event_documents)
            .where(event_documents.c.event_id == row.id, event_documents.c.document_id == doc.id)
        )
        if not linked:
            session.execute(insert(event_documents).values(event_id=row.id, document_id=doc.id))
        have = set(session.scalars(
            select(event_participants.c.speaker_id).where(event_participants.c.event_id == row.id)
        ))
        for pid in dict.fromkeys(speaker_ids[p] for p in ev.participants if p in speaker_ids):
            if pid not in have:
                session.execute(insert(event_participants).values(event_id=row.id, speaker_id=pid))
    return ids
