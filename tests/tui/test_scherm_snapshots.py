"""SVG snapshots of the room's screen (`workshop scherm`) at 140x45, following a real hub.

The hub runs in the snapshot's own event loop with a fixed join URL and code and a frozen
clock; the session is driven through its controller (the engine the hub and console use).
Review a changed picture before `pytest --snapshot-update`; never edit an SVG by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher

from tests.conftest import OPEN_DECK, VALID_DECK, VALID_RULES, WriteFile
from tests.tui.conftest import CODE, URL, screen_text, until
from workshop.hub.keys import HubKeys
from workshop.hub.server import Hub
from workshop.scherm.app import ScreenApp, ScreenOptions
from workshop.session import HubOptions, OpenedSession, close_session, open_session, start_hub
from workshop.session.controller import Controller
from workshop.tui.bigtext import big_lines

ROOM = (140, 45)
NOW = 1000.0
WELCOME, DILEMMA, SCALE, OPEN, CLOSING = range(5)
TOKENS = [f"phone-{n}" for n in range(5)]

PROGRAMME = """
titel = "Proefavond"
doelgroep = "Kandidaten voor de gemeenteraad"
duur_minuten = 60

[[onderdeel]]
soort = "welkom"
titel = "Welkom"
tekst = "Vanavond praten we over dilemma's."

[[onderdeel]]
kaart = "proef/proefkaart"
herstemming = true
timer = 60

[[onderdeel]]
kaart = "regels/krant"

[[onderdeel]]
kaart = "open/idee"

[[onderdeel]]
soort = "afsluiting"
titel = "Afsluiting en integriteitsagenda"
tekst = "Welke afspraken maken we?"
"""

Drive = Callable[[Controller], None]


class HostedScreenApp(ScreenApp):
    """The room's screen, plus the hub it follows (stopped when the app stops)."""

    def __init__(self, options: ScreenOptions, hub_options: HubOptions) -> None:
        super().__init__(options)
        self.hub_options = hub_options
        self.opened: OpenedSession | None = None
        self.hub: Hub | None = None

    async def start_hub(self, drive: Drive) -> None:
        self.opened = open_session(
            self.hub_options, date(2026, 11, 30), HubKeys(b"s" * 32, CODE, "trainer-sleutel")
        )
        controller = self.opened.controller
        controller.clock = lambda: NOW
        for token in TOKENS[:3]:
            controller.run("join", token=token)
        drive(controller)
        self.hub = await start_hub(self.opened, self.hub_options)

    async def on_unmount(self) -> None:
        if self.hub is not None and self.opened is not None:
            await close_session(self.hub, self.opened)


@pytest.fixture
def hosted(tmp_path: Path, write: WriteFile) -> Callable[[], HostedScreenApp]:
    decks = [
        write("eigen/proef.toml", VALID_DECK),
        write("eigen/regels.toml", VALID_RULES),
        write("eigen/open.toml", OPEN_DECK),
    ]
    programme = write("eigen-sessies/proefavond.toml", PROGRAMME)

    def make() -> HostedScreenApp:
        hub_options = HubOptions(
            programme=str(programme),
            host="127.0.0.1",
            port=0,
            url=URL,
            data=tmp_path / "data",
            extra_decks=[decks[0].parent],
        )
        return HostedScreenApp(
            ScreenOptions(data=tmp_path / "data", clock=lambda: NOW), hub_options
        )

    return make


def votes(controller: Controller, answers: list[Any]) -> None:
    round_id = controller.session.current_round.id  # type: ignore[union-attr]
    for token, answer in zip(TOKENS, answers, strict=False):
        if token not in controller.session.connected:
            controller.run("join", token=token)
        controller.run("cast_vote", token=token, round_id=round_id, answer=answer)


def snapshot(snap_compare: Any, app: HostedScreenApp, drive: Drive, pane: str, text: str) -> bool:
    async def ready(pilot: Pilot[Any]) -> None:
        await app.start_hub(drive)
        switcher = app.screen.query_one(ContentSwitcher)
        await until(pilot, lambda: switcher.current == pane)
        await until(pilot, lambda: text in screen_text(app))
        await pilot.pause(0.2)

    return bool(snap_compare(app, terminal_size=ROOM, run_before=ready))


def test_lobby(snap_compare: Any, hosted: Callable[[], HostedScreenApp]) -> None:
    """The lobby: a black-on-white QR code filling the left of the window; on the right the
    title 'Proefavond', the URL http://192.168.1.23:8765/j/K7HX4M, the code K7HX4M in big
    type and 3 phones connected in the same big type. Nothing else: no keys, no trainer hints."""

    def drive(controller: Controller) -> None:
        pass

    assert snapshot(snap_compare, hosted(), drive, "room-lobby", "K7HX4M")


def test_open_item_with_count_and_timer(
    snap_compare: Any, hosted: Callable[[], HostedScreenApp]
) -> None:
    """The dilemma 'Een proefkaart' with voting open: 'Onderdeel 2 van 5', the green
    'Stem nu op je telefoon', the situation, the question 'Wat doe je?' with options A-C,
    '2' in big type with 'van 3 gestemd', and the timer 01:00 (slashed zeros) in the same
    type. No result (blind), no trainer text (doorvragen, wat-als, achtergrond)."""

    def drive(controller: Controller) -> None:
        controller.run("show_lobby", shown=False)
        controller.run("go_to", index=DILEMMA)
        controller.run("open_voting")
        controller.run("start_timer")
        votes(controller, ["A", "B"])

    assert snapshot(snap_compare, hosted(), drive, "room-item", "van 3 gestemd")


def test_scale_results_with_histogram_and_median(
    snap_compare: Any, hosted: Callable[[], HostedScreenApp]
) -> None:
    """The vuistregel 'Krantentest' revealed: its rule in bold above the situation, the
    scale question, then one bar per value 1 Moeilijk ... 5 Makkelijk with counts 1, 2, 1,
    0, 1 and percentages, '◀ mediaan' beside the bar of 2, 'Mediaan: 2' and '5 stemmen'."""

    def drive(controller: Controller) -> None:
        controller.run("show_lobby", shown=False)
        controller.run("go_to", index=SCALE)
        controller.run("open_voting")
        votes(controller, [1, 2, 2, 3, 5])
        controller.run("close_voting")
        controller.run("reveal")

    assert snapshot(snap_compare, hosted(), drive, "room-item", "5 stemmen")


def test_before_after_with_shift(snap_compare: Any, hosted: Callable[[], HostedScreenApp]) -> None:
    """The dilemma after its revote, revealed: 'Voor het gesprek' (A 2, B 2, C 0) and 'Na het
    gesprek' (A 1, B 1, C 2) side by side, and below '2 deelnemers kozen na het gesprek
    anders; van A naar C: 1; van B naar C: 1'. No timer: it never ran, and the vote is over."""

    def drive(controller: Controller) -> None:
        controller.run("show_lobby", shown=False)
        controller.run("go_to", index=DILEMMA)
        controller.run("open_voting")
        votes(controller, ["A", "A", "B", "B"])
        controller.run("close_voting")
        controller.run("reveal")
        controller.run("revote")
        votes(controller, ["A", "C", "C", "B"])
        controller.run("close_voting")
        controller.run("reveal")

    assert snapshot(snap_compare, hosted(), drive, "room-item", "Na het gesprek")


def test_agenda_on_the_closing_item(
    snap_compare: Any, hosted: Callable[[], HostedScreenApp]
) -> None:
    """The closing item 'Afsluiting en integriteitsagenda' with 'Welke afspraken maken we?'
    and below 'Integriteitsagenda' with 1. Giftenregister bijhouden and 2. Nevenfuncties
    jaarlijks bespreken. The trainer's note on this item is not there."""

    def drive(controller: Controller) -> None:
        controller.run("show_lobby", shown=False)
        controller.run("go_to", index=CLOSING)
        controller.run("add_agenda", text="Giftenregister bijhouden")
        controller.run("add_agenda", text="Nevenfuncties jaarlijks bespreken")
        controller.run("save_note", text="Notitie die de zaal nooit ziet")

    assert snapshot(snap_compare, hosted(), drive, "room-item", "Nevenfuncties")


def test_end_summary_and_thanks(snap_compare: Any, hosted: Callable[[], HostedScreenApp]) -> None:
    """The end: 'BEDANKT' in big type, 'Dank je wel voor je inbreng vanavond.', the title
    with '2026-11-30 · 4 deelnemers', the integriteitsagenda with its one item first, then
    '2. Een proefkaart' with its question and result bars
    (A 1, B 2, C 1, 4 stemmen), '4. Een idee' with its question and the approved text
    « Geen cadeaus aannemen » (no vote count: an open question has none). No pending or
    rejected text."""

    def drive(controller: Controller) -> None:
        controller.run("show_lobby", shown=False)
        controller.run("go_to", index=DILEMMA)
        controller.run("open_voting")
        votes(controller, ["A", "B", "B", "C"])
        controller.run("close_voting")
        controller.run("reveal")
        controller.run("go_to", index=OPEN)
        controller.run("open_voting")
        round_id = controller.session.current_round.id  # type: ignore[union-attr]
        texts = ["Geen cadeaus aannemen", "Afgekeurde tekst", "Nog wachtende tekst"]
        for token, text in zip(TOKENS, texts, strict=False):
            controller.run("submit_text", token=token, round_id=round_id, text=text)
        first, second, _ = (text.id for _, text in controller.session.pending_texts())
        controller.run("moderate", text_id=first, approve=True)
        controller.run("moderate", text_id=second, approve=False)
        controller.run("close_voting")
        controller.run("reveal")
        controller.run("go_to", index=CLOSING)
        controller.run("add_agenda", text="Giftenregister bijhouden")
        controller.run("end")

    assert snapshot(snap_compare, hosted(), drive, "room-end-pane", "Dank je wel")


def seen(app: HostedScreenApp, selector: str) -> list[str]:
    """The cells a widget occupies on the screen, as the room sees them."""
    region = app.screen.query_one(selector).region
    lines = screen_text(app).split("\n")[region.y : region.bottom]
    return [line[region.x : region.right] for line in lines]


async def test_counts_and_timer_are_drawn_in_the_legible_big_type(
    hosted: Callable[[], HostedScreenApp],
) -> None:
    """Nobody has voted yet: the count's 0 is the slashed zero of big_lines, never Textual's
    empty box, and the timer reads 01:00 in the same type (issue 13)."""

    def drive(controller: Controller) -> None:
        controller.run("show_lobby", shown=False)
        controller.run("go_to", index=DILEMMA)
        controller.run("open_voting")

    app = hosted()
    async with app.run_test(size=ROOM) as pilot:
        await app.start_hub(drive)
        await until(pilot, lambda: "van 3 gestemd" in screen_text(app))
        await pilot.pause(0.1)
        assert seen(app, "#room-voted") == big_lines("0")
        assert seen(app, "#room-voted")[1] == "┃╱┃"  # not the empty box "┃ ┃"
        assert seen(app, "#room-timer") == big_lines("01:00")
