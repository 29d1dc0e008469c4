"""Plain-text articles: decoding, the optional site header, the publication date."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from docstore.extract.lexicon import month_number
from docstore.ingest.article import Article
from docstore.ingest.encoding import decode
from docstore.ingest.errors import ReadError

TITLE_MAX = 200

# «sng.today » Казахстан » Президент Казахстана поручил …»: site » section(s) » title.
_CRUMB_SEP = re.compile(r"\s+»\s+")
_PHOTO = re.compile(r"^\s*(©|\(c\)|фото\s*:|источник\s+фото|photo\s*:)", re.IGNORECASE)
_URL = re.compile(r"^\s*(?:источник\s*:\s*)?(?P<url>https?://\S+)\s*$", re.IGNORECASE)
_AUTHOR = re.compile(r"^\s*(?:автор|текст)\s*:\s*(?P<author>.+?)\s*$", re.IGNORECASE)
# «17 апр 2019, 23:45», «17 апреля 2019 г. в 23:45», «17 апреля 2019»
_DATE_WORDS = re.compile(
    r"^\s*(?P<d>\d{1,2})\s+(?P<m>[А-Яа-яЁё]+)\.?\s+(?P<y>\d{4})(?:\s*(?:г\.|года|г))?"
    r"(?:\s*,?\s*(?:в\s+)?(?P<H>\d{1,2})[:.](?P<M>\d{2}))?\s*$"
)
# «17.04.2019 23:45», «2019-04-17 23:45», «2019-04-17T23:45:00»
_DATE_DOTS = re.compile(r"^\s*(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?:[,\s]+(?P<H>\d{1,2}):(?P<M>\d{2}))?\s*$")
_DATE_ISO = re.compile(r"^\s*(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T\s](?P<H>\d{2}):(?P<M>\d{2})(?::\d{2})?)?\s*$")
# A time written before the date: «14:20 / 28.11.2024», «14:32, 22 августа 2024».
_TIME_FIRST = re.compile(r"^\s*(?P<H>\d{1,2}):(?P<M>\d{2})\s*[,/|–—-]?\s*(?P<rest>.+)$")
# A full date anywhere in a short credit line: «РИА Томск, 26 декабря 2024», «№118 от 05.07.2024, стр. 8».
_DATE_IN_LINE = re.compile(
    r"(?<![\w.])(?:\d{1,2}\s+[А-Яа-яЁё]+\.?\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{4})(?:\s*(?:г\.|года|г(?!\w)))?(?![\w.]*\d)"
)
# A news dateline with the full date, opening the lead: «ЕКАТЕРИНБУРГ, 14 марта 2025 года. /ТАСС/.»,
# «Москва. 9 мая 2024. INTERFAX.RU -», «Ташкент, 3 апреля 2024 г. (УзА).»
_DATELINE = re.compile(
    r"^\s*[А-ЯЁA-Z][\w-]*(?:\s[А-ЯЁA-Z][\w-]*)?[,.]\s*(?P<date>\d{1,2}\s+[А-Яа-яЁё]+\.?\s+\d{4})"
    r"(?:\s*(?:г\.|года|г(?!\w)))?\s*[.,(/–—-]"
)
_CREDIT_REST_MAX = 45  # characters of a credit line besides its date: a source, a city, an issue number
_OPENING_LINES = 3  # lines under which a date line counts as the article's: headline, subtitle, date
# The short label a page may put before its date stamp: «Опубликовано: 5 мая 2022».
_STAMP_LABEL = re.compile(r"^\s*(?:опубликовано|дата\s+публикации|дата|published)\s*:?\s*", re.IGNORECASE)
# A reading-time line in a page's closing boilerplate: «Около минуты», «Время чтения: 3 мин».
_READING_TIME = re.compile(
    r"^\s*(?:время\s+чтения\s*:?\s*)?(?:(?:около|меньше|менее|примерно)\s+)?(?:\d{1,2}\s+)?"
    r"(?:минуты|минута|минут|мин\.?)\s*$",
    re.IGNORECASE,
)
_STAMP_LINES_MAX = 3  # lines of closing boilerplate looked at: the stamp and a reading time


def parse_published(line: str) -> datetime | None:
    """A header date line as a datetime: «17 апр 2019, 23:45» → 2019-04-17 23:45; else None.

    The time may come first: «14:20 / 28.11.2024», «14:32, 22 августа 2024».
    """
    t = _TIME_FIRST.match(line)
    if t and not re.match(r"^\s*\d{1,2}:\d{2}\s*$", t["rest"]):
        day = parse_published(t["rest"])
        if day is not None and day.hour == 0 and day.minute == 0:
            try:
                return day.replace(hour=int(t["H"]), minute=int(t["M"]))
            except ValueError:
                return None
        return None
    m = _DATE_WORDS.match(line)
    if m:
        month = month_number(m["m"])
    else:
        m = _DATE_DOTS.match(line) or _DATE_ISO.match(line)
        month = int(m["m"]) if m else None
    if not m or not month:
        return None
    try:
        return datetime(int(m["y"]), month, int(m["d"]), int(m["H"] or 0), int(m["M"] or 0))
    except ValueError:
        return None


def parse_stamp(line: str) -> datetime | None:
    """A page's date stamp, a line that is nothing but a date (optionally labelled): else None.

    «24 июня 2023», «12.03.2024 14:05», «Опубликовано: 5 мая 2022» → the datetime.
    """
    return parse_published(_STAMP_LABEL.sub("", line, count=1))


def parse_credit(line: str) -> datetime | None:
    """A short credit line that carries the issue's or the dispatch's full date: «РИА Томск,
    26 декабря 2024», «Газета «Коммерсантъ» №118 от 05.07.2024, стр. 8», «Казань, 15 мая 2024 г. –
    ИА «Татар-информ»», «Статья опубликована в № 98 от 06.06.2024». One full date with a year, and
    little else: not a sentence (no verb of a headline fits in the rest's few characters)."""
    found = list(_DATE_IN_LINE.finditer(line))
    if len(found) != 1:
        return None
    m = found[0]
    rest = (line[: m.start()] + line[m.end() :]).strip()
    if len(rest) > _CREDIT_REST_MAX and not re.match(r"^\s*статья\s+опубликована\b", line, re.IGNORECASE):
        return None
    if rest.endswith(".") and not rest.endswith(("г.", "стр.")) or rest[:1].islower():
        return None
    if re.search(r"(?<!\w)(?:с|со|по|до|к|на|в|во|после|перед)\s*$", line[: m.start()], re.IGNORECASE):
        return None  # «с 1 по 5 мая 2023 года», «до 5 мая 2023»: a span or a term, not a dispatch date
    return parse_published(m.group())


def parse_dateline(line: str) -> datetime | None:
    """The date of a news dateline that gives its year: «МОСКВА, 3 июня 2025 года. /Интерфакс/. …»."""
    m = _DATELINE.match(line)
    return parse_published(m["date"]) if m else None


def _take_stamps(body: str) -> tuple[str, datetime | None]:
    """The body without its date stamp lines, and the date they give (None, body unchanged, if none).

    A stamp is looked for among the opening lines (the first line, or a date line right under
    the headline or its subtitle: «Заголовок\n5 мар 2024, 14:10\nтекст») and in the closing
    lines, where a reading-time line («Около минуты») may sit with it: that line goes only
    together with a stamp. The start's stamp wins when both ends carry one. Lines inside the
    text are never touched. A short credit line with a full date («РИА Томск, 26 декабря 2024»,
    «Газета №118 от 05.07.2024, стр. 8») among the opening lines or as the last line gives the
    date when no stamp does, and stays in the text; failing that, a dateline with its year
    opening one of the first lines («МОСКВА, 3 июня 2025 года. /Интерфакс/. …»).
    """
    lines = body.split("\n")
    idx = [i for i, line in enumerate(lines) if line.strip()]
    if len(idx) < 2:
        return body, None
    drop: set[int] = set()
    published = None
    for n, i in enumerate(idx[:_OPENING_LINES]):
        if n == len(idx) - 1:
            break  # the last line left: the text would be a title only
        found = parse_stamp(lines[i])
        if found is not None:
            published = found
            drop.add(i)
            break
    credit = next(
        (d for n, i in enumerate(idx[:_OPENING_LINES]) if n > 0 and (d := parse_credit(lines[i])) is not None), None
    )
    tail: set[int] = set()
    tail_date: datetime | None = None
    for i in reversed(idx[-_STAMP_LINES_MAX:]):
        if i in drop:
            break
        date = parse_stamp(lines[i])
        if date is not None:
            tail_date = tail_date or date
        elif not _READING_TIME.match(lines[i]):
            break
        tail.add(i)
    if tail_date is not None:
        drop |= tail
        published = published or tail_date
    if published is None:
        published = credit or (parse_credit(lines[idx[-1]]) if len(idx) > 2 else None)
    if published is None:
        published = next((d for i in idx[:_OPENING_LINES] if (d := parse_dateline(lines[i])) is not None), None)
    rest = [line for i, line in enumerate(lines) if i not in drop]
    text = "\n".join(rest).strip()
    if not text:
        return body, None
    if not drop:
        return body, published
    return text, published


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _first_title(text: str) -> str:
    """The first line, or its first sentence when the line is long, cut at a word boundary."""
    line = text.strip().split("\n", 1)[0].strip()
    if len(line) > TITLE_MAX:
        m = re.match(r"(.{20,}?[.!?…])(?:\s|$)", line)
        if m and len(m[1]) <= TITLE_MAX:
            return m[1]
        cut = line[:TITLE_MAX].rsplit(" ", 1)[0]
        return cut.rstrip(" ,;:–—-") + "…"
    return line


def read_text(raw: str, path: str = "", encoding: str | None = None, warnings: tuple[str, ...] = ()) -> Article:
    """An Article from the text of a file: header lines become metadata, the rest is the body.

    With a header (``site » section » title``, the title repeated, a photo credit,
    a date line) the body starts after it; without one the title is the first line
    (or sentence) and the body is the whole text. Without a header date, a page's date stamp
    (a line of nothing but a date at the body's start or end, see ``_take_stamps``) is the
    publication date, and it leaves the body like the header does.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise ReadError("empty file")
    crumbs = [c.strip() for c in _CRUMB_SEP.split(lines[first].strip())]
    if len(crumbs) < 3 or not all(crumbs) or len(crumbs[0]) > 80 or any(c in crumbs[0] for c in "«»\"“„"):
        body, published = _take_stamps(text.strip())
        return Article(text=body, path=path, title=_first_title(body), published=published, encoding=encoding,
                       warnings=warnings)

    site, title = crumbs[0], crumbs[-1]
    section = " » ".join(crumbs[1:-1])
    published = url = author = None
    i = first + 1
    while i < len(lines):
        line = lines[i].strip()
        if not line or _same(line, title) or _PHOTO.match(line):
            pass
        elif published is None and (date := parse_published(line)):
            published = date
        elif url is None and (m := _URL.match(line)):
            url = m["url"]
        elif author is None and (m := _AUTHOR.match(line)):
            author = m["author"]
        else:
            break
        i += 1
    body = "\n".join(lines[i:]).strip()
    if not body:
        raise ReadError("header but no article text")
    if published is None:
        body, published = _take_stamps(body)
    return Article(
        text=body, path=path, title=title, published=published, site=site,
        section=section, url=url, author=author, encoding=encoding, warnings=warnings,
    )


def read_file(path: str | Path) -> Article:
    """An Article from a plain-text file in any encoding ``decode`` recognises."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from exc
    raw, encoding, warning = decode(data)
    return read_text(raw, path=str(p), encoding=encoding, warnings=(warning,) if warning else ())
