"""The hub under attack, with a real hub on 127.0.0.1 and real clients (issue 10).

Altered tokens, join floods, idle sockets, ping floods, odd frames and DNS-rebinding pages:
each must leave real phones able to join and vote, and leave no traceback in the log.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import struct
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import InvalidStatus

from tests.hub.conftest import TIMEOUT, HubHarness, MakeHub, receive, state_where
from workshop.decks import load_checked
from workshop.engine.record import restore, to_record
from workshop.hub.keys import HubKeys
from workshop.hub.net import raise_open_file_limit
from workshop.hub.server import Hub, HubConfig
from workshop.session import HubOptions, close_session, open_session, start_hub, url_host
from workshop.session.controller import Controller
from workshop.store import SessionStore

DILEMMA = 1


async def open_round(hub: HubHarness) -> tuple[Any, int]:
    boss = await hub.facilitator()
    await hub.command(boss, "go_to", index=DILEMMA)
    await hub.command(boss, "open_voting")
    state = await state_where(boss, lambda s: s["round"] and s["round"]["phase"] == "open")
    return boss, state["round"]["id"]


async def phone_votes(hub: HubHarness, round_id: int, token: str | None = None) -> str:
    """A real phone joins and votes; returns its token."""
    ws, welcome = await hub.phone(token)
    await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": "B"}))
    await receive(ws, "ack", choice="B")
    return str(welcome["token"])


class RawSocket:
    """A WebSocket opened by hand: the handshake, then only what the test writes."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(
        cls,
        port: int,
        headers: dict[str, str] | None = None,
        source: str | None = None,
        receive_buffer: int | None = None,
        target: str = "127.0.0.1",
    ) -> tuple[RawSocket, int, bytes]:
        """(socket, HTTP status, response head) after the upgrade request."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if receive_buffer is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        if source is not None:
            sock.bind((source, 0))
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, (target, port))
        reader, writer = await asyncio.open_connection(sock=sock)
        fields = {
            "Host": f"{target}:{port}",
            "Upgrade": "websocket",
            "Connection": "Upgrade",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            "Sec-WebSocket-Version": "13",
            **(headers or {}),
        }
        head = "".join(f"{k}: {v}\r\n" for k, v in fields.items())
        writer.write(f"GET /ws HTTP/1.1\r\n{head}\r\n".encode())
        response = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), TIMEOUT)
        status = int(response.split(b" ", 2)[1])
        return cls(reader, writer), status, response

    async def closed_by_peer(self, within: float) -> bool:
        """True when the hub ends the connection (close frame or EOF) within `within` s."""
        try:
            async with asyncio.timeout(within):
                while True:
                    data = await self.reader.read(4096)
                    if not data or b"\x88" in data[:1]:
                        return True
        except TimeoutError:
            return False
        except ConnectionError:
            return True

    def close(self) -> None:
        self.writer.transport.abort()


def masked_frame(opcode: int, payload: bytes) -> bytes:
    """A client frame (clients must mask), FIN set, payload under 126 bytes."""
    mask = os.urandom(4)
    body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return struct.pack("!BB", 0x80 | opcode, 0x80 | len(payload)) + mask + body


# ---------------------------------------------------------------------- tokens


def variants(token: str) -> list[str]:
    nonce, _, mac = token.partition(".")
    return [
        f"{token}.",
        f"{token}=",
        f"{token}==",
        f"{token}!!",
        f"{token}A",
        f" {token}",
        token.swapcase(),
        token.upper(),
        f"{nonce}=.{mac}",
        f"{nonce}.{mac}\n",
        token.replace("-", "+").replace("_", "/"),
    ]


async def test_altered_tokens_are_fresh_joins_refused_while_locked(hub: HubHarness) -> None:
    boss, round_id = await open_round(hub)
    token = await phone_votes(hub, round_id)
    await hub.command(boss, "set_locked", locked=True)
    await state_where(boss, lambda s: s["session"]["locked"])
    ws = await hub.connect()
    for altered in variants(token):
        if altered == token:
            continue
        await ws.send(json.dumps({"type": "join", "code": hub.hub.keys.code, "token": altered}))
        error = await receive(ws, "error")
        assert error["code"] == "joining_locked", altered
    await ws.send(json.dumps({"type": "join", "code": hub.hub.keys.code, "token": token}))
    assert (await receive(ws, "welcome"))["answer"] == "B"  # the real token still returns
    assert len(hub.hub.controller.session.rounds[-1].answers) == 1


async def test_altered_tokens_never_act_as_the_original(hub: HubHarness) -> None:
    _, round_id = await open_round(hub)
    token = await phone_votes(hub, round_id)
    for altered in variants(token):
        if altered == token:
            continue
        _, welcome = await hub.phone(altered)
        # a freshly issued token: neither the original nor the altered string counts
        assert welcome["token"] not in (token, altered), altered
        assert welcome["answer"] is None


# ---------------------------------------------------------------------- join floods


async def test_join_flood_never_locks_real_phones_out(hub: HubHarness) -> None:
    """4,000 join/leave cycles (the old bound was twice the capacity), then a phone votes."""
    boss, round_id = await open_round(hub)
    await boss.close()  # it would not read the thousands of states the flood causes
    code = hub.hub.keys.code

    join = masked_frame(0x1, json.dumps({"type": "join", "code": code}).encode())

    async def cycles(count: int) -> None:
        for number in range(count):
            raw, status, _ = await RawSocket.open(hub.hub.port)
            assert status == 101
            raw.writer.write(join)
            seen = b""
            while b'"welcome"' not in seen:
                seen += await asyncio.wait_for(raw.reader.read(4096), TIMEOUT)
            if number % 2:
                raw.close()  # gone without a word, as a phone whose battery died
            else:
                raw.writer.write(masked_frame(0x8, struct.pack("!H", 1000)))
                await raw.writer.drain()
                raw.close()

    async with asyncio.timeout(180):
        await asyncio.gather(*(cycles(200) for _ in range(20)))
    session = hub.hub.controller.session
    assert session.participant_count == 0 and len(session.participants) == 0
    await phone_votes(hub, round_id)
    assert session.participant_count == 1


async def test_stored_count_does_not_keep_phones_out_after_resume(
    engine_paths: list[Path], tmp_path: Path
) -> None:
    library = load_checked(engine_paths)
    store = SessionStore.open(tmp_path)
    controller, _ = Controller.new("motorproef", library, date(2026, 11, 30), store)
    record = to_record(controller.session)
    record["participants"] = 50_000  # a count from before the restart, above every bound
    session, _ = restore(record, library.programme("motorproef"), library)
    hub = Hub(Controller(session, store), HubKeys.new(), HubConfig(host="127.0.0.1", port=0))
    await hub.start()
    harness = HubHarness(hub)
    try:
        _, round_id = await open_round(harness)
        await phone_votes(harness, round_id)
        assert session.participant_count == 50_000  # the honest count for the record
    finally:
        await harness.close()


# ---------------------------------------------------------------------- idle sockets


async def test_idle_sockets_are_dropped_and_a_phone_gets_in(make_hub: MakeHub) -> None:
    """2,000 sockets that never join fill every place the hub has (phones and spare); they
    are dropped after `join_timeout`, and a real phone retrying as the page does gets in."""
    raise_open_file_limit(16384)
    hub = await make_hub(
        join_timeout=10.0, per_address=100_000, capacity=1930, spare_connections=70
    )
    boss, round_id = await open_round(hub)  # one of the 2,000 places
    await boss.close()
    idle: list[RawSocket] = []
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(60):
            for _ in range(0, 2000, 250):
                opened = await asyncio.gather(*(RawSocket.open(hub.hub.port) for _ in range(250)))
                idle += [raw for raw, status, _ in opened if status == 101]
        assert len(idle) == 2000  # held: the hub's places are all taken
        with pytest.raises(InvalidStatus) as full:
            await hub.phone()
        assert full.value.response.status_code == 503
        refused_at = loop.time()
        while True:  # a real phone retries as the page does, until it is let in
            try:
                ws, _ = await hub.phone()
                break
            except InvalidStatus as refused:
                assert refused.response.status_code == 503
                assert loop.time() - refused_at < 20, "idle sockets kept the phone out"
                await asyncio.sleep(0.2)
        await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": "A"}))
        await receive(ws, "ack")
        assert all(await asyncio.gather(*(raw.closed_by_peer(5) for raw in idle[:50])))
    finally:
        for raw in idle:
            raw.close()


async def test_connections_per_address_are_bounded(make_hub: MakeHub) -> None:
    hub = await make_hub(per_address=20)
    _, round_id = await open_round(hub)  # the facilitator is one connection from 127.0.0.1
    held = []
    try:
        for _ in range(20):
            raw, status, _ = await RawSocket.open(hub.hub.port, source="127.0.0.2")
            assert status == 101
            held.append(raw)
        refused, status, head = await RawSocket.open(hub.hub.port, source="127.0.0.2")
        refused.close()
        assert status == 503 and b"Retry-After" in head
        await phone_votes(hub, round_id)  # another address is not affected
    finally:
        for raw in held:
            raw.close()


# ---------------------------------------------------------------------- ping floods


async def test_a_client_that_pings_and_never_reads_is_cut_off(make_hub: MakeHub) -> None:
    hub = await make_hub()
    limits = hub.hub.config
    raw, status, _ = await RawSocket.open(hub.hub.port, receive_buffer=4096)
    assert status == 101
    ping = masked_frame(0x9, b"p" * 125)
    batch = ping * 500  # 65 kB of pings
    sent, largest = 0, 0
    try:
        while sent < 64 * 1024 * 1024:
            raw.writer.write(batch)
            await asyncio.wait_for(raw.writer.drain(), TIMEOUT)
            sent += len(batch)
            await asyncio.sleep(0)
            buffers = [ws.transport.get_write_buffer_size() for ws in hub.hub.clients]
            largest = max([largest, *buffers])
            if not hub.hub.clients:
                break
    except (ConnectionError, TimeoutError):
        pass
    finally:
        raw.close()
    assert not hub.hub.clients, f"still connected after {sent} bytes of pings"
    assert largest <= limits.write_cutoff + 512 * 1024
    assert sent < 16 * 1024 * 1024


# ---------------------------------------------------------------------- odd frames

ODD_PHONE_FRAMES = [
    ("surrogate code", '{"type": "join", "code": "\\ud800"}', "bad_field"),
    ("surrogate in code", '{"type": "join", "code": "AB\\udfffCD"}', "bad_field"),
    ("surrogate token", '{"type": "join", "code": "ABCDEF", "token": "\\ud800"}', "bad_field"),
    ("surrogate key", '{"type": "facilitate", "key": "\\ud800"}', "bad_field"),
    ("surrogate choice", '{"type": "vote", "round": 1, "choice": "\\ud83d"}', "bad_field"),
    ("surrogate text", '{"type": "text", "round": 1, "text": "a\\udc00"}', "bad_field"),
    ("code is a number", '{"type": "join", "code": 123456}', "bad_field"),
    ("token is a list", '{"type": "join", "code": "ABCDEF", "token": []}', "bad_field"),
    ("round is a float", '{"type": "vote", "round": 1.5, "choice": "A"}', "bad_field"),
    ("round is huge", '{"type": "vote", "round": 1e400, "choice": "A"}', "bad_field"),
    ("deep nesting", '{"type": "join", "code": ' + "[" * 1500 + "]" * 1500 + "}", "bad_json"),
    ("NaN", '{"type": "vote", "round": NaN, "choice": "A"}', "bad_field"),
    ("null type", '{"type": null}', "unknown_type"),
    ("binary junk", b"\xff\xfe\x00", "bad_json"),
]


@pytest.mark.parametrize(
    ("frame", "code"), [c[1:] for c in ODD_PHONE_FRAMES], ids=[c[0] for c in ODD_PHONE_FRAMES]
)
async def test_odd_phone_frames_get_an_error_and_no_traceback(
    hub: HubHarness, caplog: pytest.LogCaptureFixture, frame: str | bytes, code: str
) -> None:
    caplog.set_level(logging.DEBUG)
    ws = await hub.connect()
    await ws.send(frame)
    error = await receive(ws, "error")
    assert error["code"] in (code, "bad_json", "too_large")
    await ws.send(json.dumps({"type": "join", "code": hub.hub.keys.code}))
    await receive(ws, "welcome")  # the connection stays open
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


ODD_COMMANDS = [
    ("arg called name", "go_to", {"name": "x"}),
    ("arg called self", "go_to", {"self": 1}),
    ("name and self", "save_note", {"text": "x", "name": "y", "self": "z"}),
    ("arg called args", "set_locked", {"args": True}),
    ("surrogate arg value", "save_note", {"text": "\ud800"}),
    ("negative index", "remove_agenda", {"index": -1}),
    ("huge index", "go_to", {"index": 10**9}),
    ("bool for an int", "go_to", {"index": True}),
    ("unknown text id", "moderate", {"text_id": -5, "approve": True}),
]


@pytest.mark.parametrize(
    ("name", "args"), [c[1:] for c in ODD_COMMANDS], ids=[c[0] for c in ODD_COMMANDS]
)
async def test_odd_facilitator_commands_get_an_error_and_no_traceback(
    hub: HubHarness, caplog: pytest.LogCaptureFixture, name: str, args: dict[str, Any]
) -> None:
    caplog.set_level(logging.DEBUG)
    boss = await hub.facilitator()
    frame = json.dumps({"type": "command", "name": name, "args": args})  # \ud800 as an escape
    await boss.send(frame)
    error = await receive(boss, "error")
    assert error["code"] in (
        "bad_arguments",
        "bad_field",
        "no_such_item",
        "unknown_text",
        "unknown_agenda_item",
    )
    await hub.command(boss, "next_item")
    await state_where(boss, lambda s: s["item"]["index"] == 1)  # still open, still obeyed
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


# ---------------------------------------------------------------------- origin


async def test_dns_rebinding_origin_is_refused(make_hub: MakeHub) -> None:
    hub = await make_hub(served_hosts=("192.0.2.7",), public_url="https://stem.example.nl")
    port = hub.hub.port
    evil = f"evil.example:{port}"
    raw, status, _ = await RawSocket.open(port, headers={"Host": evil, "Origin": f"http://{evil}"})
    raw.close()
    assert status == 403
    allowed = [
        {},  # no Origin: a tool, not a browser page
        {"Origin": f"http://127.0.0.1:{port}"},
        {"Origin": f"http://localhost:{port}"},
        {"Origin": f"http://192.0.2.7:{port}"},  # the address the hub printed
        {"Origin": "https://stem.example.nl"},  # --url
        {"Host": f"10.1.2.3:{port}", "Origin": f"http://10.1.2.3:{port}"},  # an IP literal
    ]
    for headers in allowed:
        raw, status, _ = await RawSocket.open(port, headers=headers)
        raw.close()
        assert status == 101, headers
    refused = [
        {"Origin": f"http://192.0.2.7:{port + 1}"},
        {"Origin": "http://stem.example.nl"},
        {"Origin": "null"},
        {
            "Host": f"localhost.evil.example:{port}",
            "Origin": f"http://localhost.evil.example:{port}",
        },
    ]
    for headers in refused:
        raw, status, _ = await RawSocket.open(port, headers=headers)
        raw.close()
        assert status == 403, headers


async def test_start_up_serves_the_announced_address_and_no_other_name(tmp_path: Path) -> None:
    """`start_hub` hands the printed address to the hub: a page from it may connect even
    when the browser names the host differently; a rebinding name may not."""
    options = HubOptions(programme="fractie-start", host="127.0.0.2", port=0, data=tmp_path)
    opened = open_session(options, date(2026, 11, 30))
    hub = await start_hub(opened, options)
    try:
        port = hub.port
        assert hub.config.served_hosts == (url_host(options),) == ("127.0.0.2",)
        ours = {"Host": f"workshop.lan:{port}", "Origin": f"http://127.0.0.2:{port}"}
        evil = {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"}
        for headers, expected in ((ours, 101), (evil, 403)):
            raw, status, _ = await RawSocket.open(port, headers=headers, target="127.0.0.2")
            raw.close()
            assert status == expected, headers
    finally:
        await close_session(hub, opened)


async def test_behind_a_proxy_the_per_address_bound_is_the_capacity(tmp_path: Path) -> None:
    options = HubOptions(
        programme="fractie-start",
        host="127.0.0.1",
        port=0,
        data=tmp_path,
        url="https://stem.example.nl",
        capacity=500,
    )
    opened = open_session(options, date(2026, 11, 30))
    hub = await start_hub(opened, options)
    try:
        assert hub.config.per_address == 500
        raw, status, _ = await RawSocket.open(
            hub.port, headers={"Origin": "https://stem.example.nl"}
        )
        raw.close()
        assert status == 101
    finally:
        await close_session(hub, opened)
