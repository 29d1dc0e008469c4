"""The dependency parse (natasha's slovnet parser) of the sentences the surface rules cannot read.

A speech verb's subject is the ``nsubj`` of its token, with the words that belong to that noun phrase
(``flat:name``, ``appos``, ``nmod``, ``amod`` …): «Санду отметила, что …», «Вирусолог Григорий Ломов,
не участвовавший в исследовании, предупредил …». Each sentence is parsed at most once per article.
"""

from __future__ import annotations

from docstore.extract import nlp
from docstore.extract.document import Doc
from docstore.extract.text import Token

# The dependents that stay inside a subject's noun phrase (a clause set off by commas does not).
_PHRASE = frozenset({"flat:name", "flat", "flat:foreign", "appos", "nmod", "amod", "det", "nummod", "compound",
                     "case", "fixed"})
_SUBJECT = frozenset({"nsubj", "nsubj:pass"})
_LONGEST = 80  # tokens: a sentence longer than that is a run-on page, not worth a parse


class Parses:
    """Parses of one article's sentences, made on demand and kept."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._by_unit: dict[int, tuple[list[Token], list[tuple[int, str]]]] = {}

    def _parse(self, pos: int) -> tuple[list[Token], list[tuple[int, str]]] | None:
        us, ue = self.doc.unit_of(pos)
        if us not in self._by_unit:
            toks = [t for t in self.doc.toks(us, ue)]
            if not toks or len(toks) > _LONGEST:
                self._by_unit[us] = ([], [])
            else:
                markup = nlp.syntax_parser()([t.text for t in toks])
                heads = [(int(t.head_id) - 1 if t.head_id not in ("0", 0) else -1, t.rel) for t in markup.tokens]
                self._by_unit[us] = (toks, heads)
        toks, heads = self._by_unit[us]
        return (toks, heads) if toks else None

    def subject(self, verb: Token) -> tuple[int, int] | None:
        """The offsets of the speech verb's subject phrase, if the parse gives it one."""
        parsed = self._parse(verb.start)
        if parsed is None:
            return None
        toks, heads = parsed
        vi = next((i for i, t in enumerate(toks) if t.start == verb.start), None)
        if vi is None:
            return None
        subj = next((i for i, (h, rel) in enumerate(heads) if h == vi and rel in _SUBJECT), None)
        if subj is None:
            return None
        phrase = {subj}
        grew = True
        while grew:  # the subject's own dependents, not a clause hung on it
            grew = False
            for i, (h, rel) in enumerate(heads):
                if i not in phrase and h in phrase and rel in _PHRASE and i < vi:
                    phrase.add(i)
                    grew = True
        # a contiguous run around the head only: «Ломов, не участвовавший в исследовании,» stops at the comma
        lo = hi = subj
        while lo - 1 in phrase and toks[lo - 1].text != ",":
            lo -= 1
        while hi + 1 in phrase and toks[hi + 1].text != ",":
            hi += 1
        return toks[lo].start, toks[hi].end
