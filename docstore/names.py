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

# Case endings of Russian surnames, undone by rule: pymorphy3 does not know every
# surname («Токаев» parses as a form of «токай»).
SURNAME_ENDINGS = [
    ("овыми", "ов"), ("евыми", "ев"), ("иными", "ин"),
    ("ового", "ов"), ("ского", "ский"), ("цкого", "цкий"), ("скому", "ский"), ("цкому", "цкий"),
    ("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ыным", "ын"), ("ским", "ский"), ("цким", "цкий"),
    ("ском", "ский"), ("цком", "цкий"), ("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ской", "ская"),
    ("ову", "ов"), ("еву", "ев"), ("ину", "ин"), ("ыну", "ын"), ("ове", "ов"), ("еве", "ев"), ("ине", "ин"),
    ("ова", "ов"), ("ева", "ев"), ("ина", "ин"), ("ына", "ын"),
]


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
    for ending, repl in SURNAME_ENDINGS:
        if w.endswith(ending) and len(w) > len(ending) + 2:
            forms.append(w[: -len(ending)] + repl)
            break
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
