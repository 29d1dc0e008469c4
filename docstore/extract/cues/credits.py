"""Words credited after them or in the next sentence: «…, заявил X», «Об этом сообщил X», unmarked speech
set off by a dash, and the relays (agencies, sites) that are not the speaker.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docstore.extract import lexicon as lx
from docstore.extract.document import (
    CREDITING,
    CREDITING_SUCH,
    DATELINE_PREFIX,
    QUOTING,
    Doc,
    Found,
    Ref,
    _acts,
    _content_end,
    _word_count,
    speech_verb,
)
from docstore.extract.refs import _is_media, ref_after, ref_at, ref_before
from docstore.extract.text import DASHES, Token, strip_span

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


_FIRST_PERSON = lx.FIRST_PERSON | {"хочу", "хотим"}


def _first_person(doc: Doc, toks: list[Token]) -> bool:
    """The words speak in the first person: «Хочу заверить …», «мы никогда не комментировали …»."""
    return any(t.is_word and t.low in _FIRST_PERSON and not doc.in_marks(t.start) for t in toks)


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
    inside = [m for m in doc.marks_in(got.start, got.end)
              if got.start <= m.open < got.end and any(m.open < ts <= m.close for ts, _ in taken)]
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
        outside = [x for x in rest if x.is_word and not doc.in_marks(x.start)]
        if not rest or len(outside) > 24:
            return None
        if len(rest) > 2 and rest[0].low in ("об", "о") and rest[1].low in ("этом", "чём", "чем"):
            rest = rest[2:]  # «Работы продлятся до июня, об этом заявил X»
        if not any(x.has_tag("VERB") or x.has_tag("PRTS") or x.has_tag("ADJS") for x in rest if x.is_word) \
                and len(outside) <= 12:
            continue  # «…, главный государственный санитарный врач Геннадий Онищенко»: an apposition
        verb = rest[0] if rest[0].is_word else None
        # «…, отмечается в сообщении»: an impersonal credit too (but not «…, - цитирует Токаева пресс-служба»)
        if verb is None or not speech_verb(verb, CREDITING) and source is None and verb.lemma not in QUOTING:
            return None
        if not (verb.has_tag("VERB", "indc") or verb.has_tag("PRTS")):
            return None
        ri = toks.index(verb)
        ref = source or ref_after(doc, toks, ri + 1, verb)
        if ref is None:
            return None
        s, e = strip_span(doc.text, us, t.start)
        if source is not None and any(e_.type == "PER" and _acts(doc, e_) for e_ in doc.entities_in(s, e)):
            return None  # «Токаев высказался о …, передает NUR.KZ со ссылкой на Акорду»: his act, relayed
        prefix = DATELINE_PREFIX.match(doc.text, s, e)
        if prefix:
            s = prefix.end()  # «МИНСК, 12 апреля (БелТА) - Посевная идёт …, сообщил министр»
        if doc.text[s : s + 1] in DASHES or doc.text[s : s + 1] in "«\"„“" and not _name_in_marks(doc, s, e):
            return None  # words in marks are a quotation of their own, but «Газпром нефть» примет … is a name
        return Found(s, e, "indirect", speech_verb(verb, CREDITING) or verb.lemma, ref, verb.start)
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
    if len(words) > 1 and words[1].lemma_with(lx.ANONYMOUS, "NOUN"):
        return False  # «…, сообщил источник в ведомстве»: a person who asked not to be named, not an outlet
    at = next((w for w in words[1:] if w.low in ("в", "во", "на")), None)
    if at is not None and any(e.type == "PER" for e in doc.entities_in(words[0].end, at.start)):
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
