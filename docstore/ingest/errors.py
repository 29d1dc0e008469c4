"""What goes wrong in reading: the error it raises, and the value it reports a bad source or record with."""

from __future__ import annotations

from dataclasses import dataclass


class ReadError(Exception):
    """A file or record that cannot be read as an article; the message says why."""


@dataclass(frozen=True)
class Failure:
    """A source, or one record of it, that could not be read: printed as ``where: reason``."""

    where: str
    reason: str
