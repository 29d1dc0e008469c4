"""Extraction -> rows: speaker upserts by key, events merged across documents, one transaction per document.

Written with Core statements built once, on the session's connection, not with ORM
objects: the same rows with the same ids, without the unit of work around each of them
(a flush per new row, bulk inserts and updates through the ORM) that was most of the
writer's CPU per document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, exists, func, insert, select, update

from docstore import corrections, fts, identity
from docstore.extract import version
from docstore.extract.events.merge import shared_wording
from docstore.extract.extraction import Event as XEvent
from docstore.extract.extraction import Extraction
from docstore.ingest import Article, content_hash
from docstore.names import fold
from docstore.schema import (
    documents,
    event_documents,
    event_participants,
    events,
    mentions,
    quotes,
    speaker_aliases,
    speakers,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

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
    # a reload or re-extraction: quotes added, removed, and kept with another speaker (corrections applied)
    added: int = 0
    removed: int = 0
    reattributed: int = 0


# --- the statements, built once: SQLAlchemy compiles each once and finds it again by identity --------------

_DOCUMENT_BY_HASH = select(documents.c.id).where(documents.c.content_hash == bindparam("digest"))
# FOR UPDATE (PostgreSQL; SQLite has one writer at a time): a concurrent --force of the same
# document waits here, so the quotes counted off are the ones this transaction deletes.
_DOCUMENT_TO_WRITE = _DOCUMENT_BY_HASH.with_for_update()
_UPDATE_DOCUMENT = update(documents).where(documents.c.id == bindparam("doc_id"))

_MOVE_QUOTE_COUNT = (update(speakers).where(speakers.c.id == bindparam("speaker_id"))
                     .values(quote_count=speakers.c.quote_count + bindparam("n")))
_QUOTES_PER_SPEAKER = (
    select(quotes.c.speaker_id, func.count())
    .where(quotes.c.document_id == bindparam("doc_id"), quotes.c.speaker_id.is_not(None))
    .group_by(quotes.c.speaker_id)
)
_PARTICIPANTS = select(event_participants.c.speaker_id).where(event_participants.c.event_id == bindparam("event_id"))
_QUOTES_OF = select(quotes.c.id, quotes.c.text).where(quotes.c.document_id == bindparam("doc_id"))
_UNLINKED_EVENTS = delete(events).where(events.c.id.not_in(select(event_documents.c.event_id)))
# What extraction produced for a document (bound as ``doc_id``), in the order a reload removes it.
_CLEAR = [delete(t).where(t.c.document_id == bindparam("doc_id")) for t in (mentions, event_documents)]
_QUOTE_KEYS = (select(quotes.c.id, quotes.c.start, quotes.c.end, quotes.c.text, quotes.c.speaker_id)
               .where(quotes.c.document_id == bindparam("doc_id")))
_MENTIONED = select(mentions.c.speaker_id).distinct().where(mentions.c.document_id == bindparam("doc_id"))
_KEPT_COLUMNS = ("speaker_id", "kind", "attributed_as", "verb", "event_id")  # what a kept quote takes from the new one
_UPDATE_QUOTE = (update(quotes).where(quotes.c.id == bindparam("qid"))
                 .values({c: bindparam(f"new_{c}") for c in _KEPT_COLUMNS}))
_INSERT = {t: insert(t) for t in (documents, speakers, speaker_aliases, mentions, events, event_documents,
                                  event_participants, quotes)}


def find_document(session: Session | Connection, article: Article) -> int | None:
    """The id of the stored document with this article's content, or None."""
    return document_with_hash(session, content_hash(article.text))


def document_with_hash(bind: Session | Connection, digest: str) -> int | None:
    """The id of the stored document whose content hash is ``digest``, or None (one indexed read)."""
    return bind.execute(_DOCUMENT_BY_HASH, {"digest": digest}).scalar()


def load_article(
    session: Session, article: Article, extract: Callable[[Article], Extraction], force: bool = False
) -> LoadResult:
    """Store an article unless its content is already there; extraction runs only when needed."""
    existing = find_document(session, article)
    session.rollback()  # end the read; the write below is its own transaction
    if existing is not None and not force:
        return LoadResult(PRESENT, existing)
    extraction = extract(article)
    return store_extraction(session, article, extraction, force=force)


def store_extraction(session: Session, article: Article, extraction: Extraction, force: bool = False) -> LoadResult:
    """Write a document and everything extracted from it in one transaction.

    The same content a second time is «already present»; with ``force`` its quotes,
    mentions and event links are replaced. Any failure rolls the whole document back.
    """
    return store_batch(session, [(article, extraction)], force)[0]


def store_batch(session: Session, items: list[tuple[Article, Extraction]], force: bool = False) -> list[LoadResult]:
    """Several documents in one transaction (the parallel loader's writer): all of them or none.

    Each is stored exactly as ``store_extraction`` would, in the order given; the caller
    falls back to one transaction per document when a batch fails.
    """
    return _in_one_transaction(session, lambda batch: [_store(batch, a, x, force) for a, x in items])


def reextract_batch(session: Session, items: list[tuple[Article, Extraction]],
                    first: Callable[[Connection], Iterable[int]] | None = None) -> list[LoadResult]:
    """Stored documents' rows replaced by a new extraction of their stored text, in one transaction: the
    document row and its index stay, quotes unchanged (same offsets and text) keep their ids, and the
    document is stamped with this extractor's version. ``first`` runs on the connection before (an undo
    marks its correction) and returns speakers to drop at the end if nothing names them any more. Each
    article is ``article_of`` a stored document."""
    def write(batch: _Batch) -> list[LoadResult]:
        if first is not None:
            batch.touched.update(first(batch.conn))
        return [_store(batch, article, extraction, force=True, reextract=True) for article, extraction in items]

    return _in_one_transaction(session, write)


def _in_one_transaction(session: Session, write: Callable[[_Batch], list[LoadResult]]) -> list[LoadResult]:
    """Write, then index, count, re-apply the corrections and drop the speakers nobody names any more; commit."""
    try:
        batch = _Batch(session.connection())
        results = write(batch)
        batch.write_index()
        add_to_quote_counts(batch.conn, batch.counts)
        batch.counts.clear()
        corrections.reapply(batch.conn, batch.hashes)
        _drop_unnamed(batch.conn, batch.touched)
        for result in results:
            if result.document_id in batch.before:
                _count_changes(batch.conn, result, batch.before[result.document_id])
        session.commit()
        return results
    except BaseException:
        session.rollback()
        raise


class _Batch:
    """One transaction's writes: its connection, the quote counts it moves (once, at its end), the
    index rows it has yet to write, and what it has learnt of speakers — the row of a key, the
    alias keys of a row.

    While it runs, nothing else writes to SQLite, and this transaction keeps what it learnt up to
    date as it adds speakers and aliases and renames bare surnames: a speaker met again in the
    batch costs no query. On PostgreSQL another writer may change them meanwhile: one that adds
    the same key or alias makes this one's insert fail on the unique key (the loader runs the
    batch again); one that renames a bare surname leaves this batch written as if it came first.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.counts: Counter[int] = Counter()  # quotes per speaker added (negative: removed)
        self.speakers: dict[str, int] = {}  # key -> speaker id
        self.aliases: dict[int, set[str]] = {}  # speaker id -> its alias keys
        # what it has written and not indexed yet: (id, title, text), (id, text), reloaded ids
        self.documents: list[tuple[int, str | None, str]] = []
        self.quotes: list[tuple[int, str]] = []
        self.reloaded: list[int] = []
        self.hashes: list[str] = []  # of the documents written: their corrections are re-applied
        self.touched: set[int] = set()  # speakers whose rows in a rewritten document went
        self.before: dict[int, dict[tuple[int, int, str], int | None]] = {}  # rewritten: quote -> speaker

    def write_index(self) -> None:
        """Index the documents and quotes written since the last call: a statement per index table
        for the batch, not per document.

        Called at the end, and before a reload deletes anything: the reloaded document may be one
        the batch wrote (the same text twice), and FTS5 keeps a --force pass's index compact only
        when each reload's deletions follow the rows written before it (held back through a batch
        of reloads, the bench corpus's index came out in 17 segments and 1.6× the bytes, not 3).
        """
        fts.index(self.conn, self.documents, self.quotes, self.reloaded)
        self.documents, self.quotes, self.reloaded = [], [], []


def _store(batch: _Batch, article: Article, extraction: Extraction, force: bool, reextract: bool = False) -> LoadResult:
    conn = batch.conn
    digest = content_hash(article.text)
    doc_id = conn.scalar(_DOCUMENT_TO_WRITE, {"digest": digest})
    reload = doc_id is not None
    if reload and not force:
        return LoadResult(PRESENT, doc_id)
    if reextract and not reload:
        raise ValueError("the document to re-extract is not stored")
    fields = {
        "path": article.path, "file_name": Path(article.path).name if article.path else "",
        "site": article.site, "section": article.section, "url": article.url, "title": article.title,
        "author": article.author, "published": article.published, "encoding": article.encoding,
        "text": article.text, "extractor_version": str(version.EXTRACTOR_VERSION),
    }
    old: dict[tuple[int, int, str], int] = {}
    if reload:
        batch.write_index()  # before anything is deleted: this may be a document the batch wrote
        old = _clear(batch, doc_id)
        conn.execute(_UPDATE_DOCUMENT, {"doc_id": doc_id, **({"extractor_version": fields["extractor_version"]}
                                                             if reextract else fields)})
    else:
        doc_id = conn.execute(_INSERT[documents], {"content_hash": digest, **fields}).inserted_primary_key[0]
    batch.hashes.append(digest)

    speaker_ids = identity.store_speakers(batch, doc_id, extraction.speakers)
    event_ids = _store_events(conn, doc_id, article.published, extraction, speaker_ids)
    rows = [
        {
            "document_id": doc_id,
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
    if len(rows) != len(extraction.quotes):
        raise ValueError("a quote's text is not in the document text")
    new_quotes = _write_quotes(conn, doc_id, rows, old)
    if reload:
        conn.execute(_UNLINKED_EVENTS)  # those of its old events the new extraction did not find again
    batch.counts.update(q["speaker_id"] for q in rows if q["speaker_id"] is not None)
    # Indexed with the batch's others, in this transaction (its old quotes' index rows went with them).
    if not reload:
        batch.documents.append((doc_id, article.title, article.text))
    elif not reextract:  # the title may differ: the document's index row is written again
        batch.documents.append((doc_id, article.title, article.text))
        batch.reloaded.append(doc_id)
    batch.quotes += new_quotes
    return LoadResult(RELOADED if reload else LOADED, doc_id, len(rows), frozenset(speaker_ids.values()),
                      len(set(event_ids)))


def _write_quotes(conn: Connection, doc_id: int, rows: list[dict[str, Any]],
                  old: dict[tuple[int, int, str], int]) -> list[tuple[int, str]]:
    """Write a document's quotes: an old one with the same offsets and text is kept (its id and index row)
    and updated, the other old ones deleted, the rest inserted; the new ones' (id, text), for the index.

    Read back rather than returned: SQLite runs a many-row ``INSERT … RETURNING`` as one
    statement in a statement transaction, and FTS5 writes its pending index terms out at
    each one: more and smaller index segments than one-row inserts leave (and no less CPU).
    """
    old = dict(old)
    kept, fresh = [], []
    for r in rows:
        qid = old.pop((r["start"], r["end"], r["text"]), None)
        if qid is None:
            fresh.append(r)
        else:
            kept.append({**r, "qid": qid})
    if old:
        conn.execute(delete(quotes).where(quotes.c.id.in_(list(old.values()))))
    if kept:
        conn.execute(_UPDATE_QUOTE, [{"qid": r["qid"], **{f"new_{c}": r[c] for c in _KEPT_COLUMNS}} for r in kept])
    if not fresh:
        return []
    conn.execute(_INSERT[quotes], fresh)
    keep = {r["qid"] for r in kept}
    return [(qid, said) for qid, said in conn.execute(_QUOTES_OF, {"doc_id": doc_id}) if qid not in keep]


def _locate(text: str, quote: str, start: int) -> int | None:
    """Where the quote is: at its own offsets, else its nearest occurrence."""
    if text[start : start + len(quote)] == quote:
        return start
    hits = [i for i in (text.rfind(quote, 0, start + len(quote)), text.find(quote, start)) if i >= 0]
    return min(hits, key=lambda i: abs(i - start)) if hits else None


def delete_document(session: Session, doc_id: int) -> bool:
    """Remove a document with its quotes, mentions and index rows, and events left without documents."""
    try:
        conn = session.connection()
        found = conn.scalar(select(documents.c.id).where(documents.c.id == doc_id).with_for_update()) is not None
        if found:  # locked: the quotes counted off are the ones the cascade deletes
            gone = _quotes_per_speaker(conn, doc_id)
            add_to_quote_counts(conn, {sid: -n for sid, n in gone.items()})
            # quotes, mentions and event links go by cascade, index rows by trigger
            conn.execute(delete(documents).where(documents.c.id == doc_id))
            conn.execute(_UNLINKED_EVENTS)
        session.commit()
        return found
    except BaseException:
        session.rollback()
        raise


def _quotes_per_speaker(conn: Connection, doc_id: int) -> dict[int, int]:
    """How many of the document's quotes each speaker said."""
    return dict(conn.execute(_QUOTES_PER_SPEAKER, {"doc_id": doc_id}).all())


def add_to_quote_counts(conn: Connection, counts: dict[int, int]) -> None:
    """Move each speaker's ``quote_count`` by what this transaction added or removed.

    An increment, not a recount: concurrent writers on PostgreSQL each add their own
    share to the row's latest version. Rows are updated in id order, so two writers
    lock the speakers they share in the same order.
    """
    moves = [{"speaker_id": sid, "n": counts[sid]} for sid in sorted(counts) if counts[sid]]
    if moves:
        conn.execute(_MOVE_QUOTE_COUNT, moves)


def recount_quotes(session: Session) -> int:
    """Set every speaker's ``quote_count`` from the quotes (after writes that bypassed the store,
    e.g. `docstore sql --write`); the number of speakers whose count was wrong."""
    actual = select(func.count()).where(quotes.c.speaker_id == speakers.c.id).scalar_subquery()
    return session.execute(
        update(speakers).where(speakers.c.quote_count != actual).values(quote_count=actual)
    ).rowcount


def _clear(batch: _Batch, doc_id: int) -> dict[tuple[int, int, str], int]:
    """Remove a document's mentions and event links; its quotes stay for ``_write_quotes`` to keep or delete,
    its events that no other document refers to for ``_store_events`` to find again (their ids kept). Their counts are taken off, and what the transaction needs
    at its end is noted. Returns its quotes by (start, end, text)."""
    conn = batch.conn
    found = conn.execute(_QUOTE_KEYS, {"doc_id": doc_id}).all()
    batch.counts.subtract(Counter(r.speaker_id for r in found if r.speaker_id is not None))
    batch.before[doc_id] = {(r.start, r.end, r.text): r.speaker_id for r in found}
    batch.touched.update(r.speaker_id for r in found if r.speaker_id is not None)
    batch.touched.update(conn.scalars(_MENTIONED, {"doc_id": doc_id}))
    for stmt in _CLEAR:
        conn.execute(stmt, {"doc_id": doc_id})
    return {(r.start, r.end, r.text): r.id for r in found}


def _count_changes(conn: Connection, result: LoadResult, before: dict[tuple[int, int, str], int | None]) -> None:
    """Quotes added, removed and moved to another speaker, comparing the document's quotes as the
    transaction leaves them (corrections re-applied) with what it found."""
    after = {(r.start, r.end, r.text): r.speaker_id for r in conn.execute(_QUOTE_KEYS, {"doc_id": result.document_id})}
    result.added = len(after.keys() - before.keys())
    result.removed = len(before.keys() - after.keys())
    result.reattributed = sum(1 for k in after.keys() & before.keys() if after[k] != before[k])


_UNNAMED = delete(speakers).where(
    speakers.c.id.in_(bindparam("ids", expanding=True)),
    ~exists().where(quotes.c.speaker_id == speakers.c.id),
    ~exists().where(mentions.c.speaker_id == speakers.c.id))


def _drop_unnamed(conn: Connection, candidates: set[int]) -> None:
    """Speakers whose rows a rewrite removed and who have no quote and no mention left: nobody names them."""
    if candidates:
        conn.execute(_UNNAMED, {"ids": sorted(candidates)})


@cache
def _occasions(dated: bool, placed: bool) -> Any:
    """The stored events of a kind, date and place (bound as ``kind``, ``date``, ``place``), oldest first;
    undated ones only when linked to a document published between ``day`` and ``next_day``."""
    stmt = select(events.c.id, events.c.name).where(
        events.c.kind == bindparam("kind"),
        events.c.date == bindparam("date") if dated else events.c.date.is_(None),
        events.c.location_key == bindparam("place") if placed else events.c.location_key.is_(None),
    )
    if not dated:
        same_day = (
            select(event_documents.c.event_id)
            .join(documents, documents.c.id == event_documents.c.document_id)
            .where(documents.c.published >= bindparam("day"), documents.c.published < bindparam("next_day"))
        )
        # … or linked to none: during a reload, this document's own old events (kept for their ids)
        stmt = stmt.where(events.c.id.in_(same_day) | events.c.id.not_in(select(event_documents.c.event_id)))
    return stmt.order_by(events.c.id)


def _same_occasion(conn: Connection, published: datetime | None, ev: XEvent, linked: list[int]) -> int | None:
    """The stored event this extracted one is another report of, or None.

    One occasion reported by several articles is one row. A stored event is the same
    occasion when it comes from another document and has
      - the same kind (head lemma),
      - the same date; an undated event only matches an undated one, and only when one
        of that event's documents was published on the same day as this document (or, in a
        reload, when it is this document's own old event, linked to no document now: its id is kept),
      - the same place by folded key; no place only matches no place (a place one report
        leaves out may be anywhere, and merging two occasions loses more than listing one
        twice),
      - close wording (``close_wording`` in ``extract.events.merge``).
    Among several, the one with the most shared stems, then the oldest. Within one
    article the extractor has already decided what is one occasion: the events this
    document is linked to are never candidates. Those are ``linked``, the ones its
    earlier events took: a reload has removed its old links, and the new ones are
    written after all its events.
    """
    place = fold(ev.location) if ev.location else None
    params: dict[str, Any] = {"kind": ev.kind, "date": ev.date, "place": place}
    if ev.date is None:  # without a publication date, only this document's own old events (a reload)
        day = datetime.combine(published.date(), time()) if published is not None else None
        params.update(day=day, next_day=day + timedelta(days=1) if day is not None else None)
    best, shared = None, 0
    for row in conn.execute(_occasions(ev.date is not None, place is not None), params):
        n = shared_wording(ev.kind, ev.name, row.name)
        if n > shared and row.id not in linked:
            best, shared = row.id, n
    return best


def _store_events(conn: Connection, doc_id: int, published: datetime | None, extraction: Extraction,
                  speaker_ids: dict[str, int]) -> list[int]:
    """Each extracted event joins the stored occasion it reports (``_same_occasion``) or is a new row;
    its document and participants are added to what the row already has."""
    ids: list[int] = []
    participants = []
    for ev in extraction.events:
        eid = _same_occasion(conn, published, ev, ids)
        if eid is None:
            eid = conn.execute(_INSERT[events], {
                "name": ev.name, "key": fold(ev.name), "kind": ev.kind, "date": ev.date, "location": ev.location,
                "location_key": fold(ev.location) if ev.location else None, "start": ev.start, "end": ev.end,
            }).inserted_primary_key[0]
            have = set()
        else:
            have = set(conn.scalars(_PARTICIPANTS, {"event_id": eid}))
        ids.append(eid)
        participants += [{"event_id": eid, "speaker_id": pid}
                         for pid in dict.fromkeys(speaker_ids[p] for p in ev.participants if p in speaker_ids)
                         if pid not in have]
    if ids:
        # never linked before: _same_occasion passes over the events this document is linked to
        conn.execute(_INSERT[event_documents], [{"event_id": eid, "document_id": doc_id} for eid in ids])
    if participants:
        conn.execute(_INSERT[event_participants], participants)
    return ids
