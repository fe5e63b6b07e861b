"""The join code in big type, readable from the back of the room."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from workshop.tui.bigtext import big_lines


class BigCode(Widget):
    DEFAULT_CSS = """
    BigCode { width: auto; height: 3; }
    """

    def __init__(self, code: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.code = code

    def render(self) -> Text:
        return Text("\n".join(big_lines(self.code)), style="bold", no_wrap=True)

    def get_content_width(self, container: object, viewport: object) -> int:
        return len(big_lines(self.code)[0])
