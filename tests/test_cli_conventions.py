"""What holds for every command alike (docstore/command.py): no traceback, one database helper,
choices, dates, empty values, help with examples."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import typer.main

from docstore import __version__, queries
from docstore.cli import app
from tests.conftest import HEADER_SEED, ON_CI

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> dict[str, object]:
    """Every command by its path (`quotes`, `db upgrade`), and the groups (`docstore`, `db`)."""
    top = typer.main.get_command(app)
    found: dict[str, object] = {"": top}
    for name, cmd in top.commands.items():
        found[name] = cmd
        for sub, subcmd in getattr(cmd, "commands", {}).items():
            found[f"{name} {sub}"] = subcmd
    return found


def _one_line_error(result, start: str, code: int = 1) -> None:
    assert result.exit_code == code, result.output
    assert result.stderr.startswith(f"error: {start}"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


# --- no traceback reaches a user --------------------------------------------------------------------------

def test_an_unexpected_error_is_one_line_naming_the_debug_switch(cli, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.delenv("DOCSTORE_DEBUG", raising=False)
    monkeypatch.setattr(queries, "speakers", broken)
    result = cli("speakers")
    assert result.exit_code == 1
    assert result.stderr == "error: RuntimeError: boom; run with DOCSTORE_DEBUG=1 for details\n"


BROKEN = """
import sys
import docstore.queries
def broken(*args, **kwargs):
    raise ZeroDivisionError("boom")
docstore.queries.speakers = broken
from docstore.cli import main
sys.argv = ["docstore", "--db", sys.argv[1], "speakers"]
main()
"""


@pytest.mark.sqlite_only
@pytest.mark.parametrize("debug", ["", "1"])
def test_docstore_debug_shows_the_traceback(seeded_db: str, debug: str) -> None:
    env = {**os.environ, "DOCSTORE_DEBUG": debug}
    done = subprocess.run([sys.executable, "-c", BROKEN, seeded_db], capture_output=True, text=True, env=env,
                          cwd=ROOT)
    assert done.returncode != 0
    if debug:
        assert "Traceback (most recent call last)" in done.stderr and "ZeroDivisionError: boom" in done.stderr
    else:
        assert done.stderr == "error: ZeroDivisionError: boom; run with DOCSTORE_DEBUG=1 for details\n"


def test_docstore_debug_leaves_worded_errors_one_line(cli, monkeypatch) -> None:
    monkeypatch.setenv("DOCSTORE_DEBUG", "1")
    _one_line_error(cli("show", "999"), "no document with id 999")


@pytest.mark.parametrize("step", ["upgrade", "downgrade"])
def test_an_unknown_revision_is_one_line(cli, seeded_copy: str, step: str) -> None:
    _one_line_error(cli("db", step, "0099", db=seeded_copy), f"cannot {step} to '0099': Can't locate revision")
    assert cli("db", "current", db=seeded_copy).stdout.strip().endswith("(head)")


def test_an_unsupported_database_is_one_line(runner) -> None:
    result = runner.invoke(app, ["--db", "mysql://me@dbhost/news", "speakers"])
    _one_line_error(result, "docstore works with SQLite and PostgreSQL databases, not mysql")


@pytest.mark.postgresql_only
def test_serve_refuses_postgresql_in_one_line(cli) -> None:
    _one_line_error(cli("serve"), "serve: Datasette reads SQLite files only; copy the database into one first")


# --- the database: read commands never create one; read-only files are read ------------------------------

READERS = [["documents"], ["speakers"], ["quotes"], ["search", "полиция"], ["events"], ["event", "1"],
           ["show", "1"], ["export", "quotes"], ["sql", "SELECT 1"], ["check"], ["delete", "1"], ["db", "current"],
           ["db", "downgrade"], ["db", "reindex"], ["db", "recount"], ["copy", "--to", "other.db"]]


@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_a_mistyped_database_is_refused_not_created(runner, tmp_path: Path, monkeypatch, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--db", "typo.db", *args])
    _one_line_error(result, "no database at typo.db; `docstore load` creates one")
    assert list(tmp_path.iterdir()) == []


def test_the_default_database_is_refused_too_when_missing(runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DOCSTORE_DB", raising=False)
    _one_line_error(runner.invoke(app, ["speakers"]), "no database at docstore.db; `docstore load` creates one")


@pytest.mark.sqlite_only
def test_a_file_name_with_url_characters_is_a_path(runner, seeded_copy: str, tmp_path: Path) -> None:
    odd = tmp_path / "a b%20?#.db"
    shutil.copy(seeded_copy, odd)
    result = runner.invoke(app, ["--db", str(odd), "documents", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 2


READ_ONLY = """
import sys
from docstore.cli import main
sys.argv = ["docstore", "--db", sys.argv[1], *sys.argv[2:]]
main()
"""


@pytest.mark.sqlite_only
@pytest.mark.parametrize("args", [["speakers", "-f", "json"], ["search", "полиция", "-f", "json"],
                                  ["sql", "SELECT count(*) AS n FROM quotes", "-f", "json"]], ids=" ".join)
def test_a_read_only_database_in_a_read_only_folder_can_be_queried(seeded_copy: str, args: list[str]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="docstore-ro-"))
    db = folder / "news.db"
    shutil.copy(seeded_copy, db)
    as_user: list[str] = []
    if os.geteuid() == 0:  # root may write anything: run as nobody, for whom the folder is read-only
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot take a user's permissions")
        as_user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    os.chmod(db, 0o444)
    os.chmod(folder, 0o555)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        if as_user:  # nobody must be able to read the checkout and its virtualenv (.ci/run's copy can be read)
            probe = subprocess.run([*as_user, sys.executable, "-c", "import docstore.cli"], capture_output=True,
                                   text=True, cwd="/", env=env)
            if probe.returncode != 0:
                (pytest.fail if ON_CI else pytest.skip)(
                    f"nobody cannot import docstore from {ROOT}: {probe.stderr.strip().splitlines()[-1]}")
        done = subprocess.run([*as_user, sys.executable, "-c", READ_ONLY, str(db), *args], capture_output=True,
                              text=True, cwd="/", env=env)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)
        assert sorted(p.name for p in folder.iterdir()) == ["news.db"]
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)


# --- choices, dates, empty values ------------------------------------------------------------------------

def test_kind_is_a_case_insensitive_choice(cli) -> None:
    wrong = cli("quotes", "--kind", "bogus")
    assert wrong.exit_code == 2
    assert all(k in wrong.stderr for k in ("'bogus'", "'direct'", "'indirect'", "'partial'"))
    direct = json.loads(cli("quotes", "--kind", "direct", "-f", "json").stdout)
    assert direct and json.loads(cli("quotes", "--kind", "DIRECT", "-f", "json").stdout) == direct
    assert json.loads(cli("quotes", "--kind", "Direct", "--format", "JSON").stdout) == direct
    assert cli("export", "QUOTES", "--format", "CSV").stdout.startswith("document,text,")


def _options(cmd) -> set[str]:
    return {opt for param in cmd.params for opt in getattr(param, "opts", [])}


def test_every_fixed_set_of_values_is_a_case_insensitive_choice() -> None:
    choices = [(path, param.name, param.type_descriptor) for path, cmd in _commands().items() for param in cmd.params
               if param.type_descriptor.is_choice]
    assert len(choices) >= 8  # --format everywhere, --kind, export's two
    assert [(path, name) for path, name, desc in choices if desc.case_sensitive] == []


DATED_COMMANDS = sorted(path for path, cmd in _commands().items() if "--since" in _options(cmd))


def test_the_commands_with_dates_are_known() -> None:
    assert DATED_COMMANDS == ["events", "quotes", "search"]


@pytest.mark.parametrize("command", DATED_COMMANDS)
@pytest.mark.parametrize("since, until", [("2019", "2019"), ("2019-04", "2019-04"), ("2019-04-17", "2019-04-17")])
def test_every_dated_command_takes_the_same_date_forms(cli, command: str, since: str, until: str) -> None:
    args = [command, *(["полиция"] if command == "search" else []), "--since", since, "--until", until, "-f", "json"]
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)  # the header seed is of 17 April 2019
    _one_line_error(cli(*args[:-4], "--since", "17.04.2019"), "--since: '17.04.2019' is not a date")


EMPTY = [["quotes", "--speaker", ""], ["quotes", "--about", " "], ["events", "--speaker", ""],
         ["events", "--place", ""], ["events", "--kind", ""], ["search", "полиция", "--speaker", ""],
         ["load", "--text-field", ""], ["copy", "--to", ""]]


@pytest.mark.parametrize("args", EMPTY, ids=" ".join)
def test_an_empty_filter_is_an_error_not_no_filter(cli, args: list[str]) -> None:
    option = next(a for a in args if a.startswith("--"))
    _one_line_error(cli(*args), f"{option} is empty; give a value or leave the option out")


@pytest.mark.parametrize("args, name", [(["sql", ""], "SQL"), (["search", "  "], "QUERY")])
def test_an_empty_argument_is_an_error(cli, args: list[str], name: str) -> None:
    _one_line_error(cli(*args), f"{name} is empty")


def test_an_empty_database_option_is_an_error(runner) -> None:
    _one_line_error(runner.invoke(app, ["--db", "", "speakers"]), "--db is empty")


# --- help: summaries, metavars, examples, version --------------------------------------------------------

@pytest.mark.parametrize("path", list(_commands()), ids=lambda p: p or "docstore")
def test_every_command_ends_its_help_with_examples(runner, path: str) -> None:
    result = runner.invoke(app, [*path.split(), "--help"])
    assert result.exit_code == 0
    lines = [line.strip() for line in result.stdout.rstrip().splitlines()]
    start = len(lines) - 1 - lines[::-1].index("Examples:")
    examples = lines[start + 1:]
    assert 1 <= len(examples) <= 2, result.stdout
    assert all(e.startswith("docstore ") and (path.split() or [""])[-1] in e for e in examples), examples
    assert "<list[" not in result.stdout


def test_the_listings_show_each_summary_whole(runner) -> None:
    for path, cmd in _commands().items():
        if path:
            assert cmd.get_short_help_str(10**6) == cmd.help.strip().splitlines()[0], path
    db_help = runner.invoke(app, ["--help"]).stdout.split("\n  db ")[1]
    group = _commands()["db"]
    assert all(name in group.help for name in group.commands), group.help
    assert db_help  # listed


def test_version(runner) -> None:
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"docstore {__version__}\n"
    assert version("docstore") == __version__  # the package's metadata is read from the same place


# --- sql: empty, VACUUM, binary columns ------------------------------------------------------------------

@pytest.mark.sqlite_only  # PostgreSQL runs no VACUUM inside a transaction, and `sql` runs in one
def test_vacuum_without_write_says_to_add_it(cli, seeded_copy: str) -> None:
    refused = cli("sql", "VACUUM", db=seeded_copy)
    _one_line_error(refused, "sql: ")
    assert "add --write to change it" in refused.stderr
    assert cli("sql", "VACUUM", "--write", db=seeded_copy).exit_code == 0


BINARY = {"sqlite": "SELECT x'00ff10' AS b, 'текст' AS t", "postgresql": "SELECT '\\x00ff10'::bytea AS b, 'текст' AS t"}


def test_binary_columns_are_base64_in_json_and_csv(cli, backend: str) -> None:
    rows = json.loads(cli("sql", BINARY[backend], "-f", "json").stdout)
    assert rows == [{"b": {"$base64": True, "encoded": "AP8Q"}, "t": "текст"}]
    assert cli("sql", BINARY[backend], "-f", "csv").stdout == "b,t\nAP8Q,текст\n"
    assert "<3 bytes>" in cli("sql", BINARY[backend]).stdout


def test_a_folder_with_nothing_to_load_is_an_error(runner, tmp_path: Path, make_db) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK")
    result = runner.invoke(app, ["--db", make_db(), "load", str(tmp_path), str(HEADER_SEED), "-f", "json"])
    assert result.exit_code == 1
    assert f"error: {tmp_path}: no file to load in this folder" in result.stderr
    summary = json.loads(result.stdout)[0]
    assert (summary["documents_loaded"], summary["failed"]) == (1, 1)  # the folder counts as failed
