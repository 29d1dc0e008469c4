"""README's samples, run as printed: every `$ docstore …` line of its ```console blocks, in README order,
in one new folder holding a copy of examples/, each output compared with the lines README prints under it.

    python -m tests.readme            # list the samples whose output differs from README's
    python -m tests.readme --update   # write the real output into README.md (after the extractor changed)

README's conventions, so that a sample is both what a user sees and checkable:
- a line «…» alone (or alone in a table's row) stands for any number of lines: an excerpt
  (--update leaves such samples as they are and lists them when they differ);
- `$ echo $?` prints the exit code of the command before; `>/dev/null` after a command discards its output;
- tables are 100 columns wide (COLUMNS=100); the folder is shown as ~/news; document rates, elapsed times and
  ETAs of the progress bar, when a correction was made (`corrections`), and runs of spaces, are not
  compared; corrections are made by DOCSTORE_USER=anna.
```python blocks run too: a line `# value` under an expression is that expression's repr.
"""

from __future__ import annotations

import ast
import io
import os
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SHOWN_AS = "~/news"  # the folder the samples run in, as README shows it
WIDTH = "100"
ELLIPSIS = "…"
_BORDERS = "│┃|"
_VOLATILE = [(re.compile(r"\d+(\.\d+)? docs/s"), "N docs/s"), (re.compile(r"\d+:\d\d:\d\d ETA"), "- ETA"),
             (re.compile(r"ETA \S+"), "ETA -"),
             (re.compile(r"━+"), "━"),
             # when a correction was made: the second column of `corrections`, after its id
             (re.compile(r"^(│ \d+ +│ )\d{4}-\d\d-\d\d \d\d:\d\d"), r"\1WHEN"), (re.compile(r"\s+"), " ")]


@dataclass
class Sample:
    command: str  # as printed, without «$ »
    first: int  # index of the command's line in README
    expected: list[str] = field(default_factory=list)

    @property
    def excerpt(self) -> bool:
        return any(_is_ellipsis(line) for line in self.expected)


def _is_ellipsis(line: str) -> bool:
    """«…» alone, or alone in a table's row between its borders."""
    return re.sub(rf"[{_BORDERS}\s]", "", line) == ELLIPSIS


def samples(lines: list[str]) -> Iterator[Sample]:
    """The commands of README's ```console blocks with the output printed under each."""
    block, current = False, None
    for number, line in enumerate(lines):
        if line.startswith("```"):
            if current is not None:
                yield current
                current = None
            block = line.strip() == "```console"
            continue
        if not block:
            continue
        if line.startswith("$ "):
            if current is not None:
                yield current
            current = Sample(line[2:], number)
        elif current is not None:
            current.expected.append(line)


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, re.M | re.S)


def normal(line: str, folder: str | None = None) -> str:
    if folder:
        line = line.replace(folder, SHOWN_AS)
    for pattern, replacement in _VOLATILE:
        line = pattern.sub(replacement, line)
    return line.strip()


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line, «…» standing for any run of lines."""
    exp = [None if _is_ellipsis(line) else normal(line) for line in expected]
    act = [normal(line) for line in actual]
    while exp and exp[-1] == "":
        exp.pop()

    def match(i: int, j: int) -> bool:
        if i == len(exp):
            return j == len(act)
        if exp[i] is None:
            return any(match(i + 1, k) for k in range(j, len(act) + 1))
        return j < len(act) and exp[i] == act[j] and match(i + 1, j + 1)

    return match(0, 0)


@contextmanager
def sandbox() -> Iterator[Path]:
    """A new short-named folder (the load summary's title must not wrap) with examples/, as the cwd."""
    folder = Path(tempfile.mkdtemp(prefix="n", dir="/tmp" if os.path.isdir("/tmp") else None))
    shutil.copytree(ROOT / "examples", folder / "examples")
    before, env = os.getcwd(), dict(os.environ)
    os.chdir(folder)
    os.environ.pop("DOCSTORE_DB", None)
    os.environ["COLUMNS"] = WIDTH
    os.environ["DOCSTORE_USER"] = "anna"
    try:
        yield folder
    finally:
        os.chdir(before)
        os.environ.clear()
        os.environ.update(env)
        shutil.rmtree(folder, ignore_errors=True)


def _invoke(words: list[str]) -> tuple[int, str]:
    """Run docstore in this process, stdout and stderr into one stream in the order they are written,
    as a terminal shows them."""
    from docstore.cli import app

    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        try:
            app(words, prog_name="docstore")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return code, out.getvalue()


def run_all(found: list[Sample], folder: Path) -> list[list[str]]:
    """Each sample's output lines, run in order in ``folder`` (the current directory)."""
    outputs, code = [], 0
    for sample in found:
        words = shlex.split(sample.command, comments=True)
        discard = words[-1:] == [">/dev/null"]
        words = words[:-1] if discard else words
        if words == ["echo", "$?"]:
            outputs.append([str(code)])
            continue
        assert words[0] == "docstore", f"README line {sample.first + 1}: only docstore commands run: {sample.command}"
        code, text = _invoke(words[1:])
        text = "" if discard else text.replace(str(folder), SHOWN_AS)
        outputs.append([line.rstrip() for line in text.splitlines()])
    return outputs


def check(update: bool = False) -> list[str]:
    """The samples whose output differs, as messages; with ``update``, README gets the real output of
    those without excerpts."""
    lines = README.read_text(encoding="utf-8").split("\n")
    found = list(samples(lines))
    with sandbox() as folder:
        outputs = run_all(found, folder)
    problems, replacements = [], []
    for sample, actual in zip(found, outputs):
        if matches(sample.expected, actual):
            continue
        if update and not sample.excerpt:
            replacements.append((sample, actual))
            continue
        problems.append(f"README line {sample.first + 1}: $ {sample.command}\n  README shows:\n    "
                        + "\n    ".join(sample.expected) + "\n  it prints:\n    " + "\n    ".join(actual))
    for sample, actual in sorted(replacements, key=lambda r: -r[0].first):
        start = sample.first + 1
        blank = sample.expected[-1:] == [""] and len(sample.expected) > 0
        lines[start:start + len(sample.expected)] = actual + ([""] if blank else [])
    if replacements:
        README.write_text("\n".join(lines), encoding="utf-8")
    return problems


def run_python(blocks: list[str]) -> None:
    """Run the ```python blocks in order, in one namespace; a `# value` line under an expression is
    compared with the expression's repr."""
    scope: dict = {}
    for block in blocks:
        _run_block(block, scope)


def _run_block(block: str, scope: dict) -> None:
    tree = ast.parse(block)
    source = block.split("\n")
    for stmt in tree.body:
        code = compile(ast.Module([stmt], []), "README.md", "exec")
        if isinstance(stmt, ast.Expr):
            value = eval(compile(ast.Expression(stmt.value), "README.md", "eval"), scope)
            after = source[stmt.end_lineno] if stmt.end_lineno < len(source) else ""
            if after.startswith("# "):
                assert repr(value) == after[2:], f"README: {ast.unparse(stmt)} gives {value!r}, not {after[2:]}"
        else:
            exec(code, scope)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    left = check(update="--update" in sys.argv[1:])
    print("\n\n".join(left) if left else "README's samples print what README shows")
    sys.exit(1 if left else 0)
