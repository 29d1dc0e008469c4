"""Who: names, roles and pronouns resolved to the people and organisations of one article.

A name is grouped with the other mentions of the same person (a bare surname in any
case, a first name with patronymic). A role noun («глава государства») is the person
it stood beside in apposition anywhere in the article, else the article's main
person. A pronoun is the last speaker of its gender. «пресс-секретарь Токаева» is
somebody else than Токаев: it stays unresolved unless a name stands beside it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace

from docstore.extract import lexicon as lx
from docstore.extract import nlp
from docstore.extract.extraction import Speaker
from docstore.extract.names import WORD, analyse_name, fits_case, fold, surname_keys
from docstore.extract.nlp import Entity
from docstore.extract.quotes import Found, Ref, deputy_office


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

    def add(self, ent: Entity, gender_hint: str | None = None, case_hint: str | None = None) -> Person:
        nominative, gender, _ = analyse_name(ent.text, gender_hint, case_hint)
        first, patr, surname = _split_name(nominative, official=case_hint is not None)
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
            if len(words) == 1 and first and p.surname and fold(p.surname) in surname_keys(words[0]):
                return p  # «слова Карпина» after «Валерий Карпин», though pymorphy3 knows a first name Карпина
            if surname and p.surname:
                if fold(surname) == fold(p.surname):
                    return p
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
    from docstore.extract.text import tokenize

    surnames = {
        fold(analyse_name(e.text)[0].split()[-1])
        for e in entities
        if e.type == "PER" and (len(e.text.split()) > 1 or (len(e.text) > 3 and e.text[:1].isupper() and not e.text.isupper()))
    }
    if not surnames:
        return entities
    covered = [(e.start, e.end) for e in entities]
    extra = []
    for tok in tokenize(text):
        if not tok.is_word or not tok.text[0].isupper() or len(tok.text) < 3:
            continue
        if any(s <= tok.start < e for s, e in covered):
            continue
        if surname_keys(tok.text) & surnames:
            extra.append(Entity(tok.start, tok.end, "PER", tok.text))
    return sorted(entities + extra, key=lambda e: e.start)


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


def _nominative_role(text: str) -> bool:
    """Does a role phrase start in the nominative (and not only in an oblique case)?"""
    first = WORD.findall(text)[:1]
    return bool(first) and any("nomn" in p.tag and "sing" in p.tag for p in nlp.parses(first[0].lower()))


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


def _mouthpiece_owner(r: Ref, text: str) -> Ref:
    """«пресс-служба ведомства», «пресс-центр МВД», «представитель МЧС»: the organisation after
    the mouthpiece is the one speaking (a person's press secretary stays as written)."""
    words = list(WORD.finditer(r.text))
    if len(words) < 2 or nlp.lemma(words[0].group().lower()) not in lx.MOUTHPIECES or r.person is not None:
        return r  # (r.person: «Пресс-служба Сомова», a person's office)
    rest = words[1]
    tail = r.text[rest.start():]
    if any("NOUN" in p.tag and "anim" in p.tag and p.normal_form in lx.ROLE_NOUNS or "Surn" in p.tag or "Name" in p.tag
           for p in nlp.parses(rest.group().lower())):
        return r  # «пресс-служба президента», «пресс-служба Токаева»: a person's office, not an organisation's name
    return Ref("org", r.start + rest.start(), r.end, tail, generic=len(words) == 2 and tail.islower())


def _same_kind(generic: str, name: str) -> bool:
    """Can «ведомство», «суд», «ретейлер» refer back to the organisation named ``name``?"""
    lemmas = [nlp.lemma(w.lower()) for w in WORD.findall(generic)]
    g = next((w for w in lemmas if w in lx.ORG_NOUNS), lemmas[0])  # «внешнеполитическое ведомство»: the noun
    words = {nlp.lemma(w.lower()) for w in WORD.findall(name)}
    if g in words or any(g in w for w in words):  # «прокуратура» and «Генпрокуратура»
        return True
    upper = any(w.isupper() for w in WORD.findall(name))
    if g in lx.MOUTHPIECES:  # «сказали в пресс-службе» after «пресс-служба СК», «в СК»: any organisation's
        return True
    if g in lx.ANY_BODY:  # «ведомство», «служба»: any state body, an abbreviation included
        return bool(words & lx.GOVERNMENT_BODIES) or upper
    if g == "министерство":  # «Минздрав», «МВД»
        return any(w.startswith("мин") for w in words) or upper
    if g in lx.GOVERNMENT_BODIES:  # «прокуратура» is not the «УВД» named before
        return False
    if g in lx.COMPANIES:
        return not words & lx.GOVERNMENT_BODIES
    return False


def _generic_org(r: Ref, text: str) -> bool:
    """«в ведомстве», «заявлении компании», «Регулятор не исключает» opening a sentence: an organisation
    noun with no name of its own."""
    words = WORD.findall(r.text)
    if r.generic:
        return True
    if len(words) > 1 and all(w.islower() for w in words) and all(
        any("ADJF" in p.tag for p in nlp.parses(w)[:1]) for w in words[:-1]
    ):
        words = words[-1:]  # «внешнеполитическое ведомство», «региональное министерство»: still no name
    if len(words) != 1 or nlp.lemma(words[0].lower()) not in lx.ORG_NOUNS:
        return False
    if words[0].islower():
        return True
    opens = re.search(r"(?:^|[.!?…]\s*|\n\s*)$", text[max(0, r.start - 3) : r.start]) is not None
    return opens and words[0][1:].islower() and nlp.lemma(words[0].lower()) in lx.ANY_BODY | lx.COMPANIES


def _inflected(word: str, people: People) -> bool:
    """A bare surname in another form than the nominative the article gives it: «Лаптева»."""
    keys = surname_keys(word)
    return any(p.surname and fold(p.surname) != fold(word) and fold(p.surname) in keys for p in people.persons)


def role_key(text: str) -> str:
    """«Главы государства» → «глава государство»: the lemmas of a role phrase; a deputy written as one
    word is spelt out («замгенпрокурора» → «заместитель генпрокурор», as «Заместитель генпрокурора»)."""
    return " ".join(_spelt_out(nlp.lemma(w.lower())) for w in WORD.findall(text))


def _spelt_out(lemma: str) -> str:
    office = deputy_office(lemma)
    return "заместитель " + office if office else lemma


def _role_head(key: str) -> str:
    for w in key.split():
        if w in lx.ROLE_NOUNS:
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


def _head_gender(words: str) -> str | None:
    """The grammatical gender of the noun that heads an organisation's name («пресс-служба ГУВД» → femn)."""
    for w in WORD.findall(words):
        nouns = [p for p in nlp.parses(w.lower()) if "NOUN" in p.tag and p.is_known]
        if nouns:
            return nouns[0].tag.gender
    return None


def _org_speaker(r: Ref, speakers: dict[str, Speaker], article: str = "") -> tuple[str, str]:
    """The organisation a reference names, as a speaker: (key, the words as written)."""
    name = _org_nominative(r.text, article)
    key = fold(name)
    sp = speakers.setdefault(key, Speaker(name=name, key=key, kind="organisation"))
    sp.aliases.setdefault(r.text, "name")
    sp.mentions.append((r.start, r.end))
    return key, r.text


class _Spans:
    """Spans of the text, asked whether they hold a position in logarithmic time."""

    def __init__(self, spans) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def holds(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def _same_unnamed(r: Ref, said: list, speakers: dict[str, Speaker]) -> str | None:
    """The unnamed role that spoke before and that this role noun names again: the same head noun, or
    the same side of a courtroom («адвокат X» … «защитник»)."""
    if r.gender == "plur":
        return None
    key = role_key(r.text)
    head, side = _role_head(key), _court_side(r.text)
    for who, _, gender, _ in reversed(said):
        sp = speakers[who]
        if sp.kind != "role" or gender not in (r.gender, None) and r.gender is not None:
            continue
        other = role_key(sp.name)
        if _role_head(other) == head or side is not None and _court_side(sp.name) == side:
            return who
    return None


def _abbreviates(short: str, full: str) -> bool:
    """«МИД» for «Министерство иностранных дел Молдавии»: the capitals are the initials of the name's first
    words (the rest, «Молдавии», says whose): one organisation in its short and long forms."""
    if not (2 <= len(short) <= 6 and short.isupper() and short.isalpha()):
        return False
    words = [w for w in WORD.findall(full) if w.lower() not in PREPOSITIONS and w.lower() != "и"]
    return len(words) >= len(short) and "".join(w[0] for w in words[: len(short)]).upper() == short.upper()


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


def _unnamed_speaker(r: Ref, speakers: dict[str, Speaker], article: str = "") -> tuple[str, str]:
    """Nobody is named: the role or group as written, in the nominative («по словам адвоката
    Петрова» → «адвокат Петрова», «жителей улицы» → «жители улицы»). Its own kind, ``role`` or
    ``group``, which the store keeps to the article: two articles' «адвокат» are two people."""
    start, end = _role_phrase(article, r.start, r.end) if article else (r.start, r.end)
    text = _LEADING_CLAUSE.sub("", article[start:end] if article else r.text).strip(" ,")
    one_of = re.match(r"(одн\w*|один)\s+из\s+", text, re.I)
    if one_of:  # «одной из пассажирок» → «одна из пассажирок»: «один» agrees, the rest stays as written
        word = nlp.parses(one_of[1].lower())[0]
        form = word.inflect({"nomn"} | ({word.tag.gender} if word.tag.gender else set()))
        name = (form.word if form else one_of[1].lower()) + text[len(one_of[1]) :]
    else:
        name = _org_nominative(text, article)
    if name == text and " " not in text:  # «выступавшего», «председательствующего»: a participle for a person
        word = next((p for p in nlp.parses(text.lower()) if "PRTF" in p.tag or "ADJF" in p.tag), None)
        form = word.inflect({"nomn", word.tag.number or "sing"} | ({"masc"} if word.tag.number != "plur" else set())) \
            if word is not None else None
        name = form.word if form is not None else name
    first = name.split(" ", 1)[0]
    if first[:1].isupper() and not first.isupper() and not any(
        g in p.tag for p in nlp.parses(first.lower())[:1] for g in ("Name", "Surn", "Geox", "Orgn", "Abbr")
    ):
        name = name[0].lower() + name[1:]  # «Представитель компании сказал» opens a sentence; the role is not a name
    head = next((p for w in WORD.findall(name) for p in nlp.parses(w.lower())[:1] if "NOUN" in p.tag), None)
    kind = "group" if head is not None and head.tag.number == "plur" and not one_of else "role"
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


def _role_phrase(text: str, start: int, end: int, limit: int = 5) -> tuple[int, int]:
    """The role noun with what makes it the role as written: the adjectives before it, «один из», and
    the genitive words after it («собеседница агентства», «один из участников процесса», «представитель
    управляющей компании «Лидер»»)."""
    words = 0
    source = nlp.lemma(text[start:end].split()[-1].lower()) in lx.ANONYMOUS
    while words < limit and (m := _NEXT_WORD.match(text, end)) and "\n" not in m.group()[:-len(m[1])]:
        w = m[1]
        if source and w.lower() in ("в", "во", "на") and (n := _NEXT_WORD.match(text, m.end())) \
                and any("NOUN" in p.tag and p.tag.case in ("loct", "loc2") for p in nlp.parses(n[1].lower())):
            end, words = n.end(), 2  # «источник в правительстве»: where the source is
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


def _org_nominative(text: str, article: str = "") -> str:
    """«Енисейского бассейнового водного управления (ЕнБВУ)» → «Енисейское бассейновое водное
    управление»: the head noun and the adjectives before it to the nominative, the rest as written.
    Of the head's readings, the one most of the article's uses of the word admit wins (``article``:
    the article's text)."""
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text).strip()
    words = text.split()
    head = next(
        (i for i, w in enumerate(words)
         if any("NOUN" in p.tag for p in nlp.parses(w.lower()))
         and not (i + 1 < len(words) and any("ADJF" in p.tag for p in nlp.parses(w.lower())))),
        None,
    )
    if head is None or any(w.isupper() and len(w) > 1 for w in words[:head]):
        return text  # «ДП Карагандинской области»: an abbreviation heads the name, and it does not decline
    nouns = [p for p in nlp.parses(words[head].lower()) if "NOUN" in p.tag]
    noun = nouns[0]
    if len({p.normal_form for p in nouns}) > 1 and article:
        # «в Акорде»: «Акорд» or «Акорда»? the reading that most of the article's uses of the
        # word admit, each in the cases its preposition allows («в Акорду»: only «Акорда»)
        stem = fold(words[head])[:4]
        uses = [(fold(m[1] or ""), fold(m[2])) for m in _WORD_AFTER.finditer(article) if fold(m[2]).startswith(stem)]

        def support(p) -> int:
            n = 0
            for prep, w in uses:
                cases = PREPOSITION_CASES.get(prep)
                if any(fold(q.normal_form) == fold(p.normal_form) and (cases is None or q.tag.case in cases)
                       for q in nlp.parses(w) if "NOUN" in q.tag):
                    n += 1
            return n

        # a tie: one body, not many («Акорды» → «Акорда», not «Акорды» of «акорд»), then the reading with no
        # ending added («маслихате» → «маслихат», not «маслихата»)
        noun = max(nouns, key=lambda p: (support(p), p.tag.number == "sing", -len(p.normal_form)))
    adjective = [p for p in nlp.parses(words[head - 1].lower()) if "ADJF" in p.tag] if head else []
    if adjective and all(p.tag.number == "plur" for p in adjective):
        # «Коммунальные службы сообщают»: bodies of a kind, in the plural as written
        noun = next((p for p in nouns if p.tag.number == "plur"), noun)
    number = noun.tag.number or "sing"
    out = list(words)
    for i in range(head + 1):
        p = noun if i == head else next((p for p in nlp.parses(words[i].lower()) if "ADJF" in p.tag or "PRTF" in p.tag), None)
        if p is None:
            continue
        grammemes = {"nomn", number} | ({noun.tag.gender} if i != head and number == "sing" and noun.tag.gender else set())
        form = p.inflect(grammemes)
        if form:
            w = form.word
            out[i] = w.upper() if words[i].isupper() else (w[0].upper() + w[1:] if words[i][0].isupper() else w)
    return " ".join(out)


# The cases a preposition governs, for telling an unknown word's readings apart.
PREPOSITION_CASES: dict[str, frozenset[str]] = {
    **dict.fromkeys(("в", "во", "на"), frozenset({"loct", "loc2", "accs"})),
    **dict.fromkeys(("к", "ко", "по"), frozenset({"datv"})),
    **dict.fromkeys(("из", "от", "у", "для", "до", "без", "из-за"), frozenset({"gent", "gen2"})),
}
_WORD_AFTER = re.compile(r"(?:(?<![\w-])([а-яё]+)\s+)?(?<![\w-])([А-ЯЁ][а-яё]+)", re.IGNORECASE)

PREPOSITIONS = frozenset("у с со к ко о об от для при про без над под за перед между через по из на в во".split())


_ACCORDING_BEFORE = re.compile(
    r"(?<![\w-])по\s+(?:словам|мнению|информации|данным|оценке|убеждению|утверждению)(?![\w-])[^,.;:!?«»\"\n]*$", re.I
)


def resolve(
    text: str, found: list[Found], appositions: list[Ref], orgs: list[Ref], entities: list[Entity], in_quote
) -> tuple[list[Speaker], list[tuple[str | None, str | None]]]:
    """Speakers of the article and, per found quote, (speaker key, attributed_as)."""
    people = People()
    verb_gender = {q.ref.start: q.ref.gender for q in found if q.ref is not None}
    appositions = [r for r in appositions if not _owner_by_gender(replace(r, gender=verb_gender.get(r.start)))]
    # a name beside a role noun in the nominative is in the nominative too
    # … unless a preposition governs the role: «ссылаясь на замдиректора ФСИН Валерия Максименко» (not Валерия)
    apposed = {
        r.person.start: "obl" if _preposition_before(text, r.start)
        else analyse_name(r.person.text)[2] if not _nominative_role(r.text) else "nomn"
        for r in appositions
        if r.person is not None and len(r.person.text.split()) > 1
    }
    # «заявила адвокат Петрова»: the verb tells the gender of the one who holds the role
    held = {r.person.start: g for r in appositions if r.person is not None and (g := verb_gender.get(r.start)) in ("masc", "femn")}
    for e in entities:
        if e.type == "PER" and _ACCORDING_BEFORE.search(text[max(0, e.start - 80) : e.start]):
            apposed[e.start] = "gent"  # «по информации главы УВД Малика Нурдинова»: after «по словам» a name is genitive
    for e in entities:
        if e.type == "PER" and not in_quote(e.start):
            people.add(e, held.get(e.start) or _gender_hint(text, e.start, e.end), apposed.get(e.start))
    roles = Roles()
    for r in appositions:
        if r.person is not None and not in_quote(r.start):
            person = people.by_entity.get(r.person.start) or people.add(r.person)
            person.roles.add(r.text)
            roles.learn(r.text, person, r.start)

    # names in an oblique case: «поблагодарил Лаптева» — that person is not the subject there
    oblique = {
        e.start for e in entities
        if e.type == "PER" and analyse_name(e.text, _gender_hint(text, e.start, e.end))[2] not in ("nomn", None)
    }
    oblique |= {e.start for e in entities if e.type == "PER" and len(e.text.split()) == 1 and _inflected(e.text, people)}
    oblique |= {e.start for e in entities if e.type == "PER" and _after_preposition(text, e.start)}
    # where each person stands as a subject (a name in the nominative, or a resolved attribution)
    # … but not inside somebody's reported words: «X написал, что Дзюба отказался … По его словам, …» is X
    reported = _Spans((f.start, f.end) for f in found)
    subjects: dict[int, Person] = {
        e.start: people.by_entity[e.start]
        for e in entities
        if e.type == "PER" and e.start in people.by_entity and e.start not in oblique and not reported.holds(e.start)
    }
    for r in appositions:  # «С ним не согласился генеральный директор … Артур Ли»: a subject too
        if r.person is not None and not in_quote(r.start) and _nominative_role(r.text) and not reported.holds(r.start):
            subjects[r.start] = people.by_entity.get(r.person.start) or people.add(r.person)
    speakers: dict[str, Speaker] = {}
    last: dict[str | None, Person] = {}
    # the person the article is about: named most often as a subject, then most often at all
    # («В интервью корреспонденту Алексею Курилову академик Сергеев рассказал …»: Сергеев)
    as_subject = Counter(id(p) for p in subjects.values())
    main = max(people.persons, key=lambda p: (as_subject[id(p)], len(p.mentions)), default=None)

    def fallback(
        gender: str | None, unit: tuple[int, int] | None = None, pos: int | None = None, reply: bool = False,
        role: str | None = None,
    ) -> Person | None:
        """Who a pronoun or an unmatched role noun at ``pos`` stands for.

        The person last named as a subject before it, of that gender; else the last
        speaker of that gender; else the article's main person if the gender fits. A
        person named in the same sentence in another case («поблагодарил Лаптева») is
        not the one a role noun or pronoun there stands for.
        """
        def other(p: Person) -> bool:
            return unit is not None and any(unit[0] <= s < unit[1] and s in oblique for s, _ in p.mentions) \
                or role is not None and _other_side(p, role)

        if pos is not None:
            before = sorted(
                ((at, p) for at, p in subjects.items()
                 if at < pos and (gender not in ("masc", "femn") or p.gender in (gender, None)) and not other(p)),
                key=lambda x: x[0],
            )
            if reply and before and _asks(text, before[-1][0]):
                # «— …, — ответил чиновник» after «Дроздов поинтересовался …»: not the one who asked
                before = [b for b in before if b[1] is not before[-1][1]]
            if before:
                return before[-1][1]
        if gender in ("masc", "femn"):
            if gender in last and not other(last[gender]):
                return last[gender]
            same = [p for p in people.persons if p.gender == gender and not other(p)]
            if main is not None and main.gender in (gender, None) and not other(main):
                return main
            return max(same, key=lambda p: len(p.mentions)) if same else None
        p = last.get(None) or main
        return None if p is not None and other(p) else p

    def person_speaker(p: Person, alias: str, alias_kind: str, span: tuple[int, int] | None) -> str:
        key = fold(p.name)
        sp = speakers.get(key)
        if sp is None:
            sp = speakers[key] = Speaker(name=p.name, key=key, kind="person")
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
            subjects[span[0]] = p
        last[None] = p
        if p.gender:
            last[p.gender] = p
        return key

    said: list[tuple[str, bool, str | None, int]] = []  # who spoke, in reading order: (key, a body?, its gender, where)

    def antecedent(named: list[Ref]) -> Ref:
        """The organisation «ведомство», «в сообщении» stands for: the last one named before that has
        spoken already (not «государств СНГ» mentioned in passing since), else the last one named."""
        spoke = [o for o in named if fold(_org_nominative(o.text, text)) in speakers]
        return (spoke or named)[-1]

    def author_of(r: Ref) -> Person | None:
        """Who wrote the post, statement or letter «в посте», «в заявлении» refers back to: the person named
        as the subject of the sentence that brought that post in («X опубликовал в Telegram-канале пост»)."""
        words = WORD.findall(r.text)
        if len(words) != 1 or nlp.lemma(words[0].lower()) not in lx.STATEMENT_NOUNS:
            return None
        noun = nlp.lemma(words[0].lower())
        put_out = {noun} | lx.STATEMENT_VERBS.get(noun, frozenset())  # «Об этом он сообщил в Twitter. «…», — говорится в сообщении»
        for m in reversed(list(WORD.finditer(text, max(0, r.start - 1500), r.start))):
            if nlp.lemma(m.group().lower()) in put_out:
                before = [(at, p) for at, p in subjects.items() if at < m.start()
                          and not re.search(r"[.!?\n]", text[at : m.start()])]
                return max(before, key=lambda b: b[0])[1] if before else None
        return None

    def who(q: Found) -> tuple[str | None, str | None]:
        r = q.ref
        if r is None:
            # a dialogue reply nobody signs is the interviewee's; a speech verb without a subject
            # («Также отметила, что …») goes on with whoever spoke last
            if not q.dialogue and said:
                return said[-1][0], None
            p = fallback(None)
            return (person_speaker(p, "", "", None), None) if p else (None, None)
        span = (r.start, r.end)
        if r.kind == "name":
            p = people.by_entity.get(r.start) or people.add(Entity(r.start, r.end, "PER", r.text))
            return person_speaker(p, analyse_name(r.text)[0], "name", span), r.text
        head = WORD.findall(r.text)[:1]
        if r.kind == "role" and r.person is None and r.gender == "plur" and head \
                and nlp.lemmas(head[0].lower()) & lx.BODY_PEOPLE:
            named = [o for o in orgs if o.start < r.start]
            if named:  # «Полицейские уточнили, что …» after «сообщили в ДП Шымкента»: the department
                o = antecedent(named)
                return _org_speaker(Ref("org", o.start, o.end, o.text), speakers, text)[0], r.text
        if r.kind == "role":
            if r.person is not None and _owner_by_gender(r):
                r = Ref("role", r.start, r.end, r.text, gender=r.gender, owner=True)
            if r.person is not None:
                p = people.by_entity.get(r.person.start) or people.add(r.person)
            elif r.owner:  # «адвокат Александра Пилипенко»: whoever the article names as that lawyer, if anyone
                p = roles.find(r.text, r.gender, r.start)
                return (person_speaker(p, r.text, "role", span), r.text) if p else _unnamed_speaker(r, speakers, text)
            else:
                same = _same_unnamed(r, said, speakers)
                if same is not None:
                    return same, r.text  # «Адвокат Мартынюка сообщил …» then «По словам защитника, …»
                # «заявляют защитники», «депутаты назвали»: several people, not one of them named before
                p = None if r.gender == "plur" else roles.find(r.text, r.gender, r.start) or fallback(
                    r.gender, q.unit, r.start, reply=q.verb in lx.REPLY_VERBS, role=r.text
                )
                if p is None and head and nlp.lemma(head[0].lower()) in ("собеседник", "собеседница") and said \
                        and said[-1][1]:
                    return said[-1][0], r.text  # «Об этом ТАСС сообщили в полиции. "…", - сказал собеседник агентства»
            return (person_speaker(p, r.text, "role", span), r.text) if p else _unnamed_speaker(r, speakers, text)
        if r.kind == "anonymous" or (q.unit and _anonymous(text[q.unit[0] : q.unit[1]])):
            return _unnamed_speaker(r, speakers, text) if r.kind in ("anonymous", "role") else (None, r.text)
        if r.kind == "pronoun":
            body = said[-1] if said and said[-1][1] else None
            if body is not None and (r.gender == "plur" or body[2] == r.gender) and not any(
                body[3] < at < r.start for at in subjects
            ):
                return body[0], r.text  # «Об этом сообщает пресс-служба ГУВД. По её данным, …»
            if r.gender == "plur":
                return None, r.text
            last_said = said[-1] if said else None
            if last_said is not None and last_said[2] == r.gender and speakers[last_said[0]].kind == "role" \
                    and not any(last_said[3] < at < r.start for at in subjects):
                return last_said[0], r.text  # «Адвокат Мартынюка сообщил … По его словам, …»: the lawyer again
            p = fallback(r.gender, q.unit, r.start, reply=q.verb in lx.REPLY_VERBS)
            if p is None:  # «собеседница агентства» … «— сказала она»: the role nobody named
                unnamed = next((s for s in reversed(said) if s[2] == r.gender and speakers[s[0]].kind == "role"), None)
                return (unnamed[0], r.text) if unnamed else (None, r.text)
            return person_speaker(p, r.text.lower(), "pronoun", (r.start, r.end)), r.text
        owner = _mouthpiece_owner(r, text)
        if owner is not r and owner.generic:
            # «в пресс-службе суда»: the court named before, if the article named one; else as written
            kin = [o for o in orgs if o.start < r.start and _same_kind(owner.text, o.text)]
            return (_org_speaker(antecedent(kin), speakers, text)[0], r.text) if kin else _org_speaker(r, speakers, text)
        r = owner
        if r.generic and (author := author_of(r)) is not None:
            return person_speaker(author, "", "", None), r.text  # «… опубликовал пост» … «— говорится в посте»
        if _generic_org(r, text):
            named = [o for o in orgs if o.start < r.start] or orgs
            noun = next((lemma for w in WORD.findall(r.text) if (lemma := nlp.lemma(w.lower())) in lx.ORG_NOUNS), "")
            if noun in lx.ORG_NOUNS and noun not in lx.STATEMENT_NOUNS and r.text.strip().islower() and named:
                named = [o for o in named if _same_kind(r.text, o.text)]
                if not named:
                    return _org_speaker(r, speakers, text)  # «в прокуратуре» after «УВД …»: a body of its own
            if not named:
                return (None, r.text) if r.generic else _org_speaker(r, speakers, text)
            o = antecedent(named)
            return _org_speaker(Ref("org", o.start, o.end, o.text), speakers, text)[0], q.ref.text
        # «сообщили в УВД» after «УВД Джалал-Абадской области опровергло»: the one named in full
        fuller = [o for o in orgs if o.start < r.start and len(o.text.split()) > 1
              and (o.text.split()[0] == r.text.strip() or _abbreviates(r.text.strip(), o.text))]
        if fuller and len(r.text.split()) == 1:
            return _org_speaker(fuller[-1], speakers, text)[0], q.ref.text
        return _org_speaker(r, speakers, text)

    # resolve in reading order of the attributions, so that «он» finds the speaker before it
    answers: dict[int, tuple[str | None, str | None]] = {}
    for i in sorted(range(len(found)), key=lambda i: found[i].pos):
        answers[i] = who(found[i])
        key, ref = answers[i][0], found[i].ref
        if key is not None and ref is not None:
            kind = speakers[key].kind if key in speakers else "person"
            # a role's gender is its verb's («представитель компании сообщила»), else its noun's
            gender = _head_gender(ref.text) if kind == "organisation" else (
                ref.gender if ref.gender in ("masc", "femn") else _head_gender(speakers[key].name)
            ) if kind == "role" else "plur" if kind == "group" else None
            said.append((key, kind == "organisation", gender, found[i].pos))
    for sp in speakers.values():
        sp.aliases.pop("", None)
    return list(speakers.values()), [answers[i] for i in range(len(found))]
