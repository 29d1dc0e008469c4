"""The article an event finder reads: its sentences, clauses, quoted speech, lead and dates."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date, datetime
from typing import Any

from docstore.extract.dates import DateMention, find_dates
from docstore.extract.events import vocabulary as lx
from docstore.extract.events.common import (
    _CLAUSE_BREAK,
    _DATELINE,
    _HELD_CLAUSE,
    Analyser,
    Tok,
    fold,
    inside,
    speech_regions,
    tokens,
)

NEIGHBOURS = 5  # sentences either side in which the text around an occasion is looked for


class Context:
    def __init__(self, text: str, published: datetime | date | None, nlp: Any) -> None:
        self.text = text
        self.ref = published.date() if isinstance(published, datetime) else published
        self.an = Analyser(nlp)
        self.nlp = nlp
        self.speech = speech_regions(text)
        self.dates = find_dates(text, published)
        self.sentences = sorted(nlp.sentences(text))
        self.starts = [s for s, _ in self.sentences]
        self._ents: dict[tuple[int, int], list[Any]] = {}
        self._seen: set[str] | None = None
        self._lead_end: int | None = None
        self._regions: dict[frozenset[str], set[str]] = {}
        self.court = bool(lx.COURT_WORDS.search(text))

    def sentence_of(self, pos: int) -> tuple[int, int]:
        k = bisect_right(self.starts, pos) - 1
        if k >= 0 and pos < self.sentences[k][1]:
            return self.sentences[k]
        return pos, pos

    def sentences_near(self, sent: tuple[int, int], lo: int, hi: int, reach: int = NEIGHBOURS) -> list[tuple[int, int]]:
        """The other sentences in [lo, hi) up to ``reach`` either side of ``sent``, nearest first."""
        k = bisect_left(self.starts, sent[0])
        near = self.sentences[max(0, k - reach) : k + reach + 1]
        return sorted(((s, e) for s, e in near if lo <= s < hi and (s, e) != sent), key=lambda x: abs(x[0] - sent[0]))

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
                if m.start() == e and held and self.held_verb(tokens(self.text, held.start(1), held.end(1))[0]):
                    continue  # «в матче, который прошёл 6 апреля в Вологде»: the occasion's own day and place
                hi = m.start()
                break
        return lo, hi

    def entities(self, sent: tuple[int, int]) -> list[Any]:
        if sent not in self._ents:
            self._ents[sent] = self.nlp.entities(self.text[sent[0] : sent[1]], sent[0])
        return self._ents[sent]

    def outside_speech(self, toks: list[Tok]) -> list[Tok]:
        return [t for t in toks if not inside(self.speech, t.start, t.end)]

    def reports_speech(self, toks: list[Tok]) -> bool:
        return any(t.word and self.an.lemmas(t.text, "VERB") & lx.SPEECH_VERBS for t in toks)

    def happened(self, toks: list[Tok]) -> bool:
        """Something was said or done in the clause, and nothing says the occasion is yet to come."""
        done = False
        for n, t in enumerate(toks):
            if not t.word:
                continue
            parses = self.an.parses(t.text)
            for p in parses:
                nf = fold(p.normal_form)
                if nf in lx.EVENT_FUTURE_VERBS and (
                    ("futr" in p.tag and p.tag.POS == "VERB") or ("pres" in p.tag and p.tag.POS == "VERB")
                    or p.tag.POS == "PRTS"
                ):
                    return False
            top = parses[0] if parses else None
            if top is not None and fold(top.normal_form) == "быть" and "futr" in top.tag:
                return False
            if top is not None and (
                (top.tag.POS in ("VERB", "GRND") and ("past" in top.tag or top.tag.POS == "GRND"))
                or (top.tag.POS == "VERB" and fold(top.normal_form) in lx.SPEECH_VERBS)
                or (top.tag.POS == "PRTS" and "past" in top.tag)
            ):
                done = True
        return done

    def titled(self, toks: list[Tok], kind: str, at: int) -> bool:
        """«ЦСКА – ХК Сочи. Послематчевая пресс-конференция»: an occasion of questions and answers named
        with no verb in its line of the headline or the lead — the page is its transcript. (Only its
        line: a headline with no full stop runs into the lead's sentence.)"""
        if kind not in lx.TRANSCRIPT_EVENT_NOUNS or at > self.lead_end():
            return False
        lo = self.text.rfind("\n", 0, at) + 1
        hi = self.text.find("\n", at)
        hi = len(self.text) if hi < 0 else hi
        return not any(lo <= t.start < hi and t.word and (parses := self.an.parses(t.text))
                       and parses[0].tag.POS in ("VERB", "INFN")
                       for t in toks)  # (the likeliest reading: «Сочи» is no imperative)

    def lead_end(self) -> int:
        """Where the third paragraph ends (the headline and the lead); found once."""
        if self._lead_end is None:
            ends = [m.start() for m in re.finditer(r"\n\s*\n|\n", self.text)]
            self._lead_end = ends[2] if len(ends) > 2 else len(self.text)
        return self._lead_end

    def cancelled(self, toks: list[Tok]) -> bool:
        """«встречу отменили», «так и не состоялась»."""
        for n, t in enumerate(toks):
            if not t.word:
                continue
            if fold(t.text) == "не" and n + 1 < len(toks) and self.held_verb(toks[n + 1]):
                return True
            if any(
                fold(p.normal_form) in lx.EVENT_CANCEL_VERBS and p.tag.POS in ("VERB", "INFN", "PRTS", "PRTF")
                for p in self.an.parses(t.text)
            ):
                return True
        return False

    def held_verb(self, t: Tok) -> bool:
        return t.word and bool(self.an.past_verbs(t.text) & lx.EVENT_HELD_VERBS)

    def words_seen(self) -> set[str]:
        if self._seen is None:
            self._seen = {fold(w) for w in re.findall(r"\w+(?:-\w+)*", self.text)}
        return self._seen

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        a = self.text.rfind("\n", 0, pos) + 1
        b = self.text.find("\n", pos)
        return a, len(self.text) if b < 0 else b

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

    def date_for(self, lo: int, hi: int, s: int, e: int) -> DateMention | None:
        """The nearest day-precise date in the clause, outside quoted speech."""
        cands = [
            d
            for d in self.dates
            if lo <= d.start and d.end <= hi and d.precision == "day" and not inside(self.speech, d.start, d.end)
        ]
        if not cands:
            return None
        return min(cands, key=lambda d: max(s - d.end, d.start - e, 0))

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
            if d.precision == "day" and d.value == self.ref and not inside(self.speech, d.start, d.end):
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
            d for d in self.dates if ss <= d.start < se and fold(d.text) != "сегодня" and not inside(self.speech, d.start, d.end)
        ]
        if others:
            return None
        toks = self.outside_speech(tokens(self.text, ss, se))
        if any(fold(t.text) in lx.EARLIER_WORDS for t in toks):
            return None
        past = any(
            t.word and any(p.tag.POS == "VERB" and "past" in p.tag for p in self.an.parses(t.text)[:1]) for t in toks
        )
        return day if past else None
