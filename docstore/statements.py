"""SQL text -> its statements, split where SQLite itself would end one (quotes and comments respected)."""

from __future__ import annotations

import sqlite3


def split_statements(sql: str) -> list[str]:
    """The complete statements of ``sql``; a trailing incomplete one is kept for SQLite to reject."""
    statements, start = [], 0
    for i, ch in enumerate(sql):
        if ch == ";" and sqlite3.complete_statement(sql[start : i + 1]):
            piece = sql[start : i + 1].strip()
            if piece.rstrip(";").strip() and not _only_comments(piece):
                statements.append(piece)
            start = i + 1
    rest = sql[start:].strip()
    if rest and not _only_comments(rest):
        statements.append(rest)
    return statements


def _only_comments(piece: str) -> bool:
    lines = [line.split("--", 1)[0] for line in piece.rstrip(";").splitlines()]
    return not "".join(lines).strip(" ;\t")
