"""Which mentions are one occasion: within an article (``merge``) and across articles (``close_wording``)."""

from __future__ import annotations

import re
from dataclasses import replace

from docstore.extract.events import vocabulary as lx
from docstore.extract.events.common import EventMention, fold
from docstore.extract.extraction import Event
from docstore.names import fold as fold_name


def _score(m: EventMention) -> tuple[int, int, int, int]:
    return (int(m.speech), int(m.kind not in lx.GENERIC_EVENT_NOUNS), int(bool(m.tail)), len(m.name.split()))


def _ordinal(name: str) -> int | None:
    """The number of an occasion («вторая встреча» → 2, «6-я встреча» → 6), or None."""
    for w in re.findall(r"\w+(?:-\w+)*", fold(name)):
        if re.fullmatch(r"\d+-\w{1,2}", w):
            return int(w.split("-")[0])
        if w.startswith(lx.ORDINAL_STEMS) and re.search(r"(?:ый|ой|ий|ая|ое|ье|ья|ые|ие)$", w):
            return next(n for n, stem in enumerate(lx.ORDINAL_STEMS, 1) if w.startswith(stem))
    return None


def _compatible(a: EventMention, b: EventMention) -> bool:
    if a.date and b.date and a.date != b.date:
        return False
    if (x := _ordinal(a.name)) and (y := _ordinal(b.name)) and x != y:
        return False  # the first and the second meeting are two
    return not (a.location and b.location and fold(a.location) != fold(b.location))


def _same_occasion(a: EventMention, b: EventMention) -> bool:
    if not _compatible(a, b):
        return False
    if a.kind == b.kind:
        return True
    return bool(a.tail) and a.tail == b.tail


def merge(mentions: list[EventMention], town: str | None = None) -> tuple[list[Event], list[EventMention]]:
    """Group the mentions of one occasion (module docstring). ``town`` (the dateline's city or the
    lead's place) is the place of an occasion that has none, and beats an organisation."""
    groups: list[list[int]] = []
    for idx, m in enumerate(mentions):
        for g in groups:
            if any(_same_occasion(mentions[j], m) for j in g):
                g.append(idx)
                break
        else:
            groups.append([idx])
    # bare speech acts and bare generic nouns fold into the nearest other occasion
    def foldable(g: list[int]) -> bool:
        return all(
            mentions[j].kind in lx.SPEECH_ACT_NOUNS or (not mentions[j].tail and mentions[j].kind in lx.GENERIC_EVENT_NOUNS)
            for j in g
        )

    solid = [g for g in groups if not foldable(g)]
    if solid:
        for g in groups:
            if foldable(g):
                first = mentions[g[0]].start
                before = [h for h in solid if mentions[h[0]].start < first]
                target = before[-1] if before else solid[0]
                target.extend(g)
        groups = solid
    events: list[Event] = []
    out = list(mentions)
    for n, g in enumerate(groups):
        g.sort()
        best = max(g, key=lambda j: (_score(mentions[j]), -j))
        if mentions[best].name == mentions[best].kind:
            # «на заседании Вологодской городской думы» names it better than a later bare «заседание»
            fuller = [j for j in g if mentions[j].tail and mentions[j].kind == mentions[best].kind]
            if fuller:
                best = max(fuller, key=lambda j: (_score(mentions[j]), -j))
        b = mentions[best]
        when = b.date or next((mentions[j].date for j in g if mentions[j].date), None)
        places = sorted((j != best, m.organisation, j) for j in g if (m := mentions[j]).location)
        towns = [j for _, org, j in places if not org]
        around = next((mentions[j].town for j in g if mentions[j].town), None)
        where = (
            mentions[towns[0]].location
            if towns
            else town or around or (mentions[places[0][2]].location if places else None)
        )
        events.append(Event(name=b.name, kind=b.kind, start=b.start, end=b.end, date=when, location=where))
        for j in g:
            out[j] = replace(mentions[j], event=n)
    return events, out


# Words that frame an occasion without naming it: «по случаю», «в рамках», «в честь», and
# modifiers that say how it ran, not which one it was («очередное», «рабочая», «торжественный»).
_FUNCTION_WORDS = frozenset(
    ["в", "во", "на", "по", "с", "со", "к", "ко", "о", "об", "обо", "от", "до", "для", "при", "за", "из", "у", "и", "а", "или", "под", "над", "без", "через", "между", "перед", "после"]
)
_FRAME_STEMS = frozenset({"случа", "рамка", "рамки", "честь", "посвя", "очере", "рабоч", "офици", "торже", "совме",
                          "расши"})
STEM = 5  # letters of a word's stem


def wording_stems(name: str) -> frozenset[str]:
    """The content words of a name as 5-letter stems: «коллегии» and «коллегия» are both «колле»."""
    words = re.findall(r"\w+(?:-\w+)*", fold_name(name))
    return frozenset(w[:STEM] for w in words if w not in _FUNCTION_WORDS and w[:STEM] not in _FRAME_STEMS)


def close_wording(kind: str, a: str, b: str) -> bool:
    """Two names of one occasion share a content stem besides the words of their kind.

    «заседание коллегии министерства энергетики» and «расширенное заседание коллегии
    министерства энергетики» share «колле», «минис», «энерг»; «заседание правительства»
    and «заседание коллегии» share only «засед», the kind itself. A bare «брифинг» or
    «интервью» says nothing beyond its kind, so it never merges across documents.
    """
    return shared_wording(kind, a, b) > 0


def shared_wording(kind: str, a: str, b: str) -> int:
    """How many content stems two names of an occasion of ``kind`` share besides their kind's:
    of several stored occasions, the one a new report shares most with is the one it reports."""
    return len((wording_stems(a) & wording_stems(b)) - wording_stems(kind))
