"""Which files to load, and the content hash that recognises a document already stored."""

from __future__ import annotations

import glob
import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

# What a folder is searched for: every format a reader knows, plain or gzipped.
SUFFIXES = frozenset({".txt", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson", ".csv", ".tsv"})
STDIN = "-"
_GLOB = frozenset("*?[")


def _loadable(p: Path) -> bool:
    name = p.name.lower()
    return not name.startswith(".") and Path(name.removesuffix(".gz")).suffix in SUFFIXES


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly (any suffix), glob patterns, and the loadable files under folders,
    sorted, recursively; ``-`` (standard input) as is.

    A path that does not exist is yielded as is, so the caller reports it.
    """
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if str(raw) == STDIN:
            yield path
            continue
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _loadable(p))
        elif not path.exists() and _GLOB & set(str(raw)):
            matches = sorted(Path(m) for m in glob.glob(str(raw), recursive=True))
            found = [p for m in matches for p in ([m] if m.is_file() else iter_files([m]))]
            found = found or [path]  # a pattern that matches nothing is reported like a missing file
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
