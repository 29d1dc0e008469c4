"""Occasions named in an article: «на расширенном заседании коллегии МВД 17 апреля в Нур-Султане».

An event mention is an event noun from the lexicon (заседание, встреча, пресс-конференция …) that
the sentence puts forward as an occasion: after «на/в/после/в ходе/во время …», as the object of
«провёл/дал», or after «выступил/поздравил с …». Its phrase is the head noun with its agreeing
adjectives (put into the nominative) and its complements as written (genitive chain,
«по случаю …», «с …», «к …», a name in quotation marks). Mentions inside quoted speech, of
occasions still to come, or of cancelled ones are not events.

Merge rule (one occasion named twice in an article is one event): mentions merge when they
have the same kind (head lemma), or the same non-empty complement («мероприятие по случаю
30-летия» / «собрание по случаю 30-летия»), unless both carry different dates or places. A bare
«выступление/доклад» is the speech given at the occasion already named, and a bare generic
«мероприятие» another name for it: both fold into a neighbouring event when there is one. The
merged event is named by its best mention: one whose sentence has a speech verb, then a specific
head, then the longer name.

Occasions named by a verb: when the article names no occasion by a noun, a verb of the lexicon's
table (``EVENT_VERB_NOUNS``) in the headline or lead names one with its complement, as the noun:
«Губернатор обратился к жителям края» → «обращение к жителям края», «выступил перед студентами» →
«выступление перед студентами», «посетил Японию» → «визит в Японию». Only a perfective verb in the
past, not negated («не встретился»), not conditional («выступил бы»), not cancelled, not in quoted
speech or after «мы/я» (the speaker's words), and only with the complement the verb needs
(«обратился в суд» and «выступил против» name no occasion).
Its date is a day-precise date in the same sentence; failing that, when the article has a
publication date (from its header or a page's date stamp) and the text gives no date at all, the
publication date: a past-tense verb in a headline or lead reports what happened on the day it was
reported. Anywhere else a date the text does not give stays empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from docstore.extract.events.common import EventMention, default_nlp
from docstore.extract.events.link import link_quotes_to_events
from docstore.extract.events.mentions import Finder
from docstore.extract.events.merge import merge
from docstore.extract.extraction import Event

__all__ = ["EventMention", "find_events", "find_events_with_mentions", "find_said_events", "link_quotes_to_events"]


def find_events_with_mentions(
    text: str, published: datetime | date | None = None, nlp: Any = None
) -> tuple[list[Event], list[EventMention]]:
    """The events of an article and every mention of them (``mention.event`` indexes the events)."""
    f = Finder(text, published, nlp or default_nlp())
    mentions = f.mentions()
    if not mentions:
        # no occasion named by a noun: one named by a verb in the headline or lead
        found = (f.verb_mention(s, e) for s, e in f.lead_spans())
        mentions = [m for m in found if m is not None][:1]
    if not mentions:
        return [], []
    mentions = [m if m.location else replace(m, location=f.region_meant(m)) for m in mentions]
    events, mentions = merge(mentions, f.dateline() or f.lead_place())
    return f.after_parents(events), mentions


def find_events(text: str, published: datetime | date | None = None, nlp: Any = None) -> list[Event]:
    """The occasions an article names, merged, each with its date and place when the text gives them.

    ``published`` resolves partial and relative dates («17 апреля», «в среду»); without it only
    dates with a year are kept. ``nlp`` provides ``parses``, ``entities`` and ``sentences`` like
    ``docstore.extract.nlp`` (the default).
    """
    return find_events_with_mentions(text, published, nlp)[0]


def find_said_events(
    text: str,
    published: datetime | date | None,
    quotes: Sequence[tuple[int, int]],
    nlp: Any = None,
) -> tuple[list[Event], list[int | None]]:
    """The occasions at which the article's words were said, and for each quote (start, end)
    the index of its occasion among them, or None.

    An occasion is kept only when a quote is linked to it (``link_quotes_to_events``): the
    match itself, where nothing quoted was said, is not one. (Keeping also the occasions whose
    own sentence reports speech gained nothing on four blind sets and cost precision.)
    """
    events, mentions = find_events_with_mentions(text, published, nlp)
    said_at = link_quotes_to_events(text, quotes, mentions)
    keep = sorted({n for n in said_at if n is not None})
    renumber = {old: new for new, old in enumerate(keep)}
    return [events[n] for n in keep], [None if n is None else renumber[n] for n in said_at]
