"""What the CLI asks, as SQLAlchemy Core selects returning plain rows (dicts) ready to render.

Core over the tables of docstore/schema.py, never the ORM: a query command imports neither
``sqlalchemy.orm`` nor the models. Every function takes a Connection or a Session (both
execute Core statements), so the store's callers and the CLI share them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Union

from sqlalchemy import and_, func, or_, select

from docstore import fts, schema
from docstore.errors import AmbiguousSpeaker, NotFound
from docstore.names import candidate_keys, fold
from docstore.search import Query, parse, snippet

if TYPE_CHECKING:
    from sqlalchemy import Column
    from sqlalchemy.engine import Connection
    from sqlalchemy.engine import Row as Record
    from sqlalchemy.orm import Session

    Bind = Union[Connection, Session]

Row = dict[str, Any]

DOCUMENTS, SPEAKERS, ALIASES = schema.documents.c, schema.speakers.c, schema.speaker_aliases.c
QUOTES, EVENTS = schema.quotes.c, schema.events.c
EVENT_DOCUMENTS, PARTICIPANTS = schema.event_documents.c, schema.event_participants.c

# The export interface (keep these names): evaluation tools read them.
QUOTE_FIELDS = ("document", "text", "speaker", "speaker_kind", "kind", "start", "end",
                "attributed_as", "verb", "event", "published", "title")
EVENT_FIELDS = ("document", "name", "kind", "date", "location", "participants")


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _speaker_ids(bind: Bind, keys: set[str]) -> set[int]:
    """Speakers the keys name: by name aliases (and canonical keys) if any, else by role aliases."""
    rows = bind.execute(
        select(ALIASES.speaker_id, ALIASES.kind).where(ALIASES.key.in_(keys), ALIASES.kind != "pronoun")
    ).all()
    rows += [(sid, "name") for sid in bind.scalars(select(SPEAKERS.id).where(SPEAKERS.key.in_(keys)))]
    by_name = {sid for sid, kind in rows if kind == "name"}
    return by_name or {sid for sid, _ in rows}


def _speaker(bind: Bind, speaker_id: int) -> Record | None:
    """A speaker as a row: ``id``, ``name``, ``key``, ``kind``, ``quote_count``."""
    return bind.execute(
        select(SPEAKERS.id, SPEAKERS.name, SPEAKERS.key, SPEAKERS.kind, SPEAKERS.quote_count)
        .where(SPEAKERS.id == speaker_id)
    ).first()


def resolve_speaker(bind: Bind, query: str) -> Record:
    """The one speaker a name means, in any case form; name aliases beat role aliases.

    The name as typed (folded) is tried first: when it is one speaker's name, pymorphy3
    is not even loaded (~90 ms of a command's start).
    """
    folded = fold(query)
    if folded and len(ids := _speaker_ids(bind, {folded})) == 1:
        sp = _speaker(bind, ids.pop())
        named = bind.scalar(select(ALIASES.id).where(ALIASES.speaker_id == sp.id, ALIASES.key == folded,
                                                     ALIASES.kind == "name").limit(1))
        if named is not None or sp.key == folded:
            return sp
    keys = candidate_keys(query)
    if not keys:
        raise NotFound(f"empty speaker name {query!r}")
    ids = _speaker_ids(bind, keys)
    if not ids:
        raise NotFound(f"no speaker matches {query!r}; see `docstore speakers`")
    if len(ids) > 1:
        found = bind.execute(select(SPEAKERS.id, SPEAKERS.name).where(SPEAKERS.id.in_(ids)).order_by(SPEAKERS.id))
        listed = ", ".join(f"{name} (id {sid})" for sid, name in found)
        raise AmbiguousSpeaker(f"ambiguous speaker {query!r}: matches {listed}; use the full name or --speaker-id")
    return _speaker(bind, ids.pop())


def get_speaker(bind: Bind, speaker_id: int) -> Record:
    sp = _speaker(bind, speaker_id)
    if sp is None:
        raise NotFound(f"no speaker with id {speaker_id}; see `docstore speakers`")
    return sp


def get_document(bind: Bind, doc_id: int) -> Record:
    doc = bind.execute(select(schema.documents).where(DOCUMENTS.id == doc_id)).first()
    if doc is None:
        raise NotFound(f"no document with id {doc_id}; see `docstore documents`")
    return doc


def get_event(bind: Bind, event_id: int) -> Record:
    ev = bind.execute(select(schema.events).where(EVENTS.id == event_id)).first()
    if ev is None:
        raise NotFound(f"no event with id {event_id}; see `docstore events`")
    return ev


def _keys(bind: Bind, column: Column, query: str) -> set[str]:
    """Keys a place or kind query may mean: as typed, else its nominatives («Казани» → «казань»)."""
    keys = {fold(query)}
    if bind.scalar(select(column).where(column.in_(keys)).limit(1)) is None:
        keys |= candidate_keys(query)  # loads pymorphy3 only when the folded form alone finds nothing
    return keys


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time())


def documents(bind: Bind, limit: int | None = None) -> list[Row]:
    counts = select(QUOTES.document_id, func.count().label("n")).group_by(QUOTES.document_id).subquery()
    stmt = (
        select(DOCUMENTS.id, DOCUMENTS.file_name, DOCUMENTS.title, DOCUMENTS.site, DOCUMENTS.published,
               func.length(DOCUMENTS.text), func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.document_id == DOCUMENTS.id)
        .order_by(DOCUMENTS.id)
        .limit(limit)
    )
    return [
        {"id": i, "file": f, "title": t, "site": s, "published": _iso(p), "chars": n, "quotes": q}
        for i, f, t, s, p, n, q in bind.execute(stmt)
    ]


def quotes(
    bind: Bind,
    speaker_id: int | None = None,
    kind: str | None = None,
    document_id: int | None = None,
    event_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
    about: str | None = None,
    newest_first: bool = False,
) -> list[Row]:
    """Quotes in text order, or with ``newest_first`` from the latest document (by publication date);
    ``since``/``until`` (inclusive) filter on the date of the event the quote was said at, and on the
    document's publication date when that event has no date or the quote has no event; ``about``
    keeps those the full-text index matches (any word form)."""
    stmt = (
        select(QUOTES.id, QUOTES.document_id, DOCUMENTS.file_name, QUOTES.text, SPEAKERS.name, SPEAKERS.kind,
               QUOTES.kind, QUOTES.start, QUOTES.end, QUOTES.attributed_as, QUOTES.verb, EVENTS.name,
               DOCUMENTS.published, DOCUMENTS.title, QUOTES.event_id, EVENTS.date)
        .select_from(schema.quotes)
        .join(schema.documents, QUOTES.document_id == DOCUMENTS.id)
        .outerjoin(schema.speakers, QUOTES.speaker_id == SPEAKERS.id)
        .outerjoin(schema.events, QUOTES.event_id == EVENTS.id)
        .order_by(*([DOCUMENTS.published.desc().nulls_last(), QUOTES.document_id.desc(), QUOTES.start]
                    if newest_first else [QUOTES.document_id, QUOTES.start]))
        .limit(limit)
    )
    if speaker_id is not None:
        stmt = stmt.where(QUOTES.speaker_id == speaker_id)
    if kind:
        stmt = stmt.where(QUOTES.kind == kind)
    if document_id is not None:
        stmt = stmt.where(QUOTES.document_id == document_id)
    if event_id is not None:
        stmt = stmt.where(QUOTES.event_id == event_id)
    if since is not None:
        stmt = stmt.where(or_(EVENTS.date >= since,
                              and_(EVENTS.date.is_(None), DOCUMENTS.published >= _day_start(since))))
    if until is not None:
        stmt = stmt.where(or_(EVENTS.date <= until,
                              and_(EVENTS.date.is_(None),
                                   DOCUMENTS.published < _day_start(until + timedelta(days=1)))))
    if about is not None:
        stmt = stmt.where(QUOTES.id.in_(fts.matching_quote_ids(bind, parse(about))))
    if newest_first and limit is not None:
        # The first rows by date are chosen on ids and dates alone, then fetched: sorting every quote of
        # a much-quoted speaker with its text and titles was most of a speaker page (200 of 40,000: 5×).
        first = stmt.with_only_columns(QUOTES.id)
        stmt = stmt.where(QUOTES.id.in_(first)).limit(None)
    return [
        {"id": qid, "document_id": doc_id, "document": file_name, "text": said, "speaker": sp_name,
         "speaker_kind": sp_kind, "kind": q_kind, "start": start, "end": end, "attributed_as": attributed_as,
         "verb": verb, "event": ev_name, "published": _iso(published), "title": title, "event_id": ev_id,
         "event_date": _iso(ev_date)}
        for (qid, doc_id, file_name, said, sp_name, sp_kind, q_kind, start, end, attributed_as, verb, ev_name,
             published, title, ev_id, ev_date) in bind.execute(stmt)
    ]


def export_quotes(bind: Bind) -> list[Row]:
    return [{k: row[k] for k in QUOTE_FIELDS} for row in quotes(bind)]


def speakers(bind: Bind, limit: int | None = None, explained: bool = False) -> list[Row]:
    """Speakers, the most quoted first (then by name): the first rows of the index on the kept count.

    ``explained`` adds what shows how each came to be: ``documents`` (ids) it is named or quoted in,
    ``seen`` (each alias with its kind, the quotes attributed with it as written, and ``reason`` when
    mentions under it were joined to the speaker by a rule or by hand), ``merged`` (those reasons).
    """
    found = bind.execute(
        select(SPEAKERS.id, SPEAKERS.name, SPEAKERS.kind, SPEAKERS.quote_count)
        .order_by(SPEAKERS.quote_count.desc(), SPEAKERS.name)
        .limit(limit)
    ).all()
    ids = [sid for sid, *_ in found]
    aliases: dict[int, list[Record]] = defaultdict(list)
    stmt = select(ALIASES.speaker_id, ALIASES.alias, ALIASES.key, ALIASES.kind, ALIASES.reason).where(
        ALIASES.kind != "pronoun")
    if limit is not None:  # without a limit every speaker is listed: all aliases, no list of ids to send
        stmt = stmt.where(ALIASES.speaker_id.in_(ids))
    for row in bind.execute(stmt.order_by(ALIASES.id)).all():
        aliases[row.speaker_id].append(row)
    rows = [
        {"id": sid, "name": name, "kind": kind, "aliases": [a.alias for a in aliases[sid] if a.alias != name],
         "quotes": n}
        for sid, name, kind, n in found
    ]
    if explained:
        _explain(bind, rows, aliases, ids if limit is not None else None)
    return rows


def _explain(bind: Bind, rows: list[Row], aliases: dict[int, list[Record]], ids: list[int] | None) -> None:
    """Each speaker's documents, aliases with their quote counts, and the reasons mentions were joined."""
    said: dict[tuple[int, str], int] = defaultdict(int)
    written = select(QUOTES.speaker_id, QUOTES.attributed_as, func.count()).where(QUOTES.speaker_id.is_not(None))
    named = [select(t.c.speaker_id, t.c.document_id).distinct() for t in (schema.mentions, schema.quotes)]
    if ids is not None:
        written = written.where(QUOTES.speaker_id.in_(ids))
        named = [n.where(n.selected_columns.speaker_id.in_(ids)) for n in named]
    for sid, as_written, n in bind.execute(written.group_by(QUOTES.speaker_id, QUOTES.attributed_as)):
        said[(sid, fold(as_written or ""))] += n
    documents: dict[int, set[int]] = defaultdict(set)
    for stmt in named:
        for sid, doc_id in bind.execute(stmt):
            documents[sid].add(doc_id)
    for row in rows:
        sid = row["id"]
        row["documents"] = sorted(documents[sid])
        row["seen"] = [{"alias": a.alias, "kind": a.kind, "quotes": said.get((sid, a.key), 0), "reason": a.reason}
                       for a in aliases[sid]]
        row["merged"] = [{"alias": a.alias, "reason": a.reason} for a in aliases[sid] if a.reason]


def speaker_view(bind: Bind, speaker_id: int, limit: int | None = None) -> Row:
    """One speaker: the names seen for them (not pronouns) and their quotes, newest first."""
    sp = get_speaker(bind, speaker_id)
    seen = bind.scalars(select(ALIASES.alias).where(ALIASES.speaker_id == sp.id, ALIASES.kind != "pronoun")
                        .order_by(ALIASES.id)).all()
    return {"id": sp.id, "name": sp.name, "kind": sp.kind, "aliases": [a for a in seen if a != sp.name],
            "quote_count": sp.quote_count, "quotes": quotes(bind, speaker_id=sp.id, newest_first=True, limit=limit)}


def _event_links(bind: Bind, ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    docs: dict[int, list[str]] = defaultdict(list)
    people: dict[int, list[str]] = defaultdict(list)
    for eid, name in bind.execute(
        select(EVENT_DOCUMENTS.event_id, DOCUMENTS.file_name)
        .join(schema.documents, DOCUMENTS.id == EVENT_DOCUMENTS.document_id)
        .where(EVENT_DOCUMENTS.event_id.in_(ids)).order_by(DOCUMENTS.id)
    ):
        docs[eid].append(name)
    for eid, name in bind.execute(
        select(PARTICIPANTS.event_id, SPEAKERS.name)
        .join(schema.speakers, SPEAKERS.id == PARTICIPANTS.speaker_id)
        .where(PARTICIPANTS.event_id.in_(ids)).order_by(SPEAKERS.name)
    ):
        people[eid].append(name)
    return docs, people


def events(
    bind: Bind,
    speaker_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
    place: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Events by date (undated last). ``since``/``until`` are inclusive and leave out undated
    events; ``place`` and ``kind`` match folded keys, in any case form («Казани» finds «Казань»)."""
    counts = select(QUOTES.event_id, func.count().label("n")).group_by(QUOTES.event_id).subquery()
    stmt = (
        select(EVENTS.id, EVENTS.name, EVENTS.kind, EVENTS.date, EVENTS.location, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.event_id == EVENTS.id)
        .order_by(EVENTS.date.is_(None), EVENTS.date, EVENTS.id)
        .limit(limit)
    )
    if speaker_id is not None:
        stmt = stmt.where(EVENTS.id.in_(select(PARTICIPANTS.event_id).where(PARTICIPANTS.speaker_id == speaker_id)))
    if since is not None:
        stmt = stmt.where(EVENTS.date >= since)
    if until is not None:
        stmt = stmt.where(EVENTS.date <= until)
    if place:
        stmt = stmt.where(EVENTS.location_key.in_(_keys(bind, EVENTS.location_key, place)))
    if kind:
        stmt = stmt.where(EVENTS.kind.in_(_keys(bind, EVENTS.kind, kind)))
    found = bind.execute(stmt).all()
    docs, people = _event_links(bind, [eid for eid, *_ in found])
    return [
        {"id": eid, "name": name, "kind": ev_kind, "date": _iso(day), "location": location,
         "documents": docs[eid], "participants": people[eid], "quotes": n}
        for eid, name, ev_kind, day, location, n in found
    ]


def event_view(bind: Bind, event_id: int) -> Row:
    """One event: its documents, participants and the quotes said there."""
    ev = get_event(bind, event_id)
    docs = bind.execute(
        select(DOCUMENTS.id, DOCUMENTS.file_name, DOCUMENTS.title, DOCUMENTS.published)
        .join(schema.event_documents, EVENT_DOCUMENTS.document_id == DOCUMENTS.id)
        .where(EVENT_DOCUMENTS.event_id == ev.id).order_by(DOCUMENTS.id)
    ).all()
    people = bind.execute(
        select(SPEAKERS.id, SPEAKERS.name)
        .join(schema.event_participants, PARTICIPANTS.speaker_id == SPEAKERS.id)
        .where(PARTICIPANTS.event_id == ev.id).order_by(SPEAKERS.name)
    ).all()
    return {
        "id": ev.id, "name": ev.name, "kind": ev.kind, "date": _iso(ev.date), "location": ev.location,
        "documents": [{"id": i, "file": f, "title": t, "published": _iso(p)} for i, f, t, p in docs],
        "participants": [{"id": i, "name": n} for i, n in people],
        "quotes": quotes(bind, event_id=ev.id),
    }


def export_events(bind: Bind) -> list[Row]:
    """One line per event and document it comes from."""
    return [
        {"document": doc, "name": ev["name"], "kind": ev["kind"], "date": ev["date"],
         "location": ev["location"], "participants": ev["participants"]}
        for ev in events(bind)
        for doc in ev["documents"] or [None]
    ]


def document_view(bind: Bind, doc_id: int) -> Row:
    doc = get_document(bind, doc_id)
    return {
        "id": doc.id, "file": doc.file_name, "path": doc.path, "title": doc.title, "site": doc.site,
        "section": doc.section, "url": doc.url, "author": doc.author, "published": _iso(doc.published),
        "text": doc.text, "quotes": quotes(bind, document_id=doc.id),
    }


def totals(bind: Bind) -> Row:
    return {
        name: bind.scalar(select(func.count()).select_from(table))
        for name, table in (("documents", schema.documents), ("quotes", schema.quotes),
                            ("speakers", schema.speakers), ("events", schema.events))
    }


def search(
    bind: Bind,
    text: str,
    quotes: bool = False,
    speaker_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = 20,
    passage: Callable[[str, Query], Any] = snippet,
) -> list[Row]:
    """Documents (or quotes) matching a query in any word form, best first, each with a marked snippet;
    ``since``/``until`` (inclusive) filter on the publication date. ``passage`` makes the snippet:
    a string marked ``**like this**``, or for a web page ``search.passage``'s pieces.

    ``score`` is bm25 turned positive: higher is better, comparable only within one search.
    """
    query: Query = parse(text)
    # ISO bounds on the stored date and time: from the first moment of ``since`` to before the day after ``until``
    bounds = {"since": since.isoformat() if since else None,
              "until": (until + timedelta(days=1)).isoformat() if until else None}
    if quotes:
        found = fts.search_quotes(bind, query, speaker_id=speaker_id, limit=limit, **bounds)
        return [
            {"id": r["id"], "document_id": r["document_id"], "document": r["document"], "text": r["text"],
             "speaker": r["speaker"], "speaker_kind": r["speaker_kind"], "kind": r["kind"], "start": r["start"],
             "end": r["end"], "attributed_as": r["attributed_as"], "verb": r["verb"], "event": r["event"],
             "published": _iso(_as_datetime(r["published"])), "title": r["title"],
             "score": -r["score"], "snippet": passage(r["text"], query)}
            for r in found
        ]
    found = fts.search_documents(bind, query, speaker_id=speaker_id, limit=limit, **bounds)
    return [
        {"id": r["id"], "file": r["file_name"], "title": r["title"], "site": r["site"],
         "published": _iso(_as_datetime(r["published"])), "score": -r["score"],
         "snippet": passage(r["text"], query)}
        for r in found
    ]


def _as_datetime(value: str | datetime | None) -> datetime | None:
    """Raw SQL gives SQLite's stored text; typed columns give datetimes: one form for output."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)
