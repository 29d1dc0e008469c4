"""The value object that reading produces and extraction consumes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Article:
    """One article as read from its source: body text plus what its header said."""

    text: str
    path: str = ""
    title: str | None = None
    published: datetime | None = None
    site: str | None = None
    section: str | None = None
    url: str | None = None
    author: str | None = None
    encoding: str | None = None
    warnings: tuple[str, ...] = ()  # what reading had to repair, e.g. bytes that were not UTF-8, and where
