"""Words in quotation marks and their attribution: «…», — сказал X.; X заявил: «…»; split quotations.
"""

from __future__ import annotations

import re

from docstore.extract import lexicon as lx
from docstore.extract.document import (
    DASH_RE,
    DATELINE_PREFIX,
    NAMING_VERBS,
    SAYING,
    STATEMENT_WORDS,
    TAG_VERBS,
    Doc,
    Found,
    Ref,
    _word_count,
    speech_verb,
)
from docstore.extract.marks import Marked
from docstore.extract.refs import _SITE_NAME, _is_media, _quoted_one, ref_after, ref_at, ref_before
from docstore.extract.text import DASHES, Token, strip_span


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
    for m in doc.marks_in(s, pos):  # (in order of opening, as the marks are kept)
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


_VERSUS = re.compile(r"\s*[-–—]\s*$")


def _fixture(doc: Doc, m: Marked) -> bool:
    """«Луч-Энергия» – «Шинник»: two names in marks set against each other with a dash (a match, a case, a
    dispute between companies) are names, not words said."""
    if not _marked_name_only(doc, m):
        return False
    near = doc.marks_in(max(0, m.open - 40), m.close + 40)
    return any(o is not m and _marked_name_only(doc, o) and (
        o.open > m.close and _VERSUS.match(doc.text[m.close + 1 : o.open])
        or o.close < m.open and _VERSUS.match(doc.text[o.close + 1 : m.open])) for o in near)


def _marked_name_only(doc: Doc, m: Marked) -> bool:
    inner = doc.text[m.open + 1 : m.close].strip()
    inner = re.sub(r"(?<=\w)\.(?=\w)", "", inner)  # «Чита.Ру», «Lenta.ru»: a dot inside a name is no full stop
    return inner[:1].isupper() and _word_count(inner) <= 3 and not re.search(r"[.!?,:;…]", inner)


def _named_as(doc: Doc, m: Marked) -> bool:
    """«назвала результат «важным шагом»»: words in marks that a naming verb puts on something are a
    partial quote of the sentence, whatever attribution follows them."""
    us, _ = doc.unit_of(m.open)
    before = [t for t in doc.toks(max(us, m.open - 60), m.open) if t.is_word][-2:]
    return any(speech_verb(t, NAMING_VERBS) for t in before)


def marked_quotes(doc: Doc) -> tuple[list[Found], list[Marked]]:
    """Direct quotes in marks, plus the spans left for partial-quote or title decisions."""
    found: list[Found] = []
    rest: list[Marked] = []
    prev_ref: tuple[Ref | None, str] | None = None
    text = doc.text
    for m in doc.marked:
        if _so_called(doc, m) or _outlet_name(doc, m) or _named_as(doc, m) or _fixture(doc, m):
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
