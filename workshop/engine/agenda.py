"""The integriteitsagenda as a programme item (`soort = "agenda"`): pure data and rules.

The item has two rounds. Round 1 (propose) is an open question: phones send points, the
trainer approves them as any open answer. Round 2 (choose) is a `meerkeuze` whose options
are the points: the starting points seeded from the vuistregels the group scored lowest,
then the approved proposals. Its result is the ranked agenda; for each chosen point the
trainer records wie (a role, never a name), wat and wanneer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from workshop.decks.model import OPEN_TEXT_MAX, MultiChoiceQuestion, OpenQuestion, Option
from workshop.engine.results import Result, ranking
from workshop.i18n import t

PROPOSE, CHOOSE = 1, 2
"""The attempts of the agenda item's two rounds."""
MAX_POINTS = 10
"""A meerkeuze has at most ten options: later points do not go to the vote."""
MAX_SEEDS = 3
ACTION_MAX = 120
"""The longest wie, wat or wanneer, in characters."""


@dataclass(frozen=True)
class AgendaAction:
    """What the group agreed on one point: who (a role), what, and when."""

    wie: str
    wat: str
    wanneer: str


@dataclass
class AgendaPlan:
    """The state of one agenda item: its points and the actions agreed on them."""

    seeds: list[str] = field(default_factory=list)
    """Starting points: the vuistregels the group scored lowest."""
    points: list[str] = field(default_factory=list)
    """The options of the choose round, fixed when that round starts (empty before)."""
    max_choices: int = 3
    actions: dict[int, AgendaAction] = field(default_factory=dict)
    """Point index -> the action recorded for it."""

    def choose_question(self) -> MultiChoiceQuestion:
        options = tuple(
            Option(chr(ord("A") + index), text) for index, text in enumerate(self.points)
        )
        most = min(self.max_choices, len(options))
        return MultiChoiceQuestion(t("agenda.choose", n=most), options, most)

    def ranked(self, result: Result | None) -> list[tuple[int, str, int | None]]:
        """(point index, point, votes or None below k) from most to least chosen; empty
        while the result is withheld or not there."""
        if result is None or result.counts is None:
            return []
        keys = [chr(ord("A") + index) for index in range(len(self.points))]
        return [
            (keys.index(key), self.points[keys.index(key)], count)
            for key, count in ranking(result)
            if key in keys
        ]


def propose_question() -> OpenQuestion:
    return OpenQuestion(t("agenda.propose"), OPEN_TEXT_MAX)


def points_for_vote(seeds: Iterable[str], approved: Iterable[str]) -> list[str]:
    """The seeds, then the approved proposals; each text once, at most ten."""
    seen: dict[str, None] = {}
    for text in (*seeds, *approved):
        if text.casefold() not in (known.casefold() for known in seen):
            seen[text] = None
    return list(seen)[:MAX_POINTS]


@dataclass(frozen=True)
class RuleScore:
    """How the group scored a vuistregel on "Hoe goed hebben wij dit geregeld?"."""

    rule: str
    median: float
    low: int
    high: int
    """The ends of the scale."""


def seeds_from(scores: Iterable[RuleScore]) -> list[str]:
    """The rules the group scored lowest (a median in the lower half of the scale), lowest
    first, at most three: where the agenda might start."""
    low = sorted(
        (score for score in scores if score.median <= (score.low + score.high) / 2),
        key=lambda score: score.median,
    )
    return points_for_vote([score.rule for score in low], ())[:MAX_SEEDS]
