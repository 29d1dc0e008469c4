"""Errors a user can cause and fix; the CLI prints their message as one line."""

from __future__ import annotations


class UserError(Exception):
    """Bad input: an unknown id, an unknown or ambiguous speaker, bad SQL."""


class NotFound(UserError):
    pass


class AmbiguousSpeaker(UserError):
    pass
