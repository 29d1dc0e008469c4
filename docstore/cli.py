"""The Typer app: parse options, call queries, call render. Heavy imports live inside commands.

No ``from __future__ import annotations`` here: Typer reads the annotations of every command
at each start, and as strings each would be compiled first (~20 ms of a command's start-up).
"""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from docstore import __version__
from docstore.cli_corrections import corrections_app, quotes_app, reextract, speakers_app
from docstore.command import (
    App, ExportFormat, ExportWhat, Format, FormatOpt, LimitOpt, SinceOpt, SpeakerIdOpt, UntilOpt, choice, columns,
    cores, database, db_option, fail, first_line, period, reading, shown, speaker_of, with_source,
)
from docstore.config import MAX_ARTICLE_MB

app = App(
    help="docstore: who said what, where and when, in Russian-language news.",
    examples=["docstore load", "docstore quotes --speaker Токаев --kind direct"],
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
db_app = App(
    help="The database itself: its schema revision (upgrade, downgrade, current), the full-text index "
         "(reindex), the speakers' quote counts (recount).",
    examples=["docstore db current", "docstore --db news.db db upgrade"],
    no_args_is_help=True, rich_markup_mode=None,
)
app.add_typer(db_app, name="db")

def _version(value: bool) -> None:
    if value:
        print(f"docstore {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option(
        "--db", metavar="PATH|URL",
        help="Database file or SQLAlchemy URL [default: $DOCSTORE_DB, else ./docstore.db].",
    )] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    ctx.obj = {"db": db}


PARALLEL_FROM = 16  # files: fewer load faster in this process than workers start (each loads the models)
DUMPS = (".jsonl", ".ndjson", ".json", ".csv", ".tsv")


def _default_jobs(files: list) -> int:
    """The number of cores, unless the input is a few articles: workers cost a model load each."""
    dump = any(isinstance(f, str) and (f == "-" or f.removesuffix(".gz").lower().endswith(DUMPS)) for f in files)
    return cores() if dump or len(files) >= PARALLEL_FROM else 1


@app.command(examples=["docstore load articles/ 'dumps/*.jsonl.gz' --jobs 4",
                       "docstore --db reports.db load examples/reports"])
def load(
    ctx: typer.Context,
    paths: Annotated[Optional[list[Path]], typer.Argument(
        metavar="PATH",
        help="Files, folders (recursive), glob patterns or - for stdin: .txt, .html, .jsonl, .json, .csv, "
             "each optionally .gz. Default: ./seeds if it exists, else the bundled seeds.",
        readable=False)] = None,  # an unreadable file is one `error:` line, not a usage error
    force: Annotated[bool, typer.Option("--force", help="Re-extract documents already stored.")] = False,
    fmt: Annotated[Format, choice("--format", "-f", help="Summary format.")] = Format.table,
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
    from docstore.db import session
    from docstore.extract import extract
    from docstore.ingest import Failure, Fields, iter_files
    from docstore.loader import load as run_load
    from docstore.queries import totals
    from docstore.reextract import older_among

    if not paths:
        paths = [Path("seeds") if Path("seeds").is_dir() else seeds_dir()]
    files = [p if isinstance(p, Failure) else str(p) for p in iter_files(paths)]
    fields = Fields.with_options(text_field, title_field, date_field, url_field)
    if jobs is None:
        jobs = _default_jobs(files)
    with database(ctx, write=True, create=True) as engine:
        with render.progress(len(files)) as bar:
            report = run_load(engine, files, extract, fields, force=force, strict=strict, on_error=bar.error,
                              on_warning=bar.warning, on_source=bar.advance,
                              on_document=lambda path: bar.document(Path(path).name), jobs=jobs,
                              max_article_mb=max_article_mb)
        with session(engine) as s:
            total = totals(s)
            stale = older_among(s, report.present)
    _load_summary(report, total, fmt, engine)
    _load_end(report, stale)


def _load_summary(report: Any, total: dict, fmt: Format, engine: Any) -> None:
    """What this run did beside what the database holds now: a table, or one row in ``fmt``."""
    from docstore import render
    from docstore.store import FAILED, LOADED, PRESENT, RELOADED

    counts = report.counts
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
                       title=f"Loaded into {shown(engine)}")
    else:
        row = {k.replace(" ", "_"): v for k, v in run.items()}
        row["database"] = {k.split()[0]: v for k, v in in_db.items()}
        render.write_rows([row], fmt.value, sys.stdout)


def _load_end(report: Any, stale: int) -> None:
    """The lines after the summary (stale extractions, why the load ended early) and the exit status."""
    from docstore.store import FAILED

    if stale:
        sys.stderr.write(f"hint: {stale} of these files {'is' if stale == 1 else 'are'} stored as an older extractor "
                         "read them; `docstore reextract --older` re-reads the stored texts (no files needed)\n")
    if report.interrupted:
        where = f" after {report.done} documents in input order (the last: {report.last})" if report.last else ""
        sys.stderr.write(f"interrupted{where}: every stored document is complete; run the same command again "
                         "to load the rest (stored documents are skipped)\n")
        raise typer.Exit(130)
    if report.stopped and not report.storage:
        sys.stderr.write("stopped at the first failure (--strict); the documents before it are stored\n")
    if report.counts[FAILED] or report.storage:
        raise typer.Exit(1)


@app.command(examples=["docstore documents --limit 10", "docstore documents --format csv > documents.csv"])
def documents(ctx: typer.Context, fmt: FormatOpt = Format.table, limit: LimitOpt = None) -> None:
    """List the stored documents."""
    from docstore import queries, render

    with reading(ctx) as conn:
        rows = queries.documents(conn, limit=limit)
    render.rows(rows, columns([("id", "id", None), ("file", "file", 26), ("title", "title", 50),
                                ("site", "site", 16), ("published", "published", 19), ("quotes", "quotes", None)]),
                fmt.value, title="Documents")


@app.command(examples=["docstore show 2", "docstore show 2 --format json"])
def show(ctx: typer.Context, doc_id: Annotated[int, typer.Argument(metavar="DOC_ID",
                                                                   help="Document id (see `documents`).")],
         fmt: FormatOpt = Format.table) -> None:
    """Show an article with its quotes highlighted and numbered."""
    from docstore import queries, render

    with reading(ctx) as conn:
        view = queries.document_view(conn, doc_id)
    if fmt is Format.table:
        render.document(view, columns([("speaker", "speaker", 24), ("kind", "kind", None),
                                        ("attributed_as", "as written", 24), ("text", "quote", 70)]))
    elif fmt is Format.csv:
        render.write_rows(view["quotes"], "csv", sys.stdout)
    else:
        render.write_rows([view], fmt.value, sys.stdout) if fmt is Format.jsonl else render.text_out(
            render.dumps(view))


@app.command(examples=['docstore search "реформы полиции" --since 2019-04',
                       "docstore search цифровизация --quotes --speaker Токаев --format json"])
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(
        metavar="QUERY", help='Words in any form (полиция finds полиции, полицией); "a phrase"; a OR b; -word excludes.')],
    in_quotes: Annotated[bool, typer.Option("--quotes", "-q", help="Search quotes instead of documents.")] = False,
    speaker: Annotated[Optional[str], typer.Option(
        "--speaker", "-s", metavar="NAME",
        help="Only this speaker's quotes; for documents: those quoting or naming them.")] = None,
    speaker_id: SpeakerIdOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: FormatOpt = Format.table,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many results.")] = 20,
) -> None:
    """Full-text search by lemma, best (bm25) first, with the matching passage highlighted.

    In json, jsonl and csv the passage is the `snippet` field with matched words in **double asterisks**.
    --since/--until filter on the publication date.
    """
    from docstore import queries, render

    first, last = period(since, until)
    with reading(ctx) as conn:
        sp = speaker_of(conn, speaker, speaker_id)
        rows = queries.search(conn, query, quotes=in_quotes, speaker_id=sp.id if sp else None,
                              since=first, until=last, limit=limit)
    title = f"{'Quotes' if in_quotes else 'Documents'} matching {query}" + (f" — {sp.name}" if sp else "")
    if fmt is not Format.table:
        render.rows(rows, [], fmt.value)
        return
    from docstore.render import Column

    if in_quotes:
        cols = [Column("snippet", "quote", ratio=4, marked=True), *columns([("speaker", "speaker", 20),
                ("kind", "kind", None), ("source", "document, date", 30)])]
        render.rows(with_source(rows), cols, title=title)
    else:
        cols = [*columns([("id", "id", None), ("title", "title", 40), ("published", "published", 10)]),
                Column("snippet", "passage", ratio=5, marked=True)]
        render.rows(rows, cols, title=title)


EVENT_COLUMNS: list[tuple[str, str, int | None]] = [
    ("id", "id", None), ("name", "name", 40), ("kind", "kind", None), ("date", "date", 10),
    ("location", "location", 20), ("participants", "participants", 30), ("docs", "docs", None),
    ("quotes", "quotes", None),
]


@app.command(examples=["docstore events --place Нур-Султане --since 2019-04",
                       "docstore events --speaker Токаев --format csv"])
def events(
    ctx: typer.Context,
    speaker: Annotated[Optional[str], typer.Option("--speaker", "-s", metavar="NAME",
                                                   help="A participant's name, any case form.")] = None,
    speaker_id: Annotated[Optional[int], typer.Option("--speaker-id", metavar="ID",
                                                      help="A participant's id.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: Annotated[Optional[str], typer.Option("--place", "-p", metavar="PLACE",
                                                 help="Place name, any case form.")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", metavar="KIND",
                                                help="Kind, any case form: заседание, встреча …")] = None,
    fmt: FormatOpt = Format.table,
    limit: LimitOpt = None,
) -> None:
    """List events: name, kind, date, location, participants; by participant, period, place or kind.

    Undated events are left out when --since or --until is given.
    """
    from docstore import queries, render

    first, last = period(since, until)
    with reading(ctx) as conn:
        sp = speaker_of(conn, speaker, speaker_id)
        rows = queries.events(conn, speaker_id=sp.id if sp else None, since=first, until=last, place=place,
                              kind=kind, limit=limit)
    if fmt is Format.table:
        rows = [{**r, "docs": len(r["documents"])} for r in rows]
    render.rows(rows, columns(EVENT_COLUMNS), fmt.value,
                title=f"Events with {sp.name}" if sp else "Events")


@app.command(examples=["docstore event 2", "docstore event 2 --format json"])
def event(ctx: typer.Context,
          event_id: Annotated[int, typer.Argument(metavar="ID", help="Event id (see `events`).")],
          fmt: FormatOpt = Format.table) -> None:
    """Show an event: its documents, participants and the quotes said there."""
    from docstore import queries, render

    with reading(ctx) as conn:
        view = queries.event_view(conn, event_id)
    if fmt is Format.table:
        render.event(view, columns([("id", "id", None), ("file", "file", 26), ("title", "title", 50),
                                     ("published", "published", 19)]),
                     columns([("speaker", "speaker", 24), ("kind", "kind", None), ("text", "quote", 70),
                               ("document", "document", 26)]))
    elif fmt is Format.csv:
        render.write_rows(view["quotes"], "csv", sys.stdout)
    elif fmt is Format.jsonl:
        render.write_rows([view], "jsonl", sys.stdout)
    else:
        render.text_out(render.dumps(view))


READ_ONLY_REFUSALS = ("readonly", "read-only", "not authorized", "authorization denied")


@app.command(examples=['docstore sql "SELECT kind, count(*) AS n FROM quotes GROUP BY kind"',
                       'docstore sql "DELETE FROM quotes WHERE speaker_id IS NULL" --write'])
def sql(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(
        metavar="SQL", help="One SQL statement (several, separated by ;, only with --write).")],
    write: Annotated[bool, typer.Option("--write", help="Allow statements that change the database.")] = False,
    fmt: FormatOpt = Format.table,
    limit: LimitOpt = None,
) -> None:
    """Run ad hoc SQL; read-only unless --write (the connection itself refuses writes).

    On PostgreSQL the statement runs in a read-only transaction.
    """
    from sqlalchemy.exc import DBAPIError

    from docstore import dialects, render
    from docstore.statements import split_statements

    statements = split_statements(query)
    if not statements:
        fail("sql: no statement given (only comments or semicolons)")
    if len(statements) > 1 and not write:
        fail(f"sql: {len(statements)} statements given; run one at a time, or add --write to run them "
             "as one script in one transaction")
    with database(ctx, write=write) as engine:
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
            message = first_line(exc.orig)
            if not write and any(word in message.replace("read only", "read-only").lower()
                                 for word in READ_ONLY_REFUSALS):
                message += " (the database is opened read-only; add --write to change it)"
            fail(f"sql: {message}")
    if keys:
        from docstore.render import Column

        render.rows(rows, [Column(k, k, max_width=60) for k in keys], fmt.value)
    else:
        sys.stderr.write(f"ok: {count} rows affected\n")


@app.command(examples=["docstore serve", "docstore --db news.db serve --port 8080"])
def serve(
    ctx: typer.Context,
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port to listen on.")] = 8001,
    host: Annotated[str, typer.Option(
        "--host", metavar="ADDRESS", help="Address to listen on; 0.0.0.0 opens it to the network.")] = "127.0.0.1",
) -> None:
    """Browse the database in a web browser: quotes, speakers, articles, search (Datasette, read-only).

    Needs the web extra: pip install 'docstore[web]'. SQLite files only (a PostgreSQL database:
    `docstore copy --to FILE` first). Ctrl-C stops it.
    """
    from importlib.util import find_spec

    from docstore.config import database_url

    if find_spec("datasette") is None:
        fail("serve needs Datasette, which the web extra installs: pip install 'docstore[web]' "
             "(from a checkout: pip install '.[web]')")
    if not database_url(db_option(ctx)).startswith("sqlite:"):
        fail("serve: Datasette reads SQLite files only; copy the database into one first: "
             "docstore --db URL copy --to docstore.db")
    from docstore.web import server

    with database(ctx) as engine:  # it exists and is at the newest revision
        path = shown(engine)
    if (why := server.check_port(host, port)) is not None:
        fail(f"serve: cannot listen on {host}:{port}: {why}; choose another with --port or --host")
    shown_host = f"[{host}]" if ":" in host else host
    print(f"Serving {path} read-only at http://{shown_host}:{port}/ (Ctrl-C stops)", flush=True)
    server.serve(path, host, port)


@app.command(examples=["docstore delete 2", "docstore --db news.db delete 3 4 5"])
def delete(
    ctx: typer.Context,
    doc_ids: Annotated[list[int], typer.Argument(metavar="DOC_ID", help="Document ids (see `documents`).")],
) -> None:
    """Delete documents with their quotes, mentions and index entries (one transaction each)."""
    from docstore.db import session
    from docstore.store import delete_document

    missing = []
    with database(ctx, write=True) as engine:
        for doc_id in doc_ids:
            with session(engine) as s:
                if not delete_document(s, doc_id):
                    missing.append(doc_id)
    deleted = len(doc_ids) - len(missing)
    if deleted:
        sys.stderr.write(f"deleted {deleted} document{'s' if deleted != 1 else ''}\n")
    if missing:
        fail(f"no document with id {', '.join(map(str, missing))}; see `docstore documents`")


@app.command(examples=["docstore export quotes --format csv -o quotes.csv", "docstore export events"])
def export(
    ctx: typer.Context,
    what: Annotated[ExportWhat, typer.Argument(case_sensitive=False, help="What to export.")],
    fmt: Annotated[ExportFormat, choice("--format", "-f", help="Output format.")] = ExportFormat.jsonl,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE",
                                                   help="File to write (default: stdout).")] = None,
) -> None:
    """Export all quotes or events, one per line, for other tools."""
    from docstore import queries, render

    with reading(ctx) as conn:
        if what is ExportWhat.quotes:
            rows, fields = queries.export_quotes(conn), queries.QUOTE_FIELDS
        else:
            rows, fields = queries.export_events(conn), queries.EVENT_FIELDS
    if output is None:
        render.write_rows(rows, fmt.value, sys.stdout, fields)
        return
    with open(output, "w", encoding="utf-8", newline="") as f:
        render.write_rows(rows, fmt.value, f, fields)
    sys.stderr.write(f"wrote {len(rows)} {what.value} to {output}\n")


@app.command(examples=["docstore --db news.db copy --to postgresql://me@dbhost/news",
                       "docstore --db postgresql://me@dbhost/news copy --to backup.db"])
def copy(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", metavar="PATH|URL",
                                    help="The new, empty database: a PostgreSQL URL, or an SQLite file.")],
) -> None:
    """Copy the whole database (--db) into another, SQLite into PostgreSQL or back: every row, ids kept.

    One transaction on the target: it lands complete or not at all; row counts are compared at the end.
    """
    from docstore import render
    from docstore.config import database_url
    from docstore.copy import copy as run_copy

    if database_url(to) == database_url(db_option(ctx)):
        fail("--to is the database being copied; give a new, empty database")
    with database(ctx) as source, database(ctx, write=True, create=True, db=to) as target:
        copied = run_copy(source, target, on_table=lambda t, n: sys.stderr.write(f"copied {n:>9} rows of {t}\n"))
    from docstore.render import Column

    render.rows([{"table": c.table, "rows": c.rows} for c in copied],
                [Column("table", "table"), Column("rows", "rows", justify="right")], "table",
                title=f"Copied into {shown(target)}")


def check(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """Verify the database: integrity, foreign keys, offsets, quote counts, full-text index; exit 1 on problems.

    Speaker names that break the clean-name rules are warnings: listed, without changing the exit code.
    """
    from docstore.check import run

    # taken at the revision it is; writable: FTS5's own check is an INSERT command (it changes nothing)
    with database(ctx, write=True, migrate=False) as engine:
        results = run(engine)
    name = shown(engine)
    problems = sum(c.count for c in results if not c.warning)
    if fmt is not Format.table:
        from docstore import render

        rows = [{"check": c.name, "status": "skipped" if c.skipped else "ok" if c.ok else c.severity,
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
                print(f"{c.severity.upper():<8} {c.name}: {c.count}")
                for line in c.problems:
                    print(f"         {line}")
                if c.count > len(c.problems) and len(c.problems) > 1:
                    print(f"         … and {c.count - len(c.problems)} more")
        print(f"{problems} problem{'s' if problems != 1 else ''} found in {name}" if problems
              else f"database OK: {name}")
    if problems:
        raise typer.Exit(1)


app.command("check", examples=["docstore check", "docstore --db news.db check --format json"])(check)
app.command("doctor", help="Same as `check`.", examples=["docstore doctor"])(check)


@db_app.command("upgrade", examples=["docstore db upgrade", "docstore db upgrade 0005"])
def db_upgrade(ctx: typer.Context, revision: Annotated[str, typer.Argument(metavar="REVISION")] = "head") -> None:
    """Upgrade the schema (default: to the newest revision); a new database gets every table."""
    from docstore.db import upgrade

    _migrate(ctx, upgrade, revision, create=True)


@db_app.command("downgrade", examples=["docstore db downgrade", "docstore db downgrade 0005"])
def db_downgrade(ctx: typer.Context, revision: Annotated[str, typer.Argument(metavar="REVISION")] = "-1") -> None:
    """Downgrade the schema (default: one revision; `base` removes every table)."""
    from docstore.db import downgrade

    _migrate(ctx, downgrade, revision, create=False)


def _migrate(ctx: typer.Context, step: Callable[[str, str], None], revision: str, create: bool) -> None:
    """Run an Alembic step on the database and print the revision it ends at."""
    from docstore.config import database_url
    from docstore.db import current_revision

    with database(ctx, write=True, create=create, migrate=False) as engine:
        step(database_url(db_option(ctx)), revision)
        print(current_revision(engine) or "base")


@db_app.command("reindex", examples=["docstore db reindex"])
def db_reindex(ctx: typer.Context) -> None:
    """Rebuild the full-text index from the stored documents and quotes."""
    from docstore import fts
    from docstore.db import session

    with database(ctx, write=True) as engine, session(engine) as s:
        docs, quotes = fts.reindex(s)
        s.commit()
    print(f"indexed {docs} documents, {quotes} quotes")


@db_app.command("recount", examples=["docstore db recount"])
def db_recount(ctx: typer.Context) -> None:
    """Recount the speakers' quotes (kept on each speaker; `check` says when they are off)."""
    from docstore.db import session
    from docstore.store import recount_quotes

    with database(ctx, write=True) as engine, session(engine) as s:
        fixed = recount_quotes(s)
        s.commit()
    print(f"recounted quotes: {fixed} speaker{'s' if fixed != 1 else ''} corrected")


@db_app.command("current", examples=["docstore db current"])
def db_current(ctx: typer.Context) -> None:
    """Print the database's revision and the newest one this docstore knows."""
    from docstore.config import head_revision
    from docstore.db import current_revision

    with database(ctx, migrate=False) as engine:
        current = current_revision(engine)
    head = head_revision()
    print(f"{current or 'base'}{' (head)' if current == head else f' (head is {head})'}")


app.command("reextract", examples=["docstore reextract --older", "docstore reextract --all --jobs 2"])(reextract)
app.add_typer(quotes_app, name="quotes")
app.add_typer(speakers_app, name="speakers")
app.add_typer(corrections_app, name="corrections")


def main() -> None:
    try:
        app()
    finally:
        # The command is done and the process ends: nothing more needs collecting. Frozen, the
        # objects of every module imported (SQLAlchemy's, Typer's, pydantic's) are not traversed by
        # the garbage collection the interpreter runs on its way out (~100 ms CPU of a query command).
        import gc

        gc.freeze()
