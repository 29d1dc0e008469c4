"""One database into another (SQLite into PostgreSQL, or back): every row, ids kept, one transaction.

Both ends are brought to the newest revision first, so the tables match. Rows go table by
table in foreign-key order, a batch at a time (memory stays flat however big the source),
with their ids, so every reference still points where it did. The full-text index is
copied as the lemma strings it holds (no re-lemmatisation); the target engine builds its
own index over them. The whole copy is one transaction on the target: it lands complete,
or not at all. Afterwards the row counts of both ends are compared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docstore.errors import UserError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

BATCH = 2000


class CopyError(UserError):
    """The target is not empty, or the copy does not match its source."""


@dataclass
class Copied:
    table: str
    rows: int


def _count(conn: Connection, table: str) -> int:
    return conn.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar() or 0


def copy(source: Engine, target: Engine, on_table: Callable[[str, int], None] = lambda t, n: None) -> list[Copied]:
    """Copy every docstore table of ``source`` into the empty database ``target``."""
    from sqlalchemy import insert, select, text

    from docstore import dialects, fts
    from docstore.schema import metadata

    tables = metadata.sorted_tables  # parents before children
    done: list[Copied] = []
    with source.connect() as src, target.begin() as dst:
        busy = [t.name for t in tables if _count(dst, t.name)]
        if busy:
            raise CopyError(f"the target database is not empty ({', '.join(busy)} hold rows); "
                            "copy into a new, empty database")
        for table in tables:
            n = 0
            key = list(table.primary_key.columns)
            result = src.execution_options(stream_results=True, yield_per=BATCH).execute(
                select(table).order_by(*key))
            for rows in result.partitions(BATCH):
                dst.execute(insert(table), [dict(r._mapping) for r in rows])
                n += len(rows)
            done.append(Copied(table.name, n))
            on_table(table.name, n)
        for table, columns in fts.INDEXED.items():
            name = f"{table}_fts"
            dialects.of(dst).clear_index(dst, table)  # upgrade-on-open indexed nothing, but be sure
            names = ", ".join(columns)
            n = 0
            result = src.execution_options(stream_results=True, yield_per=BATCH).execute(
                text(f"SELECT rowid, {names} FROM {name} ORDER BY rowid"))
            for rows in result.partitions(BATCH):
                fts.put(dst, table, [dict(zip(("id", *columns), r)) for r in rows])
                n += len(rows)
            done.append(Copied(name, n))
            on_table(name, n)
        dialects.of(dst).after_copy(dst)
        for c in done:  # before the commit: a short copy is rolled back, not left behind
            if (there := _count(dst, c.table)) != (here := _count(src, c.table)):
                raise CopyError(f"{c.table}: {here} rows in the source, {there} in the target; nothing was copied")
    return done
