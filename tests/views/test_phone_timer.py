"""The phone state carries the item's timer (issue 13): seconds left and whether it runs,
read on the hub's clock, so a phone can count down with the room."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.conftest import ENGINE_PROGRAMME, WriteFile
from workshop.decks import load_checked
from workshop.engine.session import Session
from workshop.views import phone_view


def test_the_timer_reaches_phones_while_an_item_has_one(
    engine_paths: list[Path], write: WriteFile
) -> None:
    timed = ENGINE_PROGRAMME.replace(
        'kaart = "regels/krant"\n', 'kaart = "regels/krant"\ntimer = 60\n'
    )
    programme = write("sessies/motorproef.toml", timed)
    library = load_checked([*engine_paths[:-1], programme])
    session = Session("s1", library.programme("motorproef"), library, date(2026, 11, 30))
    session.start()
    assert "timer" not in phone_view(session, 100.0)  # the welcome has no timer
    session.go_to(2)
    assert phone_view(session, 100.0)["timer"] == {"left": 60, "running": False}
    session.start_timer(100.0)
    assert phone_view(session, 115.0)["timer"] == {"left": 45, "running": True}
    assert "timer" not in phone_view(session)  # without the hub's clock: none
    session.end()
    assert "timer" not in phone_view(session, 120.0)
