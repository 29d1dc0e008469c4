"""Search queries and snippets, whatever the database: parse what a user types, mark what matched.

Query syntax: words are ANDed; ``"…"`` is a phrase; ``OR`` (or ``|``) between two
parts matches either; ``-word`` or ``-"…"`` (or ``NOT word``) excludes. Every word
becomes its lemma term (``docstore.lemmas``), exactly as the index stores the text;
punctuation is never syntax, so no query is a syntax error — only a query with nothing
to look for is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docstore import lemmas
from docstore.errors import UserError

Phrase = tuple[str, ...]
MARK = "**"  # around matched words in plain-text snippets (json, jsonl, csv)

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


def _terms(text: str) -> Phrase:
    """Lemma terms of a piece of query text; runs of punctuation give none."""
    return tuple(t for t in lemmas.terms(text) if any(ch.isalnum() for ch in t))


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
        found = [_terms(phrase)] if phrase is not None else [(t,) for t in _terms(bare)]
        found = [p for p in found if p]
        if not found:
            continue
        if negate:
            excluded.extend(found)
        elif join_next:
            groups[-1].append(found[0])
            groups.extend([p] for p in found[1:])
        else:
            groups.extend([p] for p in found)
        join_next = negate_next = False
    if not groups:
        what = "only excluded words" if excluded else "no words"
        raise QueryError(f"nothing to search for in {text!r} ({what}); give at least one word to find")
    return Query(tuple(tuple(dict.fromkeys(g)) for g in groups), tuple(dict.fromkeys(excluded)))


def snippet(text: str, query: Query, width: int = 220) -> str:
    """The passage of ``text`` around its best match, matched words marked ``**like this**``.

    The index holds lemmas, so the passage is found here, on the original text: each
    word's term is compared with the query's. The best window holds the most distinct
    query terms, then the most matches.
    """
    wanted = query.terms
    words = list(lemmas.words(text))
    hits = [i for i, (_, _, term) in enumerate(words) if term in wanted]
    if not hits:
        start, end = 0, min(len(text), width)
        while end < len(text) and not text[end].isspace() and end - start < width + 30:
            end += 1
        return _clean(text[start:end]) + ("…" if end < len(text) else "")
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
    marked, pos = [], start
    for s, e, term in words[first : last + 1]:
        if term in wanted:
            marked += [text[pos:s], MARK, text[s:e], MARK]
            pos = e
    marked.append(text[pos:end])
    return ("…" if start > 0 else "") + _clean("".join(marked)) + ("…" if end < len(text.rstrip()) else "")


def _clean(passage: str) -> str:
    return " ".join(passage.split())
