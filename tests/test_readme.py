"""README's samples are real: each runs as printed and prints what README shows (tests/readme.py;
after a change of output, `python -m tests.readme --update` writes the new output into README)."""

from __future__ import annotations

import re

from tests import readme


def test_readme_samples_print_what_readme_shows() -> None:
    problems = readme.check()
    assert not problems, "\n\n".join(problems) + "\n\n(`python -m tests.readme --update` rewrites them)"


def test_readme_python_runs_as_printed() -> None:
    blocks = readme.python_blocks(readme.README.read_text(encoding="utf-8"))
    assert len(blocks) >= 2
    with readme.sandbox():
        readme.run_python(blocks)


def test_readme_has_two_setup_commands_and_no_byte_cutting() -> None:
    text = readme.README.read_text(encoding="utf-8")
    setup = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = [c.strip() for c in re.findall(r"```sh\n(.*?)```", setup, re.S)]
    assert commands == ["python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/docstore load",
                        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest -q"]
    assert "cut -c" not in text  # GNU cut counts bytes: it splits Cyrillic letters


def test_the_sample_matcher_takes_excerpts_and_nothing_else() -> None:
    assert readme.matches(["a", "…", "d"], ["a", "b", "c", "d"])
    assert readme.matches(["│ a  │", "│ …      │"], ["│ a │", "│ b │", "│ c │"])
    assert readme.matches(["x 1.2 docs/s ETA 0:00:01"], ["x 30.0 docs/s ETA 0:00:00"])
    assert not readme.matches(["a", "b"], ["a", "c"])
    assert not readme.matches(["a"], ["a", "b"])
    assert not readme.matches(["a", "…"], ["b"])
