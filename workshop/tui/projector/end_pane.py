"""The end on the room's screen: a thank-you and the summary of what the room saw."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from workshop.i18n import t
from workshop.tui.projector.render import end_block
from workshop.tui.widgets.big_code import BigCode
from workshop.tui.widgets.steady import show


class EndPane(Vertical):
    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        yield BigCode(t("scherm.thanks_big"), id="room-thanks")
        yield Static(t("scherm.thanks"), id="room-thanks-line", markup=False)
        yield Static("", id="room-end-title", markup=False)
        yield Static("", id="room-end", markup=False)

    def on_resize(self) -> None:
        if self.view is not None:
            self.show(self.view)

    def show(self, view: dict[str, Any]) -> None:
        self.view = view
        end = view["end"]
        show(self.query_one("#room-end-title", Static), end["title"])
        width = max(40, self.size.width - 4)
        show(self.query_one("#room-end", Static), end_block(end, width))
