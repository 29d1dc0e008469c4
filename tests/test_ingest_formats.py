"""Every input format users bring, and every bad input: decoded right, or one clear line and the rest loaded."""

from __future__ import annotations

import gzip
import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from docstore.cli import app
from docstore.ingest import Article, Failure, Fields, decode, iter_files, read_source, records

DATA = Path(__file__).parent / "data"
PANGRAM = "Съешь же ещё этих мягких французских булок, да выпей чаю. Министр заявил: \"Работы много\"."


@pytest.mark.parametrize(
    ("encoding", "recorded"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
     ("utf-16-be", "utf-16-be"), ("cp1251", "cp1251"), ("koi8-r", "koi8-r"), ("cp866", "cp866")],
)
def test_text_encodings_are_detected_and_decoded(tmp_path: Path, encoding: str, recorded: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(PANGRAM.encode(encoding))
    [article] = read_source(path)
    assert isinstance(article, Article)
    assert article.text == PANGRAM
    assert article.encoding == recorded


def test_html_main_text_and_metadata_without_boilerplate() -> None:
    [a] = read_source(DATA / "page.html")
    assert isinstance(a, Article), a
    assert a.title == "Министр пообещал новые дороги"
    assert (a.site, a.author, a.url) == ("Вести Края", "Анна Смирнова", "https://vesti.example.ru/news/42")
    assert a.published == datetime(2023, 5, 17, 10, 30)
    assert a.text.startswith("Министр транспорта края Иван Петров")
    assert "«Мы отремонтируем все мосты до конца лета», — сказал Петров" in a.text
    for boilerplate in ("Главная", "Подпишитесь", "Всё враньё", "Комментарии", "Все права защищены"):
        assert boilerplate not in a.text


def test_html_in_windows_1251_and_gzipped(tmp_path: Path) -> None:
    page = (DATA / "page.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="windows-1251"')
    (tmp_path / "p.html.gz").write_bytes(gzip.compress(page.encode("cp1251")))
    [a] = read_source(tmp_path / "p.html.gz")
    assert a.encoding == "cp1251" and a.title == "Министр пообещал новые дороги"


def _dump_records() -> list[dict]:
    return [
        {"text": "«Дороги построим», — сказал министр Иван Петров.", "title": "Дороги", "date": "2021-03-04T05:06:07+03:00",
         "url": "https://a.ru/1"},
        {"content": "Второй текст.", "headline": "Второй", "published": "Thu, 04 Mar 2021 10:00:00 +0300", "link": "https://a.ru/2"},
        {"body": "Третий текст.", "date": "17 апреля 2019 г. в 09:05"},
    ]


def test_json_lines_array_and_csv_give_the_same_articles(tmp_path: Path) -> None:
    recs = _dump_records()
    (tmp_path / "d.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    (tmp_path / "d.json").write_text(json.dumps(recs, ensure_ascii=False, indent=2), encoding="utf-8")
    header = ["title", "headline", "text", "content", "body", "date", "published", "url", "link"]
    lines = [";".join(header)] + [";".join(f'"{r.get(h, "")}"'.replace('"«', '"««').replace('»,', '»»,') if False else
                                           '"' + str(r.get(h, "")).replace('"', '""') + '"' for h in header) for r in recs]
    (tmp_path / "d.csv").write_bytes("\r\n".join(lines).encode("cp1251"))
    got = {name: list(read_source(tmp_path / name)) for name in ("d.jsonl", "d.json", "d.csv")}
    for name, articles in got.items():
        assert all(isinstance(a, Article) for a in articles), (name, articles)
        assert [a.text for a in articles] == ["«Дороги построим», — сказал министр Иван Петров.", "Второй текст.", "Третий текст."]
        assert [a.title for a in articles] == ["Дороги", "Второй", "Третий текст."]
        assert [a.published for a in articles] == [datetime(2021, 3, 4, 5, 6, 7), datetime(2021, 3, 4, 10), datetime(2019, 4, 17, 9, 5)]
        assert [a.url for a in articles][:2] == ["https://a.ru/1", "https://a.ru/2"]
    assert [a.path for a in got["d.jsonl"]] == [f"{tmp_path / 'd.jsonl'}:line {n}" for n in (1, 2, 3)]
    assert [a.path for a in got["d.json"]] == [f"{tmp_path / 'd.json'}:record {n}" for n in (1, 2, 3)]
    assert got["d.csv"][0].encoding == "cp1251"


def test_field_mapping_options() -> None:
    fields = Fields.with_options(text="статья", title="заголовок")
    stream = io.BytesIO(json.dumps({"статья": "Текст.", "text": "не то", "заголовок": "З"}, ensure_ascii=False).encode())
    [rec] = records.json_lines(stream)
    a = records.to_article(rec.value, fields, "x")
    assert (a.text, a.title) == ("Текст.", "З")


@pytest.mark.parametrize("chunk", [1, 3, 7, 64, 1 << 16])
def test_json_array_parser_streams_across_chunk_boundaries(monkeypatch, chunk: int) -> None:
    monkeypatch.setattr(records, "CHUNK", chunk)
    values = [{"text": "Привет, «мир» " * n, "n": 12345 + n, "f": 1.5e10, "ok": n % 2 == 0, "none": None}
              for n in range(30)] + [123456789, "строка", [1, [2, [3]]], True, None, -0.5]
    for text in (json.dumps(values, ensure_ascii=False), json.dumps(values, indent=4)):
        got = list(records.json_values(io.BytesIO(text.encode())))
        assert [r.value for r in got] == values and not any(r.error for r in got)
        assert got[-1].where == f"record {len(values)}"


def test_json_array_is_read_in_chunks_not_whole(monkeypatch) -> None:
    reads: list[int] = []

    class Counting(io.BytesIO):
        def read1(self, size: int = -1) -> bytes:  # noqa: D102 - TextIOWrapper reads through read1
            reads.append(size)
            return super().read1(size)

    data = json.dumps([{"text": "x" * 100}] * 20000).encode()  # ~2.3 MB
    it = records.json_values(Counting(data))
    next(it)
    assert sum(r for r in reads if r > 0) < 200_000  # the first record came before the rest was read
    assert sum(1 for _ in it) == 19999


@pytest.mark.parametrize(
    ("content", "where", "reason"),
    [
        ('[{"text": "a"}, {"text": ', "record 2", "invalid JSON"),
        ('[{"text": "a"} {"text": "b"}]', "record 2", "expected , or ]"),
        ('[{"text": "a"}', "record 2", "not closed"),
    ],
)
def test_broken_json_arrays_keep_the_records_before(tmp_path: Path, content: str, where: str, reason: str) -> None:
    (tmp_path / "b.json").write_text(content, encoding="utf-8")
    out = list(read_source(tmp_path / "b.json"))
    assert isinstance(out[0], Article) and out[0].text == "a"
    assert isinstance(out[-1], Failure) and out[-1].where.endswith(where) and reason in out[-1].reason


def test_globs_folders_gz_and_stdin_marker(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/1.txt", "a/b/2.html", "a/b/3.jsonl.gz", "a/b/4.csv", "a/b/skip.pdf", "a/x.md"):
        (tmp_path / name).write_bytes(b"x")
    rel = lambda ps: [p.relative_to(tmp_path).as_posix() for p in ps]  # noqa: E731
    assert rel(iter_files([tmp_path / "a"])) == ["a/1.txt", "a/b/2.html", "a/b/3.jsonl.gz", "a/b/4.csv"]
    assert rel(iter_files([str(tmp_path / "a" / "**" / "*.csv")])) == ["a/b/4.csv"]
    assert [str(p) for p in iter_files(["-"])] == ["-"]


# Bad inputs: (file name, bytes, the error line's where, a word of the reason). Each is loaded next to a
# good file; the good document is stored, the bad one gives exactly one line.
BAD = [
    ("binary.txt", bytes(range(256)) * 4, "binary.txt", "binary"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "image.txt", "binary"),
    ("empty.txt", b"", "empty.txt", "empty"),
    ("blank.html", b"  \n", "blank.html", "empty"),
    ("cut.html", (DATA / "page.html").read_bytes()[:900], "cut.html", "truncated HTML"),
    ("script-only.html", b"<html><head><script>var a = 1;</script></head><body></body></html>", "script-only.html",
     "no article text"),
    ("bad.jsonl", b'{"text": "\xc2\xab\xd0\x94\xd0\xb0\xc2\xbb, \xe2\x80\x94 \xd1\x81\xd0\xba\xd0\xb0\xd0\xb7\xd0\xb0\xd0\xbb \xd0\xbe\xd0\xbd."}\n{"text": oops}\n',
     "bad.jsonl:line 2", "invalid JSON"),
    ("notext.csv", "title,text\nЗаголовок,\n".encode(), "notext.csv:line 2", "no text"),
    ("cut.jsonl.gz", gzip.compress(b'{"text": "one"}\n' * 5000)[:60], "cut.jsonl.gz", "read failed"),
    ("list.jsonl", b"[1, 2]\n", "list.jsonl:line 1", "not an object"),
]


@pytest.mark.parametrize(("name", "data", "where", "reason"), BAD, ids=[b[0] for b in BAD])
def test_each_bad_input_is_one_line_and_the_rest_loads(runner, tmp_path: Path, name: str, data: bytes,
                                                       where: str, reason: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(data)
    (folder / "good.txt").write_text("«Работа идёт», — сказал министр Иван Петров.", encoding="utf-8")
    result = runner.invoke(app, ["--db", str(tmp_path / "t.db"), "load", str(folder), "-f", "json"])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"error: {folder / where}: ") and reason in errors[0], errors[0]
    summary = json.loads(result.stdout)[0]
    assert summary["failed"] == 1 and summary["documents_loaded"] >= 1
    assert "Traceback" not in result.output


def test_unreadable_and_vanished_files(runner, tmp_path: Path, monkeypatch) -> None:
    import os

    locked = tmp_path / "locked.txt"
    locked.write_text("Текст.", encoding="utf-8")
    locked.chmod(0)
    gone = tmp_path / "gone.txt"
    result = runner.invoke(app, ["--db", str(tmp_path / "t.db"), "load", str(locked), str(gone), "-f", "json"])
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert result.exit_code == 1
    if os.geteuid() != 0:  # root reads anything
        assert f"error: {locked}: Permission denied" in errors
    assert f"error: {gone}: No such file or directory" in errors


def test_strict_stops_at_the_first_failure_and_keeps_what_came_before(runner, tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    lines = [{"text": f"«Раз{n}», — сказал министр Иван Петров."} for n in range(3)]
    dump.write_text("\n".join([json.dumps(lines[0]), "{broken", json.dumps(lines[1]), json.dumps(lines[2])]),
                    encoding="utf-8")
    db = ["--db", str(tmp_path / "t.db")]
    strict = runner.invoke(app, [*db, "load", str(dump), "--strict", "-f", "json"])
    assert strict.exit_code == 1
    assert json.loads(strict.stdout)[0]["documents_loaded"] == 1
    assert "stopped at the first failure" in strict.stderr
    keep = runner.invoke(app, [*db, "load", str(dump), "-f", "json"])
    summary = json.loads(keep.stdout)[0]
    assert keep.exit_code == 1 and (summary["documents_loaded"], summary["already_present"], summary["failed"]) == (2, 1, 1)


def test_stdin_dump_and_dedup_of_resaved_copies(runner, tmp_path: Path) -> None:
    text = "«Работа идёт», — сказал министр Иван Петров.\n\nВторой абзац."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(("  " + text.replace("\n\n", "\r\n\r\n   ") + "\n").encode("cp1251"))
    db = ["--db", str(tmp_path / "t.db")]
    first = runner.invoke(app, [*db, "load", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-f", "json"])
    assert json.loads(first.stdout)[0]["documents_loaded"] == 1
    assert json.loads(first.stdout)[0]["already_present"] == 1
    piped = runner.invoke(app, [*db, "load", "-", "--text-field", "statya", "-f", "json"],
                          input=json.dumps({"statya": "Новый текст из канала.", "title": "T"}) + "\n")
    assert piped.exit_code == 0, piped.output
    docs = json.loads(runner.invoke(app, [*db, "documents", "-f", "json"]).stdout)
    assert {d["title"] for d in docs} >= {"T"}


def test_html_boilerplate_never_becomes_a_quote(runner, tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "t.db")]
    assert runner.invoke(app, [*db, "load", str(DATA / "page.html")]).exit_code == 0
    quotes = json.loads(runner.invoke(app, [*db, "quotes", "-f", "json"]).stdout)
    assert any("Мы отремонтируем" in q["text"] for q in quotes)
    assert not any("враньё" in q["text"] for q in quotes)


def test_decode_refuses_binary() -> None:
    from docstore.ingest import ReadError

    with pytest.raises(ReadError, match="binary"):
        decode(bytes(range(256)))
