"""Results on the projector: bars for keuze, a histogram and median for schaal, and for a
revote the rounds side by side with the shift."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from workshop.decks.model import ChoiceQuestion, Question, ScaleQuestion
from workshop.engine.results import Result, Shift
from workshop.i18n import t

FULL, EMPTY = "█", "░"


def bar(fraction: float, width: int) -> str:
    filled = round(fraction * width)
    return FULL * filled + EMPTY * (width - filled)


def result_text(question: Question, result: Result | None, width: int) -> Text:
    """One round's distribution as plain text (never markup: nothing here is interpreted)."""
    text = Text()
    if result is None:
        return text
    if result.suppressed or result.counts is None:
        text.append(t("results.withheld"), style="bold")
        return text
    total = result.total or 0
    labels = _labels(question)
    label_width = max((len(label) for label in labels.values()), default=1)
    bar_width = max(6, width - label_width - 14)
    percentages = dict(result.percentages())
    for key, count in result.counts:
        fraction = count / total if total else 0.0
        text.append(f"{labels.get(key, key):<{label_width}} ", style="bold")
        text.append(bar(fraction, bar_width), style="bold")
        text.append(f" {count:>4} {percentages.get(key, 0):>3}%\n")
    if result.median is not None:
        text.append(t("tui.results.median", median=f"{result.median:g}"), style="bold")
        text.append("\n")
    text.append(t("tui.results.total", n=total))
    return text


def _labels(question: Question) -> dict[str, str]:
    if isinstance(question, ChoiceQuestion):
        return {option.key: option.key for option in question.options}
    if isinstance(question, ScaleQuestion):
        labels = {str(value): str(value) for value in question.values}
        labels[str(question.minimum)] = f"{question.minimum} {question.label_min}"
        labels[str(question.maximum)] = f"{question.maximum} {question.label_max}"
        return labels
    return {}


def shift_text(shift: Shift | None) -> Text:
    """'4 deelnemers kozen na het gesprek anders; van B naar C: 3'."""
    if shift is None:
        return Text()
    if shift.suppressed or shift.moves is None:
        return Text(t("results.shift_withheld"), style="bold")
    sentence = t("tui.results.shift", changed=shift.changed, compared=shift.compared)
    moves = "; ".join(t("results.move", old=a, new=b, n=n) for a, b, n in shift.moves)
    return Text(f"{sentence}{'; ' + moves if moves else ''}", style="bold")


class ResultsView(Widget):
    """Shows the result of the current round, or both rounds and the shift after a revote."""

    DEFAULT_CSS = """
    ResultsView { height: auto; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question: Question | None = None
        self.rounds: list[tuple[int, Result | None]] = []
        self.shift: Shift | None = None
        self.texts: list[str] = []

    def show(
        self,
        question: Question | None,
        rounds: Sequence[tuple[int, Result | None]],
        shift: Shift | None,
        texts: Sequence[str],
    ) -> None:
        """Set what to show: (attempt, result) per round, the shift, approved open texts."""
        self.question, self.shift = question, shift
        self.rounds, self.texts = list(rounds), list(texts)
        self.refresh(layout=True)

    def render(self) -> RenderableType:
        width = max(20, self.size.width)
        parts: list[RenderableType] = []
        if self.question is not None and len(self.rounds) == 2:
            table = Table.grid(expand=True, padding=(0, 2))
            table.add_column(ratio=1)
            table.add_column(ratio=1)
            half = max(20, width // 2 - 2)
            headings = [
                Text(t("tui.results.before"), style="bold underline"),
                Text(t("tui.results.after"), style="bold underline"),
            ]
            table.add_row(*headings)
            table.add_row(*(result_text(self.question, result, half) for _, result in self.rounds))
            parts += [table, Text(), shift_text(self.shift)]
        elif self.question is not None and self.rounds:
            parts.append(result_text(self.question, self.rounds[-1][1], width))
        for text in self.texts:
            parts.append(Text(f"« {text} »"))  # participant text: a Text, never markup
        return Group(*parts)
