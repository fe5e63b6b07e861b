"""The console through an evening without surprises (issue 13): honest counts, a visible
lock, an item list for `g`, Ctrl+Q that asks, a Dutch command palette, and 80x24."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.tui.conftest import SIZE, MakeOptions, Phone, app_with, screen_text, text_of, until
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.confirm import Confirm
from workshop.tui.screens.item import ItemScreen
from workshop.tui.screens.lobby import LobbyScreen
from workshop.tui.screens.pick_item import PickItem

SMALL = (80, 24)


async def to_item(pilot: Pilot[Any], app: WorkshopApp, *keys: str) -> None:
    """From the lobby into the programme, then `keys` one at a time."""
    await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ItemScreen))
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_a_withheld_round_says_too_few_votes_never_a_count(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app, "n", "o")
        phone = await Phone.join(app)
        round_id = app.session.current_round.id  # type: ignore[union-attr]
        assert (await phone.send(type="vote", round=round_id, choice="A"))["type"] == "ack"
        await until(pilot, lambda: "Gestemd 1 van 1" in text_of(app, "#counts"))
        await pilot.press("s")
        await pilot.pause()
        counts = text_of(app, "#counts")
        assert counts == "te weinig stemmen (minder dan 3)"
        assert "Gestemd" not in screen_text(app).splitlines()[0]


async def test_an_open_question_counts_answers(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app, "g", "4", "enter", "o")
        assert text_of(app, "#counts").startswith("Antwoorden 0 van 0")


async def test_joining_closed_is_in_the_header_and_a_notice(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app)
        assert "aanmelden dicht" not in screen_text(app).splitlines()[0]
        await pilot.press("l")
        await pilot.pause()
        assert app.session.locked
        assert "aanmelden dicht" in screen_text(app).splitlines()[0]
        assert any("Aanmelden is dicht" in n.message for n in app._notifications)
        await pilot.press("l")
        await pilot.pause()
        assert "aanmelden dicht" not in screen_text(app).splitlines()[0]
        assert any("weer open" in n.message for n in app._notifications)


async def test_g_shows_the_items_to_choose_from(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app, "g")
        assert isinstance(app.screen, PickItem)
        shown = screen_text(app)
        for title in ("Welkom", "Een etentje na de inspraakavond", "Afsluiting"):
            assert title in shown
        await pilot.press("down", "down", "enter")
        await until(pilot, lambda: isinstance(app.screen, ItemScreen))
        assert app.session.item_index == 2
        await pilot.press("g", "escape")
        assert app.session.item_index == 2 and isinstance(app.screen, ItemScreen)


async def test_ctrl_q_mid_evening_asks_first(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app, "n")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and app.is_running
        assert "stoppen" in text_of(app, "Confirm Static").lower()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ItemScreen) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("j")
        await until(pilot, lambda: not app.is_running)


async def test_the_command_palette_has_no_english_system_commands(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SIZE) as pilot:
        await to_item(pilot, app)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Stoppen" in titles and "Hulp" in titles
        for english in ("Quit", "Theme", "Screenshot", "Maximize", "Minimize", "Keys"):
            assert not any(english.lower() in title.lower() for title in titles), titles


async def test_80x24_shows_the_whole_header_and_footer(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=SMALL) as pilot:
        await to_item(pilot, app, "n", "o", "l")
        lines = screen_text(app).splitlines()
        header, footer = lines[0].rstrip(), lines[-1].rstrip()
        assert len(header) < 80 and header.endswith("online"), header
        assert "Timer 01:0" not in header and "00:30" in header
        assert "aanmelden dicht" in header
        assert footer.endswith("f1 Hulp") and "e Afronden" in footer, footer
        await pilot.press("s", "l")
        await pilot.pause()
        header = screen_text(app).splitlines()[0].rstrip()
        assert header.endswith("te weinig stemmen (minder dan 3)"), header


async def test_80x24_trainer_panel_keeps_question_and_options_in_view(
    options: MakeOptions,
) -> None:
    app = app_with(options())
    async with app.run_test(size=SMALL) as pilot:
        await to_item(pilot, app, "n", "n", "d", "j")
        assert app.screen.query_one("#trainer-panel").display
        shown = screen_text(app)
        assert "Doorvragen" in shown  # the panel is open beside the room view
        for option in ("Ik ga, maar betaal", "Ik stel een gesprek", "Ik sla de", "Ik ga en meld"):
            assert option in shown, shown
        assert "Wat doe je?" in shown
        assert shown.splitlines()[-1].rstrip().endswith("f1 Hulp")
