"""The store through hand-built Extractions: no NLP, exact control over what is stored."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from docstore import queries
from docstore.db import open_db, session
from docstore.errors import AmbiguousSpeaker, NotFound
from docstore.extract.extraction import Event, Extraction, Quote, Speaker
from docstore.ingest import Article
from docstore.models import Document, Mention, SpeakerAlias
from docstore.models import Quote as QuoteRow
from docstore.models import Speaker as SpeakerRow
from docstore.store import (
    LOADED,
    PRESENT,
    RELOADED,
    delete_document,
    load_article,
    store_batch,
    store_extraction,
)

TEXT = "«Работы много», — сказал министр Иван Петров. Глава ведомства добавил: «Справимся»."


def _extraction(text: str = TEXT, event: bool = True) -> Extraction:
    q1 = text.index("Работы много")
    q2 = text.index("Справимся")
    petrov = Speaker(
        name="Иван Петров", key="иван петров",
        aliases={"Ивана Петрова": "name", "глава ведомства": "role", "он": "pronoun"},
        mentions=[(text.index("Иван"), text.index("Иван") + len("Иван Петров"))],
    )
    events = [Event(name="Коллегия министерства", kind="коллегия", start=0, end=5, date=date(2024, 3, 1),
                    location="Москва", participants=["иван петров"])] if event else []
    return Extraction(
        speakers=[petrov],
        quotes=[
            Quote("Работы много", q1, q1 + 12, "direct", "иван петров", "министр Иван Петров", "сказать", 0 if event else None),
            Quote("Справимся", q2, q2 + 9, "direct", "иван петров", "Глава ведомства", "добавить"),
        ],
        events=events,
    )


@pytest.fixture
def engine(make_db):
    eng = open_db(make_db("store"))
    yield eng
    eng.dispose()


def _count(engine, model) -> int:
    with session(engine) as s:
        return s.scalar(select(func.count()).select_from(model))


def test_store_then_same_content_again_is_already_present(engine) -> None:
    article = Article(text=TEXT, path="/data/a.txt", title="T")
    with session(engine) as s:
        first = store_extraction(s, article, _extraction())
    with session(engine) as s:
        again = store_extraction(s, Article(text=TEXT.replace(" ", "  "), path="/copy/b.txt"), _extraction())
    assert (first.status, first.quotes, len(first.speakers), first.events) == (LOADED, 2, 1, 1)
    assert again.status == PRESENT and again.document_id == first.document_id
    assert _count(engine, Document) == 1 and _count(engine, QuoteRow) == 2
    with session(engine) as s:
        doc = s.get(Document, first.document_id)
        assert doc.file_name == "a.txt"
        for q in doc.quotes:
            assert doc.text[q.start : q.end] == q.text
        assert s.scalars(select(Mention.start)).all() == [TEXT.index("Иван")]


def test_load_article_does_not_extract_known_content(engine) -> None:
    calls = []

    def extract(article: Article) -> Extraction:
        calls.append(article)
        return _extraction()

    article = Article(text=TEXT, path="a.txt")
    with session(engine) as s:
        assert load_article(s, article, extract).status == LOADED
    with session(engine) as s:
        assert load_article(s, article, extract).status == PRESENT
    assert len(calls) == 1
    with session(engine) as s:
        assert load_article(s, article, extract, force=True).status == RELOADED
    assert len(calls) == 2


def test_force_replaces_quotes_and_events_in_one_go(engine) -> None:
    article = Article(text=TEXT, path="a.txt")
    with session(engine) as s:
        store_extraction(s, article, _extraction())
    fewer = _extraction(event=False)
    fewer.quotes = fewer.quotes[:1]
    with session(engine) as s:
        assert store_extraction(s, article, fewer, force=True).status == RELOADED
    assert _count(engine, QuoteRow) == 1
    assert _count(engine, Mention) == 1
    with session(engine) as s:
        assert queries.events(s) == []  # the event lost its only document


def test_a_failing_document_leaves_nothing_behind(engine) -> None:
    bad = _extraction()
    bad.quotes.append(Quote("этого нет в тексте", 0, 18, "direct", None))
    with session(engine) as s, pytest.raises(ValueError):
        store_extraction(s, Article(text=TEXT, path="a.txt"), bad)
    for model in (Document, QuoteRow, SpeakerRow, SpeakerAlias, Mention):
        assert _count(engine, model) == 0


def test_the_same_text_twice_in_one_forced_batch_is_indexed_once(engine) -> None:
    """A batch writes its index rows together; a reload of a document the batch itself wrote must
    find that document's rows in the index before its quotes go."""
    from docstore.check import run

    article = Article(text=TEXT, path="a.txt", title="T")
    with session(engine) as s:
        results = store_batch(s, [(article, _extraction()), (article, _extraction())], force=True)
    assert [r.status for r in results] == [LOADED, RELOADED]
    assert _count(engine, Document) == 1 and _count(engine, QuoteRow) == 2
    assert [c.problems for c in run(engine) if not c.ok and not c.warning] == []  # «Ивана Петрова»: a warning
    with session(engine) as s:
        assert len(queries.search(s, "справимся", quotes=True)) == 1
        assert len(queries.search(s, "справимся")) == 1


def test_quote_offsets_are_repaired_when_text_is_elsewhere(engine) -> None:
    x = _extraction()
    x.quotes[0].start += 3
    x.quotes[0].end += 3
    with session(engine) as s:
        store_extraction(s, Article(text=TEXT, path="a.txt"), x)
    with session(engine) as s:
        q = s.scalars(select(QuoteRow).order_by(QuoteRow.start)).first()
        assert (q.start, q.end) == (1, 13)


def test_speaker_aliases_and_query_forms(engine) -> None:
    with session(engine) as s:
        store_extraction(s, Article(text=TEXT, path="a.txt"), _extraction())
    with session(engine) as s:
        row = s.scalars(select(SpeakerRow)).one()
        kinds = {a.key: a.kind for a in row.aliases}
        assert kinds == {"иван петров": "name", "петров": "name", "ивана петрова": "name",
                         "глава ведомства": "role", "он": "pronoun"}
        for query in ("Петров", "петрова", "ПЕТРОВУ", "Иван Петров", "Ивана Петрова", "Петровым", "глава ведомства"):
            assert queries.resolve_speaker(s, query).id == row.id, query
        with pytest.raises(NotFound):
            queries.resolve_speaker(s, "Сидоров")
        with pytest.raises(NotFound):
            queries.resolve_speaker(s, "он")  # pronouns never identify anyone


def test_surname_alone_joins_the_one_full_name_and_ambiguity_is_reported(engine) -> None:
    text2 = "«Всё идёт по плану», — сказал Петров."
    q = text2.index("Всё")
    solo = Extraction(speakers=[Speaker(name="Петров", key="петров")],
                      quotes=[Quote("Всё идёт по плану", q, q + 17, "direct", "петров")])
    with session(engine) as s:
        store_extraction(s, Article(text=TEXT, path="a.txt"), _extraction())
        store_extraction(s, Article(text=text2, path="b.txt"), solo)
    assert _count(engine, SpeakerRow) == 1
    text3 = "«Нет», — ответила Анна Петрова. «Да», — сказал Олег Петров."
    two = Extraction(speakers=[Speaker(name="Олег Петров", key="олег петров")],
                     quotes=[Quote("Да", text3.index("Да"), text3.index("Да") + 2, "direct", "олег петров")])
    with session(engine) as s:
        store_extraction(s, Article(text=text3, path="c.txt"), two)
        with pytest.raises(AmbiguousSpeaker, match=r"ambiguous speaker 'Петров': matches Иван Петров \(id 1\), Олег Петров \(id \d\)"):
            queries.resolve_speaker(s, "Петров")
        assert queries.resolve_speaker(s, "Олега Петрова").name == "Олег Петров"


def test_a_bare_surname_stored_first_becomes_the_full_name_when_it_comes(engine) -> None:
    text2 = "«Всё идёт по плану», — сказал Петров."
    q = text2.index("Всё")
    solo = Extraction(speakers=[Speaker(name="Петров", key="петров", aliases={"Петров": "name"})],
                      quotes=[Quote("Всё идёт по плану", q, q + 17, "direct", "петров")])
    with session(engine) as s:
        store_extraction(s, Article(text=text2, path="b.txt"), solo)
        store_extraction(s, Article(text=TEXT, path="a.txt"), _extraction())
    assert _count(engine, SpeakerRow) == 1
    with session(engine) as s:
        row = s.scalars(select(SpeakerRow)).one()
        assert (row.name, row.key) == ("Иван Петров", "иван петров")
        assert len(queries.quotes(s, speaker_id=row.id)) == 3
    assert _quote_counts(engine) == {"Иван Петров": 3}  # the renamed row kept the count of its first quote


def test_events_with_the_same_name_and_date_merge_across_documents(engine) -> None:
    other = "Иван Петров повторил: «Справимся» и «Работы много»."
    with session(engine) as s:
        store_extraction(s, Article(text=TEXT, path="a.txt"), _extraction())
        store_extraction(s, Article(text=other, path="b.txt"), _extraction(other))
    with session(engine) as s:
        (ev,) = queries.events(s)
        assert ev["documents"] == ["a.txt", "b.txt"] and ev["participants"] == ["Иван Петров"]
        assert ev["date"] == "2024-03-01" and ev["quotes"] == 2
        lines = queries.export_events(s)
    assert [line["document"] for line in lines] == ["a.txt", "b.txt"]


def _report(path: str, published: datetime | None, name: str, when: date | None, where: str | None,
            speaker: str = "Иван Петров", kind: str = "заседание") -> tuple[Article, Extraction]:
    """An article in which `speaker` says one thing at one event."""
    text = f"«Работа идёт по плану», — сказал {speaker} ({path})."
    key = speaker.lower()
    return Article(text=text, path=path, published=published), Extraction(
        speakers=[Speaker(name=speaker, key=key)],
        quotes=[Quote("Работа идёт по плану", 1, 21, "direct", key, speaker, "сказать", 0)],
        events=[Event(name=name, kind=kind, start=0, end=1, date=when, location=where, participants=[key])],
    )


def _events_after(engine, *reports: tuple[Article, Extraction]) -> list[dict]:
    with session(engine) as s:
        for article, x in reports:
            store_extraction(s, article, x)
    with session(engine) as s:
        return queries.events(s)


MAR12 = date(2024, 3, 12)
MORNING, EVENING, NEXT_DAY = datetime(2024, 3, 12, 9), datetime(2024, 3, 12, 21), datetime(2024, 3, 13, 9)
BOARD = "заседание коллегии министерства энергетики"
WIDE_BOARD = "расширенное заседание коллегии министерства энергетики"


def test_one_occasion_in_two_articles_is_one_event_with_both_documents_and_all_participants(engine) -> None:
    (ev,) = _events_after(
        engine,
        _report("a.txt", MORNING, BOARD, MAR12, "Казань", speaker="Иван Соколов"),
        _report("b.txt", NEXT_DAY, WIDE_BOARD, MAR12, "казань", speaker="Ольга Мельникова"),
    )
    assert ev["name"] == BOARD  # the first report names it
    assert ev["documents"] == ["a.txt", "b.txt"] and ev["quotes"] == 2
    assert ev["participants"] == ["Иван Соколов", "Ольга Мельникова"]


@pytest.mark.parametrize(
    ("second", "why"),
    [
        (("b.txt", NEXT_DAY, WIDE_BOARD, date(2024, 3, 13), "Казань"), "another day"),
        (("b.txt", NEXT_DAY, WIDE_BOARD, MAR12, "Уфа"), "another place"),
        (("b.txt", NEXT_DAY, WIDE_BOARD, MAR12, None), "one report has no place"),
        (("b.txt", NEXT_DAY, WIDE_BOARD, None, "Казань"), "one report has no date"),
        (("b.txt", NEXT_DAY, "заседание правительства республики", MAR12, "Казань"), "other wording"),
        (("b.txt", NEXT_DAY, "совещание коллегии министерства энергетики", MAR12, "Казань"), "another kind"),
    ],
)
def test_reports_that_differ_stay_apart(engine, second: tuple, why: str) -> None:
    path, published, name, when, where = second
    kind = name.split()[0]
    found = _events_after(engine, _report("a.txt", MORNING, BOARD, MAR12, "Казань"),
                          _report(path, published, name, when, where, kind=kind))
    assert len(found) == 2, why


@pytest.mark.parametrize(
    ("published", "merged"),
    [(EVENING, True), (NEXT_DAY, False), (None, False)],
)
def test_undated_reports_merge_only_when_published_the_same_day(engine, published, merged: bool) -> None:
    name = "торжественный приём в честь ветеранов труда"
    found = _events_after(engine, _report("a.txt", MORNING, name, None, "Екатеринбург", kind="прием"),
                          _report("b.txt", published, name.replace("ё", "е"), None, "Екатеринбург", kind="прием"))
    assert len(found) == (1 if merged else 2)


def test_two_events_of_one_article_never_merge_into_one_row(engine) -> None:
    article, x = _report("a.txt", MORNING, BOARD, MAR12, "Казань")
    x.events.append(Event(name=WIDE_BOARD, kind="заседание", start=2, end=3, date=MAR12, location="Казань"))
    other = _report("b.txt", NEXT_DAY, WIDE_BOARD, MAR12, "Казань")
    found = _events_after(engine, (article, x), other)
    assert len(found) == 2
    assert [ev["documents"] for ev in found] == [["a.txt", "b.txt"], ["a.txt"]]


def test_reloading_a_document_keeps_its_merged_event_for_the_other(engine) -> None:
    first = _report("a.txt", MORNING, BOARD, MAR12, "Казань")
    second = _report("b.txt", NEXT_DAY, WIDE_BOARD, MAR12, "Казань", speaker="Ольга Мельникова")
    _events_after(engine, first, second)
    with session(engine) as s:
        store_extraction(s, *first, force=True)
        (ev,) = queries.events(s)
    assert ev["documents"] == ["a.txt", "b.txt"] and ev["quotes"] == 2


def _quote_counts(engine) -> dict[str, int]:
    """What `speakers` shows per speaker, after `check` found the kept counts equal to the quotes."""
    from docstore.check import run

    counts = {c.name: c for c in run(engine)}["speaker quote counts"]
    assert counts.ok, counts.problems
    with session(engine) as s:
        return {row["name"]: row["quotes"] for row in queries.speakers(s)}


def test_quote_counts_follow_load_force_and_delete(engine) -> None:
    other = "Иван Петров повторил: «Справимся». «Посмотрим», — ответил Олег Сидоров."
    q1, q2 = other.index("Справимся"), other.index("Посмотрим")
    second = Extraction(
        speakers=[Speaker(name="Иван Петров", key="иван петров"), Speaker(name="Олег Сидоров", key="олег сидоров")],
        quotes=[Quote("Справимся", q1, q1 + 9, "direct", "иван петров"),
                Quote("Посмотрим", q2, q2 + 9, "direct", "олег сидоров")],
    )
    with session(engine) as s:
        a = store_extraction(s, Article(text=TEXT, path="a.txt"), _extraction())
        b = store_extraction(s, Article(text=other, path="b.txt"), second)
    assert _quote_counts(engine) == {"Иван Петров": 3, "Олег Сидоров": 1}
    with session(engine) as s:  # the same content again adds nothing
        assert store_extraction(s, Article(text=other, path="b.txt"), second).status == PRESENT
    assert _quote_counts(engine) == {"Иван Петров": 3, "Олег Сидоров": 1}

    # --force: a's quotes now go one to Сидоров, one to nobody
    moved = _extraction(event=False)
    moved.speakers.append(Speaker(name="Олег Сидоров", key="олег сидоров"))
    moved.quotes[0].speaker, moved.quotes[1].speaker = "олег сидоров", None
    with session(engine) as s:
        assert store_extraction(s, Article(text=TEXT, path="a.txt"), moved, force=True).status == RELOADED
    assert _quote_counts(engine) == {"Олег Сидоров": 2, "Иван Петров": 1}

    with session(engine) as s:
        assert delete_document(s, b.document_id)
    assert _quote_counts(engine) == {"Олег Сидоров": 1, "Иван Петров": 0}
    with session(engine) as s:
        assert delete_document(s, a.document_id)
        assert not delete_document(s, a.document_id)
    assert _quote_counts(engine) == {"Иван Петров": 0, "Олег Сидоров": 0}


def test_a_failing_document_leaves_the_counts_alone(engine) -> None:
    with session(engine) as s:
        store_extraction(s, Article(text=TEXT, path="a.txt"), _extraction())
    bad = _extraction(event=False)
    bad.quotes.append(Quote("этого нет в тексте", 0, 18, "direct", "иван петров"))
    with session(engine) as s, pytest.raises(ValueError):
        store_extraction(s, Article(text=TEXT, path="a.txt"), bad, force=True)
    assert _quote_counts(engine) == {"Иван Петров": 2}
