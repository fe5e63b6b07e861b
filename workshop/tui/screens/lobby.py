"""The lobby: the QR code, the URL and join code in big type, and how many phones joined."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Footer, Static

from workshop.i18n import t
from workshop.tui.widgets.big_code import BigCode
from workshop.tui.widgets.qr_view import QRCodeView

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp


class LobbyScreen(Screen[None]):
    """Shown while the room joins; Enter begins the programme."""

    ready = False
    """Set once mounted: only then may state refreshes touch its widgets."""

    BINDINGS = [
        Binding("enter,n", "begin", t("tui.key.begin")),
        Binding("l", "toggle_lock", t("tui.key.lock")),
    ]

    @property
    def workshop(self) -> WorkshopApp:
        return cast("WorkshopApp", self.app)

    def compose(self) -> ComposeResult:
        app = self.workshop
        with Horizontal(id="lobby"):
            yield QRCodeView(app.join_url(), id="lobby-qr")
            with Vertical(id="lobby-side"):
                yield Static(app.session.programme.title, id="lobby-title", markup=False)
                yield Static(t("tui.lobby.scan"), classes="lobby-label", markup=False)
                yield Static(app.join_url(), id="lobby-url", markup=False)
                yield Static(t("tui.lobby.code"), classes="lobby-label", markup=False)
                yield BigCode(app.opened.keys.code if app.opened else "", id="lobby-code")
                yield Static(t("tui.lobby.joined"), classes="lobby-label", markup=False)
                yield Digits("0", id="lobby-count")
                yield Static("", id="lobby-lock", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.ready = True
        self.refresh_state()

    def refresh_state(self) -> None:
        session = self.workshop.session
        self.query_one("#lobby-count", Digits).update(str(session.participant_count))
        lock = t("tui.lobby.locked") if session.locked else t("tui.lobby.open")
        self.query_one("#lobby-lock", Static).update(lock)

    def action_begin(self) -> None:
        from workshop.tui.screens.item import ItemScreen

        self.app.push_screen(ItemScreen())

    def action_toggle_lock(self) -> None:
        self.workshop.run_command("set_locked", locked=not self.workshop.session.locked)
