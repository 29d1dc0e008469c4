"""Tokens, paragraphs and sentences with character offsets into the article text."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import accumulate
from typing import Any

from docstore.extract import nlp

# A word, with hyphens and dots inside («Zakon.kz», «т.е»), but not two sentences a page glued at the full
# stop («в неделю.Ведомство обещает»: a lower-case word, the dot, a capitalised one)
TOKEN = re.compile(r"\w+(?:[-‐]\w+)*(?:\.(?:(?<![а-яё]{4}\.)|(?![А-ЯЁ][а-яё]))\w+)*|[^\w\s]")
DASHES = "–—-‒―"
OPEN_MARKS = "«„“\""
CLOSE_MARKS = "»“”\""


class Spans:
    """Things with a span [start, end) of the text — quotations in marks, names, quoted speech — asked in
    logarithmic time which overlap a range, whether one holds a position or covers a range: bisection over
    the starts and the furthest end reached so far, so that asking it of every word keeps a long article
    linear. ``span`` gives a thing's (start, end); by default the things are (start, end) pairs."""

    def __init__(self, things: Iterable[Any] = (), span: Callable[[Any], tuple[int, int]] = lambda x: x) -> None:
        pairs = sorted(((span(x), x) for x in things), key=lambda p: p[0][0])
        self.things = [x for _, x in pairs]
        self.starts = [s for (s, _), _ in pairs]
        self.ends = [e for (_, e), _ in pairs]
        self.reach = list(accumulate(self.ends, max))

    def holds(self, pos: int) -> bool:
        """Does a span start at or before ``pos`` and end after it?"""
        k = bisect_right(self.starts, pos)
        return k > 0 and self.reach[k - 1] > pos

    def covers(self, start: int, end: int) -> bool:
        """Does one span hold all of [start, end)?"""
        k = bisect_right(self.starts, start)
        return k > 0 and self.reach[k - 1] >= end

    def overlapping(self, start: int, end: int) -> list[Any]:
        """The things whose spans overlap [start, end), in order of their starts."""
        i = bisect_left(self.starts, end)
        j = bisect_right(self.reach, start, 0, i)
        return [x for x, e in zip(self.things[j:i], self.ends[j:i]) if e > start]


class Token:
    """A word or a punctuation mark at [start, end) of the article text; equal to another
    with the same offsets and text. Slots and an eager ``is_word`` (read several times per
    token by the rules) instead of a frozen dataclass: tokens are made by the thousand per
    article, and the dataclass's __init__, ``is_word`` and the cached properties (which
    take a lock in Python 3.11) cost more than the rules that read them."""

    __slots__ = ("start", "end", "text", "is_word", "_lower", "_low", "_lemmas", "_lemma")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.is_word = text[0].isalnum() or text[0] == "_"
        self._lower = text.lower()
        self._low: str | None = None
        self._lemmas: frozenset[str] | None = None
        self._lemma: str | None = None

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Token:
            return NotImplemented
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Token(start={self.start!r}, end={self.end!r}, text={self.text!r})"

    @property
    def low(self) -> str:
        if self._low is None:
            self._low = self._lower.replace("ё", "е")
        return self._low

    @property
    def lemmas(self) -> frozenset[str]:
        if self._lemmas is None:
            self._lemmas = nlp.lemmas(self._lower) if self.is_word else frozenset()
        return self._lemmas

    @property
    def lemma(self) -> str:
        if self._lemma is None:
            self._lemma = nlp.lemma(self._lower) if self.is_word else self.text
        return self._lemma

    def has_tag(self, *grammemes: str) -> bool:
        """Does any parse of the word carry all these grammemes?"""
        return self.is_word and _has_tag(self._lower, grammemes)

    def lemma_with(self, lemmas: frozenset[str], *grammemes: str) -> str | None:
        """The lemma from ``lemmas`` that a parse with these grammemes gives, if any."""
        return _lemma_with(self._lower, frozenset(lemmas), grammemes) if self.is_word else None


# Cached by word form: the rules ask the same few questions of the same words again and again.
@lru_cache(maxsize=200_000)
def _has_tag(word: str, grammemes: tuple[str, ...]) -> bool:
    return any(all(g in p.tag for g in grammemes) for p in nlp.parses(word))


@lru_cache(maxsize=400_000)
def _lemma_with(word: str, lemmas: frozenset[str], grammemes: tuple[str, ...]) -> str | None:
    for p in nlp.parses(word):
        nf = p.normal_form.replace("ё", "е")
        if nf in lemmas and all(g in p.tag for g in grammemes):
            return nf
    return None


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    if start == 0 and (end is None or end == len(text)):
        return list(_whole(text))  # the whole article is tokenised by several passes
    end = len(text) if end is None else end
    return [Token(m.start() + start, m.end() + start, m.group()) for m in TOKEN.finditer(text[start:end])]


@lru_cache(maxsize=2)
def _whole(text: str) -> tuple[Token, ...]:
    return tuple(Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text))


# A transcript's speaker label a page glued to the sentence before: «…на бумаге».Владимир Шахрин: Действительно …»
_GLUED_LABEL = re.compile(r"(?<=[.!?…»\"])(?=[А-ЯЁ][а-яё]+(?:\s[А-ЯЁ][а-яё-]+){0,2}:\s)")
# … and a dash turn glued to the one before in a dialogue line: «- …у хорошей команды.- Что скажете о пенальти?»
_GLUED_TURN = re.compile(r"(?<=[.!?…])(?=[-–—]\s+[А-ЯЁ])")
_DASH_LINE = re.compile(r"[-–—]\s")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines, stripped, as (start, end); a line with a speaker's label glued into it is
    two paragraphs, as the page meant."""
    out = []
    pos = 0
    for line in text.split("\n"):
        s = len(line) - len(line.lstrip())
        e = len(line.rstrip())
        if e > s:
            cuts = [m.start() for m in _GLUED_LABEL.finditer(line, s, e)]
            if _DASH_LINE.match(line, s):
                cuts = sorted({*cuts, *(m.start() for m in _GLUED_TURN.finditer(line, s + 1, e))})
            for a, b in zip([s, *cuts], [*cuts, e]):
                out.append((pos + a, pos + b))
        pos += len(line) + 1
    return out


def strip_span(text: str, start: int, end: int, chars: str = " \t\n\r") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end
