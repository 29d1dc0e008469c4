"""Speaker keys, and the keys a user's query may mean («Токаева» → «токаев»).

Keys are compared in Python-folded form (casefold, ё→е): SQLite's ``lower()`` and
``LIKE`` fold ASCII only, so Cyrillic never goes through them. pymorphy3 is loaded
lazily, only when a query has to be expanded.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import Any

MAX_CANDIDATES = 64
NAME_TAGS = ("Surn", "Name", "Patr")

# Endings of a masculine / feminine name or surname in each oblique case, and what replaces
# them in the nominative: pymorphy3 does not know every surname («Токаев» parses as «токай»).
MASC_ENDINGS = {
    "gent": [("ова", "ов"), ("ева", "ев"), ("ина", "ин"), ("ына", "ын"), ("ского", "ский"), ("цкого", "цкий"), ("я", "й"), ("а", "")],
    "accs": [("ова", "ов"), ("ева", "ев"), ("ина", "ин"), ("ына", "ын"), ("ского", "ский"), ("цкого", "цкий"), ("я", "й"), ("а", "")],
    "datv": [("ову", "ов"), ("еву", "ев"), ("ину", "ин"), ("ыну", "ын"), ("скому", "ский"), ("цкому", "цкий"), ("ю", "й"), ("у", "")],
    "ablt": [("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ыным", "ын"), ("ским", "ский"), ("цким", "цкий"), ("ем", "й"), ("ом", "")],
    "loct": [("ове", "ов"), ("еве", "ев"), ("ине", "ин"), ("ыне", "ын"), ("ском", "ский"), ("цком", "цкий"), ("е", "")],
}
FEMN_ENDINGS = {
    "gent": [("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ской", "ская"), ("ы", "а"), ("и", "а")],
    "datv": [("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ской", "ская"), ("е", "а")],
    "accs": [("ову", "ова"), ("еву", "ева"), ("ину", "ина"), ("скую", "ская"), ("у", "а"), ("ю", "я")],
    "ablt": [("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ской", "ская"), ("ой", "а"), ("ей", "я")],
    "loct": [("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ской", "ская"), ("е", "а")],
}


def undo_endings(word: str, surnames_only: bool = False) -> list[str]:
    """The nominatives a declined name may come from, by its ending: «токаеву» → [«токаев»].

    ``surnames_only`` keeps to the endings of -ов/-ев/-ин/-ский surnames (three letters or
    more) and the longest that fits: what a full-text query may safely add to a word.
    """
    out = []
    for table in (MASC_ENDINGS, FEMN_ENDINGS):
        for endings in table.values():
            for ending, repl in endings:
                if surnames_only and len(ending) < 3:
                    continue
                if word.endswith(ending) and len(word) > len(ending) + 2:
                    out.append((len(ending), word[: -len(ending)] + repl))
                    break
    if surnames_only:
        return [max(out)[1]] if out else []
    return list(dict.fromkeys(w for _, w in out))


def fold(text: str) -> str:
    """The comparison form of a name or alias: case-folded, ё→е, single spaces."""
    return " ".join(text.casefold().replace("ё", "е").split())


def name_key(name: str) -> str:
    """The key of a canonical (nominative) name."""
    return fold(name)


def surname(name: str) -> str:
    """The last word of a person's name: «Касым-Жомарт Токаев» → «Токаев»."""
    words = name.split()
    return words[-1] if words else name


def _morph() -> Any:
    from docstore.lemmas import morph  # one analyser per process

    return morph()


@lru_cache(maxsize=10_000)
def word_forms(word: str) -> tuple[str, ...]:
    """A folded query word and the nominatives it may stand for, most likely first."""
    w = fold(word)
    forms = [w]
    parses = _morph().parse(w)
    named = [p for p in parses if any(t in p.tag for t in NAME_TAGS)]
    for p in named + [p for p in parses if p not in named]:
        forms.append(fold(p.normal_form))
    forms += undo_endings(w)
    if "-" in w:  # «касым-жомарта»: only the last part declines
        head, _, last = w.rpartition("-")
        forms.extend(f"{head}-{f}" for f in word_forms(last)[1:])
    return tuple(dict.fromkeys(forms))


def candidate_keys(query: str) -> set[str]:
    """Every key the query may mean: each word folded or in a normal form, all combinations (bounded)."""
    words = re.findall(r"[\w-]+", fold(query))
    if not words:
        return set()
    per_word = max(2, int(MAX_CANDIDATES ** (1 / len(words))))
    options = [word_forms(w)[:per_word] for w in words]
    keys = {fold(query), " ".join(words)}
    for combo in itertools.islice(itertools.product(*options), MAX_CANDIDATES):
        keys.add(" ".join(combo))
    return keys
