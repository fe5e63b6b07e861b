"""Every key of the screen underneath, and the app's own keys."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from workshop.i18n import t

KEY_NAMES = {
    "right": "→",
    "left": "←",
    "enter": "Enter",
    "escape": "Esc",
    "plus": "+",
    "minus": "-",
    "question_mark": "?",
    "ctrl+q": "Ctrl+Q",
    "ctrl+p": "Ctrl+P",
    "f1": "F1",
}


def key_label(keys: str) -> str:
    return " / ".join(KEY_NAMES.get(key, key) for key in keys.split(","))


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80%; max-width: 90; height: 90%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    """
    BINDINGS = [Binding("escape,f1,question_mark", "close", t("tui.key.close_overlay"))]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        bindings = [
            *self.under.BINDINGS,
            *self.app.BINDINGS,
            Binding("ctrl+p", "command_palette", t("tui.key.palette")),
        ]
        seen: set[str] = set()
        for binding in bindings:
            if isinstance(binding, Binding) and binding.action not in seen:
                seen.add(binding.action)
                table.add_row(Text(key_label(binding.key)), Text(binding.description))
        with VerticalScroll():
            yield Static(t("tui.help.title"), id="help-title", markup=False)
            yield Static(table, id="help-keys")
            yield Static(t("tui.help.footer"), classes="hint", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
