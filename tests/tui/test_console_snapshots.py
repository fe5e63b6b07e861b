"""The console at 80x24 (issue 13): nothing of the header or footer cut, and the trainer
panel beside the question and its options. Review a changed picture before
`pytest --snapshot-update`; never edit an SVG by hand."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.tui.conftest import MakeOptions, Phone, app_with, screen_text, until
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.item import ItemScreen
from workshop.tui.screens.lobby import LobbyScreen

SMALL = (80, 24)


def test_80x24_dilemma_with_the_trainer_panel_open(snap_compare: Any, options: MakeOptions) -> None:
    """The dilemma with voting open, 3 of 4 voted, the trainer panel open. Header, whole:
    'Stemming open', '01:00', 'één scherm', 'Gestemd 3 van 4 · 4 online'. Left: the title,
    'Wat doe je?' and options A-D (the situation text and the big count give way); right:
    'Hierna: Een idee' and the doorvraagvragen. Footer, whole: 's Stemming sluiten',
    'n Volgende', 'd Trainerpaneel', 'e Afronden', 'f1 Hulp'."""

    async def ready(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, WorkshopApp)
        await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
        phones = [await Phone.join(app) for _ in range(4)]
        await until(pilot, lambda: app.session.connected_count == 4)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ItemScreen))
        for key in ("n", "n", "d", "j", "o"):
            await pilot.press(key)
            await pilot.pause()
        round_id = app.session.current_round.id  # type: ignore[union-attr]
        for phone, answer in zip(phones, "ABC", strict=False):
            await phone.send(type="vote", round=round_id, choice=answer)
        await until(pilot, lambda: app.session.current_round.voted == 3)  # type: ignore[union-attr]
        await pilot.pause(0.3)
        app.clear_notifications()
        await pilot.pause(0.2)
        lines = screen_text(app).splitlines()
        assert lines[0].rstrip().endswith("Gestemd 3 van 4 · 4 online")
        assert lines[-1].rstrip().endswith("f1 Hulp")
        shown = "\n".join(lines)
        assert "Ik ga en meld" in shown and "Doorvragen" in shown

    assert snap_compare(app_with(options()), terminal_size=SMALL, run_before=ready)
