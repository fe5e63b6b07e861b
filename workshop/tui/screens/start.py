"""The first screen: choose a programme (or resume), optionally give names to scrub.

After a crash the unfinished session comes first and has the focus, with how far it got;
starting a new one while it waits asks first. A problem that stops the start (a broken deck,
an unreadable database, nothing to resume) is written on this screen, not only in a notice.
"""

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
from workshop.i18n import t
from workshop.paths import data_dir
from workshop.session import DEFAULT_PROGRAMME
from workshop.store import CorruptDatabaseError, SessionStore

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp

RESUME = "::hervat"


def split_names(text: str) -> list[str]:
    """'Jan de Vries, Fatima;Kees' -> ['Jan de Vries', 'Fatima', 'Kees']."""
    return [name.strip() for name in text.replace(";", ",").split(",") if name.strip()]


class StartScreen(Screen[None]):
    """An unfinished session first, then the programmes (the kandidatenavond first); Enter
    starts the highlighted one."""

    BINDINGS = [
        Binding("enter", "start", t("tui.key.start")),
        Binding("n", "names", t("tui.key.names")),
    ]

    def __init__(self, problem: str | None = None) -> None:
        super().__init__()
        self.problem = problem
        """Why the last start failed, shown until the trainer picks again."""
        self.unfinished: dict[str, object] | None = None

    @property
    def workshop(self) -> WorkshopApp:
        return cast("WorkshopApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static(t("tui.start.title"), id="start-title", markup=False)
            yield Static(t("tui.start.intro"), id="start-intro", markup=False)
            yield Static("", id="start-problem", markup=False)
            yield OptionList(id="programmes")
            yield Label(t("tui.start.names"), id="names-label")
            yield Input(placeholder=t("tui.start.names_placeholder"), id="names")
            yield Static(t("tui.start.names_hint"), id="names-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.show_problem(self.problem)
        self.run_worker(self._load, thread=True)

    def show_problem(self, problem: str | None) -> None:
        """Write (or with None, clear) what stopped the start, above the choices."""
        widget = self.query_one("#start-problem", Static)
        widget.update(t("tui.start.problem", problem=problem) if problem else "")
        widget.display = bool(problem)

    def _load(self) -> None:
        """Decks and the stored sessions are files: read them off the event loop."""
        options = self.workshop.options
        try:
            library = load_checked([*builtin_paths(), *options.extra_decks])
        except (DeckError, OSError) as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        try:
            store = SessionStore.open(data_dir(options.data))
            unfinished = store.last_unfinished()
            store.close()
        except (CorruptDatabaseError, OSError) as error:
            self.app.call_from_thread(self._failed, str(error))
            unfinished = None
        self.app.call_from_thread(self._show, library, unfinished)

    def _failed(self, problem: str) -> None:
        self.notify(problem, title=t("tui.start.failed"), severity="error", timeout=60)
        self.show_problem(problem)

    def _show(self, library: Library, unfinished: dict[str, object] | None) -> None:
        programmes = sorted(library.programmes, key=lambda p: (p.id != DEFAULT_PROGRAMME, p.id))
        options = self.query_one("#programmes", OptionList)
        self.unfinished = unfinished
        if unfinished is not None:
            options.add_option(Option(resume_label(unfinished), id=RESUME))
        for programme in programmes:
            label = Text(programme.title, style="bold")
            label.append(f"  {programme.duration_minutes} min · {programme.audience}")
            options.add_option(Option(label, id=programme.id))
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
        if resume or self.unfinished is None:
            self.show_problem(None)
            self.workshop.begin(None if resume else choice, names, resume)
            return
        from workshop.tui.screens.confirm import Confirm

        def start_new(sure: bool | None) -> None:
            if sure:
                self.show_problem(None)
                self.workshop.begin(choice, names, False)

        question = t("tui.confirm.new_while_unfinished", title=self.unfinished["title"])
        self.app.push_screen(Confirm(question), start_new)


def resume_label(record: dict[str, object]) -> Text:
    """'Verder met: Kandidatenavond van 2026-11-30 — onderdeel 3 van 9', set apart."""
    items = record.get("items")
    index = record.get("item_index")
    if isinstance(items, list) and items and isinstance(index, int):
        text = t(
            "tui.start.resume_first",
            title=record["title"],
            day=record["day"],
            n=min(index, len(items) - 1) + 1,
            count=len(items),
        )
    else:
        text = t("tui.start.resume", title=record["title"], day=record["day"])
    return Text(text, style="bold reverse")
