"""Organisations as speakers: a body's name in the nominative («Енисейского бассейнового водного
управления» → «Енисейское бассейновое водное управление»), a generic noun («ведомство», «в пресс-службе»)
for the body named before, an abbreviation («МИД») for the name it abbreviates.
"""

from __future__ import annotations

import re
from functools import lru_cache

from docstore.extract import lexicon as lx
from docstore.extract import nlp
from docstore.extract.document import Ref
from docstore.extract.extraction import Speaker
from docstore.extract.names import WORD, fold


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


def _abbreviates(short: str, full: str) -> bool:
    """«МИД» for «Министерство иностранных дел Молдавии»: the capitals are the initials of the name's first
    words (the rest, «Молдавии», says whose): one organisation in its short and long forms."""
    if not (2 <= len(short) <= 6 and short.isupper() and short.isalpha()):
        return False
    words = [w for w in WORD.findall(full) if w.lower() not in PREPOSITIONS and w.lower() != "и"]
    return len(words) >= len(short) and "".join(w[0] for w in words[: len(short)]).upper() == short.upper()


def _org_nominative(text: str, article: str = "") -> str:
    """«Енисейского бассейнового водного управления (ЕнБВУ)» → «Енисейское бассейновое водное
    управление»: the head noun and the adjectives before it to the nominative, the rest as written.
    Of the head's readings, the one most of the article's uses of the word admit wins (``article``:
    the article's text)."""
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text).strip()
    text = re.sub(r"\s*\([А-ЯЁA-Z]{2,8}\)(?=\s)", "", text)  # «Главного управления (ГУ) МВД …»: the abbreviation aside
    words = text.split()
    head = next(
        (i for i, w in enumerate(words)
         if any("NOUN" in p.tag for p in nlp.parses(w.lower()))
         and not (i + 1 < len(words) and any("ADJF" in p.tag for p in nlp.parses(w.lower())))),
        None,
    )
    if head is None or any(w.isupper() and len(w) > 1 for w in words[: head + 1]):
        return text  # «ДП Карагандинской области», «УНИАН»: an abbreviation heads the name, and it does not decline
    nouns = [p for p in nlp.parses(words[head].lower()) if "NOUN" in p.tag]
    noun = nouns[0]
    if len({p.normal_form for p in nouns}) > 1 and article:
        # «в Акорде»: «Акорд» or «Акорда»? the reading that most of the article's uses of the
        # word admit, each in the cases its preposition allows («в Акорду»: only «Акорда»)
        stem = fold(words[head])[:4]
        uses = [use for key, found in _word_uses(article).items() if key.startswith(stem) or stem.startswith(key)
                for use in found if use[1].startswith(stem)]

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


@lru_cache(maxsize=2)
def _word_uses(article: str) -> dict[str, list[tuple[str, str]]]:
    """The article's capitalised-or-not words with the word before them (folded), grouped by their first four
    letters: read once per article, not once per organisation whose reading is in doubt."""
    out: dict[str, list[tuple[str, str]]] = {}
    for m in _WORD_AFTER.finditer(article):
        word = fold(m[2])
        out.setdefault(word[:4], []).append((fold(m[1] or ""), word))
    return out


_WORD_AFTER = re.compile(r"(?:(?<![\w-])([а-яё]+)\s+)?(?<![\w-])([А-ЯЁ][а-яё]+)", re.IGNORECASE)


PREPOSITIONS = frozenset("у с со к ко о об от для при про без над под за перед между через по из на в во".split())
