"""Quote spans and their cues, settled into one list: each cue module finds its kind of quote
(``cues/``), this one runs them in order and removes what two of them found twice.

Everything works on character offsets into the article text. A found quote carries a ``Ref``: the
words that name who said it, as written; coreference.py decides who that is.
"""

from __future__ import annotations

import re

from docstore.extract.cues.dialogue import caption_quotes, dialogue_quotes, signed_quotes
from docstore.extract.cues.marked import marked_quotes
from docstore.extract.cues.partial import partial_quotes
from docstore.extract.cues.reported import reported_quotes
from docstore.extract.document import Doc, Found, Ref, _verb_gender
from docstore.extract.marks import Marked, find_marked
from docstore.extract.named import with_place, named_orgs, role_appositions
from docstore.extract.nlp import Entity
from docstore.extract.refs import ref_at
from docstore.extract.syntax import Parses


def find_quotes(
    text: str, entities: list[Entity], marked: list[Marked] | None = None
) -> tuple[list[Found], list[Ref], list[Ref]]:
    """All quotes of an article, in text order, with the words that name their speakers;
    the role–name appositions that tell who a role noun stands for; the organisations named."""
    marked = find_marked(text) if marked is None else marked
    doc = Doc(text, marked, entities)
    direct, rest = marked_quotes(doc)
    direct += dialogue_quotes(doc)
    for q in caption_quotes(doc) + signed_quotes(doc):
        if not any(q.start < d.end and d.start < q.end for d in direct):
            direct.append(q)
    taken = [(q.start, q.end) for q in direct]
    reported = reported_quotes(doc, taken)
    said = sorted(direct + reported, key=lambda q: q.end)
    own = [q for q in said if q.kind == "direct"]
    partial = partial_quotes(doc, [m for m in rest if not any(q.start - 1 <= m.open < q.end for q in own)], said)
    found = _once(doc, sorted(direct + reported + partial, key=lambda q: (q.start, q.end)))
    parses = Parses(doc)
    for q in found:
        q.unit = doc.unit_of(q.pos)
        if q.ref is None and q.verb is not None and not q.dialogue:
            q.ref = _parsed_subject(doc, parses, q)
        if q.ref is not None and q.ref.kind == "org":
            q.ref = with_place(doc, q.ref)
    return found, role_appositions(doc), named_orgs(doc)


def _parsed_subject(doc: Doc, parses: Parses, q: Found) -> Ref | None:
    """The speech verb's subject as the dependency parse reads it, where the surface rules found none
    («Санду отметила, что …»: a name the tagger missed; a subject set apart by a participle clause)."""
    verb = next((t for t in doc.toks(q.pos, q.pos + 40)[:3] if t.is_word and t.has_tag("VERB")), None)  # («но предупредил»)
    if verb is None:
        return None
    span = parses.subject(verb)
    if span is None:
        return None
    ent = doc.person_in(*span)
    if ent is not None:
        return Ref("name", ent.start, ent.end, ent.text, gender=_verb_gender(verb))
    toks = doc.toks(*span)
    r = ref_at(doc, toks, 0, need_nomn=False, org_ok=True) if toks else None
    if r is None and len(toks) == 1 and toks[0].text[:1].isupper() and toks[0].has_tag("Surn"):
        r = Ref("name", toks[0].start, toks[0].end, toks[0].text)  # an indeclinable surname the tagger missed
    if r is not None and r.gender is None:
        r.gender = _verb_gender(verb)
    return r


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
