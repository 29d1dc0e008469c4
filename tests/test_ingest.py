from __future__ import annotations

from datetime import datetime

import pytest

from docstore.ingest import ReadError, content_hash, iter_files, parse_published, read_file, read_text
from tests.conftest import HEADER_SEED, PLAIN_SEED, SEEDS


def test_header_layout_goes_to_metadata_not_text() -> None:
    a = read_file(HEADER_SEED)
    assert a.site == "sng.today"
    assert a.section == "Казахстан"
    assert a.title == "Президент Казахстана поручил полиции наладить диалог с обществом"
    assert a.published == datetime(2019, 4, 17, 23, 45)
    assert a.encoding == "utf-8"
    assert a.text.startswith("На расширенном заседании коллегии")
    for header_bit in (" » ", "© Источник Фото", "17 апр 2019", "sng.today"):
        assert header_bit not in a.text
    assert a.title not in a.text


def test_plain_layout_title_is_first_line_and_text_is_whole_file() -> None:
    a = read_file(PLAIN_SEED)
    raw = PLAIN_SEED.read_text(encoding="utf-8")
    assert a.title == "Президент принял участие в торжественном мероприятии по случаю 30-летия казахстанской полиции."
    assert a.text == raw.strip()
    assert a.site is None and a.published is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("17 апр 2019, 23:45", datetime(2019, 4, 17, 23, 45)),
        ("17 апреля 2019 г. в 09:05", datetime(2019, 4, 17, 9, 5)),
        ("1 мая 2020", datetime(2020, 5, 1)),
        ("3 сент. 2021, 7:30", datetime(2021, 9, 3, 7, 30)),
        ("17.04.2019 23:45", datetime(2019, 4, 17, 23, 45)),
        ("2019-04-17T23:45:00", datetime(2019, 4, 17, 23, 45)),
        ("31 фев 2019, 10:00", None),
        ("Президент Казахстана", None),
        ("17 апреля 2019 года в Нур-Султане прошло заседание", None),
    ],
)
def test_parse_published(line: str, expected: datetime | None) -> None:
    assert parse_published(line) == expected


def test_header_with_url_author_and_no_photo_line() -> None:
    raw = "site.ru » Политика » Заголовок\n\nЗаголовок\nhttps://site.ru/a/1\nАвтор: Иван Петров\n5 июня 2022\n\nТекст статьи.\n"
    a = read_text(raw)
    assert (a.site, a.section, a.title, a.url, a.author) == ("site.ru", "Политика", "Заголовок", "https://site.ru/a/1", "Иван Петров")
    assert a.published == datetime(2022, 6, 5)
    assert a.text == "Текст статьи."


def test_a_closing_guillemet_in_the_first_line_is_not_a_header() -> None:
    a = read_text("«Всё хорошо» » сказал он » потом.\nВторая строка.")
    assert a.site is None
    a = read_text("«Всё хорошо», — сказал он.\nВторая строка.")
    assert a.site is None and a.text.startswith("«Всё хорошо»")


def test_long_first_line_title_is_cut_at_a_sentence_or_word() -> None:
    first = "Первое предложение достаточно длинное для заголовка. " + "слово " * 80
    a = read_text(first + "\nдальше")
    assert a.title == "Первое предложение достаточно длинное для заголовка."
    a = read_text("слово " * 80)
    assert len(a.title) <= 201 and a.title.endswith("…") and "сло…" not in a.title


def test_windows_1251_and_bom(tmp_path) -> None:
    (tmp_path / "cp.txt").write_bytes("Министр сказал: «Да».".encode("cp1251"))
    (tmp_path / "bom.txt").write_bytes("\ufeffМинистр сказал: «Да».\r\nЕщё.".encode("utf-8"))
    cp = read_file(tmp_path / "cp.txt")
    bom = read_file(tmp_path / "bom.txt")
    assert cp.text == "Министр сказал: «Да»." and cp.encoding == "cp1251"
    assert bom.text == "Министр сказал: «Да».\nЕщё." and bom.encoding == "utf-8"


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"   \n\n ", "empty"), (b"\x00\x01binary", "binary"), (b"a \xc2\xbb b \xc2\xbb c\n\n", "no article text")],
)
def test_unreadable_files_raise_read_error(tmp_path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=reason):
        read_file(path)


def test_missing_file_raises_read_error(tmp_path) -> None:
    with pytest.raises(ReadError):
        read_file(tmp_path / "nope.txt")


def test_content_hash_ignores_whitespace_only() -> None:
    assert content_hash("Раз  два\nтри ") == content_hash("Раз два\r\n\nтри")
    assert content_hash("Раз два три") != content_hash("Раз два четыре")


def test_iter_files_recurses_into_folders_and_keeps_named_files(tmp_path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/1.txt", "a/b/2.txt", "a/b/skip.pdf", "a/.hidden.txt", "x.md"):
        (tmp_path / name).write_text("text", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path / "a", tmp_path / "x.md", tmp_path / "a"])]
    assert found == ["a/1.txt", "a/b/2.txt", "x.md"]
    assert len(list(iter_files([SEEDS]))) == 2


# --- page date stamps: a line of nothing but a date at the start or the end of the body ---


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Опубликовано: 5 мая 2022", datetime(2022, 5, 5)),
        ("Дата публикации: 12.03.2024 14:05", datetime(2024, 3, 12, 14, 5)),
        ("  9 октября 2021  ", datetime(2021, 10, 9)),
        ("Опубликовано: вчера", None),
        ("Обновлено 5 мая 2022 года в Твери", None),
    ],
)
def test_parse_stamp(line: str, expected: datetime | None) -> None:
    from docstore.ingest.text import parse_stamp

    assert parse_stamp(line) == expected


def test_a_closing_date_stamp_is_the_publication_date_and_leaves_the_body() -> None:
    raw = "Мэр открыл новый сквер\nВ субботу мэр Твери открыл сквер на набережной.\nЖители довольны.\n8 сентября 2022\n"
    a = read_text(raw)
    assert a.published == datetime(2022, 9, 8)
    assert a.title == "Мэр открыл новый сквер"
    assert a.text == "Мэр открыл новый сквер\nВ субботу мэр Твери открыл сквер на набережной.\nЖители довольны."


def test_a_reading_time_line_goes_with_the_closing_stamp() -> None:
    raw = "Глава района встретился с фермерами\nРечь шла о посевной.\nОколо минуты\n12.03.2024 14:05\n"
    a = read_text(raw)
    assert a.published == datetime(2024, 3, 12, 14, 5)
    assert a.text == "Глава района встретился с фермерами\nРечь шла о посевной."


def test_a_reading_time_line_without_a_stamp_stays() -> None:
    raw = "Глава района встретился с фермерами\nРечь шла о посевной.\nОколо минуты\n"
    a = read_text(raw)
    assert a.published is None
    assert a.text == raw.strip()


def test_an_opening_labelled_stamp_is_metadata_and_the_title_is_the_next_line() -> None:
    raw = "Опубликовано: 5 мая 2022\nВ Самаре открылся фестиваль\nФестиваль продлится три дня.\n"
    a = read_text(raw)
    assert a.published == datetime(2022, 5, 5)
    assert a.title == "В Самаре открылся фестиваль"
    assert a.text == "В Самаре открылся фестиваль\nФестиваль продлится три дня."


def test_a_date_inside_a_sentence_or_mid_text_is_not_a_stamp() -> None:
    raw = (
        "Итоги года\nСтроительство моста началось 5 мая 2022 года.\nПодрядчик сменился дважды.\n"
        "5 мая 2022\nРаботы идут по графику.\nМост откроют осенью."
    )
    a = read_text(raw)
    assert a.published is None
    assert a.text == raw


@pytest.mark.parametrize(
    ("raw", "expected", "text"),
    [
        (
            "Мост через Волгу открыт\n5 мар 2024, 14:10\nДвижение по мосту запустили утром.\nПробок нет.",
            datetime(2024, 3, 5, 14, 10),
            "Мост через Волгу открыт\nДвижение по мосту запустили утром.\nПробок нет.",
        ),
        (
            "Мост через Волгу открыт\nПодзаголовок о пробках\n14.02.2024\nДвижение запустили утром.",
            datetime(2024, 2, 14),
            "Мост через Волгу открыт\nПодзаголовок о пробках\nДвижение запустили утром.",
        ),
        (
            "Мост через Волгу открыт\n09:40 / 18.01.2024\nДвижение запустили утром.\nПробок нет.",
            datetime(2024, 1, 18, 9, 40),
            "Мост через Волгу открыт\nДвижение запустили утром.\nПробок нет.",
        ),
        (
            "Мост через Волгу открыт\n11:05, 18 января 2024\nДвижение запустили утром.\nПробок нет.",
            datetime(2024, 1, 18, 11, 5),
            "Мост через Волгу открыт\nДвижение запустили утром.\nПробок нет.",
        ),
    ],
)
def test_a_date_line_under_the_headline_is_the_publication_date_and_leaves_the_body(
    raw: str, expected: datetime, text: str
) -> None:
    a = read_text(raw)
    assert a.published == expected
    assert a.text == text
    assert a.title == "Мост через Волгу открыт"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Вестник Поволжья №41 от 12.03.2024, стр. 3", datetime(2024, 3, 12)),
        ("ИА Волга, 7 мая 2023", datetime(2023, 5, 7)),
        ("Тверь, 7 мая 2023 г. – ИА «Верхневолжье»", datetime(2023, 5, 7)),
        ("Строительство моста началось 5 мая 2022 года и продлится ещё два года.", None),
        ("С 1 по 5 мая 2023 года", None),
    ],
)
def test_a_short_credit_line_gives_its_date(line: str, expected: datetime | None) -> None:
    from docstore.ingest.text import parse_credit

    assert parse_credit(line) == expected


def test_a_credit_line_under_the_headline_dates_the_article_and_stays_in_the_text() -> None:
    raw = "Мост через Волгу открыт\nИА Волга, 7 мая 2023\nДвижение запустили утром.\nПробок нет."
    a = read_text(raw)
    assert a.published == datetime(2023, 5, 7)
    assert a.text == raw


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ПСКОВ, 3 июня 2025 года. /ТАСС/. Мост через Великую открыли для машин.\nПробок нет.", datetime(2025, 6, 3)),
        ("Мост открыт\nТверь. 9 мая 2024. INTERFAX.RU - Мост через Волгу открыли.\nПробок нет.", datetime(2024, 5, 9)),
        ("Мост открыт\nОмск, 3 апреля 2024 г. (ОмскИнформ). Мост через Иртыш открыли.", datetime(2024, 4, 3)),
        # no year in the dateline: nothing to take
        ("ПСКОВ, 3 июня. /ТАСС/. Мост через Великую открыли для машин.\nПробок нет.", None),
        # a date inside a sentence is no dateline
        ("Мост, построенный 3 июня 2025 года, открыли для машин.\nПробок нет.", None),
    ],
)
def test_a_dateline_with_its_year_dates_the_article_and_stays_in_the_text(raw: str, expected: datetime | None) -> None:
    a = read_text(raw)
    assert a.published == expected
    assert a.text == raw


def test_a_header_date_wins_over_a_closing_stamp() -> None:
    raw = "site.ru » Политика » Заголовок\n\n5 июня 2022\n\nТекст статьи.\n7 июня 2022\n"
    a = read_text(raw)
    assert a.published == datetime(2022, 6, 5)
    assert a.text == "Текст статьи.\n7 июня 2022"


def test_a_header_without_a_date_takes_the_closing_stamp() -> None:
    raw = "site.ru » Политика » Заголовок\n\nТекст статьи.\nОпубликовано: 7 июня 2022\n"
    a = read_text(raw)
    assert a.published == datetime(2022, 6, 7)
    assert a.text == "Текст статьи."


def test_a_text_that_is_only_a_title_and_a_date_keeps_its_title() -> None:
    a = read_text("7 июня 2022\n")
    assert a.title == "7 июня 2022" and a.published is None
