"""The project's scorer, and the seeds scored end to end through `docstore export`."""

from __future__ import annotations

import json
from pathlib import Path

from docstore.evaluation import read_jsonl, score

GOLD = Path(__file__).parent / "seeds_gold.jsonl"


def test_scorer_matches_by_words_and_checks_the_surname() -> None:
    gold = [{"doc": "a.txt", "quotes": [
        {"text": "Мост будет готов к концу года", "speaker": "Марат Хуснуллин", "kind": "indirect"},
        {"text": "Работы много", "speaker": "Иван Петров", "kind": "direct"},
        {"text": "поздравил ветеранов", "speaker": "Иван Петров", "kind": "indirect", "optional": True},
    ], "events": []}]
    preds = [
        {"document": "/x/a.txt", "text": "мост будет готов к концу года, заявил", "speaker": "Хуснуллин", "kind": "indirect"},
        {"document": "a.txt", "text": "Работы много", "speaker": "Пётр Иванов", "kind": "direct"},
        {"document": "a.txt", "text": "поздравил ветеранов", "speaker": "Иван Петров", "kind": "indirect"},
        {"document": "a.txt", "text": "Совсем другие слова", "speaker": None, "kind": "direct"},
    ]
    rep = score(gold, preds)
    assert (rep.detection.hits, rep.detection.predicted, rep.detection.gold) == (2, 3, 2)
    assert rep.attributed.hits == 1
    assert any("spurious «Совсем другие слова»" in e for e in rep.errors)


def test_seeds_through_the_cli_score_perfectly(cli) -> None:
    quotes = [json.loads(x) for x in cli("export", "quotes", "--format", "jsonl").stdout.splitlines() if x]
    events = [json.loads(x) for x in cli("export", "events", "--format", "jsonl").stdout.splitlines() if x]
    rep = score(read_jsonl(str(GOLD)), quotes, events)
    assert rep.by_kind["direct"].recall == 1.0
    assert rep.attributed.f1 >= 0.95, rep.errors
    assert rep.events.f1 == 1.0, rep.errors
