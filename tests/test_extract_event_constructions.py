"""Events named by general Russian constructions: interviews with an outlet, press conferences in a
headline, court occasions, forums and festivals, matches, visits, meetings, speeches, sittings.
Each sentence is made up; the expected name is the occasion in the nominative as the text names it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from docstore.extract.events import find_events

PUB = datetime(2021, 3, 12, 15, 0)
COURT = "Суд приговорил бывшего главу района к четырём годам колонии.\n"

# (id, text, (name, date, location) of the one event found)
CONSTRUCTIONS = [
    ("interview-abbr", "Министр рассказал о планах в интервью РБК.", ("интервью РБК", None, None)),
    ("interview-domain", "Режиссёр рассказал о фильме в интервью Lenta.ru.", ("интервью Lenta.ru", None, None)),
    ("talk-with-abbr", "Певица призналась в беседе с НСН, что устала от гастролей.", ("беседа с НСН", None, None)),
    ("talk-with-domain", "Врач рассказал в беседе с Газета.ru о новых лекарствах.", ("беседа с Газета.ru", None, None)),
    ("talk-latin", "Синоптик рассказал в беседе с радио Sputnik о морозах.", ("беседа с радио Sputnik", None, None)),
    ("bare-in-town", "На брифинге в Тбилиси министр заявил о переговорах.", ("брифинг в Тбилиси", None, "Тбилиси")),
    ("on-air-channel", "Экономист заявил в эфире телеканала «Россия 24», что рубль укрепится.",
     ("эфир телеканала «Россия 24»", None, None)),
    ("debate", COURT + "В прениях сторон прокурор попросил для подсудимого восемь лет.", ("прения сторон", None, None)),
    ("debate-bare", COURT + "В прениях прокурор заявил, что вина доказана.", ("прения сторон", None, None)),
    ("last-word", COURT + "Подсудимая выступила с последним словом и попросила о снисхождении.",
     ("последнее слово", None, None)),
    ("last-word-in", COURT + "В последнем слове подсудимый сказал, что раскаивается.", ("последнее слово", None, None)),
    ("court-sitting", COURT + "На судебном заседании адвокат заявил, что обжалует приговор.",
     ("судебное заседание", None, None)),
    ("court-trial", COURT + "Свидетель заявил на процессе в Ленинском районном суде по делу бывшего мэра, что видел деньги.",
     ("процесс по делу бывшего мэра", None, "Ленинский районный суд")),
    ("fair-ordinal", "Писатель рассказал о новой книге на 12-й Международной книжной ярмарке в Казани.",
     ("12-я Международная книжная ярмарка в Казани", None, "Казань")),
    ("film-festival", "На кинофестивале «Зеркало» в Иванове режиссёр представил новую ленту.",
     ("кинофестиваль «Зеркало»", None, "Иваново")),
    ("exhibition", "На выставке «Иннопром» в Екатеринбурге министр заявил о новых заказах.",
     ("выставка «Иннопром»", None, "Екатеринбург")),
    ("ceremony", "На церемонии открытия фестиваля актриса сказала, что счастлива.",
     ("церемония открытия фестиваля", None, None)),
    ("premiere", "На премьере спектакля «Чайка» в Костроме режиссёр сказал, что доволен актёрами.",
     ("премьера спектакля «Чайка»", None, "Кострома")),
    ("match-pair", "После матча «Торпедо» — «Сибирь» главный тренер сказал, что команда устала.",
     ("матч «Торпедо» — «Сибирь»", None, None)),
    ("visit", "В ходе визита президента Финляндии в Москву стороны обсудили торговлю.",
     ("визит президента Финляндии в Москву", None, "Москва")),
    ("held-after-ordinal", "В Казани прошла 12-я Международная книжная ярмарка. Писатель сказал, что рад гостям.",
     ("12-я Международная книжная ярмарка", None, "Казань")),
    ("held-after-phrase", "Церемония открытия кинофестиваля прошла в драмтеатре. Актриса сказала, что рада.",
     ("Церемония открытия кинофестиваля", None, None)),
    ("town-adjective", "На Казанской ярмарке книжной культуры писатель рассказал о новой книге.",
     ("Казанская ярмарка книжной культуры", None, "Казань")),
    ("arrived-to", "Артист приехал на встречу с поклонниками и рассказал о новом альбоме.",
     ("встреча с поклонниками", None, None)),
    ("at-the-start-of", "В самом начале встречи с прессой чиновник заявил, что готов отвечать.",
     ("встреча с прессой", None, None)),
    ("meet-readers", "На встрече с читателями писатель рассказал о новой книге.", ("встреча с читателями", None, None)),
    ("meet-press", "На встрече с прессой тренер заявил, что команда готова.", ("встреча с прессой", None, None)),
    ("speech-before", "В речи перед выпускниками президент сказал, что гордится ими.",
     ("речь перед выпускниками", None, None)),
    ("body-session", "На сессии городской думы депутаты утвердили бюджет.", ("сессия городской думы", None, None)),
    ("board-meeting", "На заседании совета директоров «Северной нефти» глава компании заявил о дивидендах.",
     ("заседание совета директоров «Северной нефти»", None, None)),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CONSTRUCTIONS], ids=[c[0] for c in CONSTRUCTIONS])
def test_a_construction_names_its_occasion(text: str, expected: tuple) -> None:
    assert [(e.name, e.date, e.location) for e in find_events(text, PUB)] == [expected]


def test_a_press_conference_named_in_the_headline_is_dated_by_the_publication() -> None:
    text = (
        "Пресс-конференция главы Минздрава\n"
        "Глава Минздрава рассказал о вакцинации. «Всё идёт по плану», — сказал он."
    )
    assert [(e.name, e.date) for e in find_events(text, PUB)] == [("Пресс-конференция главы Минздрава", date(2021, 3, 12))]
    # without a publication date the year cannot be recovered: no date
    assert [(e.name, e.date) for e in find_events(text, None)] == [("Пресс-конференция главы Минздрава", None)]
