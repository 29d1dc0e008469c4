"""Occasions named in an article: «на расширенном заседании коллегии МВД 17 апреля в Нур-Султане».

An event mention is an event noun from the lexicon (заседание, встреча, пресс-конференция …) that
the sentence puts forward as an occasion: after «на/в/после/в ходе/во время …», as the object of
«провёл/дал», or after «выступил/поздравил с …». Its phrase is the head noun with its agreeing
adjectives (put into the nominative) and its complements as written (genitive chain,
«по случаю …», «с …», «к …», a name in quotation marks). Mentions inside quoted speech, of
occasions still to come, or of cancelled ones are not events.

Merge rule (one occasion named twice in an article is one event): mentions merge when they
have the same kind (head lemma), or the same non-empty complement («мероприятие по случаю
30-летия» / «собрание по случаю 30-летия»), unless both carry different dates or places. A bare
«выступление/доклад» is the speech given at the occasion already named, and a bare generic
«мероприятие» another name for it: both fold into a neighbouring event when there is one. The
merged event is named by its best mention: one whose sentence has a speech verb, then a specific
head, then the longer name.

Occasions named by a verb: when the article names no occasion by a noun, a verb of the lexicon's
table (``EVENT_VERB_NOUNS``) in the headline or lead names one with its complement, as the noun:
«Губернатор обратился к жителям края» → «обращение к жителям края», «выступил перед студентами» →
«выступление перед студентами», «посетил Японию» → «визит в Японию». Only a perfective verb in the
past, not negated («не встретился»), not conditional («выступил бы»), not cancelled, not in quoted
speech or after «мы/я» (the speaker's words), and only with the complement the verb needs
(«обратился в суд» and «выступил против» name no occasion).
Its date is a day-precise date in the same sentence; failing that, when the article has a
publication date (from its header or a page's date stamp) and the text gives no date at all, the
publication date: a past-tense verb in a headline or lead reports what happened on the day it was
reported. Anywhere else a date the text does not give stays empty.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from types import ModuleType
from typing import Any

from docstore.extract import lexicon as lx
from docstore.extract.dates import DateMention, find_dates
from docstore.extract.extraction import Event

_TOKEN = re.compile(r"\w+(?:[-‐]\w+)*|[^\w\s]")
_MAX_TAIL = 12  # words in the complements of one event phrase
_DASHES = "–—-‒―"
_CLAUSE_BREAK = re.compile(
    r",\s*(?:что|чтобы|когда|который|которая|которое|которые|которых|которым|где|поскольку|хотя|однако|но)\b|:\s|;",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^\s*(?:(?P<city>[A-ZА-ЯЁ][\w-]*(?: [A-ZА-ЯЁ][\w-]*)?)[,.]\s*\d{1,2}\s+[а-яё]+"
    r"|\d{1,2}\s+[а-яё]+,\s*(?P<city2>[A-ZА-ЯЁ][\w-]*(?: [A-ZА-ЯЁ][\w-]*)?)\s*[/(–—-])",
    re.MULTILINE,
)
# A lead that opens with its place, after a dateline or a date: «В Калининграде завершился …»,
# «9 декабря в Чебоксарах состоялся …».
_LEAD_PLACE = re.compile(
    r"\s*(?:[A-ZА-ЯЁ][A-ZА-ЯЁ -]+,[^.]{0,40}?[.)/–—-]\s*(?:/[^/]{1,40}/\.?\s*[–—-]?\s*)?)?"
    r"(?:(?:\d{1,2}\s+[а-яё]+(?:\s+\d{4}\s*(?:года|г\.)?)?\s+(?=во?\s))?)(?:В|Во|(?<=\s)в|(?<=\s)во)\s+"
)
# A relative clause of holding right after an occasion: «, который прошёл 6 апреля в Вологде».
_HELD_CLAUSE = re.compile(r",\s*(?:который|которая|которое|которые)\s+(\w+)", re.IGNORECASE)
_ATTRIBUTION_START = re.compile(r"[,.!?…]\s*[–—-]\s+(?=[а-яё])")
_ATTRIBUTION_END = re.compile(r"[.,:]\s+[–—-]\s+")
_HEARING = "hearing"  # head_at's kind for a court article's «в прениях», «в суде»: the hearing
_NAMED_REGION = re.compile(r"(?<![\w-])([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\s+([а-яё]+)(?![\w-])")
_APRO_DROP = frozenset("свой его её ее их этот тот данный весь наш ваш мой твой".split())


class _Tok:
    """A token; equal to another with the same offsets and text. Slots and an eager ``word``
    rather than a frozen dataclass: the finder makes one per token of every sentence and
    reads ``word`` again and again."""

    __slots__ = ("start", "end", "text", "word")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text = start, end, text
        self.word = text[0].isalnum()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not _Tok:
            return NotImplemented
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"_Tok(start={self.start!r}, end={self.end!r}, text={self.text!r})"


@dataclass(frozen=True)
class EventMention:
    """One place where the text names an occasion; ``event`` indexes the merged events."""

    start: int
    end: int
    name: str
    kind: str
    tail: str  # the complements as written, folded: what two names of one occasion share
    date: date | None
    location: str | None
    speech: bool  # its sentence reports speech
    event: int = -1
    organisation: bool = False  # the location is an organisation («в Службе …») or a region, not a town
    town: str | None = None  # the town the text gives around it when the phrase names no place


def _default_nlp() -> ModuleType:
    from docstore.extract import nlp

    return nlp


def _fold(s: str) -> str:
    return s.lower().replace("ё", "е")


class _Analyser:
    """Morphology helpers over one nlp provider (``parses(word)``, ``entities``, ``sentences``)."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp

    def parses(self, word: str) -> Sequence[Any]:
        return self.nlp.parses(word.lower())

    def lemmas(self, word: str, pos: str | None = None) -> frozenset[str]:
        return _lemmas(self.nlp.parses, word, pos)

    def has(self, word: str, *grammemes: str) -> bool:
        return _has(self.nlp.parses, word, grammemes)

    def past_verbs(self, word: str) -> frozenset[str]:
        """Lemmas of the word's past-tense verb parses."""
        return _past_verbs(self.nlp.parses, word)


# Cached by word form (and the provider's parses): the finder asks these of every token, and
# reading a pymorphy3 tag's part of speech is slow.
@lru_cache(maxsize=200_000)
def _lemmas(parses: Any, word: str, pos: str | None) -> frozenset[str]:
    return frozenset(_fold(p.normal_form) for p in parses(word.lower()) if pos is None or p.tag.POS == pos)


@lru_cache(maxsize=200_000)
def _has(parses: Any, word: str, grammemes: tuple[str, ...]) -> bool:
    return any(all(g in p.tag for g in grammemes) for p in parses(word.lower()))


@lru_cache(maxsize=200_000)
def _past_verbs(parses: Any, word: str) -> frozenset[str]:
    return frozenset(_fold(p.normal_form) for p in parses(word.lower()) if p.tag.POS == "VERB" and "past" in p.tag)


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    return [_Tok(m.start() + start, m.end() + start, m.group()) for m in _TOKEN.finditer(text[start:end])]


def _speech_regions(text: str) -> list[tuple[int, int]]:
    """Quoted speech (marked spans of four words or more) and dialogue-dash paragraphs."""
    from docstore.extract.marks import find_marked

    out = []
    for m in find_marked(text):
        s, e = m.inner
        if len(re.findall(r"\w+", text[s:e])) < 4:
            continue
        # a split quote «A, – сказал X. – B» holds its attribution: that part is not speech
        a = _ATTRIBUTION_START.search(text, s, e)
        b = _ATTRIBUTION_END.search(text, a.end(), e) if a else None
        if a and b:
            out.extend([(s, a.start() + 1), (b.end(), e)])
        else:
            out.append((s, e))
    pos = 0
    for line in text.split("\n"):
        stripped = line.lstrip()
        if stripped[:1] in _DASHES:
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _inside(regions: Sequence[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in regions)


def _inflect(p: Any, grammemes: set[str]) -> Any:
    """``p.inflect(grammemes)``, keeping the word's own stem: pymorphy3 inflects a suppletive
    superlative from its lemma («лучшем» → «наихороший»), so the form of the word's paradigm
    with its own beginning is taken then («лучший»)."""
    form = p.inflect(grammemes)
    stem = p.word[: 4 if len(p.word) > 4 else 3]
    if form is None or form.word.startswith(stem):
        return form
    return next((f for f in p.lexeme if grammemes <= f.tag.grammemes and f.word.startswith(stem)), form)


def _cap_like(src: str, out: str) -> str:
    """Give ``out`` the capitalisation of ``src`` (part by part around hyphens), and no ё that src lacks."""
    if "ё" not in src.lower():
        out = out.replace("ё", "е")
    if src.isupper() and len(src) > 1:
        return out.upper()
    sp, op = src.split("-"), out.split("-")
    if len(sp) == len(op):
        return "-".join(o[:1].upper() + o[1:] if s[:1].isupper() else o for s, o in zip(sp, op))
    return out[:1].upper() + out[1:] if src[:1].isupper() else out


class _Finder:
    def __init__(self, text: str, published: datetime | date | None, nlp: Any) -> None:
        self.text = text
        self.ref = published.date() if isinstance(published, datetime) else published
        self.an = _Analyser(nlp)
        self.nlp = nlp
        self.speech = _speech_regions(text)
        self.dates = find_dates(text, published)
        self.sentences = nlp.sentences(text)
        self._ents: dict[tuple[int, int], list[Any]] = {}
        self._seen: set[str] | None = None
        self._lead_end: int | None = None
        self.court = bool(lx.COURT_WORDS.search(text))

    # --- context ---------------------------------------------------------------------------
    def sentence_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.sentences:
            if s <= pos < e:
                return s, e
        return pos, pos

    def clause_of(self, s: int, e: int) -> tuple[int, int]:
        """The part of the sentence around [s, e) between subordinate-clause breaks; a relative
        clause of holding right after the phrase belongs to it."""
        ss, se = self.sentence_of(s)
        lo, hi = ss, se
        for m in _CLAUSE_BREAK.finditer(self.text, ss, se):
            if m.end() <= s:
                lo = m.end()
            elif m.start() >= e:
                held = _HELD_CLAUSE.match(self.text, m.start())
                if m.start() == e and held and self.held_verb(_tokens(self.text, held.start(1), held.end(1))[0]):
                    continue  # «в матче, который прошёл 6 апреля в Вологде»: the occasion's own day and place
                hi = m.start()
                break
        return lo, hi

    def entities(self, sent: tuple[int, int]) -> list[Any]:
        if sent not in self._ents:
            self._ents[sent] = self.nlp.entities(self.text[sent[0] : sent[1]], sent[0])
        return self._ents[sent]

    def outside_speech(self, toks: list[_Tok]) -> list[_Tok]:
        return [t for t in toks if not _inside(self.speech, t.start, t.end)]

    def reports_speech(self, toks: list[_Tok]) -> bool:
        return any(t.word and self.an.lemmas(t.text, "VERB") & lx.SPEECH_VERBS for t in toks)

    def happened(self, toks: list[_Tok]) -> bool:
        """Something was said or done in the clause, and nothing says the occasion is yet to come."""
        done = False
        for n, t in enumerate(toks):
            if not t.word:
                continue
            parses = self.an.parses(t.text)
            for p in parses:
                nf = _fold(p.normal_form)
                if nf in lx.EVENT_FUTURE_VERBS and (
                    ("futr" in p.tag and p.tag.POS == "VERB") or ("pres" in p.tag and p.tag.POS == "VERB")
                    or p.tag.POS == "PRTS"
                ):
                    return False
            top = parses[0] if parses else None
            if top is not None and _fold(top.normal_form) == "быть" and "futr" in top.tag:
                return False
            if top is not None and (
                (top.tag.POS in ("VERB", "GRND") and ("past" in top.tag or top.tag.POS == "GRND"))
                or (top.tag.POS == "VERB" and _fold(top.normal_form) in lx.SPEECH_VERBS)
                or (top.tag.POS == "PRTS" and "past" in top.tag)
            ):
                done = True
        return done

    def titled(self, toks: list[_Tok], kind: str, start: int) -> bool:
        """«ЦСКА – ХК Сочи. Послематчевая пресс-конференция»: an occasion of questions and answers named
        with no verb in the headline or the lead — the page is its transcript."""
        if kind not in lx.TRANSCRIPT_EVENT_NOUNS or start > self.lead_end():
            return False
        return not any(t.word and (parses := self.an.parses(t.text)) and parses[0].tag.POS in ("VERB", "INFN")
                       for t in toks)  # (the likeliest reading: «Сочи» is no imperative)

    def lead_end(self) -> int:
        """Where the third paragraph ends (the headline and the lead); found once."""
        if self._lead_end is None:
            ends = [m.start() for m in re.finditer(r"\n\s*\n|\n", self.text)]
            self._lead_end = ends[2] if len(ends) > 2 else len(self.text)
        return self._lead_end

    def cancelled(self, toks: list[_Tok]) -> bool:
        """«встречу отменили», «так и не состоялась»."""
        for n, t in enumerate(toks):
            if not t.word:
                continue
            if _fold(t.text) == "не" and n + 1 < len(toks) and self.held_verb(toks[n + 1]):
                return True
            if any(
                _fold(p.normal_form) in lx.EVENT_CANCEL_VERBS and p.tag.POS in ("VERB", "INFN", "PRTS", "PRTF")
                for p in self.an.parses(t.text)
            ):
                return True
        return False

    # --- phrase ----------------------------------------------------------------------------
    def head_at(self, toks: list[_Tok], i: int) -> tuple[str, int] | None:
        """The event kind if toks[i] is an event head noun, with the index of a two-word phrase's first word."""
        t = toks[i]
        if not t.word or not t.text[0].isalpha():
            return None
        nouns = self.an.lemmas(t.text, "NOUN")
        if not nouns:
            return None  # no noun reading: nothing below can match
        if i > 0 and toks[i - 1].word:
            adj = self.an.lemmas(toks[i - 1].text, "ADJF")
            for (a, n), kind in lx.EVENT_PHRASES.items():
                if a in adj and n in nouns:
                    return kind, i - 1
            if self.court and any(a in adj and n in nouns for a, n in lx.COURT_HEARING_PHRASES):
                return _HEARING, i - 1
        if self.court and nouns & lx.COURT_HEARING_NOUNS:
            return _HEARING, i
        hits = nouns & lx.EVENT_NOUNS
        if not hits:
            # a compound of an event noun: «семинар-совещание», «онлайн-конференция», «пресс-подход»
            hits = {n for n in nouns if "-" in n and set(n.split("-")) & lx.EVENT_NOUNS}
        if not hits:
            return None
        return sorted(hits)[0], i

    def case_of_head(self, word: str, kind: str, cases: Sequence[str]) -> Any | None:
        bases = {kind.split()[-1]}
        if kind == _HEARING:  # «в прениях», «в последнем слове», «в суде»: only where something is said
            bases = set(lx.COURT_HEARING_NOUNS) | {n for _, n in lx.COURT_HEARING_PHRASES}
            cases = [c for c in cases if c in ("loct", "loc2")]
        for p in self.an.parses(word):
            if p.tag.POS == "NOUN" and _fold(p.normal_form) in bases and p.tag.case in cases:
                return p
        return None

    def trigger(self, toks: list[_Tok], first: int) -> tuple[str, ...] | None:
        """Cases the head may take, given the words before the phrase; None when nothing introduces it."""
        j = first - 1
        if j < 0:
            return None
        w = _fold(toks[j].text)
        w2 = _fold(toks[j - 1].text) if j >= 1 else ""
        if (w2, w) in lx.EVENT_PREPOSITIONS_2:
            return ("gent",)
        if w in ("на", "в", "во"):
            return ("loct", "loc2")
        if w == "после":
            return ("gent",)
        if w in ("с", "со"):
            for k in range(j - 1, max(-1, j - 6), -1):
                if not toks[k].word:
                    break
                if self.an.lemmas(toks[k].text, "VERB") & lx.EVENT_WITH_VERBS or self.an.lemmas(
                    toks[k].text, "INFN"
                ) & lx.EVENT_WITH_VERBS:
                    return ("ablt",)
            return None
        if toks[j].word and (self.an.lemmas(toks[j].text, "VERB") | self.an.lemmas(toks[j].text, "INFN")) & (
            lx.EVENT_OBJECT_VERBS
        ):
            return ("accs",)
        if toks[j].word and self.held_verb(toks[j]):
            return ("nomn",)
        return None

    def held_verb(self, t: _Tok) -> bool:
        return t.word and bool(self.an.past_verbs(t.text) & lx.EVENT_HELD_VERBS)

    def adjectives_before(self, toks: list[_Tok], i: int, head: Any) -> int:
        """Index of the first agreeing adjective before toks[i] (i itself if none)."""
        k = i
        while k - 1 >= 0 and toks[k - 1].word:
            agree = False
            for p in self.an.parses(toks[k - 1].text):
                if p.tag.POS in ("ADJF", "PRTF") and p.tag.case == head.tag.case and (
                    p.tag.number == head.tag.number
                    and (head.tag.number == "plur" or p.tag.gender in (head.tag.gender, None))
                ):
                    agree = True
                    break
            if not agree:
                break
            k -= 1
        return k

    def np_in_case(self, toks: list[_Tok], k: int, case: str, stop: int) -> int:
        """End index of a noun phrase in ``case`` starting at toks[k] (k if none)."""
        if k < len(toks) and toks[k].text in "«\"„“":
            close = {"«": "»", "„": "“", "“": "”", '"': '"'}[toks[k].text]
            for m in range(k + 1, min(len(toks), k + 10)):
                if toks[m].text in (close, "»", "”", "“", '"'):
                    return m + 1
            return k
        m = k
        while m < len(toks) and m < stop and toks[m].word and not self.is_stop_word(toks[m]):
            if self.is_name_like(toks[m]):
                m += 1
                break
            ok = any(
                p.tag.case == case and p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR", "NPRO")
                for p in self.an.parses(toks[m].text)
            ) or toks[m].text[0].isdigit() and "-" in toks[m].text
            if not ok:
                break
            m += 1
            # a noun ends the phrase in this case; what follows may be its genitive
            if any(p.tag.POS == "NOUN" and p.tag.case == case for p in self.an.parses(toks[m - 1].text)) and not any(
                p.tag.POS in ("ADJF", "PRTF") and p.tag.case == case for p in self.an.parses(toks[m - 1].text)
            ):
                break
        return m

    @staticmethod
    def is_name_like(t: _Tok) -> bool:
        """A token that declension cannot place: digits or Latin in it («360тв», «Reuters»)."""
        return bool(re.search(r"\d", t.text) and re.search(r"[^\W\d]", t.text) and "-" not in t.text) or bool(
            re.search(r"[A-Za-z]", t.text)
        )

    def is_stop_word(self, t: _Tok) -> bool:
        if not t.word:
            return True
        if t.text[0].isupper() and self.person_token(t):
            return True
        return any(p.tag.POS in ("VERB", "INFN", "GRND", "PRTS", "PREP", "CONJ", "ADVB") for p in self.an.parses(t.text)[:1])

    def person_token(self, t: _Tok) -> bool:
        parses = self.an.parses(t.text)
        sent = self.sentence_of(t.start)
        types = {e.type for e in self.entities(sent) if e.start <= t.start < e.end}
        if "PER" in types:
            # NER also tags bodies («Мажилиса») as persons: believe it unless the word is a singular genitive noun
            return not any(p.tag.case == "gent" and p.tag.number == "sing" and "anim" not in p.tag for p in parses)
        if types:
            return False
        return any(("Surn" in p.tag or "Name" in p.tag or "Patr" in p.tag) and p.tag.case == "nomn" for p in parses)

    def genitive_chain(self, toks: list[_Tok], k: int, stop: int) -> int:
        m = k
        while m < stop:
            if toks[m].text in "«\"„“":
                e = self.np_in_case(toks, m, "gent", stop)
                if e > m:
                    m = e
                break  # a name in quotation marks ends the phrase
            if self.is_stop_word(toks[m]):
                break
            parses = self.an.parses(toks[m].text)
            gent = sum(p.score for p in parses if p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR"))
            nomn = sum(p.score for p in parses if p.tag.case == "nomn")
            after_adj = m > k and any(
                p.tag.case == "gent" and p.tag.POS in ("ADJF", "PRTF") for p in self.an.parses(toks[m - 1].text)[:2]
            )
            ok = (gent > 0 and (gent >= nomn or after_adj)) or (toks[m].text[0].isdigit() and "-" in toks[m].text)
            if ok and nomn > 0 and m + 1 < len(toks) and toks[m + 1].word:
                nxt = self.an.parses(toks[m + 1].text)
                if nxt and nxt[0].tag.POS == "VERB" and any(
                    p.tag.number == nxt[0].tag.number for p in parses if p.tag.case == "nomn"
                ):
                    ok = False  # «… стороны подписали»: the subject of the next verb (not «Астаны прокомментировал»)
            if m > k and self.place_name_after(toks, m):
                m += 1  # «поселка Мелехово», «Республики Казахстан»: the name ends the chain
                break
            if not ok:
                break
            m += 1
        return m

    def body_before(self, pos: int, ss: int, se: int) -> str | None:
        """The body whose sitting a bare «на заседании» at ``pos`` is: the organisation named right
        before it, as the subject («Вологодская городская дума на заседании») or after its members
        («Депутаты Законодательного собрания Пермского края на заседании»), in the genitive."""
        ents = sorted((x for x in self.entities((ss, se)) if x.end <= pos), key=lambda x: x.start)
        span: list[Any] = []
        edge = pos
        for ent in reversed(ents):
            if self.text[ent.end : edge].strip() or "\n" in self.text[ent.start : edge] or ent.type == "PER":
                break
            span.insert(0, ent)
            edge = ent.start
        if not any(x.type == "ORG" for x in span) or _inside(self.speech, edge, pos):
            return None
        words = self.text[edge:pos].split()
        before = re.findall(r"\w+", self.text[max(ss, edge - 30) : edge])
        if before and self.an.lemmas(before[-1], "NOUN") & lx.BODY_MEMBER_NOUNS:
            return " ".join(words)  # «Депутаты X»: X is in the genitive already
        if not any(p.tag.case == "nomn" for p in self.an.parses(words[0])):
            return None
        out = []
        for n, w in enumerate(words):  # the subject: its adjectives and head noun into the genitive
            parses = [p for p in self.an.parses(w) if p.tag.case == "nomn"]
            adjective = [p for p in parses if p.tag.POS == "ADJF"]
            last = n + 1 == len(words)
            pick = adjective[0] if adjective and not last else next((p for p in parses if p.tag.POS == "NOUN"), None)
            form = _inflect(pick, {"gent"}) if pick else None
            if not form:
                return None
            out.append(_cap_like(w, form.word))
            if pick.tag.POS == "NOUN":
                return " ".join(out + words[n + 1 :])
        return None

    def place_name_after(self, toks: list[_Tok], m: int) -> bool:
        """toks[m] is a capitalised name right after a noun of a kind of place («поселка Мелехово»)."""
        t = toks[m]
        if m == 0 or not t.word or not t.text[0].isupper() or not toks[m - 1].word:
            return False
        return bool(self.an.lemmas(toks[m - 1].text, "NOUN") & lx.PLACE_TYPE_NOUNS) and not self.person_token(t)

    def place_in(self, toks: list[_Tok], a: int, b: int) -> str | None:
        """A place named inside an event phrase: «встреча с жителями поселка Мелехово» → Мелехово."""
        for m in range(a + 1, b):
            if self.place_name_after(toks, m):
                e = m + 1
                while e < b and toks[e].text in "-‐" and e + 1 < b:
                    e += 2
                if self.an.has(toks[m].text, "nomn") and e == m + 1:
                    return toks[m].text  # a name in apposition stays as written: «села Кузьминки»
                return self.place_name(toks[m].start, toks[e - 1].end, "gent")
        return None

    def tail(self, toks: list[_Tok], h: int, kind: str, stop: int) -> int:
        """End index of the complements after the head at toks[h]."""
        m = h + 1
        for _ in range(4):
            if m >= stop or m - h > _MAX_TAIL or (m > h + 1 and self.ends_quoted(toks, m)):
                break
            if self.date_starts(toks[m]):
                break
            w = _fold(toks[m].text)
            w2 = _fold(toks[m + 1].text) if m + 1 < stop else ""
            if (w, w2) in lx.EVENT_TAIL_PHRASES:
                e = self.genitive_chain(toks, m + 2, stop)
                if e == m + 2:
                    break
                m = e
                continue
            if m == h + 1 and self.is_abbreviation(toks[m]):
                m += 1  # «конференция ЦИПР»: the occasion's own short name
                continue
            if w in ("в", "во", "на") and m + 1 < stop and self.venue_at(toks, m + 1):
                # «брифинг в министерстве здравоохранения»: the organisation that held it
                e = self.np_in_case(toks, m + 1, "loct", stop)
                if e == m + 1:
                    break
                m = e if self.ends_quoted(toks, e) else self.genitive_chain(toks, e, stop)
                if m < stop and self.is_abbreviation(toks[m]):
                    m += 1  # «в пресс-центре ТАСС»
                continue
            if w == "," and m + 2 < stop and self.an.lemmas(toks[m + 1].text, "PRTF") & {"посвятить", "посвящённый", "посвященный"}:
                # «пресс-конференция, посвящённая открытию сезона»
                e = self.np_in_case(toks, m + 2, "datv", stop)
                if e == m + 2:
                    break
                m = e if self.ends_quoted(toks, e) else self.genitive_chain(toks, e, stop)
                continue
            if w in lx.EVENT_TAIL_EVENT_PREPOSITIONS and m + 1 < stop:
                case = lx.EVENT_TAIL_EVENT_PREPOSITIONS[w]
                inner = next((n for n in range(m + 1, min(stop, m + 4)) if self.head_at(toks, n)), None)
                if inner is None or self.case_of_head(toks[inner].text, self.head_at(toks, inner)[0], (case,)) is None:  # type: ignore[index]
                    if w != "после":
                        break
                    # «пресс-конференция после седьмого тура», «… после поражения от «Авангарда»»
                    e = self.np_in_case(toks, m + 1, "gent", stop)
                    if e == m + 1:
                        break
                    m = e if self.ends_quoted(toks, e) else self.genitive_chain(toks, e, stop)
                    if m + 1 < stop and _fold(toks[m].text) == "от":
                        e = self.np_in_case(toks, m + 1, "gent", stop)
                        m = e if e > m + 1 else m
                    continue
                m = self.tail(toks, inner, kind, stop)
                continue
            if w in lx.EVENT_TAIL_PREPOSITIONS and m + 1 < stop:
                e = self.np_in_case(toks, m + 1, lx.EVENT_TAIL_PREPOSITIONS[w], stop)
                if e == m + 1:
                    break
                if w in ("с", "со") and any(self.an.lemmas(t.text, "NOUN") & lx.SPEAKER_WITH_NOUNS for t in toks[m + 1 : e]):
                    break  # «на заседании с отчётом»: the report is the speaker's
                m = e if self.ends_quoted(toks, e) else self.genitive_chain(toks, e, stop)
                continue
            if kind in ("интервью", "обращение", "послание") and toks[m].word and not self.is_stop_word(toks[m]):
                e = self.np_in_case(toks, m, "datv", stop)
                if e > m:
                    m = e if self.ends_quoted(toks, e) else self.genitive_chain(toks, e, stop)
                    continue
            e = self.genitive_chain(toks, m, stop)
            if e == m:
                break
            m = e
            if self.ends_quoted(toks, m):
                break
        return m

    @staticmethod
    def is_abbreviation(t: _Tok) -> bool:
        """«ЦИПР», «ТАСС», «ПМЭФ»: an upper-case word of two letters or more."""
        return t.word and len(t.text) >= 2 and t.text.isupper() and t.text.isalpha()

    def venue_at(self, toks: list[_Tok], k: int) -> bool:
        """toks[k] opens an organisation in the prepositional case («в Региональной службе
        коммуникаций», «в правительстве области», «в пресс-центре ТАСС»), not a town."""
        for n in range(k, min(len(toks), k + 4)):
            t = toks[n]
            if not t.word:
                return False
            parses = self.an.parses(t.text)
            if any(p.tag.POS == "NOUN" for p in parses[:1]):
                return any(
                    p.tag.POS == "NOUN" and p.tag.case in ("loct", "loc2") and _fold(p.normal_form) in (lx.ORG_NOUNS | lx.EVENT_VENUE_NOUNS)
                    for p in parses
                )
            if not any(p.tag.POS in ("ADJF", "PRTF") and p.tag.case in ("loct", "loc2") for p in parses):
                return False
        return False

    @staticmethod
    def ends_quoted(toks: list[_Tok], e: int) -> bool:
        return e > 0 and toks[e - 1].text in "»\"”“"

    def date_starts(self, t: _Tok) -> bool:
        return any(d.start <= t.start < d.end for d in self.dates)

    # --- naming ----------------------------------------------------------------------------
    def inflected(self, word: str, case: str) -> str:
        """A noun or adjective of a phrase put in ``case`` («Кировском» → «Кировского»)."""
        for p in self.an.parses(word):
            if p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.case in ("loct", "loc2", "nomn", "gent"):
                form = _inflect(p, {case})
                if form:
                    return _cap_like(word, form.word)
        return word

    def nominative(self, word: str, head: Any, is_head: bool, case: str) -> str:
        parses = self.an.parses(word)
        if is_head:
            p = head
            form = _inflect(p, {"nomn"}) if p.tag.case != "nomn" else p
        else:
            p = next(
                (
                    q
                    for q in parses
                    if q.tag.POS in ("ADJF", "PRTF")
                    and q.tag.case == case
                    and (q.tag.number == head.tag.number)
                    and (head.tag.number == "plur" or q.tag.gender in (head.tag.gender, None))
                ),
                None,
            )
            if p is None:
                return word
            want = {"nomn", "plur"} if head.tag.number == "plur" else {"nomn", head.tag.gender or "masc", "sing"}
            form = _inflect(p, want)
        return _cap_like(word, form.word) if form else word

    # --- places ----------------------------------------------------------------------------
    def place_name(self, s: int, e: int, case: str | None = None) -> str:
        """A place's words in the nominative: the head noun and the adjectives before it; the rest as written."""
        toks = [t for t in _tokens(self.text, s, e) if t.word]
        out = []
        head_done = False
        for idx, t in enumerate(toks):
            if head_done:
                out.append(t.text)
                continue
            parses = [p for p in self.an.parses(t.text) if case is None or p.tag.case in (case, "loc2")]
            parses = parses or list(self.an.parses(t.text))
            noun = [p for p in parses if p.tag.POS == "NOUN"]
            adj = [p for p in parses if p.tag.POS in ("ADJF", "PRTF")]
            if adj and idx + 1 < len(toks) and not noun:
                form = _inflect(adj[0], {"nomn"})
                out.append(_cap_like(t.text, form.word) if form else t.text)
                continue
            if noun:
                p = self._best_place_parse(noun)
                form = _inflect(p, {"nomn"}) if p.tag.case != "nomn" else p
                word = _cap_like(t.text, form.word) if form else t.text
                out.append(word)
                # adjectives before agree with the head's gender
                for b in range(len(out) - 1):
                    ap = [q for q in self.an.parses(toks[b].text) if q.tag.POS in ("ADJF", "PRTF")]
                    if ap:
                        g = {"nomn", p.tag.number or "sing"} | ({p.tag.gender} if p.tag.gender and p.tag.number != "plur" else set())
                        f = _inflect(ap[0], g)
                        if f:
                            out[b] = _cap_like(toks[b].text, f.word)
                head_done = True
                continue
            out.append(t.text)
            head_done = True
        return " ".join(out) if len(out) > 1 or "-" not in self.text[s:e] else out[0]

    def _best_place_parse(self, noun: list[Any]) -> Any:
        """Geographic parses first; then a normal form the article itself writes; then pymorphy's order."""
        for p in noun:
            if "Geox" in p.tag:
                return p
        if len({_fold(p.normal_form) for p in noun}) > 1:
            seen = self.words_seen()
            known = [p for p in noun if _fold(p.normal_form) in seen]
            if len({_fold(p.normal_form) for p in known}) == 1:  # the article writes one of them: «Акорда»
                return known[0]
        return noun[0]

    def words_seen(self) -> set[str]:
        if self._seen is None:
            self._seen = {_fold(w) for w in re.findall(r"\w+(?:-\w+)*", self.text)}
        return self._seen

    def location(
        self, lo: int, hi: int, phrase: tuple[int, int], anchors: Sequence[int], kind: str
    ) -> tuple[str, str] | None:
        """A place «в/во X» in the clause: the one right after the phrase or its date, else the nearest."""
        sent = self.sentence_of(phrase[0])
        best: tuple[int, int, str, str] | None = None
        for ent in self.entities(sent):
            if ent.start < lo or ent.end > hi or _inside(self.speech, ent.start, ent.end):
                continue
            if phrase[0] <= ent.start < phrase[1]:
                continue
            before = self.text[max(lo, ent.start - 4) : ent.start]
            on = bool(re.search(r"(?<!\w)на\s+$", before, re.IGNORECASE))
            if not on and not re.search(r"(?<!\w)(?:в|во)\s+$", before, re.IGNORECASE):
                continue
            if on and (ent.type != "LOC" or kind in lx.TRAVEL_EVENT_NOUNS):
                continue  # «на Байконуре»: a place, never «на + organisation»
            first = _tokens(self.text, ent.start, ent.end)[0].text
            where_case = "accs" if kind in lx.TRAVEL_EVENT_NOUNS else "loct"
            if not any(p.tag.case in (where_case, "loc2") for p in self.an.parses(first)) and self.an.has(first, "NOUN"):
                continue  # «прибыл в Акорду»: a direction, not the place of the occasion
            gap = min(abs(ent.start - a) for a in anchors)
            adjacent = gap <= 4
            if ent.type == "ORG" and not adjacent:
                continue
            if ent.type not in ("LOC", "ORG"):
                continue
            rank = (0 if adjacent else 1, gap)
            kind_of = "REGION" if ent.type == "LOC" and self.is_region(ent.start, ent.end) else ent.type
            if best is None or rank < best[:2]:
                best = (rank[0], rank[1], kind_of, self.place_name(ent.start, ent.end, where_case))
        return (best[3], best[2]) if best else None

    def after_kind(self, name: str) -> str | None:
        """The occasion an occasion follows: «пресс-конференция после матча» → матч,
        «послематчевая пресс-конференция» → матч."""
        words = re.findall(r"\w+(?:-\w+)*", name)
        for n, w in enumerate(words):
            low = _fold(w)
            if low.startswith("после") and len(low) > 8:  # послематчевая, послеигровой
                for kind in lx.EVENT_NOUNS:
                    if low[5:].startswith(kind[:4]):
                        return kind
            if low == "после" and n + 1 < len(words):
                kinds = self.an.lemmas(words[n + 1], "NOUN") & lx.EVENT_NOUNS
                if kinds:
                    return min(kinds)
        return None

    def after_parents(self, events: list[Event]) -> list[Event]:
        """An occasion held after another (the press conference after a match) took place on its
        day and at its place, when the text gives it none of its own."""
        out = list(events)
        for n, ev in enumerate(events):
            kind = self.after_kind(ev.name)
            if kind is None or (ev.date and ev.location):
                continue
            parents = [p for p in events if p.kind == kind and p is not ev]
            parent = max((p for p in parents if p.start < ev.start), key=lambda p: p.start, default=None)
            parent = parent or (parents[0] if parents else None)
            if parent is not None:
                out[n] = replace(ev, date=ev.date or parent.date, location=ev.location or parent.location)
        return out

    def region_meant(self, m: EventMention) -> str | None:
        """«края» in «обращение к жителям края» is the region the text names with that noun and its
        adjective, anywhere, quoted speech too («в Ставропольском крае» → «Ставропольский край»);
        only when the text names one such region. «жителям Пермского края» names it itself."""
        toks = [t for t in _tokens(self.text, m.start, m.end) if t.word]
        for k, t in enumerate(toks):
            nouns = self.an.lemmas(t.text, "NOUN") & lx.REGION_NOUNS
            if not nouns:
                continue
            if k and toks[k - 1].text[0].isupper():  # named in the phrase itself: «жителям Пермского края»
                return self.region_name(toks[k - 1].text, t.text, nouns)
            if k + 1 < len(toks) and toks[k + 1].text[0].isupper():
                continue  # «области Абай»
            found = {name for r in _NAMED_REGION.finditer(self.text) if (name := self.region_name(r[1], r[2], nouns))}
            return found.pop() if len(found) == 1 else None
        return None

    def region_name(self, adjective: str, noun: str, lemmas: set[str]) -> str | None:
        """«Ставропольском крае» → «Ставропольский край», when the adjective agrees with a noun of ``lemmas``."""
        for n in self.an.parses(noun):
            if n.tag.POS != "NOUN" or _fold(n.normal_form) not in lemmas:
                continue
            for a in self.an.parses(adjective):
                if a.tag.POS == "ADJF" and a.tag.case == n.tag.case and a.tag.number == n.tag.number:
                    head = _inflect(n, {"nomn", "sing"})
                    adj = head and _inflect(a, {"nomn", "sing", head.tag.gender})
                    if head and adj:
                        return f"{_cap_like(adjective, adj.word)} {head.word}"
        return None

    def is_region(self, s: int, e: int) -> bool:
        """«Новосибирской области», «Краснодарский край»: a region or a district, not a town."""
        words = re.findall(r"\w+", self.text[s : min(len(self.text), e + 12)])[:4]
        return any(self.an.lemmas(w, "NOUN") & lx.REGION_NOUNS for w in words)

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        a = self.text.rfind("\n", 0, pos) + 1
        b = self.text.find("\n", pos)
        return a, len(self.text) if b < 0 else b

    def town_around(self, ss: int, se: int, at: int) -> str | None:
        """The town of an occasion whose phrase names no place: one its organiser's name gives
        in its own sentence («вице-губернатор Петербурга», «московского театра», «город
        Краснодар»), else «в Чебоксарах состоялся …» in a neighbouring sentence of its paragraph."""
        found = self.organiser_town(ss, se, at)
        if found:
            return found
        ps, pe = self.paragraph_of(at)
        others = sorted(
            ((s, e) for s, e in self.sentences if ps <= s < pe and (s, e) != (ss, se)), key=lambda x: abs(x[0] - ss)
        )
        for s, e in others:
            toks = self.outside_speech(_tokens(self.text, s, e))
            if not any(self.held_verb(t) for t in toks):
                continue
            for ent in self.entities((s, e)):
                if ent.type != "LOC" or _inside(self.speech, ent.start, ent.end) or self.is_region(ent.start, ent.end):
                    continue
                if re.search(r"(?<!\w)(?:в|во)\s+$", self.text[max(s, ent.start - 4) : ent.start], re.IGNORECASE):
                    return self.place_name(ent.start, ent.end, "loct")
        return None

    def organiser_town(self, ss: int, se: int, at: int) -> str | None:
        toks = self.outside_speech(_tokens(self.text, ss, se))
        best: tuple[int, str] | None = None
        for n, t in enumerate(toks):
            if not t.word or n + 1 >= len(toks):
                continue
            nxt = toks[n + 1]
            found = None
            lemmas = self.an.lemmas(t.text, "NOUN")
            if nxt.word and nxt.text[0].isupper() and lemmas & (lx.TOWN_ROLE_NOUNS | {"город"}):
                # «вице-губернатор Петербурга», «город Краснодар»
                for ent in self.entities((ss, se)):
                    if ent.start == nxt.start and ent.type == "LOC" and not self.is_region(ent.start, ent.end):
                        found = self.place_name(ent.start, ent.end, "gent" if "город" not in lemmas else "nomn")
            elif t.text[0].isalpha():
                after = [x for x in toks[n + 1 : n + 3] if x.word]
                if any(self.an.lemmas(x.text, "NOUN") & lx.TOWN_BODY_NOUNS for x in after) and not any(
                    self.an.lemmas(x.text, "NOUN") & lx.REGION_NOUNS for x in after
                ):
                    found = self.town_of_adjective(t.text)
            if found:
                gap = abs(t.start - at)
                if best is None or gap < best[0]:
                    best = (gap, found)
        return best[1] if best else None

    def town_of_adjective(self, word: str) -> str | None:
        """«московского» → Москва, «Екатеринбургской» → Екатеринбург, «вологодской» → Вологда: the
        town whose adjective this is, when the dictionary knows it as a place."""
        for p in self.an.parses(word):
            if p.tag.POS != "ADJF":
                continue
            lemma = _fold(p.normal_form)
            if not lemma.endswith(("ский", "цкий", "ской", "цкой")):
                continue
            base = lemma[:-4]
            # «вологодский» → Вологда: a vowel of the stem drops out of the town's name
            for cand in (base, base + "ск", base + "а", base + "ь", base + "ы", base[:-2] + "ва", base[:-2] + base[-1:] + "а"):
                if any(
                    "Geox" in q.tag and q.tag.POS == "NOUN" and q.tag.case == "nomn" and _fold(q.normal_form) == cand
                    and getattr(q, "is_known", True)
                    for q in self.an.parses(cand)
                ):
                    return _cap_like("А", cand)
        return None

    def dateline(self) -> str | None:
        """The city of a news dateline: «БЕЛГОРОД, 14 августа. /ТАСС/.», «31 мая, Минск /Корр. БЕЛТА/.»,
        «Москва. 9 мая 2024. INTERFAX.RU -»."""
        head = self.text[:400]
        for m in _DATELINE.finditer(head):
            city = m.group("city") or m.group("city2")
            if not city:
                continue
            words = city.split()
            if any(w.isupper() and len(w) > 1 for w in words):
                city = " ".join("-".join(p.capitalize() for p in w.split("-")) for w in words)
            if self.an.has(city.split()[0], "Geox") or self.an.has(city.split()[0], "NOUN"):
                return city
        return None

    def dateline_date(self) -> date | None:
        """The day of a dateline («КАЗАНЬ, 3 апреля. /ТАСС/.»), when its year is known: a year
        guessed from a weekday dates only what the text writes out as a date."""
        m = next(_DATELINE.finditer(self.text[:400]), None)
        if m is None:
            return None
        for d in self.dates:
            if d.start < m.end() + 20 and d.end > m.start() and d.precision == "day":
                return None if d.year_guessed else d.value
        return None

    def same_day_report(self) -> date | None:
        """The publication date (a header's, a date line's under the headline) when the text
        itself names that day outside quoted speech («9 декабря в Чебоксарах …», «в четверг»):
        the article reports the day it was published. Otherwise the publication date alone
        dates nothing."""
        if self.ref is None:
            return None
        for d in self.dates:
            if d.precision == "day" and d.value == self.ref and not _inside(self.speech, d.start, d.end):
                return self.ref
        return None

    def reported_day(self, ss: int, se: int, when: DateMention | None) -> date | None:
        """The dateline's day (else the publication date: a date line under the headline, a
        header's) for an occasion whose sentence, in the past tense, gives no other date (or
        only «сегодня»): the dateline is the day the news was reported."""
        day = self.dateline_date() or self.same_day_report()
        if day is None or (when is not None and when.value is not None):
            return None
        others = [
            d for d in self.dates if ss <= d.start < se and _fold(d.text) != "сегодня" and not _inside(self.speech, d.start, d.end)
        ]
        if others:
            return None
        toks = self.outside_speech(_tokens(self.text, ss, se))
        if any(_fold(t.text) in lx.EARLIER_WORDS for t in toks):
            return None
        past = any(
            t.word and any(p.tag.POS == "VERB" and "past" in p.tag for p in self.an.parses(t.text)[:1]) for t in toks
        )
        return day if past else None

    def lead_place(self) -> str | None:
        """The place a lead sentence opens with: «В Калининграде завершился фестиваль …», «9 декабря в
        Чебоксарах состоялся тур …»."""
        for ss, se in self.sentences[:4]:
            # a sentence, or a line in it: a headline without a full stop runs into the lead
            for start in [ss] + [ss + n + 1 for n, c in enumerate(self.text[ss:se]) if c == "\n"]:
                m = _LEAD_PLACE.match(self.text[start:se])
                if not m:
                    continue
                for ent in self.entities((ss, se)):
                    last = re.findall(r"\w+", ent.text)[-1]
                    if ent.start == start + m.end() and ent.type == "LOC" and self.an.has(last, "NOUN"):
                        return self.place_name(ent.start, ent.end, "loct")  # not «в Тульской и Орловской областях»
        return None

    # --- mentions --------------------------------------------------------------------------
    def mentions(self) -> list[EventMention]:
        out: list[EventMention] = []
        for ss, se in self.sentences:
            toks = _tokens(self.text, ss, se)
            here: list[EventMention] = []
            answers: list[EventMention] = []
            for i in range(len(toks)):
                m = self.mention_at(toks, i, ss, se)
                if m is None and (a := self.answers_at(toks, i, ss, se)) is not None:
                    answers.append(a)
                if m is not None and not (here and here[-1].start <= m.start < here[-1].end):
                    here.append(m)
            # «ответил на вопросы журналистов на пресс-конференции»: the answers were given at
            # the occasion the sentence names, not at an interview of their own
            out.extend(sorted(here or answers, key=lambda m: m.start))
        return out

    def mention_at(self, toks: list[_Tok], i: int, ss: int, se: int) -> EventMention | None:
        hk = self.head_at(toks, i)
        if hk is None:
            return None
        kind, first = hk
        t = toks[i]
        if _inside(self.speech, t.start, t.end):
            return None
        # the words before the phrase tell the head's case; agreeing adjectives sit in between
        for cases in (("loct", "loc2"), ("gent",), ("ablt",), ("accs",), ("nomn",)):
            head = self.case_of_head(t.text, kind, cases)
            if head is None:
                continue
            start = self.adjectives_before(toks, first, head) if first == i else first
            trig = self.trigger(toks, start)
            if trig and head.tag.case in trig:
                break
            if cases == ("nomn",) and (start == 0 or not toks[start - 1].word) and i + 1 < len(toks):
                # «Заседание прошло в Акорде»: the occasion as the subject of a verb of holding
                if self.held_verb(toks[i + 1]):
                    break
            if cases == ("nomn",) and (start == 0 or not toks[start - 1].word) and self.titled(
                self.outside_speech(toks), kind, ss
            ):
                break  # «ЦСКА – ХК Сочи. Послематчевая пресс-конференция»
        else:
            return None
        stop = next((k for k in range(i + 1, len(toks)) if _inside(self.speech, toks[k].start, toks[k].end)), len(toks))
        end = self.tail(toks, i, kind, stop)
        while end > i + 1 and not toks[end - 1].word and toks[end - 1].text not in "»\"”“":
            end -= 1
        tail_text = self.text[toks[i].end : toks[end - 1].end].strip() if end > i + 1 else ""
        if kind in lx.EVENT_NOUNS_NEED_TAIL and not tail_text:
            return None
        if head.tag.number == "plur" and "Pltm" not in head.tag and kind not in lx.PLURAL_EVENT_NOUNS:
            return None  # «на заседаниях правительства»: recurring occasions, not one
        owned = start < i and bool(self.an.lemmas(toks[start].text, "ADJF") & _APRO_DROP)
        if kind in lx.EVENT_NOUNS_NEED_TAIL_OR_OWNER and not tail_text and not owned:
            return None  # «в обращении»: in circulation, unless «в своём обращении»
        if kind in lx.EVENT_NOUNS_NEED_TAIL_OR_ADJECTIVE and not tail_text and start == i:
            return None  # «в эфире» alone: on the air, no occasion named
        words = []
        for k in range(start, i + 1):
            w = toks[k].text
            if k < i and self.an.lemmas(w, "ADJF") & _APRO_DROP:
                continue
            if kind == _HEARING:
                words.append(self.inflected(w, "gent"))
            else:
                words.append(self.nominative(w, head, k == i, head.tag.case))
        if not tail_text and kind in lx.BODY_SITTING_NOUNS and start > 0:
            tail_text = self.body_before(toks[start - 1].start, ss, se) or ""
        if tail_text.startswith(","):
            # «…, посвящённой открытию сезона»: the participle agrees with the head, in the nominative
            part = re.match(r",\s*(\w+)", tail_text)
            if part:
                nom = self.nominative(part[1], head, False, head.tag.case)
                tail_text = ", " + nom + tail_text[part.end() :]
            name = " ".join(words) + tail_text
        else:
            name = " ".join(words) + (" " + tail_text if tail_text else "")
        if kind == _HEARING:
            # the hearing where it was said: «в Кировском суде» → «заседание Кировского суда»
            kind = "заседание"
            is_court = bool(self.an.lemmas(toks[i].text, "NOUN") & {"суд"})
            name = "заседание " + name if is_court else lx.COURT_HEARING_NAME
            if not is_court:
                tail_text = ""
        s, e = toks[start].start, toks[end - 1].end
        lo, hi = self.clause_of(s, e)
        clause = self.outside_speech(_tokens(self.text, lo, hi))
        sentence = self.outside_speech(_tokens(self.text, ss, se))
        if self.cancelled(sentence) or not (self.happened(clause) or self.happened(sentence)
                                            or self.titled(sentence, kind, ss)):
            return None
        when = self.date_for(lo, hi, s, e)
        if when is not None and self.ref is not None and when.value is not None and when.value > self.ref:
            return None  # announced, not held
        reported = self.reported_day(ss, se, when)
        anchors = [e] + ([when.end] if when else [])
        where = self.location(lo, hi, (s, e), anchors, kind)
        inner = self.place_in(toks, i, end)
        if where is None or (where[1] == "ORG" and inner):
            where = (inner, "LOC") if inner else where
        return EventMention(
            start=s,
            end=e,
            name=name,
            kind=kind,
            tail=_fold(" ".join(re.findall(r"\w+", tail_text))),
            date=when.value if when and when.value else reported,
            location=where[0] if where else None,
            speech=self.reports_speech(sentence),
            organisation=bool(where) and where[1] != "LOC",
            town=None if where and where[1] == "LOC" else self.town_around(ss, se, s),
        )

    def answers_at(self, toks: list[_Tok], i: int, ss: int, se: int) -> EventMention | None:
        """«ответила на вопросы нашего корреспондента» → «интервью корреспонденту»: answers given
        to someone's questions are an interview with them (journalists, a correspondent …)."""
        t = toks[i]
        if not t.word or i + 3 >= len(toks) or not self.an.past_verbs(t.text) & lx.EVENT_ANSWER_VERBS:
            return None
        if _inside(self.speech, t.start, t.end):
            return None
        if _fold(toks[i + 1].text) != "на" or not self.an.lemmas(toks[i + 2].text, "NOUN") & {"вопрос"}:
            return None
        if i > 0 and _fold(toks[i - 1].text) == "не":
            return None
        stop = next((k for k in range(i + 3, len(toks)) if _inside(self.speech, toks[k].start, toks[k].end)), len(toks))
        e = self.genitive_chain(toks, i + 3, stop)
        if e == i + 3:
            return None
        # only the askers' own noun phrase changes case: «вопросы корреспондента газеты» → «корреспонденту газеты»
        first_noun = next((k for k in range(i + 3, e) if self.an.has(toks[k].text, "NOUN")), e - 1)
        words = [
            self.inflected(x.text, "datv")
            for x in toks[i + 3 : first_noun + 1]
            if not self.an.lemmas(x.text, "ADJF") & _APRO_DROP
        ]
        rest = self.text[toks[first_noun].end : toks[e - 1].end]
        name = "интервью " + " ".join(words) + rest
        s, end = t.start, toks[e - 1].end
        when = self.date_for(ss, se, s, end)
        found_at = self.location(ss, se, (s, end), [end] + ([when.end] if when else []), "интервью")
        return EventMention(
            start=s,
            end=end,
            name=name,
            kind="интервью",
            tail=_fold(" ".join(re.findall(r"\w+", name.split(" ", 1)[1]))),
            date=when.value if when else None,
            location=found_at[0] if found_at else None,
            speech=True,
            organisation=bool(found_at) and found_at[1] == "ORG",
        )

    # --- occasions named by a verb --------------------------------------------------------
    def lead_spans(self) -> list[tuple[int, int]]:
        """The headline and the lead: the first line's first sentence, and the next line's first
        sentence when the first line is a headline (no closing full stop). In a headline, what
        follows «Кто: …» is the speaker's words, so the span stops at the colon."""
        lines: list[tuple[int, int]] = []
        pos = 0
        for line in self.text.split("\n"):
            if line.strip():
                lines.append((pos, pos + len(line)))
            pos += len(line) + 1
            if len(lines) == 2:
                break
        spans = []
        for n, (ls, le) in enumerate(lines):
            if n == 1 and self.text[lines[0][0] : lines[0][1]].rstrip()[-1:] in ".!?…":
                break
            ss, se = self.sentence_of(ls + len(self.text[ls:le]) - len(self.text[ls:le].lstrip()))
            s, e = max(ss, ls), min(se, le)
            if n == 0 and len(lines) > 1 and self.text[ls:le].rstrip()[-1:] not in ".!?…":
                colon = self.text.find(": ", s, e)
                if colon >= 0:
                    e = colon
            spans.append((s, e))
        return spans

    def verb_mention(self, s: int, e: int) -> EventMention | None:
        """«Губернатор обратился к жителям края» → «обращение к жителям края»: a verb of the
        lexicon's table in the past, not negated, not conditional, not in quoted speech, with the
        complement it needs."""
        toks = _tokens(self.text, s, e)
        words = {_fold(t.text) for t in toks if t.word}
        if words & {"бы", "б"} or self.cancelled(toks):
            return None
        for n, t in enumerate(toks):
            if not t.word or _inside(self.speech, t.start, t.end):
                continue
            lemma = next(
                (
                    _fold(p.normal_form)
                    for p in self.an.parses(t.text)
                    if p.tag.POS == "VERB" and "past" in p.tag and _fold(p.normal_form) in lx.EVENT_VERB_NOUNS
                ),
                None,
            )
            if lemma is None:
                continue
            before = [_fold(x.text) for x in toks[max(0, n - 2) : n]]
            if "не" in before or any(w in ("я", "мы", "ты", "вы") for w in before):
                return None  # negated, or the speaker's own words
            noun, preps = lx.EVENT_VERB_NOUNS[lemma]
            stop = next((k for k in range(n + 1, len(toks)) if _inside(self.speech, toks[k].start, toks[k].end)), len(toks))
            found = self.verb_complement(toks, n, preps, stop) if preps else self.visited_place(toks, n)
            if found is None:
                continue
            tail_text, end, place = found
            name = f"{noun} {tail_text}"
            ms, me = t.start, end
            when = self.date_for(s, e, ms, me)
            if when is not None and (when.value is None or (self.ref is not None and when.value > self.ref)):
                return None  # a date that cannot be fixed, or one still to come
            value = when.value if when else None
            if value is None and self.ref is not None and not self.dates:
                value = self.ref  # reported on the day it happened: the text gives no other date
            if value is None:
                value = self.reported_day(s, e, when)
            anchors = [me] + ([when.end] if when else [])
            found_at = self.location(s, e, (ms, me), anchors, noun)
            where = place or (found_at[0] if found_at else None)
            return EventMention(
                start=ms,
                end=me,
                name=name,
                kind=noun,
                tail=_fold(" ".join(re.findall(r"\w+", tail_text))),
                date=value,
                location=where,
                speech=self.reports_speech(self.outside_speech(toks)),
            )
        return None

    def verb_complement(self, toks: list[_Tok], v: int, preps: dict[str, str], stop: int) -> tuple[str, int, None] | None:
        """The verb's prepositional complement as written («к жителям края»), within a few words of it."""
        for k in range(v + 1, min(stop, v + 4)):
            if not toks[k].word:
                return None
            w = _fold(toks[k].text)
            if w in preps:
                e = self.np_in_case(toks, k + 1, preps[w], stop)
                if e == k + 1:
                    return None
                if not self.ends_quoted(toks, e):
                    e = self.genitive_chain(toks, e, stop)
                return self.text[toks[k].start : toks[e - 1].end], toks[e - 1].end, None
            if self.an.has(toks[k].text, "VERB") or self.an.has(toks[k].text, "PREP"):
                return None
        return None

    def visited_place(self, toks: list[_Tok], v: int) -> tuple[str, int, str] | None:
        """«посетил Японию» → («в Японию», end, «Япония»): only a place the NER knows."""
        if v + 1 >= len(toks) or not toks[v + 1].word:
            return None
        nxt = toks[v + 1]
        for ent in self.entities(self.sentence_of(nxt.start)):
            if ent.start == nxt.start and ent.type == "LOC":
                return "в " + self.text[ent.start : ent.end], ent.end, self.place_name(ent.start, ent.end, "accs")
        return None

    def date_for(self, lo: int, hi: int, s: int, e: int) -> DateMention | None:
        """The nearest day-precise date in the clause, outside quoted speech."""
        cands = [
            d
            for d in self.dates
            if lo <= d.start and d.end <= hi and d.precision == "day" and not _inside(self.speech, d.start, d.end)
        ]
        if not cands:
            return None
        return min(cands, key=lambda d: max(s - d.end, d.start - e, 0))


def _score(m: EventMention) -> tuple[int, int, int, int]:
    return (int(m.speech), int(m.kind not in lx.GENERIC_EVENT_NOUNS), int(bool(m.tail)), len(m.name.split()))


def _compatible(a: EventMention, b: EventMention) -> bool:
    if a.date and b.date and a.date != b.date:
        return False
    if a.location and b.location and _fold(a.location) != _fold(b.location):
        return False
    return True


def _same_occasion(a: EventMention, b: EventMention) -> bool:
    if not _compatible(a, b):
        return False
    if a.kind == b.kind:
        return True
    return bool(a.tail) and a.tail == b.tail


def _merge(mentions: list[EventMention], town: str | None = None) -> tuple[list[Event], list[EventMention]]:
    """Group the mentions of one occasion (module docstring). ``town`` (the dateline's city or the
    lead's place) is the place of an occasion that has none, and beats an organisation."""
    groups: list[list[int]] = []
    for idx, m in enumerate(mentions):
        for g in groups:
            if any(_same_occasion(mentions[j], m) for j in g):
                g.append(idx)
                break
        else:
            groups.append([idx])
    # bare speech acts and bare generic nouns fold into the nearest other occasion
    def foldable(g: list[int]) -> bool:
        return all(
            mentions[j].kind in lx.SPEECH_ACT_NOUNS or (not mentions[j].tail and mentions[j].kind in lx.GENERIC_EVENT_NOUNS)
            for j in g
        )

    solid = [g for g in groups if not foldable(g)]
    if solid:
        for g in groups:
            if foldable(g):
                first = mentions[g[0]].start
                before = [h for h in solid if mentions[h[0]].start < first]
                target = before[-1] if before else solid[0]
                target.extend(g)
        groups = solid
    events: list[Event] = []
    out = list(mentions)
    for n, g in enumerate(groups):
        g.sort()
        best = max(g, key=lambda j: (_score(mentions[j]), -j))
        if mentions[best].name == mentions[best].kind:
            # «на заседании Вологодской городской думы» names it better than a later bare «заседание»
            fuller = [j for j in g if mentions[j].tail and mentions[j].kind == mentions[best].kind]
            if fuller:
                best = max(fuller, key=lambda j: (_score(mentions[j]), -j))
        b = mentions[best]
        when = b.date or next((mentions[j].date for j in g if mentions[j].date), None)
        places = sorted((j != best, m.organisation, j) for j in g if (m := mentions[j]).location)
        towns = [j for _, org, j in places if not org]
        around = next((mentions[j].town for j in g if mentions[j].town), None)
        where = (
            mentions[towns[0]].location
            if towns
            else town or around or (mentions[places[0][2]].location if places else None)
        )
        events.append(Event(name=b.name, kind=b.kind, start=b.start, end=b.end, date=when, location=where))
        for j in g:
            out[j] = replace(mentions[j], event=n)
    return events, out


def find_events_with_mentions(
    text: str, published: datetime | date | None = None, nlp: Any = None
) -> tuple[list[Event], list[EventMention]]:
    """The events of an article and every mention of them (``mention.event`` indexes the events)."""
    f = _Finder(text, published, nlp or _default_nlp())
    mentions = f.mentions()
    if not mentions:
        # no occasion named by a noun: one named by a verb in the headline or lead
        found = (f.verb_mention(s, e) for s, e in f.lead_spans())
        mentions = [m for m in found if m is not None][:1]
    if not mentions:
        return [], []
    mentions = [m if m.location else replace(m, location=f.region_meant(m)) for m in mentions]
    events, mentions = _merge(mentions, f.dateline() or f.lead_place())
    return f.after_parents(events), mentions


def find_events(text: str, published: datetime | date | None = None, nlp: Any = None) -> list[Event]:
    """The occasions an article names, merged, each with its date and place when the text gives them.

    ``published`` resolves partial and relative dates («17 апреля», «в среду»); without it only
    dates with a year are kept. ``nlp`` provides ``parses``, ``entities`` and ``sentences`` like
    ``docstore.extract.nlp`` (the default).
    """
    return find_events_with_mentions(text, published, nlp)[0]


def find_said_events(
    text: str,
    published: datetime | date | None,
    quotes: Sequence[tuple[int, int]],
    nlp: Any = None,
) -> tuple[list[Event], list[int | None]]:
    """The occasions at which the article's words were said, and for each quote (start, end)
    the index of its occasion among them, or None.

    An occasion is kept only when a quote is linked to it (``link_quotes_to_events``): the
    match itself, where nothing quoted was said, is not one. (Keeping also the occasions whose
    own sentence reports speech gained nothing on four blind sets and cost precision.)
    """
    events, mentions = find_events_with_mentions(text, published, nlp)
    said_at = link_quotes_to_events(text, quotes, mentions)
    keep = sorted({n for n in said_at if n is not None})
    renumber = {old: new for new, old in enumerate(keep)}
    return [events[n] for n in keep], [None if n is None else renumber[n] for n in said_at]


_SENTENCE_END = re.compile(r"[.!?…](?=\s+[«\"(–—-]?[A-ZА-ЯЁ0-9])|\n")


def link_quotes_to_events(
    text: str, quotes: Sequence[tuple[int, int]], mentions: Sequence[EventMention]
) -> list[int | None]:
    """For each quote (start, end), the index of the event it was said at, or None.

    When several occasions compete for a quote, the first of these wins:
    1. one named in the quote's own attribution sentence: after the quote, up to the end of
       its sentence («…», — сказал он на совещании.), else before it in the sentence that
       introduces it («Выступая на брифинге, министр сказал: «…»»);
    2. the nearest one named before the quote in the same paragraph;
    3. one named later in the same paragraph;
    4. the one named last before the quote anywhere;
    5. when nothing is named before it and the article names one occasion only, that one:
       an article about one occasion quotes what was said there.
    """
    paras: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        paras.append((pos, pos + len(line)))
        pos += len(line) + 1

    def para_of(p: int) -> tuple[int, int]:
        return next(((s, e) for s, e in paras if s <= p <= e), (0, len(text)))

    named = [m for m in mentions if m.event >= 0]
    starts = sorted(s for s, _ in quotes)
    out: list[int | None] = []
    for qs, qe in quotes:
        ps, pe = para_of(max(qs, qe - 1))
        nxt = next((s for s in starts if s >= qe), len(text))
        end = _SENTENCE_END.search(text, qe)
        attr_end = min(end.end() if end else len(text), pe, nxt)
        begin = max([m.end() for m in _SENTENCE_END.finditer(text, ps, qs)], default=ps)
        after = [m for m in named if qe <= m.start < attr_end]
        intro = [m for m in named if begin <= m.start and m.end <= qs]
        before = [m for m in named if ps <= m.start and m.end <= qs]
        later = [m for m in named if qe <= m.start <= pe]
        anywhere = [m for m in named if m.end <= qs]
        if after:
            out.append(min(after, key=lambda m: m.start).event)
        elif intro or before:
            out.append(max(intro or before, key=lambda m: m.end).event)
        elif later:
            out.append(min(later, key=lambda m: m.start).event)
        else:
            only = {m.event for m in named}
            out.append(max(anywhere, key=lambda m: m.end).event if anywhere else (only.pop() if len(only) == 1 else None))
    return out
