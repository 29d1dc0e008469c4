"""The wheel ships every module of docstore/, the web templates, the migrations and the seeds, and nothing else.

Built offline with the virtualenv's own setuptools (the test extra pins one that needs no `wheel`
package), from a copy of the sources: setuptools' in-tree build/ folder keeps files deleted since.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "setup.py", "README.md", "docstore", "migrations", "seeds")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc")


def _files(folder: str, pattern: str, inside: str) -> set[str]:
    return {f"{inside}/{p.relative_to(ROOT / folder).as_posix()}" for p in (ROOT / folder).glob(pattern)
            if p.is_file() and "__pycache__" not in p.parts}


def test_the_wheel_holds_every_module_the_migrations_and_the_seeds(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=IGNORED)
        elif path.exists():
            shutil.copy(path, src / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "-w", str(tmp_path / "dist"), str(src)],
        capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("docstore-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        entry_points = next(zf.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt"))
    shipped = {n for n in names if ".dist-info/" not in n}
    expected = (_files("docstore", "**/*.py", "docstore")
                | _files("docstore", "web/templates/*.html", "docstore")
                | _files("migrations", "**/*", "docstore/_migrations")
                | _files("seeds", "*.txt", "docstore/_seeds"))
    assert sorted(expected - shipped) == [], "left out of the wheel"
    assert sorted(shipped - expected) == [], "in the wheel but not in the sources"
    assert "docstore = docstore.cli:main" in entry_points
    assert "[datasette]\ndocstore = docstore.web" in entry_points  # the plugin, for any Datasette
