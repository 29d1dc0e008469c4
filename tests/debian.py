"""Debian's packages for what the tests run beside docstore (a PostgreSQL server, a browser): found on this
machine, or on CI (as root) installed first, as `.ci/run` needs on a clean machine."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def install(*packages: str) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", *packages]):
        subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)


def find_or_install(find: Callable[[], T | None], packages: tuple[str, ...], install_missing: bool,
                    unavailable: type[Exception]) -> T | None:
    """What ``find`` finds; when nothing and ``install_missing``, after installing ``packages``
    (a failed install is ``unavailable``, saying why)."""
    found = find()
    if found is None and install_missing:
        try:
            install(*packages)
        except (OSError, subprocess.CalledProcessError) as exc:
            raise unavailable(f"installing {' and '.join(packages)} failed: {exc}") from exc
        found = find()
    return found
