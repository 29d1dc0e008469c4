"""Quotation marks: which marks pair up, across paragraphs and with nesting.

Russian news uses «ёлочки» with „лапки“ inside, English “…”, and straight "…"; a
scraped page may use one closing mark on both sides (”…”), which then pairs like "…".
A quotation that runs over several paragraphs either repeats « at the start of each
continuation paragraph or simply closes » in a later one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAIRS = {"«": "»", "„": "“”", "“": "”", "\"": "\"", "”": "”", "‘": "’"}
# Marks written the same on both sides: whether one opens depends on what stands around it.
SYMMETRIC = frozenset("\"”")


@dataclass(frozen=True)
class Marked:
    """A top-level span in quotation marks: ``open``/``close`` are the marks' offsets."""

    open: int
    close: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


def _straight_opens(text: str, i: int) -> bool:
    """A symmetric mark (" or ”) opens when it follows a space, a bracket or the start, and precedes a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{–—-:«„") and not after.isspace()


def _glued_open(text: str, i: int) -> bool:
    """«… "Россия 1"."Эти праздники …»: a page glued the next sentence, a quotation, to the full stop."""
    return 0 < i < len(text) - 1 and text[i - 1] in ".!?…" and text[i + 1].isupper()


def _continues(text: str, nl: int, opener: str, lookahead: int = 6) -> tuple[bool, int | None]:
    """At a paragraph break inside an open quotation: does it go on in a later paragraph?

    It does when the next paragraph opens with the same mark (the continuation
    convention), or when a later paragraph closes more marks than it opens before
    any paragraph opens a quotation of its own. Returns (continues, offset of a
    continuation mark to skip).
    """
    j = nl
    closers = PAIRS.get(opener, "»")
    for _ in range(lookahead):
        while j < len(text) and text[j].isspace():
            j += 1
        if j >= len(text):
            return False, None
        line_end = text.find("\n", j)
        line_end = len(text) if line_end < 0 else line_end
        line = text[j:line_end]
        if opener in SYMMETRIC:
            n = line.count(opener)
            if n % 2 == 1:
                return True, None
            if n:
                return False, None
        else:
            if line[0] == opener and j == _next_line_start(text, nl):
                return True, j
            n_close = sum(line.count(c) for c in closers if c != opener)
            n_open = line.count(opener)
            if n_close > n_open:
                return True, None
            if n_open or n_close:
                return False, None
        j = line_end
    return False, None


def _next_line_start(text: str, nl: int) -> int:
    j = nl
    while j < len(text) and text[j].isspace():
        j += 1
    return j


# The characters find_marked acts on (every opening and closing mark, and the paragraph
# break); any other character leaves its state as it is, so only these are visited.
_ACTIVE = re.compile("[" + re.escape("".join(PAIRS) + "".join(PAIRS.values())) + "\n]")


def find_marked(text: str) -> list[Marked]:
    """Top-level quoted spans of the text; unbalanced marks are dropped."""
    out: list[Marked] = []
    stack: list[tuple[str, int]] = []
    skip: set[int] = set()
    inner_close: int | None = None  # where the last quotation nested in the open one closed

    def shared_close() -> None:
        # «"… смысл "транзита", – ответил Токаев.»: one straight mark closed the inner quotation
        # and the outer one, which an attribution right after it shows
        if len(stack) == 1 and stack[0][0] in SYMMETRIC and inner_close is not None and inner_close > stack[0][1]:
            if _ATTRIBUTION.match(text, inner_close + 1):
                out.append(Marked(stack[0][1], inner_close))
        # «… солидарность“, — сказал он.»: a page closed « with an English mark, which an attribution
        # right after it shows; that mark, taken for an opening one, is the last left open
        elif len(stack) >= 2 and stack[0][0] == "«" and stack[-1][0] in "“”" and _ATTRIBUTION.match(text, stack[-1][1] + 1):
            out.append(Marked(stack[0][1], stack[-1][1]))

    for m in _ACTIVE.finditer(text):
        i, ch = m.start(), m.group()
        if i in skip:
            continue
        if ch == "\n" and stack:
            cont, mark = _continues(text, i, stack[0][0])
            if not cont:
                shared_close()
                stack.clear()
                inner_close = None
            elif mark is not None:
                skip.add(mark)
            continue
        top = stack[-1][0] if stack else None
        if top is not None and ch in PAIRS[top] and not (ch in SYMMETRIC and ch == top and _straight_opens(text, i)):
            _, pos = stack.pop()
            if not stack:
                out.append(Marked(pos, i))
                inner_close = None
            else:
                inner_close = i
            continue
        if ch in PAIRS and (ch not in SYMMETRIC or _straight_opens(text, i) or not stack and _glued_open(text, i)):
            stack.append((ch, i))
    if stack:
        shared_close()
    return sorted(out, key=lambda m: m.open)


# A dash attribution after a closing mark: «", – ответил Токаев», «" - сказал он».
_ATTRIBUTION = re.compile(r"[,.!?…]?\s*[–—-]+\s*[а-яё]")
