"""Counting answers, and withholding any distribution too small to be anonymous.

A distribution with fewer than k answers (the programme's `min_groep`) is never shown or
stored: with three people in a room and two votes for A, everyone knows who voted what.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import assert_never

from workshop.decks.model import (
    ChoiceQuestion,
    MultiChoiceQuestion,
    OpenQuestion,
    Question,
    ScaleQuestion,
)

Answer = str | int | tuple[str, ...]
"""An option key for `keuze`, a whole number for `schaal`, the picked option keys (in the
question's order) for `meerkeuze`."""


@dataclass(frozen=True)
class Result:
    """The outcome of one round. `counts` is None when withheld (fewer than k answers)."""

    counts: tuple[tuple[str, int], ...] | None
    """(option key or scale value as text, count), in the question's order, zeros included."""
    total: int | None
    median: float | None = None
    """For `schaal`: the median answer."""
    hidden: tuple[str, ...] = ()
    """For `meerkeuze`: options picked by fewer than k participants. Their counts are neither
    shown nor kept; they rank below every shown count above zero, in their own order."""

    @property
    def suppressed(self) -> bool:
        return self.counts is None

    def percentages(self) -> tuple[tuple[str, int], ...]:
        """Whole percentages per answer, rounded one by one (equal counts, equal figures)."""
        if self.counts is None or not self.total:
            return ()
        return tuple((key, round(count * 100 / self.total)) for key, count in self.counts)

    def to_record(self) -> dict[str, object]:
        """What the store keeps: the counts, or only the marker that they were withheld."""
        if self.counts is None:
            return {"withheld": True}
        record: dict[str, object] = {"counts": dict(self.counts), "total": self.total}
        if self.median is not None:
            record["median"] = self.median
        if self.hidden:
            record["hidden"] = list(self.hidden)
        return record


WITHHELD = Result(counts=None, total=None)


def answer_keys(question: Question) -> tuple[str, ...]:
    """The possible answers of a question, as text, in display order (empty for `open`)."""
    match question:
        case ChoiceQuestion() | MultiChoiceQuestion():
            return question.keys
        case ScaleQuestion():
            return tuple(str(value) for value in question.values)
        case OpenQuestion():
            return ()
        case _:
            assert_never(question)


def answer_label(answer: Answer) -> str:
    """An answer as text: the key, the number, or the picked keys joined ("A+C")."""
    return "+".join(answer) if isinstance(answer, tuple) else str(answer)


def tally(question: Question, answers: Mapping[str, Answer], min_group: int) -> Result:
    """Count the answers of one round; withheld when fewer than `min_group`."""
    if len(answers) < min_group:
        return WITHHELD
    keys = answer_keys(question)
    match question:
        case ChoiceQuestion() | OpenQuestion():
            counter = Counter(str(answer) for answer in answers.values())
            counts = tuple((key, counter.get(key, 0)) for key in keys)
            return Result(counts=counts, total=len(answers))
        case ScaleQuestion():
            counter = Counter(str(answer) for answer in answers.values())
            counts = tuple((key, counter.get(key, 0)) for key in keys)
            median = _median(sorted(a for a in answers.values() if isinstance(a, int)))
            return Result(counts=counts, total=len(answers), median=median)
        case MultiChoiceQuestion():
            return _ranked(keys, answers, min_group)
        case _:
            assert_never(question)


def _ranked(keys: tuple[str, ...], answers: Mapping[str, Answer], min_group: int) -> Result:
    """Per option how many picked it, most picked first (ties in the question's order).

    A count from 1 to k-1 would point at the few who picked it, so it is withheld: the
    option keeps its place in the ranking (in `hidden`) without a number.
    """
    counter: Counter[str] = Counter()
    for answer in answers.values():
        picked = answer if isinstance(answer, tuple) else (str(answer),)
        counter.update(set(picked))
    order = sorted(keys, key=lambda key: (-counter[key], keys.index(key)))
    shown = tuple((key, counter[key]) for key in order if not 0 < counter[key] < min_group)
    hidden = tuple(key for key in order if 0 < counter[key] < min_group)
    return Result(counts=shown, total=len(answers), hidden=hidden)


def ranking(result: Result) -> tuple[tuple[str, int | None], ...]:
    """A `meerkeuze` result as one ranked list: (key, count), or (key, None) for an option
    picked by fewer than k (it ranks below the shown counts above zero)."""
    counts = result.counts or ()
    above = tuple(pair for pair in counts if pair[1] > 0)
    zeros = tuple(pair for pair in counts if pair[1] == 0)
    return (*above, *((key, None) for key in result.hidden), *zeros)


def _median(values: list[int]) -> float:
    middle = len(values) // 2
    if len(values) % 2:
        return float(values[middle])
    return (values[middle - 1] + values[middle]) / 2


@dataclass(frozen=True)
class Shift:
    """How answers moved between the first vote and the revote on the same question.

    Only participants who answered both times count. Withheld (`moves` None) below k.
    """

    compared: int | None
    changed: int | None
    moves: tuple[tuple[str, str, int], ...] | None
    """(from, to, count) for every pair that moved, largest first."""
    lost: bool = False
    """Not compared because the first round's answers were lost when the program stopped
    (not because too few answered)."""

    @classmethod
    def first_round_lost(cls) -> Shift:
        return cls(compared=None, changed=None, moves=None, lost=True)

    @property
    def suppressed(self) -> bool:
        return self.moves is None

    def to_record(self) -> dict[str, object]:
        if self.lost:
            return {"withheld": True, "lost": True}
        if self.moves is None:
            return {"withheld": True}
        return {
            "compared": self.compared,
            "changed": self.changed,
            "moves": [list(move) for move in self.moves],
        }


def shift(before: Mapping[str, Answer], after: Mapping[str, Answer], min_group: int) -> Shift:
    """Compare two rounds by participant; the maps are not kept, only these counts."""
    both = before.keys() & after.keys()
    if len(both) < min_group:
        return Shift(compared=None, changed=None, moves=None)
    moved = Counter(
        (answer_label(before[token]), answer_label(after[token]))
        for token in both
        if before[token] != after[token]
    )
    moves = tuple(
        (old, new, count)
        for (old, new), count in sorted(moved.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return Shift(compared=len(both), changed=sum(moved.values()), moves=moves)
