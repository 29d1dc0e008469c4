"""What every command of the CLI shares, so that no command can do it differently:

- ``App``: a Typer app whose commands are all guarded (below) and end their help with examples;
- the guard: an empty option value is an error, never «no filter»; an error is one line on stderr
  and exit code 1; an unexpected exception too, its traceback shown only with DOCSTORE_DEBUG=1;
- ``database``: the one way a command opens the database (and closes it);
- the options with a fixed set of values (case-insensitive choices) and the dates of --since/--until.

No ``from __future__ import annotations``: Typer reads these annotations at each start (see cli.py).
"""

import functools
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from enum import Enum
from typing import Annotated, Any, NoReturn, Optional

import typer
from typer.core import TyperCommand

DEBUG_VAR = "DOCSTORE_DEBUG"


def fail(message: str, code: int = 1) -> NoReturn:
    sys.stderr.write(f"error: {message}\n")
    raise typer.Exit(code)


def first_line(error: object) -> str:
    """A message without the lines drivers add (PostgreSQL's «LINE 1: …» and caret)."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def _debugging() -> bool:
    return os.environ.get(DEBUG_VAR, "").strip().lower() not in ("", "0", "false", "no")


def _known(exc: Exception) -> str | None:
    """The one-line message of an error a user can act on, classified by module (nothing heavy is
    imported here); None for anything else."""
    module = type(exc).__module__
    if module.startswith("docstore"):
        return str(exc)
    if module.startswith(("sqlalchemy", "sqlite3", "pysqlite3", "psycopg")):
        return f"database: {first_line(getattr(exc, 'orig', None) or exc)}"
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    return None


def _refuse_empty(ctx: typer.Context | None, values: dict[str, Any]) -> None:
    """`--speaker ""` from a script whose variable is unset must not mean every speaker."""
    for name, value in values.items():
        if isinstance(value, str) and not value.strip():
            param = next((p for p in ctx.command.params if p.name == name), None) if ctx else None
            if param is not None and param.param_type_name == "option":
                fail(f"{max(param.opts, key=len)} is empty; give a value or leave the option out")
            fail(f"{(param.metavar if param is not None else None) or name.upper()} is empty")


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """No traceback reaches a user: errors become one line `error: …` on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            _refuse_empty(kwargs.get("ctx"), kwargs)  # every command takes its context as `ctx`
            return func(*args, **kwargs)
        except BrokenPipeError:
            raise  # the reader of our output has gone (`| head`): Click exits quietly
        except Exception as exc:
            module = type(exc).__module__
            if module.startswith("typer") or (_debugging() and not module.startswith("docstore")):
                raise  # typer.Exit and usage errors; with DOCSTORE_DEBUG=1, what docstore did not word itself
            message = _known(exc)
            if message is None:
                message = f"{type(exc).__name__}: {first_line(exc)}; run with {DEBUG_VAR}=1 for details"
            fail(message)

    return wrapper


class Command(TyperCommand):
    """A command's help shows a list as its items repeated («PATH...»), not as Python's «<list[Path]>»."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        sections: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None and param.param_type_name in sections:
                name, text = record
                sections[param.param_type_name].append((re.sub(r" <list\[\w+\]>$", "...", name), text))
        for title, kind in (("Arguments", "argument"), ("Options", "option")):
            if sections[kind]:
                with formatter.section(title):
                    formatter.write_dl(sections[kind])


def _examples(lines: Sequence[str]) -> str | None:
    # «\b» keeps Click from re-wrapping the lines into one paragraph
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines) if lines else None


class App(typer.Typer):
    """Every command and callback is guarded; ``examples`` end the --help of the app and of each command."""

    def __init__(self, *, examples: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(epilog=_examples(examples), **kwargs)

    def command(self, name: str | None = None, *, examples: Sequence[str] = (),  # type: ignore[override]
                **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        register = super().command(name, cls=Command, epilog=_examples(examples), **kwargs)
        return lambda func: register(guarded(func))

    def callback(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        register = super().callback(*args, **kwargs)
        return lambda func: register(guarded(func))


def db_option(ctx: typer.Context) -> str | None:
    """The --db given before the command (None: $DOCSTORE_DB, else ./docstore.db)."""
    return (ctx.find_root().obj or {}).get("db")


@contextmanager
def database(ctx: typer.Context, *, write: bool = False, create: bool = False, migrate: bool = True,
             db: str | None = None) -> Iterator[Any]:
    """The engine of the database a command works on, disposed at the end (no pooled connection stays).

    Read-only unless ``write``: the file is opened read-only, so a file the user may only read can be
    queried. A database that does not exist is an error unless ``create`` (a mistyped --db must not
    leave an empty database behind). ``migrate``: bring it to the newest revision first.
    """
    from docstore.db import open_db

    engine = open_db(db if db is not None else db_option(ctx), read_only=not write, create=create, migrate=migrate)
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def reading(ctx: typer.Context) -> Iterator[Any]:
    """A read-only connection for the queries (SQLAlchemy Core: no ORM is imported)."""
    with database(ctx) as engine, engine.connect() as conn:
        yield conn


# --- options with a fixed set of values: case-insensitive choices ----------------------------------------


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


class ExportWhat(str, Enum):
    quotes = "quotes"
    events = "events"


class QuoteKind(str, Enum):
    direct = "direct"
    indirect = "indirect"
    partial = "partial"


def choice(*decls: str, help: str, **kwargs: Any) -> Any:  # noqa: A002 - Typer's own name
    """An option whose values are an Enum's, in any case (`--kind DIRECT`); others are a usage error."""
    return typer.Option(*decls, help=help, case_sensitive=False, **kwargs)


FormatOpt = Annotated[Format, choice("--format", "-f", help="Output format.")]
LimitOpt = Annotated[Optional[int], typer.Option("--limit", "-n", min=0, help="At most this many rows.")]


# --- dates: --since/--until ------------------------------------------------------------------------------


def parse_day(value: str | None, option: str, end: bool = False) -> date | None:
    """YYYY-MM-DD, YYYY-MM or YYYY as a day: the first one of the period, or with ``end`` the last."""
    if value is None:
        return None
    parts = value.strip().split("-")
    try:
        if not 1 <= len(parts) <= 3 or len(parts[0]) != 4 or any(not p.isdigit() for p in parts):
            raise ValueError
        year, month, day = (int(p) for p in parts + ["0"] * (3 - len(parts)))
        if len(parts) == 3:
            return date(year, month, day)
        if len(parts) == 2:
            first = date(year, month, 1)
            return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1) if end else first
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        fail(f"{option}: {value!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY")


def period(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    """The first and last day (both included) of --since/--until."""
    first, last = parse_day(since, "--since"), parse_day(until, "--until", end=True)
    if first and last and first > last:
        fail(f"--since {since} is after --until {until}")
    return first, last


SinceOpt = Annotated[Optional[str], typer.Option(
    "--since", metavar="DATE", help="From this day on: YYYY-MM-DD, YYYY-MM or YYYY (its first day).")]
UntilOpt = Annotated[Optional[str], typer.Option(
    "--until", metavar="DATE", help="Up to this day: YYYY-MM-DD, YYYY-MM or YYYY (its last day).")]


def shown(engine: Any) -> str:
    """The database as a message names it: an SQLite file's path, else the URL without its password."""
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database:
        from urllib.parse import unquote

        return unquote(url.database.removeprefix("file:"))
    return url.render_as_string(hide_password=True)


# --- what the commands that list quotes and speakers share -----------------------------------------------

SpeakerOpt = Annotated[Optional[str], typer.Option("--speaker", "-s", metavar="NAME",
                                                   help="Speaker name, any case form.")]
SpeakerIdOpt = Annotated[Optional[int], typer.Option("--speaker-id", metavar="ID", help="Speaker id (see `speakers`).")]

QUOTE_COLUMNS: list[tuple[str, str, Optional[int]]] = [
    ("id", "id", None), ("text", "quote", 80), ("speaker", "speaker", 20), ("kind", "kind", None), ("source", "document, date", 30),
]
RATIO = {"text": 4, "title": 3, "source": 2, "speaker": 2, "name": 2, "aliases": 3, "participants": 2,
         "attributed_as": 2, "file": 2, "target": 4}
MIN_WIDTH = {"speaker": 12, "source": 12, "name": 12, "file": 12, "location": 10}


def with_source(rows: list[dict]) -> list[dict]:
    """Table rows get one «title (date)» column: an 80-column terminal has no room for two."""
    out = []
    for r in rows:
        day = (r.get("published") or "")[:10]
        out.append({**r, "source": (r.get("title") or r.get("document") or "") + (f" ({day})" if day else "")})
    return out


def columns(spec: list[tuple[str, str, Optional[int]]]):  # noqa: ANN201
    """Table columns from (key, header, max width), with the widths and ratios each key has everywhere."""
    from docstore.render import Column

    return [Column(key, header, max_width=width, min_width=MIN_WIDTH.get(key), ratio=RATIO.get(key),
                   short_date=key in ("published", "created_at"))
            for key, header, width in spec]


def cores() -> int:
    """The cores this process may run on: the default number of worker processes."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def speaker_of(conn: Any, name: Optional[str], speaker_id: Optional[int]) -> Any:
    """The speaker --speaker NAME or --speaker-id ID names, or None when neither is given."""
    from docstore import queries

    if speaker_id is not None:
        return queries.get_speaker(conn, speaker_id)
    return queries.resolve_speaker(conn, name) if name else None
