"""Events through the CLI on articles of our own: the cross-article merge, `events` filters, `event ID`,
`quotes --event/--since/--until`, the export lines."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from docstore.cli import app
from docstore.queries import EVENT_FIELDS

# Two reports of one board meeting (a, b: examples/reports), another meeting the same day and place (c),
# one reception reported twice on one day (d, e) and a year later (f), none of them dated
# in the text; another Соколов (g); a quote said at no event, published the day after the
# board meeting (h).
REPORTS = Path(__file__).resolve().parent.parent / "examples" / "reports"  # README's three reports: a, b, c
ARTICLES = {
    **{p.name: p.read_text(encoding="utf-8") for p in sorted(REPORTS.glob("*.txt"))},
    "d.txt": """ural.example » Общество » Мэр встретился с ветеранами

5 мая 2023, 14:00

На торжественном приёме в честь ветеранов труда в Екатеринбурге мэр Алексей Орлов вручил награды. «Ваш труд — пример для молодых», — сказал Орлов.
""",
    "e.txt": """news.example » Город » Ветеранов поздравили

5 мая 2023, 19:45

Мэр Алексей Орлов выступил на торжественном приёме в честь ветеранов труда в Екатеринбурге. «Спасибо за ваш труд», — сказал мэр.
""",
    "f.txt": """news.example » Город » Ветеранов снова поздравили

6 мая 2024, 10:00

Мэр Алексей Орлов выступил на торжественном приёме в честь ветеранов труда в Екатеринбурге. «Вы — гордость города», — сказал мэр.
""",
    "g.txt": """school.example » Образование » Новая школа открылась

1 сентября 2024, 12:00

Глава района Пётр Соколов 1 сентября 2024 года принял участие в церемонии открытия новой школы в Казани. «Учиться здесь будет удобно», — сказал Пётр Соколов.
""",
    "h.txt": """kazan.example » Новости » Соколов о весне

13 марта 2024, 16:20

«Мы готовы к весне», — сказал министр энергетики Иван Соколов журналистам.
""",
}
BOARD = "заседание коллегии министерства энергетики"
RECEPTION = "торжественный приём в честь ветеранов труда"


@pytest.fixture(scope="session")
def events_db(tmp_path_factory: pytest.TempPathFactory, runner, make_db) -> str:
    """The articles above loaded through `docstore load`; tests must not change it."""
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = make_db("events")
    result = runner.invoke(app, ["--db", db, "load", str(folder)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def run(runner, events_db: Path):
    def invoke(*args: str):
        return runner.invoke(app, ["--db", str(events_db), *args])

    return invoke


def _json(result) -> list | dict:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _events(run, *args: str) -> list[dict]:
    return _json(run("events", *args, "--format", "json"))


def _board(run) -> dict:
    return next(ev for ev in _events(run) if ev["name"] == BOARD)


def _error(result, message: str) -> None:
    assert result.exit_code == 1
    assert result.stderr.startswith(message), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_one_meeting_reported_by_two_articles_is_one_event(run) -> None:
    board = _board(run)
    assert board["documents"] == ["a.txt", "b.txt"]
    assert (board["kind"], board["date"], board["location"]) == ("заседание", "2024-03-12", "Казань")
    assert board["participants"] == ["Иван Соколов", "Ольга Мельникова"]  # from both reports
    assert board["quotes"] == 2
    # the same day, the same city, the same kind, other wording: another meeting
    government = [ev for ev in _events(run) if ev["name"] == "заседание правительства республики"]
    assert [ev["documents"] for ev in government] == [["c.txt"]]


def test_undated_reception_merges_only_within_one_publication_day(run) -> None:
    receptions = [ev for ev in _events(run) if ev["name"] == RECEPTION]
    assert [(ev["documents"], ev["date"]) for ev in receptions] == [(["d.txt", "e.txt"], None), (["f.txt"], None)]


def test_events_table_shows_how_many_documents(run) -> None:
    table = run("events")
    assert table.exit_code == 0 and "Events" in table.stdout and "docs" in table.stdout


@pytest.mark.parametrize("query", ["Ивана Соколова", "Иван Соколов", "иваном соколовым", "ИВАНУ СОКОЛОВУ"])
def test_events_by_speaker_in_any_case_form(run, query: str) -> None:
    names = [ev["name"] for ev in _events(run, "--speaker", query)]
    assert names == [BOARD, "заседание правительства республики"]
    assert [ev["name"] for ev in _events(run, "--speaker", "Мельниковой")] == [BOARD]
    table = run("events", "--speaker", query)
    assert "Events with Иван Соколов" in table.stdout


def test_events_by_speaker_id(run) -> None:
    speakers = _json(run("speakers", "--format", "json"))
    orlov = next(s["id"] for s in speakers if s["name"] == "Алексей Орлов")
    assert [ev["documents"] for ev in _events(run, "--speaker-id", str(orlov))] == [["d.txt", "e.txt"], ["f.txt"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--speaker", "Соколов"], "error: ambiguous speaker 'Соколов': matches Иван Соколов (id "),
        (["events", "--speaker", "Путин"], "error: no speaker matches 'Путин'"),
        (["events", "--speaker-id", "999"], "error: no speaker with id 999"),
        (["events", "--since", "12.03.2024"], "error: --since: '12.03.2024' is not a date; use YYYY-MM-DD, YYYY-MM or YYYY"),
        (["events", "--until", "2024-02-30"], "error: --until: '2024-02-30' is not a date"),
        (["events", "--since", "2024-04", "--until", "2024-03"], "error: --since 2024-04 is after --until 2024-03"),
        (["quotes", "--since", "вчера"], "error: --since: 'вчера' is not a date"),
        (["event", "999"], "error: no event with id 999; see `docstore events`"),
        (["quotes", "--event", "999"], "error: no event with id 999; see `docstore events`"),
    ],
)
def test_event_errors_are_one_line(run, args: list[str], message: str) -> None:
    _error(run(*args), message)


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--since", "2024-03-12", "--until", "2024-03-12"], [BOARD, "заседание правительства республики"]),
        (["--since", "2024-03", "--until", "2024-03"], [BOARD, "заседание правительства республики"]),
        (["--since", "2024-03-13"], ["церемония открытия новой школы"]),
        (["--until", "2024-03-11"], []),  # undated events are left out by any date filter
        (["--since", "2024-09-01", "--until", "2024-09"], ["церемония открытия новой школы"]),
    ],
)
def test_events_by_period(run, args: list[str], names: list[str]) -> None:
    assert [ev["name"] for ev in _events(run, *args)] == names


@pytest.mark.parametrize(
    ("args", "files"),
    [
        (["--place", "Казань"], [["a.txt", "b.txt"], ["c.txt"], ["g.txt"]]),
        (["--place", "Казани"], [["a.txt", "b.txt"], ["c.txt"], ["g.txt"]]),
        (["--place", "КАЗАНЬ", "--kind", "заседания"], [["a.txt", "b.txt"], ["c.txt"]]),
        (["--place", "екатеринбурге"], [["d.txt", "e.txt"], ["f.txt"]]),
        (["--kind", "приём"], [["d.txt", "e.txt"], ["f.txt"]]),
        (["--kind", "церемония", "--place", "Казань", "--since", "2024-09"], [["g.txt"]]),
        (["--place", "Москва"], []),
        (["--place", "Казань", "--limit", "1"], [["a.txt", "b.txt"]]),
    ],
)
def test_events_by_place_and_kind(run, args: list[str], files: list[list[str]]) -> None:
    assert [ev["documents"] for ev in _events(run, *args)] == files


def test_events_csv_and_jsonl(run) -> None:
    as_json = _events(run, "--place", "Казань")
    lines = run("events", "--place", "Казань", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == as_json
    rows = list(csv.DictReader(io.StringIO(run("events", "--place", "Казань", "--format", "csv").stdout)))
    assert rows[0]["documents"] == "a.txt; b.txt" and rows[0]["participants"] == "Иван Соколов; Ольга Мельникова"


def test_event_shows_documents_participants_and_quotes(run) -> None:
    board_id = str(_board(run)["id"])
    view = _json(run("event", board_id, "--format", "json"))
    assert (view["name"], view["date"], view["location"]) == (BOARD, "2024-03-12", "Казань")
    assert [d["file"] for d in view["documents"]] == ["a.txt", "b.txt"]
    assert view["documents"][1]["published"] == "2024-03-13T09:10:00"
    assert [p["name"] for p in view["participants"]] == ["Иван Соколов", "Ольга Мельникова"]
    assert [(q["speaker"], q["text"]) for q in view["quotes"]] == [
        ("Иван Соколов", "Мы завершим строительство станции к осени"),
        ("Ольга Мельникова", "Тарифы в этом году не вырастут"),
    ]
    table = run("event", board_id)
    assert table.exit_code == 0
    for text in (f"Event {board_id}", BOARD, "Казань", "Ольга Мельникова", "Documents", "Тарифы не вырастут",
                 "Quotes said there", "Мы завершим строительство"):
        assert text in table.stdout, text
    assert json.loads(run("event", board_id, "--format", "jsonl").stdout) == view
    rows = list(csv.DictReader(io.StringIO(run("event", board_id, "--format", "csv").stdout)))
    assert [r["text"] for r in rows] == [q["text"] for q in view["quotes"]]


def test_event_without_date_or_place_says_so(run) -> None:
    reception = next(ev for ev in _events(run) if ev["documents"] == ["f.txt"])
    table = run("event", str(reception["id"]))
    assert table.exit_code == 0 and "unknown" in table.stdout and "Алексей Орлов" in table.stdout


def test_quotes_at_an_event(run) -> None:
    board_id = str(_board(run)["id"])
    quotes = _json(run("quotes", "--event", board_id, "--format", "json"))
    assert [q["document"] for q in quotes] == ["a.txt", "b.txt"]
    assert {(q["event"], q["event_id"], q["event_date"]) for q in quotes} == {(BOARD, int(board_id), "2024-03-12")}
    assert "Quotes at" in run("quotes", "--event", board_id).stdout


@pytest.mark.parametrize(
    ("args", "files"),
    [
        # b.txt was published on the 13th, but its quote was said at the meeting of the 12th
        (["--since", "2024-03-12", "--until", "2024-03-12"], ["a.txt", "b.txt", "c.txt"]),
        # h.txt's quote has no event: its publication date counts
        (["--since", "2024-03-13", "--until", "2024-03-13"], ["h.txt"]),
        (["--since", "2024-03", "--until", "2024-03"], ["a.txt", "b.txt", "c.txt", "h.txt"]),
        # undated events: the publication date counts
        (["--since", "2023-05-05", "--until", "2023-05-05"], ["d.txt", "e.txt"]),
        (["--since", "2024-05"], ["f.txt", "g.txt"]),
        (["--until", "2023-12-31"], ["d.txt", "e.txt"]),
        (["--speaker", "Ивана Соколова", "--since", "2024-03-13"], ["h.txt"]),
    ],
)
def test_quotes_by_period_use_the_event_date_else_the_publication_date(run, args: list[str], files: list[str]) -> None:
    assert [q["document"] for q in _json(run("quotes", *args, "--format", "json"))] == files


def test_quotes_by_event_and_period_together(run) -> None:
    board_id = str(_board(run)["id"])
    assert len(_json(run("quotes", "--event", board_id, "--since", "2024-03-12", "--format", "json"))) == 2
    assert _json(run("quotes", "--event", board_id, "--since", "2024-03-13", "--format", "json")) == []


def test_export_events_lines(run) -> None:
    lines = [json.loads(line) for line in run("export", "events", "--format", "jsonl").stdout.splitlines()]
    assert all(list(line) == list(EVENT_FIELDS) for line in lines)
    assert list(EVENT_FIELDS) == ["document", "name", "kind", "date", "location", "participants"]
    board = [line for line in lines if line["name"] == BOARD]
    assert [line["document"] for line in board] == ["a.txt", "b.txt"]  # one line per event and document
    assert board[0] == {"document": "a.txt", "name": BOARD, "kind": "заседание", "date": "2024-03-12",
                        "location": "Казань", "participants": ["Иван Соколов", "Ольга Мельникова"]}
    assert {line["date"] for line in lines if line["name"] == RECEPTION} == {None}


def test_query_commands_import_neither_natasha_nor_alembic(events_db: Path) -> None:
    code = (
        "import sys\nfrom docstore.cli import app\n"
        f"for args in ({['events', '--place', 'Казани', '--speaker', 'Ивана Соколова', '--since', '2024-03']!r}, "
        f"{['event', '1']!r}, {['quotes', '--event', '1', '--since', '2024-03-01', '--until', '2024-03']!r}):\n"
        f"    try:\n        app(['--db', {str(events_db)!r}, *args, '-f', 'json'], standalone_mode=False)\n"
        "    except SystemExit:\n        pass\n"
        "print([m for m in ('natasha', 'alembic') if m in sys.modules], file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"
