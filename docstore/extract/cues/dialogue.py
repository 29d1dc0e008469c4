"""Dialogue and transcripts: dash-led replies, «Имя Фамилия: …» turns, captions over a reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docstore.extract import lexicon as lx
from docstore.extract.cues.marked import ATTR_TEXT, _first_verb, _marked_name_only
from docstore.extract.document import (
    CITING_VERBS,
    CREDITING,
    DASH_ATTR_RE,
    DASH_CLASS,
    DASH_RE,
    MODIFIERS,
    SAYING,
    TAG_VERBS,
    Doc,
    Found,
    Ref,
    _word_count,
    speech_verb,
)
from docstore.extract.refs import ref_after, ref_before
from docstore.extract.text import paragraphs, strip_span

QUESTION_LABELS = r"вопрос|в|корр\.?|корреспондент"


ANSWER_LABELS = r"ответ|о"


QUESTION_LABEL = re.compile(rf"^(?:{QUESTION_LABELS})$", re.I)


DIALOGUE_RE = re.compile(rf"^(?:[{DASH_CLASS}]\s+|(?P<label>{QUESTION_LABELS}|{ANSWER_LABELS})\s*:\s+)", re.M | re.I)


# «Андрей Мельников: Больно, но не смертельно.», «"ДП": Андрей Викторович, …?» — a transcript
# whose turns are labelled with the speaker's name or the outlet's
# «Имя Фамилия: …», «"Издание": …», and a journalist with the outlet: «Танита Ортега, ИА «Секунда»: …»
# … also in square brackets: «[Максим Никитин]: …», «[Naked Science]: …»
NAME_LABEL = re.compile(r"(?:\[(?P<open>[^\]\n]{1,40})\]|(?P<who>«[^»\n]{1,30}»|\"[^\"\n]{1,30}\"|"
                        r"[А-ЯЁA-Z][\w.-]*(?:\s[А-ЯЁA-Z][\w.-]*){0,2}(?:,?\s+(?:[А-ЯЁA-Z]{2,4}\s+)?«[^»\n]{1,30}»)?))"
                        r"\s*:\s+")


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
    group = "open" if m.group("open") else "who"
    label = m.group(group)
    ps = m.start(group)  # (inside the brackets)
    ent = doc.ent_at.get(ps)
    body = strip_span(doc.text, m.end(), pe)
    if ent is not None and ent.type == "PER" and ent.end == ps + len(label):
        ref = Ref("name", ent.start, ent.end, ent.text)
        return _Reply([body], "сказать", ref, ps), m.end()
    if ent is not None and ent.type == "PER" and ent.end < ps + len(label) and any(
            t.lemma in lx.MEDIA_NAMES or t.text in "«\"" for t in doc.toks(ent.end, ps + len(label))):
        return _Reply([body], None, None, ps, asked=True), m.end()  # «Танита Ортега, ИА «Секунда»: …»: the press
    words = label.split()
    if 1 < len(words) <= 3 and words[-1].isupper() and len(words[-1]) > 2:
        # «Ерлан ТУРГУМБАЕВ: …» — the surname in capitals, the person named so elsewhere
        last = words[-1].lower().replace("ё", "е")
        if any(e.type == "PER" and e.text.split()[-1].lower().replace("ё", "е").startswith(last) for e in doc.entities):
            written = _from_capitals(words)
            return _Reply([body], "сказать", Ref("name", ps, ps + len(label), written), ps), m.end()
    if label[:1] in "«\"" or label.isupper() or m.group("open") or any(
        e.type == "ORG" and e.end <= ps + len(label) + 1 for e in doc.entities_in(ps, ps + len(label) + 1)
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
    if doc.text[pe - 1] == ":":
        return False  # «Александр Ушахин, главный тренер «Луча»:» introduces the next speaker's words
    quoting = any(m.close - m.open > 40 for m in doc.marks_in(ps, pe))  # not a title in marks
    if quoting or DASH_ATTR_RE.search(doc.text, ps, pe):
        return False
    toks = doc.toks(ps, pe)
    # … a speech verb of the narrator's stops it, but not one in the answerer's «я»: «Потом меня пригласил
    # председатель и объявил, что меня возвратили»
    return not any(speech_verb(t, SAYING) for t in toks) or any(
        t.is_word and t.low in lx.FIRST_PERSON_SINGULAR and not doc.in_marks(t.start) for t in toks)


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
        not _marked_name_only(doc, m) for m in doc.marks_in(ps, pe)
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
        if m and _credit_line(doc, m.end(), pe):
            continue  # ««…» (new line) – говорится в сообщении к видео.»: the quotation's attribution, not a reply
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
        asking = [i for i, r in enumerate(run) if r.verb is None and r.segments and r.question(doc.text)]
        turns = {i % 2 for i in asking}
        for i, r in enumerate(run):
            if not r.segments:
                continue
            # a question right after the journalist's question answers it («— Да нет, может, просто не нашли?»)
            answers = i - 1 in asking and i % 2 != asking[0] % 2 and not r.asked
            if r.verb is None and r.ref is None and not answers and (
                    r.question(doc.text) or (len(turns) == 1 and i % 2 in turns)):
                continue  # the journalist's turn: nobody to attribute it to
            found.extend(Found(s, e, "direct", r.verb, r.ref, r.pos, dialogue=True) for s, e in r.segments)
    return found + attributed_above


def _credit_line(doc: Doc, start: int, end: int) -> bool:
    """A dash line that is only an attribution: a speech verb in lower case first, a few words."""
    words = [t for t in doc.toks(start, end) if t.is_word]
    return 0 < len(words) <= 8 and words[0].text[:1].islower() and bool(speech_verb(words[0], TAG_VERBS | CREDITING))


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
    if doc.text[e - 1 : e] != "," or DIALOGUE_RE.match(doc.text, s, e) or doc.marks_in(s, e):
        return None
    ref = ref_after(doc, toks, 1, words[0])
    return Found(s, e - 1, "direct", speech_verb(words[0], TAG_VERBS), ref, words[0].start) if ref else None


def signed_quotes(doc: Doc) -> list[Found]:
    """A paragraph of words in the first person signed on the line under it by a name and a role, with no
    marks or dash: «Мы остаёмся в режиме односторонней дружбы …» / «Ираклий Кобахидзе, премьер-министр Грузии»."""
    found = []
    paras = doc.paragraphs
    for (above_s, above_e), (ps, pe) in zip(paras, paras[1:]):
        ent = doc.ent_at.get(ps)
        if ent is None or ent.type != "PER" or doc.text[ent.end : ent.end + 1] != ",":
            continue
        role = [t for t in doc.toks(ent.end, pe) if t.is_word]
        if not 0 < len(role) <= 8 or not role[0].lemma_with(lx.ROLE_NOUNS, "NOUN") \
                or any(t.has_tag("VERB") for t in role) or doc.text[pe - 1] in ".:?!":
            continue
        if DIALOGUE_RE.match(doc.text, above_s, above_e) or doc.marks_in(above_s, above_e) \
                or doc.text[above_e - 1] == ":":
            continue
        words = [t for t in doc.toks(above_s, above_e) if t.is_word]
        if len(words) < 5 or not any(t.low in lx.FIRST_PERSON for t in words):
            continue
        ref = Ref("name", ent.start, ent.end, ent.text)
        found.append(Found(above_s, above_e, "direct", "сказать", ref, ps, dialogue=True))
    return found
