"""Who an extracted speaker is among the stored ones: one row per person across documents, by rules that
say why (``speaker_aliases.reason``).

- A full name («Иван Петров») is its own key: the same key is the same row, in every document.
- A surname alone («Петров») or initials with it («И. Петров», «И Петров») join a full-name person
  only when the corpus holds exactly one candidate: a person whose name alias is that surname, whose
  first name begins with the initials given, and whose first name's gender agrees with the surname's
  (Петров: a man, Петрова: a woman; «Саша», «Ли»: either). Otherwise the mention stays a row of its own,
  and its alias says why («kept apart: …»). A bare surname stored first becomes the full name when
  that arrives, unless another full name already claims the surname.
- Role and group speakers (kind ``role``, ``group``: «адвокат Петрова», «защитники») are never joined
  across documents: their key carries the document's id (kept by a re-extraction), so they stay per
  document.

The reasons are written on the alias the mention was joined under; `speakers --format json` shows them.
Core statements on the store's transaction; ``batch`` is the store's ``_Batch`` (its connection and what
it has learnt of speakers).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, exists, insert, select, update

from docstore.names import fold, name_key, surname
from docstore.schema import mentions, speaker_aliases, speakers

if TYPE_CHECKING:
    from docstore.extract.extraction import Speaker as XSpeaker

# Speakers nobody named, kept to their article: a role as written («адвокат Петрова») and a group («врачи»).
DOCUMENT_SCOPED = frozenset({"role", "group"})
CANDIDATES = 5  # full names listed when a surname fits several

_SPEAKER_BY_KEY = select(speakers.c.id).where(speakers.c.key == bindparam("key"))
# The persons other than the row of that key who have it as a name alias: a bare surname's full names.
_NAME_OWNERS = (
    select(speakers.c.id, speakers.c.name).distinct()
    .join(speaker_aliases, speaker_aliases.c.speaker_id == speakers.c.id)
    .where(speaker_aliases.c.key == bindparam("key"), speaker_aliases.c.kind == "name",
           speakers.c.key != bindparam("key"), speakers.c.kind == "person")
    .order_by(speakers.c.id)
)
_claimant = speakers.alias("claimant")
# A person stored under the bare surname whose surname no full name claims yet (as an alias of any kind).
_UNCLAIMED_BARE = select(speakers.c.id).where(
    speakers.c.key == bindparam("key"),
    speakers.c.kind == "person",
    ~exists().where(speaker_aliases.c.key == bindparam("key"), speaker_aliases.c.speaker_id == _claimant.c.id,
                    _claimant.c.key != bindparam("key")),
)
_RENAME_SPEAKER = (update(speakers).where(speakers.c.id == bindparam("speaker_id"))
                   .values(name=bindparam("new_name"), key=bindparam("new_key")))
_ALIAS_KEYS = select(speaker_aliases.c.key).where(speaker_aliases.c.speaker_id == bindparam("speaker_id"))
_EXPLAIN = (update(speaker_aliases)
            .where(speaker_aliases.c.speaker_id == bindparam("sid"), speaker_aliases.c.key == bindparam("alias_key"),
                   speaker_aliases.c.reason.is_(None))
            .values(reason=bindparam("why")))
_INITIALS = re.compile(r"^(?:[А-ЯЁA-Z]\.?\s*){1,2}$")


def store_speakers(batch: Any, doc_id: int, found: list[XSpeaker]) -> dict[str, int]:
    """Upsert the document's speakers; full names first, so a surname alone can join its full name.
    Returns the speaker id of each extracted key."""
    ids: dict[str, int] = {}
    rows = []
    for sp in sorted(found, key=lambda s: -len((s.key or fold(s.name)).split())):
        key = name_key(sp.name) if sp.name else sp.key
        if sp.kind in DOCUMENT_SCOPED:
            key = f"{key} #{doc_id}"  # «адвокат Петрова» of one article is nobody else's «адвокат Петрова»
        sid, why = _speaker_for(batch, key, sp)
        ids[sp.key or key] = sid
        ids.setdefault(key, sid)
        _add_aliases(batch, sid, sp)
        if why is not None:
            batch.conn.execute(_EXPLAIN, {"sid": sid, "alias_key": fold(why[0]), "why": why[1]})
        rows += [{"document_id": doc_id, "speaker_id": sid, "start": s, "end": e} for s, e in sp.mentions]
    if rows:
        batch.conn.execute(insert(mentions), rows)
    return ids


def _short_form(name: str) -> tuple[str, str] | None:
    """(initials, surname) of «Петров» («», «Петров») or «И. Петров» («И», «Петров»); None for a full name."""
    words = name.split()
    if len(words) == 1:
        return "", words[0]
    head = " ".join(words[:-1])
    if _INITIALS.match(head):
        return re.sub(r"[\s.]", "", head), words[-1]
    return None


def _speaker_for(batch: Any, key: str, sp: XSpeaker) -> tuple[int, tuple[str, str] | None]:
    """The row of this speaker, and (alias, reason) when it was joined to another name or kept apart."""
    conn = batch.conn
    short = _short_form(sp.name) if (sp.kind or "person") == "person" and sp.name else None
    why = None
    if short is not None:
        initials, family = short
        owners = [(sid, name) for sid, name in conn.execute(_NAME_OWNERS, {"key": fold(family)}).all()
                  if any(_fits(full, initials, family) for full in [name, *_names(conn, sid)])]
        form = "initials" if initials else "surname only"
        if len(owners) == 1:
            sid, name = owners[0]
            return sid, (sp.name, f"{form}: {sp.name} fits one speaker in the corpus, {name}")
        if owners:
            listed = ", ".join(name for _, name in owners[:CANDIDATES])
            why = (sp.name, f"{form}: kept apart, {len(owners)} speakers fit ({listed})")
    sid = batch.speakers.get(key)
    if sid is None:
        sid = conn.scalar(_SPEAKER_BY_KEY, {"key": key})
    if sid is None and short is None and len(key.split()) > 1 and sp.kind == "person":
        # «Токаев» stored alone from an earlier article becomes «Касым-Жомарт Токаев» now that the
        # full name is known: the same row, renamed, so its quotes and aliases stay with it —
        # unless another full name already claims that surname.
        bare_key = fold(surname(sp.name))
        sid = conn.scalar(_UNCLAIMED_BARE, {"key": bare_key})
        if sid is not None:
            conn.execute(_RENAME_SPEAKER, {"speaker_id": sid, "new_name": sp.name, "new_key": key})
            batch.speakers.pop(bare_key, None)
            reason = (f"surname only: {surname(sp.name)}, stored alone before, became {sp.name}, the one full "
                      "name with that surname")
            why = (surname(sp.name), reason)
    if sid is None:
        sid = conn.execute(insert(speakers), {"name": sp.name, "key": key, "kind": sp.kind or "person"}
                           ).inserted_primary_key[0]
        batch.aliases[sid] = set()
    batch.speakers[key] = sid
    return sid, why


def _names(conn: Any, speaker_id: int) -> list[str]:
    """A speaker's name aliases (a merge by hand brings the other one's full name along)."""
    return list(conn.scalars(select(speaker_aliases.c.alias).where(speaker_aliases.c.speaker_id == speaker_id,
                                                                   speaker_aliases.c.kind == "name")))


def _fits(full_name: str, initials: str, family: str) -> bool:
    """A full name a short form may stand for: the same surname, first names beginning with the initials,
    and the surname's gender (by its ending) not against the first name's."""
    words = full_name.split()
    if len(words) < 2 or fold(words[-1]) != fold(family):
        return False
    firsts = [w for w in words[:-1] if not _INITIALS.match(w)]
    if initials and [w[:1].upper() for w in firsts[: len(initials)]] != list(initials.upper()):
        return False
    wanted = _surname_gender(family)
    return wanted is None or not firsts or _first_name_gender(firsts[0]) in (None, wanted)


def _surname_gender(word: str) -> str | None:
    w = fold(word)
    if w.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая")):
        return "femn"
    if w.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий")):
        return "masc"
    return None


@lru_cache(maxsize=10_000)
def _first_name_gender(word: str) -> str | None:
    """The gender pymorphy3 gives a first name in the nominative (None: unknown or either)."""
    from docstore.lemmas import morph

    genders = {p.tag.gender for p in morph().parse(word) if "Name" in p.tag and "nomn" in p.tag}
    return genders.pop() if len(genders) == 1 else None


def _add_aliases(batch: Any, speaker_id: int, sp: XSpeaker) -> None:
    # a role's words are no one's name: a name typed to --speaker finds a named person first
    forms: dict[str, str] = {sp.name: "role" if sp.kind in DOCUMENT_SCOPED else "name"}
    if (sp.kind or "person") == "person" and len(sp.name.split()) > 1:
        forms[surname(sp.name)] = "name"
    for alias, kind in sp.aliases.items():
        forms.setdefault(alias, kind)
    known = batch.aliases.get(speaker_id)
    if known is None:
        known = batch.aliases[speaker_id] = set(batch.conn.scalars(_ALIAS_KEYS, {"speaker_id": speaker_id}))
    new = {}
    for alias, kind in forms.items():
        key = fold(alias)
        if key and key not in known and key not in new:
            new[key] = {"speaker_id": speaker_id, "alias": alias.strip(), "key": key, "kind": kind}
    if new:
        batch.conn.execute(insert(speaker_aliases), list(new.values()))
        known.update(new)
