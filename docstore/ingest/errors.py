"""The one error reading raises: a source that cannot become an article, and why."""

from __future__ import annotations


class ReadError(Exception):
    """A file or record that cannot be read as an article; the message says why."""
