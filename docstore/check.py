"""`docstore check`: is the database whole? The engine's own checks, then the project's invariants.

Reads only, and never migrates: a doctor does not operate before the diagnosis.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docstore import dialects

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

SHOW = 10  # problems listed per check; the count says how many there are in all


@dataclass
class Check:
    name: str
    problems: list[str] = field(default_factory=list)
    count: int = 0
    skipped: str | None = None
    warning: bool = False  # what it finds is listed, and is not a problem of the database (exit code 0)

    @property
    def ok(self) -> bool:
        return self.count == 0

    @property
    def severity(self) -> str:
        return "warning" if self.warning else "problem"


def _rows(conn: Connection, sql: str) -> list[tuple]:
    return [tuple(r) for r in conn.exec_driver_sql(sql).fetchall()]


def _tables(conn: Connection) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(conn).get_table_names())


def integrity(conn: Connection, check: Check) -> None:
    found = dialects.of(conn).integrity(conn)
    if found is None:
        check.skipped = "the server checks its own storage"
        return
    check.count, check.problems = len(found), found[:SHOW]


def foreign_keys(conn: Connection, check: Check) -> None:
    found = dialects.of(conn).foreign_key_problems(conn)
    if found is None:
        check.skipped = "enforced by the server (see orphan rows)"
        return
    check.count, check.problems = found[0], found[1][:SHOW]


def revision(conn: Connection, check: Check) -> None:
    from docstore.config import head_revision

    if "alembic_version" not in _tables(conn):
        check.count, check.problems = 1, ["no alembic_version table: not a docstore database, or never migrated"]
        return
    current = _revision(conn)
    if current != head_revision():
        check.count = 1
        check.problems = [f"schema revision {current}, this docstore expects {head_revision()} "
                          "(`docstore db upgrade`, or a newer docstore wrote it)"]


VIEWS = ("quote_rows", "document_rows")  # migrations 0003: what ad hoc SQL reads
INDEX_TABLES = ("documents_fts", "quotes_fts")


def schema(conn: Connection, check: Check) -> None:
    """Every table with every column this docstore's schema has, the views and the full-text tables: a
    table dropped or altered by hand (``sql --write``) is a problem, not a check skipped."""
    from docstore.schema import metadata

    if not _at_head(conn, check):
        return
    from sqlalchemy import inspect

    found = inspect(conn)
    tables, views = set(found.get_table_names()), set(found.get_view_names())
    for table in metadata.sorted_tables:
        if table.name not in tables:
            check.problems.append(f"table {table.name} is missing")
            continue
        have = {c["name"] for c in found.get_columns(table.name)}
        if lacking := [c.name for c in table.columns if c.name not in have]:
            check.problems.append(f"table {table.name} lacks column{'s' if len(lacking) > 1 else ''} "
                                  f"{', '.join(lacking)}")
    check.problems += [f"view {v} is missing" for v in VIEWS if v not in views]
    check.problems += [f"full-text table {t} is missing" for t in INDEX_TABLES if t not in tables]
    check.count = len(check.problems)


def _revision(conn: Connection) -> str | None:
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _at_head(conn: Connection, check: Check) -> bool:
    """Whether the schema is this docstore's; if not, the check is skipped (an older index, say 0006's,
    cannot be read the way this docstore reads it: `docstore db upgrade` first)."""
    from docstore.config import head_revision

    if "alembic_version" in _tables(conn) and _revision(conn) == head_revision():
        return True
    check.skipped = "compared at this docstore's revision only (see schema revision)"
    return False


def quote_offsets(conn: Connection, check: Check) -> None:
    """``documents.text[start:end] == quotes.text``; SQLite's substr counts characters like Python."""
    found = _rows(conn, f"""
        SELECT q.id, q.document_id, q.start, q."end" FROM quotes q JOIN documents d ON d.id = q.document_id
        WHERE q.start < 0 OR q."end" < q.start OR q."end" > length(d.text)
           OR substr(d.text, q.start + 1, q."end" - q.start) {dialects.of(conn).OFFSET_MISMATCH} q.text""")
    check.count = len(found)
    check.problems = [f"quote {qid} of document {doc}: text is not documents.text[{s}:{e}]" for qid, doc, s, e in found[:SHOW]]


def mention_offsets(conn: Connection, check: Check) -> None:
    found = _rows(conn, """
        SELECT m.id, m.document_id, m.start, m."end" FROM mentions m JOIN documents d ON d.id = m.document_id
        WHERE m.start < 0 OR m."end" < m.start OR m."end" > length(d.text)""")
    check.count = len(found)
    check.problems = [f"mention {mid} of document {doc}: [{s}:{e}] is outside its text" for mid, doc, s, e in found[:SHOW]]


def quote_counts(conn: Connection, check: Check) -> None:
    """``speakers.quote_count`` (kept by the store) against the quotes themselves."""
    from sqlalchemy import inspect

    if "quote_count" not in {c["name"] for c in inspect(conn).get_columns("speakers")}:
        check.skipped = "no quote_count column (schema before revision 0005)"
        return
    found = _rows(conn, """
        SELECT s.id, s.name, s.quote_count, coalesce(q.n, 0) FROM speakers s
        LEFT JOIN (SELECT speaker_id, count(*) AS n FROM quotes GROUP BY speaker_id) q ON q.speaker_id = s.id
        WHERE s.quote_count <> coalesce(q.n, 0) ORDER BY s.id""")
    check.count = len(found)
    check.problems = [f"speaker {sid} ({name}): quote_count {kept}, but {real} quotes"
                      + ("; set them right: docstore db recount" if i == 0 else "")
                      for i, (sid, name, kept, real) in enumerate(found[:SHOW])]


def orphans(conn: Connection, check: Check) -> None:
    """Rows whose parent is gone (possible when foreign keys were off while writing)."""
    queries = {
        "quotes without a document": "SELECT count(*) FROM quotes WHERE document_id NOT IN (SELECT id FROM documents)",
        "mentions without a document": "SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents)",
        "aliases without a speaker": "SELECT count(*) FROM speaker_aliases WHERE speaker_id NOT IN (SELECT id FROM speakers)",
        "event links without an event or document": "SELECT count(*) FROM event_documents WHERE "
        "event_id NOT IN (SELECT id FROM events) OR document_id NOT IN (SELECT id FROM documents)",
        "events no document refers to": "SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM event_documents)",
    }
    for what, sql in queries.items():
        n = conn.exec_driver_sql(sql).scalar() or 0
        if n:
            check.count += n
            check.problems.append(f"{n} {what}")


def fts(conn: Connection, check: Check) -> None:
    """Every full-text table: the engine's own check, and its rows against the table it indexes."""
    dialect = dialects.of(conn)
    if not _at_head(conn, check):
        return
    tables = dialect.fts_tables(conn)
    if not tables:
        check.skipped = "no full-text index in this database"
        return
    known = _tables(conn)
    for name, source, ids in tables:
        if (problem := dialect.fts_integrity(conn, name)) is not None:
            check.count += 1
            check.problems.append(problem)
            continue
        if not source or source not in known:
            continue
        missing = conn.exec_driver_sql(f"SELECT count(*) FROM \"{source}\" WHERE id NOT IN ({ids})").scalar()
        extra = conn.exec_driver_sql(
            f"SELECT count(*) FROM ({ids}) AS indexed WHERE indexed.id NOT IN (SELECT id FROM \"{source}\")").scalar()
        if missing or extra:
            check.count += missing + extra
            check.problems.append(f"{name}: {missing} {source} rows not indexed, {extra} index rows for deleted {source}; "
                                  "rebuild it: docstore db reindex")


NAME_TAGS = ("Name", "Surn", "Patr")


def _oblique_name_word(parses: list, tag: str) -> bool:
    """A word of a person's name that pymorphy3 reads as a ``tag`` (Name, Surn) in the singular only outside
    the nominative, and as nothing in the nominative singular («Ивана»; not «Санду», «Саидов», «Петрова»)."""
    single = [p for p in parses if "plur" not in p.tag]
    named = [p for p in single if tag in p.tag]
    return bool(named) and not any("nomn" in p.tag for p in single)


def _oblique_head(words: list[str], parse: Callable[[str], list]) -> bool:
    """A phrase whose head noun (its first known noun) is not in the nominative («посла России», «Министерстве»);
    «одна из участниц» is headed by «одна»."""
    if len(words) > 2 and words[1].lower() == "из" and words[0].lower() in ("один", "одна", "одно", "одни"):
        return False
    for w in words:
        nouns = [p for p in parse(w) if "NOUN" in p.tag and p.is_known]
        if nouns:
            return not any("nomn" in p.tag for p in nouns)
    return False


def name_problem(name: str, kind: str, parse: Callable[[str], list]) -> str | None:
    """Why a speaker's name or an alias breaks the clean-name rules: not in the nominative, or (a person's)
    surname before first name; None if it keeps them (or pymorphy3 cannot tell). ``kind``: ``person`` for a
    person's name or name alias; anything else (an organisation, a role phrase) is judged by its head noun."""
    import re

    words = re.findall(r"[\w-]+", name.casefold().replace("ё", "е"))
    if not words:
        return "empty"
    if kind == "person":  # a name, or a name alias of a person: judged by the words pymorphy3 reads as names
        if not any(any(t in p.tag for t in NAME_TAGS) for w in words for p in parse(w)):
            return None  # «Токаев»: not a name pymorphy3 knows; it cannot tell the case
        # first names first, the surname last: a reading as the other (Санду as a first name) is not trusted
        if any(_oblique_name_word(parse(w), "Name") for w in words[:-1]) or _oblique_name_word(parse(words[-1]), "Surn"):
            return "is not in the nominative"
        if len(words) == 2:
            first, last = parse(words[0]), parse(words[1])
            if (first and last and {"Surn", "nomn"} <= set(first[0].tag.grammemes)
                    and {"Name", "nomn"} <= set(last[0].tag.grammemes)):  # as pymorphy3 reads each first
                return "has the surname before the first name"
        return None
    return "is not in the nominative" if _oblique_head(words, parse) else None


def speaker_names(conn: Connection, check: Check) -> None:
    """Speakers' names and their name and role aliases in the nominative, a person's first name first: what
    the extractor should have produced; a warning (the database is whole either way; `speakers rename` fixes one)."""
    from docstore.lemmas import morph

    check.warning = True
    analyser = morph()
    parses: dict[str, list] = {}

    def parse(word: str) -> list:
        if word not in parses:
            parses[word] = analyser.parse(word)
        return parses[word]

    found = []
    for sid, name, kind in conn.exec_driver_sql("SELECT id, name, kind FROM speakers ORDER BY id"):
        if (why := name_problem(name, kind, parse)) is not None:
            found.append(f"speaker {sid} ({name}): name {why}")
    for sid, name, alias, kind in conn.exec_driver_sql(
            "SELECT s.id, s.name, a.alias, CASE WHEN s.kind = 'person' AND a.kind = 'name' THEN 'person' "
            "ELSE a.kind END FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id "
            "WHERE a.kind IN ('name', 'role') AND a.alias <> s.name ORDER BY s.id, a.id"):
        if (why := name_problem(alias, kind, parse)) is not None:
            found.append(f"speaker {sid} ({name}): alias «{alias}» {why}")
    check.count, check.problems = len(found), found[:SHOW]


CHECKS: list[tuple[str, Callable[[Connection, Check], None]]] = [
    ("integrity", integrity),
    ("foreign keys", foreign_keys),
    ("schema revision", revision),
    ("tables", schema),
    ("quote offsets", quote_offsets),
    ("mention offsets", mention_offsets),
    ("speaker quote counts", quote_counts),
    ("orphan rows", orphans),
    ("full-text index", fts),
    ("speaker names", speaker_names),
]
NEEDS_SCHEMA = {"quote offsets", "mention offsets", "speaker quote counts", "orphan rows", "speaker names"}
CORE = ("documents", "quotes", "mentions", "speakers", "speaker_aliases", "events", "event_documents")


def run(engine: Engine) -> list[Check]:
    """Every check, in one read transaction that is rolled back (the FTS check is an INSERT in name only)."""
    results = []
    with engine.connect() as conn:
        tables = _tables(conn)
        for name, func in CHECKS:
            check = Check(dialects.of(conn).INTEGRITY if func is integrity else name)
            if name in NEEDS_SCHEMA and (missing := [t for t in CORE if t not in tables]):
                check.skipped = f"no table {', '.join(missing)} (see tables)"
            else:
                try:
                    func(conn, check)
                except Exception as exc:  # noqa: BLE001 - a check that cannot run is a finding too
                    check.count += 1
                    check.problems.append(f"could not run: {getattr(exc, 'orig', None) or exc}")
            results.append(check)
        conn.rollback()
    return results
