"""Hostile input: a mix of bad frames and floods at a real hub, then a real phone must vote.

Run:  .venv/bin/python tests/benchmarks/hostile_input.py [--frames 20000] [--cycles 4000]
          [--idle 2000] [--pingers 3]

Starts `workshop hub` as a separate process on 127.0.0.1 (a fresh data folder), and from
this process:

1. a real phone joins and votes (its token is kept);
2. attacker connections send hostile frames: altered copies of that token (`T.`, `T=`,
   `T!!`, case changes, extra characters), lone surrogates in the code, key, token and
   text, facilitator commands with arguments named `name`/`self` and other odd arguments,
   oversize frames, wrong types, binary junk, deep nesting, unknown types;
3. join floods (join, then leave, many times), idle sockets that never join (spread over a
   few loopback source addresses), and clients that send pings and never read;
4. afterwards a new real phone joins and votes, and the first phone comes back with its
   token and finds its vote.

It prints: frames sent, error replies received, connections the hub closed, tracebacks in
the hub's log (must be 0), the hub's memory before and after (and their ratio), and whether
the real phones could still join and vote. Exits 1 if a traceback was logged or a real
phone could not vote. Bounded: 300 s at most, everything on 127.0.0.1, the hub is always
stopped.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import struct
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

LIMIT_SECONDS = 300
TIMEOUT = 10.0


@dataclass
class Tally:
    frames: int = 0
    """Hostile frames sent (each should get one `error` reply)."""
    errors: int = 0
    unanswered: int = 0
    internal_closes: int = 0
    """Connections the hub closed with 1011 (an exception in its handler)."""
    """Frames in flight when the hub closed the connection (join timeout, rate abuse)."""
    closed_by_hub: int = 0
    join_cycles: int = 0
    joins_refused: int = 0
    """Plain joins (no token) the hub refused during the flood, e.g. with `full`."""
    idle_opened: int = 0
    idle_refused: int = 0
    idle_dropped: int = 0
    ping_bytes: int = 0
    pingers_cut: int = 0


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def next_message(ws: ClientConnection, kind: str) -> dict[str, Any]:
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
        if message["type"] == kind:
            return message  # type: ignore[no-any-return]


async def real_phone(
    info: dict[str, Any], round_id: int, token: str | None = None, retry_for: float = 20.0
) -> tuple[str, Any]:
    """Join (retrying on 503 as the page does) and vote; returns (token, earlier answer)."""
    deadline = time.monotonic() + retry_for
    while True:
        try:
            ws = await connect(info["ws"], open_timeout=TIMEOUT)
            break
        except InvalidStatus:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.25)
    async with ws:
        join: dict[str, Any] = {"type": "join", "code": info["code"]}
        if token:
            join["token"] = token
        await ws.send(json.dumps(join))
        while True:
            welcome = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
            if welcome["type"] == "error":
                raise RuntimeError(f"join refused: {welcome['code']}")
            if welcome["type"] == "welcome":
                break
        await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": "B"}))
        await next_message(ws, "ack")
        return welcome["token"], welcome["answer"]


def altered(token: str) -> list[str]:
    nonce, _, mac = token.partition(".")
    return [
        f"{token}.",
        f"{token}=",
        f"{token}!!",
        f"{token}A",
        token.swapcase(),
        token.upper(),
        f"{nonce}=.{mac}",
        f" {token}",
        token[:-1],
        token.replace("-", "+").replace("_", "/"),
    ]


def hostile_frames(code: str, token: str) -> list[str | bytes]:
    """Frames no honest phone sends; each must get an error reply (or, oversize, a close)."""
    frames: list[str | bytes] = [
        json.dumps({"type": "join", "code": code, "token": bad}) for bad in altered(token)
    ]
    frames += [
        '{"type": "join", "code": "\\ud800"}',
        '{"type": "join", "code": "' + code + '", "token": "\\udfff"}',
        '{"type": "facilitate", "key": "\\ud800"}',
        '{"type": "vote", "round": 1, "choice": "\\ud83d"}',
        '{"type": "text", "round": 1, "text": "a\\udc00b"}',
        '{"type": "command", "name": "go_to", "args": {"name": 1}}',
        '{"type": "command", "name": "go_to", "args": {"self": 1}}',
        '{"type": "join", "code": 123456}',
        '{"type": "vote", "round": "1", "choice": "A"}',
        '{"type": "vote", "round": 1e400, "choice": "A"}',
        '{"type": "vote", "round": NaN, "choice": "A"}',
        '{"type": "join", "code": ' + "[" * 1500 + "]" * 1500 + "}",
        json.dumps({"type": "text", "round": 1, "text": "x" * 5000}),  # too_large
        '{"type": "dance"}',
        "[1, 2, 3]",
        "{nope",
        b"\xff\xfe\x00\x01",
        '{"type": "join", "code": "' + code + '", "extra": 1}',
    ]
    return frames


async def attacker(info: dict[str, Any], frames: list[str | bytes], tally: Tally) -> None:
    """Send hostile frames within the rate limit and count the replies. The hub drops a
    connection that has not joined within its join timeout: then connect again and go on."""
    sent = waiting = 0
    while sent < len(frames):
        waiting = 0
        try:
            async with connect(info["ws"], open_timeout=TIMEOUT, max_queue=None) as ws:
                while sent < len(frames):
                    batch = frames[sent : sent + 15]
                    for frame in batch:
                        await ws.send(frame)
                        tally.frames += 1
                        sent += 1
                    waiting = len(batch)
                    for _ in batch:  # one answer per frame; states in between are skipped
                        while True:
                            message = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
                            if message["type"] in ("error", "welcome", "ack"):
                                break
                        waiting -= 1
                        if message["type"] == "error":
                            tally.errors += 1
                    await asyncio.sleep(1.6)  # the bucket refills (10 a second, burst 20)
        except ConnectionClosed as closed:
            tally.closed_by_hub += 1
            tally.unanswered += waiting
            if closed.rcvd is not None and closed.rcvd.code == 1011:
                tally.internal_closes += 1


async def facilitator_odd_commands(info: dict[str, Any], tally: Tally) -> None:
    odd = [
        ("go_to", {"name": "x"}),
        ("go_to", {"self": 1}),
        ("save_note", {"text": "x", "name": "y", "self": "z"}),
        ("set_locked", {"locked": "false"}),
        ("remove_agenda", {"index": -1}),
        ("go_to", {"index": 10**9}),
        ("moderate", {"text_id": -5, "approve": True}),
        ("start", {}),
    ]
    for name, args in odd:
        async with connect(info["ws"], open_timeout=TIMEOUT) as ws:
            await ws.send(json.dumps({"type": "facilitate", "key": info["facilitator_key"]}))
            await next_message(ws, "welcome")
            await ws.send(json.dumps({"type": "command", "name": name, "args": args}))
            tally.frames += 1
            try:
                await next_message(ws, "error")
                tally.errors += 1
            except ConnectionClosed as closed:
                tally.closed_by_hub += 1
                if closed.rcvd is not None and closed.rcvd.code == 1011:
                    tally.internal_closes += 1


async def join_flood(info: dict[str, Any], cycles: int, tally: Tally) -> None:
    async def worker(count: int) -> None:
        for _ in range(count):
            async with connect(info["ws"], open_timeout=TIMEOUT) as ws:
                await ws.send(json.dumps({"type": "join", "code": info["code"]}))
                while True:
                    message = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
                    if message["type"] in ("welcome", "error"):
                        break
                tally.join_cycles += 1
                tally.joins_refused += message["type"] == "error"

    workers = 20
    await asyncio.gather(*(worker(cycles // workers) for _ in range(workers)))


async def raw_open(port: int, source: str, receive_buffer: int | None = None) -> Any:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if receive_buffer:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.bind((source, 0))
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
    reader, writer = await asyncio.open_connection(sock=sock)
    writer.write(
        (
            f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), TIMEOUT)
    return reader, writer, int(head.split(b" ", 2)[1])


async def idle_sockets(port: int, count: int, tally: Tally) -> None:
    """Sockets that never join, from ten loopback addresses; held until the hub drops them."""
    sources = [f"127.0.0.{n}" for n in range(2, 12)]
    held = []
    for start in range(0, count, 200):
        opened = await asyncio.gather(
            *(raw_open(port, sources[n % len(sources)]) for n in range(start, start + 200)),
            return_exceptions=True,
        )
        for result in opened:
            if isinstance(result, BaseException):
                tally.idle_refused += 1
                continue
            reader, writer, status = result
            if status == 101:
                held.append((reader, writer))
                tally.idle_opened += 1
            else:
                tally.idle_refused += 1
                writer.transport.abort()

    async def dropped(reader: asyncio.StreamReader) -> bool:
        try:
            async with asyncio.timeout(15):
                while True:
                    data = await reader.read(4096)
                    if not data or data[:1] == b"\x88":
                        return True
        except (TimeoutError, ConnectionError):
            return False

    results = await asyncio.gather(*(dropped(reader) for reader, _ in held))
    tally.idle_dropped = sum(results)
    for _, writer in held:
        writer.transport.abort()


def masked_ping() -> bytes:
    mask = os.urandom(4)
    payload = bytes(b ^ mask[i % 4] for i, b in enumerate(b"p" * 125))
    return struct.pack("!BB", 0x89, 0x80 | 125) + mask + payload


async def ping_flood(port: int, tally: Tally, most: int = 32 * 1024 * 1024) -> None:
    """Send pings and never read, until the hub cuts the connection (or `most` bytes)."""
    _, writer, status = await raw_open(port, "127.0.0.20", receive_buffer=4096)
    if status != 101:
        writer.transport.abort()
        return
    batch = masked_ping() * 500
    sent = 0
    try:
        while sent < most:
            writer.write(batch)
            await asyncio.wait_for(writer.drain(), TIMEOUT)
            sent += len(batch)
            if writer.transport.is_closing():
                break
        else:
            return
    except (ConnectionError, TimeoutError):
        pass
    finally:
        tally.ping_bytes += sent
        writer.transport.abort()
    tally.pingers_cut += 1


async def open_a_round(info: dict[str, Any]) -> tuple[ClientConnection, int]:
    boss = await connect(info["ws"], open_timeout=TIMEOUT, max_queue=None)
    await boss.send(json.dumps({"type": "facilitate", "key": info["facilitator_key"]}))
    await next_message(boss, "welcome")
    state = await next_message(boss, "state")
    while state["round"] is None or state["round"]["question"]["type"] != "keuze":
        await boss.send(json.dumps({"type": "command", "name": "next_item", "args": {}}))
        state = await next_message(boss, "state")
    await boss.send(json.dumps({"type": "command", "name": "open_voting", "args": {}}))
    while state["round"]["phase"] != "open":
        state = await next_message(boss, "state")
    return boss, state["round"]["id"]


async def sample_peak(pid: int, peak: list[int]) -> None:
    """The hub's largest RSS while under attack (sampled every 0.1 s)."""
    while True:
        peak[0] = max(peak[0], rss_kib(pid))
        await asyncio.sleep(0.1)


async def command(ws: ClientConnection, name: str, **args: Any) -> None:
    await ws.send(json.dumps({"type": "command", "name": name, "args": args}))
    await asyncio.sleep(0.3)  # the facilitator's reader takes the reply


async def drain(ws: ClientConnection) -> None:
    try:
        async for _ in ws:
            pass
    except ConnectionClosed:
        pass


async def run(args: argparse.Namespace) -> int:
    tally = Tally()
    with TemporaryDirectory() as folder:
        log_path = Path(folder) / "hub.log"
        with log_path.open("wb") as log:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "workshop",
                "hub",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--data",
                str(Path(folder) / "data"),
                stdout=asyncio.subprocess.PIPE,
                stderr=log,
            )
            try:
                assert process.stdout is not None
                line = await asyncio.wait_for(process.stdout.readline(), 30)
                info = json.loads(line)
                await asyncio.sleep(0.5)
                rss_before = rss_kib(process.pid)
                peak = [rss_before]
                sampler = asyncio.create_task(sample_peak(process.pid, peak))
                boss, round_id = await open_a_round(info)
                boss_reader = asyncio.create_task(drain(boss))
                token, _ = await real_phone(info, round_id)
                started = time.monotonic()

                # Locked, as a trainer does once the room is in: altered tokens must not
                # pass as the phone they were copied from.
                await command(boss, "set_locked", locked=True)
                frames = hostile_frames(info["code"], token)
                per_attacker = [
                    random.sample(frames, len(frames)) * max(1, args.frames // len(frames) // 50)
                    for _ in range(50)
                ]
                await asyncio.gather(
                    *(attacker(info, mix, tally) for mix in per_attacker),
                    facilitator_odd_commands(info, tally),
                )
                await command(boss, "set_locked", locked=False)
                await join_flood(info, args.cycles, tally)
                await asyncio.gather(
                    idle_sockets(info["port"], args.idle, tally),
                    *(ping_flood(info["port"], tally) for _ in range(args.pingers)),
                )
                elapsed = time.monotonic() - started
                rss_after = rss_kib(process.pid)
                sampler.cancel()

                try:
                    new_token, _ = await real_phone(info, round_id)
                    back_token, answer = await real_phone(info, round_id, token)
                    phones_ok = bool(new_token) and back_token == token and answer == "B"
                except (InvalidStatus, ConnectionClosed, TimeoutError, RuntimeError) as error:
                    print(f"  a real phone failed: {error!r}")
                    phones_ok = False
                boss_reader.cancel()
                await boss.close()
            finally:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
                    try:
                        await asyncio.wait_for(process.wait(), 15)
                    except TimeoutError:
                        process.kill()
                        await process.wait()
        text = log_path.read_text(errors="replace")
    tracebacks = text.count("Traceback (most recent call last)")
    print(f"hostile run on 127.0.0.1, {elapsed:.1f} s")
    print(f"  hostile frames sent:                 {tally.frames}")
    print(
        f"  error replies received:              {tally.errors} "
        f"({tally.unanswered} in flight when the hub closed a connection)"
    )
    print(
        f"  connections closed by the hub:       {tally.closed_by_hub} "
        f"({tally.internal_closes} with 1011, an exception in the hub)"
    )
    print(
        f"  join/leave cycles:                   {tally.join_cycles} "
        f"({tally.joins_refused} joins refused)"
    )
    print(
        f"  idle sockets: {tally.idle_opened} opened, {tally.idle_refused} refused (503), "
        f"{tally.idle_dropped} dropped by the hub"
    )
    print(
        f"  ping floods: {tally.pingers_cut} of {args.pingers} cut off after "
        f"{tally.ping_bytes / 1024 / 1024:.1f} MiB sent in all"
    )
    print(f"  tracebacks in the hub's log:         {tracebacks}")
    print(
        f"  hub RSS: {rss_before / 1024:.1f} MiB before, {rss_after / 1024:.1f} MiB after "
        f"(ratio {rss_after / rss_before:.2f}), peak {peak[0] / 1024:.1f} MiB "
        f"(ratio {peak[0] / rss_before:.2f})"
    )
    print(f"  a new phone joined and voted, the first came back with its vote: {phones_ok}")
    return 0 if tracebacks == 0 and tally.internal_closes == 0 and phones_ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=20_000)
    parser.add_argument("--cycles", type=int, default=4000)
    parser.add_argument("--idle", type=int, default=2000)
    parser.add_argument("--pingers", type=int, default=3)
    args = parser.parse_args()

    async def bounded() -> int:
        return await asyncio.wait_for(run(args), LIMIT_SECONDS)

    return asyncio.run(bounded())


if __name__ == "__main__":
    sys.exit(main())
