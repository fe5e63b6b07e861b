"""A joined phone's plain vote is counted the moment its frame is read (the hub's quick way);
everything the ordinary way answers still holds for it: the rate limit, every refusal, the
order of a phone's frames. Real hubs on 127.0.0.1, real websockets clients."""

from __future__ import annotations

import asyncio
import json

import pytest
from websockets.exceptions import ConnectionClosed

from tests.hub.conftest import TIMEOUT, MakeHub, receive, state_where
from tests.hub.test_hub import DILEMMA, SCALE, open_round


def plain(round_id: int, choice: str) -> str:
    """A vote as the phone page writes it (JSON.stringify: no spaces)."""
    return json.dumps({"type": "vote", "round": round_id, "choice": choice}, separators=(",", ":"))


async def test_plain_votes_are_rate_limited_like_any_frame(make_hub: MakeHub) -> None:
    hub = await make_hub(rate_burst=5, rate_per_second=0.5)
    _, round_id = await open_round(hub, DILEMMA)
    ws, _ = await hub.phone()  # the join took one of the five
    for _ in range(10):
        await ws.send(plain(round_id, "A"))
    refused = [await receive(ws, "error") for _ in range(6)]
    assert {error["code"] for error in refused} == {"rate_limited"}
    ack = await receive(ws, "ack")
    assert ack == {"type": "ack", "round": round_id, "choice": "A"}


async def test_a_flood_of_plain_votes_closes_the_connection(make_hub: MakeHub) -> None:
    hub = await make_hub(rate_burst=3, rate_per_second=0.5, abuse_limit=5)
    _, round_id = await open_round(hub, DILEMMA)
    ws, _ = await hub.phone()
    with pytest.raises(ConnectionClosed) as closed:
        for _ in range(50):
            await ws.send(plain(round_id, "B"))
            await asyncio.sleep(0)
        await asyncio.wait_for(ws.wait_closed(), TIMEOUT)
        await ws.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008


@pytest.mark.parametrize(
    ("choice", "round_offset", "code"),
    [("Z", 0, "unknown_option"), ("A", 1, "wrong_round")],
    ids=["an option the card lacks", "another round"],
)
async def test_a_refused_plain_vote_gets_its_error_and_uses_one_allowance(
    make_hub: MakeHub, choice: str, round_offset: int, code: str
) -> None:
    hub = await make_hub(rate_burst=4, rate_per_second=0.1)
    _, round_id = await open_round(hub, DILEMMA)
    ws, _ = await hub.phone()  # one of four taken
    await ws.send(plain(round_id + round_offset, choice))
    assert (await receive(ws, "error"))["code"] == code
    # The refused vote took one message from the bucket, not two: two more are allowed.
    await ws.send(plain(round_id, "A"))
    await ws.send(plain(round_id, "B"))
    assert (await receive(ws, "ack"))["choice"] == "B"  # acks wait for the tick: the last
    await ws.send(plain(round_id, "C"))
    assert (await receive(ws, "error"))["code"] == "rate_limited"


async def test_a_phones_frames_keep_their_order(make_hub: MakeHub) -> None:
    hub = await make_hub()
    boss, round_id = await open_round(hub, SCALE)
    ws, _ = await hub.phone()
    # A scale vote (a number: the ordinary way) and then a plain one in the same write...
    await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": 2}))
    await ws.send(plain(round_id, "4"))  # ...a key "4" is not a number: refused, in order
    assert (await receive(ws, "error"))["code"] == "wrong_answer_type"
    state = await state_where(boss, lambda s: s["voted"] == 1)
    assert state["voted"] == 1


async def test_a_vote_before_joining_is_not_taken_the_quick_way(make_hub: MakeHub) -> None:
    hub = await make_hub()
    _, round_id = await open_round(hub, DILEMMA)
    ws = await hub.connect()
    await ws.send(plain(round_id, "A"))
    assert (await receive(ws, "error"))["code"] == "not_joined"
