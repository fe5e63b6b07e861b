"""One mirrored screen: what the console shows is what the room sees."""

from __future__ import annotations

from tests.tui.conftest import SIZE, MakeOptions, app_with, screen_text, until
from workshop.tui.screens.item import ItemScreen
from workshop.tui.screens.lobby import LobbyScreen


async def test_black_screen_blanks_the_whole_window_and_comes_back(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
        await pilot.press("b")
        await until(pilot, lambda: screen_text(app).strip() == "")
        assert app.session.blackout
        await pilot.press("b", "enter")
        await until(pilot, lambda: isinstance(app.screen, ItemScreen))
        assert "Welkom" in screen_text(app) and "één scherm" in screen_text(app)
        await pilot.press("b")
        await until(pilot, lambda: screen_text(app).strip() == "")
        await pilot.press("b")
        await until(pilot, lambda: "Welkom" in screen_text(app))


async def test_qr_again_puts_the_lobby_on_the_room_view_and_back(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
        await pilot.press("enter", "n")
        await until(pilot, lambda: isinstance(app.screen, ItemScreen))
        assert app.session.lobby is False
        await pilot.press("c")
        await until(pilot, lambda: app.session.lobby)
        await pilot.press("escape")
        await until(pilot, lambda: not app.session.lobby)
