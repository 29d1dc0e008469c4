"""The article as the cue rules read it: text, tokens, sentence units, paragraphs, quotation marks and
entities, built once (``Doc``); what a rule finds (``Found``) and the words that name a speaker (``Ref``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from docstore.extract import lexicon as lx
from docstore.extract.marks import Marked
from docstore.extract.nlp import Entity, sentences
from docstore.extract.text import Spans, Token, paragraphs, strip_span, tokenize

OPINION_VERBS = frozenset({"уверить", "убедить"})  # their short participles: «уверен», «убеждена»


IMPERSONAL_VERBS = frozenset("говориться сообщаться отмечаться подчеркиваться утверждаться".split())


# Unions asked of many tokens, built once (the word-level caches key on them).
SAYING = lx.SPEECH_VERBS | IMPERSONAL_VERBS


CREDITING = lx.CONTENT_VERBS | IMPERSONAL_VERBS


CREDITING_SUCH = CREDITING | lx.VOICING_VERBS


ORG_OR_STATEMENT = lx.ORG_NOUNS | lx.STATEMENT_NOUNS


ORG_OR_TITLE = lx.ORG_NOUNS | lx.TITLE_NOUNS


ROLE_OR_ORG = lx.ROLE_NOUNS | lx.ORG_NOUNS


STATEMENT_WORDS = lx.STATEMENT_NOUNS | {"слово", "цитата", "реплика"}


CITING_VERBS = frozenset({"цитировать", "процитировать", "привести", "приводить"})


QUOTING = frozenset({"цитировать", "процитировать"})


NAMING_VERBS = frozenset({"назвать", "называть", "охарактеризовать"})


SAID_PARTICIPLES = frozenset({"сказать", "указать", "отметить", "подчеркнуть"})


END_PUNCT = ".!?…"


DASH_CLASS = r"–—‒―\-"


DASH_RE = f"[{DASH_CLASS}]"


MODIFIERS = frozenset(
    "главный генеральный бывший первый официальный новый старший ведущий исполнительный "
    "федеральный региональный верховный постоянный специальный полномочный".split()
)


@dataclass
class Ref:
    """The words that name a speaker: a name, a role noun phrase, a pronoun or an organisation."""

    kind: str  # name | role | pronoun | org
    start: int
    end: int
    text: str
    gender: str | None = None  # masc | femn | plur, from the pronoun or the verb
    person: Entity | None = None  # a name in apposition to a role («губернатор Вячеслав Гладков»)
    owner: bool = False  # the role belongs to a named person («пресс-секретарь Токаева»): someone else
    generic: bool = False  # «в сообщении», «в ведомстве»: the organisation the article named before


@dataclass
class Found:
    start: int
    end: int
    kind: str  # direct | indirect | partial
    verb: str | None
    ref: Ref | None
    pos: int  # where the attribution stands, for resolving pronouns in reading order
    dialogue: bool = False  # a reply set off by a dash: unattributed ones are the interviewee's
    unit: tuple[int, int] | None = None  # the sentence of the attribution


DASH_ATTR_RE = re.compile(rf"[,.!?…]\s+{DASH_RE}\s+[а-яё]")


_GLUED_SENTENCE = re.compile(
    r"(?<=[а-яё][.!?…][»\"”])(?=[А-ЯЁ][а-яё])"  # «…».Мэр
    r"|(?<=\w[»\"”][.!?…])(?=[«\"“„]?[А-ЯЁ][а-яё])"  # «…».Мэр, "Россия 1"."Эти праздники
    r"|(?<=[а-яё]{4}[.!?])(?=[А-ЯЁ][а-яё])"  # хорошо.Еще (not «ул.Ленина»)
    r"|(?<=[а-яё]{2}[.!?…])(?=[«\"„“][А-ЯЁ])"  # Хуснуллин.«Туда …»: a quotation glued to the full stop
)


class Doc:
    """The article text with its tokens, sentence units and entities, for the cue rules."""

    def __init__(self, text: str, marked: list[Marked], entities: list[Entity]):
        self.text = text
        self.marked = sorted(marked, key=lambda m: m.open)
        self.tokens = tokenize(text)
        self.starts = [t.start for t in self.tokens]
        self.entities = sorted(entities, key=lambda e: e.start)
        self.ent_at = {e.start: e for e in self.entities}
        self.units = self._units()

    def _units(self) -> list[tuple[int, int]]:
        """Sentences, merged so that no quotation in marks is cut apart."""
        units: list[tuple[int, int]] = []
        for ps, pe in paragraphs(self.text):
            for s, e in sentences(self.text[ps:pe]):
                # a page that glued sentences together: «…».Мэр Омска сказал — two sentences
                cuts = [m.end() for m in _GLUED_SENTENCE.finditer(self.text, ps + s, ps + e)]
                bounds = [ps + s, *cuts, ps + e]
                for us, ue in zip(bounds, bounds[1:]):
                    if units and self._wrapped(units[-1][1], us):
                        units[-1] = (units[-1][0], ue)  # «планирует в 2010\nгоду открыть …»: a hard-wrapped line
                    else:
                        units.append((us, ue))
        merged: list[tuple[int, int]] = []
        mi = 0
        for s, e in units:
            while mi < len(self.marked) and self.marked[mi].close < s:
                mi += 1
            if merged and mi < len(self.marked) and self.marked[mi].open < s <= self.marked[mi].close:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        return merged

    def _wrapped(self, end: int, start: int) -> bool:
        """A sentence a page broke with one line break, going on in lower case on the next line."""
        between = self.text[end:start]
        return between.count("\n") == 1 and not between.strip() and self.text[start : start + 1].islower() \
            and self.text[end - 1 : end].isalnum()

    @cached_property
    def _marks(self) -> Spans:
        return Spans(self.marked, lambda m: (m.open, m.close + 1))

    def marks_in(self, start: int, end: int) -> list[Marked]:
        """The quotations in marks that overlap [start, end) (open before ``end``, close at or after ``start``),
        in order of opening: a long article's thousands of marks are not read for each word."""
        return self._marks.overlapping(start, end)

    def in_marks(self, pos: int) -> bool:
        """Is ``pos`` strictly between the marks of a quotation?"""
        return any(m.open < pos < m.close for m in self.marks_in(pos, pos + 1))

    @cached_property
    def full_name_surnames(self) -> frozenset[str]:
        """The nominative surnames (folded) of the names the NER found in full: «Токаев» of «Касым-Жомарта Токаева»."""
        from docstore.extract.names import analyse_name, fold

        return frozenset(fold(analyse_name(e.text)[0].split()[-1])
                         for e in self.entities if e.type == "PER" and len(e.text.split()) > 1)

    @cached_property
    def first_speech(self) -> int:
        """Where the first speech verb stands (the text's length if none does)."""
        return next((t.start for t in self.tokens if t.is_word and speech_verb(t)), len(self.text))

    def unit_of(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._unit_starts, pos) - 1
        if i >= 0 and pos < self.units[i][1]:
            return self.units[i]
        return pos, pos

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        return paragraphs(self.text)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [s for s, _ in self.paragraphs]

    def paragraph_of(self, pos: int, slack: int = 0) -> tuple[int, int] | None:
        """The paragraph holding ``pos`` (or ending at most ``slack`` characters before it)."""
        i = bisect_right(self._paragraph_starts, pos) - 1
        if i >= 0 and pos < self.paragraphs[i][1] + slack:
            return self.paragraphs[i]
        return None

    @cached_property
    def _unit_starts(self) -> list[int]:
        return [s for s, _ in self.units]

    def toks(self, start: int, end: int) -> list[Token]:
        i = bisect_left(self.starts, start)
        j = bisect_left(self.starts, end)
        return self.tokens[i:j]

    @cached_property
    def _entity_starts(self) -> list[int]:
        return [e.start for e in self.entities]

    def entity_covering(self, pos: int) -> Entity | None:
        """The entity that holds ``pos``: the one starting last at or before it, found by bisection (the NER's
        spans do not overlap, and the surnames added to them are found outside them)."""
        i = bisect_right(self._entity_starts, pos) - 1
        return self.entities[i] if i >= 0 and pos < self.entities[i].end else None

    def entities_in(self, start: int, end: int) -> list[Entity]:
        """The entities starting in [start, end)."""
        return self.entities[bisect_left(self._entity_starts, start) : bisect_left(self._entity_starts, end)]

    def person_in(self, start: int, end: int) -> Entity | None:
        """The first name of a person the NER found starting in [start, end)."""
        return next((e for e in self.entities_in(start, end) if e.type == "PER"), None)

    def entity_from(self, pos: int) -> Entity | None:
        """The first entity starting at or after ``pos``."""
        i = bisect_left(self._entity_starts, pos)
        return self.entities[i] if i < len(self.entities) else None


def speech_verb(tok: Token, lemmas: frozenset[str] = lx.SPEECH_VERBS) -> str | None:
    """The lemma of a speech verb (finite, infinitive or adverbial participle), else None."""
    if not tok.is_word or tok.has_tag("VERB", "1per", "plur"):
        return None  # «Напомним, что …», «Добавим, что …»: the editor's voice, nobody's words
    for pos in ("VERB", "INFN", "GRND"):
        lemma = tok.lemma_with(lemmas, pos)
        if lemma:
            return lemma
    if not tok.has_tag("PRTS"):
        return None
    # short participles that report: «X уверен, что …», «…, убеждена она», «…, сказано в сообщении»
    if not OPINION_VERBS.isdisjoint(lemmas):
        lemma = tok.lemma_with(OPINION_VERBS, "PRTS")
        if lemma in lemmas:
            return lemma
    if not SAID_PARTICIPLES.isdisjoint(lemmas):
        lemma = tok.lemma_with(SAID_PARTICIPLES, "PRTS", "neut")
        if lemma in lemmas:
            return lemma
    return None


def _verb_gender(tok: Token) -> str | None:
    for pos in ("VERB", "PRTS"):
        if tok.has_tag(pos, "past", "femn"):
            return "femn"
        if tok.has_tag(pos, "masc") and not tok.has_tag(pos, "femn"):
            return "masc"
        if tok.has_tag(pos, "plur") and not tok.has_tag(pos, "sing"):
            return "plur"
    return None


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


TAG_VERBS = SAYING | lx.MANNER_VERBS


def _content_end(doc: Doc, start: int, end: int) -> int:
    s, e = strip_span(doc.text, start, end, " \t\n")
    while e > s and doc.text[e - 1] in END_PUNCT:
        e -= 1
    return e


def _acts(doc: Doc, ent: Entity) -> bool:
    """A named person with a verb of their own after the name, in the same sentence: «Касым-Жомарт Токаев
    обратился …», «Токаев после того, как проголосовал, высказался …» (not «водителю X.»)."""
    from docstore.extract.names import analyse_name

    if analyse_name(ent.text)[2] not in ("nomn", None):
        return False
    for n, t in enumerate(x for x in doc.toks(ent.end, min(len(doc.text), ent.end + 120)) if x.text not in ","):
        if t.text in ".!?;:" or n >= 8:
            return False
        if t.is_word and t.has_tag("VERB"):
            return True
    return False


# «МОСКВА, 16 мая. /ТАСС/.», «МИНСК, 12 марта (БелТА) -», «ИНТЕРФАКС -», «31 мая, Минск /Корр. БЕЛТА/.»
DATELINE_PREFIX = re.compile(
    r"(?:[А-ЯЁA-Z][А-ЯЁA-Z-]+(?:\s[А-ЯЁA-Z-]+)?,\s*)?(?:\d{1,2}\s+[а-яё]+\.?(?:\s+\d{4})?,?\s*)?"
    r"(?:[А-ЯЁA-Z][а-яё]+,?\s*)?(?:/[^/\n]{1,40}/\.?|\([^)\n]{1,30}\))?\s*[.–—-]+\s+(?=[А-ЯЁA-Z«\"])"
)
