"""The trainer panel lists the programme's reserve cards, and an item that asks a card's
second question (`vraag = 2`) shows that question to the room."""

from __future__ import annotations

from tests.conftest import WriteFile
from tests.tui.conftest import SIZE, MakeOptions, app_with, text_of, until
from workshop.tui.screens.item import ItemScreen
from workshop.tui.screens.lobby import LobbyScreen

PROGRAMME = """
titel = "Proefavond met reserve"
doelgroep = "Kandidaten"
duur_minuten = 30
reserve = ["dilemmakaarten/korting-bij-de-garage", "ondermijning/cafe-zonder-gasten"]

[[onderdeel]]
kaart = "vuistregels/krantentest"
vraag = 2
minuten = 5

[[onderdeel]]
kaart = "dilemmakaarten/etentje-ontwikkelaar"
herstemming = true
minuten = 13
"""


async def test_reserve_cards_in_the_trainer_panel(options: MakeOptions, write: WriteFile) -> None:
    programme = write("eigen-sessies/reserve.toml", PROGRAMME)
    app = app_with(options(programme=str(programme)))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ItemScreen))
        assert text_of(app, "#room-question") == "Hoe goed hebben wij dit geregeld?"
        await pilot.press("n", "d", "j")  # the dilemma; open the panel past the warning
        await until(pilot, lambda: app.screen.query_one("#trainer-panel").display)
        panel = "".join(text_of(app, "#trainer-text").split())  # the narrow panel wraps
        assert "Reservekaarten" in panel
        assert "Kortingbijdegarage(dilemmakaarten/korting-bij-de-garage)" in panel
        assert "Eencafézondergasten(ondermijning/cafe-zonder-gasten)" in panel
        assert "Reservekaarten" not in text_of(app, "#room")  # the room never sees them
