"""Partial quotes: words in marks inside someone's reported speech or a description («назвал «…»»).
"""

from __future__ import annotations

from docstore.extract.cues.marked import _fixture, _is_title, _outlet_name
from docstore.extract.document import NAMING_VERBS, Doc, Found, _word_count, speech_verb
from docstore.extract.marks import Marked
from docstore.extract.refs import ref_after, ref_before
from docstore.extract.text import strip_span


def partial_quotes(doc: Doc, rest: list[Marked], said: list[Found]) -> list[Found]:
    """назвал ситуацию «…», с «акцентом на …»: fragments in marks inside reported speech."""
    found = []
    for m in rest:
        if _is_title(doc, m) or _outlet_name(doc, m) or _fixture(doc, m):
            continue  # a title, «корреспонденту «Чита.Ру»», «Луч-Энергия» – «Шинник»: names, not words said
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
