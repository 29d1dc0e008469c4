"""Word lists that drive extraction: data, not code. Entries are lemmas (pymorphy3 normal forms)."""

from __future__ import annotations

import re

# Month names: full forms in every case, and the usual abbreviations («апр», «сент.»).
_MONTHS = [
    ("январ", "янв"), ("феврал", "фев"), ("март", "мар"), ("апрел", "апр"),
    ("ма", "мая"), ("июн", "июн"), ("июл", "июл"), ("август", "авг"),
    ("сентябр", "сен"), ("октябр", "окт"), ("ноябр", "ноя"), ("декабр", "дек"),
]
_MONTH_RE = [
    re.compile(rf"^(?:{full}(?:ь|я|е|ю|ем|ём|а|у|ом|й)?|{abbr}\w?)\.?$") for full, abbr in _MONTHS
]
_MONTH_RE[4] = re.compile(r"^ма(?:й|я|е|ю|ем|ем)$")


def month_number(word: str) -> int | None:
    """Month number of a Russian month name in any case or abbreviation, else None."""
    w = word.lower().replace("ё", "е")
    for n, rx in enumerate(_MONTH_RE, start=1):
        if rx.match(w):
            return n
    return None
