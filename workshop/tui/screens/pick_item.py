"""`g`: the programme's items in a list; the trainer picks one instead of typing a number."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workshop.i18n import t


class PickItem(ModalScreen[int | None]):
    """Returns the chosen item's index (0-based) on Enter, None on Escape. Typing an item's
    number moves the highlight to it, so `g 4 Enter` still goes to item 4."""

    DEFAULT_CSS = """
    PickItem { align: center middle; }
    PickItem > Vertical {
        width: 80%; max-width: 100; height: auto; max-height: 90%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    PickItem Static { margin-bottom: 1; }
    PickItem OptionList { height: auto; max-height: 20; }
    """
    BINDINGS = [Binding("escape", "cancel", t("tui.key.cancel"))]

    def __init__(self, titles: list[str], current: int) -> None:
        super().__init__()
        self.titles = titles
        self.current = current
        self.typed = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("tui.go_to.title"), markup=False)
            yield OptionList(
                *(
                    Option(Text(f"{n:>2}. {title}", style="bold" if n - 1 == self.current else ""))
                    for n, title in enumerate(self.titles, start=1)
                ),
                id="items",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current
        options.focus()

    def on_key(self, event: events.Key) -> None:
        digit = event.character
        if digit is None or digit not in "0123456789":
            return
        event.stop()
        self.typed = self.typed + digit if int(self.typed + digit) <= len(self.titles) else digit
        number = int(self.typed)
        if 1 <= number <= len(self.titles):
            self.query_one(OptionList).highlighted = number - 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)
