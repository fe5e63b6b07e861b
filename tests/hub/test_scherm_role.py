"""The room's screen (`scherm` role) over a real connection: read-only, its own key, and it
never receives what only the trainer may see.

Every frame the screen receives is kept and searched for the private strings, so the test
looks at what was actually sent, not at what a view function returns.
"""

from __future__ import annotations

import asyncio
import json
import stat
from datetime import date
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection

from tests.hub.conftest import TIMEOUT, HubHarness, receive, state_where
from workshop.hub.live import LiveHub, live_path, read_live, write_live
from workshop.session import HubOptions, close_session, open_session, start_hub

OPEN = 3
PENDING = "Nog niet gekeurd: bel de wethouder"
APPROVED = "Geen cadeaus van aannemers"
NOTE = "Notitie over de fractievoorzitter"


class ScreenClient:
    """A real websocket client in the scherm role that keeps every frame it receives."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.frames: list[str] = []

    @classmethod
    async def connect(cls, hub: HubHarness, key: str | None = None) -> ScreenClient:
        client = cls(await hub.connect())
        await client.send(type="scherm", key=key or hub.hub.keys.screen_key)
        return client

    async def send(self, **message: Any) -> None:
        await self.ws.send(json.dumps(message))

    async def next(self, kind: str) -> dict[str, Any]:
        async def wait() -> dict[str, Any]:
            while True:
                frame = str(await self.ws.recv())
                self.frames.append(frame)
                message = json.loads(frame)
                if message["type"] == kind:
                    return message  # type: ignore[no-any-return]

        return await asyncio.wait_for(wait(), TIMEOUT)

    async def state_where(self, check: Any) -> dict[str, Any]:
        while True:
            state = await self.next("state")
            if check(state):
                return state


async def test_screen_gets_the_projector_view_and_its_key_is_its_own(hub: HubHarness) -> None:
    keys = hub.hub.keys
    assert keys.screen_key != keys.facilitator_key
    screen = await ScreenClient.connect(hub)
    assert (await screen.next("welcome")) == {"type": "welcome", "role": "scherm"}
    state = await screen.next("state")
    assert state["lobby"] is True and state["blackout"] is False
    assert state["join"]["code"] == keys.code
    assert hub.hub.screen_count == 1
    # The facilitator key does not open the screen role, nor the screen key the facilitator's.
    wrong = await ScreenClient.connect(hub, key=keys.facilitator_key)
    assert (await wrong.next("error"))["code"] == "wrong_key"
    other = await hub.connect()
    await other.send(json.dumps({"type": "facilitate", "key": keys.screen_key}))
    assert (await receive(other, "error"))["code"] == "wrong_key"


async def test_screen_cannot_send_commands_votes_texts_or_join(hub: HubHarness) -> None:
    boss = await hub.facilitator()
    await hub.command(boss, "go_to", index=OPEN)
    await hub.command(boss, "open_voting")
    opened = await state_where(boss, lambda s: s["round"] and s["round"]["phase"] == "open")
    round_id = opened["round"]["id"]
    screen = await ScreenClient.connect(hub)
    await screen.next("welcome")
    attempts: list[dict[str, Any]] = [
        {"type": "command", "name": "end", "args": {}},
        {"type": "command", "name": "set_blackout", "args": {"blackout": True}},
        {"type": "vote", "round": round_id, "choice": "A"},
        {"type": "text", "round": round_id, "text": "van het scherm"},
        {"type": "join", "code": hub.hub.keys.code},
        {"type": "facilitate", "key": hub.hub.keys.facilitator_key},
    ]
    for attempt in attempts:
        await screen.send(**attempt)
        assert (await screen.next("error"))["code"] == "read_only", attempt
    session = hub.hub.controller.session
    assert not session.ended and not session.blackout
    assert session.pending_texts() == [] and session.current_round.voted == 0  # type: ignore[union-attr]
    assert len(session.connected) == 0


async def test_screen_never_receives_pending_texts_notes_or_keys(hub: HubHarness) -> None:
    screen = await ScreenClient.connect(hub)
    await screen.next("welcome")
    boss = await hub.facilitator()
    await hub.command(boss, "show_lobby", shown=False)
    await hub.command(boss, "go_to", index=OPEN)
    await hub.command(boss, "open_voting")
    state = await state_where(boss, lambda s: s["round"] and s["round"]["phase"] == "open")
    phone, welcome = await hub.phone()
    await phone.send(json.dumps({"type": "text", "round": state["round"]["id"], "text": PENDING}))
    await receive(phone, "ack")
    await hub.command(boss, "save_note", text=NOTE)
    pending = await state_where(boss, lambda s: s["pending_texts"] and s["notes"])
    await screen.state_where(lambda s: s["item"]["index"] == OPEN)
    await asyncio.sleep(0.3)  # a few broadcast ticks with the text pending and the note saved
    other, _ = await hub.phone()
    await other.send(json.dumps({"type": "text", "round": state["round"]["id"], "text": APPROVED}))
    await receive(other, "ack")
    texts = await state_where(boss, lambda s: len(s["pending_texts"]) == 2)
    approved_id = next(p["id"] for p in texts["pending_texts"] if p["text"] == APPROVED)
    await hub.command(boss, "moderate", text_id=approved_id, approve=True)
    shown = await screen.state_where(lambda s: s["texts"])
    assert shown["texts"] == [APPROVED]
    await hub.command(boss, "set_blackout", blackout=True)
    assert (await screen.state_where(lambda s: s["blackout"]))["blackout"] is True
    sent = "\n".join(screen.frames)
    keys = hub.hub.keys
    private = [PENDING, NOTE, keys.facilitator_key, keys.screen_key, keys.secret.hex()]
    private.append(welcome["token"])
    assert [secret for secret in private if secret in sent] == []
    for frame in screen.frames:
        message = json.loads(frame)
        assert not {"pending_texts", "notes", "approved_texts", "save_error"} & set(message)
    # The same search finds them in what the facilitator got: the check can fail.
    assert PENDING in json.dumps(pending) and NOTE in json.dumps(pending)


async def test_the_console_learns_when_a_screen_comes_and_goes(hub: HubHarness) -> None:
    changes: list[int] = []
    hub.hub.on_change = lambda: changes.append(hub.hub.screen_count)
    screen = await ScreenClient.connect(hub)
    await screen.next("welcome")
    await asyncio.wait_for(_until(lambda: 1 in changes), TIMEOUT)
    await screen.ws.close()
    await asyncio.wait_for(_until(lambda: changes[-1] == 0), TIMEOUT)
    # The waits above time out (and fail) unless both changes reached the console.
    assert 1 in changes and changes[-1] == 0
    assert hub.hub.screen_count == 0


async def _until(check: Any) -> None:
    while not check():
        await asyncio.sleep(0.02)


async def test_live_file_is_private_and_removed_at_stop(
    engine_paths: list[Path], tmp_path: Path
) -> None:
    programme = next(path for path in engine_paths if path.name == "motorproef.toml")
    options = HubOptions(
        programme=str(programme),
        host="127.0.0.1",
        port=0,
        data=tmp_path / "data",
        extra_decks=[path.parent for path in engine_paths],
    )
    opened = open_session(options, date(2026, 11, 30))
    hub = await start_hub(opened, options)
    try:
        path = live_path(opened.data, opened.controller.session.id)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        live = read_live(opened.data)
        assert live is not None
        assert (live.host, live.port) == ("127.0.0.1", hub.port)
        assert live.screen_key == opened.keys.screen_key != opened.keys.facilitator_key
    finally:
        await close_session(hub, opened)
    assert not path.exists() and read_live(opened.data) is None


def test_a_live_file_left_by_a_crash_is_ignored(tmp_path: Path) -> None:
    """A hub that died without removing its file: its process is gone, so no session."""
    gone = LiveHub("127.0.0.1", 9, "sleutel", "20261130-abcdef", pid=2**22 + 12345)
    write_live(tmp_path, gone)
    assert read_live(tmp_path) is None
