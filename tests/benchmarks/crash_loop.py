"""Crash loop: SIGKILL `workshop hub` the moment the facilitator sees a round closed.

Run:  .venv/bin/python tests/benchmarks/crash_loop.py [--kills 30]

Each kill: a facilitator opens a round on the next card, three phones vote, the facilitator
closes it, and the hub process is killed (SIGKILL) as soon as a state with that round
"closed" arrives. The hub is started again with `--hervat`; the round counts as kept when it
comes back closed with all three votes counted, and as lost otherwise. Prints lost/total;
a round reported closed must never be lost. Everything runs on 127.0.0.1, in a temporary data
folder, and each step times out.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

STEP_SECONDS = 15.0
PHONES = 3
WORKSHOP = [sys.executable, "-m", "workshop"]


@dataclass
class Outcome:
    kills: int = 0
    lost: list[str] = field(default_factory=list)
    seconds: float = 0.0


class HubProcess:
    """One `workshop hub` process and the facts from its JSON line."""

    def __init__(self, process: asyncio.subprocess.Process, info: dict[str, Any]) -> None:
        self.process = process
        self.info = info

    @classmethod
    async def start(cls, data: Path, resume: bool) -> HubProcess:
        process = await asyncio.create_subprocess_exec(
            *WORKSHOP,
            "hub",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--data",
            str(data),
            *(["--hervat"] if resume else []),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), STEP_SECONDS)
        if not line:
            await process.wait()
            raise RuntimeError(f"workshop hub stopped at start (exit {process.returncode})")
        return cls(process, json.loads(line))

    def kill(self) -> None:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)

    async def wait(self) -> None:
        await asyncio.wait_for(self.process.wait(), STEP_SECONDS)


async def next_message(ws: ClientConnection, kind: str) -> dict[str, Any]:
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), STEP_SECONDS))
        if message["type"] == kind:
            return message  # type: ignore[no-any-return]
        if message["type"] == "error":
            raise RuntimeError(f"refused: {message}")


async def facilitator(hub: HubProcess) -> tuple[ClientConnection, dict[str, Any]]:
    ws = await connect(hub.info["ws"], open_timeout=STEP_SECONDS)
    await ws.send(json.dumps({"type": "facilitate", "key": hub.info["facilitator_key"]}))
    await next_message(ws, "welcome")
    return ws, await next_message(ws, "state")


async def command(ws: ClientConnection, name: str) -> dict[str, Any]:
    """Send a command and return the state the hub answers with."""
    await ws.send(json.dumps({"type": "command", "name": name, "args": {}}))
    return await next_message(ws, "state")


async def vote(hub: HubProcess, round_id: int, choice: str) -> ClientConnection:
    ws = await connect(hub.info["ws"], open_timeout=STEP_SECONDS)
    await ws.send(json.dumps({"type": "join", "code": hub.info["code"]}))
    await next_message(ws, "welcome")
    await ws.send(json.dumps({"type": "vote", "round": round_id, "choice": choice}))
    await next_message(ws, "ack")
    return ws


VOTABLE = ("keuze", "schaal")
"""Question types the loop answers with one vote (open texts and multiple choice are skipped)."""


def shown_round(state: dict[str, Any]) -> dict[str, Any] | None:
    """The current round if it waits to be opened and takes a single vote."""
    round_ = state.get("round")
    if round_ is None or round_["phase"] != "shown":
        return None
    return round_ if round_["question"]["type"] in VOTABLE else None


async def close_and_kill(hub: HubProcess, state: dict[str, Any], ws: ClientConnection) -> int:
    """Vote on the shown round, close it, SIGKILL the hub when "closed" arrives; its id."""
    round_ = shown_round(state)
    assert round_ is not None
    question = round_["question"]
    choice = question["options"][0]["key"] if question["type"] == "keuze" else question["min"]
    await command(ws, "open_voting")
    phones = [await vote(hub, round_["id"], choice) for _ in range(PHONES)]
    await ws.send(json.dumps({"type": "command", "name": "close_voting", "args": {}}))
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), STEP_SECONDS))
        if message["type"] == "state" and message["round"]["phase"] == "closed":
            hub.kill()  # the facilitator has seen "closed": from here it must be on disk
            break
    for phone in phones:
        await phone.close()
    await ws.close()
    await hub.wait()
    return int(round_["id"])


def kept(state: dict[str, Any], round_id: int) -> bool:
    """The resumed state shows the round closed, with every vote counted."""
    round_ = state.get("round")
    results = state.get("results") or {}
    return (
        round_ is not None
        and round_["id"] == round_id
        and round_["phase"] == "closed"
        and results.get("total") == PHONES
    )


async def advance(hub: HubProcess) -> tuple[ClientConnection, dict[str, Any]] | None:
    """Go to the next card with a fresh round; None when the programme has no more."""
    ws, state = await facilitator(hub)
    while shown_round(state) is None:
        if state["item"]["index"] + 1 >= state["item"]["count"]:
            await ws.close()
            return None
        state = await command(ws, "next_item")
    return ws, state


async def crash_loop(data: Path, kills: int) -> Outcome:
    """Kill the hub `kills` times right after a close; count the closed rounds lost."""
    outcome = Outcome()
    started = time.perf_counter()
    hub = await HubProcess.start(data, resume=False)
    try:
        while outcome.kills < kills:
            step = await advance(hub)
            if step is None:  # programme done: a new session in the same folder
                hub.kill()
                await hub.wait()
                hub = await HubProcess.start(data, resume=False)
                continue
            ws, state = step
            round_id = await close_and_kill(hub, state, ws)
            outcome.kills += 1
            hub = await HubProcess.start(data, resume=True)
            ws, state = await facilitator(hub)
            if not kept(state, round_id):
                outcome.lost.append(f"round {round_id}: {state.get('round')}")
            await ws.close()
    finally:
        hub.kill()
        await hub.wait()
    outcome.seconds = time.perf_counter() - started
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=30)
    args = parser.parse_args()
    with TemporaryDirectory() as folder:
        outcome = asyncio.run(crash_loop(Path(folder), args.kills))
    print(
        f"closed rounds lost: {len(outcome.lost)}/{outcome.kills} "
        f"(SIGKILL at the first 'closed' state; {outcome.seconds:.1f} s)"
    )
    for line in outcome.lost:
        print(f"  lost {line}")
    return 1 if outcome.lost else 0


if __name__ == "__main__":
    sys.exit(main())
