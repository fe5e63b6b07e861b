"""The lobby's help points a trainer whose phones cannot get in to `workshop netwerk`."""

from __future__ import annotations

from textual.widgets import Static

from tests.tui.conftest import MakeOptions, app_with, until
from workshop.tui.screens.help import HelpScreen
from workshop.tui.screens.lobby import LobbyScreen


async def test_help_in_the_lobby_names_workshop_netwerk(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        shown = " ".join(str(widget.render()) for widget in app.screen.query(Static))
        assert "workshop netwerk" in shown
