"""What follows a role or organisation noun: its genitive complement («пресс-секретарь губернатора»,
«министра сельского хозяйства и продовольствия»), a name in apposition («губернатор Вячеслав Гладков»)
or a name in the genitive, the owner («пресс-секретарь Токаева»). refs.py reads speaker phrases with it.
"""

from __future__ import annotations

from docstore.extract import lexicon as lx
from docstore.extract import nlp
from docstore.extract.document import Doc
from docstore.extract.nlp import Entity
from docstore.extract.text import Token


def _inflected_surname(doc: Doc, ent: Entity) -> bool:
    """A bare surname that another mention shows in another form: «Токаева» beside «Касым-Жомарт Токаев»."""
    from docstore.extract.names import fold, surname_keys

    words = ent.text.split()
    if len(words) != 1:
        return False
    own = fold(words[0])
    return any(last != own for last in surname_keys(words[0]) & doc.full_name_surnames)


def _indeclinable(tok: Token) -> bool:
    """«халяль», «ЦИПР»-like words that take no case ending: they do not end a genitive chain."""
    return tok.is_word and any("Fixd" in p.tag or not p.is_known for p in nlp.parses(tok.text.lower()))


def _told(doc: Doc, m) -> bool:
    """A name in marks after a noun is in the nominative («в компании «Лидер»») or the genitive («тренер
    «Амура»»); in the dative it is the outlet told: «в министерстве «Правде Севера» сообщили»."""
    first = next(iter(doc.toks(m.open + 1, m.close)), None)
    return first is not None and first.has_tag("NOUN", "datv") and not first.has_tag("nomn") \
        and not first.has_tag("gent") and not first.text.isupper()


def _tail(doc: Doc, toks: list[Token], i: int, cases: set[str] | None = None, limit: int = 8) -> tuple[int, Entity | None, bool]:
    """Extend a role or organisation noun over its genitive complement.

    Returns (index after the phrase, a name in apposition if one follows, whether a
    person's name stands in the genitive tail). A name is in apposition when it
    agrees in case with the role noun: «губернатор Вячеслав Гладков», «судьи Марины
    Сыровой»; «пресс-секретарь Токаева» has the name in the genitive: an owner.
    """
    from docstore.extract.names import fits_case

    j = i + 1
    owner = owned_by_role = False
    head_gender = next((p.tag.gender for p in nlp.parses(toks[i].low)[:1] if "NOUN" in p.tag and "sing" in p.tag), None)
    while j < len(toks) and j - i <= limit:
        t = toks[j]
        ent = doc.ent_at.get(t.start)
        if ent and ent.type == "PER" and _owner_before_full_name(doc, toks, j, ent):
            owner = True  # «адвокат Седых Юлия Карпенко»: Седых's lawyer, Юлия Карпенко
            j += 1
            continue
        if ent and ent.type == "PER":
            agrees, case = _agrees(doc, toks, j, ent, cases, owner)
            if agrees and not _inflected_surname(doc, ent):
                if owned_by_role and case == "nomn" and not any(
                    fits_case(w, g, "gent") for w in ent.text.split()[-1:] for g in ("masc", "femn")
                ):
                    owner = False  # «заместитель премьер-министра Ералы Тугжанов»: the deputy's own name
                return j, ent, owner
            owner = True
            while j < len(toks) and toks[j].start < ent.end:
                j += 1
            continue
        if t.text in "«\"„“":
            after = _past_marks(doc, toks, j)
            if after is None:
                break
            limit += after - j - 1  # a name in marks counts as one word of the phrase
            j = after
            continue
        if t.low == "и" and j + 1 < len(toks) and toks[j + 1].has_tag("gent") and j > i + 1 and toks[j - 1].has_tag("gent"):
            j += 1  # «министра сельского хозяйства и продовольствия»
            continue
        if t.text == "(" and j > i and j + 2 < len(toks) and toks[j + 2].text == ")" and toks[j + 1].text.isupper() \
                and j + 3 < len(toks) and toks[j + 3].is_word and toks[j + 3].has_tag("gent"):
            j += 3  # «Главного управления (ГУ) МВД России по …»: the abbreviation in brackets, and the name goes on
            continue
        if t.low == "в" and j > i + 1 and j + 1 < len(toks) and _name_after_place(doc, toks, j + 1):
            after = _past_place(doc, toks, j)
            limit += after - j  # the place phrase does not count against the phrase's length
            j = after
            continue
        if not t.is_word or t.lemma in lx.SPEECH_VERBS or t.low in ("что", "и", "а", "в", "на", "с"):
            break
        if t.lemma_with(lx.ROLE_NOUNS, "NOUN", "gent") and j > i:
            owner = owned_by_role = True  # «пресс-секретарь губернатора», «помощник министра»: somebody else
        if t.low == "по" and j + 1 < len(toks) and toks[j + 1].lemma in _CIRCUMSTANCE:
            break
        if t.low in ("по", "при") and j + 1 < len(toks) and toks[j + 1].is_word and j + 1 - i <= limit:
            j = _past_prepositional(doc, toks, j)
            continue
        if not _chain_goes_on(t, ent, head_gender):
            break
        j += 1
    return j, None, owner


def _owner_before_full_name(doc: Doc, toks: list[Token], j: int, ent: Entity) -> bool:
    """A one-word name, then a full name: «адвокат Седых Юлия Карпенко» — the first one owns the role."""
    if len(ent.text.split()) != 1:
        return False
    nxt = next((t2 for t2 in toks[j + 1 :] if t2.start >= ent.end), None)
    return nxt is not None and (
        (e2 := doc.ent_at.get(nxt.start)) is not None and e2.type == "PER" and len(e2.text.split()) > 1
    )


def _agrees(
    doc: Doc, toks: list[Token], j: int, ent: Entity, cases: set[str] | None, owner: bool
) -> tuple[bool, str | None]:
    """Whether the name at toks[j] agrees in case with the role noun — in apposition, «судьи Марины
    Сыровой», not the owner in the genitive, «пресс-секретарь Токаева» — and the name's case."""
    from docstore.extract.names import analyse_name, fits_case

    _, gender, case = analyse_name(ent.text)
    agrees = cases is None or case in cases or not cases
    if not agrees and not owner and cases:
        # no other role noun stands between: the name goes with this one if any of its
        # words admits the role's case («Руководитель центра Рамиля Хайруллина») — unless a
        # relative pronoun agrees with its oblique reading («Адвокат Александра Пилипенко, который …»)
        rel = next((t2 for t2 in toks[j + 1 :] if t2.start >= ent.end and t2.text != ","), None)
        confirmed = rel is not None and {"который": "masc", "которая": "femn"}.get(rel.low) == gender
        agrees = not confirmed and any(
            fits_case(w, g, c) for w in ent.text.split() for g in ("masc", "femn") for c in cases
        )
    return agrees, case


def _past_marks(doc: Doc, toks: list[Token], j: int) -> int | None:
    """The index after a name in marks that belongs to the role («главный тренер «Волны»»), or None
    where the marks end the phrase: no marked name, or the outlet told («в министерстве «Правде Севера»»)."""
    mark = next((m for m in doc.marked if m.open == toks[j].start), None)
    if mark is None or _told(doc, mark):
        return None
    while j < len(toks) and toks[j].start <= mark.close:
        j += 1  # «главный тренер «Волны» Сергей Малинин»: a name in marks belongs to the role
    return j


def _past_place(doc: Doc, toks: list[Token], j: int) -> int:
    """The index after «в» and the place it names, toks[j] being «в»: «(центра управления) в кризисных
    ситуациях», before the genitive chain and the name that follow."""
    j += 1  # «начальник центра управления в кризисных ситуациях МЧС России Владимир Степанов»
    while j < len(toks) and toks[j].is_word and (toks[j].has_tag("ADJF") or toks[j].has_tag("loct")) \
            and not doc.ent_at.get(toks[j].start):
        j += 1
    return j


# «по итогам года», «по словам», «по просьбе»: circumstances of the saying, not a name's «по экономике»
_CIRCUMSTANCE = frozenset(lx.ACCORDING_TO | set(
    "итог результат случай повод просьба приглашение традиция телефон видеосвязь окончание завершение "
    "причина мотив поручение указание требование решение приказ факт".split()))


def _past_prepositional(doc: Doc, toks: list[Token], j: int) -> int:
    """The index after a «по …» or «при …» complement, toks[j] being the preposition: «комиссии по
    городскому хозяйству», «уполномоченный при президенте», «по экономике и финансам»."""
    j += 1  # «председатель комиссии по городскому хозяйству», «уполномоченный при президенте»
    while j < len(toks) and toks[j].is_word and toks[j].has_tag("ADJF") and not doc.ent_at.get(toks[j].start):
        j += 1
    j += 1
    if j + 1 < len(toks) and toks[j].low == "и" and toks[j + 1].has_tag("datv") and toks[j - 1].has_tag("datv"):
        j += 2  # «заместитель директора по экономике и финансам Алексей Янкевич»
    return j


def _chain_goes_on(t: Token, ent: Entity | None, head_gender: str | None) -> bool:
    """Does the genitive chain go on with ``t``: a genitive, an abbreviation, a name or an indeclinable
    word — but not a past verb agreeing with the head noun («Прокуратура города начала проверку»)."""
    if not (t.has_tag("gent") or t.text.isupper() or ent is not None or _indeclinable(t)):
        return False
    if head_gender and t.has_tag("VERB", "past", head_gender) and not ent:
        return False  # «Прокуратура города начала проверку»: the verb agrees with the noun, the phrase ends
    return True


def _name_after_place(doc: Doc, toks: list[Token], k: int) -> bool:
    """From toks[k]: adjectives and a noun in the locative, a genitive chain, then a person's name —
    «(в) кризисных ситуациях МЧС России Владимир Степанов», nothing else between."""
    n = k
    while n < len(toks) and n - k < 8:
        t = toks[n]
        ent = doc.ent_at.get(t.start)
        if ent is not None and ent.type == "PER":
            return n > k
        if not t.is_word or t.has_tag("VERB") or t.has_tag("PREP") or not (
            t.has_tag("ADJF") or t.has_tag("loct") or t.has_tag("gent") or t.text.isupper()
        ):
            return False
        n += 1
    return False
