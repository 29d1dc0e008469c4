"""Corrections made by hand: what they change, kept as rows, re-applied after every re-extraction.

A correction is a row of ``corrections`` (who, when, what) whose payload names what it
changes by what outlives a re-extraction: speakers by key, a quote by its document's
content hash, its offsets and its text (row ids change when rows are written again). It is
applied in the transaction that records it, and again by the store at the end of every
transaction that writes extracted rows (`load`, `load --force`, `reextract`): the
extractor's answer first, then every correction still in force, oldest first. Applying
one that has nothing left to change (the speaker it merges is gone) does nothing.

Undoing one marks it undone and removes the aliases it brought; the caller then re-extracts
the documents it concerned (``documents_of``), so those hold the extractor's answer again
with the other corrections re-applied.

Core statements on a connection, like the store; no ORM.
"""

from __future__ import annotations

import getpass
import os
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, func, insert, select, union, update

from docstore.errors import NotFound, UserError
from docstore.names import fold
from docstore.schema import (
    corrections,
    documents,
    event_participants,
    mentions,
    quotes,
    speaker_aliases,
    speakers,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Row

USER_VAR = "DOCSTORE_USER"
SPEAKER_ACTIONS = ("merge", "rename", "split")  # on speakers, wherever they are named
QUOTE_ACTIONS = ("reassign", "reject")  # on one quote of one document


def who() -> str:
    """Who corrects: $DOCSTORE_USER, else the operating system's user."""
    named = os.environ.get(USER_VAR, "").strip()
    if named:
        return named
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "unknown"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# --- finding what a payload names ------------------------------------------------------------------------


def speaker_by_key(conn: Connection, key: str, aliases: bool = False) -> Row | None:
    """The speaker with this key; with ``aliases``, else the one speaker that has it as a name alias
    (a speaker merged or renamed since the payload was written goes on answering to it)."""
    row = conn.execute(select(speakers).where(speakers.c.key == key)).first()
    if row is None and aliases:
        owners = conn.scalars(select(speaker_aliases.c.speaker_id).distinct().where(
            speaker_aliases.c.key == key, speaker_aliases.c.kind == "name").limit(2)).all()
        if len(owners) == 1:
            row = conn.execute(select(speakers).where(speakers.c.id == owners[0])).first()
    return row


def quote_key(conn: Connection, quote_id: int) -> dict[str, Any]:
    """What names a quote across re-extractions: its document's hash, offsets and text (and, for messages, more)."""
    row = conn.execute(
        select(quotes.c.id, quotes.c.start, quotes.c.end, quotes.c.text, quotes.c.speaker_id, documents.c.content_hash,
               documents.c.id.label("doc_id"), speakers.c.key, speakers.c.name)
        .join(documents, documents.c.id == quotes.c.document_id)
        .outerjoin(speakers, speakers.c.id == quotes.c.speaker_id)
        .where(quotes.c.id == quote_id)
    ).first()
    if row is None:
        raise NotFound(f"no quote with id {quote_id}; see `docstore quotes`")
    return {"document": row.content_hash, "document_id": row.doc_id, "start": row.start, "end": row.end,
            "text": row.text, "was": {"key": row.key, "name": row.name} if row.key else None}


def _quote(conn: Connection, p: dict[str, Any]) -> Row | None:
    return conn.execute(
        select(quotes.c.id, quotes.c.speaker_id).join(documents, documents.c.id == quotes.c.document_id)
        .where(documents.c.content_hash == p["document"], quotes.c.start == p["start"], quotes.c.end == p["end"],
               quotes.c.text == p["text"])
    ).first()


def _move_counts(conn: Connection, counts: Counter[int]) -> None:
    from docstore.store import add_to_quote_counts

    add_to_quote_counts(conn, counts)


def _alias_keys(conn: Connection, speaker_id: int) -> set[str]:
    return set(conn.scalars(select(speaker_aliases.c.key).where(speaker_aliases.c.speaker_id == speaker_id)))


def _add_alias(conn: Connection, speaker_id: int, alias: str, cid: int, reason: str) -> None:
    if fold(alias) not in _alias_keys(conn, speaker_id):
        conn.execute(insert(speaker_aliases), {"speaker_id": speaker_id, "alias": alias, "key": fold(alias),
                                               "kind": "name", "reason": reason, "correction_id": cid})


def _move_aliases(conn: Connection, frm: int, into: int, cid: int, reason: str, keys: Iterable[str] | None = None) -> None:
    """The aliases of ``frm`` (only ``keys`` if given) that ``into`` lacks go to ``into``, marked as this correction's."""
    have = _alias_keys(conn, into)
    stmt = select(speaker_aliases.c.id, speaker_aliases.c.key).where(speaker_aliases.c.speaker_id == frm)
    moving = [aid for aid, key in conn.execute(stmt) if key not in have and (keys is None or key in keys)]
    if moving:
        conn.execute(update(speaker_aliases).where(speaker_aliases.c.id.in_(moving)).values(
            speaker_id=into, correction_id=cid, reason=func.coalesce(speaker_aliases.c.reason, reason)))


def absorb(conn: Connection, into: Row, frm: Row, cid: int, reason: str) -> int:
    """Speaker ``frm`` becomes ``into``: its quotes, mentions, events and aliases move, its row goes. Quotes moved."""
    n = conn.scalar(select(func.count()).where(quotes.c.speaker_id == frm.id)) or 0
    conn.execute(update(quotes).where(quotes.c.speaker_id == frm.id).values(speaker_id=into.id))
    conn.execute(update(mentions).where(mentions.c.speaker_id == frm.id).values(speaker_id=into.id))
    theirs = select(event_participants.c.event_id).where(event_participants.c.speaker_id == into.id)
    conn.execute(insert(event_participants).from_select(
        ["event_id", "speaker_id"],
        select(event_participants.c.event_id, into.id).where(event_participants.c.speaker_id == frm.id,
                                                              event_participants.c.event_id.not_in(theirs))))
    _move_aliases(conn, frm.id, into.id, cid, reason)
    _add_alias(conn, into.id, frm.name, cid, reason)
    conn.execute(delete(speakers).where(speakers.c.id == frm.id))  # its other aliases and events by cascade
    _move_counts(conn, Counter({into.id: n}))
    return n


# --- applying: each returns how many quotes it changed (0: nothing to do) -------------------------------


def _merge(conn: Connection, cid: int, p: dict[str, Any]) -> int:
    into, frm = speaker_by_key(conn, p["into"]["key"], aliases=True), speaker_by_key(conn, p["from"]["key"])
    if into is None or frm is None or into.id == frm.id:
        return 0
    return absorb(conn, into, frm, cid, f"merged by hand into {into.name} (correction {cid})")


def _rename(conn: Connection, cid: int, p: dict[str, Any]) -> int:
    sp = speaker_by_key(conn, p["key"])
    if sp is None:
        return 0
    reason = f"renamed by hand from {p['name']} (correction {cid})"
    other = speaker_by_key(conn, p["new_key"])
    if other is not None and other.id != sp.id:  # the new name is someone's already: one speaker
        return absorb(conn, other, sp, cid, reason)
    conn.execute(update(speakers).where(speakers.c.id == sp.id).values(name=p["new_name"], key=p["new_key"]))
    _add_alias(conn, sp.id, p["new_name"], cid, reason)
    return sp.quote_count or 0


def _split(conn: Connection, cid: int, p: dict[str, Any]) -> int:
    sp = speaker_by_key(conn, p["key"], aliases=True)
    if sp is None:
        return 0
    keys = set(p["aliases"])
    target = speaker_by_key(conn, p["new_key"])
    if target is None:
        new_id = conn.execute(insert(speakers), {"name": p["name"], "key": p["new_key"], "kind": sp.kind}
                              ).inserted_primary_key[0]
        target = conn.execute(select(speakers).where(speakers.c.id == new_id)).first()
        _add_alias(conn, target.id, p["name"], cid, f"split by hand from {sp.name} (correction {cid})")
    if target.id == sp.id:
        return 0
    said = [qid for qid, written in conn.execute(select(quotes.c.id, quotes.c.attributed_as)
                                                 .where(quotes.c.speaker_id == sp.id)) if fold(written or "") in keys]
    if said:
        conn.execute(update(quotes).where(quotes.c.id.in_(said)).values(speaker_id=target.id))
    written = func.substr(documents.c.text, mentions.c.start + 1, mentions.c.end - mentions.c.start)
    named = [mid for mid, words in conn.execute(
        select(mentions.c.id, written).join(documents, documents.c.id == mentions.c.document_id)
        .where(mentions.c.speaker_id == sp.id)) if fold(words or "") in keys]
    if named:
        conn.execute(update(mentions).where(mentions.c.id.in_(named)).values(speaker_id=target.id))
    _move_aliases(conn, sp.id, target.id, cid, f"split by hand from {sp.name} (correction {cid})", keys)
    # those the other one had already (a re-extraction gave them back to this one) are not this one's
    conn.execute(delete(speaker_aliases).where(speaker_aliases.c.speaker_id == sp.id, speaker_aliases.c.key.in_(keys)))
    _move_counts(conn, Counter({target.id: len(said), sp.id: -len(said)}))
    return len(said)


def _reassign(conn: Connection, cid: int, p: dict[str, Any]) -> int:
    q, to = _quote(conn, p), speaker_by_key(conn, p["speaker"]["key"], aliases=True)
    if q is None or to is None or q.speaker_id == to.id:
        return 0
    conn.execute(update(quotes).where(quotes.c.id == q.id).values(speaker_id=to.id))
    _move_counts(conn, Counter({to.id: 1, **({q.speaker_id: -1} if q.speaker_id else {})}))
    return 1


def _reject(conn: Connection, cid: int, p: dict[str, Any]) -> int:
    q = _quote(conn, p)
    if q is None:
        return 0
    conn.execute(delete(quotes).where(quotes.c.id == q.id))  # its index row by trigger / cascade
    if q.speaker_id:
        _move_counts(conn, Counter({q.speaker_id: -1}))
    return 1


APPLY = {"merge": _merge, "rename": _rename, "split": _split, "reassign": _reassign, "reject": _reject}


def record(conn: Connection, action: str, target: str, payload: dict[str, Any]) -> tuple[int, int]:
    """Store a correction and apply it, on the caller's transaction: (its id, quotes it changed)."""
    cid = conn.execute(insert(corrections), {
        "created_at": _now(), "who": who(), "action": action, "target": target, "payload": payload,
        "document_hash": payload.get("document") if action in QUOTE_ACTIONS else None,
    }).inserted_primary_key[0]
    return cid, APPLY[action](conn, cid, payload)


_IN_FORCE = (select(corrections.c.id, corrections.c.action, corrections.c.payload)
             .where(corrections.c.undone_at.is_(None),
                    corrections.c.document_hash.is_(None)
                    | corrections.c.document_hash.in_(bindparam("hashes", expanding=True)))
             .order_by(corrections.c.id))


def reapply(conn: Connection, document_hashes: Iterable[str]) -> None:
    """After extracted rows were written: every correction in force on speakers, and those on quotes of
    these documents, oldest first (one indexed read when there is none)."""
    hashes = list(dict.fromkeys(document_hashes)) or [""]
    for cid, action, payload in conn.execute(_IN_FORCE, {"hashes": hashes}).all():
        APPLY[action](conn, cid, payload)


# --- listing and undoing ---------------------------------------------------------------------------------


def listing(conn: Connection) -> list[dict[str, Any]]:
    return [
        {"id": r.id, "created_at": r.created_at.isoformat(timespec="seconds"), "who": r.who, "action": r.action,
         "target": r.target, "state": "active" if r.undone_at is None else "undone",
         "undone_at": r.undone_at.isoformat(timespec="seconds") if r.undone_at else None, "payload": r.payload}
        for r in conn.execute(select(corrections).order_by(corrections.c.id))
    ]


def get(conn: Connection, cid: int) -> Row:
    row = conn.execute(select(corrections).where(corrections.c.id == cid)).first()
    if row is None:
        raise NotFound(f"no correction with id {cid}; see `docstore corrections`")
    return row


def documents_of(conn: Connection, row: Row) -> list[int]:
    """The documents a correction changed (as things stand): what re-extraction must cover to undo it."""
    p = row.payload
    if row.action in QUOTE_ACTIONS:
        return list(conn.scalars(select(documents.c.id).where(documents.c.content_hash == p["document"])))
    if row.action == "merge":
        keys = [p["into"]["key"]]
    elif row.action == "rename":
        keys = [p["new_key"]]
    else:
        keys = [p["key"], p["new_key"]]
    ids = [sp.id for key in keys if (sp := speaker_by_key(conn, key, aliases=True)) is not None]
    if not ids:
        return []
    found = union(select(mentions.c.document_id).where(mentions.c.speaker_id.in_(ids)),
                  select(quotes.c.document_id).where(quotes.c.speaker_id.in_(ids))).subquery()
    return sorted(conn.scalars(select(found.c.document_id)))


def mark_undone(conn: Connection, cid: int) -> list[int]:
    """Undone from now on: not re-applied, and the aliases it brought are gone (re-extraction brings the
    extractor's own back). Returns the speakers it named: to drop if nothing names them any more (one a
    split made)."""
    row = get(conn, cid)
    if row.undone_at is not None:
        raise UserError(f"correction {cid} was undone already ({row.undone_at:%Y-%m-%d %H:%M})")
    conn.execute(update(corrections).where(corrections.c.id == cid).values(undone_at=_now()))
    conn.execute(delete(speaker_aliases).where(speaker_aliases.c.correction_id == cid))
    p = row.payload
    keys = [k for k in (p.get("key"), p.get("new_key"), (p.get("into") or {}).get("key")) if k]
    return [sp.id for key in keys if (sp := speaker_by_key(conn, key)) is not None]
