"""An occasion's phrase: its head noun, what introduces it, its complements, its words in the nominative."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docstore.extract.events import vocabulary as lx
from docstore.extract.events.common import (
    DASHES,
    HEARING,
    MAX_TAIL,
    Tok,
    cap_like,
    fold,
    inflect,
    inside,
)
from docstore.extract.events.context import Context

_ORDINAL = re.compile(r"^(\d+)-(?:й|я|е|го|му|м|ю|ой|ое|ая|ий|ый|ых|ым|ми)$")
OPENING_MARKS = "«\"„“”"  # ” opens a name too on pages that close it with the same sign


class Phrases(Context):
    def head_at(self, toks: list[Tok], i: int) -> tuple[str, int] | None:
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
            if self.court:
                for (a, n), kind in lx.COURT_OCCASION_PHRASES.items():
                    if a in adj and n in nouns:
                        return kind, i - 1  # «последнее слово»
        if self.court and nouns & lx.COURT_HEARING_NOUNS:
            return HEARING, i
        if self.court and nouns & lx.COURT_OCCASION_NOUNS:
            return min(nouns & lx.COURT_OCCASION_NOUNS), i  # «прения», «процесс»
        hits = nouns & lx.EVENT_NOUNS
        if not hits:
            # a compound of an event noun: «семинар-совещание», «онлайн-конференция», «пресс-подход»
            hits = {n for n in nouns if "-" in n and set(n.split("-")) & lx.EVENT_NOUNS}
        if not hits:
            return None
        return min(hits), i

    def case_of_head(self, word: str, kind: str, cases: Sequence[str]) -> Any | None:
        bases = {kind.split()[-1]}
        if kind == HEARING:  # «в суде»: only where something is said
            bases = set(lx.COURT_HEARING_NOUNS)
            cases = [c for c in cases if c in ("loct", "loc2")]
        for p in self.an.parses(word):
            if p.tag.POS == "NOUN" and fold(p.normal_form) in bases and p.tag.case in cases:
                return p
        return None

    def trigger(self, toks: list[Tok], first: int) -> tuple[str, ...] | None:
        """Cases the head may take, given the words before the phrase; None when nothing introduces it."""
        j = first - 1
        if j < 0:
            return None
        w = fold(toks[j].text)
        w2 = fold(toks[j - 1].text) if j >= 1 else ""
        if (w2, w) in lx.EVENT_PREPOSITIONS_2:
            return ("gent",)
        if w in ("на", "в", "во"):
            # «приехал на встречу», «На церемонию приехали …»: where one comes to, with a verb of arriving
            near = toks[max(0, j - 3) : j] + toks[first : first + 8]
            if any(t.word and self.an.past_verbs(t.text) & lx.EVENT_ARRIVE_VERBS for t in near):
                return ("loct", "loc2", "accs")
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

    def adjectives_before(self, toks: list[Tok], i: int, head: Any) -> int:
        """Index of the first agreeing adjective before toks[i] (i itself if none)."""
        k = i
        while k - 1 >= 0 and toks[k - 1].word:
            agree = bool(_ORDINAL.match(toks[k - 1].text))  # «33-я», «12-й»: a numeral's ending agrees
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

    def genitive_only(self, t: Tok) -> bool:
        """A genitive noun or adjective that cannot be a subject («массовых», «коммуникаций»)."""
        parses = self.an.parses(t.text) if t.word else ()
        return any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in parses) and not any(
            p.tag.case == "nomn" or p.tag.POS in ("VERB", "INFN", "PREP", "CONJ") for p in parses
        )

    def participle_before(self, toks: list[Tok], k: int, head: Any) -> int:
        """Where the words before an occasion's phrase start past a participle and its adverbs
        («на состоявшемся сегодня судебном заседании»): the participle is no part of its name."""
        n = k
        while n - 1 >= 0 and toks[n - 1].word and self.an.has(toks[n - 1].text, "ADVB"):
            n -= 1
        if n == k or n == 0 or not toks[n - 1].word:
            return k
        agrees = any(p.tag.POS == "PRTF" and p.tag.case == head.tag.case for p in self.an.parses(toks[n - 1].text))
        return n - 1 if agrees else k

    def np_in_case(self, toks: list[Tok], k: int, case: str, stop: int) -> int:
        """End index of a noun phrase in ``case`` starting at toks[k] (k if none)."""
        if k < len(toks) and toks[k].text in OPENING_MARKS:
            close = {"«": "»", "„": "“", "“": "”", "”": "”", '"': '"'}[toks[k].text]
            for m in range(k + 1, min(len(toks), k + 10)):
                if toks[m].text in (close, "»", "”", "“", '"'):
                    return m + 1
            return k
        m = k
        while m < len(toks) and m < stop and toks[m].word and not self.is_stop_word(toks[m]):
            if self.is_name_like(toks[m]) or self.is_abbreviation(toks[m]):
                m += 1  # «Lenta.ru», «НСН»: a name no case can be read from
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
    def is_name_like(t: Tok) -> bool:
        """A token that declension cannot place: digits or Latin in it («360тв», «Reuters»)."""
        return bool(re.search(r"\d", t.text) and re.search(r"[^\W\d]", t.text) and "-" not in t.text) or bool(
            re.search(r"[A-Za-z]", t.text)
        )

    def is_stop_word(self, t: Tok) -> bool:
        if not t.word:
            return True
        if t.text[0].isupper() and self.person_token(t):
            return True
        return any(p.tag.POS in ("VERB", "INFN", "GRND", "PRTS", "PREP", "CONJ", "ADVB") for p in self.an.parses(t.text)[:1])

    def person_token(self, t: Tok) -> bool:
        parses = self.an.parses(t.text)
        sent = self.sentence_of(t.start)
        types = {e.type for e in self.entities(sent) if e.start <= t.start < e.end}
        if "PER" in types:
            # NER also tags bodies («Мажилиса») as persons: believe it unless the word is a singular genitive noun
            return not any(p.tag.case == "gent" and p.tag.number == "sing" and "anim" not in p.tag for p in parses)
        if types:
            return False
        return any(("Surn" in p.tag or "Name" in p.tag or "Patr" in p.tag) and p.tag.case == "nomn" for p in parses)

    def genitive_chain(self, toks: list[Tok], k: int, stop: int) -> int:
        m = k
        while m < stop:
            if toks[m].text in OPENING_MARKS:
                e = self.np_in_case(toks, m, "gent", stop)
                m = max(m, e)
                break  # a name in quotation marks ends the phrase
            if m > 0 and toks[m - 1].word and self.is_name_like(toks[m]):
                while m < stop and toks[m].word and self.is_name_like(toks[m]):
                    m += 1
                break  # «радио Sputnik», «телеканал RT»: a name in Latin letters ends the phrase
            if m > k and fold(toks[m].text) == "и" and m + 1 < stop and self.genitive_only(toks[m + 1]):
                m += 1  # «агентство информации и массовых коммуникаций»: two genitives joined
                continue
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

    def place_name_after(self, toks: list[Tok], m: int) -> bool:
        """toks[m] is a capitalised name right after a noun of a kind of place («поселка Мелехово»)."""
        t = toks[m]
        if m == 0 or not t.word or not t.text[0].isupper() or not toks[m - 1].word:
            return False
        return bool(self.an.lemmas(toks[m - 1].text, "NOUN") & lx.PLACE_TYPE_NOUNS) and not self.person_token(t)

    def tail(self, toks: list[Tok], h: int, kind: str, stop: int) -> int:
        """End index of the complements after the head at toks[h]: up to four of them, each ending
        the phrase when it ends with a name in quotation marks («матч «A» — «B»» keeps its pair)."""
        m = h + 1
        for _ in range(4):
            if m >= stop or m - h > MAX_TAIL or (m > h + 1 and self.ends_quoted(toks, m)):
                break
            if self.date_starts(toks[m]):
                break
            nxt = self.complement(toks, h, m, kind, stop)
            if nxt is None:
                break
            m = nxt
        return self.pair_after(toks, m, stop)

    def complement(self, toks: list[Tok], h: int, m: int, kind: str, stop: int) -> int | None:
        """The end of the complement that starts at toks[m], or None when none does."""
        w = fold(toks[m].text)
        w2 = fold(toks[m + 1].text) if m + 1 < stop else ""
        if (w, w2) in lx.EVENT_TAIL_PHRASES:
            e = self.genitive_chain(toks, m + 2, stop)
            return None if e == m + 2 else e
        if m == h + 1 and self.is_abbreviation(toks[m]):
            return m + 1  # «конференция ЦИПР»: the occasion's own short name
        if kind in lx.TRAVEL_EVENT_NOUNS and w in ("в", "во", "на") and m + 1 < stop:
            e = self.np_in_case(toks, m + 1, "accs", stop)  # «визит президента в Москву»: where to
            if e > m + 1:
                return e
        if m == h + 1 and w in ("в", "во") and m + 1 < stop and (e := self.place_end(toks, m + 1, stop)):
            return e  # «брифинг в Тбилиси»: a bare occasion named with its town
        if w in ("в", "во", "на") and m + 1 < stop and self.venue_at(toks, m + 1):
            # «брифинг в министерстве здравоохранения»: the organisation that held it
            e = self.np_in_case(toks, m + 1, "loct", stop)
            if e == m + 1:
                return None
            m = e if self.ends_quoted(toks, e) else self.genitive_chain(toks, e, stop)
            return m + 1 if m < stop and self.is_abbreviation(toks[m]) else m  # «в пресс-центре ТАСС»
        if w == "," and m + 2 < stop and self.an.lemmas(toks[m + 1].text, "PRTF") & {"посвятить", "посвящённый", "посвященный"}:
            # «пресс-конференция, посвящённая открытию сезона»
            return self.np_after(toks, m + 2, "datv", stop)
        if w in lx.EVENT_TAIL_EVENT_PREPOSITIONS and m + 1 < stop:
            return self.joined_occasion(toks, m, kind, stop)
        if w in lx.EVENT_TAIL_PREPOSITIONS and m + 1 < stop:
            e = self.np_in_case(toks, m + 1, lx.EVENT_TAIL_PREPOSITIONS[w], stop)
            if e == m + 1:
                return None
            if w in ("с", "со") and any(self.an.lemmas(t.text, "NOUN") & lx.SPEAKER_WITH_NOUNS for t in toks[m + 1 : e]):
                return None  # «на заседании с отчётом»: the report is the speaker's
            return e if self.ends_quoted(toks, e) else self.genitive_chain(toks, e, stop)
        if kind in ("интервью", "обращение", "послание") and toks[m].word and not self.is_stop_word(toks[m]):
            e = self.np_in_case(toks, m, "datv", stop)
            if e > m:
                return e if self.ends_quoted(toks, e) else self.genitive_chain(toks, e, stop)
        e = self.genitive_chain(toks, m, stop)
        return None if e == m else e

    def place_end(self, toks: list[Tok], k: int, stop: int) -> int | None:
        """The index past a place the NER names at toks[k] (within the phrase), else None."""
        for ent in self.entities(self.sentence_of(toks[k].start)):
            if ent.start == toks[k].start and ent.type == "LOC":
                e = next((n for n in range(k, stop) if toks[n].start >= ent.end), stop)
                return e if toks[e - 1].end == ent.end else None
        return None

    def np_after(self, toks: list[Tok], k: int, case: str, stop: int) -> int | None:
        """The end of a noun phrase in ``case`` at toks[k] with its genitive chain, or None."""
        e = self.np_in_case(toks, k, case, stop)
        if e == k:
            return None
        return e if self.ends_quoted(toks, e) else self.genitive_chain(toks, e, stop)

    def joined_occasion(self, toks: list[Tok], m: int, kind: str, stop: int) -> int | None:
        """«после/перед/накануне» at toks[m]: another occasion joined to this one («пресс-конференция
        после матча»), what it came after («после седьмого тура», «… после поражения от «Авангарда»»),
        or the audience of a speech («речь перед выпускниками»)."""
        w = fold(toks[m].text)
        case = lx.EVENT_TAIL_EVENT_PREPOSITIONS[w]
        inner = next((n for n in range(m + 1, min(stop, m + 4)) if self.head_at(toks, n)), None)
        if inner is not None and self.case_of_head(toks[inner].text, self.head_at(toks, inner)[0], (case,)) is not None:  # type: ignore[index]
            return self.tail(toks, inner, kind, stop)
        if w == "перед" and kind in lx.SPEECH_ACT_NOUNS:
            return self.np_after(toks, m + 1, "ablt", stop)
        if w != "после":
            return None
        e = self.np_after(toks, m + 1, "gent", stop)
        if e is None:
            return None
        if e + 1 < stop and fold(toks[e].text) == "от":
            after = self.np_in_case(toks, e + 1, "gent", stop)
            e = after if after > e + 1 else e
        return e

    def pair_after(self, toks: list[Tok], m: int, stop: int) -> int:
        """«матч «Торпедо» — «Сибирь»»: a name in quotation marks, a dash and another is one pair."""
        if m + 1 < stop and self.ends_quoted(toks, m) and toks[m].text in DASHES and toks[m + 1].text in "«\"„“":
            e = self.np_in_case(toks, m + 1, "nomn", stop)
            return e if e > m + 1 else m
        return m

    @staticmethod
    def is_abbreviation(t: Tok) -> bool:
        """«ЦИПР», «ТАСС», «ПМЭФ»: an upper-case word of two letters or more."""
        return t.word and len(t.text) >= 2 and t.text.isupper() and t.text.isalpha()

    def venue_at(self, toks: list[Tok], k: int) -> bool:
        """toks[k] opens an organisation in the prepositional case («в Региональной службе
        коммуникаций», «в правительстве области», «в пресс-центре ТАСС»), not a town."""
        for n in range(k, min(len(toks), k + 4)):
            t = toks[n]
            if not t.word:
                return False
            parses = self.an.parses(t.text)
            if any(p.tag.POS == "NOUN" for p in parses[:1]):
                return any(
                    p.tag.POS == "NOUN" and p.tag.case in ("loct", "loc2") and fold(p.normal_form) in (lx.ORG_NOUNS | lx.EVENT_VENUE_NOUNS)
                    for p in parses
                )
            if not any(p.tag.POS in ("ADJF", "PRTF") and p.tag.case in ("loct", "loc2") for p in parses):
                return False
        return False

    @staticmethod
    def ends_quoted(toks: list[Tok], e: int) -> bool:
        return e > 0 and toks[e - 1].text in "»\"”“"

    def date_starts(self, t: Tok) -> bool:
        return any(d.start <= t.start < d.end for d in self.dates)

    def inflected(self, word: str, case: str) -> str:
        """A noun or adjective of a phrase put in ``case`` («Кировском» → «Кировского»)."""
        for p in self.an.parses(word):
            if p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.case in ("loct", "loc2", "nomn", "gent"):
                form = inflect(p, {case})
                if form:
                    return cap_like(word, form.word)
        return word

    def nominative(self, word: str, head: Any, is_head: bool, case: str) -> str:
        if not is_head and (ordinal := _ORDINAL.match(word)):
            ending = "е" if head.tag.number == "plur" else {"femn": "я", "neut": "е"}.get(head.tag.gender, "й")
            return f"{ordinal[1]}-{ending}"  # «на 12-й ярмарке» → «12-я ярмарка»
        parses = self.an.parses(word)
        if is_head:
            p = head
            form = inflect(p, {"nomn"}) if p.tag.case != "nomn" else p
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
            form = inflect(p, want)
        return cap_like(word, form.word) if form else word

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
        if not any(x.type == "ORG" for x in span) or inside(self.speech, edge, pos):
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
            form = inflect(pick, {"gent"}) if pick else None
            if not form:
                return None
            out.append(cap_like(w, form.word))
            if pick.tag.POS == "NOUN":
                return " ".join(out + words[n + 1 :])
        return None
