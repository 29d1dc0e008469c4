"""Which files to load, and the content hash that recognises a document already stored."""

from __future__ import annotations

import glob
import hashlib
import os
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from docstore.ingest.errors import Failure

# What a folder is searched for: every format a reader knows, plain or gzipped.
SUFFIXES = frozenset({".txt", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson", ".csv", ".tsv"})
STDIN = "-"
_GLOB = frozenset("*?[")


def _loadable(p: Path) -> bool:
    name = p.name.lower()
    return not name.startswith(".") and Path(name.removesuffix(".gz")).suffix in SUFFIXES


def _folder(top: Path) -> list[Path | Failure]:
    """The loadable files under a folder, recursively (symlinked folders are not followed), and a
    Failure for each folder that cannot be listed. A loadable name that is a broken link or a link
    loop is kept: opening it says what is wrong with it. A folder with nothing of either is a Failure
    itself: loading it must not look like a success."""
    found: list[Path | Failure] = []

    def unlisted(exc: OSError) -> None:
        found.append(Failure(str(exc.filename or top), f"cannot list this folder: {exc.strerror or exc}"))

    for folder, _dirs, names in os.walk(top, onerror=unlisted):
        for name in names:
            p = Path(folder, name)
            if _loadable(p) and (p.is_file() or p.is_symlink()):
                found.append(p)
    if not found:
        return [Failure(str(top), f"no file to load in this folder (looked for {', '.join(sorted(SUFFIXES))}, "
                                  "each optionally .gz)")]
    return sorted(found, key=lambda f: Path(f.where) if isinstance(f, Failure) else f)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Failure]:
    """Files named directly (any suffix), glob patterns, and the loadable files under folders,
    sorted, recursively; ``-`` (standard input) as is.

    A path that does not exist, or cannot be read, is yielded as is, so that reading it reports
    why; a folder that cannot be listed is a Failure in its place.
    """
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if str(raw) == STDIN:
            yield path
            continue
        found: list[Path | Failure]
        if path.is_dir():
            found = _folder(path)
        elif not path.exists() and _GLOB & set(str(raw)):
            matches = sorted(Path(m) for m in glob.glob(str(raw), recursive=True))
            found = [p for m in matches for p in ([m] if m.is_file() else iter_files([m]))]
            found = found or [path]  # a pattern that matches nothing is reported like a missing file
        else:
            found = [path]
        for p in found:
            # realpath, not Path.resolve(): it raises on a symlink loop, which reading reports instead
            key = p.where if isinstance(p, Failure) else os.path.realpath(p)
            if key not in seen:
                seen.add(key)
                yield p


def content_hash(text: str) -> str:
    """SHA-256 of the text with Unicode NFC and whitespace collapsed: re-saved copies hash alike."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()
