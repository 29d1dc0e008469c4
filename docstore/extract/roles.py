"""Roles as speakers: who a role noun («глава государства») stands for, learnt from appositions; a role
with a genitive owner («адвокат Петрова») is somebody else; a role nobody names is its own speaker, as
written, in the nominative.
"""

from __future__ import annotations

import re

from docstore.extract import lexicon as lx
from docstore.extract import nlp
from docstore.extract.document import Ref
from docstore.extract.extraction import Speaker
from docstore.extract.names import WORD, fits_case, fold
from docstore.extract.organisations import _org_nominative
from docstore.extract.people import Person
from docstore.extract.refs import ACTING, deputy_office


def _nominative_role(text: str) -> bool:
    """Does a role phrase start in the nominative (and not only in an oblique case)?"""
    first = WORD.findall(text)[:1]
    return bool(first) and any("nomn" in p.tag and "sing" in p.tag for p in nlp.parses(first[0].lower()))


def role_key(text: str) -> str:
    """«Главы государства» → «глава государство»: the lemmas of a role phrase; a deputy written as one
    word is spelt out («замгенпрокурора» → «заместитель генпрокурор», as «Заместитель генпрокурора»)."""
    return " ".join(_spelt_out(nlp.lemma(w.lower())) for w in WORD.findall(text))


def _spelt_out(lemma: str) -> str:
    office = deputy_office(lemma)
    return "заместитель " + office if office else lemma


def _role_head(key: str) -> str:
    words = key.split()
    for i, w in enumerate(words):
        # «официальный представитель»: the adjective heads only when no role noun follows it
        if w in lx.ROLE_NOUNS and not (w == "официальный" and any(x in lx.ROLE_NOUNS for x in words[i + 1 :])):
            return w
    return key


def _compatible(a: str, b: str) -> bool:
    """«наставник волгоградец» is not «главный тренер торпедо»: two roles whose complements
    both exist and share no word are different people."""
    ta, tb = set(a.split()[1:]) - lx.ROLE_NOUNS, set(b.split()[1:]) - lx.ROLE_NOUNS
    ta = {w for w in ta if w not in ("главный", "генеральный")}
    tb = {w for w in tb if w not in ("главный", "генеральный")}
    return not (ta and tb and ta.isdisjoint(tb))


def _beyond(key: str, classes: list[frozenset[str]]) -> str:
    """The role with the office's own words taken off, its head kept: «глава правительство армения» →
    «глава армения», so that «глава правительства» and «премьер-министр Армении» can be one person."""
    member = max((m for c in classes for m in c if key == m or key.startswith(m + " ")), key=len, default="")
    if not member:
        return key
    return " ".join([member.split()[0]] + key[len(member):].split())


def _in_class(key: str, office: frozenset[str]) -> bool:
    """«президент рф» belongs with «глава государство»: a member, or a member with a complement."""
    return key in office or any(key.startswith(member + " ") for member in office)


class Roles:
    """Who each role phrase of the article stands for, learnt from appositions.

    The apposition nearest before the role wins; one after it counts only when none
    stands before («Наставник добавил…» is not the coach introduced two paragraphs later).
    """

    def __init__(self) -> None:
        self.seen: list[tuple[str, Person, int]] = []

    def learn(self, text: str, person: Person, pos: int) -> None:
        self.seen.append((role_key(text), person, pos))

    def find(self, text: str, gender: str | None, pos: int) -> Person | None:
        key = role_key(text)
        head = _role_head(key)
        fits = [(k, p, at) for k, p, at in self.seen if gender in (None, "plur") or p.gender in (gender, None)]
        ordered = sorted(fits, key=lambda f: (f[2] > pos, -f[2] if f[2] <= pos else f[2]))
        for k, p, _ in ordered:
            if k == key:
                return p
        # «американский лидер» is whoever was «президент США»; not the leader of another country
        nation = next((lx.NATIONS[w] for w in key.split() if w in lx.NATIONS), None)
        if nation is not None:
            return next((p for k, p, _ in ordered if nation & set(k.split())), None)
        classes = [c for c in lx.ROLE_CLASSES if _in_class(key, c)]
        for k, p, _ in ordered:
            if any(_in_class(k, c) for c in classes) and _compatible(_beyond(key, classes), _beyond(k, classes)):
                return p
        same_head = {id(p): p for k, p, _ in fits if _role_head(k) == head and _compatible(key, k)}
        if len(same_head) == 1:
            return next(iter(same_head.values()))
        return None


def _same_unnamed(r: Ref, said: list, speakers: dict[str, Speaker]) -> str | None:
    """The unnamed role that spoke before and that this role noun names again: the same head noun, or
    the same side of a courtroom («адвокат X» … «защитник»)."""
    if r.gender == "plur":
        return None
    key = role_key(r.text)
    head, side = _role_head(key), _court_side(r.text)
    for s in reversed(said[-300:]):
        sp = speakers[s.key]
        if sp.kind != "role" or s.gender not in (r.gender, None) and r.gender is not None:
            continue
        other = role_key(sp.name)
        if _role_head(other) == head or side is not None and _court_side(sp.name) == side:
            return s.key
    return None


def _court_side(role: str) -> int | None:
    lemmas = {nlp.lemma(w.lower()) for w in WORD.findall(role)}
    return next((i for i, side in enumerate(lx.COURT_SIDES) if side & lemmas), None)


def _other_side(p: Person, role: str) -> bool:
    """Does ``p`` hold another side of the courtroom than ``role`` names (the lawyer is not the judge)?"""
    side = _court_side(role)
    return side is not None and any((s := _court_side(known)) is not None and s != side for known in p.roles)


def _owner_by_gender(r: Ref) -> bool:
    """«заявил адвокат Петрова»: the verb says a man spoke, so «Петрова» is not a woman standing beside
    the role but the genitive of «Петров», whose lawyer spoke."""
    if r.gender not in ("masc", "femn") or r.person is None:
        return False
    words = r.person.text.split()
    other = "femn" if r.gender == "masc" else "masc"
    return not any(fits_case(w, r.gender, "nomn") for w in words) and all(
        fits_case(w, other, "gent") or fits_case(w, r.gender, "gent") for w in words
    )


ONE_OF_MANY = re.compile(r"(одн\w*|один)\s+из\s+", re.IGNORECASE)


def role_nominative(text: str, article: str = "") -> str:
    """A role or group as written, in the nominative: «заместителя министра региона» → «заместитель министра
    региона», «одной из пассажирок» → «одна из пассажирок», «выступавшего» → «выступавший»."""
    if ACTING.match(text):
        return text  # «и.о. директора»: the office held for someone else governs the genitive after it
    one_of = ONE_OF_MANY.match(text)
    if one_of:  # «один» agrees, the rest stays as written
        word = nlp.parses(one_of[1].lower())[0]
        form = word.inflect({"nomn"} | ({word.tag.gender} if word.tag.gender else set()))
        return (form.word if form else one_of[1].lower()) + text[len(one_of[1]) :]
    name = _org_nominative(text, article)
    if name == text and " " not in text:  # «выступавшего», «председательствующего»: a participle for a person
        word = next((p for p in nlp.parses(text.lower()) if "PRTF" in p.tag or "ADJF" in p.tag), None)
        form = word.inflect({"nomn", word.tag.number or "sing"} | ({"masc"} if word.tag.number != "plur" else set())) \
            if word is not None else None
        name = form.word if form is not None else name
    return name


def nominative_aliases(sp: Speaker, article: str) -> dict[str, str]:
    """A speaker's aliases in the nominative, as users look them up: roles («губернатора» → «губернатор»)
    and an organisation's forms («в Роскосмосе» → «Роскосмос»); a person's name forms as the names stage
    gave them."""
    out: dict[str, str] = {}
    for alias, kind in sp.aliases.items():
        if kind == "role":
            alias = role_nominative(alias, article)
        elif sp.kind == "organisation":
            alias = _org_nominative(alias, article)
        out.setdefault(alias, kind)
    return out


def _unnamed_speaker(r: Ref, speakers: dict[str, Speaker], article: str = "") -> tuple[str, str]:
    """Nobody is named: the role or group as written, in the nominative («по словам адвоката
    Петрова» → «адвокат Петрова», «жителей улицы» → «жители улицы»). Its own kind, ``role`` or
    ``group``, which the store keeps to the article: two articles' «адвокат» are two people."""
    start, end = _role_phrase(article, r.start, r.end) if article else (r.start, r.end)
    text = _LEADING_CLAUSE.sub("", article[start:end] if article else r.text).strip(" ,")
    name = role_nominative(text, article)
    first = name.split(" ", 1)[0]
    if first[:1].isupper() and not first.isupper() and not any(
        g in p.tag for p in nlp.parses(first.lower())[:1] for g in ("Name", "Surn", "Geox", "Orgn", "Abbr")
    ):
        name = name[0].lower() + name[1:]  # «Представитель компании сказал» opens a sentence; the role is not a name
    head = next((p for w in WORD.findall(name) for p in nlp.parses(w.lower())[:1] if "NOUN" in p.tag), None)
    kind = "group" if head is not None and head.tag.number == "plur" and not ONE_OF_MANY.match(text) else "role"
    key = fold(name)
    sp = speakers.setdefault(key, Speaker(name=name, key=key, kind=kind))
    sp.aliases.setdefault(r.text, "role")
    sp.mentions.append((r.start, r.end))
    return key, r.text


def _genitive(word: str) -> bool:
    """Can the word stand in the genitive as a noun's dependent: an adjective or noun in the genitive,
    a number sign, a name in capitals («ГУ МЧС», «ПИК»)?"""
    if word.isupper() or word[:1] == "№" or word.isdigit():
        return True
    return any(p.tag.case in ("gent", "gen2") and ("NOUN" in p.tag or "ADJF" in p.tag or "PRTF" in p.tag)
               for p in nlp.parses(word.lower()))


_NEXT_WORD = re.compile(r"\s+(«[^«»\n]{1,30}»|\"[^\"\n]{1,30}\"|[\w№-]+)")


_ONE_OF = re.compile(r"(?:одн(?:ого|ой|им|ому|а|о|у|ин)|кто-то)\s+из\s+$", re.I)


def _place_noun(text: str, pos: int) -> int | None:
    """The end of «(региональном) управлении» after «в»: adjectives, then a noun in the locative."""
    for _ in range(3):
        n = _NEXT_WORD.match(text, pos)
        if n is None:
            return None
        parses = nlp.parses(n[1].lower())
        if any("NOUN" in p.tag and p.tag.case in ("loct", "loc2") for p in parses):
            return n.end()
        if not any("ADJF" in p.tag and p.tag.case in ("loct", "loc2") for p in parses):
            return None
        pos = n.end()
    return None


def _role_phrase(text: str, start: int, end: int, limit: int = 5) -> tuple[int, int]:
    """The role noun with what makes it the role as written: the adjectives before it, «один из», and
    the genitive words after it («собеседница агентства», «один из участников процесса», «представитель
    управляющей компании «Лидер»»)."""
    words = 0
    source = nlp.lemma(text[start:end].split()[-1].lower()) in lx.ANONYMOUS
    while words < limit and (m := _NEXT_WORD.match(text, end)) and "\n" not in m.group()[:-len(m[1])]:
        w = m[1]
        if source and w.lower() in ("в", "во", "на") and (n := _place_noun(text, m.end())) is not None:
            end, words = n, 2  # «источник в правительстве», «в региональном управлении»: where the source is
            continue
        if not (w[0] in "«\"" or _genitive(w)) or any("PREP" in p.tag or "CONJ" in p.tag for p in nlp.parses(w.lower())[:1]) \
                or nlp.lemma(w.lower()) in lx.SPEECH_VERBS:
            break
        end, words = m.end(), words + 1
    while (m := re.search(r"([\w-]+)\s+$", text[max(0, start - 40) : start])) and any(
        "ADJF" in p.tag or "PRTF" in p.tag for p in nlp.parses(m[1].lower())[:1]
    ) and not m[1][0].isupper():
        start -= len(m.group())
    if (one := _ONE_OF.search(text[max(0, start - 20) : start])):
        start -= len(one.group())
    return start, end


# «Сотрудница, попросившая не называть её имени»: the words that say why there is no name are not the role
_LEADING_CLAUSE = re.compile(r",.*$", re.S)
