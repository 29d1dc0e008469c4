"""The one place that loads natasha and pymorphy3: once per process, on first use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


def morph() -> Any:
    """pymorphy3's analyser (its C-accelerated dictionary reader when installed), shared with the index."""
    from docstore.lemmas import morph as shared

    return shared()


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple[Any, ...]:
    """pymorphy3 parses of a word form; cached because news repeats its words."""
    try:
        return tuple(morph().parse(word))
    except ValueError:  # pymorphy3 asks unicodedata for names some letters lack (U+17000)
        return ()


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The most probable normal form, folded (lower case, ё→е)."""
    p = parses(word)
    return (p[0].normal_form if p else word.lower()).replace("ё", "е")


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> frozenset[str]:
    """Every normal form pymorphy3 admits for the word, folded."""
    return frozenset(p.normal_form.replace("ё", "е") for p in parses(word)) | {word.lower().replace("ё", "е")}


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    type: str  # PER | LOC | ORG
    text: str


@lru_cache(maxsize=1)
def _ner() -> Any:
    import os

    # One BLAS thread (unless the user set it): the NER's matrices are small, and OpenBLAS's
    # extra threads spin rather than help; with `load --jobs N` they fight the other workers
    # for the cores. It counts only when numpy is not imported yet, as in the load's workers.
    # (NER alone over the bench's articles: ~27 ms of CPU per article instead of ~65.)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from natasha import NewsEmbedding, NewsNERTagger

    tagger = NewsNERTagger(NewsEmbedding())
    crf = getattr(getattr(getattr(tagger, "infer", None), "model", None), "head", None)
    crf = getattr(crf, "crf", None)
    if crf is not None and callable(getattr(crf, "decode", None)) and hasattr(crf, "transitions"):
        crf.decode = _viterbi(crf.decode, crf.transitions.array)
    return tagger


def _viterbi(general: Any, transitions: Any) -> Any:
    """slovnet's CRF decoding for the one case ``entities`` asks it: one text, no padding.

    The same sums in the same order and the same first-maximum choices as slovnet's
    ``CRF.decode`` (so the same tags), with the batch and mask bookkeeping it does at every
    token left out: its loop of numpy calls per token was a quarter of the NER's time.
    Anything else goes to slovnet's own decode."""
    import numpy as np

    cols = np.arange(transitions.shape[1])

    def decode(emissions: Any, mask: Any) -> list[Any]:
        batch_size, seq_len, tags_num = emissions.shape
        if batch_size != 1 or seq_len < 1 or not mask.all():
            return general(emissions, mask)
        emissions = emissions[0]
        score = emissions[0]
        history = []
        for index in range(1, seq_len):
            step = score.reshape(tags_num, 1) + transitions + emissions[index]
            best = step.argmax(0)
            score = step[best, cols]
            history.append(best)
        best = score.argmax()
        tags = [best]
        for row in reversed(np.array(history).tolist() if history else []):
            best = row[best]
            tags.append(best)
        tags.reverse()
        return [np.array(tags)]

    return decode


def entities(text: str, offset: int = 0) -> list[Entity]:
    """Named entities of a piece of text, with offsets shifted by ``offset``.

    The tagger is called on the text itself: natasha's ``Doc.tag_ner`` does the same
    (slovnet tokenises the text on its own), and ``Doc.segment`` before it only fills
    tokens and sentences that nothing here reads, ~20 % of the NER's time."""
    if not text.strip():
        return []
    out = []
    for s in _ner()(text).spans:
        stop = s.stop - _glued_tail(text[s.start : s.stop]) if s.type == "PER" else s.stop
        out.append(Entity(s.start + offset, stop + offset, s.type, text[s.start : stop]))
    return out


_GLUED = re.compile(r"(?<=[а-яё])([А-ЯЁ][а-яё]+)$")


def _glued_tail(name: str) -> int:
    """Characters of a word a scraped page glued onto a name: «Касым-Жомарт ТокаевТакже» → 5
    («Также»), when the glued part is a word of the dictionary and no name."""
    m = _GLUED.search(name)
    if m is None:
        return 0
    p = parses(m[1].lower())
    known = p and getattr(p[0], "is_known", True) and not any(t in p[0].tag for t in ("Name", "Surn", "Patr", "Geox"))
    return len(m[1]) if known else 0


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries (start, end) by razdel, which knows Russian abbreviations."""
    from razdel import sentenize

    return [(s.start, s.stop) for s in sentenize(text)]
