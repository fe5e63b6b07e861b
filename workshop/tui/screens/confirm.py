"""Ask the trainer to confirm something that cannot be undone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from workshop.i18n import t


class Confirm(ModalScreen[bool]):
    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical {
        width: 70%; max-width: 80; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    """
    BINDINGS = [
        Binding("j,y", "yes", t("tui.key.yes")),
        Binding("n,escape", "no", t("tui.key.no")),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            yield Static(t("tui.confirm.keys"), classes="hint", markup=False)

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)
