"""Article → Extraction: who said what, where and when. Pure functions, no database.

    >>> from docstore.extract import extract
    >>> from docstore.ingest.article import Article
    >>> result = extract(Article(text="«Работы много», — сказал министр Иван Петров."))
    >>> [(q.text, q.speaker, q.kind) for q in result.quotes]
    [('Работы много', 'иван петров', 'direct')]
"""

from __future__ import annotations

import re

from docstore.extract.extraction import Event, Extraction, Quote, Speaker
from docstore.extract.text import Spans
from docstore.ingest.article import Article

__all__ = ["extract", "Extraction", "Quote", "Speaker", "Event"]

# Paragraphs worth running the NER over: they hold a quotation mark, a dialogue dash, a
# word that reports speech or a role noun that a name may stand beside.
_CUE = re.compile(
    r"[«»\"“„]|^\s*[–—-]\s|^\[?[А-ЯЁ][\w.-]*(?:\s[А-ЯЁ][\w.-]*){0,2}\]?\s*:\s"
    r"|\b(?:по\s+(?:его|ее|её|их)?\s*(?:словам|мнению)|как\s+\w+л[аи]?,)",
    re.I | re.M,
)


# a transcript's «Имя Фамилия: » label, also where a page glued it into a line (a paragraph of its own)
_LABEL = re.compile(r"\[?[А-ЯЁ][\w.-]*(?:\s[А-ЯЁ][\w.-]*){0,2}\]?\s*:\s")


def _needs_ner(text: str, start: int, end: int, first: bool) -> bool:
    from docstore.extract import lexicon, nlp
    from docstore.extract.text import tokenize

    if first or _CUE.search(text, start, end) or _LABEL.match(text, start, end):
        return True
    if text[start:end].rstrip().endswith(":"):
        return True  # «Нина Зайцева, жительница села Узынколь:» over the words it introduces
    for tok in tokenize(text, start, end):
        if tok.is_word and len(tok.text) > 3:
            lemma = nlp.lemma(tok.text.lower())
            if lemma in lexicon.SPEECH_VERBS or lemma in lexicon.ROLE_NOUNS:
                return True
    return False


def _outside(text: str, spans: list[tuple[int, int]], marked: list) -> list[tuple[int, int]]:
    """The spans with the words in quotation marks cut out: whoever a quote names is not
    its speaker, and quotes are most of a news text, so the NER reads far less."""
    from docstore.extract.cues.marked import SPLIT_RE

    marks = Spans(marked, lambda m: (m.open, m.close + 1))
    out = []
    for s, e in spans:
        pos = s
        for m in marks.overlapping(s, e):
            if m.close - m.open < 40:
                continue  # short marked names («Газпром») stay: they may be organisations
            if m.open > pos:
                out.append((pos, m.open))
            # «Начало, – сказал посол Игорь Смирнов, – продолжение»: the attribution inside stays
            out += [(a.start(2), a.end(2)) for a in SPLIT_RE.finditer(text, m.open, m.close)]
            pos = max(pos, m.close + 1)
        if pos < e:
            out.append((pos, e))
    return [(s, e) for s, e in out if e - s > 1]


def _could_be_name(text: str) -> bool:
    """The NER now and then takes a capitalised common noun for a person («Директор подчеркнула»)."""
    from docstore.extract import nlp

    words = text.split()
    if len(words) > 1:
        return True
    parses = nlp.parses(words[0].lower())
    if any("Name" in p.tag or "Surn" in p.tag or "Patr" in p.tag for p in parses):
        return True
    if "-" in words[0] and parses and parses[0].is_known and "NOUN" in parses[0].tag and "inan" in parses[0].tag:
        return False  # «Пресс-конференции» in a page's rubric line
    return not any("NOUN" in p.tag and "anim" in p.tag and p.is_known for p in parses)


def _two_surnames(words: str) -> bool:
    """«Токаев Путину»: the NER joined a surname and the next person's, who stands in an oblique case.
    Neither is a first name, and the second has a surname reading only outside the nominative."""
    from docstore.extract import nlp

    parts = words.split(" ")
    if len(parts) != 2:
        return False
    first, second = (nlp.parses(w.lower()) for w in parts)
    if any("Name" in p.tag or "Patr" in p.tag for p in first + second):
        return False
    surname = [p for p in second if "Surn" in p.tag]
    return bool(surname) and not any("nomn" in p.tag for p in surname)


def _is_town(word: str) -> bool:
    from docstore.extract import nlp

    parses = nlp.parses(word.lower())
    return bool(parses) and "Geox" in parses[0].tag


class _Entities:
    """Named entities of one article, found in one NER pass over the paragraphs that need
    them (one call costs several times less than one per paragraph), and served again to
    the event finder through the same interface as ``nlp``."""

    def __init__(self, text: str, marked: list) -> None:
        from docstore.extract.text import paragraphs

        self.text = text
        # the lead (three paragraphs) introduces the people; later paragraphs only where cues are
        chosen = [(s, e) for i, (s, e) in enumerate(paragraphs(text)) if _needs_ner(text, s, e, first=i < 3)]
        self.covered = chosen
        self.found = self._run(_outside(text, chosen, marked))

    def _run(self, spans: list[tuple[int, int]]) -> list:
        """NER over several spans at once: joined by newlines, offsets mapped back."""
        from bisect import bisect_right

        from docstore.extract import nlp

        if not spans:
            return []
        # each span ends a sentence for the tagger: a fragment run on into the next one loses its names
        # («заявила адвокат Катерина Тертухина» cut out of a quotation, then the next paragraph)
        joined_starts, parts, pos = [], [], 0
        for s, e in spans:
            joined_starts.append(pos)
            piece = self.text[s:e] + ("\n" if self.text[s:e].rstrip()[-1:] in ".!?…" else ".\n")
            parts.append(piece)
            pos += len(piece)
        joined = "".join(parts)
        out = []
        for ent in nlp.entities(joined):
            i = bisect_right(joined_starts, ent.start) - 1
            shift = spans[i][0] - joined_starts[i]
            start, words = ent.start, ent.text
            if ent.type == "PER":
                # «Аналитик Пётр Иванов»: the NER sometimes takes the role noun into the name
                # or a town before a full name: «(ДП) Алматы Айдын Кабдулдинов»
                while " " in words and (
                    not _could_be_name(words.split(" ", 1)[0]) or (words.count(" ") >= 2 and _is_town(words.split(" ", 1)[0]))
                ):
                    head, words = words.split(" ", 1)
                    start += len(head) + 1
                if not _could_be_name(words):
                    continue
                if _two_surnames(words):
                    # «сказал Токаев Путину»: two people, the second in another case
                    first, second = words.split(" ")
                    out.append(nlp.Entity(start + shift, start + shift + len(first), "PER", first))
                    start, words = start + len(first) + 1, second
            end = min(ent.end + shift, spans[i][1])  # not into the full stop added to end the span
            if end <= start + shift:
                continue
            out.append(nlp.Entity(start + shift, end, ent.type, self.text[start + shift : end]))
        return out

    @staticmethod
    def parses(word: str) -> tuple:
        from docstore.extract import nlp

        return nlp.parses(word)

    @staticmethod
    def sentences(text: str) -> list[tuple[int, int]]:
        from docstore.extract import nlp

        return nlp.sentences(text)

    def entities(self, text: str, offset: int = 0) -> list:
        """Entities inside text (which stands at ``offset``): from the pass, or found now."""
        end = offset + len(text)
        if any(s <= offset and end <= e for s, e in self.covered):
            return [x for x in self.found if offset <= x.start and x.end <= end]
        extra = self._run([(offset, end)])
        self.covered.append((offset, end))
        self.found += extra
        return extra


def extract(article: Article) -> Extraction:
    """Speakers, quotes (with offsets into ``article.text``) and events of one article."""
    from docstore.extract.coreference import resolve
    from docstore.extract.events import find_said_events
    from docstore.extract.marks import find_marked
    from docstore.extract.people import add_surname_mentions
    from docstore.extract.quotes import find_quotes

    text = article.text
    marked = find_marked(text)
    ner = _Entities(text, marked)
    entities = add_surname_mentions(text, ner.found)

    found, appositions, orgs = find_quotes(text, entities, marked)
    # words in marks and dialogue replies: names there are not the article's speakers
    quoted = Spans([(m.open + 1, m.close) for m in marked] + [(f.start + 1, f.end) for f in found if f.kind == "direct"])

    def in_quote(pos: int) -> bool:  # strictly inside
        return quoted.holds(pos)

    speakers, who = resolve(text, found, appositions, orgs, entities, in_quote)
    # only the occasions at which something quoted or reported was said (so none without quotes:
    # the event finder, a quarter of the time, is not run then)
    events, said_at = ([], []) if not found else find_said_events(
        text, article.published, [(f.start, f.end) for f in found], nlp=ner
    )
    quotes = [
        Quote(
            text=text[f.start : f.end],
            start=f.start,
            end=f.end,
            kind=f.kind,
            speaker=key,
            attributed_as=written,
            verb=f.verb,
            event=event,
        )
        for f, (key, written), event in zip(found, who, said_at)
    ]
    for q in quotes:
        if q.event is not None and q.speaker and q.speaker not in events[q.event].participants:
            events[q.event].participants.append(q.speaker)
    return Extraction(speakers=speakers, quotes=quotes, events=events)
