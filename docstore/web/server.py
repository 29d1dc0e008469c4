"""`docstore serve`: Datasette on one docstore database, read-only, with docstore's plugin and front page."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

# Facets Datasette would suggest are counted on every table page, each up to its time limit: on a large
# corpus that is most of a page's time, for suggestions nobody asked for. The configured facets stay.
SETTINGS = {"suggest_facets": False}


def make(path: str, **settings: Any) -> Any:
    """A Datasette on the SQLite file at ``path``, whose front page is docstore's (the plugin's ``home``).

    Datasette opens the file read-only (``mode=ro``) and the plugin makes each connection refuse
    writes too (``query_only``); the database keeps the name Datasette gives a file, its stem.
    """
    from datasette.app import Datasette

    metadata = {"title": "docstore: who said what, where and when",
                "plugins": {"docstore": {"home": Path(path).stem}}}
    return Datasette([path], metadata=metadata, settings={**SETTINGS, **settings})


def check_port(host: str, port: int) -> str | None:
    """Why the server could not listen at host:port (taken, or no such address here), or None."""
    try:
        with socket.create_server((host, port)):
            return None
    except OSError as exc:
        return exc.strerror or str(exc)


def serve(path: str, host: str, port: int) -> None:
    """Serve until Ctrl-C."""
    import uvicorn

    from docstore.web import site

    datasette = make(path)
    try:
        # Uvicorn's own lines say nothing a user needs here: the command prints where to go, and errors.
        uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
    finally:
        site.close(datasette)
