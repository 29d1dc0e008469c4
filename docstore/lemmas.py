"""Text → lemma terms: the one lemmatiser of the full-text index and of the queries put to it.

A word's term is the normal form of pymorphy3's most probable parse, folded (lower
case, ё→е); a word pymorphy3 does not know («Токаева», «Касым-Жомартом») gets its
Snowball Russian stem instead, so that its forms still meet («токаев», «касым-жомарт»).
No natasha here: query commands import this module and must stay light.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

# A word: letters and digits, hyphenated parts kept together («Нур-Султан», «30-летие»).
WORD = re.compile(r"\w+(?:-\w+)*")
CACHE_SIZE = 200_000


@lru_cache(maxsize=1)
def morph() -> Any:
    """pymorphy3's analyser, loaded once per process (its C dictionary reader when installed)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("russian")


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=CACHE_SIZE)
def _term(word: str) -> str:
    parses = morph().parse(word)
    if parses and parses[0].is_known:
        return fold(parses[0].normal_form)
    return fold(_stemmer().stemWord(fold(word)))


def term(word: str) -> str:
    """The index term of one word form: «полиции» → «полиция», «Токаева» → «токаев»."""
    return _term(word.lower())


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, term) of every word in the text, in order."""
    for m in WORD.finditer(text):
        yield m.start(), m.end(), _term(m.group().lower())


def terms(text: str | None) -> list[str]:
    # findall (WORD has no capturing group): the words as strings, no Match object for each
    return [_term(w.lower()) for w in WORD.findall(text or "")]


def lemma_text(text: str | None) -> str:
    """The text as the index stores it: its terms separated by spaces."""
    return " ".join(terms(text))


def cache_info() -> Any:
    return _term.cache_info()
