"""Tokens, paragraphs and sentences with character offsets into the article text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from docstore.extract import nlp

TOKEN = re.compile(r"\w+(?:[-‐]\w+)*(?:\.\w+)*|[^\w\s]")
DASHES = "–—-‒―"
OPEN_MARKS = "«„“\""
CLOSE_MARKS = "»“”\""


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"

    @cached_property
    def low(self) -> str:
        return self.text.lower().replace("ё", "е")

    @cached_property
    def lemmas(self) -> frozenset[str]:
        return nlp.lemmas(self.text.lower()) if self.is_word else frozenset()

    @cached_property
    def lemma(self) -> str:
        return nlp.lemma(self.text.lower()) if self.is_word else self.text

    def has_tag(self, *grammemes: str) -> bool:
        """Does any parse of the word carry all these grammemes?"""
        return self.is_word and _has_tag(self.text.lower(), grammemes)

    def lemma_with(self, lemmas: frozenset[str], *grammemes: str) -> str | None:
        """The lemma from ``lemmas`` that a parse with these grammemes gives, if any."""
        return _lemma_with(self.text.lower(), frozenset(lemmas), grammemes) if self.is_word else None


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
    end = len(text) if end is None else end
    return [Token(m.start() + start, m.end() + start, m.group()) for m in TOKEN.finditer(text[start:end])]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines, stripped, as (start, end)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        s = len(line) - len(line.lstrip())
        e = len(line.rstrip())
        if e > s:
            out.append((pos + s, pos + e))
        pos += len(line) + 1
    return out


def strip_span(text: str, start: int, end: int, chars: str = " \t\n\r") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end
