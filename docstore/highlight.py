"""An article cut at its quotes' offsets, for every front end that highlights them (the terminal, the web)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple


class Piece(NamedTuple):
    text: str
    number: int | None = None  # the quote's number (1, 2 … in text order); None for the text between quotes
    quote: Mapping[str, Any] | None = None


def quote_pieces(text: str, quotes: Sequence[Mapping[str, Any]]) -> list[Piece]:
    """The text in pieces: each quote's span with its number, the text between them without.

    ``quotes`` are in text order, each with ``start`` and ``end`` into ``text``. A quote that
    starts inside the one before (nested or overlapping) is a piece with its number and no
    text: its words are shown once, in the quote around it.
    """
    pieces, pos = [], 0
    for n, q in enumerate(quotes, start=1):
        if q["start"] < pos:
            pieces.append(Piece("", n, q))
            continue
        if q["start"] > pos:
            pieces.append(Piece(text[pos : q["start"]]))
        pieces.append(Piece(text[q["start"] : q["end"]], n, q))
        pos = q["end"]
    if pos < len(text):
        pieces.append(Piece(text[pos:]))
    return pieces
