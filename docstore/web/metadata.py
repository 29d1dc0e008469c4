"""What Datasette shows of a docstore database: titles, descriptions, facets, hidden tables, canned queries.

English, like the CLI; the words are the CLI's (quote, speaker, kind, article, event).
The SQL functions the canned queries call (``docstore_match`` …) are registered on each
connection by the plugin (docstore/web/__init__.py).
"""

from __future__ import annotations

from typing import Any

SEARCH_HELP = ("Words in any form (полиция finds полиции, полицией); \"a phrase\"; a OR b; -word excludes — "
               "as `docstore search`.")

TABLES: dict[str, dict[str, Any]] = {
    "quote_rows": {
        "title": "Quotes",
        "description": "Who said what, where and when: every quote with its speaker, kind (direct: in quotation "
                       "marks; indirect: reported; partial: a quoted phrase), article, date and event; a quote "
                       "opens in its article. Search: " + SEARCH_HELP,
        "facets": ["speaker", "kind", "site", "event", {"date": "published"}],
    },
    "speakers": {
        "title": "Speakers",
        "description": "Everyone quoted, the most quoted first; a name opens their quotes, newest first.",
        "sort_desc": "quote_count",
        "facets": ["kind"],
        "label_column": "name",
    },
    "document_rows": {
        "title": "Articles",
        "description": "The stored articles with their quotes and speakers; a title opens the article with its "
                       "quotes highlighted. Search: " + SEARCH_HELP,
        "facets": ["site", {"date": "published"}],
    },
    "events": {
        "title": "Events",
        "description": "Occasions things were said at: meetings, sessions, visits, as the articles name them.",
        "facets": ["kind", "location", {"date": "date"}],
        "label_column": "name",
    },
    "documents": {"title": "Articles (table)", "label_column": "title",
                  "description": "The articles as stored; the Articles view lists them with counts."},
    "quotes": {"title": "Quotes (table)",
               "description": "The quotes as stored, by id; the Quotes view joins speakers, articles and events."},
}

# Tables for SQL, not for browsing: listed under «hidden tables».
HIDDEN = ("alembic_version", "speaker_aliases", "mentions", "event_documents", "event_participants")

# The dates of search hits by id, without reading each article's row (as docstore/dialects/sqlite.py).
_DATES = "documents AS d INDEXED BY ix_documents_id_published"
_PERIOD = ("(:since = '' OR substr(d.published, 1, length(:since)) >= :since)"
           " AND (:until = '' OR substr(d.published, 1, length(:until)) <= :until)")

QUERIES: dict[str, dict[str, Any]] = {
    "speaker_quotes_on_word": {
        "title": "A speaker's quotes on a word",
        "description": "What a speaker said about something: the name in any case form (Токаева, Токаев), "
                       "the words in any form. Newest first.",
        "sql": """SELECT r.speaker, r.text, r.kind, r.title, r.published, r.event, r.quote_id, r.document_id,
       r.speaker_id
FROM quote_rows AS r
WHERE r.quote_id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH docstore_match(:words))
  AND r.speaker_id IN (SELECT speaker_id FROM speaker_aliases
                       WHERE kind != 'pronoun' AND key IN (SELECT value FROM json_each(docstore_speaker_keys(:speaker)))
                       UNION SELECT id FROM speakers
                       WHERE key IN (SELECT value FROM json_each(docstore_speaker_keys(:speaker))))
ORDER BY r.published DESC, r.document_id DESC, r.start""",
        "params": ["speaker", "words"],
    },
    "who_spoke_at_event": {
        "title": "Who spoke at an event",
        "description": "The speakers quoted at the events whose name holds these words in any form "
                       "(«заседании коллегии» finds «расширенное заседание коллегии …»), or at the event of this id.",
        "sql": """SELECT e.id AS event_id, e.name AS event, e.date, e.location, s.id AS speaker_id,
       coalesce(s.name, '(unattributed)') AS speaker, count(*) AS quotes
FROM events AS e
JOIN quotes AS q ON q.event_id = e.id
LEFT JOIN speakers AS s ON s.id = q.speaker_id
WHERE CAST(e.id AS TEXT) = trim(:event)
   OR instr(' ' || lemmas(e.name) || ' ', ' ' || lemmas(:event) || ' ') > 0
GROUP BY e.id, s.id
ORDER BY e.date IS NULL, e.date, e.id, quotes DESC""",
        "params": ["event"],
    },
    "most_quoted_on_word": {
        "title": "Who said most about a word",
        "description": "Speakers by the number of their quotes matching the words (any form), in articles "
                       "published from `since` to `until` (YYYY, YYYY-MM or YYYY-MM-DD, both included; "
                       "empty: no bound).",
        "sql": f"""SELECT s.id AS speaker_id, s.name AS speaker, count(*) AS quotes,
       substr(min(d.published), 1, 10) AS first, substr(max(d.published), 1, 10) AS last
FROM quotes_fts
JOIN quotes AS q ON q.id = quotes_fts.rowid
JOIN {_DATES} ON d.id = q.document_id
JOIN speakers AS s ON s.id = q.speaker_id
WHERE quotes_fts MATCH docstore_match(:words) AND {_PERIOD}
GROUP BY s.id
ORDER BY quotes DESC, s.name
LIMIT 100""",
        "params": ["words", "since", "until"],
    },
}


def database(title: str | None = None) -> dict[str, Any]:
    """The metadata of one docstore database."""
    tables = {name: dict(config) for name, config in TABLES.items()}
    tables.update({name: {"hidden": True} for name in HIDDEN})
    found: dict[str, Any] = {
        "description": "docstore: who said what, where and when. Start from Quotes or Speakers, or search "
                       "articles and quotes in any word form.",
        "tables": tables,
    }
    if title:
        found["title"] = title
    return found
