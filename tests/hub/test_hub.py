"""The hub over a real network connection: join, vote, revote, reconnect, limits, errors."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.hub.conftest import TIMEOUT, HubHarness, MakeHub, receive, state_where

DILEMMA, SCALE, OPEN = 1, 2, 3


async def open_round(hub: HubHarness, item: int) -> tuple[Any, int]:
    """A facilitator who went to `item` and opened voting; returns (ws, round id)."""
    boss = await hub.facilitator()
    await hub.command(boss, "go_to", index=item)
    await hub.command(boss, "open_voting")
    state = await state_where(
        boss, lambda s: s["item"]["index"] == item and s["round"]["phase"] == "open"
    )
    return boss, state["round"]["id"]


async def test_join_gives_token_and_state(hub: HubHarness) -> None:
    ws, welcome = await hub.phone()
    assert welcome["role"] == "participant" and welcome["answer"] is None
    assert hub.hub.issuer.verify(welcome["token"])
    boss = await hub.facilitator()
    await hub.command(boss, "next_item")
    state = await state_where(ws, lambda s: s["round"] is not None)
    assert state["round"]["question"]["type"] == "keuze"
    assert [o["key"] for o in state["round"]["question"]["options"]] == ["A", "B", "C"]
    assert state["connected"] == 1
    assert state["joined"] == 0  # a participant from its first vote or text on


async def test_typed_code_is_forgiving_about_case_and_spaces(hub: HubHarness) -> None:
    ws = await hub.connect()
    code = hub.hub.keys.code
    await ws.send(json.dumps({"type": "join", "code": f" {code[:3].lower()} {code[3:]} "}))
    assert (await receive(ws, "welcome"))["role"] == "participant"


async def test_vote_ack_change_and_count(hub: HubHarness) -> None:
    boss, round_id = await open_round(hub, DILEMMA)
    ws, _ = await hub.phone()
    await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": "A"}))
    assert await receive(ws, "ack") == {"type": "ack", "round": round_id, "choice": "A"}
    await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": "C"}))
    await receive(ws, "ack", choice="C")
    state = await state_where(boss, lambda s: s["voted"] == 1)
    assert state["results"] is None  # blind: even the facilitator sees nothing while open
    assert hub.hub.controller.session.rounds[-1].answers == {
        next(iter(hub.hub.controller.session.participants)): "C"
    }


async def test_revote_and_shift_reach_the_facilitator(hub: HubHarness) -> None:
    boss, first = await open_round(hub, DILEMMA)
    phones = [await hub.phone() for _ in range(4)]
    for (ws, _), answer in zip(phones, "AABB", strict=True):
        await ws.send(json.dumps({"type": "vote", "round": first, "choice": answer}))
        await receive(ws, "ack")
    await hub.command(boss, "close_voting")
    await hub.command(boss, "reveal")
    revealed = await state_where(phones[0][0], lambda s: s["round"]["phase"] == "revealed")
    assert revealed["results"]["counts"] == [["A", 2], ["B", 2], ["C", 0]]
    await hub.command(boss, "revote")
    second_state = await state_where(phones[0][0], lambda s: s["round"]["attempt"] == 2)
    second = second_state["round"]["id"]
    for (ws, _), answer in zip(phones, "ACCB", strict=True):
        await ws.send(json.dumps({"type": "vote", "round": second, "choice": answer}))
        await receive(ws, "ack")
    await hub.command(boss, "close_voting")
    final = await state_where(
        boss, lambda s: s["round"]["attempt"] == 2 and s["round"]["phase"] == "closed"
    )
    assert final["shift"] == {"compared": 4, "changed": 2, "moves": [["A", "C", 1], ["B", "C", 1]]}


async def test_reconnect_with_same_token_keeps_one_vote(hub: HubHarness) -> None:
    boss, round_id = await open_round(hub, DILEMMA)
    ws, welcome = await hub.phone()
    await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": "B"}))
    await receive(ws, "ack")
    await ws.close()
    again, second_welcome = await hub.phone(token=welcome["token"])
    assert second_welcome["token"] == welcome["token"]
    assert second_welcome["answer"] == "B"
    await again.send(json.dumps({"type": "vote", "round": round_id, "choice": "A"}))
    await receive(again, "ack")
    state = await state_where(boss, lambda s: s["voted"] == 1 and s["connected"] == 1)
    assert state["joined"] == 1


async def test_forged_token_gets_a_new_one(hub: HubHarness) -> None:
    _, welcome = await hub.phone(token="AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAA")
    assert welcome["token"] != "AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAA"
    assert hub.hub.issuer.verify(welcome["token"])


async def test_capacity_answers_503_with_retry_after(make_hub: MakeHub) -> None:
    hub = await make_hub(capacity=1, spare_connections=1)
    await hub.connect()
    await hub.connect()
    with pytest.raises(InvalidStatus) as refused:
        await connect(hub.url, open_timeout=TIMEOUT)
    assert refused.value.response.status_code == 503
    assert refused.value.response.headers["Retry-After"] == "10"


async def test_origin_must_match_host(hub: HubHarness) -> None:
    with pytest.raises(InvalidStatus) as refused:
        await connect(hub.url, origin="http://evil.example", open_timeout=TIMEOUT)  # type: ignore[arg-type]
    assert refused.value.response.status_code == 403
    same = await hub.connect(origin=f"http://127.0.0.1:{hub.hub.port}")
    await same.send(json.dumps({"type": "join", "code": hub.hub.keys.code}))
    await receive(same, "welcome")


async def test_rate_limit_then_recovers(make_hub: MakeHub) -> None:
    hub = await make_hub(rate_burst=5, rate_per_second=0.5)
    ws = await hub.connect()
    for _ in range(12):
        await ws.send("{}")
    codes = [(await receive(ws, "error"))["code"] for _ in range(12)]
    assert codes.count("unknown_type") == 5
    assert codes.count("rate_limited") == 7
    await asyncio.sleep(2.2)  # one token back
    await ws.send(json.dumps({"type": "join", "code": hub.hub.keys.code}))
    await receive(ws, "welcome")


async def test_flooding_closes_the_connection(make_hub: MakeHub) -> None:
    hub = await make_hub(rate_burst=2, rate_per_second=0.5, abuse_limit=5)
    ws = await hub.connect()
    with pytest.raises(ConnectionClosed) as closed:
        for _ in range(50):
            await ws.send("{}")
            await asyncio.sleep(0)
        await asyncio.wait_for(ws.wait_closed(), TIMEOUT)
        await ws.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008


BAD_FRAMES = [
    ("not json", "{nope", "bad_json"),
    ("a list", "[1, 2]", "not_object"),
    ("unknown type", '{"type": "dance"}', "unknown_type"),
    ("unknown field", '{"type": "vote", "round": 1, "choice": "A", "x": 1}', "unknown_field"),
    ("missing field", '{"type": "vote", "round": 1}', "missing_field"),
    ("bad field", '{"type": "vote", "round": "1", "choice": "A"}', "bad_field"),
    ("too large", json.dumps({"type": "text", "round": 1, "text": "x" * 5000}), "too_large"),
    ("vote before join", '{"type": "vote", "round": 1, "choice": "A"}', "not_joined"),
    ("command without key", '{"type": "command", "name": "reveal"}', "not_facilitator"),
    ("wrong join code", '{"type": "join", "code": "XXXXXX"}', "wrong_code"),
    ("non-ASCII join code", '{"type": "join", "code": "ÄBCDEF"}', "wrong_code"),
]


@pytest.mark.parametrize(
    ("frame", "code"), [c[1:] for c in BAD_FRAMES], ids=[c[0] for c in BAD_FRAMES]
)
async def test_bad_frames_get_an_error_and_the_server_goes_on(
    hub: HubHarness, frame: str, code: str
) -> None:
    ws = await hub.connect()
    await ws.send(frame)
    error = await receive(ws, "error")
    assert error["code"] == code
    assert error["message"] and error["message"] != code  # a message for people, in Dutch
    await ws.send(json.dumps({"type": "join", "code": hub.hub.keys.code}))
    await receive(ws, "welcome")


DOMAIN_ERRORS = [
    ("vote in a shown round", False, lambda r: {"round": r, "choice": "A"}, "round_not_open"),
    ("vote for another round", True, lambda r: {"round": r + 7, "choice": "A"}, "wrong_round"),
    ("unknown option", True, lambda r: {"round": r, "choice": "Z"}, "unknown_option"),
    ("number for a choice", True, lambda r: {"round": r, "choice": 2}, "wrong_answer_type"),
]


@pytest.mark.parametrize(
    ("opened", "vote", "code"), [c[1:] for c in DOMAIN_ERRORS], ids=[c[0] for c in DOMAIN_ERRORS]
)
async def test_domain_errors_reach_the_phone(
    hub: HubHarness, opened: bool, vote: Any, code: str
) -> None:
    boss = await hub.facilitator()
    await hub.command(boss, "go_to", index=DILEMMA)
    if opened:
        await hub.command(boss, "open_voting")
    state = await state_where(
        boss, lambda s: s["round"] and s["round"]["phase"] == ("open" if opened else "shown")
    )
    ws, _ = await hub.phone()
    await ws.send(json.dumps({"type": "vote", **vote(state["round"]["id"])}))
    error = await receive(ws, "error")
    assert error["code"] == code


async def test_scale_out_of_range_and_text_too_long(hub: HubHarness) -> None:
    boss, round_id = await open_round(hub, SCALE)
    ws, _ = await hub.phone()
    await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": 9}))
    assert (await receive(ws, "error"))["code"] == "out_of_range"
    await hub.command(boss, "go_to", index=OPEN)
    await hub.command(boss, "open_voting")
    state = await state_where(
        ws, lambda s: s["round"] and s["round"]["phase"] == "open" and s["item"]["index"] == OPEN
    )
    await ws.send(json.dumps({"type": "text", "round": state["round"]["id"], "text": "x" * 281}))
    assert (await receive(ws, "error"))["code"] == "text_too_long"


async def test_open_text_goes_to_moderation(hub: HubHarness) -> None:
    boss, round_id = await open_round(hub, OPEN)
    ws, _ = await hub.phone()
    await ws.send(json.dumps({"type": "text", "round": round_id, "text": "Bel 06-12345678"}))
    assert (await receive(ws, "ack"))["text"] is True
    state = await state_where(boss, lambda s: bool(s["pending_texts"]))
    (pending,) = state["pending_texts"]
    assert pending["text"] == "Bel [telefoonnummer]"
    await hub.command(boss, "moderate", text_id=pending["id"], approve=True)
    approved = await state_where(boss, lambda s: bool(s["approved_texts"]))
    assert approved["approved_texts"] == ["Bel [telefoonnummer]"]


async def test_facilitator_errors(hub: HubHarness) -> None:
    boss = await hub.facilitator()
    await hub.command(boss, "cast_vote", token="x", round_id=1, answer="A")
    assert (await receive(boss, "error"))["code"] == "unknown_command"
    await hub.command(boss, "reveal")
    assert (await receive(boss, "error"))["code"] == "no_question"
    await hub.command(boss, "go_to", where=3)
    assert (await receive(boss, "error"))["code"] == "bad_arguments"
    for name, args in (
        ("go_to", {"index": "x"}),
        ("set_locked", {"locked": "false"}),
        ("moderate", {"text_id": 1, "approve": "false"}),
        ("save_note", {"text": None}),
    ):
        await hub.command(boss, name, **args)
        assert (await receive(boss, "error"))["code"] == "bad_arguments", name
    assert hub.hub.controller.session.locked is False
    await hub.command(boss, "start")
    assert (await receive(boss, "error"))["code"] == "unknown_command"


async def test_wrong_facilitator_key_slows_down_and_closes(hub: HubHarness) -> None:
    ws = await hub.connect()
    loop = asyncio.get_running_loop()
    started = loop.time()
    for _ in range(3):
        await ws.send(json.dumps({"type": "facilitate", "key": "raden"}))
        assert (await receive(ws, "error"))["code"] == "wrong_key"
    assert loop.time() - started >= 0.5 + 1.0 + 2.0 - 0.1
    await asyncio.wait_for(ws.wait_closed(), TIMEOUT)
    assert ws.close_code == 1008


async def test_a_dropped_phone_logs_no_traceback(
    hub: HubHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    ws, _ = await hub.phone()
    ws.transport.abort()  # the phone's battery died
    boss = await hub.facilitator()
    await state_where(boss, lambda s: s["connected"] == 0)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


async def test_votes_are_batched_not_sent_one_by_one(hub: HubHarness) -> None:
    boss, round_id = await open_round(hub, DILEMMA)
    phones = [await hub.phone() for _ in range(60)]
    before = hub.hub.broadcasts
    loop = asyncio.get_running_loop()
    started = loop.time()
    for ws, _ in phones:
        await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": "A"}))
    for ws, _ in phones:
        await receive(ws, "ack")
    await state_where(boss, lambda s: s["voted"] == 60)
    elapsed = loop.time() - started
    sent = hub.hub.broadcasts - before
    assert sent <= elapsed / hub.hub.config.broadcast_interval + 2
    assert sent < 60


async def test_one_connection_is_one_participant(hub: HubHarness) -> None:
    _, round_id = await open_round(hub, DILEMMA)
    ws = await hub.connect()
    for _ in range(5):
        await ws.send(json.dumps({"type": "join", "code": hub.hub.keys.code}))
        await receive(ws, "welcome")
        await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": "A"}))
        await receive(ws, "ack")
    session = hub.hub.controller.session
    assert len(session.participants) == 1 and len(session.connected) == 1
    assert len(session.rounds[-1].answers) == 1


async def test_new_tokens_are_bounded(make_hub: MakeHub) -> None:
    hub = await make_hub(max_participants=2)
    _, round_id = await open_round(hub, DILEMMA)
    for _ in range(2):  # each phone votes (so it counts) and leaves again
        ws, _ = await hub.phone()
        await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": "A"}))
        await receive(ws, "ack")
        await ws.close()
    ws = await hub.connect()
    await ws.send(json.dumps({"type": "join", "code": hub.hub.keys.code}))
    assert (await receive(ws, "error"))["code"] == "full"
    known = hub.hub.issuer.issue()
    await ws.send(json.dumps({"type": "join", "code": hub.hub.keys.code, "token": known}))
    assert (await receive(ws, "welcome"))["token"] == known  # a returning phone still gets in


async def test_locked_session_lets_a_verified_token_back(hub: HubHarness) -> None:
    session = hub.hub.controller.session
    session.set_locked(True)
    ws = await hub.connect()
    await ws.send(json.dumps({"type": "join", "code": hub.hub.keys.code}))
    assert (await receive(ws, "error"))["code"] == "joining_locked"
    # A token issued before (for example before a restart) is let back in.
    token = hub.hub.issuer.issue()
    await ws.send(json.dumps({"type": "join", "code": hub.hub.keys.code, "token": token}))
    assert (await receive(ws, "welcome"))["token"] == token


async def test_a_phone_that_also_facilitates_still_leaves(hub: HubHarness) -> None:
    _, round_id = await open_round(hub, DILEMMA)
    ws, _ = await hub.phone()
    await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": "A"}))
    await receive(ws, "ack")
    await ws.send(json.dumps({"type": "facilitate", "key": hub.hub.keys.facilitator_key}))
    await receive(ws, "welcome", role="facilitator")
    await ws.close()
    boss = await hub.facilitator()
    state = await state_where(boss, lambda s: s["connected"] == 0)
    assert state["joined"] == 1
    assert hub.hub.controller.session.connected == {}
