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
def _embedding() -> Any:
    """natasha's word embedding, shared by the NER and the syntax parser."""
    import os

    # One BLAS thread (unless the user set it): the NER's matrices are small, and OpenBLAS's
    # extra threads spin rather than help; with `load --jobs N` they fight the other workers
    # for the cores. It counts only when numpy is not imported yet, as in the load's workers.
    # (NER alone over the bench's articles: ~27 ms of CPU per article instead of ~65.)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from natasha import NewsEmbedding

    return NewsEmbedding()


@lru_cache(maxsize=1)
def syntax_parser() -> Any:
    """natasha's dependency parser (slovnet), loaded on first use: only sentences the rules cannot
    read are parsed."""
    from natasha import NewsSyntaxParser

    return NewsSyntaxParser(_embedding())


@lru_cache(maxsize=1)
def _ner() -> Any:
    from natasha import NewsNERTagger

    tagger = NewsNERTagger(_embedding())
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


@lru_cache(maxsize=1)
def _tag() -> Any:
    """text -> [(start, stop, type)]: what ``_ner()(text).spans`` gives, done with less glue.

    natasha's tagger turns the text into razdel tokens (a record each, offsets found again
    with str.find), the words into ids, runs slovnet's model and CRF, then makes records of
    the words, tags and spans again: ~15 % of the NER's time is that glue. Here razdel's
    token strings are taken as they come, ids are cached by word (the word's id and its
    shape's id depend on the word alone), and the spans are read off the tags with
    slovnet's own rules (``bio_spans``: the same offsets, types and order). If slovnet or
    razdel ever change shape, the tagger itself is used."""
    tagger = _ner()
    try:
        from razdel import tokenize as razdel_tokenize
        from slovnet.bio import parse_bio
        from slovnet.const import B, I, O
        from slovnet.shape import word_shape

        infer = tagger.infer
        encoder, model, labels = infer.encoder, infer.model, infer.decoder.tags_vocab.items
        crf, words_vocab, shapes_vocab = model.head.crf, encoder.words_vocab, encoder.shapes_vocab
        split, segment = razdel_tokenize.split, razdel_tokenize.segment
        if razdel_tokenize.post is not None:
            raise AttributeError("razdel's tokenizer post-processes its tokens")
    except (ImportError, AttributeError):
        return lambda text: [(s.start, s.stop, s.type) for s in tagger(text).spans]
    parts = [parse_bio(label) for label in labels]

    @lru_cache(maxsize=200_000)
    def ids(word: str) -> tuple[int, int]:
        return words_vocab.encode(word.lower()), shapes_vocab.encode(word_shape(word))

    def tag(text: str) -> list[tuple[int, int, str]]:
        words = list(segment(split(text)))
        pairs = [ids(w) for w in words]
        batch = encoder.input([([w for w, _ in pairs], [h for _, h in pairs])])
        tags = crf.decode(model(batch.word_id, batch.shape_id, batch.pad_mask), ~batch.pad_mask)[0]
        out, offset, previous, start, stop = [], 0, None, 0, 0
        for word, t in zip(words, tags.tolist()):
            s = text.find(word, offset)
            offset = e = s + len(word)
            part, kind = parts[t]
            if part == O:
                if previous:
                    out.append((start, stop, previous))
                    previous = None
            elif part == B:
                if previous:
                    out.append((start, stop, previous))
                previous, start, stop = kind, s, e
            elif part == I:
                stop = e
        if previous:
            out.append((start, stop, previous))
        return out

    return tag


def entities(text: str, offset: int = 0) -> list[Entity]:
    """Named entities of a piece of text, with offsets shifted by ``offset``.

    The tagger is called on the text itself: natasha's ``Doc.tag_ner`` does the same
    (slovnet tokenises the text on its own), and ``Doc.segment`` before it only fills
    tokens and sentences that nothing here reads, ~20 % of the NER's time."""
    if not text.strip():
        return []
    out = []
    for start, stop, kind in _tag()(text):
        if kind == "PER":
            stop -= _glued_tail(text[start:stop])
        out.append(Entity(start + offset, stop + offset, kind, text[start:stop]))
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
