"""Quote spans and their cues: quotation marks, dialogue dashes and reported speech.

Everything here works on character offsets into the article text. A found quote
carries a ``Ref``: the words that name who said it, as written («глава государства»,
«он», «Касым-Жомарт Токаев», «в пресс-службе»); speakers.py decides who that is.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from docstore.extract import lexicon as lx
from docstore.extract.marks import Marked, find_marked
from docstore.extract import nlp
from docstore.extract.nlp import Entity, sentences
from docstore.extract.text import DASHES, Token, paragraphs, strip_span, tokenize

OPINION_VERBS = frozenset({"уверить", "убедить"})  # their short participles: «уверен», «убеждена»
IMPERSONAL_VERBS = frozenset("говориться сообщаться отмечаться подчеркиваться утверждаться".split())
# Unions asked of many tokens, built once (the word-level caches key on them).
SAYING = lx.SPEECH_VERBS | IMPERSONAL_VERBS
CREDITING = lx.CONTENT_VERBS | IMPERSONAL_VERBS
CREDITING_SUCH = CREDITING | lx.VOICING_VERBS
ORG_OR_STATEMENT = lx.ORG_NOUNS | lx.STATEMENT_NOUNS
ORG_OR_TITLE = lx.ORG_NOUNS | lx.TITLE_NOUNS
ROLE_OR_ORG = lx.ROLE_NOUNS | lx.ORG_NOUNS
STATEMENT_WORDS = lx.STATEMENT_NOUNS | {"слово", "цитата", "реплика"}
CITING_VERBS = frozenset({"цитировать", "процитировать", "привести", "приводить"})
QUOTING = frozenset({"цитировать", "процитировать"})
NAMING_VERBS = frozenset({"назвать", "называть", "охарактеризовать"})
SAID_PARTICIPLES = frozenset({"сказать", "указать", "отметить", "подчеркнуть"})
END_PUNCT = ".!?…"
DASH_CLASS = r"–—‒―\-"
DASH_RE = f"[{DASH_CLASS}]"
MODIFIERS = frozenset(
    "главный генеральный бывший первый официальный новый старший ведущий исполнительный "
    "федеральный региональный верховный постоянный специальный полномочный".split()
)


@dataclass
class Ref:
    """The words that name a speaker: a name, a role noun phrase, a pronoun or an organisation."""

    kind: str  # name | role | pronoun | org
    start: int
    end: int
    text: str
    gender: str | None = None  # masc | femn | plur, from the pronoun or the verb
    person: Entity | None = None  # a name in apposition to a role («губернатор Вячеслав Гладков»)
    owner: bool = False  # the role belongs to a named person («пресс-секретарь Токаева»): someone else
    generic: bool = False  # «в сообщении», «в ведомстве»: the organisation the article named before


@dataclass
class Found:
    start: int
    end: int
    kind: str  # direct | indirect | partial
    verb: str | None
    ref: Ref | None
    pos: int  # where the attribution stands, for resolving pronouns in reading order
    dialogue: bool = False  # a reply set off by a dash: unattributed ones are the interviewee's
    unit: tuple[int, int] | None = None  # the sentence of the attribution


DASH_ATTR_RE = re.compile(rf"[,.!?…]\s+{DASH_RE}\s+[а-яё]")
_GLUED_SENTENCE = re.compile(
    r"(?<=[а-яё][.!?…][»\"”])(?=[А-ЯЁ][а-яё])"  # «…».Мэр
    r"|(?<=\w[»\"”][.!?…])(?=[«\"“„]?[А-ЯЁ][а-яё])"  # «…».Мэр, "Россия 1"."Эти праздники
    r"|(?<=[а-яё]{4}[.!?])(?=[А-ЯЁ][а-яё])"  # хорошо.Еще (not «ул.Ленина»)
    r"|(?<=[а-яё]{2}[.!?…])(?=[«\"„“][А-ЯЁ])"  # Хуснуллин.«Туда …»: a quotation glued to the full stop
)


class Doc:
    """The article text with its tokens, sentence units and entities, for the cue rules."""

    def __init__(self, text: str, marked: list[Marked], entities: list[Entity]):
        self.text = text
        self.marked = marked
        self.tokens = tokenize(text)
        self.starts = [t.start for t in self.tokens]
        self.entities = sorted(entities, key=lambda e: e.start)
        self.ent_at = {e.start: e for e in self.entities}
        self.units = self._units()

    def _units(self) -> list[tuple[int, int]]:
        """Sentences, merged so that no quotation in marks is cut apart."""
        units: list[tuple[int, int]] = []
        for ps, pe in paragraphs(self.text):
            for s, e in sentences(self.text[ps:pe]):
                # a page that glued sentences together: «…».Мэр Омска сказал — two sentences
                cuts = [m.end() for m in _GLUED_SENTENCE.finditer(self.text, ps + s, ps + e)]
                bounds = [ps + s, *cuts, ps + e]
                for us, ue in zip(bounds, bounds[1:]):
                    if units and self._wrapped(units[-1][1], us):
                        units[-1] = (units[-1][0], ue)  # «планирует в 2010\nгоду открыть …»: a hard-wrapped line
                    else:
                        units.append((us, ue))
        merged: list[tuple[int, int]] = []
        mi = 0
        for s, e in units:
            while mi < len(self.marked) and self.marked[mi].close < s:
                mi += 1
            if merged and mi < len(self.marked) and self.marked[mi].open < s <= self.marked[mi].close:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        return merged

    def _wrapped(self, end: int, start: int) -> bool:
        """A sentence a page broke with one line break, going on in lower case on the next line."""
        between = self.text[end:start]
        return between.count("\n") == 1 and not between.strip() and self.text[start : start + 1].islower() \
            and self.text[end - 1 : end].isalnum()

    @cached_property
    def first_speech(self) -> int:
        """Where the first speech verb stands (the text's length if none does)."""
        return next((t.start for t in self.tokens if t.is_word and speech_verb(t)), len(self.text))

    def unit_of(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._unit_starts, pos) - 1
        if i >= 0 and pos < self.units[i][1]:
            return self.units[i]
        return pos, pos

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        return paragraphs(self.text)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [s for s, _ in self.paragraphs]

    def paragraph_of(self, pos: int, slack: int = 0) -> tuple[int, int] | None:
        """The paragraph holding ``pos`` (or ending at most ``slack`` characters before it)."""
        i = bisect_right(self._paragraph_starts, pos) - 1
        if i >= 0 and pos < self.paragraphs[i][1] + slack:
            return self.paragraphs[i]
        return None

    @cached_property
    def _unit_starts(self) -> list[int]:
        return [s for s, _ in self.units]

    def toks(self, start: int, end: int) -> list[Token]:
        i = bisect_left(self.starts, start)
        j = bisect_left(self.starts, end)
        return self.tokens[i:j]

    def entity_covering(self, pos: int) -> Entity | None:
        for e in self.entities:
            if e.start <= pos < e.end:
                return e
            if e.start > pos:
                break
        return None


def speech_verb(tok: Token, lemmas: frozenset[str] = lx.SPEECH_VERBS) -> str | None:
    """The lemma of a speech verb (finite, infinitive or adverbial participle), else None."""
    if not tok.is_word or tok.has_tag("VERB", "1per", "plur"):
        return None  # «Напомним, что …», «Добавим, что …»: the editor's voice, nobody's words
    for pos in ("VERB", "INFN", "GRND"):
        lemma = tok.lemma_with(lemmas, pos)
        if lemma:
            return lemma
    if not tok.has_tag("PRTS"):
        return None
    # short participles that report: «X уверен, что …», «…, убеждена она», «…, сказано в сообщении»
    if not OPINION_VERBS.isdisjoint(lemmas):
        lemma = tok.lemma_with(OPINION_VERBS, "PRTS")
        if lemma in lemmas:
            return lemma
    if not SAID_PARTICIPLES.isdisjoint(lemmas):
        lemma = tok.lemma_with(SAID_PARTICIPLES, "PRTS", "neut")
        if lemma in lemmas:
            return lemma
    return None


def _verb_gender(tok: Token) -> str | None:
    for pos in ("VERB", "PRTS"):
        if tok.has_tag(pos, "past", "femn"):
            return "femn"
        if tok.has_tag(pos, "masc") and not tok.has_tag(pos, "femn"):
            return "masc"
        if tok.has_tag(pos, "plur") and not tok.has_tag(pos, "sing"):
            return "plur"
    return None


# ---------------------------------------------------------------- who: the Ref

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


def _inflected_surname(doc: Doc, ent: Entity) -> bool:
    """A bare surname that another mention shows in another form: «Токаева» beside «Касым-Жомарт Токаев»."""
    from docstore.extract.names import analyse_name, fold, surname_keys

    words = ent.text.split()
    if len(words) != 1:
        return False
    keys = surname_keys(words[0])
    for other in doc.entities:
        if other.type == "PER" and len(other.text.split()) > 1:
            last = fold(analyse_name(other.text)[0].split()[-1])  # the full name's nominative surname
            if last != fold(words[0]) and last in keys:
                return True
    return False


def _indeclinable(tok: Token) -> bool:
    """«халяль», «ЦИПР»-like words that take no case ending: they do not end a genitive chain."""
    return tok.is_word and any("Fixd" in p.tag or not p.is_known for p in nlp.parses(tok.text.lower()))


def _tail(doc: Doc, toks: list[Token], i: int, cases: set[str] | None = None, limit: int = 8) -> tuple[int, Entity | None, bool]:
    """Extend a role or organisation noun over its genitive complement.

    Returns (index after the phrase, a name in apposition if one follows, whether a
    person's name stands in the genitive tail). A name is in apposition when it
    agrees in case with the role noun: «губернатор Вячеслав Гладков», «судьи Марины
    Сыровой»; «пресс-секретарь Токаева» has the name in the genitive: an owner.
    """
    from docstore.extract.names import fits_case, analyse_name

    j = i + 1
    owner = owned_by_role = False
    head_gender = next((p.tag.gender for p in nlp.parses(toks[i].low)[:1] if "NOUN" in p.tag and "sing" in p.tag), None)
    while j < len(toks) and j - i <= limit:
        t = toks[j]
        ent = doc.ent_at.get(t.start)
        nxt = next((t2 for t2 in toks[j + 1 :] if t2.start >= ent.end), None) if ent else None
        if ent and ent.type == "PER" and len(ent.text.split()) == 1 and nxt is not None and (
            (e2 := doc.ent_at.get(nxt.start)) is not None and e2.type == "PER" and len(e2.text.split()) > 1
        ):
            owner = True  # «адвокат Седых Юлия Карпенко»: Седых's lawyer, Юлия Карпенко
            j += 1
            continue
        if ent and ent.type == "PER":
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
            mark = next((m for m in doc.marked if m.open == t.start), None)
            if mark is None:
                break
            inside = j
            while j < len(toks) and toks[j].start <= mark.close:
                j += 1  # «главный тренер «Волны» Сергей Малинин»: a name in marks belongs to the role
            limit += j - inside - 1  # and counts as one word of the phrase
            continue
        if t.low == "и" and j + 1 < len(toks) and toks[j + 1].has_tag("gent") and j > i + 1 and toks[j - 1].has_tag("gent"):
            j += 1  # «министра сельского хозяйства и продовольствия»
            continue
        if t.low == "в" and j > i + 1 and j + 1 < len(toks) and _name_after_place(doc, toks, j + 1):
            j += 1  # «начальник центра управления в кризисных ситуациях МЧС России Владимир Степанов»
            while j < len(toks) and toks[j].is_word and (toks[j].has_tag("ADJF") or toks[j].has_tag("loct")) \
                    and not doc.ent_at.get(toks[j].start):
                j += 1
                limit += 1  # the place phrase does not count against the phrase's length
            limit += 1
            continue
        if not t.is_word or t.lemma in lx.SPEECH_VERBS or t.low in ("что", "и", "а", "в", "на", "с"):
            break
        if t.lemma_with(lx.ROLE_NOUNS, "NOUN", "gent") and j > i:
            owner = owned_by_role = True  # «пресс-секретарь губернатора», «помощник министра»: somebody else
        if t.low in ("по", "при") and j + 1 < len(toks) and toks[j + 1].is_word and j + 1 - i <= limit:
            j += 1  # «председатель комиссии по городскому хозяйству», «уполномоченный при президенте»
            while j < len(toks) and toks[j].is_word and toks[j].has_tag("ADJF") and not doc.ent_at.get(toks[j].start):
                j += 1
            j += 1
            if j + 1 < len(toks) and toks[j].low == "и" and toks[j + 1].has_tag("datv") and toks[j - 1].has_tag("datv"):
                j += 2  # «заместитель директора по экономике и финансам Алексей Янкевич»
            continue
        if not (t.has_tag("gent") or t.text.isupper() or ent is not None or _indeclinable(t)):
            break
        if head_gender and t.has_tag("VERB", "past", head_gender) and not ent:
            break  # «Прокуратура города начала проверку»: the verb agrees with the noun, the phrase ends
        j += 1
    return j, None, owner


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
        from docstore.extract.names import analyse_name

        if need_nomn and (
            (analyse_name(ent.text)[2] not in ("nomn", None) and not t.has_tag("nomn")) or _inflected_surname(doc, ent)
        ):
            return None  # «поблагодарил Лаптева»: a name in an oblique case is no subject
        return Ref("name", ent.start, ent.end, ent.text)
    if t.low in lx.PRONOUNS:
        if need_nomn and t.low not in ("он", "она", "они"):
            return None
        return Ref("pronoun", t.start, t.end, t.text, gender=lx.PRONOUNS[t.low])
    if t.lemma_with(lx.ANONYMOUS, "NOUN"):
        if _interviewee(doc, toks, i):
            return Ref("role", t.start, t.end, t.text)  # «подчеркнул собеседник РИА»: the one it talked to
        return Ref("anonymous", t.start, t.end, t.text)  # «сообщил источник», «сказал собеседник»
    if need_nomn and t.low in ("один", "одна") and i + 2 < len(toks) and toks[i + 1].low == "из":
        n = i + 2
        while n + 1 < len(toks) and toks[n].has_tag("ADJF") and not doc.ent_at.get(toks[n].start):
            n += 1  # «одна из местных жительниц»
        if _people_plural(toks[n].text.lower(), "gent"):
            j, _, _ = _tail(doc, toks, n)
            end = toks[j - 1].end  # «одна из пассажирок», «один из участников процесса»: nobody named
            return Ref("role", t.start, end, doc.text[t.start : end], gender="femn" if t.low == "одна" else "masc")
    if need_nomn and _people_plural(t.low, "nomn") and not t.lemma_with(lx.ROLE_NOUNS | lx.BODY_PEOPLE, "NOUN") \
            and not _after_preposition(toks, i):
        s = i
        while s > 0 and toks[s - 1].is_word and toks[s - 1].has_tag("ADJF", "plur") and not doc.ent_at.get(toks[s - 1].start):
            s -= 1  # «другие жители», «местные врачи»
        j, _, _ = _tail(doc, toks, i)
        end = toks[j - 1].end  # «жители соседней улицы говорят», «врачи отмечают»: a group as written
        return Ref("role", toks[s].start, end, doc.text[toks[s].start : end], gender="plur")
    role = t.lemma_with(lx.ROLE_NOUNS, "NOUN", "nomn") if need_nomn else t.lemma_with(lx.ROLE_NOUNS, "NOUN")
    if not role and _deputy(t):
        role = t.lemma  # «замакима», «замгубернатора», «заммэра»
    if not role and need_nomn and _person_noun(t):
        role = t.lemma
    if role:
        s = i
        while s > 0 and toks[s - 1].is_word and (toks[s - 1].lemma in MODIFIERS or toks[s - 1].lemma in lx.NATIONS):
            s -= 1
        j, person, owner = _tail(doc, toks, i, cases=_cases(t, frozenset({role})))
        end = toks[j - 1].end
        # «спикер ГД», «спикер нижней палаты»: the chamber's chair, a person, not its mouthpiece
        chair = role == "спикер" and any(x.lemma in lx.CHAMBERS or x.low in lx.CHAMBERS
                                         for x in toks[i + 1 : min(j, i + 4)])
        mouthpiece = person is None and role in lx.MOUTHPIECES and not chair and j > i + 1
        if mouthpiece and not owner and toks[i + 1].lemma_with(lx.ORG_NOUNS, "NOUN") or (
            mouthpiece and doc.ent_at.get(toks[i + 1].start) is not None and doc.ent_at[toks[i + 1].start].type == "ORG"
        ):
            return Ref("org", toks[s].start, end, doc.text[toks[s].start : end])  # «представитель МЧС»
        if person is not None:
            return Ref("role", toks[s].start, end, doc.text[toks[s].start : end], person=person)
        # «по словам врачей»: several of them, none named
        plural = t.has_tag("plur") and not t.has_tag("sing")
        return Ref("role", toks[s].start, end, doc.text[toks[s].start : end], owner=owner, gender="plur" if plural else None)
    if org_ok:
        nominative = not need_nomn or t.has_tag("nomn") or t.text.isupper() or not t.has_tag("NOUN")
        if ent and ent.type == "ORG" and nominative and not _is_media(doc, ent.start, ent.end):
            return Ref("org", ent.start, ent.end, ent.text)
        org = t.lemma_with(ORG_OR_STATEMENT, "NOUN", "nomn") if need_nomn else t.lemma_with(ORG_OR_STATEMENT, "NOUN")
        named = _marked_name(doc, toks[i + 1]) if org and i + 1 < len(toks) else None
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


_ACTING = re.compile(r"(?:и\.\s?о\.|врио)\s+", re.I)


def _ref_after(doc: Doc, toks: list[Token], k: int, verb_tok: Token | None, limit: int) -> Ref | None:
    plural = verb_tok is not None and (
        _verb_gender(verb_tok) == "plur" or verb_tok.lemma in IMPERSONAL_VERBS or verb_tok.has_tag("PRTS", "neut")
    )
    if verb_tok is not None and verb_tok.lemma in CITING_VERBS | lx.RELAY_VERBS:
        # «— приводит Sky Sports слова агента»: whoever relays them, the words are the one's they belong to
        words = next((n for n in range(k, min(len(toks), k + limit)) if toks[n].lemma == "слово"), None)
        if words is not None and words + 1 < len(toks) and (r := _quoted_one(doc, toks, words + 1)) is not None:
            return r
    j = k
    while j < len(toks) and j - k < limit:
        t = toks[j]
        acting = _ACTING.match(doc.text, t.start)
        if acting:  # «рассказала и.о. директора департамента …»: acting, and the role after it
            while j < len(toks) and toks[j].start < acting.end():
                j += 1
            continue
        if not t.is_word and t.text not in "\"«»„“”":
            if t.text in ",.!?;:" or t.text in DASHES:
                break
            j += 1
            continue
        if t.low in ("в", "во") and j + 1 < len(toks) and plural:
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
        ent = doc.ent_at.get(t.start)
        if ent and _is_media(doc, ent.start, ent.end):
            while j < len(toks) and toks[j].start < ent.end:
                j += 1
            continue
        if t.is_word and (t.lemma in lx.MEDIA_NAMES or t.low in lx.MEDIA_NAMES) and t.has_tag("datv"):
            # «сообщили корреспонденту агентства «Интерфакс-Украина» в пресс-службе …»: whom they told
            j += 1
            while j < len(toks) and (toks[j].is_word and toks[j].has_tag("gent") or toks[j].text in "«\"„“"):
                mark = next((m for m in doc.marked if m.open == toks[j].start), None)
                j += 1
                while mark is not None and j < len(toks) and toks[j].start <= mark.close:
                    j += 1
            continue
        if j == k and verb_tok is not None and verb_tok.lemma in QUOTING:
            r = _quoted_one(doc, toks, j)
            if r is not None:
                return r  # «— цитирует Токаева пресс-служба», «— цитирует её ТАСС»: the one quoted speaks
        if t.lemma in lx.STATEMENT_NOUNS and plural:
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
        if t.lemma == "слово" and j + 1 < len(toks):  # «приводит слова судьи Марины Сыровой», «слова банкира»
            r = _quoted_one(doc, toks, j + 1)
            if r:
                return r
        if t.lemma == "слово" and j > k and toks[j - 1].low in lx.PRONOUNS:  # «приводит его слова ТАСС»
            p = toks[j - 1]
            return Ref("pronoun", p.start, p.end, p.text, gender=lx.PRONOUNS[p.low])
        if t.lemma in lx.STATEMENT_NOUNS and j + 1 < len(toks) and verb_tok is not None and verb_tok.lemma in CITING_VERBS:
            # «— цитирует сообщение ведомства РИА Новости»: the words are the ministry's, the agency relays them
            upto = next((n for n in range(j + 1, len(toks)) if _is_media(doc, toks[n].start, toks[n].end)), len(toks))
            r = ref_at(doc, toks[:upto], j + 1, need_nomn=False, org_ok=True)
            if r is not None and not _is_media(doc, r.start, r.end):
                if r.kind != "name":
                    r.kind = "org"
                return r
        r = ref_at(doc, toks, j, need_nomn=True, org_ok=True)
        if r is None and j == k and t.has_tag("ADJF", "nomn", "sing") and (j + 1 == len(toks) or not toks[j + 1].is_word):
            r = Ref("role", t.start, t.end, t.text)  # «— пояснила учёная», «— добавил выступавший»
        if r and r.kind == "org":
            # «считает заведующий кафедрой НГТУ Михаил Зуев»: a person further on is the speaker
            person = next((x for x in (ref_at(doc, toks, n, need_nomn=False, org_ok=False)
                                       for n in range(j + 1, min(len(toks), j + 8)) if toks[n].is_word) if x), None)
            return person or r
        if r and r.kind == "role" and r.person is None and not r.owner:
            # «отмечает директор Института астрономии, член-корреспондент РАН Борис Шустов»: the name after
            # a second title set off by a comma
            end = next((n for n in range(j, len(toks)) if toks[n].start >= r.end), len(toks))
            if end < len(toks) and toks[end].text == ",":
                ent = next((e for e in doc.entities if e.type == "PER" and toks[end].end <= e.start
                            and not re.search(r"[,.!?;:()«»\"]", doc.text[toks[end].end : e.start])
                            and len(doc.text[toks[end].end : e.start].split()) <= 4), None)
                if ent is not None:
                    return Ref("role", r.start, ent.end, doc.text[r.start : ent.end], person=ent)
        if r:
            return r
        j += 1
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
        if r.kind == "org" and (_is_media(doc, r.start, r.end) or prev_word is not None
                                and prev_word.lemma in lx.MEDIA_NAMES and prev_word.end >= r.start - 2
                                and prev_word.has_tag("datv") and not prev_word.has_tag("loct")):
            continue  # «сообщает ТАСС», «в комментарии изданию «Думка»»: an outlet (not «на сайте Акорды»)
        if r.kind == "pronoun" and gender and r.gender != gender:
            continue
        if r.kind in ("org", "role") and gender in ("masc", "femn") and not t.has_tag("sing", "nomn") \
                and not t.text.isupper() and not _deputy(t):
            continue  # «полиции» is no subject of «поручил»
        if r.end > toks[k].start if k < len(toks) else False:
            continue
        if r.kind == "org":
            org = org or r  # «тренер «Зенита» Андрей Гордеев после матча против «Ростова» признал»
            continue
        return r
    return org


# ---------------------------------------------------------------- marked quotes

def _first_verb(toks: list[Token], limit: int, lemmas: frozenset[str] = SAYING) -> int | None:
    n = 0
    for i, t in enumerate(toks):
        if not t.is_word:
            continue
        if speech_verb(t, lemmas):
            return i
        n += 1
        if n >= limit:
            break
    return None


_ATTRIBUTION_NEXT_LINE = re.compile(rf"[,.!?…]*[ \t]*\n\s*(?:{DASH_RE}+\s*)?(?=[а-яё])")


def _caption_after(doc: Doc, pos: int) -> tuple[Ref | None, str, int, int] | None:
    """«…».Касым-Жомарт Токаев — a page's caption under a quotation: a name glued on after the
    closing mark, or alone on the next line, that ends its line or runs into the next sentence."""
    m = re.compile(r"[.!?…]*(?:[ \t]*\n\s*)?").match(doc.text, pos)
    ent = doc.ent_at.get(m.end()) if m else None
    glued = m is not None and ("\n" in m.group() or m.end() == pos + len(m.group().rstrip()))
    if glued and (ent is None or ent.type != "PER"):
        # «"…".Пресс-служба ДП Шымкента» at the end of its line: a body signs the quotation (not a
        # page's credit line a paragraph further down)
        if doc.text.count("\n", pos, m.end()) > 1:
            return None
        line_end = doc.text.find("\n", m.end())
        toks = doc.toks(m.end(), len(doc.text) if line_end < 0 else line_end)
        r = ref_at(doc, toks, 0, need_nomn=True, org_ok=True) if toks and toks[0].is_word else None
        words = [t for t in toks if t.is_word]
        if r is not None and r.kind == "org" and words and r.end >= words[-1].end and not _is_media(doc, r.start, r.end):
            return r, "сказать", r.start, r.end
        return None
    if ent is None or ent.type != "PER" or not glued:
        return None
    after = doc.text[ent.end : ent.end + 2]
    if after[:1] not in ("", "\n", ".") and not (after[:1].isupper() and after[1:2].islower()):
        return None
    return Ref("name", ent.start, ent.end, ent.text), "сказать", ent.start, ent.end


def _attribution_after(doc: Doc, pos: int) -> tuple[Ref | None, str, int, int] | None:
    """«…», – сказал X. : the attribution that follows a closing mark at ``pos``.

    Returns (ref, verb lemma, start, end of the attribution) or None.
    """
    text = doc.text
    m = re.compile(rf"[,.!?…]*\s*{DASH_RE}+\s*|,\s*").match(text, pos)
    if not m or "\n" in m.group():
        # a page may break the line after the quote: «…».\n\nсказал судья X — a paragraph that
        # opens in lower case goes on with the sentence
        m = _ATTRIBUTION_NEXT_LINE.match(text, pos)
        if not m:
            return _caption_after(doc, pos)
    end = len(text)
    dashed = m.group().strip() not in ("", ",")
    # «…», — говорится в заявлении «УралГранита»: after a dash the attribution may hold a name in
    # marks; «…», «…» сказали — without one, the next mark starts something else
    stop = re.compile(rf"[.!?…\n]|,\s*{DASH_RE}|:" + ("" if dashed else r"|[«\"„]")).search(text, m.end())
    if stop:
        end = stop.start()
    toks = doc.toks(m.end(), end)
    vi = _first_verb(toks, 12 if dashed else 2, TAG_VERBS)
    if vi is None:
        words = [t for t in toks if t.is_word]
        r = ref_at(doc, toks, toks.index(words[0]), need_nomn=True, org_ok=True) if dashed and words else None
        if r is not None and r.kind in ("name", "role") and r.end >= words[-1].end:
            return r, "сказать", m.end(), end  # «…», — президент.: the speaker alone after the dash
        if dashed and len(words) > 2 and words[0].lemma in ("этот", "такой") and words[1].lemma == "слово":
            r = _quoted_one(doc, toks, toks.index(words[2]))
            if r is not None:
                return r, "сказать", m.end(), end  # «…», — эти слова заместителя министра X прозвучали на штабе
        return None
    verb = toks[vi]
    lemma = speech_verb(verb, TAG_VERBS) or verb.lemma
    ref = ref_after(doc, toks, vi + 1, verb) or ref_before(doc, toks, vi, verb)
    return ref, lemma, m.end(), end


def _attribution_before(doc: Doc, clause_start: int, pos: int) -> tuple[Ref | None, str, int] | None:
    """X заявил: «…» — a clause ending in a colon (or «…, – сказал X, – «…»)."""
    before = doc.text[clause_start:pos].rstrip()
    if not before or before[-1] not in ":" + DASHES:
        return None
    if before[-1] in DASHES and not re.search(rf",\s*{DASH_RE}$", before):
        return None
    toks = doc.toks(clause_start, clause_start + len(before))
    # the verb nearest to the mark; failing that, a noun for a statement («комментарием:»)
    for i in range(len(toks) - 1, -1, -1):
        lemma = speech_verb(toks[i], SAYING)
        if lemma:
            ref = ref_before(doc, toks, i, toks[i]) or ref_after(doc, toks, i + 1, toks[i])
            return ref, lemma, toks[i].start
        if len(toks) - i > 14:
            break
    if before[-1] == ":":
        # «Министр внутренних дел Ерлан Тургумбаев: «…»» — a name, no verb, before the colon
        colon = clause_start + len(before) - 1
        # («Сергей Шепелев, главный тренер ХК "Югра": "…"» — the name and a role after a comma)
        ent = next((e for e in doc.entities if e.type == "PER" and clause_start <= e.start < colon and (
            doc.text[e.end : colon].strip() == "" or re.fullmatch(r",[^,.!?:;\n]{3,120}", doc.text[e.end : colon].strip())
            and not any(t.has_tag("VERB") for t in doc.toks(e.end, colon)))), None)
        # («министр внутренних дел»: «дел» may read as a verb of «деть»)
        if ent is not None and not any(t.has_tag("VERB") for t in toks if t.end <= ent.start and t.lemma != "дело"):
            return Ref("name", ent.start, ent.end, ent.text), "сказать", ent.start
        # a headline «Мэр Хайфы о подготовке к войне: "…"», «Песков о санкциях: «…»»: who, about what, the words
        about = next((i for i, t in enumerate(toks[:8]) if t.low in ("о", "об", "про") and i > 0), None)
        if about is not None and not any(t.has_tag("VERB") for t in toks if t.is_word):
            r = ref_at(doc, toks[:about], 0, need_nomn=True, org_ok=True) if toks[0].is_word else None
            if r is not None and r.kind in ("name", "role", "org") and r.end <= toks[about].start:
                return r, "сказать", r.start
        for i in range(len(toks) - 1, max(-1, len(toks) - 8), -1):
            if toks[i].lemma_with(STATEMENT_WORDS, "NOUN"):
                verb = next((t for t in reversed(toks[:i]) if t.has_tag("VERB")), None)
                ref = ref_before(doc, toks, i, verb)
                if ref is not None:
                    return ref, toks[i].lemma, toks[i].start
    return None


# words, hyphenated ones too, up to a spaced dash; a short name in marks («— сказал он «Известиям»»)
ATTR_TEXT = rf"(?:«[^«»\n]{{1,40}}»|\"[^\"\n]{{1,40}}\"|(?!\s{DASH_RE}\s)[^\n«»\"]){{3,160}}?"
SPLIT_RE = re.compile(rf"([,.!?…])\s+{DASH_RE}+\s+({ATTR_TEXT})([,.:])\s+{DASH_RE}+\s+")


def _splits(doc: Doc, start: int, end: int) -> list[tuple[int, int, Ref | None, str]]:
    """Attributions inside a quotation: «Начало, – сказал X, – продолжение».

    Returns (end of the segment before, start of the segment after, ref, verb) per attribution.
    """
    out = []
    for m in SPLIT_RE.finditer(doc.text, start, end):
        toks = doc.toks(m.start(2), m.end(2))
        vi = _first_verb(toks, 3)
        if vi is not None:
            verb = toks[vi]
            ref = ref_after(doc, toks, vi + 1, verb) or ref_before(doc, toks, vi, verb)
            out.append((m.start(1) + 1, m.end(), ref, speech_verb(verb, SAYING) or verb.lemma))
    return out


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _so_called(doc: Doc, m: Marked) -> bool:
    """«так называемой «дороге смерти»»: a scare quote, never a quote."""
    before = [t.low for t in doc.toks(max(0, m.open - 30), m.open) if t.is_word][-2:]
    return len(before) == 2 and before[0] == "так" and before[1].startswith("называем")


def _is_title(doc: Doc, m: Marked) -> bool:
    """газета «Известия», компания «Газпром», «Интерфакс»: names in marks, not quotes."""
    inner = doc.text[m.open + 1 : m.close].strip()
    if _so_called(doc, m) or _SITE_NAME.fullmatch(inner):
        return True  # … or a site: ИА «24.kg»
    if inner[:1].islower():
        return False  # names are capitalised; «шагом в правильном направлении» is somebody's words
    prev = [t for t in doc.toks(max(0, m.open - 60), m.open) if t.is_word][-4:]
    for t in reversed(prev):
        if t.lemma in lx.TITLE_NOUNS or t.low in lx.TITLE_NOUNS:
            return True
        if not t.has_tag("ADJF") and not t.text[:1].isupper():
            break  # «фильма Алексея Пивоварова «…»»: an author's name may stand between
    words = _word_count(inner)
    sentence_end = re.search(r"[!?]|\.(?!\d)", inner)  # «Президент 2.0» has no full stop
    if inner[:1].isupper() and words <= 3 and not sentence_end:
        return True
    if inner[:1].isupper() and words <= 8 and not sentence_end:
        # «Порты Дальнего Востока: пределы роста»: a capitalised phrase with no verb names a session,
        # a show, a report; somebody's words in a sentence have a verb or start in lower case
        toks = [t for t in doc.toks(m.open + 1, m.close) if t.is_word]
        return not any(t.has_tag("VERB") or t.has_tag("INFN") or t.has_tag("PRTS") for t in toks)
    return False


def _clause_start(doc: Doc, pos: int) -> int:
    s, _ = doc.unit_of(pos)
    # a previous closing mark in the same unit ends the clause before this one; a name in marks does not
    # («Ханну Йортикка, главный тренер ХК "Адмирал": "…"»)
    for m in doc.marked:
        if s <= m.close < pos and not _marked_name_only(doc, m):
            s = m.close + 1
    return s


def _outlet_name(doc: Doc, m: Marked) -> bool:
    """«как пишет "Европейская правда"», «издание «Коммерсант»»: the name of whoever relays, in marks."""
    if not _marked_name_only(doc, m):
        return False
    before = doc.toks(max(0, m.open - 40), m.open)[-1:]  # the word right before the mark, nothing between
    return bool(before) and before[0].is_word and bool(
        before[0].lemma_with(lx.RELAY_VERBS, "VERB") or before[0].lemma in lx.MEDIA_NAMES)


def _marked_name_only(doc: Doc, m: Marked) -> bool:
    inner = doc.text[m.open + 1 : m.close].strip()
    return inner[:1].isupper() and _word_count(inner) <= 3 and not re.search(r"[.!?,:;…]", inner)


def marked_quotes(doc: Doc) -> tuple[list[Found], list[Marked]]:
    """Direct quotes in marks, plus the spans left for partial-quote or title decisions."""
    found: list[Found] = []
    rest: list[Marked] = []
    prev_ref: tuple[Ref | None, str] | None = None
    text = doc.text
    for m in doc.marked:
        if _so_called(doc, m) or _outlet_name(doc, m):
            rest.append(m)
            continue
        inner_s, inner_e = strip_span(text, m.open + 1, m.close)
        after = _attribution_after(doc, m.close + 1)
        if after is not None and _inside_sentence(doc, m):
            after = None  # «Правительство «информационно проиграло», считает президент»: words in marks
            # inside reported content, which the whole sentence is
        before = _attribution_before(doc, _clause_start(doc, m.open), m.open)
        if before is None and _starts_paragraph(text, m.open):
            prev = text[: m.open].rstrip()
            if prev.endswith(":"):  # «X заявил:» closing the paragraph before
                before = _attribution_before(doc, prev.rfind("\n") + 1, len(prev))
        ref, verb, pos = None, None, m.open
        if after is not None:
            ref, verb, pos = after[0], after[1], after[2]
        elif before is not None:
            ref, verb, pos = before
        elif _is_split_continuation(text, m.open) and prev_ref is not None:
            ref, verb = prev_ref
        splits = _splits(doc, inner_s, inner_e)
        if verb is None and splits:
            ref, verb, pos = splits[0][2], splits[0][3], splits[0][0]
        if verb is None:
            subject = _subject_before_paragraph(doc, m)
            if subject is not None:
                ref, verb, pos = subject, "сказать", subject.start
        if verb is None and (found or _speech_before(doc, m.open)) and _quotation_paragraph(doc, m):
            # a paragraph that is a quotation and nothing else, with nobody named before it, after
            # someone's words: that speaker goes on (resolved as an unattributed reply)
            s, e = strip_span(text, inner_s, inner_e, " \t\n,–—-")
            found.append(Found(s, e, "direct", None, None, m.open, dialogue=True))
            prev_ref = None
            continue
        if verb is None:
            rest.append(m)
            prev_ref = None
            continue
        prev_ref = (ref, verb)
        # «Начало, – сказал X, – продолжение»: one quote per segment
        seg_start = inner_s
        for cut, resume, _, _ in splits:
            s, e = strip_span(text, seg_start, cut, " \t\n,–—-")
            if e > s:
                found.append(Found(s, e, "direct", verb, ref, pos))
            seg_start = resume
        s, e = strip_span(text, seg_start, inner_e, " \t\n,–—-")
        if e > s:
            found.append(Found(s, e, "direct", verb, ref, pos))
    return found, rest


def _quotation_paragraph(doc: Doc, m: Marked) -> bool:
    """The marks open their paragraph and close it (a full stop may follow, or the comma of an
    attribution the page cut off), around five words or more."""
    text = doc.text
    return _starts_paragraph(text, m.open) and text[m.close + 1 :].split("\n", 1)[0].strip(" .,!?…") == "" \
        and _word_count(text[m.open + 1 : m.close]) >= 5


def _speech_before(doc: Doc, pos: int) -> bool:
    """Has the article reported anyone's words before ``pos`` (a speech verb anywhere before it)?"""
    return doc.first_speech < pos


def _subject_before_paragraph(doc: Doc, m: Marked) -> Ref | None:
    """«Он поблагодарил коллег.\n«Многие результаты — итог их работы».»: a paragraph that is a
    quotation and nothing else, after a paragraph whose first sentence a person opens as the
    subject of a verb, is that person's words."""
    text = doc.text
    if not _quotation_paragraph(doc, m):
        return None
    prev_end = text.rfind("\n", 0, m.open)
    while prev_end > 0 and text[prev_end - 1].isspace():
        prev_end -= 1
    if prev_end <= 0:
        return None
    prev_start = text.rfind("\n", 0, prev_end) + 1
    us, ue = doc.unit_of(prev_start)
    toks = doc.toks(us, min(ue, prev_end))
    words = [i for i, t in enumerate(toks) if t.is_word]
    for i in words[:6]:
        if toks[i].has_tag("VERB"):
            ref = ref_before(doc, toks, i, toks[i])
            return ref if ref is not None and ref.kind in ("name", "pronoun", "role") and ref.gender != "plur" else None
    return None


def _inside_sentence(doc: Doc, m: Marked) -> bool:
    """Do the marks stand inside a sentence of the narrator's, after words of the content,
    rather than open it (after a dateline, a colon or a dash)?"""
    us, _ = doc.unit_of(m.open)
    before = doc.text[us : m.open]
    prefix = DATELINE_PREFIX.match(before)
    if prefix:
        before = before[prefix.end() :]
    before = before.strip()
    if not before or before[-1] in ":" + DASHES or before.endswith(","):
        return False
    return _word_count(before) >= 2 and before[:1].isupper() and not any(
        speech_verb(t) for t in doc.toks(m.open - len(before), m.open)
    )


def _starts_paragraph(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] == "\n"


def _is_split_continuation(text: str, pos: int) -> bool:
    return bool(re.search(rf",\s*{DASH_RE}\s*$", text[max(0, pos - 5) : pos]))


# ---------------------------------------------------------------- dialogue

QUESTION_LABELS = r"вопрос|в|корр\.?|корреспондент"
ANSWER_LABELS = r"ответ|о"
QUESTION_LABEL = re.compile(rf"^(?:{QUESTION_LABELS})$", re.I)
DIALOGUE_RE = re.compile(rf"^(?:[{DASH_CLASS}]\s+|(?P<label>{QUESTION_LABELS}|{ANSWER_LABELS})\s*:\s+)", re.M | re.I)
# «Андрей Мельников: Больно, но не смертельно.», «"ДП": Андрей Викторович, …?» — a transcript
# whose turns are labelled with the speaker's name or the outlet's
NAME_LABEL = re.compile(r"(?P<who>«[^»\n]{1,30}»|\"[^\"\n]{1,30}\"|[А-ЯЁA-Z][\w.-]*(?:\s[А-ЯЁ][\w.-]*){0,2})\s*:\s+")
TAG_VERBS = SAYING | lx.MANNER_VERBS


# «— …, — сказал он.», also with no comma before the dash, as some pages write it («… маленькие - поделился X»)
DIALOGUE_ATTR = re.compile(rf"([,.!?…]|(?<=\w))\s+{DASH_RE}+\s+({ATTR_TEXT})([.,:]|$)(\s+{DASH_RE}+\s+|\s*$)")


@dataclass
class _Reply:
    segments: list[tuple[int, int]]
    verb: str | None
    ref: Ref | None
    pos: int
    asked: bool = False  # labelled as the journalist's («Вопрос:»)
    captioned: bool = False  # its speaker named by a caption line above it: a transcript's turn

    def question(self, text: str) -> bool:
        return self.asked or text[self.segments[-1][0] : self.segments[-1][1]].rstrip().endswith("?")


def _reply(doc: Doc, ps: int, pe: int, body_s: int) -> _Reply:
    """One dash-led paragraph: its segments and the attribution between them, if any."""
    ref, verb, pos = None, None, ps
    segs: list[tuple[int, int]] = []
    seg_start = body_s
    at = body_s
    while (a := DIALOGUE_ATTR.search(doc.text, at, pe)) is not None:
        at = a.start(2)  # a dash that attributes nothing: look on from the words after it
        toks = doc.toks(a.start(2), a.end(2))
        vi = _first_verb(toks, 3, TAG_VERBS)
        if vi is None and len(toks) > 1 and toks[0].lemma_with(lx.RELAY_VERBS | CITING_VERBS, "VERB") \
                and toks[1].lemma == "слово":
            vi = 0  # «— передаёт слова Карпина корреспондент «Чемпионата»»: his words, relayed
        if vi is None or (a.group(1) == "" and vi != 0):
            continue  # with no comma before the dash, only a speech verb right after it attributes
        verb = speech_verb(toks[vi], TAG_VERBS) or "сказать"
        ref = ref_after(doc, toks, vi + 1, toks[vi]) or ref_before(doc, toks, vi, toks[vi])
        pos = toks[vi].start
        segs.append((seg_start, a.start(1) + (0 if a.group(1) in (",", "") else 1)))
        seg_start = at = a.end()
    segs.append((seg_start, pe))
    segs = [strip_span(doc.text, s, e, " \t,–—-") for s, e in segs]
    return _Reply([(s, e) for s, e in segs if e > s and _word_count(doc.text[s:e]) >= 2], verb, ref, pos)


def _from_capitals(words: list[str]) -> str:
    """«Ерлан ТУРГУМБАЕВ» → «Ерлан Тургумбаев»: a name a page set partly in capitals, as it is written elsewhere."""
    return " ".join(w.capitalize() if w.isupper() else w for w in words)


def _name_label(doc: Doc, ps: int, pe: int) -> tuple[_Reply, int] | None:
    """A transcript turn «Имя Фамилия: …» (that person's words) or «"Издание": …» (the
    interviewer's), when the article goes on with more such turns."""
    m = NAME_LABEL.match(doc.text, ps, pe)
    if not m or m.end() >= pe:
        return None
    label = m.group("who")
    ent = doc.ent_at.get(ps)
    body = strip_span(doc.text, m.end(), pe)
    if ent is not None and ent.type == "PER" and ent.end == ps + len(label):
        ref = Ref("name", ent.start, ent.end, ent.text)
        return _Reply([body], "сказать", ref, ps), m.end()
    words = label.split()
    if 1 < len(words) <= 3 and words[-1].isupper() and len(words[-1]) > 2:
        # «Ерлан ТУРГУМБАЕВ: …» — the surname in capitals, the person named so elsewhere
        last = words[-1].lower().replace("ё", "е")
        if any(e.type == "PER" and e.text.split()[-1].lower().replace("ё", "е").startswith(last) for e in doc.entities):
            written = _from_capitals(words)
            return _Reply([body], "сказать", Ref("name", ps, ps + len(label), written), ps), m.end()
    if label[:1] in "«\"" or label.isupper() or any(
        e.type == "ORG" and e.start >= ps and e.end <= ps + len(label) + 1 for e in doc.entities
    ):
        return _Reply([body], None, None, ps, asked=True), m.end()
    return None


_CAPTION = re.compile(r"(?P<name>[А-ЯЁ][А-ЯЁ-]+(?:\s+[А-ЯЁ][А-ЯЁ-]+){1,2})\s*,[^\n]{0,120}:\s*$")


def caption_quotes(doc: Doc) -> list[Found]:
    """A television caption on a line of its own, then what was said: «САЛТАНАТ АЗИРБЕК, ОФИЦИАЛЬНЫЙ
    ПРЕДСТАВИТЕЛЬ ДП г.АЛМАТЫ:» and the next paragraph. The caption is in capitals (the name, the role)."""
    found = []
    paras = paragraphs(doc.text)
    for (ps, pe), (ns, ne) in zip(paras, paras[1:]):
        line = doc.text[ps:pe].strip()
        m = _CAPTION.match(line)
        letters = [c for c in line if c.isalpha()]
        if m is None or sum(c.isupper() for c in letters) < 0.8 * len(letters):
            continue
        if _CAPTION.match(doc.text[ns:ne].strip()):
            continue
        start = ps + doc.text[ps:pe].index(line)
        written = _from_capitals(m.group("name").split())
        s, e = strip_span(doc.text, ns, ne)
        if _word_count(doc.text[s:e]) >= 3:
            found.append(Found(s, e, "direct", "сказать", Ref("name", start, start + len(m.group("name")), written), start))
    return found


def _answer_goes_on(doc: Doc, run: list[_Reply], ps: int, pe: int) -> bool:
    """In an interview, a paragraph with no dash after an answer goes on with that answer:
    the run has asked a question, its last turn answers it unattributed, and the paragraph
    holds no quotation, dash or speech verb of its own (no narrator's sentence)."""
    if len(run) < 2 or not run[-2].segments or not run[-1].segments or run[-1].verb is not None:
        return False
    if not run[-2].question(doc.text) or run[-1].question(doc.text):
        return False
    quoting = any(m.open < pe and ps <= m.close and m.close - m.open > 40 for m in doc.marked)  # not a title in marks
    if quoting or DASH_ATTR_RE.search(doc.text, ps, pe):
        return False
    return not any(speech_verb(t, SAYING) for t in doc.toks(ps, pe))


_LETTERED = re.compile(r"[^\W\d_]{2,}")


def _role_line(doc: Doc, start: int, end: int) -> bool:
    """«- главный тренер «Арсенала»»: a dash line that is only a role phrase (no verb, no full stop)."""
    toks = doc.toks(start, end)
    words = [t for t in toks if t.is_word]
    if not words or len(words) > 6 or doc.text[start:end].rstrip()[-1:] in ".!?…" or any(t.has_tag("VERB") for t in words):
        return False
    head = next((t for t in words if t.lemma not in MODIFIERS), None)
    return head is not None and bool(head.lemma_with(lx.ROLE_NOUNS, "NOUN", "nomn"))


def _captioned_by(doc: Doc, before: list[tuple[int, int]]) -> tuple[Ref, int] | None:
    """A name on a line of its own over a role line: «Александр СТОРОЖУК» / «- главный тренер …»."""
    if len(before) < 2:
        return None
    rs, re_ = before[-1]
    dash = DIALOGUE_RE.match(doc.text, rs, re_)
    if not _role_line(doc, dash.end() if dash else rs, re_):
        return None
    ps, pe = before[-2]
    ent = next((e for e in doc.entities if e.type == "PER" and e.start == ps and e.end >= pe - 1), None)
    if ent is not None:
        return Ref("name", ent.start, ent.end, ent.text), ent.start
    words = doc.text[ps:pe].split()
    if 1 < len(words) <= 3 and words[-1].isupper() and words[0][:1].isupper():  # «Александр СТОРОЖУК»
        written = _from_capitals(words)
        return Ref("name", ps, pe, written), ps
    return None


def _plain(doc: Doc, ps: int, pe: int) -> bool:
    """A paragraph of words with no marks, no dash attribution and no colon at its end."""
    return doc.text[pe - 1] != ":" and not any(
        m.open < pe and ps <= m.close and not _marked_name_only(doc, m) for m in doc.marked
    ) and not DASH_ATTR_RE.search(doc.text, ps, pe) and _word_count(doc.text[ps:pe]) >= 3


def _introduced_by(doc: Doc, prev: tuple[int, int] | None, names_only: bool = False) -> tuple[Ref, int] | None:
    """«О позиции Савельева сообщила его адвокат Татьяна Лупандина:» or «Первым к журналистам
    вышел Анатолий Чанцев, …:» on the line before a reply: the person that line brings in,
    ending it with a colon, is the one who speaks — the subject of its verb, before it or after it."""
    if prev is None:
        return None
    ps, pe = prev
    if doc.text[pe - 1] != ":" or DIALOGUE_RE.match(doc.text, ps, pe):
        return None
    # «Игорь Никитин, главный тренер ЦСКА:», «А. Клишас:» (an initial the tagger leaves out)
    lead = re.match(r"(?:[А-ЯЁ]\.\s*){0,2}", doc.text[ps:pe]).end()
    ent = doc.ent_at.get(ps) or doc.ent_at.get(ps + lead)
    if ent is not None and ent.type == "PER" and re.match(r"\s*(?:,[^.!?\n]{0,120})?:\s*$", doc.text[ent.end : pe + 1]):
        return Ref("name", ent.start, ent.end, ent.text), ent.start
    if names_only:
        return None
    us, _ = doc.unit_of(pe - 1)
    toks = doc.toks(max(us, ps), pe)
    words = [i for i, t in enumerate(toks) if t.is_word]
    for i in words[:8]:
        verb = toks[i]
        if not verb.has_tag("VERB") or verb.has_tag("INFN"):
            continue
        after = ref_after(doc, toks, i + 1, verb)
        # the subject right after the verb («сообщила его адвокат Татьяна Лупандина»), else before it
        near = after is not None and sum(t.is_word for t in toks[i + 1 :] if t.start < after.start) <= 2
        ref = after if near else ref_before(doc, toks, i, verb)
        if ref is not None and ref.kind in ("name", "pronoun", "role") and ref.gender != "plur":
            return ref, verb.start
        return None
    return None


def dialogue_quotes(doc: Doc) -> list[Found]:
    """— Цитата, — сказал он. — Продолжение. : replies set off by a dash.

    In an interview the unattributed replies alternate between the journalist and the
    interviewee: a reply ending in «?» marks the journalist's turns in its run of
    consecutive dash paragraphs, so that a remark without «?» in that turn is not
    taken for the interviewee's words. Unattributed answers are resolved later to the
    last speaker (the interviewee).
    """
    runs: list[list[_Reply]] = []
    last_index = -2
    paras = doc.paragraphs
    labelled = [_name_label(doc, ps, pe) for ps, pe in paras]
    # one «Name: words» line is a caption; turns of two people, or three turns, are a transcript
    named_turns = [x for x in labelled if x is not None]
    transcript = len(named_turns) >= 3 or (
        len(named_turns) == 2 and len({r.ref.text if r.ref else "?" for r, _ in named_turns}) == 2
    )
    attributed_above: list[Found] = []
    for index, (ps, pe) in enumerate(paras):
        m = DIALOGUE_RE.match(doc.text, ps, pe)
        if m and not _LETTERED.search(doc.text, m.end(), pe):
            m = None  # «- 25.07.2025 13:42» under a headline: a date stamp, not a reply
        above = _attributes_above(doc, paras[index - 1], m.end(), pe) if m and index else None
        if above is not None:
            attributed_above.append(above)  # «…, (new line) – сказал он.»: the paragraph above is the words
            continue
        if m and _role_line(doc, m.end(), pe):
            continue  # «Александр СТОРОЖУК» / «- главный тренер «Арсенала»»: a caption's role, not a reply
        named = None if m or not transcript else labelled[index]
        if not m and not named and index and _plain(doc, ps, pe):
            # «Валерий Белоусов, главный тренер Авангарда:» on its line, the words under it without a dash
            label = _introduced_by(doc, paras[index - 1], names_only=True)
            if label is not None:
                named = (_Reply([strip_span(doc.text, ps, pe)], None, label[0], label[1], captioned=True), ps)
        if not m and not named:
            # an answer goes on in the paragraphs under it: after a question, or in a transcript's turn
            if index == last_index + 1 and (_answer_goes_on(doc, runs[-1], ps, pe) or (
                    runs[-1][-1].captioned and runs[-1][-1].segments and _plain(doc, ps, pe))):
                last = runs[-1][-1]
                last.segments[-1] = (last.segments[-1][0], strip_span(doc.text, ps, pe)[1])
                last_index = index
            continue
        if named:
            reply, m_end = named
        else:
            reply = _reply(doc, ps, pe, m.end())
            if m.group("label") and QUESTION_LABEL.match(m.group("label")):
                reply.asked = True  # «Вопрос: …» — the journalist's turn, whatever its punctuation
        if index != last_index + 1:
            runs.append([])
            intro = None if reply.ref is not None or not reply.segments or reply.question(doc.text) else \
                _introduced_by(doc, paras[index - 1] if index else None)
            caption = None if intro is not None or reply.ref is not None or not reply.segments \
                or reply.question(doc.text) else _captioned_by(doc, paras[:index])
            if intro is not None or caption is not None:
                reply.ref, reply.pos = intro or caption
                reply.captioned = caption is not None
        runs[-1].append(reply)
        last_index = index
    found = []
    for run in runs:
        turns = {i % 2 for i, r in enumerate(run) if r.verb is None and r.segments and r.question(doc.text)}
        for i, r in enumerate(run):
            if not r.segments:
                continue
            if r.verb is None and r.ref is None and (r.question(doc.text) or (len(turns) == 1 and i % 2 in turns)):
                continue  # the journalist's turn: nobody to attribute it to
            found.extend(Found(s, e, "direct", r.verb, r.ref, r.pos, dialogue=True) for s, e in r.segments)
    return found + attributed_above


def _attributes_above(doc: Doc, above: tuple[int, int], start: int, end: int) -> Found | None:
    """«Поэтому держим кулаки за наших …,» and, on the next line, «– сказал он.»: a dash line that is
    only an attribution (a speech verb first, a few words) credits the paragraph above, which ends
    with a comma, with no marks of its own."""
    toks = doc.toks(start, end)
    words = [t for t in toks if t.is_word]
    if not words or len(words) > 8 or words[0] is not toks[0] or not speech_verb(words[0], TAG_VERBS) \
            or not words[0].text[:1].islower():
        return None
    s, e = strip_span(doc.text, *above)
    if doc.text[e - 1 : e] != "," or DIALOGUE_RE.match(doc.text, s, e) or any(
        m.open < e and s <= m.close for m in doc.marked
    ):
        return None
    ref = ref_after(doc, toks, 1, words[0])
    return Found(s, e - 1, "direct", speech_verb(words[0], TAG_VERBS), ref, words[0].start) if ref else None


# ---------------------------------------------------------------- reported speech

def _content_end(doc: Doc, start: int, end: int) -> int:
    s, e = strip_span(doc.text, start, end, " \t\n")
    while e > s and doc.text[e - 1] in END_PUNCT:
        e -= 1
    return e


def _speaker_goes_on(doc: Doc, verb: Token, start: int, end: int) -> int:
    """Where the content ends when the speaker's next act follows it: «отметил, что так и получилось, и
    призвал коллег …», «пообещало, что …, но не исключило, что …» — a past verb after «, и/но/а (не)»
    in the speech verb's form, not in the content's own."""
    def form_of(tok: Token) -> str | None:  # «руководство пообещало»: the neuter too
        return _verb_gender(tok) or ("neut" if tok.has_tag("VERB", "past", "neut") else None)

    toks = doc.toks(start, end)
    form = form_of(verb)
    for n in range(1, len(toks) - 2):
        k = n + 3 if toks[n + 2].low == "не" and n + 3 < len(toks) else n + 2  # «, но не исключило, что …»
        nxt = toks[k]
        if toks[n].text != "," or toks[n + 1].low not in ("и", "но", "а") or not nxt.has_tag("VERB", "past") \
                or form is None:
            continue
        own = next((t for t in toks[:n] if t.is_word and (t.has_tag("VERB", "past") or t.has_tag("PRTS"))), None)
        if form_of(nxt) == form and (own is None or form_of(own) != form):
            return toks[n].start
    return end


def _verb_before(toks: list[Token], k: int, window: int = 7) -> int | None:
    """A content verb among the few words before token k: «отметил в своём выступлении, что»."""
    n = 0
    for i in range(k - 1, -1, -1):
        t = toks[i]
        if not t.is_word:
            continue
        if t.low in ("что", "чтобы"):
            return None
        if speech_verb(t, CREDITING):  # «заявил, что», and «говорится в сообщении, что»
            return i
        n += 1
        if n >= window:
            break
    return None


def reported_quotes(doc: Doc, taken: list[tuple[int, int]]) -> list[Found]:
    """Indirect speech: «X заявил, что …», «По словам X, …», «…, заявил X», «Об этом сказал X»."""
    found: list[Found] = []

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken) and not any(s < f.end and f.start < e for f in found)

    units = doc.units
    # each unit's «Об этом сообщил X» credit, once: the rules below ask it of a unit and of its neighbours
    credits = [_about_this(doc, doc.toks(us, ue)) for us, ue in units]
    for ui, (us, ue) in enumerate(units):
        toks = doc.toks(us, ue)
        words = [t for t in toks if t.is_word]
        if not words:
            continue
        outer = _according_to(doc, toks, us, ue) or _as_said(doc, toks, us, ue)
        inner = _that_clause(doc, toks, ue)
        if outer and inner and outer.start <= inner.start and inner.end <= outer.end + 1:
            outer = None  # «Как отметила пресс-служба, президент заявил, что …»: the president's words
        if inner is not None and inner.ref is None and outer is None and _first_person(doc, toks):
            inner = None  # «Хочу заверить, что …, отметил Укибай»: the speaker's own words, credited at the end
        credit = credits[ui] is not None  # «Об этом, как пишет X, сообщило Y»: no words of its own
        paren = None
        got = outer or inner or _colon_clause(doc, toks, ue) or (None if credit else (paren := _parenthetical(doc, toks, ue)))
        if got is None and not (ui + 1 < len(units) and credits[ui + 1]):
            got = _infinitive_clause(doc, toks, ue)  # (unless «Об этом рассказал Y» makes it Y's report)
        if got is None:
            got = _trailing(doc, toks, us, ue)
            if got and (_opens_with_report(doc, got) or _about_this(doc, doc.toks(got.start, got.end)) or credit):
                # «Президент поручил …, сообщает пресс-служба»: a report of his act, relayed; «Об этом в
                # четверг, 5 мая, заявил X»: the sentence before is X's, not the words before the comma
                got = None
            if got and (_dashed(doc, got) or _first_person(doc, doc.toks(got.start, got.end))):
                got = _unmarked_speech(doc, got, free)
        inset = got is not None and got is paren  # a clause credited between commas: the rest may go on
        got = _without_relay(doc, got)
        colon_quote = got and next((m for m in doc.marked if got.start < m.open < got.end
                                     and doc.text[got.start : m.open].rstrip().endswith(":")), None)
        if got:
            got = _clip(doc, got, taken + ([(colon_quote.open + 1, colon_quote.close)] if colon_quote else []))
        if got and free(got.start, got.end) and got.end - got.start > 5:
            found.append(got)
            if colon_quote is not None and free(colon_quote.open + 1, colon_quote.close):
                # «По его мнению, правительство уступит частично: «…»» — the words in marks are direct
                s_, e_ = strip_span(doc.text, colon_quote.open + 1, colon_quote.close)
                found.append(Found(s_, e_, "direct", got.verb, got.ref, got.pos))
            if got is inner:
                found.extend(f for f in _next_clauses(doc, toks, got, ue) if free(f.start, f.end))
            elif inset and (rest := _after_inset(doc, toks, got, ue)) is not None and free(rest.start, rest.end):
                found.append(rest)
            continue
        about = credits[ui]
        if about and ui > 0:
            span = _without_credit(doc, _reported_before(doc, ui, free, credits))
            ref, verb, pos = about
            if span and ref is not None and ref.kind == "org" and verb not in IMPERSONAL_VERBS and any(
                e.type == "PER" and span[0] <= e.start < span[1] and _acts(doc, e) for e in doc.entities
            ):
                span = None  # «Президент X обратился к … . Об этом сообщает пресс-служба»: his acts, relayed
            if span and ref is not None:
                mark = next((m for m in doc.marked if m.open == span[0]), None)
                if mark is not None:  # «…». Об этом заявил X. — the words in marks are X's own
                    s_, e_ = strip_span(doc.text, mark.open + 1, mark.close)
                    found.append(Found(s_, e_, "direct", verb, ref, pos))
                else:
                    found.append(Found(span[0], span[1], "indirect", verb, ref, pos))
    return found


def _acts(doc: Doc, ent: Entity) -> bool:
    """A named person with a verb of their own after the name, in the same sentence: «Касым-Жомарт Токаев
    обратился …», «Токаев после того, как проголосовал, высказался …» (not «водителю X.»)."""
    from docstore.extract.names import analyse_name

    if analyse_name(ent.text)[2] not in ("nomn", None):
        return False
    for n, t in enumerate(x for x in doc.toks(ent.end, min(len(doc.text), ent.end + 120)) if x.text not in ","):
        if t.text in ".!?;:" or n >= 8:
            return False
        if t.is_word and t.has_tag("VERB"):
            return True
    return False


# «Грузия, 18 апреля, ГРУЗИНФОРМ. », «Астана, 3 марта 2024, Kazinform. »: a dateline of place, date and agency
_PLACE_DATE_AGENCY = re.compile(r"[А-ЯЁA-Z][\w -]{1,30},\s*\d{1,2}\s+[а-яё]+\.?(?:\s+\d{4})?,\s*[\w«»\"-]{2,20}\.\s+")


def _unmarked_speech(doc: Doc, got: Found, free: Callable[[int, int], bool]) -> Found:
    """«Я знаю, что … . Первый Президент многое сделал, - цитирует Токаева пресс-служба.»: words set off by
    a dash as a quotation is, without the marks, are direct speech; words in the first person credited
    with a comma («Всё это ложь. Хочу заверить всех, что …, отметил Укибай») stay indirect. Both run from
    the start of their paragraph when nothing before them in it is anybody's words."""
    start = (doc.paragraph_of(got.start) or (got.start,))[0]
    dateline = DATELINE_PREFIX.match(doc.text, start, got.start) or _PLACE_DATE_AGENCY.match(doc.text, start, got.start)
    if dateline:
        start = dateline.end()  # «Грузия, 18 апреля, ГРУЗИНФОРМ. Мне всё равно …»: the words start after it
    before = doc.toks(start, got.start)
    # names in marks («провокатор «Национального движения»») are not somebody's quoted words
    names = {p for m in doc.marked if start <= m.open and m.close < got.start and _word_count(doc.text[m.open : m.close]) <= 4
             for p in (m.open, m.close)}
    if start < got.start and free(start, got.start) and not any(
        t.text in "«»\"„“" and t.start not in names or speech_verb(t) and not (k and before[k - 1].low in ("что", "кто", "как"))
        for k, t in enumerate(before)
    ):
        got = Found(start, got.end, got.kind, got.verb, got.ref, got.pos, got.dialogue)
    return Found(got.start, got.end, "direct" if _dashed(doc, got) else got.kind, got.verb, got.ref, got.pos,
                 got.dialogue)


def _dashed(doc: Doc, got: Found) -> bool:
    """A dash stands between the content and its attribution («…, - цитирует X»)."""
    return any(ch in DASHES for ch in doc.text[got.end : got.pos])


_FIRST_PERSON = frozenset("я мы меня нас мне нам мной нами мой моя моё мое мои наш наша наше наши хочу хотим".split())


def _first_person(doc: Doc, toks: list[Token]) -> bool:
    """The words speak in the first person: «Хочу заверить …», «мы никогда не комментировали …»."""
    return any(t.is_word and t.low in _FIRST_PERSON and not any(m.open < t.start < m.close for m in doc.marked)
               for t in toks)


def _opens_with_report(doc: Doc, got: Found) -> bool:
    """Content that opens with its own speaker and speech verb: «Президент Иван Сомов поручил …»."""
    words = [t for t in doc.toks(got.start, got.end) if t.is_word][:7]
    verb = next((i for i, t in enumerate(words) if speech_verb(t) and t.has_tag("VERB", "past")), None)
    if verb is not None and verb > 0 and words[verb].has_tag("plur") and not any(
            w.low in ("который", "которые", "которая", "что", "как") for w in words[:verb]):
        return True  # «В МВД прокомментировали видео …, сообщает корреспондент»: that they spoke, not what
    return verb is not None and verb > 0 and any(e.type == "PER" and got.start <= e.start < words[verb].start for e in doc.entities)


def _without_relay(doc: Doc, got: Found | None) -> Found | None:
    """«…, что реформа пройдёт в два этапа, сообщает пресс-служба ведомства»: the content ends
    before the credit to whoever relays the words, and starts after one set in before it."""
    if got is None or got.kind != "indirect":
        return got
    toks = doc.toks(got.start, got.end)
    comma = next((k for k, t in enumerate(toks[:10]) if t.text == ","), None)
    if comma and _is_credit(doc, toks[:comma]) and comma + 1 < len(toks):
        # «По словам X, сообщило ИА «24.kg», патрули усилены»: the credit set in before the content
        got = Found(toks[comma + 1].start, got.end, got.kind, got.verb, got.ref, got.pos, got.dialogue)
        toks = toks[comma + 1 :]
    for k in range(len(toks) - 1, 0, -1):
        if toks[k].text != ",":
            continue
        rest = [t for t in toks[k + 1 :] if t.is_word]
        if 0 < len(rest) <= 8 and rest[0].lemma_with(lx.RELAY_VERBS, "VERB") and rest[0].has_tag("VERB", "pres"):
            return Found(got.start, toks[k].start, got.kind, got.verb, got.ref, got.pos, got.dialogue)
        break
    return got


def _clip(doc: Doc, got: Found, taken: list[tuple[int, int]]) -> Found | None:
    """Reported content ends where a direct quote inside it begins: «…, что людей держат в
    самолёте: «Нам ничего не объясняют»» — and a «…, однако предупредила:» before that quote
    belongs to the quote, not to the content."""
    inside = [m for m in doc.marked if got.start <= m.open < got.end and any(m.open < ts <= m.close for ts, _ in taken)]
    if not inside:
        return got
    cut = inside[0].open
    toks = [t for t in doc.toks(got.start, cut) if t.text != ":"]
    commas = [i for i, t in enumerate(toks) if t.text == ","]
    if commas and any(speech_verb(t) for t in toks[commas[-1] + 1 :]):
        cut = toks[commas[-1]].start
    e = _content_end(doc, got.start, cut)
    while e > got.start and doc.text[e - 1] in ":,;–—- ":
        e -= 1
    return Found(got.start, e, got.kind, got.verb, got.ref, got.pos, got.dialogue) if e - got.start > 5 else None


# «МОСКВА, 16 мая. /ТАСС/.», «МИНСК, 12 марта (БелТА) -», «ИНТЕРФАКС -», «31 мая, Минск /Корр. БЕЛТА/.»
DATELINE_PREFIX = re.compile(
    r"(?:[А-ЯЁA-Z][А-ЯЁA-Z-]+(?:\s[А-ЯЁA-Z-]+)?,\s*)?(?:\d{1,2}\s+[а-яё]+\.?(?:\s+\d{4})?,?\s*)?"
    r"(?:[А-ЯЁA-Z][а-яё]+,?\s*)?(?:/[^/\n]{1,40}/\.?|\([^)\n]{1,30}\))?\s*[.–—-]+\s+(?=[А-ЯЁA-Z«\"])"
)
DATELINE = re.compile(r"^[\w\s.,-]{0,40}\d{1,2}\s+\w+.{0,40}[/(]|^[А-ЯЁA-Z][А-ЯЁA-Z\s-]+,\s")
CREDIT = re.compile(r"^как\s+(?:сообща\w+|пиш\w+|переда\w+|информиру\w+)\s+[^,]{1,60},\s*", re.I)


def _reported_before(doc: Doc, ui: int, free, credits: list) -> tuple[int, int] | None:
    """What «Об этом заявил X» refers to: the sentences before it in the paragraph
    (datelines and a «Как сообщает …» credit left out), or the paragraph before."""
    units = doc.units
    para = doc.paragraph_of(units[ui][0], slack=1)
    start = end = None
    j = ui - 1
    while j >= 0 and ui - j <= 3:
        ps, pe = units[j]
        if para and ps < para[0] and start is not None:
            break
        if not free(ps, pe) or credits[j]:
            break  # taken, or a credit itself: «Об этом сообщил X. Так он ответил на …»
        prefix = DATELINE_PREFIX.match(doc.text, ps, pe)
        if prefix:
            ps = prefix.end()  # «МИНСК, 12 марта (БелТА) - Посевная кампания …»
        if DATELINE.match(doc.text[ps:pe]) or _word_count(doc.text[ps:pe]) < 3:
            break
        start = ps
        end = end or pe
        if para and ps < para[0]:
            break  # the last sentence of the paragraph before
        j -= 1
    if start is None or end is None:
        return None
    m = CREDIT.match(doc.text, start, end)
    if m:
        start = m.end()
    s, e = strip_span(doc.text, start, end)
    e = _content_end(doc, s, e)
    return (s, e) if e - s > 5 else None


ACCORDING_NOUNS = frozenset({"слово", "мнение", "оценка", "убеждение", "признание", "утверждение", "информация", "данные",
                             "прогноз", "версия", "предположение", "подсчёт", "подсчет", "расчёт", "расчет"})
# «по информации главы УВД X»: a person's information is what he said; «по данным Росстата» is a
# source of facts, not a quote
SOURCE_NOUNS = frozenset({"информация", "данные", "подсчёт", "подсчет", "расчёт", "расчет"})


def _according_to(doc: Doc, toks: list[Token], us: int, ue: int) -> Found | None:
    """По словам X, … / По его мнению, …"""
    w = [t for t in toks if t.is_word]

    def opening(i: int) -> bool:
        """«по» («на» … «взгляд») at the start, or set off by a comma: «по» inside a clause opens nothing."""
        t = w[i]
        near = [x.low for x in w[i + 1 : i + 3]]
        if not (t.low == "по" or t.low == "на" and "взгляд" in near or t.low in ("с", "со") and "слов" in near):
            return False  # «по словам X», «на его взгляд», «с её слов», «со слов очевидцев»
        before = [x for x in toks if x.end <= t.start]
        return i == 0 or bool(before) and before[-1].text == ","

    lead = next((i for i in range(min(len(w), 30)) if opening(i)), None)
    if lead is None or len(w) < lead + 3:
        return None
    # «Задержание, по словам X, прошло спокойно»: the content is the whole sentence — unless only a
    # connective stands before («Однако, по оценкам X, это едва ли произойдёт»)
    inside = lead > 0 and not all(x.low in _CONNECTIVES for x in w[:lead])
    w = w[lead:]
    noun = w[2] if w[1].low in lx.PRONOUNS else w[1]
    if not (noun.lemmas & ACCORDING_NOUNS or w[0].low == "на" and noun.low == "взгляд"):
        return None
    comma = next((t for t in toks if t.text == "," and t.start >= noun.end), None)
    if comma is None:
        return None
    # «По мнению члена учёного совета, профессора Виктора Сафонова, …»: an apposition after a comma
    nxt = next((t for t in toks if t.text == "," and t.start > comma.end), None)
    if nxt is not None and any(
        e.type == "PER" and comma.end <= e.start < nxt.start for e in doc.entities
    ) and len([t for t in doc.toks(comma.end, nxt.start) if t.is_word]) <= 6:
        comma = nxt
    attr = doc.toks(w[1].start, comma.start)
    person = next((e for e in doc.entities if e.type == "PER" and attr and attr[0].start <= e.start < comma.start), None)
    ref = None
    for j in range(len(attr)):
        if attr[j] is noun:
            continue
        ref = ref_at(doc, attr, j, need_nomn=False, org_ok=True)
        if ref is None and attr[j - 1:j] and attr[j - 1] is noun:
            ref = _quoted_one(doc, attr, j) or _people_word(attr[j])  # «По словам артиста», «со слов очевидцев»
        if ref:
            break
    if person is not None and (ref is None or ref.kind in ("role", "org") and ref.person is None):
        # «По словам атташе посольства Малайзии в Москве Ахмада Рашида»: the name further on
        ref = Ref("role", ref.start, person.end, doc.text[ref.start : person.end], person=person) if ref and ref.kind == "role" \
            else Ref("name", person.start, person.end, person.text)
    if noun.lemmas & SOURCE_NOUNS and (ref is None or ref.kind not in ("name", "role", "pronoun")) and not (
        ref is not None and ref.kind == "org" and not _is_media(doc, ref.start, ref.end)
        and ("информация" in noun.lemmas or any(t.lemma in lx.STATE_BODIES for t in doc.toks(ref.start, ref.end)))
    ):
        return None  # «По данным Росстата»: a source of figures; «По информации ДП …» is what the police said
    s, _ = strip_span(doc.text, toks[0].start if inside else comma.end, ue)
    e = _content_end(doc, s, ue)
    if inside and (doc.text[s : s + 1] in "«\"„“" + DASHES or e <= comma.end + 5):
        return None
    return Found(s, e, "indirect", None, ref, w[0].start)


_CONNECTIVES = frozenset("однако но а и впрочем между тем при этом кроме того также тем не менее вместе с".split())


def _people_word(t: Token) -> Ref | None:
    """Whose words, said by a word for people in the genitive: «очевидцев», «председательствующего»,
    «выступавших» (a participle or adjective standing for a person)."""
    if not t.is_word or t.text[:1].isupper():
        return None
    for p in nlp.parses(t.low)[:2]:
        tag = p.tag
        if tag.case == "gent" and ("NOUN" in tag and "anim" in tag or ("PRTF" in tag or "ADJF" in tag) and "Subx" in tag
                                   or "PRTF" in tag and "actv" in tag):
            if not any(g in tag for g in ("Name", "Surn", "Patr", "Geox", "Orgn", "Apro")):
                return Ref("role", t.start, t.end, t.text, gender="plur" if tag.number == "plur" else None)
    return None


def _as_said(doc: Doc, toks: list[Token], us: int, ue: int) -> Found | None:
    """Как отметил X, …"""
    w = [t for t in toks if t.is_word]
    if len(w) < 3 or w[0].low != "как" or not speech_verb(w[1], lx.CONTENT_VERBS):
        return None
    comma = next((t for t in toks if t.text == "," and t.start >= w[1].end), None)
    if comma is None:
        return None
    attr = doc.toks(w[1].end, comma.start)
    vi = toks.index(w[1])
    ref = ref_after(doc, attr, 0, w[1]) or ref_before(doc, toks, vi, w[1])
    if ref is None:
        return None  # «Как сообщает «Интерфакс», …»: a credit, not a speaker
    s, _ = strip_span(doc.text, comma.end, ue)
    if doc.text[s : s + 1] in "«\"„“":
        return None  # «Как добавил X, "…"»: the marks make it a partial quote
    if re.match(r"о(?:б)?\s+(?:этом|том)\b", doc.text[s:ue], re.I):
        return None  # «Как сообщает X, об этом глава Белого дома сказал …»: a credit of a credit
    e = _content_end(doc, s, ue)
    return Found(s, e, "indirect", speech_verb(w[1]), ref, w[1].start)


def _that_clause(doc: Doc, toks: list[Token], ue: int) -> Found | None:
    """X заявил, что … / X обратил внимание на то, что … / X подчеркнул, насколько важно …"""
    for k, t in enumerate(toks):
        if t.low not in ("что", "насколько") or k == 0 or t.low == "насколько" and toks[k - 1].text != ",":
            continue
        j = k - 1
        about = False  # «… о том, что»: the clause says what the noun before it is about
        if toks[j].text == ",":
            j -= 1
            if j >= 1 and toks[j].low == "то" and toks[j - 1].low in ("на", "в", "о"):
                j -= 2
            elif toks[j].low == "то":
                continue  # «сказали то, что хотели»: what they said, not a clause of content
            elif j >= 1 and toks[j].low in ("том",) and toks[j - 1].low in ("о", "в"):
                j, about = j - 2, True
        elif toks[j].low not in lx.SPEECH_VERBS and not speech_verb(toks[j], lx.CONTENT_VERBS):
            continue
        vi = _verb_before(toks, j + 1)
        if vi is None:
            vi = _phrase_verb(toks, j)
        if vi is None:
            continue
        if any(toks[x].lemma_with(lx.OTHERS_VIEWS, "NOUN") for x in range(vi + 1, j + 1)):
            continue  # «прокомментировал опасения казахстанцев, что …»: their fear, not his words
        verb = toks[vi]
        if verb.has_tag("INFN") and any(t.low in _MODAL_WORDS for t in toks[max(0, vi - 3) : vi]):
            continue  # «можно ли теперь сказать, что …», «трудно сказать, что …»: nobody says it
        # «опровергло заявление вице-спикера X о том, что …»: the clause is the statement's, its author speaks
        said = next((x for x in range(vi + 1, j + 1) if about and toks[x].lemma_with(STATEMENT_WORDS, "NOUN")), None)
        owner = ref_at(doc, toks[: j + 1], said + 1, need_nomn=False, org_ok=True) if said is not None \
            and said + 1 <= j else None
        ref = owner or ref_before(doc, toks, vi, verb) or ref_after(doc, toks[: j + 1], vi + 1, verb)
        if ref is None and verb.lemma in IMPERSONAL_VERBS:
            continue  # «Ранее сообщалось, что …»: the newsroom recalling its own reports, nobody's words
        s = toks[k].end
        s, _ = strip_span(doc.text, s, ue)
        e = _content_end(doc, s, _speaker_goes_on(doc, verb, s, ue))
        return Found(s, e, "indirect", speech_verb(verb, lx.CONTENT_VERBS) or verb.lemma, ref, verb.start)
    return None


# Verbs whose infinitive complement is what was asked for or promised: «призвал россиян не смотреть …».
CALLING_VERBS = frozenset("призвать призывать попросить просить пообещать обещать предложить предлагать "
                          "потребовать требовать".split())


def _infinitive_clause(doc: Doc, toks: list[Token], ue: int) -> Found | None:
    """«X призвал россиян не смотреть …», «X пообещал обнародовать …»: the object of a few words, the
    infinitive and what follows it are the content; only when X is named."""
    for vi, verb in enumerate(toks):
        if not verb.is_word or not verb.has_tag("VERB", "indc") or not verb.lemma_with(CALLING_VERBS, "VERB"):
            continue
        if any(t.text == ":" for t in toks[:vi]):
            return None  # «Ашимбаев: Президент просил не дарить …» — inside someone's words
        for k in range(vi + 1, min(len(toks), vi + 6)):
            t = toks[k]
            if not t.is_word or t.low == "что" or t.has_tag("VERB"):
                break
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if t.has_tag("INFN") or t.low == "не" and nxt is not None and nxt.has_tag("INFN"):
                ref = ref_before(doc, toks, vi, verb) or ref_after(doc, toks[:k], vi + 1, verb)
                if ref is None:
                    return None
                # from the object on: «призвал граждан соблюдать …» — whom it asks belongs to what it asks
                s, _ = strip_span(doc.text, toks[vi + 1].start, ue)
                e = _content_end(doc, s, _speaker_goes_on(doc, verb, s, ue))
                return Found(s, e, "indirect", verb.lemma, ref, verb.start)
        return None
    return None


_MODAL_WORDS = frozenset("можно нельзя трудно сложно легко стоит надо нужно ли невозможно".split())


def _next_clauses(doc: Doc, toks: list[Token], got: Found, ue: int) -> list[Found]:
    """«пообещало, что A, но не исключило, что B»: after a content clause cut at the speaker's next act,
    the clauses that act introduces, the same speaker's unless they name another."""
    out = []
    while True:
        rest = [t for t in toks if t.start >= got.end]
        nxt = _that_clause(doc, rest, ue) if rest else None
        if nxt is None or nxt.start <= got.end:
            return out
        if nxt.ref is None:
            nxt = Found(nxt.start, nxt.end, nxt.kind, nxt.verb, got.ref, got.pos)
        out.append(nxt)
        got = nxt


STATEMENT_NOUNS_OWN = frozenset({"заявление", "утверждение", "предположение", "предупреждение"})


def _phrase_verb(toks: list[Token], j: int) -> int | None:
    """«обратил внимание», «выразил твёрдую уверенность», «сделал акцент» ending at token j: the verb's index."""
    if j >= 1 and toks[j].lemma_with(STATEMENT_NOUNS_OWN, "NOUN", "ablt"):
        # «отметился заявлением, что …», «выступил с утверждением, что …»: his own statement
        return next((i for i in (j - 1, j - 2, j - 3) if i >= 0 and toks[i].has_tag("VERB", "indc")), None)
    if j < 1 or not toks[j].lemma_with(lx.SPEECH_PHRASE_NOUNS, "NOUN"):
        return None
    for i in (j - 1, j - 2):
        if i >= 0 and toks[i].lemma_with(lx.SPEECH_PHRASE_VERBS, "VERB"):
            return i
        if i < 0 or not toks[i].has_tag("ADJF"):
            return None
    return None


def _parenthetical(doc: Doc, toks: list[Token], ue: int) -> Found | None:
    """An attribution set in between commas after the sentence's first words.

    «В настоящее время, сообщили в УВД, оба подозреваемых находятся в ИВС»: after a short
    adverbial opening; the content is what follows it. «Ремонт дорог, как рассказал аким,
    завершат к осени»: «как» + a speech verb inside the content; the content is the whole
    sentence (its subject comes before the inset), the inset included, since a quote is
    one span of the text."""
    commas = [k for k, t in enumerate(toks) if t.text == ","][:2]
    if len(commas) < 2:
        return None
    a, b = commas
    lead = [t for t in toks[:a] if t.is_word]
    inset = [t for t in toks[a + 1 : b] if t.is_word]
    as_said = len(inset) > 2 and inset[0].low == "как"
    if as_said:
        inset = inset[1:]
    # «Они добрались до коллективов, подчеркнул X, но …»: a clause, its attribution, and a conjunction going on
    after = next((t for t in toks[b + 1 :] if t.is_word), None)
    clause = any(t.has_tag("VERB", "indc") for t in lead) and after is not None and after.low in _GOING_ON
    subject = not clause and any(t.has_tag("nomn") and (t.has_tag("NOUN") or t.has_tag("NPRO")) and not t.has_tag("PREP")
                                 and not _after_preposition(toks, toks.index(t)) for t in lead)
    longest = 12 if as_said or subject or clause else 4
    if not 0 < len(lead) <= longest or not 1 < len(inset) <= 10 or any(t.has_tag("VERB") for t in lead) and not clause:
        return None
    if lead[0].low in ("как", "что", "по") or doc.text[toks[0].start] in "«\"„“" + DASHES:
        return None  # «Как отметил X, …», «По словам X, …» are read elsewhere; quotations have their own rules
    verb = inset[0]
    lemma = speech_verb(verb, lx.CONTENT_VERBS)
    if lemma is None or not verb.has_tag("VERB", "indc") or as_said is False and clause and not verb.has_tag("past") \
            and not verb.has_tag("pres"):
        return None
    vi = toks.index(verb)
    ref = ref_after(doc, toks[: b], vi + 1, verb)
    if ref is None:
        return None
    if clause and not as_said:  # the clause before the inset is the words; what follows it goes on (see _next)
        s, e = strip_span(doc.text, toks[0].start, toks[a].start)
        return Found(s, e, "indirect", lemma, ref, verb.start) if e - s > 5 else None
    # «Рост цен, считает аналитик X, продолжится»: the inset interrupts the clause, which is the words
    whole = as_said or subject
    s, _ = strip_span(doc.text, (toks[0].start if whole else toks[b].end), ue)
    e = _content_end(doc, s, ue)
    if whole and e <= toks[b].end + 5:
        return None
    return Found(s, e, "indirect", lemma, ref, verb.start) if e - s > 5 else None


_GOING_ON = frozenset("но а и однако хотя ведь поэтому поскольку причём причем зато".split())


def _after_inset(doc: Doc, toks: list[Token], got: Found, ue: int) -> Found | None:
    """«Они добрались до коллективов, подчеркнул президент, но у них ничего не получится»: after a clause
    credited in between commas, the rest of the sentence is more of the same words."""
    commas = [k for k, t in enumerate(toks) if t.text == ","][:2]
    if len(commas) < 2 or got.end > toks[commas[0]].start:
        return None
    s, _ = strip_span(doc.text, toks[commas[1]].end, ue)
    e = _content_end(doc, s, ue)
    return Found(s, e, "indirect", got.verb, got.ref, got.pos) if e - s > 5 else None


def _aside(toks: list[Token], i: int) -> bool:
    """«надо сказать», «стоит отметить», «так сказать»: the writer's aside, no one's speech."""
    words = [t for t in toks[:i] if t.is_word]
    return toks[i].has_tag("INFN") and bool(words) and words[-1].low in ("надо", "нужно", "стоит", "следует", "можно", "так")


def _colon_clause(doc: Doc, toks: list[Token], ue: int) -> Found | None:
    """X заявил: … (no quotation marks)."""
    for k, t in enumerate(toks):
        if t.text != ":":
            continue
        rest = doc.text[t.end : ue].lstrip()
        if not rest or rest[0] in "«\"„“" + DASHES:
            return None
        vi = None
        for i in range(k - 1, max(-1, k - 8), -1):
            if speech_verb(toks[i], lx.CONTENT_VERBS) and not _aside(toks, i):
                vi = i
                break
        if vi is None:
            return None
        verb = toks[vi]
        ref = ref_before(doc, toks, vi, verb) or ref_after(doc, toks[:k], vi + 1, verb)
        s, _ = strip_span(doc.text, t.end, ue)
        return Found(s, _content_end(doc, s, ue), "indirect", speech_verb(verb, lx.CONTENT_VERBS), ref, verb.start)
    return None


# «, 6 октября», «, 6 октября 2021 года» closing a sentence: a date set off by a comma, not content
_DAY_AFTER_COMMA = re.compile(r"\s*\d{1,2}\s+[а-яё]+(?:\s+\d{4}(?:\s+г(?:ода|\.)?)?)?\s*[.!]?\s*$", re.I)


def _trailing(doc: Doc, toks: list[Token], us: int, ue: int) -> Found | None:
    """Нужно обеспечить безопасность граждан, заявил лидер республики."""
    for k in range(len(toks) - 1, 0, -1):
        t = toks[k]
        if t.text != ",":
            continue
        rest = [x for x in toks[k + 1 :] if x.text not in DASHES]
        if _DAY_AFTER_COMMA.match(doc.text, t.end, ue):
            continue  # «…, сообщил Гусев в среду, 6 октября»: the day goes with the attribution
        source = _cited_source(doc, rest) if rest and rest[0].lemma_with(lx.RELAY_VERBS, "VERB") else None
        if rest and _is_credit(doc, rest) and source is None:
            continue  # «…, сообщил министр …, передает корреспондент БелТА»
        outside = [x for x in rest if x.is_word and not any(m.open < x.start < m.close for m in doc.marked)]
        if not rest or len(outside) > 24:
            return None
        if len(rest) > 2 and rest[0].low in ("об", "о") and rest[1].low in ("этом", "чём", "чем"):
            rest = rest[2:]  # «Работы продлятся до июня, об этом заявил X»
        if not any(x.has_tag("VERB") or x.has_tag("PRTS") or x.has_tag("ADJS") for x in rest if x.is_word) \
                and len(outside) <= 12:
            continue  # «…, главный государственный санитарный врач Геннадий Онищенко»: an apposition
        verb = rest[0] if rest[0].is_word else None
        if verb is None or not speech_verb(verb, lx.CONTENT_VERBS) and source is None and verb.lemma not in QUOTING:
            return None  # (but «…, - цитирует Токаева пресс-служба»)
        if not (verb.has_tag("VERB", "indc") or verb.has_tag("PRTS")):
            return None
        ri = toks.index(verb)
        ref = source or ref_after(doc, toks, ri + 1, verb)
        if ref is None:
            return None
        s, e = strip_span(doc.text, us, t.start)
        if source is not None and any(e_.type == "PER" and s <= e_.start < e and _acts(doc, e_) for e_ in doc.entities):
            return None  # «Токаев высказался о …, передает NUR.KZ со ссылкой на Акорду»: his act, relayed
        prefix = DATELINE_PREFIX.match(doc.text, s, e)
        if prefix:
            s = prefix.end()  # «МИНСК, 12 апреля (БелТА) - Посевная идёт …, сообщил министр»
        if doc.text[s : s + 1] in DASHES or doc.text[s : s + 1] in "«\"„“" and not _name_in_marks(doc, s, e):
            return None  # words in marks are a quotation of their own, but «Газпром нефть» примет … is a name
        return Found(s, e, "indirect", speech_verb(verb, lx.CONTENT_VERBS) or verb.lemma, ref, verb.start)
    return None


def _name_in_marks(doc: Doc, s: int, e: int) -> bool:
    """Marks opening at ``s`` close on a name of a few words, and the sentence goes on after them."""
    m = next((m for m in doc.marked if m.open == s), None)
    return m is not None and m.close + 1 < e - 10 and _word_count(doc.text[m.open + 1 : m.close]) <= 4


def _cited_source(doc: Doc, toks: list[Token]) -> Ref | None:
    """«передает РИА Новости со ссылкой на главу пресс-службы главка Валерия Горелых»: the source an
    agency cites is the speaker."""
    for n in range(len(toks) - 2):
        if toks[n].low in ("со", "с") and toks[n + 1].low == "ссылкой" and toks[n + 2].low == "на":
            r = ref_at(doc, toks, n + 3, need_nomn=False, org_ok=True)
            if r is not None and not _is_media(doc, r.start, r.end):
                return r
    return None


def _without_credit(doc: Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """«Полицейские будут нести службу …, сообщает Polisia.kz.» without its credit to the site."""
    if span is None:
        return None
    toks = doc.toks(*span)
    for k in range(len(toks) - 1, 0, -1):
        if toks[k].text == "," and _is_credit(doc, [t for t in toks[k + 1 :] if t.text not in DASHES]):
            return span[0], toks[k].start
    return span


def _is_credit(doc: Doc, toks: list[Token]) -> bool:
    """«передает корреспондент БелТА», «сообщает ТАСС», «пишет РИА Новости»: a news agency relaying."""
    words = [t for t in toks if t.is_word]
    if not words or len(words) > 6 or not words[0].lemma_with(lx.RELAY_VERBS, "VERB"):
        return False
    at = next((w for w in words[1:] if w.low in ("в", "во", "на")), None)
    if at is not None and any(e.type == "PER" and words[0].end <= e.start < at.start for e in doc.entities):
        return False  # «сообщил Гусев в своём Telegram-канале»: a person speaking on a channel, not an agency
    return _is_media(doc, words[0].end, toks[-1].end)


def _about_this(doc: Doc, toks: list[Token]) -> tuple[Ref | None, str, int] | None:
    """«Об этом заявил X», «Такое мнение высказала X», «Так X прокомментировал …» credit the sentence before to X."""
    credit = CREDIT.match(doc.text[toks[0].start : toks[-1].end]) if toks else None
    if credit:  # «Как передает РБК-Украина, об этом … заявила X»
        toks = [t for t in toks if t.start >= toks[0].start + credit.end()]
    w = [t for t in toks if t.is_word]
    such = len(w) >= 3 and w[0].lemma in ("такой", "подобный") and w[1].lemma in lx.STATEMENT_KINDS
    # «Так пресс-секретарь прокомментировал …», «Так считает эксперт» — not «Так, министр заявил …»
    thus = len(w) >= 3 and w[0].low == "так" and toks[0] is w[0] and toks[1].is_word
    if len(w) < 3 or not such and not thus and (w[0].low not in ("об", "о") or w[1].low not in ("этом", "том")):
        return None
    verbs = CREDITING_SUCH if such else CREDITING
    for i, t in enumerate(toks[:20]):
        lemma = speech_verb(t, verbs)
        if lemma:
            between = [x for x in toks[:i] if x.is_word][2:]  # «Об этом он заявил …»: the subject comes first
            while between and between[0].has_tag("ADVB") and not between[0].has_tag("NOUN"):
                between = between[1:]  # «Об этом вчера корреспонденту "СБ" сообщил X»
            if between and between[0].has_tag("datv") and not between[0].has_tag("nomn"):
                mark = next((m for m in doc.marked if between[0].end <= m.open < between[0].end + 2), None)
                if mark is not None:  # «корреспонденту "СБ"»: the outlet's name in marks goes with it
                    between = [between[0]] + [x for x in between[1:] if x.start > mark.close]
            while between and between[0].has_tag("datv") and not between[0].has_tag("nomn"):
                # «Об этом депутатам Думы рассказала X»: whom it was told, and their genitive words
                between = between[1:]
                while between and between[0].has_tag("gent") and doc.ent_at.get(between[0].start) is None \
                        or between and doc.ent_at.get(between[0].start) is not None \
                        and doc.ent_at[between[0].start].type == "ORG":
                    between = between[1:]
            ref = (ref_before(doc, toks, i, t) if between else None) or ref_after(doc, toks, i + 1, t) \
                or ref_before(doc, toks, i, t)
            if ref is None or _is_media(doc, ref.start, ref.end):
                return None
            return ref, lemma, t.start
    return None


# ---------------------------------------------------------------- partial quotes

def partial_quotes(doc: Doc, rest: list[Marked], said: list[Found]) -> list[Found]:
    """назвал ситуацию «…», с «акцентом на …»: fragments in marks inside reported speech."""
    found = []
    for m in rest:
        if _is_title(doc, m):
            continue
        s, e = strip_span(doc.text, m.open + 1, m.close)
        inner = doc.text[s:e]
        n = _word_count(inner)
        us, ue = doc.unit_of(m.open)
        toks = doc.toks(us, ue)
        outside = [t for t in toks if not (m.open <= t.start <= m.close)]
        # a verb that reports (not an infinitive: «интересовало, как объяснить внуку, есть ли «утечка мозгов»»)
        verb_i = next((i for i, t in enumerate(outside) if speech_verb(t) and not t.has_tag("INFN")), None)
        host = next((f for f in said if f.kind == "indirect" and f.start <= m.open and m.close <= f.end + 1), None)
        if n < 2 and not any(speech_verb(t, NAMING_VERBS) for t in
                             [t for t in doc.toks(max(us, m.open - 60), m.open) if t.is_word][-2:]):
            continue
        prev = [t for t in doc.toks(max(us, m.open - 60), m.open) if t.is_word][-4:]
        named = any(speech_verb(t, NAMING_VERBS) for t in prev[-2:])
        # a speech verb just before, or earlier in the sentence: «Он призвал всех читать, ведь иначе можно утратить «…»»
        cued = named or any(speech_verb(t) and not t.has_tag("INFN") for t in prev) or (
            verb_i is not None and outside[verb_i].start < m.open and inner[:1].islower()  # not «Президент 2.0»
        )
        if n < 2 and not named or (n < 3 and not cued and host is None):
            continue
        if any(t.lemma == "называть" or t.low in ("называемый", "называемого", "называемой", "называемом",
                                                 "называемым", "называемую", "называемые", "называемых")
               for t in prev[-2:]) and any(t.low == "так" for t in prev[-3:]):
            continue  # «в рамках так называемого «большого налогового манёвра»»: a scare quote
        if any(t.lemma == "вопрос" for t in prev[-3:]):
            # «На вопрос «…» пресс-служба ответила»: the journalist's question, whoever answers it
            found.append(Found(s, e, "partial", None, None, m.open))
        elif host is not None:
            found.append(Found(s, e, "partial", host.verb, host.ref, host.pos))
        elif verb_i is None and inner[:1].islower():
            # no verb of its own: it goes on with the reported speech just before
            prior = [f for f in said if f.end <= m.open and m.open - f.end < 400 and f.ref is not None]
            if prior:
                p = prior[-1]
                found.append(Found(s, e, "partial", p.verb, p.ref, p.pos))
        elif verb_i is not None:
            vt = outside[verb_i]
            ti = toks.index(vt)
            ref = ref_before(doc, toks, ti, vt) or ref_after(doc, toks, ti + 1, vt)
            found.append(Found(s, e, "partial", speech_verb(vt), ref, vt.start))
    return found


def role_appositions(doc: Doc) -> list[Ref]:
    """Every role noun standing beside a name: «губернатор Вячеслав Гладков», «директора музея Юлии Зайченко»."""
    out = []
    for i, t in enumerate(doc.tokens):
        known = t.is_word and bool(t.lemma_with(lx.ROLE_NOUNS, "NOUN"))
        if known or _person_noun(t):
            r = ref_at(doc, doc.tokens, i, need_nomn=not known, org_ok=False)
            if r is not None and r.kind == "role" and r.person is not None:
                out.append(r)
    return out


def named_orgs(doc: Doc) -> list[Ref]:
    """Organisations the article names, outside quotes: «Минздрав», авиакомпания «Северный ветер»."""
    out = []
    for e in doc.entities:
        if e.type == "ORG" and not _is_media(doc, e.start, e.end) and not any(
            m.open < e.start < m.close and m.close - m.open > 60 for m in doc.marked
        ):
            out.append(_with_place(doc, Ref("org", e.start, e.end, e.text)))
    for i, t in enumerate(doc.tokens[:-1]):
        if t.is_word and t.lemma_with(lx.ORG_NOUNS, "NOUN") and t.lemma not in lx.MEDIA_NAMES:
            named = _marked_name(doc, doc.tokens[i + 1])
            if named is not None and named.text[:1].isupper():
                out.append(named)  # авиакомпания «Северный ветер»
            elif t.lemma not in lx.MOUTHPIECES and not any(m.open < t.start < m.close for m in doc.marked):
                j, _, _ = _tail(doc, doc.tokens, i)
                tail = [x for x in doc.tokens[i + 1 : j] if x.is_word]
                if tail and not all(x.lemma_with(lx.ORG_NOUNS, "NOUN") for x in tail):
                    # «департамент здравоохранения», «министерство транспорта РФ» — not «пресс-служба ведомства»
                    out.append(Ref("org", t.start, doc.tokens[j - 1].end, doc.text[t.start : doc.tokens[j - 1].end]))
    return sorted(out, key=lambda r: r.start)


def find_quotes(
    text: str, entities: list[Entity], marked: list[Marked] | None = None
) -> tuple[list[Found], list[Ref], list[Ref]]:
    """All quotes of an article, in text order, with the words that name their speakers;
    the role–name appositions that tell who a role noun stands for; the organisations named."""
    marked = find_marked(text) if marked is None else marked
    doc = Doc(text, marked, entities)
    direct, rest = marked_quotes(doc)
    direct += dialogue_quotes(doc)
    direct += [q for q in caption_quotes(doc) if not any(q.start < d.end and d.start < q.end for d in direct)]
    taken = [(q.start, q.end) for q in direct]
    reported = reported_quotes(doc, taken)
    said = sorted(direct + reported, key=lambda q: q.end)
    own = [q for q in said if q.kind == "direct"]
    partial = partial_quotes(doc, [m for m in rest if not any(q.start - 1 <= m.open < q.end for q in own)], said)
    found = _once(doc, sorted(direct + reported + partial, key=lambda q: (q.start, q.end)))
    for q in found:
        q.unit = doc.unit_of(q.pos)
        if q.ref is not None and q.ref.kind == "org":
            q.ref = _with_place(doc, q.ref)
    return found, role_appositions(doc), named_orgs(doc)


def _with_place(doc: Doc, ref: Ref) -> Ref:
    """«В Департаменте полиции Алма-Аты заявили»: the place right after an organisation, in the
    genitive, is part of its name."""
    nxt = next((e for e in doc.entities if e.start >= ref.end), None)
    if nxt is None or nxt.type != "LOC" or doc.text[ref.end : nxt.start].strip() or "\n" in doc.text[ref.end : nxt.start]:
        return ref
    first = doc.toks(nxt.start, nxt.end)
    if not first or not first[0].has_tag("gent"):
        return ref
    return Ref(ref.kind, ref.start, nxt.end, doc.text[ref.start : nxt.end], ref.gender, ref.person, ref.owner, ref.generic)


def _once(doc: Doc, found: list[Found]) -> list[Found]:
    """Each thing said once: a page that repeats its headline or lead repeats no quote, and
    reported content that is nothing but words in marks («По его словам, «…»») is the partial
    quote alone."""
    marks = {(m.open, m.close + 1) for m in doc.marked}
    partials = {(q.start, q.end) for q in found if q.kind == "partial"}
    seen: set[tuple[str, str]] = set()
    out = []
    for q in found:
        if q.kind == "indirect":
            s, e = q.start, q.end
            while e > s and doc.text[e - 1] in ".,;:!?… ":
                e -= 1
            if (s, e) in marks and (s + 1, e - 1) in partials:
                continue
        key = (q.kind, " ".join(re.findall(r"\w+", doc.text[q.start : q.end].lower().replace("ё", "е"))))
        if key in seen:
            continue
        seen.add(key)
        out.append(q)
    return out
