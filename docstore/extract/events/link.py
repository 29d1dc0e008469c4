"""Which occasion each quote was said at."""

from __future__ import annotations

import re
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
    paras: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        paras.append((pos, pos + len(line)))
        pos += len(line) + 1

    def para_of(p: int) -> tuple[int, int]:
        return next(((s, e) for s, e in paras if s <= p <= e), (0, len(text)))

    named = [m for m in mentions if m.event >= 0]
    starts = sorted(s for s, _ in quotes)
    out: list[int | None] = []
    for qs, qe in quotes:
        ps, pe = para_of(max(qs, qe - 1))
        nxt = next((s for s in starts if s >= qe), len(text))
        end = _SENTENCE_END.search(text, qe)
        attr_end = min(end.end() if end else len(text), pe, nxt)
        begin = max([m.end() for m in _SENTENCE_END.finditer(text, ps, qs)], default=ps)
        after = [m for m in named if qe <= m.start < attr_end]
        intro = [m for m in named if begin <= m.start and m.end <= qs]
        before = [m for m in named if ps <= m.start and m.end <= qs]
        later = [m for m in named if qe <= m.start <= pe]
        anywhere = [m for m in named if m.end <= qs]
        if after:
            out.append(min(after, key=lambda m: m.start).event)
        elif intro or before:
            out.append(max(intro or before, key=lambda m: m.end).event)
        elif later:
            out.append(min(later, key=lambda m: m.start).event)
        else:
            only = {m.event for m in named}
            out.append(max(anywhere, key=lambda m: m.end).event if anywhere else (only.pop() if len(only) == 1 else None))
    return out
