"""One write per phone per tick: a vote's ack waits for the tick and leaves with the state."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from tests.hub.conftest import TIMEOUT, MakeHub, receive, state_where

NEVER = 3600.0
"""A tick interval the test never reaches: the test sends the state itself, when it wants."""


async def opened_round(hub: Any) -> tuple[Any, int]:
    boss = await hub.facilitator()
    await hub.command(boss, "go_to", index=1)
    await hub.command(boss, "open_voting")
    state = await state_where(boss, lambda s: s["round"] and s["round"]["phase"] == "open")
    return boss, state["round"]["id"]


async def until(check: Any) -> None:
    async with asyncio.timeout(TIMEOUT):
        while not check():
            await asyncio.sleep(0.005)


async def test_the_ack_leaves_with_the_next_state_and_only_for_the_last_answer(
    make_hub: MakeHub,
) -> None:
    hub = await make_hub(broadcast_interval=NEVER)
    _, round_id = await opened_round(hub)
    hub.hub.send_state()  # the phone must see the open round before it votes
    ws, _ = await hub.phone()
    for choice in ("A", "B"):
        await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": choice}))
    round_ = hub.hub.controller.session.current_round
    await until(lambda: round_ is not None and round_.answers and "B" in round_.answers.values())
    hub.hub.send_state()
    first = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
    second = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
    assert first == {"type": "ack", "round": round_id, "choice": "B"}  # one ack, the last one
    assert second["type"] == "state" and second["voted"] == 1
    hub.hub.send_state()  # the next tick has no ack left for this phone
    assert json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))["type"] == "state"


async def test_every_phone_gets_its_own_ack_and_the_same_state(make_hub: MakeHub) -> None:
    hub = await make_hub()
    _, round_id = await opened_round(hub)
    phones = [(await hub.phone())[0] for _ in range(5)]
    for ws, choice in zip(phones, "ABCAB", strict=True):
        await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": choice}))
    for ws, choice in zip(phones, "ABCAB", strict=True):
        ack = await receive(ws, "ack")
        assert ack["choice"] == choice
        state = await state_where(ws, lambda s: s["voted"] == 5)
        assert state["round"]["id"] == round_id
