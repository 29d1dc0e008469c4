"""Reported speech: «X заявил, что …», «По словам X, …», «Как отметил X, …», an attribution between commas.
"""

from __future__ import annotations

import re

from docstore.extract import lexicon as lx
from docstore.extract import nlp
from docstore.extract.cues.credits import (
    _about_this,
    _clip,
    _dashed,
    _first_person,
    _opens_with_report,
    _reported_before,
    _trailing,
    _unmarked_speech,
    _without_credit,
    _without_relay,
)
from docstore.extract.document import (
    CREDITING,
    IMPERSONAL_VERBS,
    STATEMENT_WORDS,
    Doc,
    Found,
    Ref,
    _acts,
    _content_end,
    _verb_gender,
    speech_verb,
)
from docstore.extract.refs import _after_preposition, _is_media, _quoted_one, ref_after, ref_at, ref_before
from docstore.extract.text import DASHES, Token, strip_span


def _speaker_goes_on(doc: Doc, verb: Token, start: int, end: int) -> int:
    """Where the content ends when the speaker's next act follows it: «отметил, что так и получилось, и
    призвал коллег …», «пообещало, что …, но не исключило, что …» — a past verb after «, и/но/а (не)»
    in the speech verb's form, not in the content's own."""
    def form_of(tok: Token) -> str | None:  # «руководство пообещало»: the neuter too
        return _verb_gender(tok) or ("neut" if tok.has_tag("VERB", "past", "neut") else None)

    toks = doc.toks(start, end)
    form = form_of(verb)
    for n in range(1, len(toks) - 1):  # «намекнул, что готов уйти, заявив, что …»: a speech gerund goes on
        if toks[n].text == "," and toks[n + 1].lemma_with(lx.SPEECH_VERBS, "GRND"):
            return toks[n].start
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
        colon_quote = got and next((m for m in doc.marks_in(got.start, got.end) if got.start < m.open < got.end
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
                mark = next((m for m in doc.marks_in(span[0], span[0] + 1) if m.open == span[0]), None)
                if mark is not None:  # «…». Об этом заявил X. — the words in marks are X's own
                    s_, e_ = strip_span(doc.text, mark.open + 1, mark.close)
                    found.append(Found(s_, e_, "direct", verb, ref, pos))
                else:
                    found.append(Found(span[0], span[1], "indirect", verb, ref, pos))
    return found


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
    # … «По информации МИД – это не соответствует …»: a dash may set it off too
    comma = next((t for t in toks if (t.text == "," or t.text in DASHES) and t.start >= noun.end), None)
    if comma is None:
        return None
    # «По мнению члена учёного совета, профессора Виктора Сафонова, …»: an apposition after a comma
    nxt = next((t for t in toks if t.text == "," and t.start > comma.end), None)
    if nxt is not None and doc.person_in(comma.end, nxt.start) \
            and len([t for t in doc.toks(comma.end, nxt.start) if t.is_word]) <= 6:
        comma = nxt
    attr = doc.toks(w[1].start, comma.start)
    person = doc.person_in(attr[0].start, comma.start) if attr else None
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
    """X заявил, что … / X обратил внимание на то, что … / X подчеркнул, насколько важно … / X говорил, будто …"""
    for k, t in enumerate(toks):
        if t.low not in ("что", "насколько", "будто") or k == 0 or t.low != "что" and toks[k - 1].text != ",":
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
                          "потребовать требовать посоветовать советовать порекомендовать рекомендовать "
                          "пригрозить".split())


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
    if not whole:
        b = _past_apposition(toks, b)
    s, _ = strip_span(doc.text, (toks[0].start if whole else toks[b].end), ue)
    e = _content_end(doc, s, ue)
    if whole and e <= toks[b].end + 5:
        return None
    return Found(s, e, "indirect", lemma, ref, verb.start) if e - s > 5 else None


def _past_apposition(toks: list[Token], b: int) -> int:
    """«Между тем, утверждает аналитик Павел Орлов, глава фонда «Рост», рынок …»: the speaker's role set off
    after the name belongs to the inset; the comma after it is where the words begin."""
    c = next((k for k in range(b + 1, len(toks)) if toks[k].text == ","), None)
    words = [t for t in toks[b + 1 : c] if t.is_word] if c is not None else []
    if not 0 < len(words) <= 8 or any(t.has_tag("VERB") for t in words):
        return b
    return c if words[0].lemma_with(lx.ROLE_NOUNS, "NOUN", "nomn") else b


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
