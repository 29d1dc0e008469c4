"""Where the database lives: ``--db``, then ``DOCSTORE_DB``, then ``./docstore.db``."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "DOCSTORE_DB"
DEFAULT_DB = "docstore.db"

# The longest article `load` takes, in MB of its text as stored (UTF-8). News runs to a few thousand
# words; the longest it prints, the transcript of a four-hour press conference, is about 0.5-1 MB of
# Russian (0.3-0.5 million characters); a novel is 5 MB and more. A longer file is refused with one
# line and the rest of the load goes on (`load --max-article-mb`, DOCSTORE_MAX_ARTICLE_MB).
MAX_ARTICLE_MB = 2.0


def database_url(db: str | None = None) -> str:
    """An SQLAlchemy URL from a file path or URL; paths become absolute ``sqlite:///`` URLs."""
    value = db or os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" in value:
        # A bare postgresql:// (or libpq's postgres://) means psycopg 3, the driver docstore installs.
        for bare in ("postgresql://", "postgres://"):
            if value.startswith(bare):
                return "postgresql+psycopg://" + value[len(bare):]
        return value
    path = str(Path(value).expanduser().resolve())
    # escaped as the URL's parser unescapes them: a file name may hold %, ? and #
    return "sqlite:///" + path.replace("%", "%25").replace("?", "%3F").replace("#", "%23")


def package_dir(name: str) -> Path:
    """A data directory shipped with the package (``_migrations``, ``_seeds``).

    After a normal install it sits inside the package; in a source checkout or an
    editable install it is the top-level directory of the repository.
    """
    here = Path(__file__).resolve().parent
    installed = here / f"_{name}"
    return installed if installed.is_dir() else here.parent / name


def migrations_dir() -> Path:
    return package_dir("migrations")


def seeds_dir() -> Path:
    return package_dir("seeds")


def head_revision() -> str:
    """The newest revision the package knows, read from the file names (``0001_…py`` → ``0001``).

    Revision ids are the numeric prefix of their file names, so the head is known
    without importing Alembic.
    """
    names = [p.name.split("_", 1)[0] for p in (migrations_dir() / "versions").glob("[0-9]*_*.py")]
    if not names:
        raise RuntimeError(f"no migrations found in {migrations_dir()}")
    return max(names)
