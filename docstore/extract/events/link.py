"""Which occasion each quote was said at."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from docstore.extract.events.common import EventMention

_SENTENCE_END = re.compile(r"[.!?…](?=\s+[«\"(–—-]?[A-ZА-ЯЁ0-9])|\n")


def link_quotes_to_events(
    text: str, quotes: Sequence[tuple[int, int]], mentions: Sequence[EventMention]
) -> list[int | None]:
    """For each quote (start, end), the index of the event it was said at, or None.

    When several occasions compete for a quote, the first of these wins:
    1. one named in the quote's own attribution sentence: after the quote, up to the end of
       its sentence («…», — сказал он на совещании.), else before it in the sentence that
       introduces it («Выступая на брифинге, министр сказал: «…»»);
    2. the nearest one named before the quote in the same paragraph;
    3. one named later in the same paragraph;
    4. the one named last before the quote anywhere;
    5. when nothing is named before it and the article names one occasion only, that one:
       an article about one occasion quotes what was said there.
    """
    paras = _Paragraphs(text)
    named = _Named([m for m in mentions if m.event >= 0])
    starts = sorted(s for s, _ in quotes)
    breaks = [m.start() for m in _SENTENCE_END.finditer(text)]
    only = {m.event for m in named.by_start}
    out: list[int | None] = []
    for qs, qe in quotes:
        ps, pe = paras.of(max(qs, qe - 1))
        k = bisect_left(starts, qe)
        nxt = starts[k] if k < len(starts) else len(text)
        end = _SENTENCE_END.search(text, qe)
        attr_end = min(end.end() if end else len(text), pe, nxt)
        begin = _sentence_begin(text, breaks, ps, qs)
        found = (
            named.first_from(qe, attr_end)
            or named.last_before(begin, qs)
            or named.last_before(ps, qs)
            or named.first_from(qe, pe + 1)
            or named.last_before(0, qs)
        )
        out.append(found.event if found else (next(iter(only)) if len(only) == 1 else None))
    return out


def _sentence_begin(text: str, breaks: list[int], ps: int, qs: int) -> int:
    """Where the sentence that introduces a quote at ``qs`` begins: after the last sentence end
    in [ps, qs) that is one with the text cut at ``qs`` (what follows the quote's start unseen)."""
    k = bisect_left(breaks, qs) - 1
    while k >= 0 and breaks[k] >= ps:
        m = _SENTENCE_END.match(text, breaks[k], qs)
        if m:
            return m.end()
        k -= 1
    return ps


class _Paragraphs:
    def __init__(self, text: str) -> None:
        self.spans: list[tuple[int, int]] = []
        pos = 0
        for line in text.split("\n"):
            self.spans.append((pos, pos + len(line)))
            pos += len(line) + 1
        self.starts = [s for s, _ in self.spans]
        self.size = len(text)

    def of(self, p: int) -> tuple[int, int]:
        """The first paragraph holding ``p`` (its end included, as the line break after it)."""
        k = bisect_left(self.starts, p)
        for s, e in self.spans[max(0, k - 1) : k + 1]:
            if s <= p <= e:
                return s, e
        return 0, self.size


class _Named:
    """The mentions of kept events, found by position in logarithmic time; ties go to the
    mention named first, as a scan in the text's order would."""

    def __init__(self, named: list[EventMention]) -> None:
        order = list(enumerate(named))
        self.by_start = [m for _, m in sorted(order, key=lambda x: (x[1].start, x[0]))]
        self.starts = [m.start for m in self.by_start]
        self.by_end = [m for _, m in sorted(order, key=lambda x: (x[1].end, -x[0]))]
        self.ends = [m.end for m in self.by_end]

    def first_from(self, lo: int, hi: int) -> EventMention | None:
        """The one starting first in [lo, hi)."""
        k = bisect_left(self.starts, lo)
        return self.by_start[k] if k < len(self.starts) and self.starts[k] < hi else None

    def last_before(self, lo: int, hi: int) -> EventMention | None:
        """The one ending last at or before ``hi`` among those starting at or after ``lo``."""
        k = bisect_right(self.ends, hi) - 1
        while k >= 0 and self.ends[k] >= lo:
            if self.by_end[k].start >= lo:
                return self.by_end[k]
            k -= 1
        return None
