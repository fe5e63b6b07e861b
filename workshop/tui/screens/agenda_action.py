"""The trainer records what the group agreed on an agenda point: wie (a role), wat, wanneer."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from workshop.i18n import t


@dataclass(frozen=True)
class AgendaActionInput:
    """What the trainer typed: the point's number (1-based) and the three parts."""

    number: int
    wie: str
    wat: str
    wanneer: str


class AgendaActionPrompt(ModalScreen[AgendaActionInput | None]):
    """Four fields; Enter moves to the next and, on the last, records. Escape cancels."""

    DEFAULT_CSS = """
    AgendaActionPrompt { align: center middle; }
    AgendaActionPrompt > Vertical {
        width: 80%; max-width: 100; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    AgendaActionPrompt Input { margin-bottom: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", t("tui.key.cancel"))]
    FIELDS = ("number", "wie", "wat", "wanneer")

    def __init__(self, points: list[str], number: int) -> None:
        super().__init__()
        self.points = points
        self.number = number

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("tui.agenda_action.title"), markup=False)
            listing = "\n".join(f"{n}. {point}" for n, point in enumerate(self.points, start=1))
            yield Static(listing, id="agenda-points", markup=False)
            for name in self.FIELDS:
                value = str(self.number) if name == "number" else ""
                placeholder = t(f"tui.agenda_action.{name}")
                yield Input(value, placeholder=placeholder, id=f"action-{name}")
            yield Static(t("tui.agenda_action.hint"), classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#action-wie", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = (event.input.id or "").removeprefix("action-")
        if name != self.FIELDS[-1]:
            following = self.FIELDS[self.FIELDS.index(name) + 1]
            self.query_one(f"#action-{following}", Input).focus()
            return
        values = {n: self.query_one(f"#action-{n}", Input).value for n in self.FIELDS}
        number = values["number"].strip()
        if not number.isdigit() or not 1 <= int(number) <= len(self.points):
            self.notify(t("error.unknown_agenda_point", number=number), severity="error")
            self.query_one("#action-number", Input).focus()
            return
        self.dismiss(
            AgendaActionInput(int(number), values["wie"], values["wat"], values["wanneer"])
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
