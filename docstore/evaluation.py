"""Scoring extracted quotes and events against hand-made gold: the figures the quality bench prints.

Gold is one JSON object per document: {"doc", "quotes": [{"text", "speaker", "kind",
"optional"}], "events": [{"name", "date", "location"}]}. Predictions are the lines of
`docstore export quotes|events --format jsonl`.

A predicted quote matches a gold quote when it holds at least 80% of the gold words and
at least half of its own words are gold words (words compared case- and ё-insensitively);
each gold quote takes at most one prediction, best overlap first. A match is attributed
right when the gold speaker's last word (surname, or an organisation's last word) is among
the predicted speaker's words. Predictions matching an optional gold quote count neither way.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

_WORD = re.compile(r"\w+")


def words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower().replace("ё", "е"))


def _shared(a: list[str], b: list[str]) -> int:
    return sum((Counter(a) & Counter(b)).values())


def _speaker_right(gold: str | None, predicted: str | None) -> bool:
    g = words(gold)
    return not g or g[-1] in set(words(predicted))


@dataclass
class Tally:
    hits: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    detection: Tally = field(default_factory=Tally)
    attributed: Tally = field(default_factory=Tally)
    events: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    errors: list[str] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return self.attributed.hits / self.detection.hits if self.detection.hits else 0.0

    def figures(self) -> dict[str, float | dict[str, float]]:
        r = lambda x: round(x, 4)  # noqa: E731
        return {
            "gold_quotes": self.detection.gold,
            "predicted_quotes": self.detection.predicted,
            "direct_f1": r(self.by_kind["direct"].f1) if "direct" in self.by_kind else 0.0,
            "detection_f1": r(self.detection.f1),
            "attributed_precision": r(self.attributed.precision),
            "attributed_recall": r(self.attributed.recall),
            "attributed_f1": r(self.attributed.f1),
            "speaker_accuracy": r(self.speaker_accuracy),
            "recall_by_kind": {k: r(t.recall) for k, t in sorted(self.by_kind.items()) if t.gold},
            "events_f1": r(self.events.f1),
        }


def _doc(name: str) -> str:
    return os.path.basename(name)


def score(gold_docs: Iterable[dict], quotes: Iterable[dict], events: Iterable[dict] = ()) -> Report:
    rep = Report()
    preds: dict[str, list[dict]] = defaultdict(list)
    for q in quotes:
        preds[_doc(q.get("document", ""))].append(q)
    ev_preds: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        ev_preds[_doc(e.get("document", ""))].append(e)
    for g in gold_docs:
        name = _doc(g["doc"])
        _score_quotes(rep, name, g.get("quotes", []), preds.get(name, []))
        _score_events(rep, name, g.get("events", []), ev_preds.get(name, []))
    return rep


def _score_quotes(rep: Report, name: str, golds: list[dict], ps: list[dict]) -> None:
    gw = [words(q["text"]) for q in golds]
    pw = [words(p.get("text")) for p in ps]
    pairs = sorted(
        (
            (_shared(a, b) / max(len(a), len(b)), i, j)
            for i, a in enumerate(gw)
            for j, b in enumerate(pw)
            if a and b and _shared(a, b) >= 0.8 * len(a) and _shared(a, b) >= 0.5 * len(b)
        ),
        reverse=True,
    )
    match: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in pairs:
        if i not in match and j not in taken:
            match[i] = j
            taken.add(j)
    optional_preds = {match[i] for i, q in enumerate(golds) if q.get("optional") and i in match}
    for i, q in enumerate(golds):
        if q.get("optional"):
            continue
        kind = q.get("kind", "direct")
        rep.detection.gold += 1
        rep.attributed.gold += 1
        rep.by_kind[kind].gold += 1
        if i not in match:
            rep.errors.append(f"{name}: missed {kind} «{q['text'][:80]}»")
            continue
        p = ps[match[i]]
        rep.detection.hits += 1
        rep.by_kind[kind].hits += 1
        if _speaker_right(q.get("speaker"), p.get("speaker")):
            rep.attributed.hits += 1
        else:
            rep.errors.append(f"{name}: speaker {p.get('speaker')!r}, gold {q.get('speaker')!r}: «{q['text'][:60]}»")
    for j, p in enumerate(ps):
        if j in optional_preds:
            continue
        rep.detection.predicted += 1
        rep.attributed.predicted += 1
        rep.by_kind[p.get("kind", "direct")].predicted += 1
        if j not in taken:
            rep.errors.append(f"{name}: spurious «{(p.get('text') or '')[:80]}» ({p.get('speaker')!r})")


def _score_events(rep: Report, name: str, golds: list[dict], ps: list[dict]) -> None:
    """An event is found when the date agrees, the place's last word agrees, and two
    content words of the gold name share their first five letters with the predicted name."""
    rep.events.predicted += len(ps)
    for ge in golds:
        rep.events.gold += 1
        gname = [w for w in words(ge.get("name")) if len(w) > 3]
        for pe in ps:
            stems = {w[:5] for w in words(pe.get("name"))}
            same_date = (ge.get("date") or None) == ((pe.get("date") or "")[:10] or None)
            place_ok = _speaker_right(ge.get("location"), pe.get("location"))
            if same_date and place_ok and sum(w[:5] in stems for w in gname) >= 2:
                rep.events.hits += 1
                break
        else:
            rep.errors.append(f"{name}: missed event {ge.get('name')!r} {ge.get('date')} {ge.get('location')}")


def read_jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
