"""Date expressions: absolute, partial, relative and vague, against a publication datetime."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from docstore.extract.dates import find_dates

# Wednesday, 17 April 2019, late evening
PUB = datetime(2019, 4, 17, 23, 45)

# (text, expected [(matched text, value, precision)]) with the reference PUB
RESOLVED = [
    ("Совещание прошло 17 апреля 2019 года в столице.", [("17 апреля 2019 года", date(2019, 4, 17), "day")]),
    ("Документ подписан 03.02.2018 в Астане.", [("03.02.2018", date(2018, 2, 3), "day")]),
    ("Отчёт за 2019-04-01 опубликован.", [("2019-04-01", date(2019, 4, 1), "day")]),
    ("Собрание открылось 5 марта.", [("5 марта", date(2019, 3, 5), "day")]),
    # a partial date well after publication is last year's
    ("Форум состоялся 12 декабря.", [("12 декабря", date(2018, 12, 12), "day")]),
    # … but a few days ahead is an announcement of this year's
    ("Сессия откроется 19 апреля.", [("19 апреля", date(2019, 4, 19), "day")]),
    ("Он приезжал в феврале.", [("в феврале", date(2019, 2, 1), "month")]),
    ("Реформу начали в ноябре.", [("в ноябре", date(2018, 11, 1), "month")]),
    ("Закон принят в мае 2017 года.", [("в мае 2017 года", date(2017, 5, 1), "month")]),
    ("Сегодня министр выступил перед депутатами.", [("Сегодня", date(2019, 4, 17), "day")]),
    ("Вчера прошло заседание.", [("Вчера", date(2019, 4, 16), "day")]),
    ("Позавчера аким встретился с фермерами.", [("Позавчера", date(2019, 4, 15), "day")]),
    ("Завтра начнётся визит.", [("Завтра", date(2019, 4, 18), "day")]),
    ("В среду глава ведомства провёл брифинг.", [("В среду", date(2019, 4, 17), "day")]),
    ("В понедельник депутаты собрались снова.", [("В понедельник", date(2019, 4, 15), "day")]),
    ("В пятницу губернатор посетил завод.", [("В пятницу", date(2019, 4, 12), "day")]),
    ("В прошлую пятницу губернатор посетил завод.", [("В прошлую пятницу", date(2019, 4, 12), "day")]),
    ("В прошлый четверг прошёл митинг.", [("В прошлый четверг", date(2019, 4, 11), "day")]),
    ("Во вторник, 16 апреля, прошли слушания.", [("Во вторник, 16 апреля", date(2019, 4, 16), "day")]),
    ("10 января текущего года начался приём заявок.", [("10 января текущего года", date(2019, 1, 10), "day")]),
    ("В прошлом году было иначе.", [("В прошлом году", date(2018, 1, 1), "year")]),
    ("Объект построят в 2021 году.", [("в 2021 году", date(2021, 1, 1), "year")]),
    ("На днях министр встретился с учёными.", [("На днях", None, "vague")]),
    ("Недавно он выступил с докладом.", [("Недавно", None, "vague")]),
    ("Опубликовано: 17 апр 2019, 23:45", [("17 апр 2019", date(2019, 4, 17), "day")]),
]


@pytest.mark.parametrize(("text", "expected"), RESOLVED)
def test_dates_resolve_against_publication(text: str, expected: list[tuple[str, date | None, str]]) -> None:
    found = find_dates(text, PUB)
    assert [(d.text, d.value, d.precision) for d in found] == expected
    for d in found:
        assert text[d.start : d.end] == d.text


# Without a reference only dates that carry their year resolve: nothing is invented.
UNRESOLVED = [
    ("Собрание открылось 5 марта.", None),
    ("Он приезжал в феврале.", None),
    ("Вчера прошло заседание.", None),
    ("В среду глава ведомства провёл брифинг.", None),
    ("В прошлую пятницу губернатор посетил завод.", None),
    ("На днях министр встретился с учёными.", None),
    ("Совещание прошло 17 апреля 2019 года в столице.", date(2019, 4, 17)),
    ("Документ подписан 03.02.2018 в Астане.", date(2018, 2, 3)),
]


@pytest.mark.parametrize(("text", "value"), UNRESOLVED)
def test_without_reference_only_absolute_dates_resolve(text: str, value: date | None) -> None:
    (d,) = find_dates(text, None)
    assert d.value == value


NOT_DATES = [
    "Команда выиграла со счётом 3:2.",
    "Инфляция составила 12.5 процента.",
    "Марта Иванова получила премию.",
    "Сегодняшняя дата – важная веха.",
    "Министр Май рассказал о планах.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_numbers_and_names_are_not_dates(text: str) -> None:
    assert find_dates(text, PUB) == []


def test_full_stop_after_a_month_is_not_part_of_the_date() -> None:
    (d,) = find_dates("Его наградили 9 мая.", PUB)
    assert d.text == "9 мая"


def test_invalid_day_is_skipped() -> None:
    assert find_dates("Это случилось 31.02.2019.", PUB) == []


# --- no publication date: the year from the text ---------------------------------------------

YEAR_FROM_TEXT = [
    # one year in the whole text
    ("ТВЕРЬ, 3 апреля. Выставка работает со 2 по 4 апреля 2025 года.", date(2025, 4, 3)),
    ("Собрание прошло 5 марта. Отчёт утверждён в 2024 году.", date(2024, 3, 5)),
    # the nearest absolute date a few months away, across the new year
    ("Концерт прошёл 30 декабря, а 10 января 2025 года начались каникулы.", date(2024, 12, 30)),
    # several years and the nearest one far away: nothing to take
    ("Форум открылся 1 сентября. План принят 10 марта 2020 года и 3 мая 2021 года.", None),
    # no year anywhere: never invented
    ("Сессия открылась 5 мая.", None),
]


@pytest.mark.parametrize(("text", "expected"), YEAR_FROM_TEXT)
def test_a_day_and_month_takes_the_year_the_text_gives(text: str, expected: date | None) -> None:
    assert find_dates(text)[0].value == expected


def test_a_reference_date_still_decides_the_year() -> None:
    assert find_dates("Концерт прошёл 30 декабря. План на 2030 год.", PUB)[0].value == date(2018, 12, 30)


@pytest.mark.parametrize(
    "text",
    [
        "ОМСК, 5 марта. Мост через Иртыш откроют до конца 2026 года, сообщил мэр.",
        "ОМСК, 5 марта. К 2030 году в городе построят пять школ.",
        "ОМСК, 5 марта. С 2027 года тарифы вырастут, заявил губернатор.",
        "ОМСК, 5 марта. В 2026 году будет открыт новый вокзал.",
    ],
)
def test_a_year_of_a_plan_or_a_term_does_not_complete_a_day_and_month(text: str) -> None:
    assert find_dates(text)[0].value is None  # the year is in doubt: left empty


def test_a_past_year_completes_a_day_and_month_but_a_plan_beside_it_does_not() -> None:
    text = "ОМСК, 5 марта. В 2025 году город получил сорок автобусов. Ещё двадцать придут к 2027 году."
    assert find_dates(text)[0].value == date(2025, 3, 5)


# --- no publication date and no year: the year from the weekday of the news day -------------

TODAY = date(2026, 11, 22)

YEAR_FROM_WEEKDAY = [
    # the dateline's day named by its weekday later on: 14 August was a Thursday in 2025
    ("КУРСК, 14 августа. /ТАСС/. Мэр открыл мост. В четверг утром движение было перекрыто.", date(2025, 8, 14)),
    ("Во вторник, 3 июня, совет принял бюджет.", date(2025, 6, 3)),
    # two weekdays: which of them is the day of the news is in doubt
    ("ОРЁЛ, 14 августа. В четверг мэр открыл мост, а в пятницу — школу.", None),
    # a weekday of another week is no evidence of the news day's
    ("ОРЁЛ, 14 августа. В прошлый четверг мэр открыл мост.", None),
    # no weekday at all: no year
    ("ОРЁЛ, 14 августа. Мэр открыл мост.", None),
]


@pytest.mark.parametrize(("text", "expected"), YEAR_FROM_WEEKDAY)
def test_a_day_and_month_takes_the_latest_year_its_weekday_fits(text: str, expected: date | None) -> None:
    assert find_dates(text, today=TODAY)[0].value == expected


def test_the_weekday_year_is_never_after_today_and_completes_only_written_dates() -> None:
    text = "КУРСК, 14 августа. /ТАСС/. В четверг мэр открыл мост, вчера — школу, а 2 июля — стадион."
    found = find_dates(text, today=date(2025, 8, 1))  # 14.08.2025 is still ahead: the Thursday before is 2014's
    # the year is a guess: it completes «2 июля» but relative words keep needing a real reference
    assert [d.value for d in found] == [date(2014, 8, 14), None, None, date(2014, 7, 2)]


def test_a_year_the_text_gives_wins_over_the_weekday() -> None:
    text = "КУРСК, 14 августа. В четверг мэр открыл мост, построенный в 2019 году."
    assert find_dates(text, today=TODAY)[0].value == date(2019, 8, 14)


def test_a_year_in_a_clause_after_что_needs_its_own_past_verb() -> None:
    text = "ОМСК, 5 марта. Директор рассказал, что в 2026 году театр переедет в новое здание."
    assert find_dates(text, today=TODAY)[0].value is None  # «рассказал» is not the year's verb
