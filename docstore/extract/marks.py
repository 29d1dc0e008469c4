"""Quotation marks: which marks pair up, across paragraphs and with nesting.

Russian news uses «ёлочки» with „лапки“ inside, English “…”, and straight "…".
A quotation that runs over several paragraphs either repeats « at the start of each
continuation paragraph or simply closes » in a later one.
"""

from __future__ import annotations

from dataclasses import dataclass

PAIRS = {"«": "»", "„": "“”", "“": "”", "\"": "\"", "‘": "’"}


@dataclass(frozen=True)
class Marked:
    """A top-level span in quotation marks: ``open``/``close`` are the marks' offsets."""

    open: int
    close: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


def _straight_opens(text: str, i: int) -> bool:
    """A straight " opens when it follows a space, a bracket or the start, and precedes a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{–—-:«„") and not after.isspace()


def _continues(text: str, nl: int, opener: str) -> tuple[bool, int | None]:
    """At a paragraph break inside an open quotation: does it go on in the next paragraph?

    Returns (continues, offset of a continuation mark to skip).
    """
    j = nl
    while j < len(text) and text[j].isspace():
        j += 1
    if j >= len(text):
        return False, None
    line_end = text.find("\n", j)
    line = text[j : line_end if line_end >= 0 else len(text)]
    closers = PAIRS.get(opener, "»")
    if line[0] == opener and opener != "\"":
        # «…\n«… : the continuation convention, unless the next paragraph is a quote of its own
        return True, j
    n_close = sum(line.count(c) for c in closers if c != opener) if opener != "\"" else line.count("\"")
    n_open = line.count(opener) if opener != "\"" else 0
    if opener == "\"":
        return n_close % 2 == 1, None
    return n_close > n_open, None


def find_marked(text: str) -> list[Marked]:
    """Top-level quoted spans of the text; unbalanced marks are dropped."""
    out: list[Marked] = []
    stack: list[tuple[str, int]] = []
    skip: set[int] = set()
    for i, ch in enumerate(text):
        if i in skip:
            continue
        if ch == "\n" and stack:
            cont, mark = _continues(text, i, stack[0][0])
            if not cont:
                stack.clear()
            elif mark is not None:
                skip.add(mark)
            continue
        top = stack[-1][0] if stack else None
        if top is not None and ch in PAIRS[top] and not (ch == "\"" and _straight_opens(text, i)):
            _, pos = stack.pop()
            if not stack:
                out.append(Marked(pos, i))
            continue
        if ch in PAIRS and (ch != "\"" or _straight_opens(text, i)):
            stack.append((ch, i))
    return out
