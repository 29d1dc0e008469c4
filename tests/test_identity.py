"""Who is who across documents: a surname or initials join a full name only when one speaker fits, with
the reason shown; role and group speakers stay per document; `check` names speakers that break the rules."""

from __future__ import annotations

import pytest

from docstore import queries
from docstore.check import name_problem
from docstore.db import open_db, session
from docstore.extract.extraction import Extraction, Quote, Speaker
from docstore.ingest import Article
from docstore.lemmas import morph
from docstore.store import store_extraction


def _said(name: str, words: str = "Работа идёт", kind: str = "person") -> tuple[Article, Extraction]:
    """An article where ``name`` says ``words``."""
    text = f"«{words}», — сказал {name}."
    start = text.index(name)
    key = name.casefold().replace("ё", "е")
    speaker = Speaker(name=name, key=key, kind=kind, aliases={name: "name" if kind == "person" else "role"},
                      mentions=[(start, start + len(name))])
    return Article(text=text, path=f"{name}.txt"), Extraction(
        speakers=[speaker], quotes=[Quote(words, 1, 1 + len(words), "direct", key, name, "сказать")])


@pytest.fixture
def store(make_db):
    engine = open_db(make_db("identity"))

    def add(*names: str, kind: str = "person") -> dict[str, dict]:
        for i, name in enumerate(names):
            with session(engine) as s:
                store_extraction(s, *_said(name, f"Слово {name} номер {i}", kind))
        with engine.connect() as conn:
            return {sp["name"]: sp for sp in queries.speakers(conn, explained=True)}

    yield add
    engine.dispose()


def test_a_surname_alone_joins_the_one_full_name_with_it_and_says_why(store) -> None:
    speakers = store("Иван Петров", "Петров")
    assert set(speakers) == {"Иван Петров"} and speakers["Иван Петров"]["quotes"] == 2
    assert len(speakers["Иван Петров"]["documents"]) == 2
    assert speakers["Иван Петров"]["merged"] == [
        {"alias": "Петров", "reason": "surname only: Петров fits one speaker in the corpus, Иван Петров"}]
    seen = {a["alias"]: a["quotes"] for a in speakers["Иван Петров"]["seen"]}
    assert seen == {"Иван Петров": 1, "Петров": 1}


def test_a_surname_two_full_names_share_stays_apart_and_says_why(store) -> None:
    speakers = store("Иван Петров", "Олег Петров", "Петров")
    assert speakers["Петров"]["quotes"] == 1 and speakers["Иван Петров"]["quotes"] == 1
    assert speakers["Петров"]["merged"] == [
        {"alias": "Петров", "reason": "surname only: kept apart, 2 speakers fit (Иван Петров, Олег Петров)"}]


def test_initials_join_the_one_full_name_they_begin(store) -> None:
    speakers = store("Иван Петров", "Олег Петров", "И. Петров", "О Петров")
    assert set(speakers) == {"Иван Петров", "Олег Петров"}
    assert speakers["Иван Петров"]["quotes"] == speakers["Олег Петров"]["quotes"] == 2
    assert {m["alias"] for m in speakers["Олег Петров"]["merged"]} == {"О Петров"}


def test_initials_two_full_names_begin_stay_apart(store) -> None:
    speakers = store("Иван Петров", "Игорь Петров", "И. Петров")
    assert speakers["И. Петров"]["quotes"] == 1
    assert "kept apart, 2 speakers fit" in speakers["И. Петров"]["merged"][0]["reason"]


def test_a_first_name_of_the_other_gender_does_not_fit_the_surname(store) -> None:
    speakers = store("Мария Петров", "Петров")  # a man's surname after a woman's first name: not the same one
    assert speakers["Петров"]["quotes"] == 1 and speakers["Мария Петров"]["quotes"] == 1


def test_a_bare_surname_stored_first_becomes_the_full_name_with_the_reason(store) -> None:
    speakers = store("Петров", "Иван Петров")
    assert set(speakers) == {"Иван Петров"} and speakers["Иван Петров"]["quotes"] == 2
    assert "stored alone before, became Иван Петров" in speakers["Иван Петров"]["merged"][0]["reason"]


@pytest.mark.parametrize("kind", ["role", "group"])
def test_role_and_group_speakers_stay_per_document(make_db, kind: str) -> None:
    engine = open_db(make_db("roles"))
    for words in ("Первое слово", "Второе слово"):
        with session(engine) as s:
            store_extraction(s, *_said("адвокат Петрова", words, kind))
    with engine.connect() as conn:
        rows = queries.speakers(conn, explained=True)
    engine.dispose()
    assert [(sp["name"], sp["kind"], sp["quotes"], len(sp["documents"])) for sp in rows] == [
        ("адвокат Петрова", kind, 1, 1), ("адвокат Петрова", kind, 1, 1)]


@pytest.mark.parametrize("name, kind, problem", [
    ("Иван Петров", "person", None),
    ("Касым-Жомарт Токаев", "person", None),
    ("Анна Петрова", "person", None),
    ("Ивана Петрова", "person", "is not in the nominative"),
    ("Петров Иван", "person", "has the surname before the first name"),
    ("Министерство образования", "organisation", None),
    ("Министерстве образования", "organisation", "is not in the nominative"),
    ("посла России в США", "role", "is not in the nominative"),
    ("министра иностранных дел", "role", "is not in the nominative"),
    ("генеральный директор", "role", None),
    ("одна из участниц встречи", "role", None),
    ("одной из участниц встречи", "role", "is not in the nominative"),
])
def test_the_clean_name_rules(name: str, kind: str, problem: str | None) -> None:
    analyser = morph()
    assert name_problem(name, kind, analyser.parse) == problem


def test_check_names_the_speakers_that_break_the_rules(seeded_copy: str, runner) -> None:
    from docstore.cli import app

    def run(*args: str):
        return runner.invoke(app, ["--db", seeded_copy, *args])

    assert "ok       speaker names" in run("check").stdout
    run("sql", "INSERT INTO speakers (name, key, kind) VALUES ('Петров Иван', 'петров иван', 'person')", "--write")
    run("sql", "INSERT INTO speaker_aliases (speaker_id, alias, key, kind) VALUES (1, 'посла России в США', "
               "'посла россии в сша', 'role')", "--write")
    checked = run("check")
    assert checked.exit_code == 0  # a warning: the database itself is whole
    assert ("WARNING  speaker names: 2\n"
            "         speaker 2 (Петров Иван): name has the surname before the first name\n"
            "         speaker 1 (Касым-Жомарт Токаев): alias «посла России в США» is not in the nominative\n") in checked.stdout


def test_extracted_aliases_are_in_the_nominative_as_check_wants_them() -> None:
    """Roles and organisations are stored as users look them up, whatever case the sentence put them in."""
    from docstore.extract import extract

    text = ("Губернатор Сергей Ильин осмотрел мост. По словам губернатора, ремонт закончат в мае. "
            "В Роскосмосе сообщили, что запуск перенесён. Одна из участниц встречи заявила, что сроки реальны. "
            "Об этом рассказал и.о. директора завода.")
    found = extract(Article(text=text))
    aliases = {alias: sp.name for sp in found.speakers for alias in sp.aliases}
    assert aliases.get("губернатор") == "Сергей Ильин" and "губернатора" not in aliases
    assert aliases.get("Роскосмос") == "Роскосмос" and "Роскосмосе" not in aliases
    assert [sp.name for sp in found.speakers if sp.kind == "role"] == ["одна из участниц встречи"]
    for sp in found.speakers:
        for alias, kind in sp.aliases.items():
            assert name_problem(alias, sp.kind if kind == "name" else "role", morph().parse) is None, (sp.name, alias)
