"""Extraction never crashes, and every quote it finds is exactly where it says, on any text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docstore.extract import extract
from docstore.ingest import Article

PIECES = ["«", "»", "„", "“", "”", "\"", "'", "—", "–", "-", ":", ",", ".", "!", "?", "…", "\n", "\n\n", " ",
          "сказал", "заявил", "Иван Петров", "министр", "по его словам", "Токаев", "Путин", "Trump said",
          "Касым-Жомарт", "Ё", "ё", "\u0301", "\u200b", "\t", "日本", "🙂", "(", ")", "по", "её", "он", "она"]
_named = st.characters()
texts = st.one_of(
    st.text(alphabet=_named, max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet=_named, max_size=8)), max_size=60).map("".join),
)


def _check(text: str) -> None:
    result = extract(Article(text=text))
    for q in result.quotes:
        assert 0 <= q.start <= q.end <= len(text), (q.start, q.end, len(text))
        assert q.text == text[q.start : q.end]
    for sp in result.speakers:
        for s, e in sp.mentions:
            assert 0 <= s <= e <= len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extract_never_crashes_and_offsets_hold(text: str) -> None:
    _check(text)


ADVERSARIAL = {
    "unbalanced open": "«Мы справимся, — сказал министр Иван Петров.\n\nДальше текст.",
    "unbalanced close": "Мы справимся», — сказал министр Иван Петров.",
    "only closers": "»»» — сказал он. »",
    "long quote": "«" + "очень длинная цитата без конца " * 400 + "», — сказал министр Иван Петров.",
    "long unclosed": "«" + "слово " * 3000,
    "nested": "«Он сказал мне: „Не надо «так» делать“ и ушёл», — заявил Иван Петров.",
    "deep nesting": "«" * 50 + "текст" + "»" * 50 + ", — сказал он.",
    "empty paragraphs": "\n\n\n   \n\t\n«Да», — сказал он.\n\n\n",
    "only punctuation": "«»„“\"\"—–-:;,.!?…()[]{}" * 20,
    "mixed scripts": "«Hello мир 日本 🙂», — said Иван Petrov. Ақорда: «Біз жасаймыз», — деді Тоқаев.",
    "dialogue dashes": "— Да?\n— Нет, — сказал он.\n—\n— — —",
    "combining marks": "«Приве\u0301т», — сказа\u0301л Ива\u0301н Петро\u0301в.",
    "empty": "",
    "spaces": "   ",
    "crlf": "«Да»,\r\n— сказал он.\r\n",
    # found by hypothesis: the tagger took the full stop added to end its last span into a name
    "a name at the very end": "„)“Ё",
}


@pytest.mark.parametrize("text", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_adversarial_texts(text: str) -> None:
    _check(text)


@pytest.mark.parametrize("text", ["\U00017000", "«\U00017000», — сказал он."])
def test_a_letter_without_a_unicode_name(text: str) -> None:
    """pymorphy3 asks unicodedata for a letter's name; U+17000 (Tangut) has none."""
    _check(text)
