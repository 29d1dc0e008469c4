"""Speaker phrases: the words that name who said something, read around a speech verb.

A ``Ref`` is a name, a role noun phrase («губернатор Вячеслав Гладков», «адвокат Петрова»), a pronoun
or an organisation, as written; coreference.py decides who it is. complements.py reads what follows a
role or organisation noun: its genitive chain, a name in apposition, an owner; named.py the roles and
organisations the whole article names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from docstore.extract import lexicon as lx
from docstore.extract import nlp
from docstore.extract.complements import _inflected_surname, _tail, _told
from docstore.extract.document import (
    CITING_VERBS,
    IMPERSONAL_VERBS,
    MODIFIERS,
    ORG_OR_STATEMENT,
    QUOTING,
    ROLE_OR_ORG,
    Doc,
    Ref,
    _verb_gender,
)
from docstore.extract.nlp import Entity
from docstore.extract.text import DASHES, Token

# A site's name: «Zakon.kz», «Tengrinews.kz», «Polisia.kz», «BaigeNews.kz» relay news like an agency.
_SITE_NAME = re.compile(r"[\w-]+\.(?:kz|ru|рф|by|uz|kg|ua|az|am|ge|tj|md|com|net|org|info|su|tv|media|news)(?!\w)(?!\.\w)", re.IGNORECASE)


def _is_media(doc: Doc, start: int, end: int) -> bool:
    """A news agency, a site or a platform: it relays what others say."""
    m = _SITE_NAME.search(doc.text, start, min(len(doc.text), end + 8))
    if m and m.start() < max(start + 1, end):
        return True
    return any(t.low in lx.MEDIA_NAMES or t.lemma in lx.MEDIA_NAMES for t in doc.toks(start, end))


def _cases(tok: Token, lemmas: frozenset[str]) -> set[str]:
    """The cases a noun from ``lemmas`` may stand in here."""
    return {
        p.tag.case for p in nlp.parses(tok.text.lower())
        if (p.normal_form.replace("ё", "е") in lemmas or p.normal_form.replace("ё", "е") in lx.ROLE_NOUNS) and p.tag.case
    }


def _person_noun(tok: Token) -> bool:
    """A common noun for a person, singular nominative: «куратор», «спортсменка», «очевидец»."""
    return tok.is_word and _person_word(tok.text.lower())


@lru_cache(maxsize=100_000)
def _person_word(word: str, nominative: bool = True) -> bool:
    """A singular common noun for a person («куратор», «банкира»), in the nominative unless asked for any case."""
    for p in nlp.parses(word):
        tag = p.tag
        if "NOUN" in tag and "anim" in tag and (not nominative or "nomn" in tag) and "sing" in tag and not any(
            g in tag for g in ("Name", "Surn", "Patr", "Geox", "Orgn")
        ):
            return p.score >= 0.2
    return False


def _after_preposition(toks: list[Token], i: int) -> bool:
    """Does a preposition govern toks[i] (adjectives between): «в кулуарах расширенной коллегии»?"""
    k = i - 1
    while k >= 0 and toks[k].is_word and (toks[k].has_tag("ADJF") or toks[k].has_tag("PRTF")) and not toks[k].has_tag("PREP"):
        k -= 1
    while k >= 0 and toks[k].is_word and toks[k].has_tag("NOUN") and not toks[k].has_tag("PREP") and k >= i - 3:
        k -= 1  # «в кулуарах (расширенной) коллегии»: the noun a preposition governs, then its genitive
    return k >= 0 and toks[k].has_tag("PREP")


@lru_cache(maxsize=100_000)
def _people_plural(word: str, case: str) -> bool:
    """A plural common noun for people in that case: «жители», «врачи», «пассажирок», «участников»."""
    for p in nlp.parses(word)[:3]:
        tag = p.tag
        if "NOUN" in tag and "anim" in tag and "plur" in tag and tag.case == case and not any(
            g in tag for g in ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr")
        ):
            return p.score >= 0.2
    return False


def ref_at(doc: Doc, toks: list[Token], i: int, need_nomn: bool, org_ok: bool) -> Ref | None:
    """A speaker reference starting at token i, if the token can start one."""
    t = toks[i]
    ent = doc.ent_at.get(t.start)
    if ent and ent.type == "PER":
        return _name_ref(doc, t, ent, need_nomn)
    if t.low in lx.PRONOUNS:
        if need_nomn and t.low not in ("он", "она", "они"):
            return None
        return Ref("pronoun", t.start, t.end, t.text, gender=lx.PRONOUNS[t.low])
    if t.lemma_with(lx.ANONYMOUS, "NOUN"):
        if _interviewee(doc, toks, i):
            return Ref("role", t.start, t.end, t.text)  # «подчеркнул собеседник РИА»: the one it talked to
        return Ref("anonymous", t.start, t.end, t.text)  # «сообщил источник», «сказал собеседник»
    if need_nomn and (r := _one_of(doc, toks, i)) is not None:
        return r
    if need_nomn and (r := _group(doc, toks, i)) is not None:
        return r
    role = _role_lemma(t, need_nomn)
    if role:
        return _role_ref(doc, toks, i, role)
    if org_ok:
        return _org_ref(doc, toks, i, need_nomn)
    return None


def _name_ref(doc: Doc, t: Token, ent: Entity, need_nomn: bool) -> Ref | None:
    """A person's name; as the subject only in the nominative: «поблагодарил Лаптева» names no speaker."""
    from docstore.extract.names import analyse_name

    if need_nomn and (
        (analyse_name(ent.text)[2] not in ("nomn", None) and not t.has_tag("nomn")) or _inflected_surname(doc, ent)
    ):
        return None  # «поблагодарил Лаптева»: a name in an oblique case is no subject
    return Ref("name", ent.start, ent.end, ent.text)


def _one_of(doc: Doc, toks: list[Token], i: int) -> Ref | None:
    """«один из» / «одна из» and a plural noun for people: «одна из пассажирок», «один из участников
    процесса» — one of a group, nobody named."""
    t = toks[i]
    if t.low not in ("один", "одна") or i + 2 >= len(toks) or toks[i + 1].low != "из":
        return None
    n = i + 2
    while n + 1 < len(toks) and toks[n].has_tag("ADJF") and not doc.ent_at.get(toks[n].start):
        n += 1  # «одна из местных жительниц»
    if not _people_plural(toks[n].text.lower(), "gent"):
        return None
    j, _, _ = _tail(doc, toks, n)
    end = toks[j - 1].end  # «одна из пассажирок», «один из участников процесса»: nobody named
    return Ref("role", t.start, end, doc.text[t.start : end], gender="femn" if t.low == "одна" else "masc")


def _group(doc: Doc, toks: list[Token], i: int) -> Ref | None:
    """A plural noun for people in the nominative, not after a preposition: «(другие) жители соседней
    улицы говорят», «врачи отмечают» — a group as written."""
    t = toks[i]
    if not _people_plural(t.low, "nomn") or t.lemma_with(lx.ROLE_NOUNS | lx.BODY_PEOPLE, "NOUN") \
            or _after_preposition(toks, i):
        return None
    s = i
    while s > 0 and toks[s - 1].is_word and toks[s - 1].has_tag("ADJF", "plur") and not doc.ent_at.get(toks[s - 1].start):
        s -= 1  # «другие жители», «местные врачи»
    j, _, _ = _tail(doc, toks, i)
    end = toks[j - 1].end  # «жители соседней улицы говорят», «врачи отмечают»: a group as written
    return Ref("role", toks[s].start, end, doc.text[toks[s].start : end], gender="plur")


def _role_lemma(t: Token, need_nomn: bool) -> str | None:
    """The role noun ``t`` is: a known role («губернатор»), a deputy in one word («замакима») or, for a
    subject, any noun for a person («куратор»)."""
    role = t.lemma_with(lx.ROLE_NOUNS, "NOUN", "nomn") if need_nomn else t.lemma_with(lx.ROLE_NOUNS, "NOUN")
    if not role and _deputy(t):
        role = t.lemma  # «замакима», «замгубернатора», «заммэра»
    if not role and need_nomn and _person_noun(t):
        role = t.lemma
    return role


def _role_ref(doc: Doc, toks: list[Token], i: int, role: str) -> Ref:
    """A role noun phrase: «губернатор Вячеслав Гладков» (a name in apposition), «пресс-секретарь
    Токаева» (an owner), «представитель МЧС» (a mouthpiece: the organisation), «по словам врачей»."""
    t = toks[i]
    s = i
    while s > 0 and toks[s - 1].is_word and (toks[s - 1].lemma in MODIFIERS or toks[s - 1].lemma in lx.NATIONS):
        s -= 1
    j, person, owner = _tail(doc, toks, i, cases=_cases(t, frozenset({role})))
    end = toks[j - 1].end
    # «спикер ГД», «спикер нижней палаты»: the chamber's chair, a person, not its mouthpiece
    chair = role == "спикер" and any(x.lemma in lx.CHAMBERS or x.low in lx.CHAMBERS
                                     for x in toks[i + 1 : min(j, i + 4)])
    mouthpiece = person is None and role in lx.MOUTHPIECES and not chair and j > i + 1
    # «представитель компании» names no body (lower case throughout): one of its people, as written
    unnamed = all(x.text.islower() for x in toks[i + 1 : j] if x.is_word) and j - i <= 3
    if mouthpiece and not owner and not unnamed and toks[i + 1].lemma_with(lx.ORG_NOUNS, "NOUN") or (
        mouthpiece and doc.ent_at.get(toks[i + 1].start) is not None and doc.ent_at[toks[i + 1].start].type == "ORG"
    ):
        return Ref("org", toks[s].start, end, doc.text[toks[s].start : end])  # «представитель МЧС»
    if person is not None:
        return Ref("role", toks[s].start, end, doc.text[toks[s].start : end], person=person)
    # «по словам врачей»: several of them, none named
    plural = t.has_tag("plur") and not t.has_tag("sing")
    return Ref("role", toks[s].start, end, doc.text[toks[s].start : end], owner=owner, gender="plur" if plural else None)


def _org_ref(doc: Doc, toks: list[Token], i: int, need_nomn: bool) -> Ref | None:
    """An organisation: a named one («Минздрав»), a noun and a name in marks («авиакомпания «Северный
    ветер»»), a noun and its genitive tail («пресс-служба Токаева», «коммунальные службы»)."""
    t = toks[i]
    ent = doc.ent_at.get(t.start)
    nominative = not need_nomn or t.has_tag("nomn") or t.text.isupper() or not t.has_tag("NOUN")
    if ent and ent.type == "ORG" and nominative and not _is_media(doc, ent.start, ent.end):
        return Ref("org", ent.start, ent.end, ent.text)
    org = t.lemma_with(ORG_OR_STATEMENT, "NOUN", "nomn") if need_nomn else t.lemma_with(ORG_OR_STATEMENT, "NOUN")
    named = _marked_name(doc, toks[i + 1]) if org and i + 1 < len(toks) else None
    if named is not None and _told(doc, next(m for m in doc.marked if m.open == toks[i + 1].start)):
        named = None
    if named is not None:
        return named  # «Telegram-канал «Кулисы шоу-биза»», «авиакомпания «Северный ветер»»
    if org and org not in lx.MEDIA_NAMES and org not in lx.STATEMENT_NOUNS:
        j, person, _ = _tail(doc, toks, i)
        # «Пресс-служба Токаева»: a person's office, named with the person
        end = person.end if person is not None and org in lx.MOUTHPIECES else toks[j - 1].end
        office = next((e for e in doc.entities if e.type == "PER" and t.end < e.start and e.end <= end), None) \
            if org in lx.MOUTHPIECES else None
        s = i
        if t.has_tag("plur"):  # «Коммунальные службы сообщают»: bodies of a kind, named by their adjective
            while s > 0 and toks[s - 1].is_word and toks[s - 1].has_tag("ADJF", "plur") \
                    and not toks[s - 1].has_tag("Apro") and not doc.ent_at.get(toks[s - 1].start):
                s -= 1
        return Ref("org", toks[s].start, end, doc.text[toks[s].start : end], person=office)
    return None


def _interviewee(doc: Doc, toks: list[Token], i: int) -> bool:
    """«собеседник агентства», «собеседница РИА «ФедералПресс»»: the person an outlet talked to, named
    before — not «собеседник агентства в правительстве», a source inside a body."""
    if toks[i].lemma not in ("собеседник", "собеседница") or i + 1 >= len(toks) or not toks[i + 1].is_word:
        return False
    k = i + 1
    while k < len(toks) and (toks[k].is_word and _is_media(doc, toks[k].start, toks[k].end) or toks[k].text in "«»\"“”"
                             or doc.entity_covering(toks[k].start) is not None and k > i + 1):
        k += 1
    return k > i + 1 and not (k < len(toks) and toks[k].low in ("в", "во", "из", "среди", "близкий"))


def _quoted_one(doc: Doc, toks: list[Token], i: int) -> Ref | None:
    """Whose words are quoted or relayed, named in an oblique case: «цитирует Токаева», «цитирует
    её», «слова судьи Марины Сыровой», «слова банкира» (any noun for a person)."""
    while i + 1 < len(toks) and toks[i].has_tag("ADJF") and toks[i].low not in lx.PRONOUNS \
            and not doc.ent_at.get(toks[i].start):
        i += 1  # «слова главного врача»
    r = ref_at(doc, toks, i, need_nomn=False, org_ok=False)
    if r is None and _person_word(toks[i].text.lower(), nominative=False):
        t = toks[i]
        return Ref("role", t.start, t.end, t.text)
    return r if r is not None and r.kind in ("name", "role", "pronoun") else None


def _with_gender(r: Ref | None, verb_tok: Token | None) -> Ref | None:
    if r is not None and r.gender is None and verb_tok is not None:
        r.gender = _verb_gender(verb_tok)
    return r


def ref_after(doc: Doc, toks: list[Token], k: int, verb_tok: Token | None, limit: int = 16) -> Ref | None:
    """The speaker named after the verb: «– сказал глава государства», «сообщили в пресс-службе»."""
    return _with_gender(_ref_after(doc, toks, k, verb_tok, limit), verb_tok)


ACTING = re.compile(r"(?:и\.\s?о\.|врио)\s+", re.IGNORECASE)  # «и.о. директора», «врио губернатора»


def _ref_after(doc: Doc, toks: list[Token], k: int, verb_tok: Token | None, limit: int) -> Ref | None:
    """The speaker from toks[k] on, read word by word up to the end of the clause."""
    plural = verb_tok is not None and (
        _verb_gender(verb_tok) == "plur" or verb_tok.lemma in IMPERSONAL_VERBS or verb_tok.has_tag("PRTS", "neut")
    )
    if verb_tok is not None and verb_tok.lemma in CITING_VERBS | lx.RELAY_VERBS \
            and (r := _relayed_words(doc, toks, k, limit)) is not None:
        return r
    j = k
    while j < len(toks) and j - k < limit:
        t = toks[j]
        acting = ACTING.match(doc.text, t.start)
        if acting:  # «рассказала и.о. директора департамента …»: acting, and the role after it
            while j < len(toks) and toks[j].start < acting.end():
                j += 1
            continue
        if not t.is_word and t.text not in "\"«»„“”":
            if t.text in ",.!?;:" or t.text in DASHES:
                break
            j += 1
            continue
        if t.low in ("в", "во") and j + 1 < len(toks) and plural and (r := _in_body(doc, toks, j)) is not None:
            return r
        after = _past_outlet(doc, toks, j)
        if after is not None:
            j = after
            continue
        r = _whose_words(doc, toks, j, k, verb_tok, plural)
        if r is not None:
            return r
        r = _subject_after(doc, toks, j, k)
        if r:
            return r
        j += 1
    return None


def _relayed_words(doc: Doc, toks: list[Token], k: int, limit: int) -> Ref | None:
    """After a verb that cites or relays, «слова» and whose they are: «— приводит Sky Sports слова агента»."""
    # «— приводит Sky Sports слова агента»: whoever relays them, the words are the one's they belong to
    words = next((n for n in range(k, min(len(toks), k + limit)) if toks[n].lemma == "слово"), None)
    if words is not None and words + 1 < len(toks):
        return _quoted_one(doc, toks, words + 1)
    return None


def _in_body(doc: Doc, toks: list[Token], j: int) -> Ref | None:
    """«в» and a body after a plural verb, toks[j] being «в»: «отмечают в «Казгидромете»», «сообщили в
    пожарно-спасательном центре области» — the organisation speaks."""
    named = _marked_name(doc, toks[j + 1])
    if named is not None:
        return named  # «отмечают в «Казгидромете»»
    n = j + 1
    while n + 1 < len(toks) and toks[n].is_word and toks[n].has_tag("ADJF") and not doc.ent_at.get(toks[n].start):
        n += 1  # «сообщили в пожарно-спасательном центре области»
    r = ref_at(doc, toks, n, need_nomn=False, org_ok=True)
    if r is not None and n > j + 1 and r.kind in ("org", "role"):
        r = Ref(r.kind, toks[j + 1].start, r.end, doc.text[toks[j + 1].start : r.end])
    if r and r.kind in ("org", "role"):
        r.kind = "org"
        return r
    return None


def _past_outlet(doc: Doc, toks: list[Token], j: int) -> int | None:
    """The index after an outlet at toks[j], which relays («сообщает ТАСС») or is told («сообщили
    корреспонденту агентства»): no speaker; None if no outlet starts there."""
    t = toks[j]
    ent = doc.ent_at.get(t.start)
    if ent and _is_media(doc, ent.start, ent.end):
        while j < len(toks) and toks[j].start < ent.end:
            j += 1
        return j
    if t.is_word and (t.lemma in lx.MEDIA_NAMES or t.low in lx.MEDIA_NAMES) and t.has_tag("datv"):
        # «сообщили корреспонденту агентства «Интерфакс-Украина» в пресс-службе …»: whom they told
        j += 1
        while j < len(toks) and (toks[j].is_word and toks[j].has_tag("gent") or toks[j].text in "«\"„“"):
            mark = next((m for m in doc.marked if m.open == toks[j].start), None)
            j += 1
            while mark is not None and j < len(toks) and toks[j].start <= mark.close:
                j += 1
        return j
    return None


def _whose_words(
    doc: Doc, toks: list[Token], j: int, k: int, verb_tok: Token | None, plural: bool
) -> Ref | None:
    """Whose words a quoting verb or a statement noun names: «— цитирует Токаева пресс-служба», «говорится
    в сообщении Гидрометцентра», «приводит слова судьи», «приводит его слова ТАСС»."""
    t = toks[j]
    if j == k and verb_tok is not None and verb_tok.lemma in QUOTING:
        r = _quoted_one(doc, toks, j)
        if r is not None:
            return r  # «— цитирует Токаева пресс-служба», «— цитирует её ТАСС»: the one quoted speaks
    if t.lemma in lx.STATEMENT_NOUNS and plural:
        return _statement_source(doc, toks, j)
    if t.lemma == "слово" and j + 1 < len(toks):  # «приводит слова судьи Марины Сыровой», «слова банкира»
        r = _quoted_one(doc, toks, j + 1)
        if r:
            return r
    if t.lemma == "слово" and j > k and toks[j - 1].low in lx.PRONOUNS:  # «приводит его слова ТАСС»
        p = toks[j - 1]
        return Ref("pronoun", p.start, p.end, p.text, gender=lx.PRONOUNS[p.low])
    if t.lemma in lx.STATEMENT_NOUNS and j + 1 < len(toks) and verb_tok is not None and verb_tok.lemma in CITING_VERBS:
        return _cited_statement(doc, toks, j)
    return None


def _statement_source(doc: Doc, toks: list[Token], j: int) -> Ref:
    """Whose statement, after a plural verb: «говорится в сообщении Гидрометцентра»; «сказано в
    сообщении» alone is the organisation the article named before."""
    t = toks[j]
    n = j + 1
    while n < len(toks) and n - j <= 3 and toks[n].is_word and toks[n].has_tag("ADJF") and not doc.ent_at.get(toks[n].start):
        n += 1  # «в сообщении объединённой пресс-службы судов»
    r = (_marked_name(doc, toks[n]) if n < len(toks) else None) or (
        ref_at(doc, toks, n, need_nomn=False, org_ok=True) if n < len(toks) else None
    )  # «говорится в сообщении Гидрометцентра»
    if r is not None:
        if r.kind != "name":
            r.kind = "org"
        return r
    return Ref("org", t.start, t.end, t.text, generic=True)  # «сказано в сообщении»: whose, the article says before


def _cited_statement(doc: Doc, toks: list[Token], j: int) -> Ref | None:
    """Whose statement a citing verb relays, not the outlet that cites it: «— цитирует сообщение
    ведомства РИА Новости»."""
    # «— цитирует сообщение ведомства РИА Новости»: the words are the ministry's, the agency relays them
    upto = next((n for n in range(j + 1, len(toks)) if _is_media(doc, toks[n].start, toks[n].end)), len(toks))
    r = ref_at(doc, toks[:upto], j + 1, need_nomn=False, org_ok=True)
    if r is not None and not _is_media(doc, r.start, r.end):
        if r.kind != "name":
            r.kind = "org"
        return r
    return None


def _subject_after(doc: Doc, toks: list[Token], j: int, k: int) -> Ref | None:
    """The subject standing after the verb: «— сказал глава государства», «— пояснила учёная»; after an
    organisation, a person further on speaks for it."""
    t = toks[j]
    r = ref_at(doc, toks, j, need_nomn=True, org_ok=True)
    if r is None and j == k and t.has_tag("ADJF", "nomn", "sing") and (j + 1 == len(toks) or not toks[j + 1].is_word):
        r = Ref("role", t.start, t.end, t.text)  # «— пояснила учёная», «— добавил выступавший»
    if r and r.kind == "org":
        # «считает заведующий кафедрой НГТУ Михаил Зуев»: a person further on is the speaker
        person = next((x for x in (ref_at(doc, toks, n, need_nomn=False, org_ok=False)
                                   for n in range(j + 1, min(len(toks), j + 8)) if toks[n].is_word) if x), None)
        return person or r
    if r and r.kind == "role" and r.person is None and not r.owner:
        named = _name_after_second_title(doc, toks, j, r)
        if named is not None:
            return named
    return r


def _name_after_second_title(doc: Doc, toks: list[Token], j: int, r: Ref) -> Ref | None:
    """A role nobody is named in, a comma, a second title and a name: «директор Института астрономии,
    член-корреспондент РАН Борис Шустов» — the name is the first role's too."""
    # «отмечает директор Института астрономии, член-корреспондент РАН Борис Шустов»: the name after
    # a second title set off by a comma
    end = next((n for n in range(j, len(toks)) if toks[n].start >= r.end), len(toks))
    if end < len(toks) and toks[end].text == ",":
        ent = next((e for e in doc.entities if e.type == "PER" and toks[end].end <= e.start
                    and not re.search(r"[,.!?;:()«»\"]", doc.text[toks[end].end : e.start])
                    and len(doc.text[toks[end].end : e.start].split()) <= 4), None)
        if ent is not None:
            return Ref("role", r.start, ent.end, doc.text[r.start : ent.end], person=ent)
    return None


def _marked_name(doc: Doc, tok: Token) -> Ref | None:
    """An organisation named in quotation marks starting at ``tok``: «в «Казгидромете»»."""
    if tok.text not in "«\"„“":
        return None
    m = next((m for m in doc.marked if m.open == tok.start), None)
    if m is None or m.close - m.open > 60:
        return None
    return Ref("org", m.open + 1, m.close, doc.text[m.open + 1 : m.close])


def ref_before(doc: Doc, toks: list[Token], k: int, verb_tok: Token | None) -> Ref | None:
    """The subject before the verb, scanning back to the start of the sentence."""
    return _with_gender(_ref_before(doc, toks, k, verb_tok), verb_tok)


def deputy_office(word: str) -> str | None:
    """«замгенпрокурора», «замакима» (a deputy in one word, «зам» + the office in the genitive, in any
    case) → the office: «генпрокурор», «аким»; None for any other word."""
    word = word.lower()
    if not word.startswith(lx.DEPUTY_PREFIX) or len(word) <= 5:
        return None
    office = nlp.lemma(word[len(lx.DEPUTY_PREFIX):])
    return office if office in lx.ROLE_NOUNS else None


def _deputy(tok: Token) -> bool:
    return deputy_office(tok.low) is not None


def _heads_phrase(tok: Token) -> bool:
    return bool(tok.lemma_with(ROLE_OR_ORG, "NOUN"))


def _clause_opened(toks: list[Token], comma: int, limit: int = 25) -> int | None:
    """The comma that opens a relative or participle clause closed by the comma at ``comma``
    («, который подписал …,», «, подписавший …,»), if the words between are one."""
    for i in range(comma - 1, max(-1, comma - limit), -1):
        t = toks[i]
        if t.text in ".!?;:" or t.text in DASHES:
            return None
        if t.text == ",":
            first = toks[i + 1] if i + 1 < comma else None
            if first is not None and (first.lemma == "который" or first.has_tag("PRTF")):
                return i
            return None
    return None


# «в интервью «Киев FM»», «в эфире «Эха»»: the name after these is where the words were said, not who said them
_ON_AIR = frozenset("интервью эфир беседа программа передача подкаст колонка блог".split())


def _ref_before(doc: Doc, toks: list[Token], k: int, verb_tok: Token | None) -> Ref | None:
    gender = _verb_gender(verb_tok) if verb_tok is not None else None
    org: Ref | None = None
    j = k
    while j > 0:
        j -= 1
        t = toks[j]
        if t.text == "," and (opened := _clause_opened(toks, j)) is not None:
            j = opened  # «Илья Новиков, который представляет А.Захтея в ЕСПЧ, сообщил»: past the clause
            continue
        if t.low in ("который", "которая", "которые"):
            return None
        if t.low in ("я", "мы") and t.is_word:
            return None  # «у Жени Гришковца был день рождения, я ему написал»: the one who writes is «я»
        ent = doc.entity_covering(t.start)
        if ent and ent.start != t.start:
            continue
        if j > 0 and toks[j - 1].is_word and t.has_tag("gent"):
            # «Руководитель ведомства», «пресс-секретарь Токаева», «губернатор Иван Петров»:
            # the word belongs to the noun before it, which ref_at reads as a whole
            if toks[j - 1].lemma_with(lx.ROLE_NOUNS, "NOUN") or (ent is None and _heads_phrase(toks[j - 1])) or (
                    ent is not None and ent.type == "PER" and toks[j - 1].lemma_with(lx.MOUTHPIECES, "NOUN")):
                continue  # (and «Пресс-служба Токаева сказала»: his office speaks)
        r = ref_at(doc, toks, j, need_nomn=True, org_ok=True)
        if r is None and t.low == "там" and gender == "plur":
            r = Ref("org", t.start, t.end, t.text, generic=True)  # «… в департаменте. Там пояснили»
        if r is None and t.low in ("в", "во") and j + 1 < k and gender == "plur":
            # «в «Яндексе» не исключили», «в пресс-службе подтвердили», «в краевом Минздраве уточнили»
            n = j + 1
            while n + 1 < k and toks[n].has_tag("ADJF") and not doc.ent_at.get(toks[n].start):
                n += 1
            r = _marked_name(doc, toks[j + 1]) or ref_at(doc, toks, n, need_nomn=False, org_ok=True)
            if r and r.kind != "org":
                r = None
            elif r is not None and n > j + 1:
                r = Ref("org", toks[j + 1].start, r.end, doc.text[toks[j + 1].start : r.end], person=r.person)
        if r is None:
            continue
        prev_word = next((x for x in reversed(toks[:j]) if x.is_word), None)
        if r.kind == "org" and (_is_media(doc, r.start, r.end) or prev_word is not None and (
                prev_word.lemma in lx.MEDIA_NAMES and prev_word.end >= r.start - 2
                and prev_word.has_tag("datv") and not prev_word.has_tag("loct")
                or prev_word.lemma in _ON_AIR and prev_word.end >= r.start - 2)):
            continue  # «сообщает ТАСС», «в комментарии изданию «Думка»», «в интервью «Киев FM»»: an outlet
        if r.kind == "pronoun" and gender and r.gender != gender:
            continue
        if r.kind in ("org", "role") and gender in ("masc", "femn") and not t.has_tag("sing", "nomn") \
                and not t.text.isupper() and not _deputy(t):
            continue  # «полиции» is no subject of «поручил»
        if r.end > toks[k].start if k < len(toks) else False:
            continue
        if r.kind == "org":
            # «тренер «Зенита» Андрей Гордеев после матча против «Ростова» признал»: the first one read back
            # from the verb, unless a longer name holds it («в следственном управлении СК по Башкортостану»)
            org = r if org is None or r.start <= org.start and org.end <= r.end else org
            continue
        return r
    return org
