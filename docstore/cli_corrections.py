"""The commands on speakers and quotes, the corrections made by hand, and re-extraction.

`speakers` and `quotes` list when run alone and hold the corrections as subcommands
(`speakers merge|rename|split`, `quotes reassign|reject`); `corrections` lists them and
`corrections undo ID` takes one back; `reextract` runs the current extractor over the stored
texts. Each correction is recorded and applied in one transaction (docstore/corrections.py).

No ``from __future__ import annotations``: Typer reads these annotations at each start (see cli.py).
"""

import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Annotated, Any, Optional

import typer

from docstore.command import (
    QUOTE_COLUMNS,
    App,
    Format,
    FormatOpt,
    LimitOpt,
    QuoteKind,
    SinceOpt,
    SpeakerIdOpt,
    SpeakerOpt,
    UntilOpt,
    choice,
    columns,
    cores,
    database,
    fail,
    period,
    reading,
    shown,
    speaker_of,
    with_source,
)

speakers_app = App(
    help="List speakers (with --format json: their documents, aliases and why mentions were joined); "
         "merge, rename or split them by hand.",
    examples=["docstore speakers --limit 20", "docstore speakers merge 3 7"],
    rich_markup_mode=None,
)
quotes_app = App(
    help="List quotes; reassign or reject one by hand.",
    examples=["docstore quotes --speaker Токаев --kind direct --since 2019-04", "docstore quotes reject 12"],
    rich_markup_mode=None,
)
corrections_app = App(
    help="The corrections made by hand (speakers merged, renamed, split; quotes reassigned, rejected); undo one.",
    examples=["docstore corrections", "docstore corrections undo 3"],
    rich_markup_mode=None,
)

PARALLEL_FROM = 16  # documents: fewer re-extract faster in this process than workers start (a model load each)
SPEAKER_COLUMNS: list[tuple[str, str, Optional[int]]] = [
    ("id", "id", None), ("name", "name", 30), ("kind", "kind", None), ("aliases", "aliases", 50),
    ("quotes", "quotes", None)]
SpeakerArg = Annotated[str, typer.Argument(metavar="SPEAKER", help="Speaker id or name (see `speakers`).")]


@contextmanager
def correcting(ctx: typer.Context) -> Iterator[Any]:
    """One write transaction: the correction's row and its changes are stored together, or neither."""
    with database(ctx, write=True) as engine, engine.begin() as conn:
        yield conn


def _speaker(conn: Any, value: str) -> Any:
    """A speaker by id (digits) or by name in any case form."""
    from docstore import queries

    value = value.strip()
    return queries.get_speaker(conn, int(value)) if value.isdigit() else queries.resolve_speaker(conn, value)


def _said(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return f"«{text if len(text) <= width else text[: width - 1] + '…'}»"


# --- speakers ----------------------------------------------------------------------------------------------


@speakers_app.callback(invoke_without_command=True)
def speakers(ctx: typer.Context, fmt: FormatOpt = Format.table, limit: LimitOpt = None) -> None:
    """List speakers: canonical name, kind, aliases seen, number of quotes.

    With --format json (or jsonl) also each speaker's documents, the aliases with how
    many quotes each, and why mentions were joined.
    """
    if ctx.invoked_subcommand is not None:
        return
    from docstore import queries, render

    with reading(ctx) as conn:
        rows = queries.speakers(conn, limit=limit, explained=fmt in (Format.json, Format.jsonl))
    render.rows(rows, columns(SPEAKER_COLUMNS), fmt.value, title="Speakers")


@speakers_app.command("merge", examples=["docstore speakers merge 3 7", 'docstore speakers merge "Иван Петров" Петров'])
def merge(ctx: typer.Context,
          keep: Annotated[str, typer.Argument(metavar="A", help="The speaker that stays: id or name.")],
          other: Annotated[str, typer.Argument(metavar="B", help="The speaker merged into A: id or name.")]) -> None:
    """Merge speaker B into A: B's quotes, mentions, events and aliases become A's, B's name an alias of A."""
    from docstore import corrections

    with correcting(ctx) as conn:
        a, b = _speaker(conn, keep), _speaker(conn, other)
        if a.id == b.id:
            fail(f"A and B are one speaker, {a.name} (id {a.id}); give two")
        cid, n = corrections.record(conn, "merge", f"{b.name} (id {b.id}) into {a.name} (id {a.id})",
                                    {"into": {"key": a.key, "name": a.name}, "from": {"key": b.key, "name": b.name}})
    print(f"correction {cid}: {b.name} merged into {a.name} (id {a.id}), {n} quote{'s' * (n != 1)} moved")


@speakers_app.command("rename", examples=['docstore speakers rename 4 "Иван Петров"'])
def rename(ctx: typer.Context, speaker: SpeakerArg,
           name: Annotated[str, typer.Argument(metavar="NAME", help="The name in the nominative: first name, surname.")]
           ) -> None:
    """Rename a speaker; if another speaker has that name already, the two become one."""
    from docstore import corrections
    from docstore.names import name_key

    new_name = " ".join(name.split())
    with correcting(ctx) as conn:
        sp = _speaker(conn, speaker)
        if new_name == sp.name:
            fail(f"speaker {sp.id} is named {sp.name} already")
        other = corrections.speaker_by_key(conn, name_key(new_name))
        cid, _ = corrections.record(conn, "rename", f"{sp.name} (id {sp.id}) → {new_name}",
                                    {"key": sp.key, "name": sp.name, "new_name": new_name, "new_key": name_key(new_name)})
    joined = f", merged into {other.name} (id {other.id})" if other is not None and other.id != sp.id else ""
    print(f"correction {cid}: {sp.name} (id {sp.id}) renamed {new_name}{joined}")


@speakers_app.command("split", examples=['docstore speakers split 4 --alias Петров',
                                         'docstore speakers split 4 --alias "И. Петров" --name "Игорь Петров"'])
def split(ctx: typer.Context, speaker: SpeakerArg,
          alias: Annotated[list[str], typer.Option("--alias", "-a", metavar="ALIAS",
                                                   help="An alias of the speaker that names someone else (repeatable).")],
          name: Annotated[Optional[str], typer.Option("--name", metavar="NAME",
                                                      help="That other speaker's name [default: the first alias].")] = None,
          ) -> None:
    """Split off the mentions and quotes under some aliases into another speaker (new, or of that name)."""
    from sqlalchemy import select

    from docstore import corrections
    from docstore.names import fold, name_key
    from docstore.schema import speaker_aliases

    with correcting(ctx) as conn:
        sp = _speaker(conn, speaker)
        have = dict(conn.execute(select(speaker_aliases.c.key, speaker_aliases.c.alias)
                                 .where(speaker_aliases.c.speaker_id == sp.id)).all())
        for a in alias:
            if fold(a) not in have:
                listed = ", ".join(v for k, v in have.items() if k != sp.key) or "none"
                fail(f"speaker {sp.name} (id {sp.id}) has no alias {a!r}; its aliases: {listed}")
            if fold(a) == sp.key:
                fail(f"{a!r} is the speaker's own name; split off its other aliases, or rename it")
        keys = list(dict.fromkeys(fold(a) for a in alias))
        new_name = " ".join((name or have[keys[0]]).split())
        cid, n = corrections.record(conn, "split", f"{sp.name} (id {sp.id}): {', '.join(alias)} → {new_name}",
                                    {"key": sp.key, "from_name": sp.name, "aliases": keys, "name": new_name,
                                     "new_key": name_key(new_name)})
        new = corrections.speaker_by_key(conn, name_key(new_name))
    print(f"correction {cid}: {n} quote{'s' * (n != 1)} of {sp.name} moved to {new_name} (id {new.id})")


# --- quotes ------------------------------------------------------------------------------------------------


@quotes_app.callback(invoke_without_command=True)
def quotes(
    ctx: typer.Context,
    speaker: SpeakerOpt = None,
    speaker_id: SpeakerIdOpt = None,
    kind: Annotated[Optional[QuoteKind], choice("--kind", "-k", help="Kind of quote.")] = None,
    document: Annotated[Optional[int], typer.Option("--document", "-d", metavar="DOC_ID", help="Document id.")] = None,
    event: Annotated[Optional[int], typer.Option("--event", "-e", metavar="ID", help="Event id (see `events`).")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    about: Annotated[Optional[str], typer.Option(
        "--about", "-a", metavar="QUERY", help='Only quotes matching this search query (any word form; "phrase", OR, -word).')] = None,
    fmt: FormatOpt = Format.table,
    limit: LimitOpt = None,
) -> None:
    """List quotes, by speaker, kind, document, event, date or what they are about.

    --since/--until filter on the date of the event a quote was said at, else on the
    publication date of its document.
    """
    if ctx.invoked_subcommand is not None:
        return
    from docstore import queries, render

    first, last = period(since, until)
    with reading(ctx) as conn:
        sp = speaker_of(conn, speaker, speaker_id)
        title = f"Quotes of {sp.name}" if sp else "Quotes"
        if document is not None:
            queries.get_document(conn, document)
        if event is not None:
            title += f" at {queries.get_event(conn, event).name}"
        rows = queries.quotes(conn, speaker_id=sp.id if sp else None, kind=kind.value if kind else None,
                              document_id=document,
                              event_id=event, since=first, until=last, limit=limit, about=about)
    if fmt is Format.table:
        rows = with_source(rows)
    render.rows(rows, columns(QUOTE_COLUMNS), fmt.value, title=title)


QuoteArg = Annotated[int, typer.Argument(metavar="QUOTE_ID", help="Quote id (see `quotes --format json`, `show`).")]


@quotes_app.command("reassign", examples=['docstore quotes reassign 12 --speaker "Иван Петров"',
                                          "docstore quotes reassign 12 --speaker-id 4"])
def reassign(ctx: typer.Context, quote_id: QuoteArg, speaker: SpeakerOpt = None, speaker_id: SpeakerIdOpt = None) -> None:
    """Give a quote to another speaker (who said it, as the text has it)."""
    from docstore import corrections

    if speaker is None and speaker_id is None:
        fail("whose quote is it? give --speaker NAME or --speaker-id ID")
    with correcting(ctx) as conn:
        q = corrections.quote_key(conn, quote_id)
        sp = speaker_of(conn, speaker, speaker_id)
        if q["was"] is not None and q["was"]["key"] == sp.key:
            fail(f"quote {quote_id} is {sp.name}'s already")
        was = q.pop("was")
        cid, _ = corrections.record(conn, "reassign", f"quote {quote_id} {_said(q['text'])} → {sp.name}",
                                    {**q, "speaker": {"key": sp.key, "name": sp.name}, "was": was})
    print(f"correction {cid}: quote {quote_id} is {sp.name}'s (id {sp.id})")


@quotes_app.command("reject", examples=["docstore quotes reject 12"])
def reject(ctx: typer.Context, quote_id: QuoteArg) -> None:
    """Not a quote: it leaves quotes, search, export and the web pages (`corrections undo` brings it back)."""
    from docstore import corrections

    with correcting(ctx) as conn:
        q = corrections.quote_key(conn, quote_id)
        cid, _ = corrections.record(conn, "reject", f"quote {quote_id} {_said(q['text'])}", q)
    print(f"correction {cid}: quote {quote_id} rejected")


# --- corrections -------------------------------------------------------------------------------------------


@corrections_app.callback(invoke_without_command=True)
def corrections_list(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """List the corrections made by hand, oldest first: who, when, what, and whether still in force."""
    if ctx.invoked_subcommand is not None:
        return
    from docstore import corrections, render

    with reading(ctx) as conn:
        rows = corrections.listing(conn)
    if fmt is Format.csv:  # one cell: the payload as JSON
        rows = [{**r, "payload": render.dumps(r["payload"])} for r in rows]
    render.rows(rows, columns([("id", "id", None), ("created_at", "when (UTC)", 19), ("who", "who", 12),
                               ("action", "action", None), ("target", "what", 60), ("state", "state", None)]),
                fmt.value, title="Corrections")


@corrections_app.command("undo", examples=["docstore corrections undo 3"])
def undo(ctx: typer.Context,
         correction_id: Annotated[int, typer.Argument(metavar="ID", help="Correction id (see `corrections`).")]) -> None:
    """Undo a correction: the documents it changed get the extractor's answer again.

    They are re-extracted from their stored text, the other corrections re-applied.
    """
    from docstore import corrections, reextract, render
    from docstore.extract import extract

    with database(ctx, write=True) as engine:
        with engine.connect() as conn:
            row = corrections.get(conn, correction_id)
            if row.undone_at is not None:
                fail(f"correction {correction_id} was undone already ({row.undone_at:%Y-%m-%d %H:%M})")
            articles = [reextract.article_of(conn, doc_id) for doc_id in corrections.documents_of(conn, row)]
        items = []
        with render.progress(len(articles), label="re-extracting") if len(articles) >= PARALLEL_FROM \
                else nullcontext() as bar:
            for article in articles:  # all extracted first: the undo and their new rows are one transaction
                items.append((article, extract(article)))
                if bar is not None:
                    bar.advance()
        results = reextract.write(engine, items, first=lambda conn: corrections.mark_undone(conn, correction_id))
    print(f"correction {correction_id} undone: {len(results)} document{'s' * (len(results) != 1)} re-extracted")


# --- reextract ---------------------------------------------------------------------------------------------


def reextract(
    ctx: typer.Context,
    everything: Annotated[bool, typer.Option("--all", help="Every stored document.")] = False,
    older: Annotated[bool, typer.Option(
        "--older", help="Those an older (or unknown) extractor version produced [the default].")] = False,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1,
        help=f"Worker processes extracting in parallel [default: the number of cores; 1 under {PARALLEL_FROM} "
             "documents].")] = None,
    fmt: Annotated[Format, choice("--format", "-f", help="Summary format.")] = Format.table,
) -> None:
    """Re-run the current extractor over the texts stored in the database (no files needed).

    Each document is replaced in its own transaction and stamped with the extractor's version;
    quotes unchanged keep their ids, and the corrections made by hand are re-applied. Killed at
    any moment, `docstore reextract --older` goes on with the documents not done yet.
    """
    from docstore import reextract as run
    from docstore import render
    from docstore.extract import extract, version

    if everything and older:
        fail("--all and --older: give one (--all takes every document, --older those of another extractor)")
    with database(ctx, write=True) as engine:
        with engine.connect() as conn:
            ids = run.chosen(conn, everything)
        if jobs is None:
            jobs = cores() if len(ids) >= PARALLEL_FROM else 1
        with render.progress(len(ids), label="re-extracting") as bar:
            def done(label: str) -> None:
                bar.document(label)
                bar.advance()

            summary = run.run(engine, ids, extract, jobs=min(jobs, max(len(ids), 1)), on_document=done,
                              on_error=bar.error)
        name = shown(engine)
    lines = {"documents re-extracted": summary.documents, "failed": summary.failed, "quotes added": summary.added,
             "quotes removed": summary.removed, "quotes re-attributed": summary.reattributed}
    if fmt is Format.table:
        render.summary([{"what": "extractor version", "run": version.EXTRACTOR_VERSION, "total": ""}]
                       + [{"what": k, "run": v, "total": ""} for k, v in lines.items()], title=f"Re-extracted in {name}")
    else:
        render.write_rows([{k.replace(" ", "_").replace("-", "_"): v for k, v in lines.items()}], fmt.value, sys.stdout)
    if summary.storage:
        fail(f"database: {summary.storage}; every document before it is re-extracted")
    if summary.interrupted:
        again = "run it again to start over" if everything else "the same command goes on with the rest"
        sys.stderr.write(f"interrupted after {summary.documents} documents: each is whole (as it was, or re-extracted "
                         f"and stamped); {again}\n")
        raise typer.Exit(130)
    if summary.failed:
        raise typer.Exit(1)
