"""`docstore load` when inputs or storage go wrong: one line naming each problem, the rest still loaded."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docstore.cli import app
from tests.conftest import ON_CI

GOOD = "«Работа идёт по плану», — сказал министр Иван Петров.\n"
OTHER = "Глава района встретился с фермерами. «Посевная начнётся в срок», — заявил он.\n"


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def _summary(result) -> dict:  # noqa: ANN001
    return json.loads(result.stdout)[0]


# --- paths that cannot be read --------------------------------------------------------------------------


def test_a_symlink_loop_is_one_line_and_the_file_beside_it_loads(runner, tmp_path: Path, make_db) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "a.txt").symlink_to("b.txt")
    (tmp_path / "folder" / "b.txt").symlink_to("a.txt")
    result = runner.invoke(app, ["--db", make_db(), "load", str(tmp_path / "loop.txt"), str(tmp_path / "good.txt"),
                                 str(tmp_path / "folder"), "-f", "json"])
    assert result.exit_code == 1, result.output
    assert sorted(_errors(result.stderr)) == [
        f"error: {tmp_path / name}: symbolic link loop (Too many levels of symbolic links)"
        for name in ("folder/a.txt", "folder/b.txt", "loop.txt")]
    assert (_summary(result)["documents_loaded"], _summary(result)["failed"]) == (1, 3)


def _without_root_powers() -> list[str]:
    """A command prefix under which the kernel refuses unreadable files, even to root.

    CI runs as root, and root reads a file whatever its mode: `setpriv` drops the two capabilities
    that let it (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from the bounding set, so the docstore it
    starts is refused as any user is, by the kernel itself. (Becoming another user would not do:
    the interpreter lives under /root, which no other user may read.)
    """
    if os.geteuid() != 0:
        return []
    prefix = [shutil.which("setpriv") or "setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    try:
        probe = subprocess.run([*prefix, sys.executable, "-c", "pass"], capture_output=True, timeout=60)
    except OSError as exc:
        probe = None
        why = str(exc)
    if probe is None or probe.returncode != 0:
        why = probe.stderr.decode(errors="replace").strip() if probe is not None else why
        if ON_CI:
            pytest.fail(f"cannot drop root's file capabilities to test unreadable paths: {why}")
        pytest.skip(f"cannot drop root's file capabilities here: {why}")
    return prefix


def test_unreadable_paths_are_each_one_error_and_the_rest_loads(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "locked.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "locked.txt").chmod(0)
    folder = tmp_path / "folder"
    (folder / "closed").mkdir(parents=True)
    (folder / "open.txt").write_text(OTHER, encoding="utf-8")
    (folder / "closed" / "hidden.txt").write_text("Текст, который нельзя прочитать.\n", encoding="utf-8")
    (folder / "closed").chmod(0)
    (folder / "gone.txt").symlink_to("nowhere.txt")
    (folder / "gone.pdf").symlink_to("nowhere.pdf")  # not a name load reads: no error for it
    try:
        result = subprocess.run(
            [*_without_root_powers(), sys.executable, "-c", "from docstore.cli import main; main()",
             "--db", str(tmp_path / "t.db"), "load", "locked.txt", "good.txt", "folder", "-f", "json", "-j", "1"],
            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    finally:
        (folder / "closed").chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert _errors(result.stderr) == [
        "error: locked.txt: Permission denied",
        "error: folder/closed: cannot list this folder: Permission denied",
        "error: folder/gone.txt: broken symbolic link to nowhere.txt (No such file or directory)",
    ]
    assert "Traceback" not in result.stderr
    summary = json.loads(result.stdout)[0]
    assert (summary["documents_loaded"], summary["failed"]) == (2, 3)
