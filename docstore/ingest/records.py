"""Dumps -> one Article per record: JSON Lines, JSON arrays, CSV. Streamed, never read whole."""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import IO, Any

from docstore.ingest.article import Article
from docstore.ingest.encoding import CANDIDATES, canonical
from docstore.ingest.errors import ReadError
from docstore.ingest.text import _first_title, parse_published

CHUNK = 1 << 16
MAX_RECORD = 64 << 20  # a JSON record longer than this is taken as broken, not buffered further
csv.field_size_limit(2**31 - 1)  # the default 128 KiB cuts long articles


@dataclass(frozen=True)
class Fields:
    """Which record fields hold what; each tuple is tried in order, the first non-empty wins."""

    text: tuple[str, ...] = ("text", "content", "body")
    title: tuple[str, ...] = ("title", "headline")
    date: tuple[str, ...] = ("date", "published")
    url: tuple[str, ...] = ("url", "link")
    site: tuple[str, ...] = ("site", "source")
    author: tuple[str, ...] = ("author",)

    @classmethod
    def with_options(cls, text: str | None = None, title: str | None = None, date: str | None = None,
                     url: str | None = None) -> Fields:
        """The defaults, with any field named on the command line used instead."""
        default = cls()
        pick = lambda given, fallback: (given,) if given else fallback  # noqa: E731
        return cls(pick(text, default.text), pick(title, default.title), pick(date, default.date),
                   pick(url, default.url))


@dataclass(frozen=True)
class Record:
    """One record of a dump and where it is: ``line 12`` (JSON Lines, CSV) or ``record 3`` (JSON)."""

    where: str
    value: Any = None
    error: str | None = None
    encoding: str = "utf-8"


def _first(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    return _first_named(record, names)[1]


def _first_named(record: Mapping[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    """The first of the fields that holds a value: (its name, the value), or (None, None)."""
    for name in names:
        value = record.get(name)
        if value not in (None, ""):
            return name, value
    return None, None


def parse_date(value: Any) -> datetime | None:
    """ISO 8601, RFC 2822, Unix seconds or a Russian date line; the wall-clock time as published."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            return datetime.utcfromtimestamp(value / 1000 if value > 1e11 else value)
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).replace(tzinfo=None)
    except (TypeError, ValueError, IndexError):
        pass
    return parse_published(text)


_DATE_FORMS = "ISO 8601, RFC 2822, Unix time or «17 апреля 2019 г.»"


def _published(record: Mapping[str, Any], names: tuple[str, ...]) -> tuple[datetime | None, tuple[str, ...]]:
    """The record's date, and a warning when a date field holds something ``parse_date`` cannot read: the
    document is stored without a date, and the user is told which value was left out."""
    name, value = _first_named(record, names)
    published = parse_date(value)
    if value is None or published is not None:
        return published, ()
    shown = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    shown = shown if len(shown) <= 60 else shown[:59] + "…"
    return None, (f"field {name!r} holds {shown}, not a date ({_DATE_FORMS}); stored without a date",)


def _as_str(value: Any) -> str | None:
    """A field as text: a list of strings (a title split in parts) joined by spaces; an object is no text."""
    if isinstance(value, (list, tuple)):
        value = " ".join(str(v).strip() for v in value if isinstance(v, (str, int, float)) and str(v).strip())
    elif value is None or isinstance(value, Mapping):
        return None
    return str(value).strip() or None


def to_article(record: Any, fields: Fields, path: str, encoding: str = "utf-8") -> Article:
    """An Article from one record; ``ReadError`` when it is not an object or has no text."""
    if not isinstance(record, Mapping):
        raise ReadError(f"record is a JSON {type(record).__name__}, not an object")
    text = _first(record, fields.text)
    if not isinstance(text, str) or not text.strip():
        raise ReadError(f"no text (looked in {', '.join(fields.text)})")
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    published, warnings = _published(record, fields.date)
    return Article(
        text=text, path=path, title=_as_str(_first(record, fields.title)) or _first_title(text),
        published=published, site=_as_str(_first(record, fields.site)),
        url=_as_str(_first(record, fields.url)), author=_as_str(_first(record, fields.author)), encoding=encoding,
        warnings=warnings,
    )


def json_lines(stream: IO[bytes]) -> Iterator[Record]:
    """One value per line; a bad line is reported and the next one read."""
    for number, raw in enumerate(stream, start=1):
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        try:
            yield Record(f"line {number}", json.loads(raw.decode("utf-8")))
        except UnicodeDecodeError as exc:
            yield Record(f"line {number}", error=f"not UTF-8: {exc.reason} at byte {exc.start}")
        except json.JSONDecodeError as exc:
            # json's messages that name a position end with « at» («Invalid control character at»)
            yield Record(f"line {number}", error=f"invalid JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}")


def json_values(stream: IO[bytes]) -> Iterator[Record]:
    """The elements of a top-level array, or a run of top-level values, read chunk by chunk.

    ``raw_decode`` parses one value from a buffer that holds at least that value; a value
    is taken only when something follows it (``12`` may be the start of ``123``). After a
    syntax error nothing later can be trusted, so the error is the file's last record.
    """
    text = io.TextIOWrapper(stream, encoding="utf-8-sig")
    decoder = json.JSONDecoder()
    buf, pos, eof, number = "", 0, False, 0

    def more(size: int = CHUNK) -> bool:
        nonlocal buf, pos, eof
        chunk = text.read(size)
        buf, pos, eof = buf[pos:] + chunk, 0, not chunk
        return bool(chunk)

    def skip_space() -> str:
        """The next non-space character ('' at the end), leaving ``pos`` on it."""
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n":
                pos += 1
            if pos < len(buf) or not more():
                return buf[pos] if pos < len(buf) else ""

    first = skip_space()
    in_array = first == "["
    if in_array:
        pos += 1
        if skip_space() == "]":
            return
    while True:
        if skip_space() == "":
            if in_array:
                yield Record(f"record {number + 1}", error="invalid JSON: the array is not closed (file cut off?)")
            return
        number += 1
        size = CHUNK
        while True:
            try:
                value, end = decoder.raw_decode(buf, pos)
                if end < len(buf) or eof:
                    break
            except json.JSONDecodeError as exc:
                if eof or len(buf) - pos > MAX_RECORD:
                    yield Record(f"record {number}", error=f"invalid JSON: {exc.msg}")
                    return
            more(size)
            size = min(size * 2, 1 << 24)  # a long record: read in growing steps, not quadratically
        pos = end
        yield Record(f"record {number}", value)
        if not in_array:
            continue
        sep = skip_space()
        if sep == ",":
            pos += 1
        elif sep == "]":
            pos += 1
            if skip_space():
                yield Record(f"record {number + 1}", error="invalid JSON: text after the closing ]")
            return
        else:
            yield Record(f"record {number + 1}", error=f"invalid JSON: expected , or ] but found {sep[:1]!r}"
                         if sep else "invalid JSON: the array is not closed (file cut off?)")
            return


def _sniff_encoding(sample: bytes) -> str:
    try:
        sample.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(sample) - 3:
            return "utf-8-sig"
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=list(CANDIDATES)).best()
    return best.encoding if best else "utf-8-sig"


def csv_rows(stream: IO[bytes], delimiter: str | None = None) -> Iterator[Record]:
    """Rows under a header line, as dicts; the encoding (Excel saves Windows-1251) and the
    delimiter (``;`` in Russian Excel) are taken from the start of the file."""
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]
    sample = buffered.peek(CHUNK)[:CHUNK]
    encoding = _sniff_encoding(sample)
    text = io.TextIOWrapper(buffered, encoding=encoding, newline="")
    if delimiter is None:
        header = sample.split(b"\n", 1)[0]
        delimiter = max(",;\t|", key=lambda d: header.count(d.encode()))
    reader = csv.DictReader(text, delimiter=delimiter)
    line = 1
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if None in row:
                yield Record(f"line {start}", error=f"{len(row[None])} more fields than the header has")
            else:
                yield Record(f"line {start}", row, encoding=canonical(encoding))
    except csv.Error as exc:
        yield Record(f"line {reader.line_num}", error=f"invalid CSV: {exc}")
    except UnicodeDecodeError as exc:
        yield Record(f"line {line + 1}", error=f"not {canonical(encoding)} like the start of the file: {exc.reason}")
