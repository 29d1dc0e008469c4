"""Which files to load, and the content hash that recognises a document already stored."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

SUFFIXES = frozenset({".txt"})


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly (any suffix), and the ``.txt`` files under folders, sorted, recursively.

    A path that does not exist is yielded as is, so the caller reports it.
    """
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
            )
        else:
            found = [path]
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                yield p


def content_hash(text: str) -> str:
    """SHA-256 of the text with Unicode NFC and whitespace collapsed: re-saved copies hash alike."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()
