"""Saved web pages -> Article: the main text and its metadata through trafilatura."""

from __future__ import annotations

import re
from datetime import datetime

from docstore.ingest.article import Article
from docstore.ingest.encoding import canonical, decode
from docstore.ingest.errors import ReadError

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_OPEN = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
_CLOSE = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"
_WORD = re.compile(r"\w+")
SENTENCE_WORDS = 5  # an article has a line of at least this many words; a menu, a list of links has none


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a source are markup (for stdin and files with no known suffix)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<meta", b"<!--"))


def decode_html(data: bytes) -> tuple[str, str, str | None]:
    """The page as text, its encoding and a warning (see ``decode``): its ``<meta charset>`` when it
    declares one that works, else detection."""
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = m[1].decode("ascii").lower()
        try:
            return data.decode(declared), canonical(declared), None
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common on re-saved pages: detect instead
    return decode(data)


def _published(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value[:19], _DATE_FORMAT)
    except ValueError:
        try:
            return datetime.strptime(value[:10], "%Y-%m-%d")
        except ValueError:
            return None


def read_html(data: bytes, path: str = "") -> Article:
    """An Article from a page: boilerplate (menus, comments, footers) is left out by trafilatura.

    A page with an opening ``<html>``/``<body>`` and neither closing tag was cut off while
    saving: it is refused rather than stored as if it were the whole article.
    """
    page, encoding, warning = decode_html(data)
    page = _XML_DECL.sub("", page, count=1)
    if _OPEN.search(page) and not _CLOSE.search(page):
        raise ReadError("truncated HTML: no closing </body> or </html>, the page was cut off")
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            page, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
            date_extraction_params={"outputformat": _DATE_FORMAT, "original_date": True, "extensive_search": False},
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken markup
        raise ReadError(f"cannot parse HTML: {exc}") from exc
    if doc is None:
        raise ReadError("no article text found in the HTML page")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = "\n".join(line.strip() for line in (meta.get("text") or "").splitlines()).strip()
    title = (meta.get("title") or "").strip() or None
    if title and text.split("\n", 1)[0].strip() == title:  # the page's <h1> repeats the title
        text = text.split("\n", 1)[1].strip() if "\n" in text else ""
    if not text:
        raise ReadError("no article text found in the HTML page")
    if not any(len(_WORD.findall(line)) >= SENTENCE_WORDS for line in text.splitlines()):
        # trafilatura falls back to whatever text a page has: on one without an article, its menus
        raise ReadError("no article text found in the HTML page, only menus or links")
    return Article(
        text=text, path=path, title=title, published=_published(meta.get("date")),
        site=meta.get("sitename") or meta.get("hostname"), url=meta.get("url"),
        author=meta.get("author"), encoding=encoding, warnings=(warning,) if warning else (),
    )
