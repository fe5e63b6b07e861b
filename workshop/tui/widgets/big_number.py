"""A count or a time in the project's big type (workshop.tui.bigtext): a slashed zero and
distinct digits, readable from the back of the room. It stands where Textual's `Digits`
stood, whose zero is an empty box."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from workshop.tui.bigtext import big_lines


class BigNumber(Widget):
    """Three lines of big type for `value`; `update` changes it, as with `Digits`."""

    DEFAULT_CSS = """
    BigNumber { width: auto; height: 3; }
    """

    def __init__(self, value: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.value = value

    def update(self, value: str) -> None:
        if value != self.value:
            # A new layout of the screen only when the width changes (2 -> 10 votes), not
            # for every new count (12 -> 13): a count changes ten times a second.
            wider = len(big_lines(value)[0]) != len(big_lines(self.value)[0])
            self.value = value
            self.refresh(layout=wider)

    def render(self) -> Text:
        return Text("\n".join(big_lines(self.value)), style="bold", no_wrap=True)

    def get_content_width(self, container: object, viewport: object) -> int:
        return len(big_lines(self.value)[0])
