"""The lobby: what the room sees while it joins (QR code, URL, code, phones connected)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from workshop.i18n import t
from workshop.tui.projector import ProjectorView

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp


class LobbyScreen(Screen[None]):
    """Shown while the room joins; Enter begins the programme."""

    ready = False
    """Set once mounted: only then may state refreshes touch its widgets."""

    BINDINGS = [
        Binding("enter,n", "begin", t("tui.key.begin")),
        Binding("l", "toggle_lock", t("tui.key.lock")),
        Binding("b", "blackout", t("tui.key.blackout")),
    ]

    @property
    def workshop(self) -> WorkshopApp:
        return cast("WorkshopApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static("", id="mode", markup=False)
        yield ProjectorView(self.workshop.clock, id="room")
        yield Footer()

    def on_mount(self) -> None:
        self.ready = True
        self.refresh_state()

    def on_screen_resume(self) -> None:
        self.workshop.run_command("show_lobby", shown=True)

    def refresh_state(self) -> None:
        app = self.workshop
        console = app.console_mode
        mode = self.query_one("#mode", Static)
        mode.update(t("tui.mode.console_long") if console else t("tui.mode.single_long"))
        mode.set_class(console, "console")
        self.query_one("#room", ProjectorView).show(app.projector_state())
        self.set_class(not console and app.session.blackout, "blackout")

    def action_begin(self) -> None:
        from workshop.tui.screens.item import ItemScreen

        self.app.push_screen(ItemScreen())

    def action_toggle_lock(self) -> None:
        self.workshop.run_command("set_locked", locked=not self.workshop.session.locked)

    def action_blackout(self) -> None:
        self.workshop.run_command("set_blackout", blackout=not self.workshop.session.blackout)
