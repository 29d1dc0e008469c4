"""A throw-away PostgreSQL cluster: ``initdb`` into a temporary folder, a unix socket there, removed after.

Used by the test session (tests/conftest.py) and the benchmarks. Nothing listens on TCP,
so no port can clash. ``initdb`` refuses to run as root: as root, the cluster belongs to
an unprivileged user (``postgres`` if it exists, else one created for the purpose).
On CI (``CI=true``) a machine without the server gets Debian's ``postgresql`` package.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from tests import debian

USER = "docstore"  # the database superuser inside the throw-away cluster
PORT = 5432  # only names the socket file: the socket sits in a private folder


class ServerUnavailable(Exception):
    """No PostgreSQL server can be started on this machine; the message says why."""


def find_bindir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``: on PATH, else Debian's versioned folder."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Path(os.path.realpath(pg_ctl)).parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    return None


def _owner() -> str | None:
    """The unprivileged user to run the server as, when we are root (None: run as ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "docstore-pg"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "docstore-pg"],
                   check=True)
    return "docstore-pg"


class Cluster:
    """One running cluster; ``url(name)`` is an SQLAlchemy URL of a database in it."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="docstore-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.owner = _owner()

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.owner:
            cmd = ["runuser", "-u", self.owner, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, cwd=self.root)

    def start(self) -> Cluster:
        if self.owner:
            uid, gid = pwd.getpwnam(self.owner).pw_uid, pwd.getpwnam(self.owner).pw_gid
            os.chown(self.root, uid, gid)
        done = self._run("initdb", "-D", str(self.data), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-locale",
                         "--no-sync")
        if done.returncode:
            raise ServerUnavailable(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        # Durability off: a throw-away cluster for tests and benchmarks must be fast, not safe.
        options = (f"-c listen_addresses='' -k {self.root} -p {PORT} -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off -c max_connections=200")
        done = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start")
        if done.returncode:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise ServerUnavailable(f"pg_ctl start failed: {done.stderr.strip()} {log[-500:]}")
        return self

    def url(self, name: str = "postgres") -> str:
        return f"postgresql+psycopg://{USER}@/{name}?host={self.root}&port={PORT}"

    def execute(self, *statements: str) -> None:
        """Statements outside a transaction (CREATE DATABASE) on the maintenance database."""
        import psycopg

        with psycopg.connect(host=str(self.root), port=PORT, user=USER, dbname="postgres", autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def create_database(self, prefix: str = "t", template: str | None = None) -> str:
        """A new empty database (or a copy of ``template``), by URL."""
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        statements = []
        if template:  # a template must have no other sessions
            statements.append("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              f"WHERE datname = '{template}' AND pid <> pg_backend_pid()")
        statements.append(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.execute(*statements)
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start(install_missing: bool = False) -> Cluster:
    """A running throw-away cluster, or ServerUnavailable saying why not."""
    bindir = debian.find_or_install(find_bindir, ("postgresql",), install_missing, ServerUnavailable)
    if bindir is None:
        raise ServerUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin;"
                                " install Debian's `postgresql` package")
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise ServerUnavailable("psycopg is not installed") from exc
    cluster = Cluster(bindir)
    try:
        return cluster.start()
    except BaseException:
        cluster.stop()
        raise
