"""The extractor's fast paths give what the slow ones they replace give.

nlp.entities reads the NER model's tags itself instead of through natasha's records, with
its own CRF decoding for one text; find_marked visits only the characters that can change
its state. These pin them to the library code and the character-by-character loop.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docstore.config import seeds_dir
from docstore.extract import marks, nlp
from docstore.extract.text import Token, tokenize


def _texts() -> list[str]:
    out = []
    for path in sorted(seeds_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append(text)
        out += [line for line in text.split("\n") if line.strip()]
        out += [text[i : i + 300] for i in range(0, len(text), 250)]  # cuts mid-word, mid-name
    return out + ["", " \n ", "—", "«»", "Путин.", "  Иван  Петров  ", "ООО «Ромашка» и ПАО «Газпром»"]


def test_ner_spans_are_natashas(monkeypatch: pytest.MonkeyPatch) -> None:
    tagger = nlp._ner()
    texts = [t for t in _texts() if t.strip()]
    ours = [nlp._tag()(t) for t in texts]
    monkeypatch.delattr(tagger.infer.model.head.crf, "decode")  # slovnet's own decoding again
    theirs = [[(s.start, s.stop, s.type) for s in tagger(t).spans] for t in texts]  # what Doc.tag_ner reads
    assert ours == theirs
    assert any(ours)


def test_entities_shift_by_offset() -> None:
    text = "Губернатор Вячеслав Гладков сообщил об этом в Белгороде."
    assert [(e.start - 100, e.end - 100, e.text) for e in nlp.entities(text, 100)] == [
        (e.start, e.end, e.text) for e in nlp.entities(text)
    ]


def test_viterbi_is_slovnets_decode() -> None:
    crf = nlp._ner().infer.model.head.crf
    general = type(crf).decode.__get__(crf)
    fast = nlp._viterbi(general, crf.transitions.array)
    rng = np.random.default_rng(7)
    tags = crf.transitions.array.shape[0]
    for length in (1, 2, 3, 17, 200):
        for scale in (1.0, 0.0):  # 0.0: integer emissions, so ties decide
            emissions = rng.normal(size=(1, length, tags)).astype(np.float32)
            if scale == 0.0:
                emissions = np.round(emissions).astype(np.float32)
            mask = np.ones((1, length), dtype=bool)
            ours, theirs = fast(emissions, mask), general(emissions, mask)
            assert len(ours) == len(theirs) == 1
            assert ours[0].tolist() == theirs[0].tolist()
    # a padded batch is slovnet's own business
    emissions = rng.normal(size=(2, 5, tags)).astype(np.float32)
    mask = np.array([[True] * 5, [True] * 3 + [False] * 2])
    assert [x.tolist() for x in fast(emissions, mask)] == [x.tolist() for x in general(emissions, mask)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab «»„“”\"‘’\n -(:", max_size=60))
def test_find_marked_skips_only_idle_characters(text: str) -> None:
    fast = marks.find_marked(text)
    every = re.compile(r"(?s).")  # visit every character, as the loop did
    original, marks._ACTIVE = marks._ACTIVE, every
    try:
        assert marks.find_marked(text) == fast
    finally:
        marks._ACTIVE = original


def test_tokens_compare_by_value() -> None:
    a, b = tokenize("Иван сказал, что"), tokenize("Иван сказал, что")
    assert a == b and [hash(x) for x in a] == [hash(x) for x in b]
    assert a[0] == Token(0, 4, "Иван") and a[0] != Token(0, 4, "иван")
    assert [t.is_word for t in a] == [True, True, False, True]
    assert a[0].low == "иван" and a[1].lemma == "сказать"
    whole = tokenize("Иван сказал")
    assert whole is not tokenize("Иван сказал")  # a fresh list each time: callers may change it
