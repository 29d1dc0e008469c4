"""Who: names, roles and pronouns resolved to the people and organisations of one article.

A name is grouped with the other mentions of the same person (a bare surname in any
case, a first name with patronymic). A role noun («глава государства») is the person
it stood beside in apposition anywhere in the article, else the article's main
person. A pronoun is the last speaker of its gender. «пресс-секретарь Токаева» is
somebody else than Токаев: it stays unresolved unless a name stands beside it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from docstore.extract import nlp
from docstore.extract.extraction import Speaker
from docstore.extract.names import WORD, analyse_name, fold
from docstore.extract.nlp import Entity
from docstore.extract.quotes import Found, Ref


@dataclass
class Person:
    first: str | None
    patronymic: str | None
    surname: str | None
    gender: str | None
    forms: set[str] = field(default_factory=set)  # nominative forms seen
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return " ".join(w for w in (self.first, self.surname) if w) or self.patronymic or ""


def _has(word: str, grammeme: str) -> bool:
    return any(grammeme in p.tag for p in nlp.parses(word.lower()))


def _split_name(nominative: str) -> tuple[str | None, str | None, str | None]:
    """(first name, patronymic, surname) of a nominative name."""
    words = WORD.findall(nominative)
    if not words:
        return None, None, None
    if len(words) == 1:
        w = words[0]
        if _has(w, "Name") and not _has(w, "Surn"):
            return w, None, None
        return None, None, w
    patr = next((w for w in words[1:] if _has(w, "Patr")), None)
    rest = [w for w in words if w != patr]
    if len(rest) == 1:
        return rest[0], patr, None
    if _has(rest[-1], "Name") and not _has(rest[-1], "Surn") and _has(rest[0], "Surn"):
        return rest[-1], patr, rest[0]  # «Токаев Касым-Жомарт»: surname first
    return rest[0], patr, rest[-1]


def _surname_keys(word: str) -> set[str]:
    """Keys a bare surname in any case may stand for: «Токаева» → {токаева, токаев}."""
    keys = {fold(word)} | set(nlp.lemmas(word.lower()))
    for gender in ("masc", "femn"):
        from docstore.extract.names import _undo_ending

        for case in ("gent", "datv", "accs", "ablt", "loct"):
            base = _undo_ending(word, gender, case)
            if base:
                keys.add(fold(base))
    return keys


class People:
    """The persons named in one article, grouped by surname and first name."""

    def __init__(self) -> None:
        self.persons: list[Person] = []
        self.by_entity: dict[int, Person] = {}

    def add(self, ent: Entity) -> Person:
        nominative, gender, _ = analyse_name(ent.text)
        first, patr, surname = _split_name(nominative)
        person = self._match(ent.text, first, patr, surname)
        if person is None:
            person = Person(first, patr, surname, gender)
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
        person.mentions.append((ent.start, ent.end))
        self.by_entity[ent.start] = person
        return person

    def _match(self, written: str, first: str | None, patr: str | None, surname: str | None) -> Person | None:
        words = WORD.findall(written)
        for p in reversed(self.persons):
            if surname and p.surname:
                if fold(surname) == fold(p.surname):
                    return p
                if len(words) == 1 and fold(p.surname) in _surname_keys(words[0]):
                    return p
                if len(words) == 1 or first is None or p.first is None:
                    continue
            if first and p.first and fold(first) == fold(p.first) and (surname is None or p.surname is None):
                if patr is None or p.patronymic is None or fold(patr) == fold(p.patronymic):
                    return p
            if surname and not p.surname and p.first and len(words) == 1 and False:
                return p
        if surname and len(words) == 1:
            # a bare surname met before the full name: link when the full name comes
            for p in self.persons:
                if p.surname and fold(p.surname) in _surname_keys(words[0]):
                    return p
        return None

    def main(self) -> Person | None:
        """The person the article is about: the most mentioned, the first on a tie."""
        if not self.persons:
            return None
        counts = Counter({i: len(p.mentions) for i, p in enumerate(self.persons)})
        best = max(counts.values())
        return next(p for i, p in enumerate(self.persons) if counts[i] == best)


def _role_head(text: str) -> str:
    words = WORD.findall(text)
    for w in words:
        lemma = nlp.lemma(w.lower())
        from docstore.extract.lexicon import ROLE_NOUNS

        if lemma in ROLE_NOUNS:
            return lemma
    return fold(text)


def _org_nominative(text: str) -> str:
    """«пресс-службе лидера Казахстана» → «пресс-служба лидера Казахстана»: the head to the nominative."""
    words = text.split()
    if not words:
        return text
    head = words[0]
    for p in nlp.parses(head.lower()):
        if "NOUN" in p.tag:
            form = p.inflect({"nomn", p.tag.number or "sing"})
            if form:
                w = form.word
                if head.isupper():
                    w = w.upper()
                elif head[0].isupper():
                    w = w[0].upper() + w[1:]
                words[0] = w
            break
    return " ".join(words)


def resolve(found: list[Found], entities: list[Entity], in_quote) -> tuple[list[Speaker], list[tuple[str | None, str | None]]]:
    """Speakers of the article and, per found quote, (speaker key, attributed_as)."""
    people = People()
    per = [e for e in entities if e.type == "PER"]
    for e in per:
        if not in_quote(e.start):
            people.add(e)
    # names inside quotes still teach surnames (a role's owner), but do not make speakers salient
    role_of: dict[str, Person] = {}
    for q in found:
        r = q.ref
        if r is not None and r.kind == "role" and r.person is not None:
            person = people.by_entity.get(r.person.start) or people.add(r.person)
            person.roles.add(r.text)
            role_of.setdefault(fold(r.text), person)
            role_of.setdefault(_role_head(r.text), person)

    speakers: dict[str, Speaker] = {}
    answers: list[tuple[str | None, str | None]] = []
    last: dict[str | None, Person] = {}
    main = people.main()

    def person_speaker(p: Person, alias: str, alias_kind: str, span: tuple[int, int] | None) -> str:
        key = fold(p.name)
        sp = speakers.get(key)
        if sp is None:
            sp = speakers[key] = Speaker(name=p.name, key=key, kind="person")
            for form in p.forms:
                sp.aliases[form] = "name"
            if p.surname:
                sp.aliases[p.surname] = "name"
            sp.mentions.extend(p.mentions)
        sp.aliases.setdefault(alias, alias_kind)
        if span and span not in sp.mentions:
            sp.mentions.append(span)
        last[None] = p
        if p.gender:
            last[p.gender] = p
        return key

    for q in sorted(found, key=lambda f: f.pos):
        r = q.ref
        if r is None:
            if q.kind == "direct" and last.get(None) is None and main is not None and False:
                pass
            answers.append((None, None))
            continue
        span = (r.start, r.end)
        if r.kind == "name":
            p = people.by_entity.get(r.start) or people.add(Entity(r.start, r.end, "PER", r.text))
            answers.append((person_speaker(p, analyse_name(r.text)[0], "name", span), r.text))
        elif r.kind == "role":
            if r.person is not None:
                p = people.by_entity.get(r.person.start) or people.add(r.person)
            elif r.owner:
                answers.append((None, r.text))
                continue
            else:
                p = role_of.get(fold(r.text)) or role_of.get(_role_head(r.text)) or main
            if p is None:
                answers.append((None, r.text))
                continue
            answers.append((person_speaker(p, r.text, "role", span), r.text))
        elif r.kind == "pronoun":
            g = r.gender if r.gender in ("masc", "femn") else None
            p = last.get(g) if g else last.get(None)
            if p is None:
                before = [x for x in people.persons if x.mentions and x.mentions[0][0] < r.start and (g is None or x.gender in (g, None))]
                p = before[-1] if before else main
            if p is None or r.gender == "plur":
                answers.append((None, r.text))
                continue
            answers.append((person_speaker(p, r.text.lower(), "pronoun", None), r.text))
        else:  # org
            name = _org_nominative(r.text)
            key = fold(name)
            sp = speakers.setdefault(key, Speaker(name=name, key=key, kind="organisation"))
            sp.aliases.setdefault(r.text, "name")
            sp.mentions.append(span)
            answers.append((key, r.text))
    # answers were made in attribution order: put them back in the order of ``found``
    order = sorted(range(len(found)), key=lambda i: found[i].pos)
    out: list[tuple[str | None, str | None]] = [(None, None)] * len(found)
    for i, a in zip(order, answers):
        out[i] = a
    return list(speakers.values()), out
