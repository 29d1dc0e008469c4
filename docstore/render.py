"""Output: Rich tables for people, JSON / JSONL / CSV for programs. The only module that imports rich."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from docstore.highlight import quote_pieces

Row = dict[str, Any]
FORMATS = ("table", "json", "jsonl", "csv")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    max_width: int | None = None
    min_width: int | None = None
    ratio: int | None = None
    justify: str = "left"
    short_date: bool = False  # show an ISO datetime as «2019-04-17 23:45»
    marked: bool = False  # text with **matched words**: shown highlighted, without the asterisks


def _base64(value: bytes | memoryview) -> str:
    import base64

    return base64.b64encode(bytes(value)).decode("ascii")


def _scalar(value: Any, sep: str = ", ") -> str:
    """A value as CSV and tables write it: lists joined, binary values (BLOB, bytea) in base64."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return sep.join(_scalar(v) for v in value)
    if isinstance(value, (bytes, memoryview)):
        return _base64(value)
    return str(value)


def _cell(value: Any, col: Column) -> str:
    if isinstance(value, (bytes, memoryview)):
        return f"<{len(bytes(value))} bytes>"
    text = _scalar(value)
    if col.short_date:  # «2019-04-17T23:45:00» → «2019-04-17 23:45», or the date alone in a narrow column
        return text[: 10 if (col.max_width or 99) < 16 else 16].replace("T", " ")
    return text


def _marked(text: str) -> Any:
    """Rich Text with the ``**…**`` parts of a search snippet highlighted (Text, not markup: no escaping)."""
    from rich.text import Text

    out = Text()
    for i, part in enumerate(text.split("**")):
        out.append(part, style="bold yellow" if i % 2 else None)
    return out


def _json_default(value: Any) -> Any:
    """Dates in ISO form; binary values as sqlite-utils and Datasette write them: ``{"$base64": true, …}``."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return {"$base64": True, "encoded": _base64(value)}
    return str(value)


def dumps(row: Any) -> str:
    return json.dumps(row, ensure_ascii=False, default=_json_default)


def write_rows(rows: Sequence[Row], fmt: str, out: IO[str], fields: Sequence[str] | None = None) -> None:
    """JSON (one array), JSONL (one object a line) or CSV (lists joined with «; »); UTF-8, Cyrillic unescaped."""
    if fmt == "json":
        out.write(json.dumps(list(rows), ensure_ascii=False, indent=2, default=_json_default) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(dumps(row) + "\n")
    elif fmt == "csv":
        keys = list(fields or (rows[0].keys() if rows else []))
        writer = csv.DictWriter(out, fieldnames=keys, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _scalar(row.get(k), "; ") for k in keys})
    else:
        raise ValueError(f"unknown format {fmt!r}")


def _console(stderr: bool = False):  # noqa: ANN202
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def table(rows: Sequence[Row], columns: Sequence[Column], title: str | None = None) -> None:
    """A Rich table on stdout; long text wraps at word boundaries."""
    from rich.table import Table

    # Ratio columns share the width (so an 80-column pipe still fits) instead of being cropped.
    tbl = Table(title=title, show_lines=False, expand=any(col.ratio for col in columns))
    for col in columns:
        tbl.add_column(col.header, max_width=None if col.ratio else col.max_width, min_width=col.min_width,
                       ratio=col.ratio, justify=col.justify,
                       overflow="fold" if col.key in ("file", "document") else "ellipsis")
    for row in rows:
        tbl.add_row(*(_marked(_cell(row.get(col.key), col)) if col.marked else _cell(row.get(col.key), col)
                      for col in columns))
    console = _console()
    console.print(tbl)
    if not rows:
        console.print("(no rows)")


def rows(rows: Sequence[Row], columns: Sequence[Column], fmt: str = "table", title: str | None = None,
         out: IO[str] | None = None) -> None:
    """Every listing goes through here, so every format flag works everywhere."""
    if fmt == "table":
        table(rows, columns, title)
    else:
        write_rows(rows, fmt, out or sys.stdout)


def document(view: Row, quote_columns: Sequence[Column]) -> None:
    """The article with each quote highlighted and numbered, then the list of its quotes."""
    from rich.panel import Panel
    from rich.text import Text

    console = _console()
    meta = [f"#{view['id']}  {view['file']}"]
    meta += [v for v in (view.get("site"), view.get("section"), view.get("published"), view.get("url")) if v]
    body = Text()
    for piece in quote_pieces(view["text"], view["quotes"]):
        if piece.quote is None:
            body.append(piece.text)
            continue
        body.append(f"[{piece.number}]", style="bold magenta")
        body.append(piece.text, style="bold yellow" if piece.quote["speaker"] else "yellow")
    console.print(Panel(body, title=view.get("title") or view["file"], subtitle=" · ".join(meta), title_align="left"))
    numbered = [{"n": n, **q} for n, q in enumerate(view["quotes"], start=1)]
    table(numbered, [Column("n", "#", justify="right"), *quote_columns], title="Quotes")


def event(view: Row, document_columns: Sequence[Column], quote_columns: Sequence[Column]) -> None:
    """One event: what, when, where and who, then its documents and the quotes said there."""
    from rich.table import Table

    console = _console()
    facts = Table(title=f"Event {view['id']}", show_header=False, box=None, padding=(0, 1))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    for label, value in (("name", view["name"]), ("kind", view["kind"]), ("date", view["date"] or "unknown"),
                         ("place", view["location"] or "unknown"),
                         ("participants", _scalar([p["name"] for p in view["participants"]]) or "none known")):
        facts.add_row(label, value)
    console.print(facts)
    table(view["documents"], document_columns, title="Documents")
    table(view["quotes"], quote_columns, title="Quotes said there")


def summary(lines: Sequence[Row], title: str = "Summary") -> None:
    """Rows of {what, run, total}: what this run did next to what the database holds."""
    table(lines, [Column("what", ""), Column("run", "this run", justify="right"),
                  Column("total", "in database", justify="right")], title=title)


def error(message: str) -> None:
    """One line on stderr, no traceback."""
    sys.stderr.write(f"error: {message}\n")
    sys.stderr.flush()


class Progress:
    """A progress bar on stderr; error lines print above it."""

    def __init__(self, bar: Any, task: Any) -> None:
        import time

        self._bar, self._task = bar, task
        self._clock = time.monotonic
        self._start, self._docs = time.monotonic(), 0

    def document(self, label: str) -> None:
        """One more document in the database: the bar names it; the rate is documents per second since the start."""
        self._docs += 1
        elapsed = max(self._clock() - self._start, 1e-9)
        self._bar.update(self._task, description=label[-40:], rate=f"{self._docs / elapsed:.1f} docs/s")

    def advance(self) -> None:
        """One more source (file) done."""
        self._bar.update(self._task, advance=1)

    def error(self, message: str) -> None:
        self._bar.console.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)

    def warning(self, message: str) -> None:
        self._bar.console.print(f"warning: {message}", markup=False, highlight=False, soft_wrap=True)


@contextmanager
def progress(total: int, label: str = "loading", console: Any = None) -> Iterator[Progress]:
    """A bar over ``total`` sources on stderr (or ``console``), labelled with the last document stored."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as Bar

    # The spinner and the elapsed time move while one long document is extracted, when nothing else does.
    bar = Bar(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
              TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
              console=console or _console(stderr=True), transient=False)
    with bar:
        yield Progress(bar, bar.add_task(label, total=total, rate=""))


def text_out(value: str) -> None:
    sys.stdout.write(value + ("" if value.endswith("\n") else "\n"))


__all__ = ["Column", "FORMATS", "document", "dumps", "error", "event", "progress", "rows", "summary", "table",
           "text_out", "write_rows"]
