"""The Typer app: parse options, call queries, call render. Heavy imports live inside commands.

No ``from __future__ import annotations`` here: Typer reads the annotations of every command
at each start, and as strings each would be compiled first (~20 ms of a command's start-up).
"""

import functools
import sys
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, timedelta
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from docstore.config import MAX_ARTICLE_MB

app = typer.Typer(
    help="docstore: who said what, where and when, in Russian-language news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
db_app = typer.Typer(help="Database schema: upgrade, downgrade, current revision.", no_args_is_help=True,
                     rich_markup_mode=None)
app.add_typer(db_app, name="db")


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


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
LimitOpt = Annotated[Optional[int], typer.Option("--limit", "-n", min=0, help="At most this many rows.")]


def _first_line(error: object) -> str:
    """A driver's message without the lines it adds (PostgreSQL's «LINE 1: …» and caret)."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def fail(message: str, code: int = 1) -> None:
    sys.stderr.write(f"error: {message}\n")
    raise typer.Exit(code)


def user_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Errors a user can fix become one line on stderr and exit code 1, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except Exception as exc:  # classified by module so that nothing heavy is imported here
            module = type(exc).__module__
            if module.startswith("docstore"):
                fail(str(exc))
            if module.startswith(("sqlalchemy", "sqlite3", "pysqlite3")):
                orig = getattr(exc, "orig", None) or exc
                fail(f"database: {_first_line(orig)}")
            if module.startswith("psycopg"):
                fail(f"database: {_first_line(exc)}")
            raise

    return wrapper


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
        fail(f"{option}: {value!r} is not a date; use YYYY-MM-DD or YYYY-MM")
    return None


def _period(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    first, last = parse_day(since, "--since"), parse_day(until, "--until", end=True)
    if first and last and first > last:
        fail(f"--since {since} is after --until {until}")
    return first, last


SinceOpt = Annotated[Optional[str], typer.Option("--since", metavar="DATE",
                                                 help="From this day on: YYYY-MM-DD or YYYY-MM (its first day).")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", metavar="DATE",
                                                 help="Up to this day: YYYY-MM-DD or YYYY-MM (its last day).")]


def _db(ctx: typer.Context) -> str | None:
    return (ctx.obj or {}).get("db")


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option(
        "--db", metavar="PATH|URL",
        help="Database file or SQLAlchemy URL [default: $DOCSTORE_DB, else ./docstore.db].",
    )] = None,
) -> None:
    ctx.obj = {"db": db}


@contextmanager
def _reading(ctx: typer.Context):  # noqa: ANN202
    """A connection to the database at its newest revision, for the queries (Core: no ORM is imported);
    its engine goes with it (no pooled connection stays)."""
    from docstore.db import open_db

    engine = open_db(_db(ctx))
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


QUOTE_COLUMNS: list[tuple[str, str, int | None]] = [
    ("text", "quote", 80), ("speaker", "speaker", 20), ("kind", "kind", None), ("source", "document, date", 30),
]


def _with_source(rows: list[dict]) -> list[dict]:
    """Table rows get one «title (date)» column: an 80-column terminal has no room for two."""
    out = []
    for r in rows:
        date = (r.get("published") or "")[:10]
        out.append({**r, "source": (r.get("title") or r.get("document") or "") + (f" ({date})" if date else "")})
    return out
RATIO = {"text": 4, "title": 3, "source": 2, "speaker": 2, "name": 2, "aliases": 3, "participants": 2,
         "attributed_as": 2, "file": 2}
MIN_WIDTH = {"speaker": 12, "source": 12, "name": 12, "file": 12, "location": 10}


def _columns(spec: list[tuple[str, str, int | None]]):  # noqa: ANN202
    from docstore.render import Column

    return [Column(key, header, max_width=width, min_width=MIN_WIDTH.get(key), ratio=RATIO.get(key),
                   short_date=key == "published")
            for key, header, width in spec]


PARALLEL_FROM = 16  # files: fewer load faster in this process than workers start (each loads the models)
DUMPS = (".jsonl", ".ndjson", ".json", ".csv", ".tsv")


def _default_jobs(files: list) -> int:
    """The number of cores, unless the input is a few articles: workers cost a model load each."""
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    dump = any(isinstance(f, str) and (f == "-" or f.removesuffix(".gz").lower().endswith(DUMPS)) for f in files)
    return cores if dump or len(files) >= PARALLEL_FROM else 1


@app.command()
@user_errors
def load(
    ctx: typer.Context,
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Files, folders (recursive), glob patterns or - for stdin: .txt, .html, .jsonl, .json, .csv, "
             "each optionally .gz. Default: ./seeds if it exists, else the bundled seeds.",
        readable=False)] = None,  # an unreadable file is one `error:` line, not a usage error
    force: Annotated[bool, typer.Option("--force", help="Re-extract documents already stored.")] = False,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Summary format.")] = Format.table,
    strict: Annotated[bool, typer.Option(
        "--strict/--keep-going",
        help="Stop at the first file or record that fails, or (default) report it and load the rest.")] = False,
    text_field: Annotated[Optional[str], typer.Option(help="Dump field with the text [text, content, body].")] = None,
    title_field: Annotated[Optional[str], typer.Option(help="Dump field with the title [title, headline].")] = None,
    date_field: Annotated[Optional[str], typer.Option(help="Dump field with the date [date, published].")] = None,
    url_field: Annotated[Optional[str], typer.Option(help="Dump field with the URL [url, link].")] = None,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1,
        help="Worker processes extracting in parallel [default: the number of cores; 1 for fewer than "
             f"{PARALLEL_FROM} files without a dump among them].")] = None,
    max_article_mb: Annotated[float, typer.Option(
        "--max-article-mb", metavar="MB", min=0.001, envvar="DOCSTORE_MAX_ARTICLE_MB",
        help="Refuse an article whose text is longer (UTF-8): news is far shorter; a book is not an article.")
    ] = MAX_ARTICLE_MB,
) -> None:
    """Load articles: read, extract speakers, quotes and events, store (whole documents only).

    Ctrl-C stops it; every stored document is complete, and the same command again goes on
    where it stopped (stored content is skipped by hash, before extraction).
    """
    from docstore import render
    from docstore.config import seeds_dir
    from docstore.db import open_db, session
    from docstore.extract import extract
    from docstore.ingest import Failure, Fields, iter_files
    from docstore.loader import load as run_load
    from docstore.queries import totals
    from docstore.store import FAILED, LOADED, PRESENT, RELOADED

    if not paths:
        paths = [Path("seeds") if Path("seeds").is_dir() else seeds_dir()]
    engine = open_db(_db(ctx))
    files = [p if isinstance(p, Failure) else str(p) for p in iter_files(paths)]
    fields = Fields.with_options(text_field, title_field, date_field, url_field)
    if jobs is None:
        jobs = _default_jobs(files)
    try:
        with render.progress(len(files)) as bar:
            report = run_load(engine, files, extract, fields, force=force, strict=strict, on_error=bar.error,
                              on_warning=bar.warning, on_source=bar.advance,
                              on_document=lambda path: bar.document(Path(path).name), jobs=jobs,
                              max_article_mb=max_article_mb)
        counts = report.counts
        with session(engine) as s:
            total = totals(s)
    finally:
        engine.dispose()
    run = {
        "documents loaded": counts[LOADED] + counts[RELOADED],
        "already present": counts[PRESENT],
        "failed": counts[FAILED],
        "quotes": report.quotes,
        "speakers": len(report.speakers),
        "events": report.events,
    }
    in_db = {"documents loaded": total["documents"], "quotes": total["quotes"],
             "speakers": total["speakers"], "events": total["events"]}
    if fmt is Format.table:
        render.summary([{"what": k, "run": v, "total": in_db.get(k, "")} for k, v in run.items()],
                       title=f"Loaded into {engine.url.database or engine.url}")
    else:
        row = {k.replace(" ", "_"): v for k, v in run.items()}
        row["database"] = {k.split()[0]: v for k, v in in_db.items()}
        render.write_rows([row], fmt.value, sys.stdout)
    if report.interrupted:
        where = f" after {report.done} documents in input order (the last: {report.last})" if report.last else ""
        sys.stderr.write(f"interrupted{where}: every stored document is complete; run the same command again "
                         "to load the rest (stored documents are skipped)\n")
        raise typer.Exit(130)
    if report.stopped and not report.storage:
        sys.stderr.write("stopped at the first failure (--strict); the documents before it are stored\n")
    if counts[FAILED] or report.storage:
        raise typer.Exit(1)


@app.command()
@user_errors
def documents(ctx: typer.Context, fmt: FormatOpt = Format.table, limit: LimitOpt = None) -> None:
    """List the stored documents."""
    from docstore import queries, render

    with _reading(ctx) as conn:
        rows = queries.documents(conn, limit=limit)
    render.rows(rows, _columns([("id", "id", None), ("file", "file", 26), ("title", "title", 50),
                                ("site", "site", 16), ("published", "published", 19), ("quotes", "quotes", None)]),
                fmt.value, title="Documents")


@app.command()
@user_errors
def show(ctx: typer.Context, doc_id: Annotated[int, typer.Argument(help="Document id (see `documents`).")],
         fmt: FormatOpt = Format.table) -> None:
    """Show an article with its quotes highlighted and numbered."""
    from docstore import queries, render

    with _reading(ctx) as conn:
        view = queries.document_view(conn, doc_id)
    if fmt is Format.table:
        render.document(view, _columns([("speaker", "speaker", 24), ("kind", "kind", None),
                                        ("attributed_as", "as written", 24), ("text", "quote", 70)]))
    elif fmt is Format.csv:
        render.write_rows(view["quotes"], "csv", sys.stdout)
    else:
        render.write_rows([view], fmt.value, sys.stdout) if fmt is Format.jsonl else render.text_out(
            render.dumps(view))


@app.command()
@user_errors
def quotes(
    ctx: typer.Context,
    speaker: Annotated[Optional[str], typer.Option("--speaker", "-s", help="Speaker name, any case form.")] = None,
    speaker_id: Annotated[Optional[int], typer.Option("--speaker-id", help="Speaker id (see `speakers`).")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help="direct, indirect or partial.")] = None,
    document: Annotated[Optional[int], typer.Option("--document", "-d", help="Document id.")] = None,
    event: Annotated[Optional[int], typer.Option("--event", "-e", help="Event id (see `events`).")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    about: Annotated[Optional[str], typer.Option(
        "--about", "-a", help='Only quotes matching this search query (any word form; "phrase", OR, -word).')] = None,
    fmt: FormatOpt = Format.table,
    limit: LimitOpt = None,
) -> None:
    """List quotes, by speaker, kind, document, event, date or what they are about.

    --since/--until filter on the date of the event a quote was said at, else on the
    publication date of its document.
    """
    from docstore import queries, render

    first, last = _period(since, until)
    with _reading(ctx) as conn:
        sp = _speaker(conn, speaker, speaker_id)
        title = f"Quotes of {sp.name}" if sp else "Quotes"
        if document is not None:
            queries.get_document(conn, document)
        if event is not None:
            title += f" at {queries.get_event(conn, event).name}"
        rows = queries.quotes(conn, speaker_id=sp.id if sp else None, kind=kind, document_id=document,
                              event_id=event, since=first, until=last, limit=limit, about=about)
    if fmt is Format.table:
        rows = _with_source(rows)
    render.rows(rows, _columns(QUOTE_COLUMNS), fmt.value, title=title)


@app.command()
@user_errors
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(
        help='Words in any form (полиция finds полиции, полицией); "a phrase"; a OR b; -word excludes.')],
    in_quotes: Annotated[bool, typer.Option("--quotes", "-q", help="Search quotes instead of documents.")] = False,
    speaker: Annotated[Optional[str], typer.Option(
        "--speaker", "-s", help="Only this speaker's quotes; for documents: those quoting or naming them.")] = None,
    speaker_id: Annotated[Optional[int], typer.Option("--speaker-id", help="Speaker id (see `speakers`).")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Published on or before YYYY-MM-DD.")] = None,
    fmt: FormatOpt = Format.table,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many results.")] = 20,
) -> None:
    """Full-text search by lemma, best (bm25) first, with the matching passage highlighted.

    In json, jsonl and csv the passage is the `snippet` field with matched words in **double asterisks**.
    """
    from docstore import queries, render

    with _reading(ctx) as conn:
        sp = None
        if speaker_id is not None:
            sp = queries.get_speaker(conn, speaker_id)
        elif speaker:
            sp = queries.resolve_speaker(conn, speaker)
        rows = queries.search(conn, query, quotes=in_quotes, speaker_id=sp.id if sp else None,
                              since=since, until=until, limit=limit)
    title = f"{'Quotes' if in_quotes else 'Documents'} matching {query}" + (f" — {sp.name}" if sp else "")
    if fmt is not Format.table:
        render.rows(rows, [], fmt.value)
        return
    from docstore.render import Column

    if in_quotes:
        cols = [Column("snippet", "quote", ratio=4, marked=True), *_columns([("speaker", "speaker", 20),
                ("kind", "kind", None), ("source", "document, date", 30)])]
        render.rows(_with_source(rows), cols, title=title)
    else:
        cols = [*_columns([("id", "id", None), ("title", "title", 40), ("published", "published", 10)]),
                Column("snippet", "passage", ratio=5, marked=True)]
        render.rows(rows, cols, title=title)


@app.command()
@user_errors
def speakers(ctx: typer.Context, fmt: FormatOpt = Format.table, limit: LimitOpt = None) -> None:
    """List speakers: canonical name, kind, aliases seen, number of quotes."""
    from docstore import queries, render

    with _reading(ctx) as conn:
        rows = queries.speakers(conn, limit=limit)
    render.rows(rows, _columns([("id", "id", None), ("name", "name", 30), ("kind", "kind", None),
                                ("aliases", "aliases", 50), ("quotes", "quotes", None)]), fmt.value, title="Speakers")


EVENT_COLUMNS: list[tuple[str, str, int | None]] = [
    ("id", "id", None), ("name", "name", 40), ("kind", "kind", None), ("date", "date", 10),
    ("location", "location", 20), ("participants", "participants", 30), ("docs", "docs", None),
    ("quotes", "quotes", None),
]


def _speaker(conn, name: str | None, speaker_id: int | None):  # noqa: ANN001, ANN202
    from docstore import queries

    if speaker_id is not None:
        return queries.get_speaker(conn, speaker_id)
    return queries.resolve_speaker(conn, name) if name else None


@app.command()
@user_errors
def events(
    ctx: typer.Context,
    speaker: Annotated[Optional[str], typer.Option("--speaker", "-s",
                                                   help="A participant's name, any case form.")] = None,
    speaker_id: Annotated[Optional[int], typer.Option("--speaker-id", help="A participant's id.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: Annotated[Optional[str], typer.Option("--place", "-p", help="Place name, any case form.")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help="Kind, any case form: заседание, встреча …")] = None,
    fmt: FormatOpt = Format.table,
    limit: LimitOpt = None,
) -> None:
    """List events: name, kind, date, location, participants; by participant, period, place or kind.

    Undated events are left out when --since or --until is given.
    """
    from docstore import queries, render

    first, last = _period(since, until)
    with _reading(ctx) as conn:
        sp = _speaker(conn, speaker, speaker_id)
        rows = queries.events(conn, speaker_id=sp.id if sp else None, since=first, until=last, place=place,
                              kind=kind, limit=limit)
    if fmt is Format.table:
        rows = [{**r, "docs": len(r["documents"])} for r in rows]
    render.rows(rows, _columns(EVENT_COLUMNS), fmt.value,
                title=f"Events with {sp.name}" if sp else "Events")


@app.command()
@user_errors
def event(ctx: typer.Context, event_id: Annotated[int, typer.Argument(help="Event id (see `events`).")],
          fmt: FormatOpt = Format.table) -> None:
    """Show an event: its documents, participants and the quotes said there."""
    from docstore import queries, render

    with _reading(ctx) as conn:
        view = queries.event_view(conn, event_id)
    if fmt is Format.table:
        render.event(view, _columns([("id", "id", None), ("file", "file", 26), ("title", "title", 50),
                                     ("published", "published", 19)]),
                     _columns([("speaker", "speaker", 24), ("kind", "kind", None), ("text", "quote", 70),
                               ("document", "document", 26)]))
    elif fmt is Format.csv:
        render.write_rows(view["quotes"], "csv", sys.stdout)
    elif fmt is Format.jsonl:
        render.write_rows([view], "jsonl", sys.stdout)
    else:
        render.text_out(render.dumps(view))


@app.command()
@user_errors
def sql(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="One SQL statement (several, separated by ;, only with --write).")],
    write: Annotated[bool, typer.Option("--write", help="Allow statements that change the database.")] = False,
    fmt: FormatOpt = Format.table,
    limit: LimitOpt = None,
) -> None:
    """Run ad hoc SQL; read-only unless --write (the connection itself refuses writes).

    On PostgreSQL the statement runs in a read-only transaction.
    """
    from sqlalchemy.exc import DBAPIError

    from docstore import dialects, render
    from docstore.db import open_db
    from docstore.statements import split_statements

    statements = split_statements(query) or [query]
    if len(statements) > 1 and not write:
        fail(f"sql: {len(statements)} statements given; run one at a time, or add --write to run them "
             "as one script in one transaction")
    engine = open_db(_db(ctx), read_only=not write)
    dialect = dialects.of(engine)
    dialect.add_sql_functions(engine)
    try:
        # no_parameters: the SQL goes to the driver as typed (psycopg would read % as a placeholder)
        with engine.connect().execution_options(no_parameters=True) as conn:
            if not write:
                dialect.begin_read_only(conn)
            rows, keys, count = [], [], 0
            for statement in statements:  # with --write, all statements commit together or not at all
                result = conn.exec_driver_sql(statement)
                if result.returns_rows:
                    keys = list(result.keys())
                    fetched = result.fetchmany(limit) if limit is not None else result.fetchall()
                    rows = [dict(zip(keys, r)) for r in fetched]
                else:
                    count += max(result.rowcount, 0)
            conn.commit()
    except DBAPIError as exc:
        message = _first_line(exc.orig)
        if "readonly" in message.replace(" ", "") or "read-only" in message or "not authorized" in message:
            message += " (the database is opened read-only; add --write to change it)"
        fail(f"sql: {message}")
    finally:
        engine.dispose()
    if keys:
        from docstore.render import Column

        render.rows(rows, [Column(k, k, max_width=60) for k in keys], fmt.value)
    else:
        sys.stderr.write(f"ok: {max(count, 0)} rows affected\n")


@app.command()
@user_errors
def delete(
    ctx: typer.Context,
    doc_ids: Annotated[list[int], typer.Argument(help="Document ids (see `documents`).")],
) -> None:
    """Delete documents with their quotes, mentions and index entries (one transaction each)."""
    from docstore.db import open_db, session
    from docstore.store import delete_document

    engine = open_db(_db(ctx))
    missing = []
    try:
        for doc_id in doc_ids:
            with session(engine) as s:
                if not delete_document(s, doc_id):
                    missing.append(doc_id)
    finally:
        engine.dispose()
    deleted = len(doc_ids) - len(missing)
    if deleted:
        sys.stderr.write(f"deleted {deleted} document{'s' if deleted != 1 else ''}\n")
    if missing:
        fail(f"no document with id {', '.join(map(str, missing))}; see `docstore documents`")


@app.command()
@user_errors
def export(
    ctx: typer.Context,
    what: Annotated[ExportWhat, typer.Argument(help="quotes or events.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl or csv.")] = ExportFormat.jsonl,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
) -> None:
    """Export all quotes or events, one per line, for other tools."""
    from docstore import queries, render

    with _reading(ctx) as conn:
        if what is ExportWhat.quotes:
            rows, fields = queries.export_quotes(conn), queries.QUOTE_FIELDS
        else:
            rows, fields = queries.export_events(conn), queries.EVENT_FIELDS
    if output is None:
        render.write_rows(rows, fmt.value, sys.stdout, fields)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as f:
            render.write_rows(rows, fmt.value, f, fields)
    except OSError as exc:
        fail(f"{output}: {exc.strerror or exc}")
    sys.stderr.write(f"wrote {len(rows)} {what.value} to {output}\n")


@app.command()
@user_errors
def copy(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", metavar="PATH|URL",
                                    help="The new, empty database: a PostgreSQL URL, or an SQLite file.")],
) -> None:
    """Copy the whole database (--db) into another, e.g. SQLite into PostgreSQL: every row, ids kept.

    One transaction on the target: it lands complete or not at all; row counts are compared at the end.
    """
    from docstore import render
    from docstore.config import database_url
    from docstore.copy import copy as run_copy
    from docstore.db import open_db

    if database_url(to) == database_url(_db(ctx)):
        fail("--to is the database being copied; give a new, empty database")
    source = open_db(_db(ctx), read_only=True)
    target = open_db(to)
    try:
        copied = run_copy(source, target, on_table=lambda t, n: sys.stderr.write(f"copied {n:>9} rows of {t}\n"))
    finally:
        source.dispose()
        target.dispose()
    from docstore.render import Column

    render.rows([{"table": c.table, "rows": c.rows} for c in copied],
                [Column("table", "table"), Column("rows", "rows", justify="right")], "table",
                title=f"Copied into {target.url.render_as_string(hide_password=True)}")


def check(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """Verify the database: integrity, foreign keys, offsets, quote counts, full-text index. Exit 1 on problems."""
    from docstore.check import run
    from docstore.config import database_url
    from docstore.db import make_engine

    url = database_url(_db(ctx))
    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None
    if path and not Path(path).is_file():
        fail(f"no database at {path}")
    engine = make_engine(url)
    try:
        results = run(engine)
    finally:
        engine.dispose()
    problems = sum(c.count for c in results)
    if fmt is not Format.table:
        from docstore import render

        rows = [{"check": c.name, "status": "skipped" if c.skipped else "ok" if c.ok else "problem",
                 "count": c.count, "problems": c.problems, "note": c.skipped or ""} for c in results]
        render.write_rows(rows, fmt.value, sys.stdout) if fmt is not Format.json else render.text_out(
            render.dumps(rows))
    else:
        for c in results:
            if c.skipped:
                print(f"skipped  {c.name}: {c.skipped}")
            elif c.ok:
                print(f"ok       {c.name}")
            else:
                print(f"PROBLEM  {c.name}: {c.count}")
                for line in c.problems:
                    print(f"         {line}")
                if c.count > len(c.problems) and len(c.problems) > 1:
                    print(f"         … and {c.count - len(c.problems)} more")
        print(f"{problems} problem{'s' if problems != 1 else ''} found in {path or url}" if problems
              else f"database OK: {path or url}")
    if problems:
        raise typer.Exit(1)


app.command("check")(user_errors(check))
app.command("doctor", help="Same as `check`.")(user_errors(check))


@db_app.command("upgrade")
@user_errors
def db_upgrade(ctx: typer.Context, revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Upgrade the schema (default: to the newest revision)."""
    from docstore.db import upgrade

    _migrate(ctx, upgrade, revision)


def _migrate(ctx: typer.Context, step: Callable[[str, str], None], revision: str) -> None:
    """Run an Alembic step on the database and print the revision it ends at."""
    from docstore.config import database_url
    from docstore.db import current_revision, make_engine

    url = database_url(_db(ctx.parent))
    step(url, revision)
    engine = make_engine(url)
    print(current_revision(engine) or "base")
    engine.dispose()


@db_app.command("downgrade")
@user_errors
def db_downgrade(ctx: typer.Context, revision: Annotated[str, typer.Argument()] = "-1") -> None:
    """Downgrade the schema (default: one revision; `base` removes every table)."""
    from docstore.db import downgrade

    _migrate(ctx, downgrade, revision)


@db_app.command("reindex")
@user_errors
def db_reindex(ctx: typer.Context) -> None:
    """Rebuild the full-text index from the stored documents and quotes."""
    from docstore import fts
    from docstore.db import open_db, session

    engine = open_db(_db(ctx.parent))
    try:
        with session(engine) as s:
            docs, quotes = fts.reindex(s)
            s.commit()
    finally:
        engine.dispose()
    print(f"indexed {docs} documents, {quotes} quotes")


@db_app.command("recount")
@user_errors
def db_recount(ctx: typer.Context) -> None:
    """Recount the speakers' quotes (kept on each speaker; `check` says when they are off)."""
    from docstore.db import open_db, session
    from docstore.store import recount_quotes

    engine = open_db(_db(ctx.parent))
    try:
        with session(engine) as s:
            fixed = recount_quotes(s)
            s.commit()
    finally:
        engine.dispose()
    print(f"recounted quotes: {fixed} speaker{'s' if fixed != 1 else ''} corrected")


@db_app.command("current")
@user_errors
def db_current(ctx: typer.Context) -> None:
    """Print the database's revision and the newest one this docstore knows."""
    from docstore.config import database_url, head_revision
    from docstore.db import current_revision, make_engine

    engine = make_engine(database_url(_db(ctx.parent)))
    current = current_revision(engine)
    engine.dispose()
    head = head_revision()
    print(f"{current or 'base'}{' (head)' if current == head else f' (head is {head})'}")


def main() -> None:
    try:
        app()
    finally:
        # The command is done and the process ends: nothing more needs collecting. Frozen, the
        # objects of every module imported (SQLAlchemy's, Typer's, pydantic's) are not traversed by
        # the garbage collection the interpreter runs on its way out (~100 ms CPU of a query command).
        import gc

        gc.freeze()
