"""Person names to the nominative, and the folded keys that identify speakers.

pymorphy3 knows common names and many surnames; for the rest (Central-Asian names,
unusual surnames) the case is read from the other words of the name and the
ending is undone by rule.
"""

from __future__ import annotations

import re
from functools import lru_cache

from docstore.extract import nlp
from docstore.names import FEMN_ENDINGS, MASC_ENDINGS, fold

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
NAME_TAGS = ("Name", "Surn", "Patr")
WORD = re.compile(r"\w+(?:[-‐]\w+)*")

def _name_parses(word: str) -> list:
    """The dictionary's readings of a word as one person's name. Plural readings do not count: «Тугжанов»,
    «Касымов» read only as «of the Тугжаны» are surnames the dictionary lacks (their endings decide)."""
    return [p for p in nlp.parses(word) if any(t in p.tag for t in NAME_TAGS) and "plur" not in p.tag]


def _agrees(p, gender: str, case: str) -> bool:
    """A singular name parse of this gender (or common gender) in this case (or indeclinable)."""
    tag = p.tag
    g_ok = gender in tag or "ms-f" in tag or tag.gender is None
    return g_ok and (case in tag or "Fixd" in tag) and "plur" not in tag


def fits_case(word: str, gender: str, case: str) -> bool:
    """Does a name word admit this gender and case, by dictionary or by ending?"""
    if any(_agrees(p, gender, case) for p in _name_parses(word)):
        return True
    if _name_parses(word):
        return False
    return _undo_ending(word, gender, case) is not None


def _undo_ending(word: str, gender: str, case: str) -> str | None:
    low = word.lower()
    if case == "nomn":
        return word
    table = (MASC_ENDINGS if gender == "masc" else FEMN_ENDINGS).get(case, [])
    for ending, repl in table:
        if low.endswith(ending) and len(low) > len(ending) + 1:
            return word[: len(word) - len(ending)] + repl
    return None


def _to_nominative(word: str, gender: str, case: str) -> str:
    for p in _name_parses(word):
        if _agrees(p, gender, case):
            form = p.inflect({"nomn", "sing"} | ({gender} if "Surn" in p.tag and gender == "femn" else set()))
            if form:
                return form.word
    if "-" in word:  # «Касым-Жомартом»: only the last part is declined
        head, _, last = word.rpartition("-")
        return head + "-" + _to_nominative(last, gender, case)
    return _undo_ending(word, gender, case) or word


def _restore_case(word: str, like: str) -> str:
    """The capitalisation of the written form, and no «ё» where the text wrote «е» («Нгуена» → «Нгуен»)."""
    if "ё" not in like.lower():
        word = word.replace("ё", "е").replace("Ё", "Е")
    parts, models = word.split("-"), like.split("-")
    out = []
    for i, part in enumerate(parts):
        model = models[i] if i < len(models) else models[-1]
        out.append(part.capitalize() if model[:1].isupper() else part.lower())
    return "-".join(out)


@lru_cache(maxsize=50_000)
def analyse_name(
    name: str, gender_hint: str | None = None, case_hint: str | None = None
) -> tuple[str, str | None, str | None]:
    """(nominative, gender, case) of a person's name as written.

    The gender and case are the ones all words of the name admit; ties go to the
    nominative, then to the dictionary's most probable reading. ``gender_hint`` (from
    the verb that agrees with the name: «Егорова была расстроена») settles a bare
    surname that reads both ways; ``case_hint`` (the case of the role noun a name stands in
    apposition to: «Руководитель центра Рамиля Хайруллина») fixes the case.
    """
    words = WORD.findall(name)
    if not words:
        return name.strip(), None, None
    best: tuple | None = None
    genders = ("masc", "femn")
    if gender_hint in genders and any(fits_case(w, gender_hint, "nomn") for w in words):
        genders = (gender_hint,)
    for gender in genders:
        for rank, case in enumerate(CASES):
            if case_hint == "obl" and case == "nomn" or case_hint not in (None, "obl") and case != case_hint:
                continue  # "obl": some oblique case, which one unknown («ссылаясь на замдиректора X»)
            fits = sum(fits_case(w, gender, case) for w in words)
            known = sum(1 for w in words if any(_agrees(p, gender, case) for p in _name_parses(w)))
            # the likeliest agreeing reading of each word, not their sum: an indeclinable woman's surname
            # («Мирзоян», «Шольц» read as Fixd) agrees with every case and would outweigh the man's
            prob = sum(max((p.score for p in _name_parses(w) if _agrees(p, gender, case)), default=0.0) for w in words)
            first = [p for p in _name_parses(words[0]) if "Name" in p.tag] if len(words) > 1 else []
            first_ok = bool(first) and _agrees(first[0], gender, case)
            looks = sum(_looks(w, gender) for w in words)
            score = (fits, first_ok, known, round(prob, 3), looks, -rank)
            if best is None or score > best[0]:
                best = (score, gender, case)
    assert best is not None
    _, gender, case = best
    nominative = [_restore_case(_to_nominative(w, gender, case), w) for w in words]
    return " ".join(nominative), gender, case


def _looks(word: str, gender: str) -> bool:
    """For a name the dictionary does not know: does its ending look like that gender's
    nominative? «Мирская», «Гончарова» look feminine; «Ли», «Кравец» do not."""
    feminine = word.lower().endswith(("ая", "яя", "а", "я"))
    return feminine if gender == "femn" else not feminine


@lru_cache(maxsize=100_000)
def surname_keys(word: str) -> frozenset[str]:
    """Keys a bare surname in any case may stand for: «Токаева» → {токаева, токаев}.
    Cached: the surname pass asks it of every capitalised word of an article."""
    keys = {fold(word)} | set(nlp.lemmas(word.lower()))
    for gender in ("masc", "femn"):
        for case in CASES[1:]:
            base = _undo_ending(word, gender, case)
            if base:
                keys.add(fold(base))
    return frozenset(keys)
