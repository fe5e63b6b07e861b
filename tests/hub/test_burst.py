"""A hall voting at once: the hub counts the burst first and then sends the count once.

Real hubs on 127.0.0.1 with real websockets clients. The facilitator receives every
broadcast, so the states it sees are the broadcasts the hub made.
"""

from __future__ import annotations

import asyncio
import gc
import json
from typing import Any

from tests.hub.conftest import TIMEOUT, HubHarness, MakeHub, state_where
from tests.hub.test_hub import DILEMMA, open_round

PHONES = 120
SPACING = 0.004
"""Seconds between two votes of the burst: 250 a second, far above the test's burst rate,
so even a slow machine (a tenth of the pace) is still in a burst; the burst spans several
ticks, so a hub that sent half-counts would send several."""
BURST = {"burst_rate": 40.0, "burst_window": 0.1}
"""A burst is 4 or more frames in 0.1 s."""


async def counts_seen(boss: Any, until: int, seen: list[int]) -> None:
    """Collect the vote counts of the facilitator's states until one shows `until`."""
    while True:
        message = json.loads(await boss.recv())
        if message["type"] == "state" and message["round"]:
            seen.append(message["voted"])
            if message["voted"] >= until:
                return


async def vote_in_a_stream(phones: list[Any], round_id: int) -> None:
    for ws, _ in phones:
        await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": "A"}))
        await asyncio.sleep(SPACING)


async def test_a_burst_is_counted_before_its_count_is_sent(make_hub: MakeHub) -> None:
    hub: HubHarness = await make_hub(**BURST, burst_hold=5.0)
    boss, round_id = await open_round(hub, DILEMMA)
    phones = [await hub.phone() for _ in range(PHONES)]
    await state_where(boss, lambda s: s["connected"] == PHONES)
    seen: list[int] = []
    watching = asyncio.create_task(counts_seen(boss, PHONES, seen))
    started = hub.hub.broadcasts
    await vote_in_a_stream(phones, round_id)
    await asyncio.wait_for(watching, TIMEOUT)
    # Half a second of votes spans five ticks; the count goes out when the burst is over
    # (one early state may slip out before the hub has seen that a burst began).
    halfway = [count for count in seen if 0 < count < PHONES]
    assert len(halfway) <= 1, seen
    assert seen[-1] == PHONES
    assert hub.hub.broadcasts - started <= 2


async def test_a_burst_that_goes_on_still_gets_a_count_now_and_then(
    make_hub: MakeHub,
) -> None:
    hub: HubHarness = await make_hub(**BURST, burst_hold=0.15)
    boss, round_id = await open_round(hub, DILEMMA)
    phones = [await hub.phone() for _ in range(PHONES)]
    await state_where(boss, lambda s: s["connected"] == PHONES)
    seen: list[int] = []
    watching = asyncio.create_task(counts_seen(boss, PHONES, seen))
    await vote_in_a_stream(phones, round_id)
    await asyncio.wait_for(watching, TIMEOUT)
    # The hold is bounded: during half a second of votes the room saw counts on the way.
    assert [count for count in seen if 0 < count < PHONES], seen


async def test_objects_are_frozen_for_the_collector_only_while_voting(
    make_hub: MakeHub,
) -> None:
    hub: HubHarness = await make_hub()
    phone, _ = await hub.phone()  # a phone gets the room's broadcasts (the facilitator gets
    assert gc.get_freeze_count() == 0  # its own answer to a command at once)

    def phase(name: str) -> Any:
        return lambda s: (s["round"] or {}).get("phase") == name

    boss, _ = await open_round(hub, DILEMMA)
    await state_where(phone, phase("open"))
    assert gc.get_freeze_count() > 0  # frozen before the room was told to vote
    await hub.command(boss, "close_voting")
    await state_where(phone, phase("closed"))
    assert gc.get_freeze_count() == 0
    await hub.command(boss, "revote")
    await state_where(phone, phase("open"))
    assert gc.get_freeze_count() > 0
    await hub.hub.stop()  # a hub that stops hands everything back
    assert gc.get_freeze_count() == 0
