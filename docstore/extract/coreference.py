"""Who: names, roles, pronouns and organisations resolved to the speakers of one article (the Resolver).

A name is its person (people.py). A role noun is the person it stood beside in apposition, else an
unnamed role that spoke before under the same noun or courtroom side, else the person last named as a
subject, else the role as written (roles.py). A pronoun is the last speaker of its gender. An
organisation is the body named, or for a generic noun the body of that kind named before
(organisations.py). A quote with no words naming its speaker goes on with the last one who spoke.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import replace
from itertools import islice

from docstore.extract import lexicon as lx
from docstore.extract import nlp
from docstore.extract.document import Found, Ref
from docstore.extract.extraction import Speaker
from docstore.extract.names import WORD, analyse_name, fold
from docstore.extract.nlp import Entity
from docstore.extract.organisations import (
    PREPOSITIONS,
    _abbreviates,
    _generic_org,
    _head_gender,
    _mouthpiece_owner,
    _org_nominative,
    _org_speaker,
    _same_kind,
)
from docstore.extract.people import People, Person, _gender_hint, _inflected
from docstore.extract.refs import _person_word
from docstore.extract.roles import (
    ONE_OF_MANY,
    Roles,
    _nominative_role,
    _other_side,
    _owner_by_gender,
    _same_unnamed,
    _unnamed_speaker,
    nominative_aliases,
)
from docstore.extract.text import Spans


def _asks(text: str, pos: int) -> bool:
    """Does the sentence at ``pos`` ask a question («поинтересовался, не приведёт ли …»)?"""
    start = max(text.rfind(ch, 0, pos) for ch in ".!?\n") + 1
    ends = [i for i in (text.find(ch, pos) for ch in ".!?\n") if i >= 0]
    sentence = text[start : min(ends) if ends else len(text)]
    return any(nlp.lemma(w.lower()) in lx.QUESTION_VERBS for w in WORD.findall(sentence))


def _anonymous(sentence: str) -> bool:
    """«Сотрудница, попросившая не называть её имени, рассказала …»: nobody to name."""
    low = sentence.lower()
    return "не называть" in low or "на условиях анонимности" in low or "пожелавший остаться неизвестным" in low


def _preposition_before(text: str, pos: int) -> bool:
    """A preposition right before ``pos``, in the same clause: «на замдиректора», «у губернатора»."""
    m = re.search(r"(?<![\w-])(\w+)\s+$", text[max(0, pos - 20) : pos])
    return bool(m) and m.group(1).lower() in PREPOSITIONS


def _after_preposition(text: str, pos: int) -> bool:
    """A name in an oblique case by what stands before it: a preposition («у Вендела»), or a
    common noun that is not itself in the genitive («замену Вендела»; «директор школы Сергей
    Лапин» keeps its apposition)."""
    words = WORD.findall(text[max(0, pos - 30) : pos])
    if not words or text[pos - 1] != " ":
        return False
    prev = words[-1]
    if prev.lower() in PREPOSITIONS:
        return True
    if not prev.islower():
        return False
    parses = nlp.parses(prev)
    return (
        any("NOUN" in p.tag for p in parses)
        and not any("gent" in p.tag or "VERB" in p.tag or "anim" in p.tag for p in parses)
    )


_ACCORDING_BEFORE = re.compile(
    r"(?<![\w-])по\s+(?:словам|мнению|информации|данным|оценке|убеждению|утверждению)(?![\w-])[^,.;:!?«»\"\n]*$", re.I
)


def resolve(
    text: str, found: list[Found], appositions: list[Ref], orgs: list[Ref], entities: list[Entity], in_quote
) -> tuple[list[Speaker], list[tuple[str | None, str | None]]]:
    """Speakers of the article and, per found quote, (speaker key, attributed_as)."""
    # «Его герой Вахтанг Георгиевич …», «в роли Гамлета»: a character of a film or a play, not a person of the news
    def character(start: int) -> bool:
        return _CHARACTER.search(text, max(0, start - 30), start) is not None

    def outlet(e: Entity) -> bool:  # «сообщает корреспондент Укринформа»: one word after the press is its name
        m = _WORD_BEFORE.search(text, max(0, e.start - 40), e.start)
        return " " not in e.text.strip() and m is not None and nlp.lemma(m[1].lower()) in lx.MEDIA_NAMES

    entities = [e for e in entities if not (e.type == "PER" and (character(e.start) or outlet(e)))]
    appositions = [r for r in appositions if r.person is None or not (character(r.person.start) or outlet(r.person))]
    return Resolver(text, found, appositions, orgs, entities, in_quote).run()


_WORD_BEFORE = re.compile(r"([А-ЯЁа-яё-]+)\s+$")
_CHARACTER = re.compile(r"(?<![\w-])(?:геро(?:й|я|ем|ю|иня|ини|иней|иню)|персонаж\w*|в\s+роли|роль)\s+$", re.IGNORECASE)


_VERB_AFTER = re.compile(r"\s+([а-яё]+)")


def _past_verb_after(text: str, end: int) -> str | None:
    """The gender of a past-tense verb that follows at once («наведалась» → femn), if the word is only that."""
    m = _VERB_AFTER.match(text, end)
    if m is None:
        return None
    parses = nlp.parses(m[1])
    if not parses or "VERB" not in parses[0].tag or "past" not in parses[0].tag:
        return None
    return parses[0].tag.gender if parses[0].tag.gender in ("masc", "femn") else None


_PRESS = lx.MEDIA_NAMES | {"сми", "пресса"}
_PERSON_MOUTHPIECES = frozenset({"представитель", "спикер"})  # people who speak for a body
_SENTENCE_END = re.compile(r"[.!?…]\s+|\n")
_CYRILLIC_WORD = re.compile(r"([А-ЯЁа-яё][а-яё-]*)")
_OPENING_WORDS = 8  # «В судебном заседании обвиняемый …»: how far into a sentence its subject is looked for

# How far back (in subject mentions) a pronoun or role noun looks for its person: bounded, so that a
# long article costs time in proportion to its length.
RECENT = 300


class _Said:
    """Who spoke, in reading order: the speaker's key, whether a body, its gender, where."""

    __slots__ = ("key", "body", "gender", "pos")

    def __init__(self, key: str, body: bool, gender: str | None, pos: int) -> None:
        self.key, self.body, self.gender, self.pos = key, body, gender, pos


class Resolver:
    """The speakers of one article, found for each quote's words that name them, in reading order.

    It learns as it goes: the persons the NER found (people.py), the roles they were named by
    (roles.py), the organisations named (organisations.py), where each person stood as a subject,
    and who has spoken so far — which a pronoun, a role noun or a generic «ведомство» refers back to.
    """

    def __init__(
        self, text: str, found: list[Found], appositions: list[Ref], orgs: list[Ref], entities: list[Entity], in_quote
    ) -> None:
        self.text, self.found = text, found
        self.orgs = sorted(orgs, key=lambda o: o.start)
        self._org_starts = [o.start for o in self.orgs]
        self.people = People()
        self.roles = Roles()
        self.speakers: dict[str, Speaker] = {}
        self.said: list[_Said] = []
        self.last: dict[str | None, Person] = {}
        verb_gender = {q.ref.start: q.ref.gender for q in found if q.ref is not None}
        # «заявил адвокат Петрова»: a man spoke, so «Петрова» is whose lawyer, not the lawyer
        appositions = [r for r in appositions if not _owner_by_gender(replace(r, gender=verb_gender.get(r.start)))]
        self._learn_people(entities, appositions, verb_gender, in_quote)
        self._names_at = sorted(e.start for e in entities if e.type == "PER")
        self.in_quote = in_quote
        self._learn_subjects(entities, appositions, in_quote)

    # ------------------------------------------------------------------ what the article tells first

    def _learn_people(self, entities: list[Entity], appositions: list[Ref], verb_gender: dict, in_quote) -> None:
        text = self.text
        # a name beside a role noun in the nominative is in the nominative too
        # … unless a preposition governs the role: «ссылаясь на замдиректора ФСИН Валерия Максименко» (not Валерия)
        apposed = {
            r.person.start: "obl" if _preposition_before(text, r.start)
            else analyse_name(r.person.text)[2] if not _nominative_role(r.text) else "nomn"
            for r in appositions
            if r.person is not None and len(r.person.text.split()) > 1
        }
        # «заявила адвокат Петрова»: the verb tells the gender of the one who holds the role
        held = {r.person.start: g for r in appositions
                if r.person is not None and (g := verb_gender.get(r.start)) in ("masc", "femn")}
        for e in entities:
            if e.type == "PER" and _ACCORDING_BEFORE.search(text[max(0, e.start - 80) : e.start]):
                apposed[e.start] = "gent"  # «по информации главы УВД Малика Нурдинова»: after «по словам» a name is genitive
        for q in self.found:  # «Санду отметила»: the subject of a verb it agrees with is in the nominative
            if q.ref is not None and q.ref.kind == "name" and q.ref.gender in ("masc", "femn"):
                held.setdefault(q.ref.start, q.ref.gender)
                apposed.setdefault(q.ref.start, "nomn")
        self._before_verb = set()
        for e in entities:  # … so is a one-word name right before a past verb of one gender: «Санду наведалась»
            if e.type == "PER" and " " not in e.text and (gender := _past_verb_after(text, e.end)) is not None:
                held.setdefault(e.start, gender)
                apposed.setdefault(e.start, "nomn")
                self._before_verb.add(e.start)
        for e in entities:
            if e.type == "PER" and not in_quote(e.start):
                self.people.add(e, held.get(e.start) or _gender_hint(text, e.start, e.end), apposed.get(e.start))
        for r in appositions:
            if r.person is not None and not in_quote(r.start):
                person = self.people.by_entity.get(r.person.start) or self.people.add(r.person)
                person.roles.add(r.text)
                self.roles.learn(r.text, person, r.start)

    def _learn_subjects(self, entities: list[Entity], appositions: list[Ref], in_quote) -> None:
        text, people = self.text, self.people
        # names in an oblique case: «поблагодарил Лаптева» — that person is not the subject there
        self.oblique = {
            e.start for e in entities
            if e.type == "PER" and e.start not in self._before_verb
            and analyse_name(e.text, _gender_hint(text, e.start, e.end))[2] not in ("nomn", None)
        }
        self.oblique |= {e.start for e in entities
                         if e.type == "PER" and len(e.text.split()) == 1 and _inflected(e.text, people)}
        self.oblique |= {e.start for e in entities if e.type == "PER" and _after_preposition(text, e.start)}
        # where each person stands as a subject (a name in the nominative, or a resolved attribution)
        # … but not inside somebody's reported words: «X написал, что Дзюба отказался … По его словам, …» is X
        reported = Spans((f.start, f.end) for f in self.found)
        self.subjects: dict[int, Person] = {
            e.start: people.by_entity[e.start]
            for e in entities
            if e.type == "PER" and e.start in people.by_entity and e.start not in self.oblique
            and not reported.holds(e.start)
        }
        for r in appositions:  # «С ним не согласился генеральный директор … Артур Ли»: a subject too
            if r.person is not None and not in_quote(r.start) and _nominative_role(r.text) and not reported.holds(r.start):
                self.subjects[r.start] = people.by_entity.get(r.person.start) or people.add(r.person)
        self._subject_at = sorted(self.subjects)
        # the person the article is about: named most often as a subject, then most often at all
        # («В интервью корреспонденту Алексею Курилову академик Сергеев рассказал …»: Сергеев)
        as_subject = Counter(id(p) for p in self.subjects.values())
        self.main = max(people.persons, key=lambda p: (as_subject[id(p)], len(p.mentions)), default=None)

    def _subject(self, at: int, p: Person) -> None:
        if at not in self.subjects:
            insort(self._subject_at, at)
        self.subjects[at] = p

    def _subjects_before(self, pos: int):
        """(position, person) of the subjects before ``pos``, nearest first, at most RECENT of them."""
        i = bisect_left(self._subject_at, pos)
        for at in reversed(self._subject_at[max(0, i - RECENT) : i]):
            yield at, self.subjects[at]

    def _subject_between(self, a: int, b: int) -> bool:
        return bisect_right(self._subject_at, a) < bisect_left(self._subject_at, b)

    def _named_before(self, pos: int) -> list[Ref]:
        return self.orgs[: bisect_left(self._org_starts, pos)]

    # ------------------------------------------------------------------ reading the quotes in order

    def run(self) -> tuple[list[Speaker], list[tuple[str | None, str | None]]]:
        # in reading order of the attributions, so that «он» finds the speaker before it
        found = self.found
        answers: dict[int, tuple[str | None, str | None]] = {}
        for i in sorted(range(len(found)), key=lambda i: found[i].pos):
            answers[i] = self.who(found[i])
            key, ref = answers[i][0], found[i].ref
            if key is not None and ref is not None:
                kind = self.speakers[key].kind if key in self.speakers else "person"
                # a role's gender is its verb's («представитель компании сообщила»), else its noun's
                gender = _head_gender(ref.text) if kind == "organisation" else (
                    ref.gender if ref.gender in ("masc", "femn") else _head_gender(self.speakers[key].name)
                ) if kind == "role" else "plur" if kind == "group" else None
                self.said.append(_Said(key, kind == "organisation", gender, found[i].pos))
        for sp in self.speakers.values():
            sp.aliases = nominative_aliases(sp, self.text)
            sp.aliases.pop("", None)
        return list(self.speakers.values()), [answers[i] for i in range(len(found))]

    def who(self, q: Found) -> tuple[str | None, str | None]:
        """(speaker key, the words as written) for one quote."""
        r = q.ref
        if r is None:
            # a dialogue reply nobody signs is the interviewee's; a speech verb without a subject
            # («Также отметила, что …») goes on with whoever spoke last
            if not q.dialogue and self.said:
                return self.said[-1].key, None
            p = self.fallback(None)
            return (self.person_speaker(p, "", "", None), None) if p else (None, None)
        if r.kind == "name":
            # a name the verb agrees with stands as its subject, in the nominative («Санду отметила»)
            subject = r.gender in ("masc", "femn")
            p = self.people.by_entity.get(r.start) or self.people.add(
                Entity(r.start, r.end, "PER", r.text), r.gender if subject else None, "nomn" if subject else None)
            return self.person_speaker(p, analyse_name(r.text)[0], "name", (r.start, r.end)), r.text
        if r.kind == "role":
            return self.who_role(q, r)
        if r.kind == "anonymous" or (q.unit and _anonymous(self.text[q.unit[0] : q.unit[1]])):
            return _unnamed_speaker(r, self.speakers, self.text) if r.kind in ("anonymous", "role") else (None, r.text)
        if r.kind == "pronoun":
            return self.who_pronoun(q, r)
        return self.who_org(q, r)

    def who_role(self, q: Found, r: Ref) -> tuple[str | None, str | None]:
        """«глава государства», «адвокат Петрова», «врачи», «собеседник агентства»."""
        text, span = self.text, (r.start, r.end)
        head = WORD.findall(r.text)[:1]
        if r.person is None and r.gender == "plur" and head and nlp.lemmas(head[0].lower()) & lx.BODY_PEOPLE:
            named = self._named_before(r.start)
            if named:  # «Полицейские уточнили, что …» after «сообщили в ДП Шымкента»: the department
                o = self.antecedent(named)
                return _org_speaker(Ref("org", o.start, o.end, o.text), self.speakers, text)[0], r.text
        if r.person is None and ONE_OF_MANY.match(r.text):
            return _unnamed_speaker(r, self.speakers, text)  # «одна из зрительниц»: one of many, named by none
        if r.person is not None and _owner_by_gender(r):
            r = Ref("role", r.start, r.end, r.text, gender=r.gender, owner=True)
        if r.person is not None:
            p = self.people.by_entity.get(r.person.start) or self.people.add(r.person)
        elif r.owner:  # «адвокат Александра Пилипенко»: whoever the article names as that lawyer, if anyone
            p = self.roles.find(r.text, r.gender, r.start)
        else:
            same = _same_unnamed(r, self.said, self.speakers)
            if same is not None:
                return same, r.text  # «Адвокат Мартынюка сообщил …» then «По словам защитника, …»
            # «заявляют защитники», «депутаты назвали»: several people, not one of them named before
            # «представитель прокуратуры»: whoever the article named so, else nobody named — not the last person
            speaks_for = bool(head) and nlp.lemma(head[0].lower()) == "представитель" and len(WORD.findall(r.text)) > 1
            p = None if r.gender == "plur" else self.roles.find(r.text, r.gender, r.start) or (None if speaks_for else self.fallback(
                r.gender, q.unit, r.start, reply=q.verb in lx.REPLY_VERBS, role=r.text
            ))
            if p is None and head and nlp.lemma(head[0].lower()) in ("собеседник", "собеседница") and self.said \
                    and self.said[-1].body:
                return self.said[-1].key, r.text  # «Об этом ТАСС сообщили в полиции. "…", - сказал собеседник агентства»
        if p is None:
            return _unnamed_speaker(r, self.speakers, text)
        return self.person_speaker(p, r.text, "role", span), r.text

    def who_pronoun(self, q: Found, r: Ref) -> tuple[str | None, str | None]:
        """«он», «она», «по её словам», «они»."""
        last = self.said[-1] if self.said else None
        # «по его словам»: one person's words; a body has data («по её данным»), or words as a group («по их словам»)
        words = r.gender != "plur" and self.text[r.end : r.end + 8].lstrip().lower().startswith("слов")
        if last is not None and last.body and (r.gender == "plur" or last.gender == r.gender) and not words \
                and not self._subject_between(last.pos, r.start):
            return last.key, r.text  # «Об этом сообщает пресс-служба ГУВД. По её данным, …»
        if r.gender == "plur":
            return None, r.text
        # «Обвиняемый вину признал. По его словам, …»: a role noun opening a sentence after the last speaker
        subject = self._role_subject_before(r.start, r.gender)
        if subject is not None and (last is None or subject.start > last.pos):
            # … a person named before in that role («подсудимый» for Сурков), else the role as written
            p = self.fallback(r.gender, q.unit, subject.start, role=subject.text)
            if p is None:
                return _unnamed_speaker(subject, self.speakers, self.text)
            return self.person_speaker(p, subject.text.lower(), "role", None), r.text
        if last is not None and last.gender == r.gender and self.speakers[last.key].kind == "role" \
                and not self._subject_between(last.pos, r.start):
            return last.key, r.text  # «Адвокат Мартынюка сообщил … По его словам, …»: the lawyer again
        p = self.fallback(r.gender, q.unit, r.start, reply=q.verb in lx.REPLY_VERBS)
        if p is None and subject is not None:
            return _unnamed_speaker(subject, self.speakers, self.text)
        if p is None:  # «собеседница агентства» … «— сказала она»: the role nobody named
            unnamed = next((s for s in reversed(self.said)
                            if s.gender == r.gender and self.speakers[s.key].kind == "role"), None)
            return (unnamed.key, r.text) if unnamed else (None, r.text)
        return self.person_speaker(p, r.text.lower(), "pronoun", (r.start, r.end)), r.text

    def who_org(self, q: Found, r: Ref) -> tuple[str | None, str | None]:
        """«МЧС», «в пресс-службе суда», «ведомство», «говорится в сообщении»."""
        text, speakers = self.text, self.speakers
        head = WORD.findall(r.text)[:1]
        if head and nlp.lemma(head[0].lower()) in _PERSON_MOUTHPIECES \
                and (p := self.roles.find(r.text, r.gender, r.start)) is not None:
            # «представитель МИД отметил» after «официальный представитель МИД Айбек Жумабаев»: the one named so
            return self.person_speaker(p, r.text, "role", (r.start, r.end)), r.text
        owner = _mouthpiece_owner(r, text)
        if owner is not r and owner.generic:
            # «в пресс-службе суда»: the court named before, if the article named one; else as written
            kin = [o for o in self._named_before(r.start)[-RECENT:] if _same_kind(owner.text, o.text)]
            return (_org_speaker(self.antecedent(kin), speakers, text)[0], r.text) if kin else _org_speaker(r, speakers, text)
        r = owner
        if r.generic and (author := self.author_of(r)) is not None:
            return self.person_speaker(author, "", "", None), r.text  # «… опубликовал пост» … «— говорится в посте»
        if _generic_org(r, text):
            named = self._named_before(r.start)[-RECENT:] or self.orgs[:RECENT]
            # «зарубежные СМИ писали … Во внешнеполитическом ведомстве назвали»: the press is no body that speaks
            named = [o for o in named if not all(nlp.lemma(w.lower()) in _PRESS for w in WORD.findall(o.text))]
            noun = next((lemma for w in WORD.findall(r.text) if (lemma := nlp.lemma(w.lower())) in lx.ORG_NOUNS), "")
            if noun in lx.ORG_NOUNS and noun not in lx.STATEMENT_NOUNS and r.text.strip().islower() and named:
                named = [o for o in named if _same_kind(r.text, o.text)]
                if not named:
                    return _org_speaker(r, speakers, text)  # «в прокуратуре» after «УВД …»: a body of its own
            if not named:
                return (None, r.text) if r.generic else _org_speaker(r, speakers, text)
            o = self.antecedent(named)
            return _org_speaker(Ref("org", o.start, o.end, o.text), speakers, text)[0], q.ref.text
        # «сообщили в УВД» after «УВД Джалал-Абадской области опровергло»: the one named in full
        short = r.text.strip()
        fuller = [o for o in self._named_before(r.start)[-RECENT:] if len(o.text.split()) > 1
                  and (o.text.split()[0] == short or _abbreviates(short, o.text))]
        if fuller and len(r.text.split()) == 1:
            return _org_speaker(fuller[-1], speakers, text)[0], q.ref.text
        return _org_speaker(r, speakers, text)

    # ------------------------------------------------------------------ referring back

    def _role_subject_before(self, pos: int, gender: str | None) -> Ref | None:
        """A noun for a person near the start of one of the two sentences before ``pos``, in the nominative and
        of the pronoun's gender: «В заседании обвиняемый вину признал частично. По его словам, …» — the defendant."""
        text = self.text
        start = max(0, pos - 400)
        starts = [start, *(m.end() for m in _SENTENCE_END.finditer(text, start, pos))]
        ends = [*starts[1:], pos]
        for s, e in reversed(list(zip(starts, ends))[-3:]):  # the pronoun's own sentence and the two before it
            for m in islice(_CYRILLIC_WORD.finditer(text, s, e), _OPENING_WORDS):
                if (found := self._role_word(m, pos, gender)) is not None:
                    return found
        return None

    def _role_word(self, m: re.Match, pos: int, gender: str | None) -> Ref | None:
        if self.in_quote(m.start(1)):
            return None  # «"Я учитель истории …", — сказал он»: his words, not who he is
        if bisect_right(self._names_at, m.start(1)) < bisect_left(self._names_at, pos):
            return None  # «Директор центра … Георгий Викулов высказался»: a name follows, the role is his
        word = m[1]
        parse = next((p for p in nlp.parses(word.lower())[:2]
                      if "NOUN" in p.tag or "ADJF" in p.tag or "Subx" in p.tag), None)  # «Обвиняемый»: PRTF
        if parse is None or "nomn" not in parse.tag or "sing" not in parse.tag or parse.tag.gender != gender:
            return None
        if any(g in parse.tag for g in ("Name", "Surn", "Patr", "Geox", "Orgn")):
            return None
        if "PRTF" in parse.tag:  # «Подсудимая»: the substantivised participle, not its verb «судить»
            lemma = (parse.inflect({"masc", "sing", "nomn"}) or parse).word
        else:
            lemma = parse.normal_form
        if lemma in lx.ROLE_NOUNS or any(lemma in side for side in lx.COURT_SIDES) or _person_word(word.lower()):
            return Ref("role", m.start(1), m.end(1), word, gender=gender)
        return None

    def fallback(
        self, gender: str | None, unit: tuple[int, int] | None = None, pos: int | None = None, reply: bool = False,
        role: str | None = None,
    ) -> Person | None:
        """Who a pronoun or an unmatched role noun at ``pos`` stands for.

        The person last named as a subject before it, of that gender; else the last
        speaker of that gender; else the article's main person if the gender fits. A
        person named in the same sentence in another case («поблагодарил Лаптева») is
        not the one a role noun or pronoun there stands for; nor one who holds another
        side of a courtroom than the role names.
        """
        def other(p: Person) -> bool:
            # … in the same clause: «Майю Санду спросили, …, однако она указала» is she
            return unit is not None and any(
                unit[0] <= s < unit[1] and s in self.oblique and (pos is None or "," not in self.text[min(s, pos) : max(s, pos)])
                for s, _ in p.mentions
            ) or role is not None and _other_side(p, role)

        if pos is not None:
            fits = ((at, p) for at, p in self._subjects_before(pos)
                    if (gender not in ("masc", "femn") or p.gender in (gender, None)) and not other(p))
            nearest = next(fits, None)
            if reply and nearest is not None and _asks(self.text, nearest[0]):
                # «— …, — ответил чиновник» after «Дроздов поинтересовался …»: not the one who asked
                asker = nearest[1]
                nearest = next((b for b in fits if b[1] is not asker), None)
            if nearest is not None:
                return nearest[1]
        main, last = self.main, self.last
        if gender in ("masc", "femn"):
            if gender in last and not other(last[gender]):
                return last[gender]
            if main is not None and main.gender in (gender, None) and not other(main):
                return main
            same = [p for p in self.people.persons if p.gender == gender and not other(p)]
            return max(same, key=lambda p: len(p.mentions)) if same else None
        p = last.get(None) or main
        return None if p is not None and other(p) else p

    def person_speaker(self, p: Person, alias: str, alias_kind: str, span: tuple[int, int] | None) -> str:
        key = fold(p.name)
        sp = self.speakers.get(key)
        if sp is None:
            sp = self.speakers[key] = Speaker(name=p.name, key=key, kind="person")
            for form in p.forms:
                sp.aliases[form] = "name"
            if p.surname:
                sp.aliases[p.surname] = "name"
            for role in p.roles:
                sp.aliases.setdefault(role, "role")
            sp.mentions.extend(p.mentions)
        sp.aliases.setdefault(alias, alias_kind)
        if alias_kind == "role":
            p.roles.add(alias)  # what the person is called here tells who else they cannot be
        if span and span not in sp.mentions:
            sp.mentions.append(span)
        if span:
            self._subject(span[0], p)
        self.last[None] = p
        if p.gender:
            self.last[p.gender] = p
        return key

    def antecedent(self, named: list[Ref]) -> Ref:
        """The organisation «ведомство», «в сообщении» stands for: the last one named before that has
        spoken already (not «государств СНГ» mentioned in passing since), else the last one named."""
        spoke = [o for o in named if fold(_org_nominative(o.text, self.text)) in self.speakers]
        return (spoke or named)[-1]

    def author_of(self, r: Ref) -> Person | None:
        """Who wrote the post, statement or letter «в посте», «в заявлении» refers back to: the person named
        as the subject of the sentence that brought that post in («X опубликовал в Telegram-канале пост»)."""
        text = self.text
        words = WORD.findall(r.text)
        if len(words) != 1 or nlp.lemma(words[0].lower()) not in lx.STATEMENT_NOUNS:
            return None
        noun = nlp.lemma(words[0].lower())
        put_out = {noun} | lx.STATEMENT_VERBS.get(noun, frozenset())  # «Об этом он сообщил в Twitter. «…», — говорится в сообщении»
        for m in reversed(list(WORD.finditer(text, max(0, r.start - 1500), r.start))):
            if nlp.lemma(m.group().lower()) in put_out:
                nearest = next(self._subjects_before(m.start()), None)
                if nearest is None or re.search(r"[.!?\n]", text[nearest[0] : m.start()]):
                    return None
                return nearest[1]
        return None
