"""What the whole article names, read once for the resolver: every role noun standing beside a name
(«губернатор Вячеслав Гладков»), and the organisations («Минздрав», авиакомпания «Северный ветер»,
«Посольство США в Киеве»). refs.py reads the phrase at one speech verb; this reads the article.
"""

from __future__ import annotations

from docstore.extract import lexicon as lx
from docstore.extract.complements import _tail
from docstore.extract.document import Doc, Ref
from docstore.extract.refs import _is_media, _marked_name, _person_noun, ref_at


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
            m.open < e.start < m.close and m.close - m.open > 60 for m in doc.marks_in(e.start, e.start + 1)
        ):
            out.append(with_place(doc, Ref("org", e.start, e.end, e.text)))
    for i, t in enumerate(doc.tokens[:-1]):
        if t.is_word and t.lemma_with(lx.ORG_NOUNS, "NOUN") and t.lemma not in lx.MEDIA_NAMES:
            named = _marked_name(doc, doc.tokens[i + 1])
            if named is not None and named.text[:1].isupper():
                out.append(named)  # авиакомпания «Северный ветер»
            elif t.lemma not in lx.MOUTHPIECES and not doc.in_marks(t.start):
                j, _, _ = _tail(doc, doc.tokens, i)
                tail = [x for x in doc.tokens[i + 1 : j] if x.is_word]
                if tail and not all(x.lemma_with(lx.ORG_NOUNS, "NOUN") for x in tail):
                    # «департамент здравоохранения», «министерство транспорта РФ» — not «пресс-служба ведомства»
                    out.append(Ref("org", t.start, doc.tokens[j - 1].end, doc.text[t.start : doc.tokens[j - 1].end]))
    return sorted(out, key=lambda r: r.start)


# Bodies named with the city they sit in: «Посольство США в Киеве», «представительство ООН в Женеве».
_MISSIONS = frozenset("посольство консульство генконсульство представительство постпредство торгпредство миссия".split())


def with_place(doc: Doc, ref: Ref) -> Ref:
    """«В Департаменте полиции Алма-Аты заявили»: the place right after an organisation, in the
    genitive, is part of its name; so is the city a mission sits in: «Посольство США в Киеве»."""
    nxt = doc.entity_from(ref.end)
    between = doc.text[ref.end : nxt.start] if nxt is not None else ""
    if nxt is None or nxt.type != "LOC" or "\n" in between:
        return ref
    if between.strip().lower() in ("в", "во"):
        head = next(iter(doc.toks(ref.start, ref.end)), None)
        if head is None or not head.lemma_with(_MISSIONS, "NOUN"):
            return ref
    elif between.strip():
        return ref
    else:
        first = doc.toks(nxt.start, nxt.end)
        if not first or not first[0].has_tag("gent"):
            return ref
    return Ref(ref.kind, ref.start, nxt.end, doc.text[ref.start : nxt.end], ref.gender, ref.person, ref.owner, ref.generic)
