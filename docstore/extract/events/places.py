"""Where an occasion took place: a town or the place named in its clause, its organiser's town,
the region a phrase means, the dateline's city, the place a lead opens with."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docstore.extract.events import vocabulary as lx
from docstore.extract.events.common import (
    _DATELINE,
    _LEAD_PLACE,
    _NAMED_REGION,
    EventMention,
    Tok,
    cap_like,
    fold,
    inflect,
    inside,
    tokens,
)
from docstore.extract.events.phrases import Phrases


class Places(Phrases):
    def place_in(self, toks: list[Tok], a: int, b: int) -> str | None:
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

    def court_in(self, toks: list[Tok], a: int, b: int) -> tuple[int, int] | None:
        """«в Ленинском районном суде» among toks[a:b]: the index of «в» and the one past «суде»."""
        for k in range(a, b - 1):
            if fold(toks[k].text) not in ("в", "во"):
                continue
            for n in range(k + 1, min(b, k + 5)):
                if not toks[n].word:
                    break
                if self.an.lemmas(toks[n].text, "NOUN") & lx.COURT_HEARING_NOUNS and self.an.has(toks[n].text, "loct"):
                    return k, n + 1
                if not self.an.has(toks[n].text, "ADJF"):
                    break
        return None

    def place_name(self, s: int, e: int, case: str | None = None) -> str:
        """A place's words in the nominative: the head noun and the adjectives before it; the rest as written."""
        toks = [t for t in tokens(self.text, s, e) if t.word]
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
                form = inflect(adj[0], {"nomn"})
                out.append(cap_like(t.text, form.word) if form else t.text)
                continue
            if noun:
                p = self._best_place_parse(noun)
                form = inflect(p, {"nomn"}) if p.tag.case != "nomn" else p
                word = cap_like(t.text, form.word) if form else t.text
                out.append(word)
                # adjectives before agree with the head's gender
                for b in range(len(out) - 1):
                    ap = [q for q in self.an.parses(toks[b].text) if q.tag.POS in ("ADJF", "PRTF")]
                    if ap:
                        g = {"nomn", p.tag.number or "sing"} | ({p.tag.gender} if p.tag.gender and p.tag.number != "plur" else set())
                        f = inflect(ap[0], g)
                        if f:
                            out[b] = cap_like(toks[b].text, f.word)
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
        if len({fold(p.normal_form) for p in noun}) > 1:
            seen = self.words_seen()
            known = [p for p in noun if fold(p.normal_form) in seen]
            if len({fold(p.normal_form) for p in known}) == 1:  # the article writes one of them: «Акорда»
                return known[0]
        return noun[0]

    def location(
        self, lo: int, hi: int, phrase: tuple[int, int], anchors: Sequence[int], kind: str
    ) -> tuple[str, str] | None:
        """A place «в/во X» in the clause: the one right after the phrase or its date, else the nearest."""
        sent = self.sentence_of(phrase[0])
        best: tuple[int, int, str, str] | None = None
        for ent in self.entities(sent):
            if ent.start < lo or ent.end > hi or inside(self.speech, ent.start, ent.end):
                continue
            if phrase[0] <= ent.start < phrase[1] and kind not in lx.TRAVEL_EVENT_NOUNS and ent.type != "LOC":
                continue  # an organisation in the phrase is its own; a town in it is where it was held
            before = self.text[max(lo, ent.start - 4) : ent.start]
            on = bool(re.search(r"(?<!\w)на\s+$", before, re.IGNORECASE))
            if not on and not re.search(r"(?<!\w)(?:в|во)\s+$", before, re.IGNORECASE):
                continue
            if on and (ent.type != "LOC" or kind in lx.TRAVEL_EVENT_NOUNS):
                continue  # «на Байконуре»: a place, never «на + organisation»
            first = tokens(self.text, ent.start, ent.end)[0].text
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

    def region_meant(self, m: EventMention) -> str | None:
        """«края» in «обращение к жителям края» is the region the text names with that noun and its
        adjective, anywhere, quoted speech too («в Ставропольском крае» → «Ставропольский край»);
        only when the text names one such region. «жителям Пермского края» names it itself."""
        toks = [t for t in tokens(self.text, m.start, m.end) if t.word]
        for k, t in enumerate(toks):
            nouns = self.an.lemmas(t.text, "NOUN") & lx.REGION_NOUNS
            if not nouns:
                continue
            if k and toks[k - 1].text[0].isupper():  # named in the phrase itself: «жителям Пермского края»
                return self.region_name(toks[k - 1].text, t.text, nouns)
            if k + 1 < len(toks) and toks[k + 1].text[0].isupper():
                continue  # «области Абай»
            found = self.regions_named(frozenset(nouns))
            return next(iter(found)) if len(found) == 1 else None
        return None

    def regions_named(self, nouns: frozenset[str]) -> set[str]:
        """The regions the text names anywhere with one of these nouns and its adjective; found once per nouns."""
        if nouns not in self._regions:
            pairs = {(r[1], r[2]) for r in _NAMED_REGION.finditer(self.text)}
            self._regions[nouns] = {name for a, n in pairs if (name := self.region_name(a, n, nouns))}
        return self._regions[nouns]

    def region_name(self, adjective: str, noun: str, lemmas: set[str] | frozenset[str]) -> str | None:
        """«Ставропольском крае» → «Ставропольский край», when the adjective agrees with a noun of ``lemmas``."""
        for n in self.an.parses(noun):
            if n.tag.POS != "NOUN" or fold(n.normal_form) not in lemmas:
                continue
            for a in self.an.parses(adjective):
                if a.tag.POS == "ADJF" and a.tag.case == n.tag.case and a.tag.number == n.tag.number:
                    head = inflect(n, {"nomn", "sing"})
                    adj = head and inflect(a, {"nomn", "sing", head.tag.gender})
                    if head and adj:
                        return f"{cap_like(adjective, adj.word)} {head.word}"
        return None

    def is_region(self, s: int, e: int) -> bool:
        """«Новосибирской области», «Краснодарский край»: a region or a district, not a town."""
        words = re.findall(r"\w+", self.text[s : min(len(self.text), e + 12)])[:4]
        return any(self.an.lemmas(w, "NOUN") & lx.REGION_NOUNS for w in words)

    def town_around(self, ss: int, se: int, at: int) -> str | None:
        """The town of an occasion whose phrase names no place: one its organiser's name gives
        in its own sentence («вице-губернатор Петербурга», «московского театра», «город
        Краснодар»), else «в Чебоксарах состоялся …» in a neighbouring sentence of its paragraph."""
        found = self.organiser_town(ss, se, at)
        if found:
            return found
        ps, pe = self.paragraph_of(at)
        for s, e in self.sentences_near((ss, se), ps, pe):
            toks = self.outside_speech(tokens(self.text, s, e))
            if not any(self.held_verb(t) for t in toks):
                continue
            for ent in self.entities((s, e)):
                if ent.type != "LOC" or inside(self.speech, ent.start, ent.end) or self.is_region(ent.start, ent.end):
                    continue
                if re.search(r"(?<!\w)(?:в|во)\s+$", self.text[max(s, ent.start - 4) : ent.start], re.IGNORECASE):
                    return self.place_name(ent.start, ent.end, "loct")
        return None

    def organiser_town(self, ss: int, se: int, at: int) -> str | None:
        toks = self.outside_speech(tokens(self.text, ss, se))
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
                if any(self.an.lemmas(x.text, "NOUN") & (lx.TOWN_BODY_NOUNS | lx.TOWN_OCCASION_NOUNS) for x in after) and not any(
                    self.an.lemmas(x.text, "NOUN") & lx.REGION_NOUNS or self.an.lemmas(x.text, "ADJF") & lx.DISTRICT_ADJECTIVES
                    for x in after
                ):  # «московского театра», not «Ленинского районного суда» (a district's)
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
            lemma = fold(p.normal_form)
            if not lemma.endswith(("ский", "цкий", "ской", "цкой")):
                continue
            base = lemma[:-4]
            # «вологодский» → Вологда: a vowel of the stem drops out of the town's name
            for cand in (base, base + "ск", base + "а", base + "ь", base + "ы", base[:-2] + "ва", base[:-2] + base[-1:] + "а"):
                if any(
                    "Geox" in q.tag and q.tag.POS == "NOUN" and q.tag.case == "nomn" and fold(q.normal_form) == cand
                    and getattr(q, "is_known", True)
                    for q in self.an.parses(cand)
                ):
                    return cap_like("А", cand)
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
