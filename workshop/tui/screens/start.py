"""The first screen: choose a programme (or resume), optionally give names to scrub."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from workshop.decks import DeckError
from workshop.decks.library import Library, builtin_paths, load_checked
from workshop.hub.run import DEFAULT_PROGRAMME
from workshop.i18n import t
from workshop.paths import data_dir
from workshop.store import CorruptDatabaseError, SessionStore

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp

RESUME = "::hervat"


def split_names(text: str) -> list[str]:
    """'Jan de Vries, Fatima;Kees' -> ['Jan de Vries', 'Fatima', 'Kees']."""
    return [name.strip() for name in text.replace(";", ",").split(",") if name.strip()]


class StartScreen(Screen[None]):
    """Programmes, the kandidatenavond first and focused; Enter starts."""

    BINDINGS = [
        Binding("enter", "start", t("tui.key.start")),
        Binding("n", "names", t("tui.key.names")),
    ]

    @property
    def workshop(self) -> WorkshopApp:
        return cast("WorkshopApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static(t("tui.start.title"), id="start-title", markup=False)
            yield Static(t("tui.start.intro"), id="start-intro", markup=False)
            yield OptionList(id="programmes")
            yield Label(t("tui.start.names"), id="names-label")
            yield Input(placeholder=t("tui.start.names_placeholder"), id="names")
            yield Static(t("tui.start.names_hint"), id="names-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.run_worker(self._load, thread=True)

    def _load(self) -> None:
        """Decks and the stored sessions are files: read them off the event loop."""
        options = self.workshop.options
        try:
            library = load_checked([*builtin_paths(), *options.extra_decks])
        except (DeckError, OSError) as error:
            self.app.call_from_thread(
                self.notify, str(error), title=t("tui.start.failed"), severity="error", timeout=60
            )
            return
        try:
            store = SessionStore.open(data_dir(options.data))
            unfinished = store.last_unfinished()
            store.close()
        except CorruptDatabaseError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=30)
            unfinished = None
        self.app.call_from_thread(self._show, library, unfinished)

    def _show(self, library: Library, unfinished: dict[str, object] | None) -> None:
        programmes = sorted(library.programmes, key=lambda p: (p.id != DEFAULT_PROGRAMME, p.id))
        options = self.query_one("#programmes", OptionList)
        for programme in programmes:
            label = Text(programme.title, style="bold")
            label.append(f"  {programme.duration_minutes} min · {programme.audience}")
            options.add_option(Option(label, id=programme.id))
        if unfinished is not None:
            label = Text(t("tui.start.resume", title=unfinished["title"], day=unfinished["day"]))
            options.add_option(Option(label, id=RESUME))
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._start(event.option.id)

    def action_start(self) -> None:
        options = self.query_one("#programmes", OptionList)
        if options.highlighted is not None:
            self._start(options.get_option_at_index(options.highlighted).id)

    def action_names(self) -> None:
        self.query_one("#names", Input).focus()

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self.query_one("#programmes", OptionList).focus()

    def _start(self, choice: str | None) -> None:
        if choice is None:
            return
        names = split_names(self.query_one("#names", Input).value)
        resume = choice == RESUME
        self.workshop.begin(None if resume else choice, names, resume)
