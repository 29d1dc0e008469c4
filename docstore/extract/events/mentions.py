"""Finding the mentions of occasions: a noun the sentence puts forward as one, answers to
someone's questions, a verb of the headline or lead that names one."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from docstore.extract.events import vocabulary as lx
from docstore.extract.events.common import (
    APRO_DROP,
    HEARING,
    EventMention,
    Tok,
    fold,
    inside,
    tokens,
)
from docstore.extract.events.places import Places
from docstore.extract.extraction import Event


class Finder(Places):
    """The occasions one article names (``mentions``; ``verb_mention`` for the headline and lead)."""

    def mentions(self) -> list[EventMention]:
        out: list[EventMention] = []
        for ss, se in self.sentences:
            toks = tokens(self.text, ss, se)
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

    def introduced_head(self, toks: list[Tok], i: int, kind: str, first: int, ss: int) -> tuple[Any, int] | None:
        """The head's parse and the phrase's first word when the words before the phrase introduce
        it as an occasion (its case agrees with what introduces it); agreeing adjectives sit in between."""
        t = toks[i]
        for cases in (("loct", "loc2"), ("gent",), ("ablt",), ("accs",), ("nomn",)):
            head = self.case_of_head(t.text, kind, cases)
            if head is None:
                continue
            start = self.adjectives_before(toks, first, head) if first == i else first
            trig = self.trigger(toks, self.participle_before(toks, start, head))
            if trig and head.tag.case in trig:
                return head, start
            opens = cases == ("nomn",) and (start == 0 or not toks[start - 1].word)
            # «Заседание прошло в Акорде», «Церемония открытия фестиваля прошла …»: the occasion as the
            # subject of a verb of holding, right after its head or its whole phrase
            after = {i + 1, self.tail(toks, i, kind, len(toks))} if opens else set()
            if any(k < len(toks) and self.held_verb(toks[k]) for k in after):
                return head, start
            if opens and self.titled(self.outside_speech(toks), kind, t.start):
                return head, start  # «ЦСКА – ХК Сочи. Послематчевая пресс-конференция»
        return None

    def mention_at(self, toks: list[Tok], i: int, ss: int, se: int) -> EventMention | None:
        hk = self.head_at(toks, i)
        if hk is None:
            return None
        kind, first = hk
        if inside(self.speech, toks[i].start, toks[i].end):
            return None
        found = self.introduced_head(toks, i, kind, first, ss)
        if found is None:
            return None
        head, start = found
        stop = next((k for k in range(i + 1, len(toks)) if inside(self.speech, toks[k].start, toks[k].end)), len(toks))
        end = self.tail(toks, i, kind, stop)
        while end > i + 1 and not toks[end - 1].word and toks[end - 1].text not in "»\"”“":
            end -= 1
        tail_text = self.text[toks[i].end : toks[end - 1].end].strip() if end > i + 1 else ""
        if kind in lx.EVENT_NOUNS_NEED_TAIL and not tail_text:
            return None
        if head.tag.number == "plur" and "Pltm" not in head.tag and kind not in lx.PLURAL_EVENT_NOUNS:
            return None  # «на заседаниях правительства»: recurring occasions, not one
        owned = start < i and bool(self.an.lemmas(toks[start].text, "ADJF") & APRO_DROP)
        if kind in lx.EVENT_NOUNS_NEED_TAIL_OR_OWNER and not tail_text and not owned:
            return None  # «в обращении»: in circulation, unless «в своём обращении»
        if kind in lx.EVENT_NOUNS_NEED_TAIL_OR_ADJECTIVE and not tail_text and start == i:
            return None  # «в эфире» alone: on the air, no occasion named
        court = self.court_parts(toks, start, i, end, kind, tail_text)
        if court is None:
            return None
        tail_text, court_place = court
        name, kind, tail_text = self.phrase_name(toks, start, i, head, kind, tail_text, ss, se)
        s, e = toks[start].start, toks[end - 1].end
        lo, hi = self.clause_of(s, e)
        clause = self.outside_speech(tokens(self.text, lo, hi))
        sentence = self.outside_speech(tokens(self.text, ss, se))
        headline = self.titled(sentence, kind, s)
        if self.cancelled(sentence) or not (self.happened(clause) or self.happened(sentence) or headline):
            return None
        when = self.date_for(lo, hi, s, e)
        if when is not None and self.ref is not None and when.value is not None and when.value > self.ref:
            return None  # announced, not held
        # a transcript's occasion named in the headline was held the day the page was published
        reported = self.reported_day(ss, se, when) or (self.ref if headline and when is None else None)
        anchors = [e] + ([when.end] if when else [])
        where = self.location(lo, hi, (s, e), anchors, kind)
        inner = self.place_in(toks, i, end) or court_place
        if where is None or (where[1] == "ORG" and inner) or court_place:
            where = (inner, "LOC") if inner else where
        return EventMention(
            start=s,
            end=e,
            name=name,
            kind=kind,
            tail=fold(" ".join(re.findall(r"\w+", tail_text))),
            date=when.value if when and when.value else reported,
            location=where[0] if where else None,
            speech=self.reports_speech(sentence),
            organisation=bool(where) and where[1] != "LOC",
            town=None if where and where[1] == "LOC" else self.town_around(ss, se, s),
        )

    def court_parts(
        self, toks: list[Tok], start: int, i: int, end: int, kind: str, tail_text: str
    ) -> tuple[str, str | None] | None:
        """In a court article, the court an occasion was held in is its place, not a part of its name:
        «на процессе в Ленинском районном суде по делу X» → «процесс по делу X» at «Ленинский районный
        суд»; «в Ленинском районном суде» → that court. None for a «процесс» that is no trial
        («в процессе обсуждения»). Returns the complements left and the court."""
        if kind == "процесс" and not (
            (start > 0 and fold(toks[start - 1].text) in lx.TRIAL_PREPOSITIONS) or tail_text.startswith(lx.TRIAL_TAILS)
        ):
            return None
        if kind == HEARING:
            return tail_text, self.place_name(toks[start].start, toks[i].end, "loct")
        court = self.court_in(toks, i + 1, end) if self.court else None
        if court is None:
            return tail_text, None
        k, e = court
        parts = (self.text[toks[i].end : toks[k].start], self.text[toks[e].start : toks[end - 1].end] if e < end else "")
        rest = " ".join(x.strip() for x in parts if x.strip())
        return rest, self.place_name(toks[k + 1].start, toks[e - 1].end, "loct")

    def phrase_name(
        self, toks: list[Tok], start: int, i: int, head: Any, kind: str, tail_text: str, ss: int, se: int
    ) -> tuple[str, str, str]:
        """The occasion's name (its head and adjectives in the nominative, the complements as
        written), its kind and complements; a court hearing is named «заседание …»."""
        words = []
        for k in range(start, i + 1):
            w = toks[k].text
            if k < i and self.an.lemmas(w, "ADJF") & APRO_DROP:
                continue
            if kind == HEARING:
                words.append(self.inflected(w, "gent"))
            else:
                words.append(self.nominative(w, head, k == i, head.tag.case))
        if not tail_text and kind in lx.BODY_SITTING_NOUNS and start > 0:
            tail_text = self.body_before(toks[start - 1].start, ss, se) or ""
        if not tail_text:
            tail_text = lx.COURT_OCCASION_TAILS.get(kind, "")  # «в прениях» are «прения сторон»
        if tail_text.startswith(","):
            # «…, посвящённой открытию сезона»: the participle agrees with the head, in the nominative
            part = re.match(r",\s*(\w+)", tail_text)
            if part:
                nom = self.nominative(part[1], head, False, head.tag.case)
                tail_text = ", " + nom + tail_text[part.end() :]
            name = " ".join(words) + tail_text
        else:
            name = " ".join(words) + (" " + tail_text if tail_text else "")
        if kind == HEARING:
            # the hearing where it was said: «в Кировском суде» → «заседание Кировского суда»
            kind = "заседание"
            name = "заседание " + name
        return name, kind, tail_text

    def answers_at(self, toks: list[Tok], i: int, ss: int, se: int) -> EventMention | None:
        """«ответила на вопросы нашего корреспондента» → «интервью корреспонденту»: answers given
        to someone's questions are an interview with them (journalists, a correspondent …)."""
        t = toks[i]
        if not t.word or i + 3 >= len(toks) or not self.an.past_verbs(t.text) & lx.EVENT_ANSWER_VERBS:
            return None
        if inside(self.speech, t.start, t.end):
            return None
        if fold(toks[i + 1].text) != "на" or not self.an.lemmas(toks[i + 2].text, "NOUN") & {"вопрос"}:
            return None
        if i > 0 and fold(toks[i - 1].text) == "не":
            return None
        stop = next((k for k in range(i + 3, len(toks)) if inside(self.speech, toks[k].start, toks[k].end)), len(toks))
        e = self.genitive_chain(toks, i + 3, stop)
        if e == i + 3:
            return None
        # only the askers' own noun phrase changes case: «вопросы корреспондента газеты» → «корреспонденту газеты»
        first_noun = next((k for k in range(i + 3, e) if self.an.has(toks[k].text, "NOUN")), e - 1)
        words = [
            self.inflected(x.text, "datv")
            for x in toks[i + 3 : first_noun + 1]
            if not self.an.lemmas(x.text, "ADJF") & APRO_DROP
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
            tail=fold(" ".join(re.findall(r"\w+", name.split(" ", 1)[1]))),
            date=when.value if when else None,
            location=found_at[0] if found_at else None,
            speech=True,
            organisation=bool(found_at) and found_at[1] == "ORG",
        )

    def after_kind(self, name: str) -> str | None:
        """The occasion an occasion follows: «пресс-конференция после матча» → матч,
        «послематчевая пресс-конференция» → матч."""
        words = re.findall(r"\w+(?:-\w+)*", name)
        for n, w in enumerate(words):
            low = fold(w)
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

    def verb_mention(self, s: int, e: int) -> EventMention | None:
        """«Губернатор обратился к жителям края» → «обращение к жителям края»: a verb of the
        lexicon's table in the past, not negated, not conditional, not in quoted speech, with the
        complement it needs."""
        toks = tokens(self.text, s, e)
        words = {fold(t.text) for t in toks if t.word}
        if words & {"бы", "б"} or self.cancelled(toks):
            return None
        for n, t in enumerate(toks):
            if not t.word or inside(self.speech, t.start, t.end):
                continue
            lemma = next(
                (
                    fold(p.normal_form)
                    for p in self.an.parses(t.text)
                    if p.tag.POS == "VERB" and "past" in p.tag and fold(p.normal_form) in lx.EVENT_VERB_NOUNS
                ),
                None,
            )
            if lemma is None:
                continue
            before = [fold(x.text) for x in toks[max(0, n - 2) : n]]
            if "не" in before or any(w in ("я", "мы", "ты", "вы") for w in before):
                return None  # negated, or the speaker's own words
            noun, preps = lx.EVENT_VERB_NOUNS[lemma]
            stop = next((k for k in range(n + 1, len(toks)) if inside(self.speech, toks[k].start, toks[k].end)), len(toks))
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
                tail=fold(" ".join(re.findall(r"\w+", tail_text))),
                date=value,
                location=where,
                speech=self.reports_speech(self.outside_speech(toks)),
            )
        return None

    def verb_complement(self, toks: list[Tok], v: int, preps: dict[str, str], stop: int) -> tuple[str, int, None] | None:
        """The verb's prepositional complement as written («к жителям края»), within a few words of it."""
        for k in range(v + 1, min(stop, v + 4)):
            if not toks[k].word:
                return None
            w = fold(toks[k].text)
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

    def visited_place(self, toks: list[Tok], v: int) -> tuple[str, int, str] | None:
        """«посетил Японию» → («в Японию», end, «Япония»): only a place the NER knows."""
        if v + 1 >= len(toks) or not toks[v + 1].word:
            return None
        nxt = toks[v + 1]
        for ent in self.entities(self.sentence_of(nxt.start)):
            if ent.start == nxt.start and ent.type == "LOC":
                return "в " + self.text[ent.start : ent.end], ent.end, self.place_name(ent.start, ent.end, "accs")
        return None
