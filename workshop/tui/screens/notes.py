"""`w`: the trainer's notes on this item, to change or delete one (`a` adds one anywhere).

Each change is its own explicit action: Enter or E changes the highlighted note (the prompt
starts with its text, the cursor at the end, nothing selected), X deletes it after a
question, A adds a new one. Adding never touches an earlier note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp


class NotesScreen(ModalScreen[None]):
    """The notes on the current item, numbered; closes with Escape."""

    ready = False
    """Set once mounted: only then may state refreshes touch its widgets."""

    DEFAULT_CSS = """
    NotesScreen { align: center middle; }
    NotesScreen > Vertical {
        width: 90%; max-width: 110; height: auto; max-height: 80%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    NotesScreen #notes-title { margin-bottom: 1; text-style: bold; }
    NotesScreen OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [
        Binding("a", "add", t("tui.key.note")),
        Binding("e", "edit", t("tui.key.note_edit")),
        Binding("x,delete", "delete", t("tui.key.note_delete")),
        Binding("escape", "close", t("tui.key.close_overlay")),
    ]

    @property
    def workshop(self) -> WorkshopApp:
        return cast("WorkshopApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("tui.notes.title"), id="notes-title", markup=False)
            yield OptionList(id="notes")
            yield Static("", id="notes-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.ready = True
        self.refresh_state()
        self.query_one("#notes", OptionList).focus()

    def notes(self) -> list[str]:
        session = self.workshop.session
        return session.notes.get(session.item_index, [])

    def refresh_state(self) -> None:
        listing = self.query_one("#notes", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        notes = self.notes()
        for number, note in enumerate(notes, start=1):
            listing.add_option(Option(Text(f"{number}. {note}")))  # text, never markup
        if notes:
            listing.highlighted = min(highlighted or 0, len(notes) - 1)
        listing.display = bool(notes)
        empty = self.query_one("#notes-empty", Static)
        empty.update("" if notes else t("tui.notes.empty"))
        empty.display = not notes
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            return bool(self.notes())
        return True

    def _selected(self) -> int | None:
        """The highlighted note's number (1 = first), if any."""
        highlighted = self.query_one("#notes", OptionList).highlighted
        return None if highlighted is None or not self.notes() else highlighted + 1

    def action_add(self) -> None:
        from workshop.tui.screens.prompt import TextPrompt

        def add(answer: str | None) -> None:
            if answer and answer.strip():
                self.workshop.run_command("save_note", text=answer)

        self.app.push_screen(TextPrompt(t("tui.prompt.note")), add)

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        from workshop.tui.screens.prompt import TextPrompt

        number = self._selected()
        if number is None:
            return

        def change(answer: str | None) -> None:
            if answer is not None:
                self.workshop.run_command("edit_note", number=number, text=answer)

        current = self.notes()[number - 1]
        prompt = TextPrompt(t("tui.prompt.note_edit", n=number), current, select=False)
        self.app.push_screen(prompt, change)

    def action_delete(self) -> None:
        from workshop.tui.screens.confirm import Confirm

        number = self._selected()
        if number is None:
            return

        def delete(sure: bool | None) -> None:
            if sure:
                self.workshop.run_command("delete_note", number=number)

        note = self.notes()[number - 1]
        self.app.push_screen(Confirm(t("tui.confirm.delete_note", n=number, note=note)), delete)

    def action_close(self) -> None:
        self.dismiss(None)
