"""Simulated phones for load tests: a lean WebSocket client on raw asyncio sockets.

Standard library only, and independent of the hub's code: it speaks the wire protocol (join,
vote, facilitate, command; it reads `state` frames), so the same client drives our hub and a
bare websockets server side by side. One process holds thousands of phones: a phone is one
`asyncio.Protocol`, a frame is cut out with a few slices, and a phone reads a state with two
regular expressions instead of decoding it, so the client costs far less CPU than the server
it measures. Only the facilitator decodes its states as JSON.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROUND = re.compile(rb'"round":\{"id":(\d+)(?:,"attempt":\d+)?,"phase":"(\w+)"')
VOTED = re.compile(rb'"voted":(\d+)')
STATE_PREFIX = b'{"type":"state"'
ERROR_PREFIX = b'{"type":"error"'
ERROR_CODE = re.compile(rb'"code":"(\w+)"')
# Inside a JSON string a quote is escaped (\"), so these patterns only match real keys.

ZERO_MASK = b"\x00\x00\x00\x00"
"""Client frames must be masked; XOR with zeros leaves the payload as it is (any key is valid)."""


def client_frame(payload: bytes, opcode: int = 0x1) -> bytes:
    """One masked, final client frame."""
    length = len(payload)
    if length < 126:
        head = bytes((0x80 | opcode, 0x80 | length))
    elif length < 65536:
        head = bytes((0x80 | opcode, 0x80 | 126)) + length.to_bytes(2, "big")
    else:
        head = bytes((0x80 | opcode, 0x80 | 127)) + length.to_bytes(8, "big")
    return head + ZERO_MASK + payload


def message(kind: str, **fields: Any) -> bytes:
    """A protocol message as one client text frame."""
    return client_frame(json.dumps({"type": kind, **fields}).encode())


class Phone(asyncio.Protocol):
    """One simulated phone: handshake, join, vote, and the last state it saw."""

    def __init__(self, fleet: Fleet) -> None:
        self.fleet = fleet
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.upgraded = False
        self.ready: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        """How joining went: "ok" once the first state arrived; the HTTP status of a refused
        handshake ("503"); the code of an error before the first state ("full"); "closed"."""
        self.round_id = 0
        self.phase = ""
        self.voted = -1
        self.met = 0
        """The generation of the fleet's wish this phone last fulfilled."""
        self.closed = False

    # ------------------------------------------------------------------ transport

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        key = base64.b64encode(os.urandom(16)).decode()
        fleet = self.fleet
        request = (
            f"GET {fleet.path} HTTP/1.1\r\nHost: {fleet.host}:{fleet.port}\r\n"
            f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"
        )
        transport.write(request.encode())

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self.fleet.lost += 1
        if not self.ready.done():
            self.ready.set_result("closed")

    def data_received(self, data: bytes) -> None:
        buffer = self.buffer
        buffer += data
        if not self.upgraded:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            status_line = bytes(buffer[: buffer.find(b"\r\n")])
            parts = status_line.split()
            status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
            if status != 101:
                if not self.ready.done():
                    self.ready.set_result(str(status))
                self.close()
                return
            self.upgraded = True
            del buffer[: end + 4]
            self.on_open()
        position = 0
        size = len(buffer)
        while size - position >= 2:
            first, second = buffer[position], buffer[position + 1]
            length = second & 0x7F
            head = 2
            if length == 126:
                if size - position < 4:
                    break
                length = int.from_bytes(buffer[position + 2 : position + 4], "big")
                head = 4
            elif length == 127:
                if size - position < 10:
                    break
                length = int.from_bytes(buffer[position + 2 : position + 10], "big")
                head = 10
            if size - position < head + length:
                break
            payload = bytes(buffer[position + head : position + head + length])
            position += head + length
            self.on_frame(first & 0x0F, payload)
        if position:
            del buffer[:position]

    def send(self, frame: bytes) -> None:
        if self.transport is not None and not self.closed:
            self.transport.write(frame)

    def close(self) -> None:
        if self.transport is not None and not self.closed:
            if self.upgraded:
                self.transport.write(client_frame(b"\x03\xe8", 0x8))
            self.transport.close()

    # ------------------------------------------------------------------ protocol

    def on_open(self) -> None:
        self.send(message("join", code=self.fleet.code))

    def on_frame(self, opcode: int, payload: bytes) -> None:
        if opcode == 0x1:
            if payload.startswith(STATE_PREFIX):
                self.on_state(payload)
            elif payload.startswith(ERROR_PREFIX) and not self.ready.done():
                found = ERROR_CODE.search(payload)
                self.ready.set_result(found[1].decode() if found else "error")
        elif opcode == 0x9:  # ping: answer as a browser would
            self.send(client_frame(payload, 0xA))
        elif opcode == 0x8:
            self.close()

    def on_state(self, payload: bytes) -> None:
        found = ROUND.search(payload)
        if found is not None:
            self.round_id, self.phase = int(found[1]), found[2].decode()
        voted = VOTED.search(payload)
        if voted is not None:
            self.voted = int(voted[1])
        if not self.ready.done():
            self.ready.set_result("ok")
        self.fleet.check(self)


class Facilitator(Phone):
    """The trainer's connection: sends commands and decodes its (few) states."""

    def __init__(self, fleet: Fleet, key: str) -> None:
        super().__init__(fleet)
        self.key = key
        self.state: dict[str, Any] = {}
        self.waiters: list[tuple[Callable[[dict[str, Any]], bool], asyncio.Future[None]]] = []

    def on_open(self) -> None:
        self.send(message("facilitate", key=self.key))

    def on_state(self, payload: bytes) -> None:
        self.state = json.loads(payload)
        if not self.ready.done():
            self.ready.set_result("ok")
        for check, future in list(self.waiters):
            if not future.done() and check(self.state):
                future.set_result(None)

    def command(self, name: str, **args: Any) -> None:
        self.send(message("command", name=name, args=args))

    async def until(self, check: Callable[[dict[str, Any]], bool], timeout: float) -> None:
        """Wait until a state (the last one or a coming one) passes `check`."""
        if self.state and check(self.state):
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (check, future)
        self.waiters.append(entry)
        try:
            await asyncio.wait_for(future, timeout)
        finally:
            self.waiters.remove(entry)


@dataclass
class Joined:
    """How connecting went: phones in, refusals (an HTTP status or the hub's error code, like
    "503" or "full"), errors by kind ("timeout", an OS error)."""

    phones: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


@dataclass
class RoundResult:
    seconds: float
    """From the first vote sent to the moment the last phone saw the final count."""
    phones: int
    complete: bool
    """Every phone saw the final count within the time limit."""


class Fleet:
    """Many phones on one event loop, and the wishes they must all meet ("every phone has seen
    round 4 open", "every phone has seen 5,000 votes")."""

    def __init__(self, host: str, port: int, code: str, path: str = "/ws") -> None:
        self.host, self.port, self.code, self.path = host, port, code, path
        self.phones: list[Phone] = []
        self.lost = 0
        self.generation = 0
        self._wish: tuple[int, str | None, int] = (0, None, 0)
        self._pending = 0
        self._met: asyncio.Future[float] | None = None

    # ------------------------------------------------------------------ connecting

    async def connect(
        self,
        count: int,
        batch: int = 200,
        timeout: float = 30.0,
        progress: Callable[[int], None] | None = None,
    ) -> Joined:
        """Connect `count` phones, `batch` at a time; each has joined once its first state came."""
        loop = asyncio.get_running_loop()
        joined = Joined()
        started = time.perf_counter()
        for first in range(0, count, batch):
            size = min(batch, count - first)
            outcomes = await asyncio.gather(
                *(self._one(loop, timeout) for _ in range(size)), return_exceptions=False
            )
            for outcome in outcomes:
                if outcome == "ok":
                    joined.phones += 1
                elif outcome in ("timeout", "closed") or " " in outcome:
                    joined.errors[outcome] += 1
                else:
                    joined.refused[outcome] += 1
            if progress is not None:
                progress(joined.phones)
            if joined.errors or joined.refused:
                break  # a limit was hit: more phones would only hit it again
        joined.seconds = time.perf_counter() - started
        return joined

    async def _one(self, loop: asyncio.AbstractEventLoop, timeout: float) -> str:
        phone = Phone(self)
        try:
            await asyncio.wait_for(
                loop.create_connection(lambda: phone, self.host, self.port), timeout
            )
            outcome = await asyncio.wait_for(phone.ready, timeout)
        except TimeoutError:
            phone.close()
            return "timeout"
        except OSError as error:
            return os.strerror(error.errno) if error.errno else type(error).__name__
        if outcome == "ok":
            self.phones.append(phone)
        else:
            phone.close()
        return outcome

    async def facilitator(self, key: str, timeout: float = 30.0) -> Facilitator:
        loop = asyncio.get_running_loop()
        boss = Facilitator(self, key)
        await asyncio.wait_for(loop.create_connection(lambda: boss, self.host, self.port), timeout)
        outcome = await asyncio.wait_for(boss.ready, timeout)
        if outcome != "ok":
            raise ConnectionError(f"facilitator refused: {outcome}")
        return boss

    def close(self) -> None:
        for phone in self.phones:
            phone.close()

    # ------------------------------------------------------------------ wishes

    def check(self, phone: Phone) -> None:
        """Called on every state a phone receives: does it now meet the current wish?"""
        if phone.met == self.generation or self._met is None:
            return
        round_id, phase, voted = self._wish
        if phone.round_id == round_id and phone.voted >= voted and phase in (None, phone.phase):
            phone.met = self.generation
            self._pending -= 1
            if self._pending == 0 and not self._met.done():
                self._met.set_result(time.perf_counter())

    async def until_all(
        self, round_id: int, phase: str | None, voted: int, timeout: float
    ) -> float | None:
        """Wait until every live phone has seen this round (in this phase) with at least
        `voted` votes; the moment the last one did, or None on timeout."""
        self.generation += 1
        self._wish = (round_id, phase, voted)
        self._met = asyncio.get_running_loop().create_future()
        live = [phone for phone in self.phones if not phone.closed]
        self._pending = len(live)
        for phone in live:
            self.check(phone)
        if self._pending == 0:
            return time.perf_counter()
        try:
            return await asyncio.wait_for(asyncio.shield(self._met), timeout)
        except TimeoutError:
            return None
        finally:
            self._met = None

    # ------------------------------------------------------------------ rounds

    async def vote_round(
        self,
        boss: Facilitator,
        item_index: int,
        timeout: float,
        before_votes: Callable[[], None] | None = None,
    ) -> RoundResult:
        """Open voting on an item, let every phone vote once, and time until every phone has
        seen the final count."""
        boss.command("go_to", index=item_index)
        boss.command("open_voting")

        def open_here(state: dict[str, Any]) -> bool:
            round_ = state.get("round") or {}
            item = state.get("item") or {}
            return bool(round_.get("phase") == "open" and item.get("index") == item_index)

        await boss.until(open_here, timeout)
        round_id = int(boss.state["round"]["id"])
        await self.until_all(round_id, "open", 0, timeout)
        live = [phone for phone in self.phones if not phone.closed]
        vote = message("vote", round=round_id, choice="A")
        if before_votes is not None:
            before_votes()
        started = time.perf_counter()
        waiting = asyncio.ensure_future(self.until_all(round_id, None, len(live), timeout))
        await asyncio.sleep(0)  # the wish is set before any vote goes out
        for phone in live:
            phone.send(vote)
        finished = await waiting
        boss.command("close_voting")
        await boss.until(lambda s: (s.get("round") or {}).get("phase") != "open", timeout)
        if finished is None:
            return RoundResult(time.perf_counter() - started, len(live), complete=False)
        return RoundResult(finished - started, len(live), complete=True)


def raise_fd_limit() -> int:
    """Raise this process's soft open-file limit to the hard one; the new soft limit."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        hard = 1 << 20
    if soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):
            return soft
        return hard
    return soft
