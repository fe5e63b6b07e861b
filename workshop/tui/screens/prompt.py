"""A one-line question to the trainer (note, agenda item, item number)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from workshop.i18n import t


class TextPrompt(ModalScreen[str | None]):
    """Returns the text on Enter, None on Escape."""

    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt > Vertical {
        width: 80%; max-width: 100; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    TextPrompt Static { margin-bottom: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", t("tui.key.cancel"))]

    def __init__(self, question: str, value: str = "", select: bool = True) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.select = select
        """Select the given text on focus (typing replaces it); off to change a text."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            yield Input(self.value, id="answer", select_on_focus=self.select)
            yield Static(t("tui.prompt.hint"), classes="hint", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
