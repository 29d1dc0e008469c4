"""What the CLI asks, as SQLAlchemy selects returning plain rows (dicts) ready to render."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from docstore import fts
from docstore.errors import AmbiguousSpeaker, NotFound, UserError
from docstore.models import Document, Event, Quote, Speaker, SpeakerAlias, event_documents, event_participants
from docstore.names import candidate_keys, fold
from docstore.search import Query, parse, snippet

Row = dict[str, Any]

# The export interface (keep these names): evaluation tools read them.
QUOTE_FIELDS = ("document", "text", "speaker", "speaker_kind", "kind", "start", "end",
                "attributed_as", "verb", "event", "published", "title")
EVENT_FIELDS = ("document", "name", "kind", "date", "location", "participants")


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _speaker_ids(session: Session, keys: set[str]) -> set[int]:
    """Speakers the keys name: by name aliases (and canonical keys) if any, else by role aliases."""
    rows = session.execute(
        select(SpeakerAlias.speaker_id, SpeakerAlias.kind)
        .where(SpeakerAlias.key.in_(keys), SpeakerAlias.kind != "pronoun")
    ).all()
    rows += [(sid, "name") for sid in session.scalars(select(Speaker.id).where(Speaker.key.in_(keys)))]
    by_name = {sid for sid, kind in rows if kind == "name"}
    return by_name or {sid for sid, _ in rows}


def resolve_speaker(session: Session, query: str) -> Speaker:
    """The one speaker a name means, in any case form; name aliases beat role aliases.

    The name as typed (folded) is tried first: when it is one speaker's name, pymorphy3
    is not even loaded (~90 ms of a command's start).
    """
    folded = fold(query)
    if folded and len(ids := _speaker_ids(session, {folded})) == 1:
        sp = session.get(Speaker, ids.pop())
        if any(a.key == folded and a.kind == "name" for a in sp.aliases) or sp.key == folded:
            return sp
    keys = candidate_keys(query)
    if not keys:
        raise NotFound(f"empty speaker name {query!r}")
    ids = _speaker_ids(session, keys)
    if not ids:
        raise NotFound(f"no speaker matches {query!r}; see `docstore speakers`")
    if len(ids) > 1:
        found = session.scalars(select(Speaker).where(Speaker.id.in_(ids)).order_by(Speaker.id)).all()
        listed = ", ".join(f"{s.name} (id {s.id})" for s in found)
        raise AmbiguousSpeaker(f"ambiguous speaker {query!r}: matches {listed}; use the full name or --speaker-id")
    return session.get(Speaker, ids.pop())


def get_speaker(session: Session, speaker_id: int) -> Speaker:
    sp = session.get(Speaker, speaker_id)
    if sp is None:
        raise NotFound(f"no speaker with id {speaker_id}; see `docstore speakers`")
    return sp


def get_document(session: Session, doc_id: int) -> Document:
    doc = session.get(Document, doc_id)
    if doc is None:
        raise NotFound(f"no document with id {doc_id}; see `docstore documents`")
    return doc


def get_event(session: Session, event_id: int) -> Event:
    ev = session.get(Event, event_id)
    if ev is None:
        raise NotFound(f"no event with id {event_id}; see `docstore events`")
    return ev


def _keys(session: Session, column: InstrumentedAttribute, query: str) -> set[str]:
    """Keys a place or kind query may mean: as typed, else its nominatives («Казани» → «казань»)."""
    keys = {fold(query)}
    if session.scalar(select(column).where(column.in_(keys)).limit(1)) is None:
        keys |= candidate_keys(query)  # loads pymorphy3 only when the folded form alone finds nothing
    return keys


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time())


def documents(session: Session, limit: int | None = None) -> list[Row]:
    counts = select(Quote.document_id, func.count().label("n")).group_by(Quote.document_id).subquery()
    stmt = (
        select(Document.id, Document.file_name, Document.title, Document.site, Document.published,
               func.length(Document.text), func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.document_id == Document.id)
        .order_by(Document.id)
        .limit(limit)
    )
    return [
        {"id": i, "file": f, "title": t, "site": s, "published": _iso(p), "chars": n, "quotes": q}
        for i, f, t, s, p, n, q in session.execute(stmt)
    ]


def quotes(
    session: Session,
    speaker_id: int | None = None,
    kind: str | None = None,
    document_id: int | None = None,
    event_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
    about: str | None = None,
) -> list[Row]:
    """Quotes in text order; ``since``/``until`` (inclusive) filter on the date of the event the
    quote was said at, and on the document's publication date when that event has no date
    or the quote has no event; ``about`` keeps those the full-text index matches (any word form)."""
    stmt = (
        select(Quote, Document.file_name, Document.title, Document.published, Speaker.name, Speaker.kind,
               Event.name, Event.date)
        .join(Document, Quote.document_id == Document.id)
        .outerjoin(Speaker, Quote.speaker_id == Speaker.id)
        .outerjoin(Event, Quote.event_id == Event.id)
        .order_by(Quote.document_id, Quote.start)
        .limit(limit)
    )
    if speaker_id is not None:
        stmt = stmt.where(Quote.speaker_id == speaker_id)
    if kind:
        stmt = stmt.where(Quote.kind == kind)
    if document_id is not None:
        stmt = stmt.where(Quote.document_id == document_id)
    if event_id is not None:
        stmt = stmt.where(Quote.event_id == event_id)
    if since is not None:
        stmt = stmt.where(or_(Event.date >= since,
                              and_(Event.date.is_(None), Document.published >= _day_start(since))))
    if until is not None:
        stmt = stmt.where(or_(Event.date <= until,
                              and_(Event.date.is_(None), Document.published < _day_start(until + timedelta(days=1)))))
    if about is not None:
        stmt = stmt.where(Quote.id.in_(fts.matching_quote_ids(session, parse(about))))
    return [
        {
            "id": q.id,
            "document_id": q.document_id,
            "document": file_name,
            "text": q.text,
            "speaker": sp_name,
            "speaker_kind": sp_kind,
            "kind": q.kind,
            "start": q.start,
            "end": q.end,
            "attributed_as": q.attributed_as,
            "verb": q.verb,
            "event": ev_name,
            "published": _iso(published),
            "title": title,
            "event_id": q.event_id,
            "event_date": _iso(ev_date),
        }
        for q, file_name, title, published, sp_name, sp_kind, ev_name, ev_date in session.execute(stmt)
    ]


def export_quotes(session: Session) -> list[Row]:
    return [{k: row[k] for k in QUOTE_FIELDS} for row in quotes(session)]


def speakers(session: Session, limit: int | None = None) -> list[Row]:
    """Speakers, the most quoted first (then by name): the first rows of the index on the kept count."""
    found = session.execute(
        select(Speaker.id, Speaker.name, Speaker.kind, Speaker.quote_count)
        .order_by(Speaker.quote_count.desc(), Speaker.name)
        .limit(limit)
    ).all()
    aliases: dict[int, list[str]] = defaultdict(list)
    stmt = select(SpeakerAlias.speaker_id, SpeakerAlias.alias).where(SpeakerAlias.kind != "pronoun")
    if limit is not None:  # without a limit every speaker is listed: all aliases, no list of ids to send
        stmt = stmt.where(SpeakerAlias.speaker_id.in_([sid for sid, *_ in found]))
    for sid, alias in session.execute(stmt.order_by(SpeakerAlias.id)):
        aliases[sid].append(alias)
    return [
        {"id": sid, "name": name, "kind": kind, "aliases": [a for a in aliases[sid] if a != name], "quotes": n}
        for sid, name, kind, n in found
    ]


def _event_links(session: Session, ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    docs: dict[int, list[str]] = defaultdict(list)
    people: dict[int, list[str]] = defaultdict(list)
    for eid, name in session.execute(
        select(event_documents.c.event_id, Document.file_name)
        .join(Document, Document.id == event_documents.c.document_id)
        .where(event_documents.c.event_id.in_(ids)).order_by(Document.id)
    ):
        docs[eid].append(name)
    for eid, name in session.execute(
        select(event_participants.c.event_id, Speaker.name)
        .join(Speaker, Speaker.id == event_participants.c.speaker_id)
        .where(event_participants.c.event_id.in_(ids)).order_by(Speaker.name)
    ):
        people[eid].append(name)
    return docs, people


def events(
    session: Session,
    speaker_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
    place: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Events by date (undated last). ``since``/``until`` are inclusive and leave out undated
    events; ``place`` and ``kind`` match folded keys, in any case form («Казани» finds «Казань»)."""
    counts = select(Quote.event_id, func.count().label("n")).group_by(Quote.event_id).subquery()
    stmt = (
        select(Event, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.event_id == Event.id)
        .order_by(Event.date.is_(None), Event.date, Event.id)
        .limit(limit)
    )
    if speaker_id is not None:
        stmt = stmt.where(Event.id.in_(
            select(event_participants.c.event_id).where(event_participants.c.speaker_id == speaker_id)))
    if since is not None:
        stmt = stmt.where(Event.date >= since)
    if until is not None:
        stmt = stmt.where(Event.date <= until)
    if place:
        stmt = stmt.where(Event.location_key.in_(_keys(session, Event.location_key, place)))
    if kind:
        stmt = stmt.where(Event.kind.in_(_keys(session, Event.kind, kind)))
    found = session.execute(stmt).all()
    docs, people = _event_links(session, [ev.id for ev, _ in found])
    return [
        {"id": ev.id, "name": ev.name, "kind": ev.kind, "date": _iso(ev.date), "location": ev.location,
         "documents": docs[ev.id], "participants": people[ev.id], "quotes": n}
        for ev, n in found
    ]


def event_view(session: Session, event_id: int) -> Row:
    """One event: its documents, participants and the quotes said there."""
    ev = get_event(session, event_id)
    docs = session.execute(
        select(Document.id, Document.file_name, Document.title, Document.published)
        .join(event_documents, event_documents.c.document_id == Document.id)
        .where(event_documents.c.event_id == ev.id).order_by(Document.id)
    ).all()
    people = session.execute(
        select(Speaker.id, Speaker.name)
        .join(event_participants, event_participants.c.speaker_id == Speaker.id)
        .where(event_participants.c.event_id == ev.id).order_by(Speaker.name)
    ).all()
    return {
        "id": ev.id, "name": ev.name, "kind": ev.kind, "date": _iso(ev.date), "location": ev.location,
        "documents": [{"id": i, "file": f, "title": t, "published": _iso(p)} for i, f, t, p in docs],
        "participants": [{"id": i, "name": n} for i, n in people],
        "quotes": quotes(session, event_id=ev.id),
    }


def export_events(session: Session) -> list[Row]:
    """One line per event and document it comes from."""
    return [
        {"document": doc, "name": ev["name"], "kind": ev["kind"], "date": ev["date"],
         "location": ev["location"], "participants": ev["participants"]}
        for ev in events(session)
        for doc in ev["documents"] or [None]
    ]


def document_view(session: Session, doc_id: int) -> Row:
    doc = get_document(session, doc_id)
    return {
        "id": doc.id, "file": doc.file_name, "path": doc.path, "title": doc.title, "site": doc.site,
        "section": doc.section, "url": doc.url, "author": doc.author, "published": _iso(doc.published),
        "text": doc.text, "quotes": quotes(session, document_id=doc.id),
    }


def totals(session: Session) -> Row:
    return {
        name: session.scalar(select(func.count()).select_from(model))
        for name, model in (("documents", Document), ("quotes", Quote), ("speakers", Speaker), ("events", Event))
    }


def _day(value: str | None, option: str, end: bool = False) -> str | None:
    """An ISO date (or date and time) as a bound; a date given as ``--until`` includes its whole day."""
    if not value:
        return None
    try:
        if len(value) <= 10:
            day = date.fromisoformat(value)
            return (day + timedelta(days=1) if end else day).isoformat()
        moment = datetime.fromisoformat(value)
        return (moment + timedelta(microseconds=1) if end else moment).isoformat(sep=" ")
    except ValueError:
        raise UserError(f"{option}: {value!r} is not a date; use YYYY-MM-DD") from None


def search(
    session: Session,
    text: str,
    quotes: bool = False,
    speaker_id: int | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = 20,
) -> list[Row]:
    """Documents (or quotes) matching a query in any word form, best first, each with a marked snippet.

    ``score`` is bm25 turned positive: higher is better, comparable only within one search.
    """
    query: Query = parse(text)
    bounds = {"since": _day(since, "--since"), "until": _day(until, "--until", end=True)}
    if quotes:
        found = fts.search_quotes(session, query, speaker_id=speaker_id, limit=limit, **bounds)
        return [
            {"id": r["id"], "document_id": r["document_id"], "document": r["document"], "text": r["text"],
             "speaker": r["speaker"], "speaker_kind": r["speaker_kind"], "kind": r["kind"], "start": r["start"],
             "end": r["end"], "attributed_as": r["attributed_as"], "verb": r["verb"], "event": r["event"],
             "published": _iso(_as_datetime(r["published"])), "title": r["title"],
             "score": -r["score"], "snippet": snippet(r["text"], query)}
            for r in found
        ]
    found = fts.search_documents(session, query, speaker_id=speaker_id, limit=limit, **bounds)
    return [
        {"id": r["id"], "file": r["file_name"], "title": r["title"], "site": r["site"],
         "published": _iso(_as_datetime(r["published"])), "score": -r["score"],
         "snippet": snippet(r["text"], query)}
        for r in found
    ]


def _as_datetime(value: str | datetime | None) -> datetime | None:
    """Raw SQL gives SQLite's stored text; the ORM gives datetimes: one form for output."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)
