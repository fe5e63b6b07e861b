"""The console and the room's screen (`workshop scherm`) against one real hub, in one process.

The room's screen finds the session by itself (the live file in the data folder), follows it
over a real websocket, and is checked on what it actually draws: the text of every cell on
its screen. Pending texts and the trainer's notes never appear there.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import ContentSwitcher

from tests.tui.conftest import (
    SIZE,
    URL,
    MakeOptions,
    Phone,
    app_with,
    screen_text,
    text_of,
    until,
)
from workshop.scherm.app import ScreenApp, ScreenOptions, make_screen_app
from workshop.tui.app import WorkshopApp
from workshop.tui.projector.big_timer import BigTimer
from workshop.tui.screens.item import ItemScreen
from workshop.tui.screens.lobby import LobbyScreen
from workshop.tui.screens.moderation import ModerationScreen
from workshop.tui.screens.summary import SummaryScreen

ROOM_SIZE = (140, 45)
PENDING = "Nog niet gekeurd: de wethouder belt"
APPROVED = "Geen cadeaus aannemen"
NOTE = "Fractievoorzitter keek weg bij deze vraag"
AGENDA = "Giftenregister bijhouden"


def pane(app: ScreenApp) -> str:
    return str(app.screen.query_one(ContentSwitcher).current)


async def both(pilot: Pilot[Any], room: Pilot[Any], check: Any, timeout: float = 5.0) -> None:
    """Let both apps run until `check()` holds."""
    await until(pilot, check, timeout)
    await room.pause()


async def vote(app: WorkshopApp, phones: list[Phone], answers: str) -> None:
    round_id = app.session.current_round.id  # type: ignore[union-attr]
    for phone, answer in zip(phones, answers, strict=False):
        assert (await phone.send(type="vote", round=round_id, choice=answer))["type"] == "ack"


async def test_console_and_room_screen_on_one_hub(options: MakeOptions) -> None:
    opts = options()
    screen_app = make_screen_app(ScreenOptions(data=opts.data, clock=lambda: 500.0))
    async with screen_app.run_test(size=ROOM_SIZE) as room:
        # No session yet: the room's screen says so and keeps looking.
        await until(room, lambda: "Geen lopende workshop" in screen_text(screen_app))
        app = app_with(opts)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
            # It finds the session by itself; the console then knows it is a console.
            await both(pilot, room, lambda: pane(screen_app) == "room-lobby")
            await both(pilot, room, lambda: f"{URL}/j/" in screen_text(screen_app))
            await until(pilot, lambda: app.console_mode)
            await until(pilot, lambda: "dit venster is je console" in screen_text(app))
            phones = [await Phone.join(app) for _ in range(4)]
            joined = screen_app.screen.query_one("#room-joined")
            await both(pilot, room, lambda: joined.value == "4")

            # Warming-up: the question, the live count, the big timer, then the result.
            await pilot.press("enter", "n", "o")
            await both(pilot, room, lambda: pane(screen_app) == "room-item")
            await both(pilot, room, lambda: "Stem nu op je telefoon" in screen_text(screen_app))
            timer = screen_app.screen.query_one(BigTimer)
            assert timer.display and timer.value == "00:30"
            await vote(app, phones, "ABB")
            voted = screen_app.screen.query_one("#room-voted")
            await both(pilot, room, lambda: voted.value == "3")
            assert "van 4 gestemd" in screen_text(screen_app)
            assert "%" not in screen_text(screen_app)  # blind until revealed
            await vote(app, phones[3:], "C")
            await pilot.press("s", "u")
            await both(pilot, room, lambda: "4 stemmen" in screen_text(screen_app))
            assert "50%" in screen_text(screen_app)

            # Dilemma with a revote: before and after with the shift.
            await pilot.press("n", "o")
            await vote(app, phones, "AABB")
            await pilot.press("s", "u", "h")
            await vote(app, phones, "ACCB")
            await pilot.press("s", "u")
            await both(pilot, room, lambda: "Na het gesprek" in screen_text(screen_app))
            room_text = screen_text(screen_app)
            assert "Voor het gesprek" in room_text
            assert "2 deelnemers kozen na het gesprek anders" in room_text
            # The trainer panel is open on the console, and never on the room's screen.
            assert isinstance(app.screen, ItemScreen)
            assert app.screen.query_one("#trainer-panel").display
            assert "Gemeentewet" in text_of(app, "#trainer-text")
            assert "Gemeentewet" not in room_text

            # Open question: a pending text and a note never reach the room; approved does.
            await pilot.press("n", "o")
            round_id = app.session.current_round.id  # type: ignore[union-attr]
            await phones[0].send(type="text", round=round_id, text=PENDING)
            await phones[1].send(type="text", round=round_id, text=APPROVED)
            await until(pilot, lambda: len(app.session.pending_texts()) == 2)
            await pilot.press("a")  # on the console: no warning, straight to typing
            await pilot.press(*NOTE, "enter")
            assert app.session.notes[app.session.item_index] == [NOTE]
            await pilot.pause(0.4)  # broadcast ticks with the text pending and the note saved
            await room.pause(0.2)
            assert PENDING not in screen_text(screen_app) and NOTE not in screen_text(screen_app)
            await pilot.press("m")
            await until(pilot, lambda: isinstance(app.screen, ModerationScreen))
            assert PENDING in screen_text(app)  # the console shows the texts at once
            await pilot.press("down", "j", "escape")
            await both(pilot, room, lambda: APPROVED in screen_text(screen_app))
            assert PENDING not in screen_text(screen_app) and NOTE not in screen_text(screen_app)

            # The closing item: the agenda grows on the room's screen.
            await pilot.press("n", "i")
            await pilot.press(*AGENDA, "enter")
            await both(pilot, room, lambda: AGENDA in screen_text(screen_app))
            assert "Integriteitsagenda" in screen_text(screen_app)

            # QR again for latecomers: the room's screen shows the lobby, then the item.
            await pilot.press("c")
            await both(pilot, room, lambda: pane(screen_app) == "room-lobby")
            await pilot.press("escape")
            await both(pilot, room, lambda: pane(screen_app) == "room-item")

            # Black screen and back.
            await pilot.press("b")
            await both(pilot, room, lambda: pane(screen_app) == "room-black")
            assert screen_text(screen_app).strip() == ""
            await pilot.press("b")
            await both(pilot, room, lambda: pane(screen_app) == "room-item")

            # The room's screen reconnects by itself when its connection drops.
            assert app.hub is not None
            for ws, client in list(app.hub.clients.items()):
                if client.role == "scherm":
                    await ws.close()
            await both(pilot, room, lambda: pane(screen_app) == "room-waiting", 3)
            await both(pilot, room, lambda: pane(screen_app) == "room-item", 5)
            await until(pilot, lambda: app.console_mode)

            # The end: the summary for the room and a thank-you.
            await pilot.press("e", "j")
            await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
            await both(pilot, room, lambda: pane(screen_app) == "room-end-pane")
            end = screen_text(screen_app)
            assert "Dank je wel" in end and AGENDA in end and APPROVED in end
            assert "#" not in end  # rendered, not Markdown
            assert PENDING not in end and NOTE not in end
            for phone in phones:
                await phone.ws.close()
        # The console stopped: the room's screen waits for the next session.
        await until(room, lambda: pane(screen_app) == "room-waiting")
