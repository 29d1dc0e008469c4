"""Sources -> Articles: which reader each file needs, gzip and stdin, and what went wrong where."""

from __future__ import annotations

import errno
import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from docstore.config import MAX_ARTICLE_MB
from docstore.ingest.article import Article
from docstore.ingest.encoding import decode
from docstore.ingest.errors import Failure, ReadError
from docstore.ingest.html import HTML_SUFFIXES, looks_like_html, read_html
from docstore.ingest.records import Fields, csv_rows, json_lines, json_values, to_article
from docstore.ingest.text import read_text

STDIN = "-"
MAX_PAGE = 64 << 20  # an HTML file this big is a mistake, not one page (markup can be 10-100× its text)
GZIP_MAGIC = b"\x1f\x8b"
TEXT, HTML, JSONL, JSON, CSV, TSV = "text", "html", "jsonl", "json", "csv", "tsv"
FORMATS = {".txt": TEXT, ".text": TEXT, **{s: HTML for s in HTML_SUFFIXES}, ".jsonl": JSONL, ".ndjson": JSONL,
           ".json": JSON, ".csv": CSV, ".tsv": TSV}
# Errors of a stream that breaks while being read: a truncated or corrupt .gz, a vanished file.
_STREAM_ERRORS = (OSError, EOFError, zlib.error, gzip.BadGzipFile)


def format_of(name: str, head: bytes) -> str:
    """The reader for a source: by its suffix (under ``.gz``), else by its first bytes."""
    suffix = Path(name.removesuffix(".gz").removesuffix(".GZ")).suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    if looks_like_html(head):
        return HTML
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return JSON if start in (b"[", b"{") else TEXT


def _open(source: str) -> tuple[IO[bytes], str]:
    """A buffered binary stream of the source's content (gunzipped) and its display name."""
    if source == STDIN:
        raw: IO[bytes] = sys.stdin.buffer
        name = "<stdin>"
    else:
        raw = open(source, "rb")  # noqa: SIM115 - closed by the caller
        name = source
    stream = raw if hasattr(raw, "peek") else io.BufferedReader(raw)  # type: ignore[arg-type]
    if stream.peek(2)[:2] == GZIP_MAGIC:
        stream = io.BufferedReader(gzip.GzipFile(fileobj=stream))  # type: ignore[arg-type]
    return stream, name


def _cannot_open(source: str, exc: OSError) -> str:
    """Why a file cannot be opened, a broken symbolic link named as one."""
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileNotFoundError) and os.path.islink(source):
        return f"broken symbolic link to {os.readlink(source)} ({reason})"
    if exc.errno == errno.ELOOP:
        return f"symbolic link loop ({reason})"
    return reason


def _sized(article: Article, limit_mb: float) -> Article:
    """The article, or ``ReadError`` when its text (UTF-8) is over the limit."""
    limit = limit_mb * 2**20
    if len(article.text) * 4 > limit and (size := len(article.text.encode("utf-8"))) > limit:
        raise ReadError(f"article of {size / 2**20:.1f} MB is over the {limit_mb:g} MB limit for one news article "
                        "(--max-article-mb)")
    return article


def read_source(source: str | Path | Failure, fields: Fields | None = None,
                max_article_mb: float = MAX_ARTICLE_MB) -> Iterator[Article | Failure]:
    """Every article in a file (a dump holds many), or a Failure for each part that cannot be read.

    Never raises for bad input: a missing file, a broken record, a cut-off ``.gz``, an article
    over ``max_article_mb`` all come back as Failures, and the records before them as Articles.
    """
    if isinstance(source, Failure):  # found unreadable while listing (iter_files)
        yield source
        return
    fields = fields or Fields()
    source = str(source)
    try:
        stream, name = _open(source)
    except OSError as exc:
        yield Failure(source, _cannot_open(source, exc))
        return
    last = ""
    try:
        fmt = format_of(name if source != STDIN else "", stream.peek(4096)[:4096])
        if fmt in (TEXT, HTML):
            # No encoding takes more than 4 bytes a character: a text file over 4× the limit is over it
            # whatever it holds, and is not read further.
            most = MAX_PAGE if fmt == HTML else int(4 * max_article_mb * 2**20)
            data = stream.read(most + 1)
            if len(data) > most:
                raise ReadError(f"page of more than {most >> 20} MB: not one news page" if fmt == HTML else
                                f"file of more than {most / 2**20:g} MB: over the {max_article_mb:g} MB limit for "
                                "one news article (--max-article-mb)")
            if fmt == HTML:
                yield _sized(read_html(data, name), max_article_mb)
            else:
                text, encoding, warning = decode(data)
                article = read_text(text, path=name, encoding=encoding, warnings=(warning,) if warning else ())
                yield _sized(article, max_article_mb)
            return
        records = {JSONL: json_lines, JSON: json_values, CSV: csv_rows}.get(fmt)
        rows = records(stream) if records else csv_rows(stream, delimiter="\t")
        for record in rows:
            last = record.where
            where = f"{name}:{record.where}"
            if record.error:
                yield Failure(where, record.error)
                continue
            try:
                yield _sized(to_article(record.value, fields, where, record.encoding), max_article_mb)
            except ReadError as exc:
                yield Failure(where, str(exc))
    except ReadError as exc:
        yield Failure(name, str(exc))
    except _STREAM_ERRORS as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        yield Failure(name, f"read failed{f' after {last}' if last else ''}: {reason}")
    finally:
        if source != STDIN:
            stream.close()
