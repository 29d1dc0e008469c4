"""Search queries and snippets, whatever the database: parse what a user types, mark what matched.

Query syntax: words are ANDed; ``"…"`` is a phrase; ``OR`` (or ``|``) between two
parts matches either; ``-word`` or ``-"…"`` (or ``NOT word``) excludes. Every word
becomes its lemma term (``docstore.lemmas``), exactly as the index stores the text;
punctuation is never syntax, so no query is a syntax error — only a query with nothing
to look for is refused.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from docstore import lemmas
from docstore.errors import UserError
from docstore.names import undo_endings

Phrase = tuple[str, ...]
MARK = "**"  # around matched words in plain-text snippets (json, jsonl, csv)
MAX_VARIANTS = 16  # phrase variants when its words have alternative terms
_SURNAME_NOMINATIVE = re.compile(r"\w{2,}(ов|ев|ин|ын)")

# A phrase (a missing closing quote runs to the end), or any run of other non-space characters.
_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')


class QueryError(UserError):
    """A query with nothing to look for."""


@dataclass(frozen=True)
class Query:
    groups: tuple[tuple[Phrase, ...], ...]  # all groups must match; any phrase of a group will do
    excluded: tuple[Phrase, ...] = ()

    @property
    def terms(self) -> frozenset[str]:
        """The terms a matching text may hold: the ones to highlight."""
        return frozenset(t for group in self.groups for phrase in group for t in phrase)


def alternatives(word: str) -> tuple[str, ...]:
    """The terms a query word may stand for in the index: its own, and a surname's other terms.

    pymorphy3 takes some surnames in the nominative for forms of a known word («Токаев»:
    genitive plural of «токай») while their other forms are unknown and stemmed
    («Токаева» → «токаев»): a word shaped like a surname looks for both.
    """
    w = lemmas.fold(word)
    found = [lemmas.term(word)]  # before folding: pymorphy3 reads «её» and «ее» differently
    nominatives = [p.normal_form for p in lemmas.morph().parse(w) if "Surn" in p.tag]
    if _SURNAME_NOMINATIVE.fullmatch(w):
        nominatives.append(w)
    nominatives += undo_endings(w, surnames_only=True)
    for n in nominatives:
        found += [lemmas.fold(n), lemmas.term(n)]
    return tuple(t for t in dict.fromkeys(found) if any(ch.isalnum() for ch in t))


def _words(text: str) -> list[tuple[str, ...]]:
    """Each word of a piece of query text with its alternative terms; punctuation gives none."""
    return [alts for m in lemmas.WORD.finditer(text) if (alts := alternatives(m.group()))]


def _variants(words: list[tuple[str, ...]]) -> list[Phrase]:
    """A phrase's readings, one per combination of its words' alternatives (the first, most likely, first)."""
    return list(itertools.islice(itertools.product(*words), MAX_VARIANTS)) if words else []


def parse(text: str) -> Query:
    """The query a user typed, as lemma terms: «полиции -реформа» → groups ((('полиция',),),), excluded (('реформа',),)."""
    groups: list[list[Phrase]] = []
    excluded: list[Phrase] = []
    join_next = negate_next = False
    for m in _PART.finditer(text):
        minus, phrase, bare = m.groups()
        if bare in ("OR", "|"):
            join_next = bool(groups)
            continue
        if bare in ("AND", "&"):
            continue
        if bare == "NOT":
            negate_next = True
            continue
        negate = negate_next or bool(minus)
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negate, bare = True, bare[1:]
        # Each part: one OR-group of phrase readings (a bare word with punctuation inside gives several).
        parts = [_variants(_words(phrase))] if phrase is not None else [[(t,) for t in w] for w in _words(bare)]
        parts = [p for p in parts if p]
        if not parts:
            continue
        if negate:
            excluded.extend(v for p in parts for v in p)
        elif join_next:
            groups[-1].extend(parts[0])
            groups.extend(parts[1:])
        else:
            groups.extend(parts)
        join_next = negate_next = False
    if not groups:
        what = "only excluded words" if excluded else "no words"
        raise QueryError(f"nothing to search for in {text!r} ({what}); give at least one word to find")
    return Query(tuple(tuple(dict.fromkeys(g)) for g in groups), tuple(dict.fromkeys(excluded)))


def snippet(text: str, query: Query, width: int = 220) -> str:
    """The passage of ``text`` around its best match, matched words marked ``**like this**``."""
    return "".join(f"{MARK}{piece}{MARK}" if matched else piece for piece, matched in passage(text, query, width))


def passage(text: str, query: Query, width: int = 220) -> list[tuple[str, bool]]:
    """The passage of ``text`` around its best match, as pieces: (text, whether it is a matched word).

    The index holds lemmas, so the passage is found here, on the original text: each
    word's term is compared with the query's. The best window holds the most distinct
    query terms, then the most matches. Runs of white space become one space; an
    ellipsis stands for text left out before or after.
    """
    wanted = query.terms
    words = list(lemmas.words(text))
    hits = [i for i, (_, _, term) in enumerate(words) if term in wanted]
    if not hits:
        start, end = 0, min(len(text), width)
        while end < len(text) and not text[end].isspace() and end - start < width + 30:
            end += 1
        return _clean([(text[start:end], False)], False, end < len(text))
    best, best_score = hits[0], (-1, -1)
    for i in hits:
        limit = words[i][0] + width
        inside = [words[j][2] for j in hits if words[i][0] <= words[j][0] and words[j][1] <= limit]
        score = (len(set(inside)), len(inside))
        if score > best_score:
            best, best_score = i, score
    # Start a few words before the best match, so it is read in context.
    first = best
    while first > 0 and words[best][0] - words[first - 1][0] <= width // 4:
        first -= 1
    start = 0 if first == 0 else words[first][0]
    end = start + width
    last = max((j for j, w in enumerate(words) if w[1] <= end), default=len(words) - 1)
    end = len(text) if last == len(words) - 1 else words[last][1]
    pieces, pos = [], start
    for s, e, term in words[first : last + 1]:
        if term in wanted:
            pieces += [(text[pos:s], False), (text[s:e], True)]
            pos = e
    pieces.append((text[pos:end], False))
    return _clean(pieces, start > 0, end < len(text.rstrip()))


def _clean(pieces: list[tuple[str, bool]], before: bool, after: bool) -> list[tuple[str, bool]]:
    """White space collapsed and trimmed at both ends, an ellipsis where text was left out; no empty piece."""
    out = [(re.sub(r"\s+", " ", piece), matched) for piece, matched in pieces]
    if out:
        out[0] = (out[0][0].lstrip(), out[0][1])
        out[-1] = (out[-1][0].rstrip(), out[-1][1])
    out = [("…", False)] * before + [p for p in out if p[0]] + [("…", False)] * after
    return out
