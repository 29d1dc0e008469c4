"""Events: occasions named in the text, in the nominative, with their date and place."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from docstore.extract.events import (
    find_events,
    find_events_with_mentions,
    link_quotes_to_events,
)
from docstore.extract.events.merge import close_wording

ROOT = Path(__file__).resolve().parent.parent
PUB = datetime(2021, 3, 12, 15, 0)  # a Friday

# (text, [(name, kind, date, location)]) with the reference PUB
EVENTS = [
    (
        "Президент 24 декабря на совещании по развитию Астаны прокомментировал работу министров.",
        [("совещание по развитию Астаны", "совещание", date(2020, 12, 24), None)],
    ),
    (
        "Спикер сената Маулен Ашимбаев в кулуарах парламента заявил, что реформа продолжится.",
        [("кулуары парламента", "кулуар", None, None)],
    ),
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
        [("официальный визит в Узбекистан", "визит", None, "Узбекистан")],
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
        [("брифинг в Караганде", "брифинг", date(2021, 3, 11), "Караганда")],
    ),
    (
        "Проблему обсудили на круглом столе в Шымкенте 2 марта, сообщил организатор.",
        [("круглый стол в Шымкенте", "круглый стол", date(2021, 3, 2), "Шымкент")],
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
        [("торжественная церемония в Ново-Огарево", "церемония", None, "Ново-Огарево")],
    ),
    (
        "Губернатор поздравил гостей с открытием новой детской больницы.",
        [("открытие новой детской больницы", "открытие", None, None)],
    ),
    (  # a headline naming, without a verb, the occasion the page is the transcript of: held the day it was published
        "«Торпедо» – «Динамо». Послематчевая пресс-конференция\n\nИгорь Орлов, главный тренер «Торпедо»:\n\n"
        "— Мы сыграли хорошо.",
        [("Послематчевая пресс-конференция", "пресс-конференция", date(2021, 3, 12), None)],
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
    # a verbless mention away from the headline and the lead names no occasion that was held
    "Первый абзац.\n\nВторой абзац.\n\nТретий абзац.\n\nЧетвёртый абзац.\n\nПресс-конференция министра.",
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
    # the dateline's day is the day it was reported: «сообщил» in the past, no other date
    assert (ev.name, ev.date, ev.location) == ("брифинг", date(2021, 3, 3), "Павлодар")


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


# --- occasions at which the quoted words were said ----------------------------------------

def test_only_occasions_where_something_was_said_are_kept() -> None:
    from docstore.extract.events import find_said_events

    text = (
        "В субботу хоккеисты «Сокола» проиграли матч в Красноярске.\n"
        "Главный тренер Олег Зуев после игры был немногословен.\n"
        "«Нам не хватило сил в третьем периоде», – сказал Зуев на пресс-конференции после матча."
    )
    q = (text.index("Нам"), text.index("», – сказал"))
    events, said_at = find_said_events(text, PUB, [q])
    assert [e.name for e in events] == ["пресс-конференция после матча"]
    assert said_at == [0]


def test_a_quote_goes_to_the_occasion_of_its_own_attribution_sentence() -> None:
    text = (
        "Мэр провёл совещание с директорами школ. Выступая затем на брифинге, он сказал: «Ремонт закончим к сентябрю».\n"
        "«Денег хватит», – добавил мэр на совещании."
    )
    events, mentions = find_events_with_mentions(text, PUB)
    q1 = text.index("Ремонт"), text.index("».")
    q2 = text.index("Денег"), text.index("», – добавил")
    kinds = [events[n].kind for n in link_quotes_to_events(text, [q1, q2], mentions)]
    assert kinds == ["брифинг", "совещание"]


def test_the_one_occasion_of_an_article_takes_a_quote_named_before_it() -> None:
    text = (
        "Директор библиотеки отметила, что фонд пополнился тысячей книг.\n"
        "Губернатор поздравил читателей с открытием нового читального зала."
    )
    events, mentions = find_events_with_mentions(text, PUB)
    q = (text.index("фонд"), text.index("книг.") + 4)
    assert link_quotes_to_events(text, [q], mentions) == [0]


def test_extract_returns_only_occasions_with_their_words() -> None:
    from docstore.extract import extract
    from docstore.ingest.article import Article

    text = (
        "Сборная области выиграла турнир по мини-футболу.\n"
        "«Ребята показали характер», – сказал тренер Павел Гусев на пресс-конференции после финала."
    )
    result = extract(Article(text=text, published=PUB))
    assert [e.kind for e in result.events] == ["пресс-конференция"]
    assert [q.event for q in result.quotes] == [0]


# --- occasion nouns and the phrases that introduce them -----------------------------------

MORE_OCCASIONS = [
    (
        "Глава региона рассказал о помощи семьям в эфире благотворительного телемарафона.",
        ("эфир благотворительного телемарафона", "эфир"),
    ),
    ("Лыжница поблагодарила тренеров после эстафеты.", ("эстафета", "эстафета")),
    ("После масс-старта биатлонист сказал, что доволен стрельбой.", ("масс-старт", "масс-старт")),
    ("Бегун рассказал журналистам о травме после забега.", ("забег", "забег")),
    (
        "Вице-мэр сообщил о ремонте моста в ходе брифинга по видеосвязи.",
        ("брифинг по видеосвязи", "брифинг"),
    ),
    (
        "Учительница ответила на вопросы нашего корреспондента.",
        ("интервью корреспонденту", "интервью"),
    ),
    (
        "Депутат предложил снизить тарифы на заседании Тверской городской думы.",
        ("заседание Тверской городской думы", "заседание"),
    ),
    (
        "Губернатор рассказал о цифровизации на форуме «Умный город Сибири».",
        ("форум «Умный город Сибири»", "форум"),
    ),
    (
        "Химик рассказал о новом методе на конференции «Полимер-2024».",
        ("конференция «Полимер-2024»", "конференция"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), MORE_OCCASIONS)
def test_more_occasion_nouns_and_their_full_names(text: str, expected: tuple) -> None:
    assert [(e.name, e.kind) for e in find_events(text, PUB)] == [expected]


def test_a_bare_on_air_is_no_occasion() -> None:
    assert find_events("Сюжет вышел в эфире вчера, сказал редактор.", PUB) == []


def test_court_words_stand_for_the_occasions_of_a_trial() -> None:
    text = (
        "Суд приговорил бывшего главу района к четырём годам колонии.\n"
        "В прениях прокурор заявил, что вина доказана.\n"
        "Подсудимый в последнем слове сказал, что не брал денег."
    )
    assert [(e.name, e.kind) for e in find_events(text, PUB)] == [
        ("прения сторон", "прения"), ("последнее слово", "последнее слово")
    ]
    text = "Адвокат заявил в Заволжском районном суде, что обжалует приговор."
    assert [(e.name, e.location) for e in find_events(text, PUB)] == [
        ("заседание Заволжского районного суда", "Заволжский районный суд")
    ]
    # outside a court article «прения» are not a hearing, nor is «в процессе» a trial in one
    assert find_events("В прениях депутаты разошлись во мнениях, сказал спикер.", PUB) == []
    assert find_events("Суд вынес приговор. В процессе обсуждения адвокат заявил, что обжалует его.", PUB) == []


def test_a_place_name_ends_the_phrase_and_is_its_location() -> None:
    (ev,) = find_events("Глава округа заявил на встрече с жителями села Кузьминки, что школу откроют.", PUB)
    assert (ev.name, ev.location) == ("встреча с жителями села Кузьминки", "Кузьминки")
    (ev,) = find_events("Мэр рассказал о парках на встрече с жителями города Вологды.", PUB)
    assert (ev.name, ev.location) == ("встреча с жителями города Вологды", "Вологда")


def test_the_fuller_name_of_one_occasion_wins_over_a_bare_one() -> None:
    text = (
        "Бюджет приняли на заседании Тверской городской думы.\n"
        "На заседании председатель комиссии сказал, что дефицита не будет."
    )
    assert [e.name for e in find_events(text, PUB)] == ["заседание Тверской городской думы"]


# --- places from the dateline and the lead ------------------------------------------------

DATELINES = [
    "ОМСК, 14 мая. /Интерфакс/. Мэр сообщил об этом на брифинге.",
    "ОМСК, 14 мая. /Казинформ/ - Мэр сообщил об этом на брифинге.",
    "ОМСК, 14 мая (БелТА) - Мэр сообщил об этом на брифинге.",
]


@pytest.mark.parametrize("text", DATELINES)
def test_every_dateline_style_gives_the_place_and_the_day(text: str) -> None:
    (ev,) = find_events(text, PUB)
    assert (ev.location, ev.date) == ("Омск", date(2020, 5, 14))  # 14 May after 12 March 2021: last year's


def test_the_dateline_city_beats_an_organisation() -> None:
    text = "ОМСК, 3 марта. /ТАСС/. Об этом сообщили на брифинге в Службе занятости населения."
    (ev,) = find_events(text, PUB)
    assert ev.location == "Омск"


def test_the_lead_place_is_the_place_of_an_occasion_without_one() -> None:
    text = (
        "В Твери завершился фестиваль уличного театра.\n"
        "На пресс-конференции организатор сказал, что зрителей было вдвое больше."
    )
    assert [(e.name, e.location) for e in find_events(text, PUB)] == [
        ("фестиваль уличного театра", "Тверь"),
        ("пресс-конференция", "Тверь"),
    ]


# --- the dateline's day -------------------------------------------------------------------

def test_the_dateline_day_dates_a_past_occasion_with_no_other_date() -> None:
    text = "ТВЕРЬ, 3 апреля. /ТАСС/. Сегодня на брифинге мэр сообщил о ремонте дорог. Работы идут с 2 апреля 2025 года."
    (ev,) = find_events(text, None)
    assert ev.date == date(2025, 4, 3)  # the year from the body


def test_the_dateline_day_is_not_taken_for_an_earlier_or_undated_occasion() -> None:
    text = "ТВЕРЬ, 3 апреля. /ТАСС/. Ранее на брифинге мэр сообщил о ремонте дорог. Работы идут с 2 апреля 2025 года."
    assert find_events(text, None)[0].date is None
    text = "ТВЕРЬ, 3 апреля. /ТАСС/. На брифинге мэр сообщил о ремонте дорог."
    assert find_events(text, None)[0].date is None  # no year anywhere: never invented


# --- names with their complements, compound occasions, places around the phrase ---

NAMED_WITH_COMPLEMENTS = [
    ("Министр выступил на брифинге в министерстве здравоохранения и рассказал о вакцинации.", "брифинг в министерстве здравоохранения"),
    ("Замминистра заявил на конференции ЦИПР в Нижнем Новгороде о нехватке кадров.", "конференция ЦИПР"),
    ("Мэр сообщил об этом на пресс-конференции в пресс-центре ТАСС.", "пресс-конференция в пресс-центре ТАСС"),
    ("Тренер сказал на пресс-конференции после седьмого тура, что доволен.", "пресс-конференция после седьмого тура"),
    ("Директор рассказал на пресс-конференции, посвященной открытию сезона, о премьерах.", "пресс-конференция, посвященная открытию сезона"),
    ("Министр сообщил на республиканском семинаре-совещании, что сев идёт быстро.", "республиканский семинар-совещание"),
    ("Губернатор заявил на онлайн-конференции с аграриями, что субсидии сохранят.", "онлайн-конференция с аграриями"),
]


@pytest.mark.parametrize(("text", "name"), NAMED_WITH_COMPLEMENTS)
def test_an_occasion_keeps_its_complements_and_compound_heads(text: str, name: str) -> None:
    assert [e.name for e in find_events(text, PUB)] == [name]


PLACES_AROUND = [
    ("Вчера в Ижевске состоялся третий тур турнира. На пресс-конференции после тура чемпионка сказала, что устала.", "Ижевск"),
    ("Вице-губернатор Петербурга Олег Смирнов выступил на заседании Законодательного собрания и рассказал о метро.", "Петербург"),
    ("Директор томского театра Анна Белова заявила на пресс-конференции, что сезон откроется в октябре.", "Томск"),
    ("Космонавт сообщил на предстартовой пресс-конференции на Байконуре, что экипаж готов.", "Байконур"),
]


@pytest.mark.parametrize(("text", "place"), PLACES_AROUND)
def test_the_town_of_an_occasion_comes_from_around_it(text: str, place: str) -> None:
    (ev,) = find_events(text, PUB)
    assert ev.location == place


def test_a_town_beats_a_region_and_an_organisation_is_never_the_place() -> None:
    text = "Мэр Омска Иван Орлов заявил на брифинге в Омской области, что школы откроют."
    (ev,) = find_events(text, PUB)
    assert ev.location == "Омск"


def test_a_gathering_with_speech_on_it_is_an_occasion() -> None:
    text = "В субботу в посёлке прошел сход жителей, на котором выступил депутат. «Карьера не будет», — сказал он."
    (ev,) = find_events(text, PUB)
    assert ev.name == "сход жителей" and ev.date == date(2021, 3, 6)


def test_the_publication_day_dates_an_occasion_only_when_the_text_names_that_day() -> None:
    text = "12 марта в Туле прошёл второй тур. На пресс-конференции после тура тренер сказал, что рад."
    assert [e.date for e in find_events(text, PUB)] == [date(2021, 3, 12)]
    text = "На пресс-конференции после тура тренер сказал, что рад."
    assert [e.date for e in find_events(text, PUB)] == [None]


def test_answers_given_at_a_named_occasion_are_not_a_second_interview() -> None:
    text = "Чемпионка ответила на вопросы журналистов на пресс-конференции после финала."
    assert [e.name for e in find_events(text, PUB)] == ["пресс-конференция после финала"]


# --- «жителям края»: the region the text names with that noun ---

REGION_MEANT = [
    # named only in the quoted speech: still the region the bare noun refers to
    ("Губернатор обратился к жителям края\n«В Алтайском крае всё спокойно», — сказал он.", "Алтайский край"),
    ("Глава региона встретился с жителями области\nВ Тульской области открыли три школы.", "Тульская область"),
    # two regions of that kind: which one is meant is in doubt
    ("Губернатор обратился к жителям области\nВ Тульской и Орловской области прошли дожди. Калужской области помогли.", None),
    # no region named by the noun at all
    ("Губернатор обратился к жителям края\nОн попросил беречь воду.", None),
]


@pytest.mark.parametrize(("text", "place"), REGION_MEANT)
def test_a_bare_region_noun_in_the_occasion_is_the_region_the_text_names(text: str, place: str | None) -> None:
    (ev,) = find_events(text, PUB)
    assert ev.location == place


def test_a_place_named_with_the_occasion_wins_over_the_region_meant() -> None:
    text = "Губернатор обратился к жителям Пермского края\nВ Алтайском крае тоже неспокойно."
    (ev,) = find_events(text, PUB)
    assert (ev.name, ev.location) == ("обращение к жителям Пермского края", "Пермский край")


# --- a bare sitting is the sitting of the body named right before it ---

BODY_SITTINGS = [
    # the body as the subject, put into the genitive; its town from its adjective
    ("Тверская городская дума на заседании 3 марта приняла бюджет.", "заседание Тверской городской думы", "Тверь"),
    ("Вологодская городская дума на заседании приняла отчёт мэра.", "заседание Вологодской городской думы", "Вологда"),
    # after its members the body is in the genitive already
    ("Депутаты Законодательного собрания Омской области на сессии приняли закон.", "сессия Законодательного собрания Омской области", None),
    # a person before the sitting is no body
    ("Министр Иван Петров на совещании рассказал о бюджете.", "совещание", None),
]


@pytest.mark.parametrize(("text", "name", "place"), BODY_SITTINGS)
def test_a_bare_sitting_is_named_after_the_body_before_it(text: str, name: str, place: str | None) -> None:
    (ev,) = find_events(text, PUB)
    assert (ev.name, ev.location) == (name, place)


def test_an_adjective_names_the_occasion_well_enough_to_keep_its_name() -> None:
    text = (
        "Арбитражный суд Омской области на заседании частично удовлетворил иск.\n"
        "В судебном заседании представитель истца заявила, что решение справедливо."
    )
    (ev,) = find_events(text, PUB)
    assert ev.name == "судебное заседание"


def test_a_lead_that_opens_with_a_date_and_a_place_places_the_occasion() -> None:
    text = (
        "Иванова вышла в лидеры турнира\n"
        "5 марта в Костроме состоялся третий тур чемпионата области. "
        "На пресс-конференции после тура Иванова рассказала о партии."
    )
    (ev,) = find_events(text, PUB)
    assert (ev.name, ev.location) == ("пресс-конференция после тура", "Кострома")


def test_an_occasion_takes_the_day_and_place_of_a_relative_clause_of_holding() -> None:
    text = "На форуме, который прошёл 10 июля 2020 года в Омске, министр заявил о новых пошлинах."
    (ev,) = find_events(text, PUB)
    assert (ev.name, ev.date, ev.location) == ("форум", date(2020, 7, 10), "Омск")


@pytest.mark.parametrize(
    "after", ["на послематчевой пресс-конференции", "на пресс-конференции после матча"]
)
def test_an_occasion_after_another_is_held_on_its_day_and_at_its_place(after: str) -> None:
    text = (
        "«Факел» обыграл «Амкар» в матче 5-го тура, который прошёл 3 марта 2020 года в Перми.\n"
        f"«Мы заслужили победу», — сказал главный тренер Иван Петров {after}."
    )
    presser = [e for e in find_events(text, PUB) if e.kind == "пресс-конференция"]
    assert [(e.date, e.location) for e in presser] == [(date(2020, 3, 3), "Пермь")]


def test_nothing_is_taken_from_an_occasion_of_another_kind() -> None:
    text = (
        "На форуме, который прошёл 3 марта 2020 года в Перми, обсуждали экспорт.\n"
        "«Мы заслужили победу», — сказал главный тренер Иван Петров на послематчевой пресс-конференции."
    )
    presser = [e for e in find_events(text, PUB) if e.kind == "пресс-конференция"]
    assert [(e.date, e.location) for e in presser] == [(None, None)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("На высшем совещании руководителей министр рассказал о реформе.", "высшее совещание руководителей"),
        ("На лучшем концерте сезона певица рассказала о планах.", "лучший концерт сезона"),
    ],
)
def test_a_superlative_keeps_its_own_stem_in_the_nominative(text: str, name: str) -> None:
    (ev,) = find_events(text, PUB)
    assert ev.name == name  # not «высочайшее», «наихороший»


def test_what_the_speaker_came_with_is_not_part_of_the_occasion() -> None:
    (ev,) = find_events("Губернатор выступил на заседании Законодательного собрания с отчётом о работе.", PUB)
    assert ev.name == "заседание Законодательного собрания"
    (ev,) = find_events("Министр провёл встречу с фермерами области.", PUB)
    assert ev.name == "встреча с фермерами области"


# --- one occasion across articles (the store merges reports whose wording is close) ---
@pytest.mark.parametrize(
    ("kind", "a", "b", "close"),
    [
        ("заседание", "заседание коллегии министерства энергетики",
         "расширенное заседание коллегии министерства энергетики", True),
        ("заседание", "заседание коллегии МВД", "заседание коллегии Министерства внутренних дел", True),
        ("заседание", "заседание правительства республики", "заседание коллегии министерства", False),
        ("прием", "торжественный приём в честь ветеранов труда", "торжественный прием в честь ветеранов", True),
        ("собрание", "торжественное собрание по случаю Дня учителя", "собрание по случаю 30-летия полиции", False),
        ("брифинг", "брифинг", "брифинг", False),  # says nothing beyond its kind
        ("брифинг", "брифинг", "брифинг губернатора", False),
        ("круглый стол", "круглый стол", "круглый стол", False),
        ("встреча", "рабочая встреча", "рабочая встреча с избирателями", False),
        ("встреча", "встреча с избирателями", "встреча с избирателями района", True),
    ],
)
def test_close_wording(kind: str, a: str, b: str, close: bool) -> None:
    assert close_wording(kind, a, b) is close
    assert close_wording(kind, b, a) is close
