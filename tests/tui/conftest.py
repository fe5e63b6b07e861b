"""The TUI with a real in-process hub, a fixed join URL and code, and a frozen clock."""

from __future__ import annotations

import asyncio
import json
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from websockets.asyncio.client import ClientConnection, connect

from tests.conftest import OPEN_DECK, WriteFile
from workshop.hub.keys import HubKeys
from workshop.tui.app import TuiOptions, WorkshopApp
from workshop.tui.factory import make_app

URL = "http://192.168.1.23:8765"
CODE = "K7HX4M"  # in the code alphabet (no look-alikes such as Q)
SIZE = (100, 32)

EVENING = """
titel = "Proefavond"
doelgroep = "Kandidaten voor de gemeenteraad"
duur_minuten = 60

[[onderdeel]]
soort = "welkom"
titel = "Welkom"
tekst = "Vanavond praten we over dilemma's."

[[onderdeel]]
kaart = "warming-up/hoe-kwam-je-hier"
timer = 30

[[onderdeel]]
kaart = "dilemmakaarten/etentje-ontwikkelaar"
herstemming = true
timer = 60

[[onderdeel]]
kaart = "open/idee"

[[onderdeel]]
soort = "afsluiting"
titel = "Afsluiting en integriteitsagenda"
tekst = "Welke afspraken maken we?"
"""

MakeOptions = Callable[..., TuiOptions]


@pytest.fixture
def options(tmp_path: Path, write: WriteFile) -> MakeOptions:
    """Options for a test app: own data folder, port 0, known URL and code, frozen clock."""
    decks = write("eigen/open.toml", OPEN_DECK).parent
    programme = write("eigen-sessies/proefavond.toml", EVENING)

    def make(**overrides: Any) -> TuiOptions:
        values: dict[str, Any] = dict(
            programme=str(programme),
            host="127.0.0.1",
            port=0,
            url=URL,
            data=tmp_path / "data",
            extra_decks=[decks],
            today=date(2026, 11, 30),
            clock=lambda: 1000.0,
            fixed_keys=HubKeys(b"s" * 32, CODE, "trainer-sleutel"),
            export_dir=tmp_path / "export",
            start_now=True,
        )
        values.update(overrides)
        return TuiOptions(**values)

    return make


def app_with(options: TuiOptions) -> WorkshopApp:
    return make_app(options)


async def until(pilot: Pilot[Any], check: Callable[[], object], timeout: float = 5.0) -> None:
    """Let the app run until `check()` is true (fails after `timeout` seconds)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        if loop.time() > deadline:
            raise AssertionError("the app did not get there in time")
        await pilot.pause(0.02)
    await pilot.pause()  # let layout catch up before anyone reads the screen


def text_of(app: WorkshopApp, selector: str) -> str:
    """What a widget on the current screen shows, as plain text (its rendered lines)."""
    widget = app.screen.query_one(selector)
    width, height = widget.outer_size
    strips = widget.render_lines(Region(0, 0, width, height))
    lines = [strip.text.rstrip() for strip in strips]
    return textwrap.dedent("\n".join(lines)).strip("\n")


def screen_text(app: App[Any]) -> str:
    """Every character the app's current screen shows, line by line (what a camera sees)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


class Phone:
    """A real websocket phone, joined to the app's hub."""

    def __init__(self, ws: ClientConnection, token: str) -> None:
        self.ws = ws
        self.token = token

    @classmethod
    async def join(cls, app: WorkshopApp) -> Phone:
        assert app.hub is not None
        ws = await connect(f"ws://127.0.0.1:{app.hub.port}/ws")
        await ws.send(json.dumps({"type": "join", "code": CODE}))
        while True:
            message = json.loads(await asyncio.wait_for(ws.recv(), 5))
            if message["type"] == "welcome":
                return cls(ws, message["token"])

    async def send(self, **message: Any) -> dict[str, Any]:
        await self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(await asyncio.wait_for(self.ws.recv(), 5))
            if reply["type"] in ("ack", "error"):
                return reply  # type: ignore[no-any-return]
