"""A question's answers on the projector: the key in a column of its own, so a long answer
wraps under its own text."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from workshop.decks.model import ChoiceQuestion, Question, ScaleQuestion
from workshop.i18n import t


class OptionsView(Widget):
    DEFAULT_CSS = """
    OptionsView { height: auto; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question: Question | None = None

    def show(self, question: Question | None) -> None:
        self.question = question
        self.refresh(layout=True)

    def render(self) -> RenderableType:
        question = self.question
        if isinstance(question, ChoiceQuestion):
            grid = Table.grid(padding=(0, 2), expand=True)
            grid.add_column(no_wrap=True)
            grid.add_column(ratio=1)
            for option in question.options:
                grid.add_row(Text(f" {option.key} ", style="reverse bold"), Text(option.text))
            return grid
        if isinstance(question, ScaleQuestion):
            return Text(
                t(
                    "card.scale",
                    low=question.minimum,
                    label_low=question.label_min,
                    high=question.maximum,
                    label_high=question.label_max,
                )
            )
        if question is not None:
            return Text(t("card.open", n=question.max_length))
        return Text()
