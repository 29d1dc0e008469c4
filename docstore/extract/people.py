"""The persons named in one article: each name grouped with the other mentions of the same person (a
bare surname in any case, a first name with patronymic), in the nominative, first name before surname.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from docstore.extract import lexicon as lx
from docstore.extract import nlp
from docstore.extract.names import WORD, analyse_name, fold, surname_keys
from docstore.extract.nlp import Entity


@dataclass
class Person:
    first: str | None
    patronymic: str | None
    surname: str | None
    gender: str | None
    forms: set[str] = field(default_factory=set)  # nominative forms seen
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    written: set[str] = field(default_factory=set)  # the words of the names as written, folded

    @property
    def name(self) -> str:
        return " ".join(w for w in (self.first, self.surname) if w) or self.patronymic or ""


def _has(word: str, grammeme: str) -> bool:
    return any(grammeme in p.tag for p in nlp.parses(word.lower()))


def _split_name(nominative: str, official: bool = False) -> tuple[str | None, str | None, str | None]:
    """(first name, patronymic, surname) of a nominative name.

    Two words after a role noun are a first name and a surname even when the second reads
    as a patronymic: «министр Андрей Карпович» (a name with patronymic alone, «Юлия
    Николаевна», is how a text refers back to someone, not how it introduces an official)."""
    words = WORD.findall(nominative)
    if not words:
        return None, None, None
    if len(words) == 1:
        w = words[0]
        if _has(w, "Name") and not _has(w, "Surn"):
            return w, None, None
        return None, None, w
    first_genders = {p.tag.gender for p in nlp.parses(words[0].lower()) if "Name" in p.tag}
    patr = next(
        (w for w in words[1:] if any("Patr" in p.tag and p.tag.gender in first_genders for p in nlp.parses(w.lower()))),
        None,
    )  # «Наталья Зубаревич» has no patronymic: a masculine -евич after a woman's name is her surname
    rest = [w for w in words if w != patr]
    if len(rest) == 1 and official and patr is not None:
        return rest[0], None, patr
    if len(rest) == 1:
        return rest[0], patr, None
    if _has(rest[-1], "Name") and not _has(rest[-1], "Surn") and _has(rest[0], "Surn"):
        return rest[-1], patr, rest[0]  # «Токаев Касым-Жомарт»: surname first
    return rest[0], patr, rest[-1]


class People:
    """The persons named in one article, grouped by surname and first name."""

    def __init__(self) -> None:
        self.persons: list[Person] = []
        self.by_entity: dict[int, Person] = {}
        # who might be named by a word: persons by folded surname and by folded first name (an entry may be
        # stale after a fuller mention taught the person another form: _match checks each candidate anew)
        self._order: dict[int, int] = {}
        self._by_surname: dict[str, list[int]] = {}
        self._by_first: dict[str, list[int]] = {}

    def add(self, ent: Entity, gender_hint: str | None = None, case_hint: str | None = None) -> Person:
        nominative, gender, _ = analyse_name(ent.text, gender_hint, case_hint)
        if case_hint == "nomn" and gender_hint in ("masc", "femn") and " " not in ent.text.strip():
            gender = gender_hint  # «Санду пообещала»: a bare surname's verb tells, whatever its ending says
        first, patr, surname = _split_name(nominative, official=case_hint is not None)
        if case_hint is not None and first and surname and patr is None and _has(surname, "Patr") \
                and any(self.persons[i].surname for i in self._by_first.get(fold(first), ())):
            # «– …, – заметил Александр Сергеевич» after «режиссёр Александр Кузин»: his name and patronymic
            first, patr, surname = _split_name(nominative)
        person = self._match(ent.text, first, patr, surname)
        if person is None:
            person = Person(first, patr, surname, gender)
            self._order[id(person)] = len(self.persons)
            self.persons.append(person)
        else:
            # a fuller mention teaches the first name or the surname's nominative
            if first and not person.first:
                person.first = first
            if patr and not person.patronymic:
                person.patronymic = patr
            if surname and (not person.surname or len(ent.text.split()) > 1):
                person.surname = surname
            if gender and (person.gender is None or len(ent.text.split()) > 1):
                person.gender = gender
        person.forms.add(nominative)
        person.written.update(fold(w) for w in WORD.findall(ent.text))
        person.mentions.append((ent.start, ent.end))
        self.by_entity[ent.start] = person
        self._index(person)
        return person

    def _index(self, p: Person) -> None:
        i = self._order[id(p)]
        for table, word in ((self._by_surname, p.surname), (self._by_first, p.first)):
            if word:
                seen = table.setdefault(fold(word), [])
                if i not in seen:
                    seen.append(i)

    def _candidates(self, words: list[str], first: str | None, surname: str | None) -> list[Person]:
        """The persons a mention may name, newest first: those with its surname (or a surname its single word
        may be a form of), or with its first name — every person one of _match's rules can return."""
        keys = {fold(surname)} if surname else set()
        if len(words) == 1:
            keys |= surname_keys(words[0])
        found = {i for k in keys for i in self._by_surname.get(k, ())}
        if first:
            found.update(self._by_first.get(fold(first), ()))
        return [self.persons[i] for i in sorted(found, reverse=True)]

    def _match(self, written: str, first: str | None, patr: str | None, surname: str | None) -> Person | None:
        words = WORD.findall(written)
        for p in self._candidates(words, first, surname):
            if len(words) == 1 and first and p.surname and fold(p.surname) in surname_keys(words[0]):
                return p  # «слова Карпина» after «Валерий Карпин», though pymorphy3 knows a first name Карпина
            if surname and p.surname:
                if fold(surname) == fold(p.surname):
                    return p
                if first and p.first and fold(first) == fold(p.first) and fold(surname) in p.written:
                    return p  # «Майю Санду» (read as «Санда») and then «Майя Санду»: one woman, this her name
                if len(words) == 1 and fold(p.surname) in surname_keys(words[0]):
                    return p
                if len(words) == 1 or first is None or p.first is None:
                    continue
            if first and p.first and fold(first) == fold(p.first) and (surname is None or p.surname is None):
                if patr is None or p.patronymic is None or fold(patr) == fold(p.patronymic):
                    return p
        return None

    def main(self) -> Person | None:
        """The person the article is about: the most mentioned, the first on a tie."""
        if not self.persons:
            return None
        counts = Counter({i: len(p.mentions) for i, p in enumerate(self.persons)})
        best = max(counts.values())
        return next(p for i, p in enumerate(self.persons) if counts[i] == best)


def add_surname_mentions(text: str, entities: list[Entity]) -> list[Entity]:
    """Bare surnames the NER missed, found by the names it did find: «Вильфанд пояснил» beside
    «Роман Вильфанд», «Токаев заявил» opening the text beside «— сказал Токаев»."""
    from docstore.extract.text import Spans, tokenize

    surnames = {
        fold(analyse_name(e.text)[0].split()[-1])
        for e in entities
        if e.type == "PER" and (len(e.text.split()) > 1 or (len(e.text) > 3 and e.text[:1].isupper() and not e.text.isupper()))
    }
    if not surnames:
        return entities
    names = Spans(entities, lambda e: (e.start, e.end))
    extra = []
    for tok in tokenize(text):
        if not tok.is_word or not tok.text[0].isupper() or len(tok.text) < 3:
            continue
        if names.holds(tok.start):
            continue  # inside a name the NER found
        if surname_keys(tok.text) & surnames:
            extra.append(Entity(tok.start, tok.end, "PER", tok.text))
    return sorted(entities + extra, key=lambda e: e.start)


def _gender_hint(text: str, start: int, end: int) -> str | None:
    """The gender of the verb a name opening its sentence is the subject of: «Егорова, допустившая
    два промаха, была расстроена», «Рамиля Хайруллина сообщила». Elsewhere a name's own words tell."""
    from docstore.extract.text import tokenize

    before = text[max(0, start - 200) : start].rstrip(" \t«\"")
    if before and not before.endswith((".", "!", "?", "\n")) and not _role_opening(before):
        return None  # not the subject opening its sentence

    stop = len(text)
    for ch in ".!?\n":
        i = text.find(ch, end)
        if i >= 0:
            stop = min(stop, i)
    for tok in tokenize(text, end, min(stop, end + 160))[:14]:
        if not tok.is_word:
            continue
        for p in nlp.parses(tok.text.lower()):
            if ("VERB" in p.tag and "past" in p.tag) or "PRTS" in p.tag or "ADJS" in p.tag:
                if "femn" in p.tag:
                    return "femn"
                if "masc" in p.tag:
                    return "masc"
                break
    return None


def _role_opening(before: str) -> bool:
    """The words that open a sentence before a name are its role: «Канцлер Германии Олаф Шольц заявил» —
    a few nouns, no verb, no preposition, no punctuation."""
    opening = re.split(r"[.!?\n]", before)[-1]
    words = WORD.findall(opening)
    if not words or len(words) > 5 or re.search(r"[,:;«»\"()–—]", opening):
        return False
    return all(
        any("NOUN" in p.tag or "ADJF" in p.tag for p in nlp.parses(w.lower()))
        and not any("PREP" in p.tag or "VERB" in p.tag or "CONJ" in p.tag for p in nlp.parses(w.lower()))
        for w in words
    ) and bool(nlp.lemmas(words[0].lower()) & lx.ROLE_NOUNS)


def _inflected(word: str, people: People) -> bool:
    """A bare surname in another form than the nominative the article gives it: «Лаптева»."""
    keys = surname_keys(word)
    return any(p.surname and fold(p.surname) != fold(word) and fold(p.surname) in keys for p in people.persons)
