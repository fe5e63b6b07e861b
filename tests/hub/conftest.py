"""A real hub on 127.0.0.1 (port 0) and real websockets clients."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect

from workshop.decks import Library, load_checked
from workshop.hub.keys import HubKeys
from workshop.hub.server import Hub, HubConfig
from workshop.session.controller import Controller
from workshop.store import SessionStore

TODAY = date(2026, 11, 30)
TIMEOUT = 5.0


async def receive(ws: ClientConnection, kind: str, **match: Any) -> dict[str, Any]:
    """The next message of a type (and matching fields), skipping others; fails after 5 s."""

    async def wait() -> dict[str, Any]:
        while True:
            message = json.loads(await ws.recv())
            if message["type"] == kind and all(message.get(k) == v for k, v in match.items()):
                return message  # type: ignore[no-any-return]

    return await asyncio.wait_for(wait(), TIMEOUT)


async def state_where(
    ws: ClientConnection, check: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    """The first state message for which `check` holds."""

    async def wait() -> dict[str, Any]:
        while True:
            message = json.loads(await ws.recv())
            if message["type"] == "state" and check(message):
                return message  # type: ignore[no-any-return]

    return await asyncio.wait_for(wait(), TIMEOUT)


class HubHarness:
    """A started hub plus helpers to connect phones and a facilitator."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.url = f"ws://127.0.0.1:{hub.port}/ws"
        self.clients: list[ClientConnection] = []

    async def connect(self, **kwargs: Any) -> ClientConnection:
        ws = await connect(self.url, open_timeout=TIMEOUT, **kwargs)
        self.clients.append(ws)
        return ws

    async def phone(self, token: str | None = None) -> tuple[ClientConnection, dict[str, Any]]:
        ws = await self.connect()
        message: dict[str, Any] = {"type": "join", "code": self.hub.keys.code}
        if token:
            message["token"] = token
        await ws.send(json.dumps(message))
        welcome = await receive(ws, "welcome")
        await receive(ws, "state")
        return ws, welcome

    async def facilitator(self) -> ClientConnection:
        ws = await self.connect()
        await ws.send(json.dumps({"type": "facilitate", "key": self.hub.keys.facilitator_key}))
        await receive(ws, "welcome", role="facilitator")
        await receive(ws, "state")
        return ws

    @staticmethod
    async def command(ws: ClientConnection, name: str, **args: Any) -> None:
        """Send a facilitator command; read the outcome with `receive` or `state_where`."""
        await ws.send(json.dumps({"type": "command", "name": name, "args": args}))

    async def close(self) -> None:
        for ws in self.clients:
            await ws.close()
        await self.hub.stop()


MakeHub = Callable[..., Awaitable[HubHarness]]


async def start_harness(library: Library, programme: str, data: Path, **config: Any) -> HubHarness:
    """A new session of `programme`, stored in `data`, served by a started hub on
    127.0.0.1:0 (with `config` for its `HubConfig`); the caller closes it."""
    store = SessionStore.open(data)
    controller, _ = Controller.new(programme, library, TODAY, store)
    hub = Hub(controller, HubKeys.new(), HubConfig(host="127.0.0.1", port=0, **config))
    await hub.start()
    return HubHarness(hub)


@pytest.fixture
async def make_hub(engine_paths: list[Path], tmp_path: Path) -> AsyncIterator[MakeHub]:
    """Start hubs on 127.0.0.1:0 with the engine test programme; all stop after the test."""
    started: list[HubHarness] = []

    async def make(**config: Any) -> HubHarness:
        library = load_checked(engine_paths)
        data = tmp_path / f"data{len(started)}"
        harness = await start_harness(library, "motorproef", data, **config)
        started.append(harness)
        return harness

    yield make
    for harness in started:
        await harness.close()


@pytest.fixture
async def hub(make_hub: MakeHub) -> HubHarness:
    return await make_hub()
