"""Bytes -> text: BOMs, UTF-8, BOM-less UTF-16, then the Cyrillic code pages by detection."""

from __future__ import annotations

import codecs
import re

from docstore.ingest.errors import ReadError

# What Russian text has been saved in. Detection restricted to these is right even on a
# few words (unrestricted, charset-normalizer calls a short Windows-1251 line Shift-JIS).
CANDIDATES = ("utf_8", "cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # before UTF-16: same first bytes
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_SHARE = 0.01  # more C0 controls than this (beyond \t\n\r\f) and it is not text


def canonical(name: str) -> str:
    """The name recorded on a Document: Python's own (``windows-1251`` -> ``cp1251``), BOM aside."""
    try:
        name = codecs.lookup(name).name
    except LookupError:
        pass
    return "utf-8" if name == "utf-8-sig" else name.replace("_", "-")


# Control characters a text does not hold: C0 but tab, newline, CR, FF, VT; DEL and C1.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _controls(text: str) -> int:
    return len(_CONTROL.findall(text))


def _text_or_none(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        # A file cut in the middle of its last character is still that encoding.
        if encoding != "utf-8" or exc.reason != "unexpected end of data" or exc.start < len(data) - 3:
            return None
        text = data[: exc.start].decode(encoding)
    return None if _controls(text) > _CONTROL_SHARE * max(len(text), 1) else text


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Spaces and punctuation put NULs in every other byte: on the odd side for LE, the even for BE."""
    if len(data) % 2:
        return None
    odd, even = data[1::2].count(0), data[0::2].count(0)
    for nuls, other, encoding in ((odd, even, "utf_16_le"), (even, odd, "utf_16_be")):
        if nuls and other == 0 and (text := _text_or_none(data, encoding)) is not None and "\x00" not in text:
            return text, encoding
    return None


def _utf8_with_bad_bytes(data: bytes) -> tuple[str, list[tuple[int, int]]] | None:
    """UTF-8 with a few bytes that are not (a damaged copy, a byte flipped): the text with U+FFFD in
    their place, and where they were ((start, end) byte offsets); None when it is another encoding.

    One bad byte must not cost a whole article; but a Windows-1251 or KOI8-R text read this way
    breaks at nearly every letter, so it counts as UTF-8 only while the letters that did decode
    as UTF-8 outnumber the bad bytes ``_GOOD_PER_BAD`` to one.
    """
    view, parts, bad, start, good = memoryview(data), [], [], 0, 0
    while True:
        try:
            part, _ = codecs.utf_8_decode(view[start:], "strict", True)
        except UnicodeDecodeError as exc:
            part, _ = codecs.utf_8_decode(view[start:start + exc.start], "strict", True)
            bad.append((start + exc.start, start + exc.end))
            start += exc.end
        else:
            start = len(data)
        parts.append(part)
        good += len(_NON_ASCII.findall(part))
        if len(bad) * _GOOD_PER_BAD > good and len(bad) > _FEW_BAD:
            return None  # early: a text in another encoding fails here within a few lines
        if start >= len(data):
            break
    if not bad or len(bad) * _GOOD_PER_BAD > good:
        return None
    return "\ufffd".join(parts), bad


_NON_ASCII = re.compile("[^\x00-\x7f]")
_GOOD_PER_BAD = 20
_FEW_BAD = 8  # bad bytes allowed before the text has shown its letters


def _where(data: bytes, bad: list[tuple[int, int]]) -> str:
    """«line 12, byte 5031 (0xff)», the first of them, for a warning."""
    start, end = bad[0]
    line = data.count(b"\n", 0, start) + 1
    first = f"line {line}, byte {start} ({data[start:end].hex(' ', 1)})"
    if len(bad) == 1:
        return f"{first} is not UTF-8; read as \ufffd (U+FFFD)"
    return f"{len(bad)} bytes are not UTF-8, the first at {first}; each read as \ufffd (U+FFFD)"


def decode(data: bytes) -> tuple[str, str, str | None]:
    """Text, the name of its encoding, and a warning saying where bytes were replaced (else None);
    ``ReadError`` for empty or binary data."""
    if not data.strip():
        raise ReadError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), canonical(encoding), None
            except UnicodeDecodeError as exc:
                raise ReadError(f"starts with a {encoding} byte-order mark but is not {encoding}: {exc.reason}") from exc
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise ReadError("binary file (NUL bytes), not text")
        return found[0], canonical(found[1]), None
    if (text := _text_or_none(data, "utf-8")) is not None:
        return text, "utf-8", None
    if (damaged := _utf8_with_bad_bytes(data)) is not None and _controls(damaged[0]) <= _CONTROL_SHARE * len(damaged[0]):
        return damaged[0], "utf-8", _where(data, damaged[1])
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(CANDIDATES)).best()
    if best is None or (text := _text_or_none(data, best.encoding)) is None:
        raise ReadError("binary file or unknown encoding, not text")
    return text, canonical(best.encoding), None
