"""Date expressions in Russian text, resolved against the publication datetime.

Absolute dates («17 апреля 2019 года», «17.04.2019», «2019-04-17») resolve on their own.
Partial («17 апреля», «в апреле») and relative («вчера», «в среду», «в прошлую пятницу») dates
need the reference (publication) datetime; without it they stay ``None``. Vague ones
(«на днях», «недавно») never resolve: a date the text does not give is not invented.

Year from the text: with no reference, a day-and-month date («3 апреля» in a dateline) takes
the year of the nearest absolute date when that lies within ``YEAR_FROM_TEXT_DAYS`` of the
completed date (the year put on it being the one that brings it nearest: «30 декабря» beside
«10 января 2025 года» is 2024-12-30) or is a bare year («в 2025 году»); failing that, the year
of the text's absolute dates when they all name one. Only a date that tells the article's time
lends its year: not a term or a plan («до конца 2025 года», «к 2030 году», «с 2025 года», «со 2 по
4 апреля 2025 года»), nor one in a clause about the future; a bare year or month («в 2024 году»)
only in a clause in the past.

Year from the weekday: with no reference and no year in the text, the article's first
day-and-month date (its dateline, «БЕЛГОРОД, 14 августа. /ТАСС/.») is the day of its news when
the text names that day by its weekday too («в четверг» and no other bare weekday — news prose
names the day it reports so). The year is then the latest one, up to ``today``, in which that
date fell on that weekday, no more than ``WEEKDAY_YEARS`` back, and the text's other day-and-month
and month dates are completed against that day (``year_guessed``). It is a guess at the year only:
relative words («вчера», «в среду») resolve against a real reference alone. Otherwise a year stays ``None``: a
year in doubt is not put on a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from docstore.extract.lexicon import month_number

# A partial date may lie this many days after publication (announcements); beyond that it is last year's.
FUTURE_SLACK_DAYS = 3
# With no reference, a day-and-month date borrows the year of an absolute date this close to it.
YEAR_FROM_TEXT_DAYS = 120
# A day and month falls on each weekday at least once in this many years.
WEEKDAY_YEARS = 11


@dataclass(frozen=True)
class DateMention:
    """A date expression: ``text == source[start:end]``.

    ``precision`` is "day", "month" or "year" (``value`` is then the first day of the month or
    year), or "vague" for «на днях». ``form`` says how it was written: "absolute", "partial",
    "relative" or "vague". ``value`` is None when the text alone, with the reference, cannot fix it.
    """

    start: int
    end: int
    text: str
    value: date | None
    precision: str
    form: str
    year_guessed: bool = False  # the year came from a weekday (module docstring), not from the text


_B = r"(?<![\w-])"  # word start
_E = r"(?![\w])"  # word end
_YEAR_WORD = r"(?:\s*(?:года|году|год|г\.|гг\.|г(?![\w])))?"

_ISO = re.compile(_B + r"(\d{4})-(\d{2})-(\d{2})" + _E)
_NUMERIC = re.compile(_B + r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})" + _E + _YEAR_WORD)
_DAY_MONTH = re.compile(
    _B + r"(\d{1,2})(?:-?го)?(?:\s*[-–—]\s*\d{1,2})?\s+([а-яё]+\.?)"
    r"(?:\s+(?:(\d{4})" + _YEAR_WORD + r"|(текущего|этого|нынешнего|сего|прошлого|минувшего|следующего) года))?",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(_B + r"(?:(?:в|во|с|до|к)\s+)?([а-яё]+)\s+(\d{4})" + _YEAR_WORD, re.IGNORECASE)
_IN_MONTH = re.compile(
    _B + r"(?:в|во)\s+([а-яё]+)(?:\s+(этого|текущего|нынешнего|прошлого|минувшего|следующего) года)?" + _E,
    re.IGNORECASE,
)
_YEAR = re.compile(_B + r"(?:(?:в|с|до|к)\s+)?(\d{4})\s*(?:года|году|год|г\.)", re.IGNORECASE)
_REL_YEAR = re.compile(_B + r"в\s+(этом|текущем|нынешнем|прошлом|минувшем|следующем)\s+году" + _E, re.IGNORECASE)
_RELATIVE_DAYS = {"сегодня": 0, "вчера": -1, "позавчера": -2, "завтра": 1, "послезавтра": 2}
_RELATIVE = re.compile(_B + r"(" + "|".join(_RELATIVE_DAYS) + r")" + _E, re.IGNORECASE)
_WEEKDAY_FORMS = {
    "понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятницу": 4, "субботу": 5, "воскресенье": 6,
}
_WEEKDAY = re.compile(
    _B + r"(?:в|во)\s+(?:(прошл\w*|минувш\w*|эт[оуи]т?|следующ\w*|ближайш\w*|будущ\w*)\s+)?("
    + "|".join(_WEEKDAY_FORMS) + r")" + _E,
    re.IGNORECASE,
)
_VAGUE = re.compile(
    _B + r"(на днях|недавно|накануне|на (?:прошлой|этой|минувшей|следующей) неделе|в (?:прошлом|этом|следующем) месяце"
    r"|в ближайшее время|в скором времени)" + _E,
    re.IGNORECASE,
)
_YEAR_SHIFT = {
    "этого": 0, "текущего": 0, "нынешнего": 0, "сего": 0, "прошлого": -1, "минувшего": -1, "следующего": 1,
    "этом": 0, "текущем": 0, "нынешнем": 0, "прошлом": -1, "минувшем": -1, "следующем": 1,
}
_MONTH_ABBREVIATIONS = frozenset("янв фев февр мар апр авг сен сент окт ноя нояб дек".split())
# Month names in the prepositional case after «в»: «в апреле», «в мае».
_MONTH_LOCT = re.compile(r"^(январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)$")


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _complete_year(m: int, d: int, ref: date) -> date | None:
    """The year of a day and month without one: the reference year, or the year before if that is ahead."""
    value = _make(ref.year, m, d)
    if value is None:  # 29 February in a common year: the last leap year
        value = _make(ref.year - 1, m, d) or _make(ref.year - 2, m, d) or _make(ref.year - 3, m, d)
        return value
    if value > ref + timedelta(days=FUTURE_SLACK_DAYS):
        value = _make(ref.year - 1, m, d)
    return value


def _complete_month(m: int, ref: date) -> date:
    value = date(ref.year, m, 1)
    if value > ref + timedelta(days=FUTURE_SLACK_DAYS):
        value = date(ref.year - 1, m, 1)
    return value


def _weekday(word: str, modifier: str | None, ref: date) -> date:
    wd = _WEEKDAY_FORMS[word.lower()]
    monday = ref - timedelta(days=ref.weekday())
    mod = (modifier or "").lower()
    if mod.startswith("прошл"):  # last week's
        return monday - timedelta(days=7) + timedelta(days=wd)
    if mod.startswith("минувш"):  # the most recent one before the reference day
        return ref - timedelta(days=(ref.weekday() - wd) % 7 or 7)
    if mod.startswith("эт"):  # this week's
        return monday + timedelta(days=wd)
    if mod.startswith(("следующ", "будущ")):  # next week's
        return monday + timedelta(days=7 + wd)
    if mod.startswith("ближайш"):  # the next one on or after the reference day
        return ref + timedelta(days=(wd - ref.weekday()) % 7)
    return ref - timedelta(days=(ref.weekday() - wd) % 7)  # the most recent one, on or before the reference day


def _two_digit_year(y: str) -> int:
    return int(y) + 2000 if len(y) == 2 else int(y)


def _candidates(text: str, ref: date | None) -> list[DateMention]:
    out: list[DateMention] = []

    def add(m: re.Match[str], value: date | None, precision: str, form: str) -> None:
        s, e = m.span()
        out.append(DateMention(s, e, text[s:e].rstrip(), value, precision, form))

    for m in _ISO.finditer(text):
        v = _make(int(m[1]), int(m[2]), int(m[3]))
        if v:
            add(m, v, "day", "absolute")
    for m in _NUMERIC.finditer(text):
        v = _make(_two_digit_year(m[3]), int(m[2]), int(m[1]))
        if v:
            add(m, v, "day", "absolute")
    for m in _DAY_MONTH.finditer(text):
        month = month_number(m[2].rstrip("."))
        day = int(m[1])
        if month is None or not 1 <= day <= 31:
            continue
        if m[3]:
            v = _make(int(m[3]), month, day)
            if v:
                add(m, v, "day", "absolute")
            continue
        if m[4]:
            v = _make(ref.year + _YEAR_SHIFT[m[4].lower()], month, day) if ref else None
            add(m, v, "day", "relative")
            continue
        # «17 апреля» without a year: a full month name does not own the full stop after it
        s, end = m.start(), m.end()
        if m[2].endswith(".") and m[2][:-1].lower() not in _MONTH_ABBREVIATIONS:
            end -= 1
        value = _complete_year(month, day, ref) if ref else None
        out.append(DateMention(s, end, text[s:end], value, "day", "partial"))
    for m in _MONTH_YEAR.finditer(text):
        month = month_number(m[1])
        if month is None:
            continue
        add(m, date(int(m[2]), month, 1), "month", "absolute")
    for m in _IN_MONTH.finditer(text):
        if not _MONTH_LOCT.match(m[1].lower()):
            continue
        month = month_number(m[1])
        assert month is not None
        if m[2]:
            v = date(ref.year + _YEAR_SHIFT[m[2].lower()], month, 1) if ref else None
            add(m, v, "month", "relative")
        else:
            add(m, _complete_month(month, ref) if ref else None, "month", "partial")
    for m in _YEAR.finditer(text):
        add(m, date(int(m[1]), 1, 1), "year", "absolute")
    for m in _REL_YEAR.finditer(text):
        add(m, date(ref.year + _YEAR_SHIFT[m[1].lower()], 1, 1) if ref else None, "year", "relative")
    for m in _RELATIVE.finditer(text):
        add(m, ref + timedelta(days=_RELATIVE_DAYS[m[1].lower()]) if ref else None, "day", "relative")
    for m in _WEEKDAY.finditer(text):
        add(m, _weekday(m[2], m[1], ref) if ref else None, "day", "relative")
    for m in _VAGUE.finditer(text):
        add(m, None, "vague", "vague")
    return out


# Words before a date that make it a term or a plan («до конца 2025 года», «к 2030 году», «с 2025
# года», «по 2027 год», «на 2026 год»): such a year is not the article's time.
_PLAN_BEFORE = re.compile(r"(?<![\w-])(?:до|к|ко|с|со|по|на|через)\s+(?:[а-яё]+\s+)?$", re.IGNORECASE)
_PLAN_PREFIX = re.compile(r"^(?:до|к|ко|с|со|по|на)\s", re.IGNORECASE)
# A clause about the future or a plan: its year is not the article's either.
_FUTURE_WORDS = re.compile(
    r"(?<![\w-])(?:будет|будут|буду|станет|станут|планиру\w*|намерен\w*|рассчитыва\w*|ожида\w*|может|могут"
    r"|должн\w*|собира\w*|предстоит|прогноз\w*|откроют|построят|запустят)(?![\w-])",
    re.IGNORECASE,
)
# A verb in the past: «прошёл», «заявила», «состоялось», «подписали», «открылся».
_PAST_VERB = re.compile(
    r"(?<![\w-])(?:[а-яё]{2,}(?:ал|ял|ил|ел|ыл|ул|ёл|ол)(?:а|о|и)?(?:сь|ся)?|[а-яё]{3,}(?:ён|ен|ан|ян)(?:а|о|ы)?)(?![\w-])",
    re.IGNORECASE,
)  # or a short past participle: «утверждён», «подписан»
# Clause edges: a year in «рассказал, что в 2026 году площадка переедет» is in the clause after «что».
_CLAUSE_EDGE = re.compile(r"[.!?;\n]|,\s*(?:а|но|однако|и|что|чтобы|если|когда)\s")


def _clause(text: str, s: int, e: int) -> str:
    lo = max((m.end() for m in _CLAUSE_EDGE.finditer(text, max(0, s - 300), s)), default=max(0, s - 300))
    m = _CLAUSE_EDGE.search(text, e)
    return text[lo : m.start() if m else min(len(text), e + 300)]


def _year_anchor(d: DateMention, text: str) -> bool:
    """An absolute date whose year may complete the text's day-and-month dates: not a term or a
    plan («до конца 2025 года», «к 2030 году», «с 2025 года»); a year or a month alone («в 2024
    году», «в марте 2024 года») only in a clause in the past, with nothing about the future."""
    if d.form != "absolute" or d.value is None:
        return False
    before = text[max(0, d.start - 30) : d.start]
    if d.precision == "day":
        # a full date after «с/по» bounds a span that is going on («со 2 по 4 апреля 2025 года»);
        # after «до/к» it is a deadline
        if re.search(r"(?<![\w-])(?:до|к|ко)\s+$", before, re.IGNORECASE):
            return False
    elif _PLAN_PREFIX.match(d.text) or _PLAN_BEFORE.search(before):
        return False
    clause = _clause(text, d.start, d.end)
    if _FUTURE_WORDS.search(clause):
        return False
    if d.precision == "day":
        return True
    return bool(_PAST_VERB.search(clause))


def _years_from_text(found: list[DateMention], text: str) -> list[DateMention]:
    """Day-and-month dates without a reference take a year the text gives (module docstring)."""
    anchors = [d for d in found if _year_anchor(d, text)]
    if not anchors:
        return found
    years = {d.value.year for d in anchors if d.value is not None}
    out = []
    for d in found:
        if d.form != "partial" or d.precision != "day" or d.value is not None:
            out.append(d)
            continue
        m = _DAY_MONTH.match(d.text)
        month = month_number(m[2].rstrip(".")) if m else None
        if m is None or month is None:
            out.append(d)
            continue
        day = int(m[1])
        nearest = min(anchors, key=lambda a: abs(a.start - d.start))
        assert nearest.value is not None
        options = [v for y in (nearest.value.year - 1, nearest.value.year, nearest.value.year + 1) if (v := _make(y, month, day))]
        best = min(options, key=lambda v: abs((v - nearest.value).days), default=None)  # type: ignore[operator]
        if nearest.precision == "year":
            value = _make(nearest.value.year, month, day)
        elif best is not None and abs((best - nearest.value).days) <= YEAR_FROM_TEXT_DAYS:
            value = best
        elif len(years) == 1:
            value = _make(next(iter(years)), month, day)
        else:
            value = None
        out.append(DateMention(d.start, d.end, d.text, value, d.precision, d.form) if value else d)
    return out


_APPOSITION = re.compile(r"\s*,\s*$")


def _news_day(found: list[DateMention], text: str, today: date) -> date | None:
    """The first day-and-month date, its year from the weekday the text names (module docstring)."""
    first = next((d for d in found if d.precision == "day" and d.form == "partial"), None)
    if first is None or first.value is not None:
        return None
    weekdays = set()
    for m in _WEEKDAY.finditer(text):
        if m[1]:  # «в прошлую пятницу», «в эту среду» are other days
            return None
        weekdays.add(_WEEKDAY_FORMS[m[2].lower()])
    m = _DAY_MONTH.match(first.text)
    month = month_number(m[2].rstrip(".")) if m else None
    if len(weekdays) != 1 or m is None or month is None:
        return None
    (weekday,) = weekdays
    for year in range(today.year, today.year - WEEKDAY_YEARS - 1, -1):
        day = _make(year, month, int(m[1]))
        if day is not None and day <= today and day.weekday() == weekday:
            return day
    return None


def find_dates(
    text: str, reference: datetime | date | None = None, today: date | None = None
) -> list[DateMention]:
    """Date expressions of ``text`` in order, each resolved against ``reference`` where it needs one.

    Overlapping matches keep the longest. A weekday or «сегодня» followed by the date itself
    («во вторник, 20 сентября») is one mention, with the explicit date's value. Without a
    reference, a year comes from the text (module docstring); ``today`` bounds the year a
    weekday gives (default: the clock's).
    """
    ref = reference.date() if isinstance(reference, datetime) else reference
    found = sorted(_candidates(text, ref), key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for d in found:
        if kept and d.start < kept[-1].end:
            continue
        kept.append(d)
    if ref is None:
        kept = _years_from_text(kept, text)
        news_day = _news_day(kept, text, today or date.today())
        if news_day is not None:  # a guess at the year only: relative words still need a real reference
            return [
                replace(d, value=None) if d.form == "relative" else replace(d, year_guessed=d.form == "partial")
                for d in find_dates(text, news_day)
            ]
    merged: list[DateMention] = []
    for d in kept:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.form == "relative"
            and prev.precision == "day"
            and d.precision == "day"
            and d.form in ("absolute", "partial")
            and _APPOSITION.match(text[prev.end : d.start])
        ):
            merged[-1] = DateMention(prev.start, d.end, text[prev.start : d.end], d.value, "day", d.form)
            continue
        merged.append(d)
    return merged
