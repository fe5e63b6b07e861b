"""`workshop hub` as a separate process: JSON first line, clean stop, --hervat, busy ports."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import sys
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect

from tests.hub.conftest import TIMEOUT, receive, state_where
from workshop.session import HubOptions, open_session, start_hub
from workshop.session import start as session_start
from workshop.store import SessionStore

WORKSHOP = [sys.executable, "-m", "workshop"]


class HeadlessHub:
    def __init__(self, process: asyncio.subprocess.Process, info: dict[str, Any]) -> None:
        self.process = process
        self.info = info

    async def facilitator(self) -> ClientConnection:
        ws = await connect(self.info["ws"], open_timeout=TIMEOUT)
        await ws.send(json.dumps({"type": "facilitate", "key": self.info["facilitator_key"]}))
        await receive(ws, "welcome", role="facilitator")
        return ws

    async def phone(self, token: str | None = None) -> tuple[ClientConnection, dict[str, Any]]:
        ws = await connect(self.info["ws"], open_timeout=TIMEOUT)
        join: dict[str, Any] = {"type": "join", "code": self.info["code"]}
        if token:
            join["token"] = token
        await ws.send(json.dumps(join))
        return ws, await receive(ws, "welcome")

    async def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(self.process.communicate(), 10)
        assert self.process.returncode is not None
        return self.process.returncode, err.decode()


async def start(data: Path, *extra: str) -> HeadlessHub:
    process = await asyncio.create_subprocess_exec(
        *WORKSHOP,
        "hub",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--data",
        str(data),
        *extra,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), 15)
    return HeadlessHub(process, json.loads(line))


@pytest.fixture
async def processes() -> AsyncIterator[list[HeadlessHub]]:
    """Every hub process a test starts is stopped at the end, whatever happens."""
    started: list[HeadlessHub] = []
    yield started
    for hub in started:
        if hub.process.returncode is None:
            hub.process.kill()
            await hub.process.wait()


async def test_first_line_and_clean_stop(tmp_path: Path, processes: list[HeadlessHub]) -> None:
    hub = await start(tmp_path, "fractie-start")
    processes.append(hub)
    info = hub.info
    assert set(info) >= {"url", "code", "facilitator_key", "port"}
    assert info["url"] == f"http://127.0.0.1:{info['port']}/j/{info['code']}"
    boss = await hub.facilitator()
    await boss.send(json.dumps({"type": "command", "name": "next_item", "args": {}}))
    await state_where(boss, lambda s: s["item"]["index"] == 1)
    await boss.close()
    code, err = await hub.stop()
    assert code == 0
    assert "alles is bewaard" in err
    (record,) = SessionStore.open(tmp_path).all()
    assert record["id"] == info["session"] and record["item_index"] == 1


async def test_restart_with_hervat_keeps_tokens_and_code(
    tmp_path: Path, processes: list[HeadlessHub]
) -> None:
    first = await start(tmp_path, "fractie-start")
    processes.append(first)
    boss = await first.facilitator()
    for command, args in (("go_to", {"index": 4}), ("open_voting", {})):
        await boss.send(json.dumps({"type": "command", "name": command, "args": args}))
    state = await state_where(boss, lambda s: s["round"] and s["round"]["phase"] == "open")
    phones = [await first.phone() for _ in range(3)]
    for (ws, _), answer in zip(phones, "ABB", strict=True):
        await ws.send(json.dumps({"type": "vote", "round": state["round"]["id"], "choice": answer}))
        await receive(ws, "ack")
    await boss.send(json.dumps({"type": "command", "name": "close_voting", "args": {}}))
    await state_where(boss, lambda s: s["round"]["phase"] == "closed")
    await boss.send(json.dumps({"type": "command", "name": "revote", "args": {}}))
    await state_where(boss, lambda s: s["round"]["attempt"] == 2)
    assert (await first.stop())[0] == 0

    second = await start(tmp_path, "--hervat")
    processes.append(second)
    assert second.info["code"] == first.info["code"]
    assert second.info["session"] == first.info["session"]
    assert second.info["facilitator_key"] != first.info["facilitator_key"]
    ws, welcome = await second.phone(token=phones[0][1]["token"])
    assert welcome["token"] == phones[0][1]["token"]  # the same participant, not a new one
    boss = await second.facilitator()
    state = await state_where(boss, lambda s: s["round"] is not None)
    assert state["round"]["attempt"] == 2 and state["round"]["phase"] == "open"
    assert state["voted"] == 0  # the open round came back empty
    assert state["joined"] == 3  # counted before the restart, not double-counted
    await ws.send(json.dumps({"type": "vote", "round": state["round"]["id"], "choice": "A"}))
    await receive(ws, "ack")
    code, err = await second.stop()
    assert code == 0
    assert "leeg opnieuw geopend" in err


async def run_to_end(*args: str) -> tuple[int | None, str, str]:
    """Run `workshop ...` that is expected to stop by itself; (exit code, stdout, stderr)."""
    process = await asyncio.create_subprocess_exec(
        *WORKSHOP, *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(process.communicate(), 15)
    return process.returncode, out.decode(), err.decode()


async def test_hervat_without_a_session_says_so(tmp_path: Path) -> None:
    code, out, err = await run_to_end("hub", "--hervat", "--port", "0", "--data", str(tmp_path))
    assert code == 1
    assert out == ""
    assert "geen onafgemaakte sessie" in err


async def test_explicit_busy_port_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = await asyncio.create_subprocess_exec(
            *WORKSHOP,
            "hub",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--data",
            str(tmp_path),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        _, err = await asyncio.wait_for(process.communicate(), 15)
    assert process.returncode == 1
    assert f"Poort {port} is al in gebruik" in err.decode()
    assert "--port 0" in err.decode()


async def test_default_port_moves_to_the_next_free_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setattr(session_start, "DEFAULT_PORT", port)
        options = HubOptions(programme="fractie-start", host="127.0.0.1", data=tmp_path)
        opened = open_session(options, date(2026, 11, 30))
        hub = await start_hub(opened, options)
        try:
            assert hub.port > port
            assert opened.notices == [
                f"Poort {port} was bezet; de workshop gebruikt poort {hub.port}."
            ]
        finally:
            await hub.stop()


async def test_unknown_programme(tmp_path: Path) -> None:
    code, _, err = await run_to_end("hub", "bestaat-niet", "--port", "0", "--data", str(tmp_path))
    assert code == 1
    assert "kandidatenavond" in err
