"""What every part of the event finder shares: tokens, morphology, quoted speech, the mention record."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import ModuleType
from typing import Any

from docstore.extract.text import DASHES, Spans

# a word, its hyphenated parts and a web address's domain («Lenta.ru», «Газета.ru»); or one sign
_TOKEN = re.compile(r"\w+(?:[-‐]\w+)*(?:\.(?:ru|com|net|org|info|su|ua|by|kz|uz|рф)(?!\w))?|[^\w\s]")
MAX_TAIL = 12  # words in the complements of one event phrase
_CLAUSE_BREAK = re.compile(
    r",\s*(?:что|чтобы|когда|который|которая|которое|которые|которых|которым|где|поскольку|хотя|однако|но)\b|:\s|;",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^\s*(?:(?P<city>[A-ZА-ЯЁ][\w-]*(?: [A-ZА-ЯЁ][\w-]*)?)[,.]\s*\d{1,2}\s+[а-яё]+"
    r"|\d{1,2}\s+[а-яё]+,\s*(?P<city2>[A-ZА-ЯЁ][\w-]*(?: [A-ZА-ЯЁ][\w-]*)?)\s*[/(–—-])",
    re.MULTILINE,
)
# A lead that opens with its place, after a dateline or a date: «В Калининграде завершился …»,
# «9 декабря в Чебоксарах состоялся …».
_LEAD_PLACE = re.compile(
    r"\s*(?:[A-ZА-ЯЁ][A-ZА-ЯЁ -]+,[^.]{0,40}?[.)/–—-]\s*(?:/[^/]{1,40}/\.?\s*[–—-]?\s*)?)?"
    r"(?:(?:\d{1,2}\s+[а-яё]+(?:\s+\d{4}\s*(?:года|г\.)?)?\s+(?=во?\s))?)(?:В|Во|(?<=\s)в|(?<=\s)во)\s+"
)
# A relative clause of holding right after an occasion: «, который прошёл 6 апреля в Вологде».
_HELD_CLAUSE = re.compile(r",\s*(?:который|которая|которое|которые)\s+(\w+)", re.IGNORECASE)
_ATTRIBUTION_START = re.compile(r"[,.!?…]\s*[–—-]\s+(?=[а-яё])")
_ATTRIBUTION_END = re.compile(r"[.,:]\s+[–—-]\s+")
HEARING = "hearing"  # head_at's kind for a court article's «в прениях», «в суде»: the hearing
_NAMED_REGION = re.compile(r"(?<![\w-])([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\s+([а-яё]+)(?![\w-])")
APRO_DROP = frozenset(["свой", "его", "её", "ее", "их", "этот", "тот", "данный", "весь", "наш", "ваш", "мой", "твой"])


class Tok:
    """A token; equal to another with the same offsets and text. Slots and an eager ``word``
    rather than a frozen dataclass: the finder makes one per token of every sentence and
    reads ``word`` again and again."""

    __slots__ = ("end", "start", "text", "word")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text = start, end, text
        self.word = text[0].isalnum()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Tok:
            return NotImplemented
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Tok(start={self.start!r}, end={self.end!r}, text={self.text!r})"


@dataclass(frozen=True)
class EventMention:
    """One place where the text names an occasion; ``event`` indexes the merged events."""

    start: int
    end: int
    name: str
    kind: str
    tail: str  # the complements as written, folded: what two names of one occasion share
    date: date | None
    location: str | None
    speech: bool  # its sentence reports speech
    event: int = -1
    organisation: bool = False  # the location is an organisation («в Службе …») or a region, not a town
    town: str | None = None  # the town the text gives around it when the phrase names no place


def default_nlp() -> ModuleType:
    from docstore.extract import nlp

    return nlp


def fold(s: str) -> str:
    return s.lower().replace("ё", "е")


class Analyser:
    """Morphology helpers over one nlp provider (``parses(word)``, ``entities``, ``sentences``)."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp

    def parses(self, word: str) -> Sequence[Any]:
        return self.nlp.parses(word.lower())

    def lemmas(self, word: str, pos: str | None = None) -> frozenset[str]:
        return _lemmas(self.nlp.parses, word, pos)

    def has(self, word: str, *grammemes: str) -> bool:
        return _has(self.nlp.parses, word, grammemes)

    def past_verbs(self, word: str) -> frozenset[str]:
        """Lemmas of the word's past-tense verb parses."""
        return _past_verbs(self.nlp.parses, word)


@lru_cache(maxsize=200_000)
def _lemmas(parses: Any, word: str, pos: str | None) -> frozenset[str]:
    return frozenset(fold(p.normal_form) for p in parses(word.lower()) if pos is None or p.tag.POS == pos)


@lru_cache(maxsize=200_000)
def _has(parses: Any, word: str, grammemes: tuple[str, ...]) -> bool:
    return any(all(g in p.tag for g in grammemes) for p in parses(word.lower()))


@lru_cache(maxsize=200_000)
def _past_verbs(parses: Any, word: str) -> frozenset[str]:
    return frozenset(fold(p.normal_form) for p in parses(word.lower()) if p.tag.POS == "VERB" and "past" in p.tag)


def tokens(text: str, start: int, end: int) -> list[Tok]:
    return [Tok(m.start() + start, m.end() + start, m.group()) for m in _TOKEN.finditer(text[start:end])]


def speech_regions(text: str) -> Spans:
    """Quoted speech (marked spans of four words or more) and dialogue-dash paragraphs."""
    from docstore.extract.marks import find_marked

    out = []
    for m in find_marked(text):
        s, e = m.inner
        if len(re.findall(r"\w+", text[s:e])) < 4:
            continue
        # a split quote «A, – сказал X. – B» holds its attribution: that part is not speech
        a = _ATTRIBUTION_START.search(text, s, e)
        b = _ATTRIBUTION_END.search(text, a.end(), e) if a else None
        if a and b:
            out.extend([(s, a.start() + 1), (b.end(), e)])
        else:
            out.append((s, e))
    pos = 0
    for line in text.split("\n"):
        stripped = line.lstrip()
        if stripped[:1] in DASHES:
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return Spans(out)


def inside(regions: Spans, s: int, e: int) -> bool:
    return regions.covers(s, e)


def inflect(p: Any, grammemes: set[str]) -> Any:
    """``p.inflect(grammemes)``, keeping the word's own stem: pymorphy3 inflects a suppletive
    superlative from its lemma («лучшем» → «наихороший»), so the form of the word's paradigm
    with its own beginning is taken then («лучший»)."""
    form = p.inflect(grammemes)
    stem = p.word[: 4 if len(p.word) > 4 else 3]
    if form is None or form.word.startswith(stem):
        return form
    return next((f for f in p.lexeme if grammemes <= f.tag.grammemes and f.word.startswith(stem)), form)


def cap_like(src: str, out: str) -> str:
    """Give ``out`` the capitalisation of ``src`` (part by part around hyphens), and no ё that src lacks."""
    if "ё" not in src.lower():
        out = out.replace("ё", "е")
    if src.isupper() and len(src) > 1:
        return out.upper()
    sp, op = src.split("-"), out.split("-")
    if len(sp) == len(op):
        return "-".join(o[:1].upper() + o[1:] if s[:1].isupper() else o for s, o in zip(sp, op))
    return out[:1].upper() + out[1:] if src[:1].isupper() else out
