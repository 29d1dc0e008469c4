"""The models run one BLAS thread per process (`load --jobs` workers spin against each other otherwise),
unless the user asked for another number."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = "import docstore, numpy, os; print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['OMP_NUM_THREADS'])"


def _threads(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    done = subprocess.run([sys.executable, "-c", PROBE], env={**clean, **env}, capture_output=True, text=True,
                          check=True)
    return done.stdout.strip()


def test_one_blas_thread_by_default() -> None:
    assert _threads() == "1 1"


def test_the_users_thread_count_wins() -> None:
    assert _threads(OPENBLAS_NUM_THREADS="4", OMP_NUM_THREADS="3") == "4 3"
