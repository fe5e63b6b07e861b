"""The room's screen as one widget: black, lobby, item or end, from a projector view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, Static

from workshop.i18n import t
from workshop.tui.projector.big_timer import BigTimer
from workshop.tui.projector.end_pane import EndPane
from workshop.tui.projector.item_pane import ItemPane
from workshop.tui.projector.lobby_pane import LobbyPane


def pane_for(view: dict[str, Any] | None) -> str:
    """Which pane a projector view asks for: black wins, then the end, the lobby, the item."""
    if view is None:
        return "room-waiting"
    if view["blackout"]:
        return "room-black"
    if view["end"] is not None:
        return "room-end-pane"
    if view["lobby"]:
        return "room-lobby"
    return "room-item"


class ProjectorView(Vertical):
    """Shows what the room may see; `show(view)` with a projector view, `show(None)` while
    there is no session to follow (the waiting message says why)."""

    # Self-contained: both apps show it, so its styles travel with it.
    DEFAULT_CSS = """
    ProjectorView { height: 1fr; background: $background; }
    ProjectorView > ContentSwitcher { height: 1fr; }
    ProjectorView #room-black { background: #000000; height: 1fr; }
    ProjectorView #room-waiting { padding: 2 4; color: $text-muted; height: 1fr; }

    ProjectorView LobbyPane { height: 1fr; }
    ProjectorView #room-qr { width: 3fr; height: 1fr; min-width: 30; }
    ProjectorView #room-lobby-side { width: 2fr; min-width: 30; padding: 1 2; }
    ProjectorView #room-lobby-title { text-style: bold; color: $primary; }
    ProjectorView .room-label { margin-top: 1; color: $text-muted; }
    ProjectorView #room-url { text-style: bold; }
    ProjectorView #room-code { color: $primary; }
    ProjectorView #room-joined { color: $primary; width: auto; }
    ProjectorView #room-lock { margin-top: 1; color: $warning; }

    ProjectorView ItemPane { height: 1fr; padding: 0 2; overflow: hidden hidden; }
    ProjectorView #room-top { height: auto; margin-bottom: 1; }
    ProjectorView #room-heading { width: 1fr; height: auto; }
    ProjectorView #room-progress { color: $text-muted; }
    ProjectorView #room-phase { text-style: bold; width: auto; padding: 0 1; }
    ProjectorView #room-phase.phase-open { background: $success; color: #000000; }
    ProjectorView #room-phase.phase-closed { background: $warning; color: #000000; }
    ProjectorView #room-phase.phase-revealed { background: $primary; color: #000000; }
    ProjectorView #room-count { width: auto; height: 3; margin-right: 4; }
    ProjectorView #room-voted { width: auto; color: $primary; }
    ProjectorView #room-count-label { width: auto; padding: 1 1 0 1; }
    ProjectorView #room-timer { width: auto; }
    ProjectorView #room-title { text-style: bold; color: $primary; margin-bottom: 1; }
    ProjectorView #room-situation { margin-bottom: 1; }
    ProjectorView #room-question { text-style: bold; color: $primary; margin-bottom: 1; }
    ProjectorView #room-options { margin-bottom: 1; }
    ProjectorView #room-results { margin-bottom: 1; }
    ProjectorView #room-texts { margin-bottom: 1; color: $secondary; }
    ProjectorView #room-proposals { margin-bottom: 1; color: $secondary; }
    ProjectorView #room-agenda { margin-bottom: 1; }

    ProjectorView EndPane { height: 1fr; padding: 1 2; overflow: hidden hidden; }
    ProjectorView #room-thanks { color: $primary; margin-bottom: 1; }
    ProjectorView #room-thanks-line { text-style: bold; margin-bottom: 1; }
    ProjectorView #room-end-title { text-style: bold; color: $primary; }
    """

    def __init__(self, clock: Callable[[], float], id: str | None = None) -> None:
        super().__init__(id=id)
        self.clock = clock
        self.view: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="room-waiting"):
            yield Static(t("scherm.waiting"), id="room-waiting", markup=False)
            yield Static("", id="room-black")
            yield LobbyPane(id="room-lobby")
            yield ItemPane(BigTimer(self.clock, id="room-timer"), id="room-item")
            yield EndPane(id="room-end-pane")

    def show(self, view: dict[str, Any] | None, waiting: str | None = None) -> None:
        self.view = view
        pane = pane_for(view)
        if view is None:
            self.query_one("#room-waiting", Static).update(waiting or t("scherm.waiting"))
        elif pane == "room-lobby":
            self.query_one(LobbyPane).show(view)
        elif pane == "room-item":
            self.query_one(ItemPane).show(view)
        elif pane == "room-end-pane":
            self.query_one(EndPane).show(view)
        if view is not None:
            self.query_one(BigTimer).follow(view["timer"])
        self.query_one(ContentSwitcher).current = pane
