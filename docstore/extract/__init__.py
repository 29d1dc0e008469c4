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
from docstore.ingest.article import Article

__all__ = ["extract", "Extraction", "Quote", "Speaker", "Event"]

# Paragraphs worth running the NER over: they hold a quotation mark, a dialogue dash, a
# word that reports speech or a role noun that a name may stand beside.
_CUE = re.compile(r"[«»\"“„]|^\s*[–—-]\s|\b(?:по\s+(?:его|ее|её|их)?\s*(?:словам|мнению)|как\s+\w+л[аи]?,)", re.I | re.M)


def _needs_ner(text: str, start: int, end: int, first: bool) -> bool:
    from docstore.extract import lexicon, nlp
    from docstore.extract.text import tokenize

    if first or _CUE.search(text, start, end):
        return True
    for tok in tokenize(text, start, end):
        if tok.is_word and len(tok.text) > 3:
            lemma = nlp.lemma(tok.text.lower())
            if lemma in lexicon.SPEECH_VERBS or lemma in lexicon.ROLE_NOUNS:
                return True
    return False


def extract(article: Article) -> Extraction:
    """Speakers, quotes (with offsets into ``article.text``) and events of one article."""
    from docstore.extract import nlp
    from docstore.extract.events import find_events_with_mentions, link_quotes_to_events
    from docstore.extract.marks import find_marked
    from docstore.extract.quotes import find_quotes
    from docstore.extract.speakers import add_surname_mentions, resolve
    from docstore.extract.text import paragraphs

    text = article.text
    marked = find_marked(text)
    entities: list[nlp.Entity] = []
    for i, (s, e) in enumerate(paragraphs(text)):
        if _needs_ner(text, s, e, first=i == 0):
            entities += nlp.entities(text[s:e], offset=s)
    entities = add_surname_mentions(text, entities)

    def in_quote(pos: int) -> bool:
        return any(m.open < pos < m.close for m in marked)

    found, appositions = find_quotes(text, entities, marked)
    speakers, who = resolve(found, appositions, entities, in_quote)
    events, mentions = find_events_with_mentions(text, article.published)
    said_at = link_quotes_to_events(text, [(f.start, f.end) for f in found], mentions)
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
