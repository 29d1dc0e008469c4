"""Events: occasions named in the text, in the nominative, with their date and place."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from docstore.extract.events import find_events, find_events_with_mentions, link_quotes_to_events

ROOT = Path(__file__).resolve().parent.parent
PUB = datetime(2021, 3, 12, 15, 0)  # a Friday

# (text, [(name, kind, date, location)]) with the reference PUB
EVENTS = [
    (
        "На выездном заседании областного маслихата в Павлодаре аким рассказал о бюджете.",
        [("выездное заседание областного маслихата", "заседание", None, "Павлодар")],
    ),
    (
        "Министр провёл совещание по вопросам развития энергетики.",
        [("совещание по вопросам развития энергетики", "совещание", None, None)],
    ),
    (
        "В ходе официального визита в Узбекистан министр заявил о новых договорённостях.",
        [("официальный визит", "визит", None, "Узбекистан")],
    ),
    (
        "Выступая на пленарном заседании форума «Астана» в Нур-Султане, премьер отметил рост экономики.",
        [("пленарное заседание форума «Астана»", "заседание", None, "Нур-Султан")],
    ),
    (
        "На пресс-конференции в понедельник мэр рассказал о планах на лето.",
        [("пресс-конференция", "пресс-конференция", date(2021, 3, 8), None)],
    ),
    (
        "Вчера на брифинге в Караганде глава департамента сообщил о вакцинации.",
        [("брифинг", "брифинг", date(2021, 3, 11), "Караганда")],
    ),
    (
        "Проблему обсудили на круглом столе в Шымкенте 2 марта, сообщил организатор.",
        [("круглый стол", "круглый стол", date(2021, 3, 2), "Шымкент")],
    ),
    (
        "Он выступил с обращением к народу Казахстана 16 декабря 2020 года.",
        [("обращение к народу Казахстана", "обращение", date(2020, 12, 16), None)],
    ),
    (
        "По итогам переговоров с делегацией Китая стороны подписали соглашение.",
        [("переговоры с делегацией Китая", "переговоры", None, None)],
    ),
    (
        "Министр дал интервью телеканалу «Хабар», в котором рассказал о реформе.",
        [("интервью телеканалу «Хабар»", "интервью", None, None)],
    ),
    (
        "После матча с «Кайратом» в Алматы тренер похвалил игроков.",
        [("матч с «Кайратом»", "матч", None, "Алматы")],
    ),
    (
        "В прошлую среду в Акорде состоялось заседание Совета безопасности. Акорда – резиденция президента.",
        [("заседание Совета безопасности", "заседание", date(2021, 3, 3), "Акорда")],
    ),
    (
        "На торжественной церемонии в Ново-Огарево президент вручил награды.",
        [("торжественная церемония", "церемония", None, "Ново-Огарево")],
    ),
    (
        "Губернатор поздравил гостей с открытием новой детской больницы.",
        [("открытие новой детской больницы", "открытие", None, None)],
    ),
]


def _simple(events: list) -> list[tuple]:
    return [(e.name, e.kind, e.date, e.location) for e in events]


@pytest.mark.parametrize(("text", "expected"), EVENTS)
def test_events_in_the_nominative_with_date_and_place(text: str, expected: list[tuple]) -> None:
    assert _simple(find_events(text, PUB)) == expected


NOT_OCCASIONS = [
    "Монеты нового образца уже находятся в обращении.",
    "На заседаниях правительства этот вопрос поднимался неоднократно.",
    "Следующая встреча министров пройдёт в Ташкенте.",
    "Он сообщил, что на заседании правительства будет рассмотрен бюджет.",
    "Министр отметил, что заседание комиссии планируется провести в мае.",
    "Депутат настаивал на встрече с министром, но она так и не состоялась.",
    "Встречу с избирателями отменили из-за погоды.",
    "В игре наступил перелом.",
    "Переговоры о поставках газа идут уже несколько месяцев.",
    "Врач рассказал о симптомах болезни.",
    # inside quoted speech the occasion is the speaker's, not the article's
    "«На совещании мы договорились работать вместе», – сказал министр.",
]


@pytest.mark.parametrize("text", NOT_OCCASIONS)
def test_generic_future_and_quoted_mentions_are_not_events(text: str) -> None:
    assert find_events(text, PUB) == []


def test_no_date_when_the_text_gives_none() -> None:
    (ev,) = find_events("Глава региона выступил на совещании с фермерами.", PUB)
    assert ev.date is None  # never the publication date by default


def test_relative_dates_need_the_publication_date() -> None:
    text = "Вчера на брифинге глава департамента сообщил о вакцинации."
    assert find_events(text, None)[0].date is None
    assert find_events(text, PUB)[0].date == date(2021, 3, 11)


def test_an_announced_occasion_after_publication_is_not_an_event() -> None:
    assert find_events("Завтра на брифинге министр расскажет о бюджете, сообщили в ведомстве.", PUB) == []


def test_two_mentions_of_one_occasion_are_one_event() -> None:
    text = (
        "Аким принял участие в праздничном мероприятии по случаю Дня города.\n"
        "Затем он выступил на торжественном вечере. Позже аким выступил на праздничном собрании по случаю "
        "Дня города и вручил награды.\n"
        "«Город растёт», – сказал аким."
    )
    events, mentions = find_events_with_mentions(text, PUB)
    assert _simple(events) == [("праздничное собрание по случаю Дня города", "собрание", None, None)]
    assert {m.event for m in mentions} == {0}


def test_same_kind_twice_is_one_event_named_by_its_fuller_mention() -> None:
    text = (
        "Президент заявил, что сделает перерыв в совещании с членами правительства.\n"
        "«Мы прервёмся ненадолго», – сказал он в среду на совещании с кабмином."
    )
    assert _simple(find_events(text, None)) == [("совещание с членами правительства", "совещание", None, None)]


def test_a_bare_speech_folds_into_the_occasion() -> None:
    text = "Министр выступил на коллегии ведомства. В своём выступлении он подчеркнул важность реформ."
    assert [e.kind for e in find_events(text, PUB)] == ["коллегия"]


def test_dateline_gives_the_place() -> None:
    text = "ПАВЛОДАР, 3 марта. /Корр./. Аким области сообщил об этом в ходе брифинга."
    (ev,) = find_events(text, PUB)
    assert (ev.name, ev.date, ev.location) == ("брифинг", None, "Павлодар")


def test_quotes_link_to_the_occasion_named_before_or_in_their_attribution() -> None:
    text = (
        "Министр провёл совещание с аграриями.\n"
        "«Посевная начнётся вовремя», – сказал министр.\n"
        "Затем он дал интервью телеканалу «Астана».\n"
        "«Зерна хватит», – добавил он."
    )
    events, mentions = find_events_with_mentions(text, PUB)
    assert [e.kind for e in events] == ["совещание", "интервью"]
    q1 = text.index("Посевная"), text.index("», – сказал")
    q2 = text.index("Зерна"), text.index("», – добавил")
    assert link_quotes_to_events(text, [q1, q2], mentions) == [0, 1]
    lead = "«Работы много», – сказал министр.\n" + text
    events, mentions = find_events_with_mentions(lead, PUB)
    assert link_quotes_to_events(lead, [(1, 13)], mentions) == [None]  # nothing named before it


# --- the seeds ---------------------------------------------------------------------------------

def _gold(doc: str) -> list[dict]:
    for line in (ROOT / "tests" / "seeds_gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["doc"] == doc:
            return row["events"]
    raise KeyError(doc)


def test_seed_000_one_event_without_date_or_place() -> None:
    text = (ROOT / "seeds" / "000_3e24bedb2f45aae9.txt").read_text(encoding="utf-8")
    (gold,) = _gold("000_3e24bedb2f45aae9.txt")
    (ev,) = find_events(text, None)
    assert (ev.name, ev.date, ev.location) == (gold["name"], None, None)
    assert ev.kind == "собрание"


def test_seed_003_event_with_date_and_place() -> None:
    text = (ROOT / "seeds" / "003_9169966fa4f5ec57.txt").read_text(encoding="utf-8")
    body = text[text.index("На расширенном заседании") :]
    (gold,) = _gold("003_9169966fa4f5ec57.txt")
    (ev,) = find_events(body, datetime(2019, 4, 17, 23, 45))
    assert (ev.name, ev.date.isoformat(), ev.location) == (gold["name"], gold["date"], gold["location"])
    assert ev.kind == "заседание"


# --- occasions named by a verb in the headline or lead, when no noun names one ---

VERB_EVENTS = [
    (
        "Губернатор обратился к жителям области\nОн рассказал о ремонте дорог и пообещал закончить его к осени.",
        ("обращение к жителям области", "обращение", PUB.date(), None),
    ),
    (
        "Президент выступил перед студентами университета\nРечь шла о науке и новых лабораториях.",
        ("выступление перед студентами университета", "выступление", PUB.date(), None),
    ),
    (
        "Министр встретился с делегацией Китая 3 марта.\nСтороны обсудили поставки зерна.",
        ("встреча с делегацией Китая", "встреча", date(2021, 3, 3), None),
    ),
    (
        "Премьер-министр посетил Японию\nОн рассказал журналистам о торговле.",
        ("визит в Японию", "визит", PUB.date(), "Япония"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), VERB_EVENTS)
def test_an_occasion_named_by_a_verb_in_the_headline(text: str, expected: tuple) -> None:
    assert _simple(find_events(text, PUB)) == [expected]


def test_a_verb_named_occasion_takes_the_publication_date_only_when_the_text_gives_no_date() -> None:
    text = "Мэр обратился к горожанам\nВчера в городе прошёл сильный ливень."
    (ev,) = find_events(text, PUB)
    assert ev.name == "обращение к горожанам" and ev.date is None  # «вчера» may be another day
    (ev,) = find_events("Мэр обратился к горожанам\nОн попросил беречь воду.", None)
    assert ev.date is None  # no publication date: nothing to take


def test_a_noun_named_occasion_wins_over_a_verb() -> None:
    text = "Губернатор обратился к жителям края\nНа совещании с главами районов он рассказал о паводке."
    assert [e.name for e in find_events(text, PUB)] == ["совещание с главами районов"]


VERB_NOT_OCCASIONS = [
    "Губернатор не обратился к жителям края\nЖители ждали его слов весь день.",
    "Губернатор обратится к жителям края\nОн расскажет о паводке.",
    "Президент встретится с делегацией Китая\nВстреча запланирована на весну.",
    "Жители обратились в суд\nОни требуют вернуть деньги.",
    "Депутат выступил против закона\nОн считает его вредным.",
    "Директор выступил бы перед студентами, если бы его пригласили.",
    "Мэр: мы встретились с жителями двора\nОн пообещал починить крыльцо.",
    "«Вчера мы встретились с делегацией Китая и всё обсудили», — сказал министр.",
    # a verb deeper in the text is not the article's occasion
    "Урожай в этом году рекордный.\nВ прошлом году глава района встретился с фермерами.",
]


@pytest.mark.parametrize("text", VERB_NOT_OCCASIONS)
def test_negated_future_quoted_and_complementless_verbs_name_no_occasion(text: str) -> None:
    assert find_events(text, PUB) == []


def test_a_page_date_stamp_dates_the_headline_occasion() -> None:
    from docstore.ingest import read_text

    a = read_text("Губернатор обратился к жителям области\nОн попросил не выходить на лёд.\nОколо минуты\n9 января 2024\n")
    assert a.published == datetime(2024, 1, 9)
    assert _simple(find_events(a.text, a.published)) == [
        ("обращение к жителям области", "обращение", date(2024, 1, 9), None)
    ]
