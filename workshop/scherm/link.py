"""The room's screen's link to the hub: find it, connect as `scherm`, follow, reconnect.

Runs as a worker on the app's loop and posts `RoomState` / `LinkLost`; it never touches the
screen itself.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

from textual.message import Message
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from workshop.hub.live import read_live
from workshop.i18n import t
from workshop.scherm.messages import LinkLost, RoomState

RETRY_SECONDS = 1.0
OPEN_TIMEOUT = 5.0


async def follow(data_dir: Path, post: Callable[[Message], object]) -> None:
    """Follow the live session of `data_dir` until cancelled, reconnecting after any loss."""
    while True:
        live = read_live(data_dir)
        if live is None:
            post(LinkLost(t("scherm.no_session", folder=data_dir)))
            await asyncio.sleep(RETRY_SECONDS)
            continue
        try:
            await _follow_once(live.host, live.port, live.screen_key, post)
        except (OSError, ConnectionClosed, InvalidHandshake, TimeoutError):
            pass
        except _Refused as refused:
            post(LinkLost(t("scherm.refused", reason=refused.reason)))
            await asyncio.sleep(RETRY_SECONDS * 3)
            continue
        post(LinkLost(t("scherm.reconnecting")))
        await asyncio.sleep(RETRY_SECONDS)


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


async def _follow_once(host: str, port: int, key: str, post: Callable[[Message], object]) -> None:
    async with connect(
        f"ws://{host}:{port}/ws", open_timeout=OPEN_TIMEOUT, compression=None
    ) as websocket:
        await websocket.send(json.dumps({"type": "scherm", "key": key}))
        async for frame in websocket:
            message = json.loads(frame)
            kind = message.get("type")
            if kind == "state":
                message.pop("type")
                post(RoomState(message))
            elif kind == "error":
                raise _Refused(str(message.get("message", message.get("code"))))
