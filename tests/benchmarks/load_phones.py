"""Load check: N simulated phones join a headless hub and vote once, on 127.0.0.1.

Run:  .venv/bin/python tests/benchmarks/load_phones.py [--phones 1000]

Starts `workshop hub` as a separate process, connects N phones from this process, has a
facilitator open voting, lets every phone vote once, and waits until the facilitator's state
shows the exact total. Figures are given as ratios to a baseline measured in the same run
(one phone doing the same), so they compare across machines:

- vote round time for N phones / the same for 1 phone;
- state messages during the round (batched: bounded by time, not by votes);
- hub memory per connected phone / hub memory at rest.
Bounded: everything times out after 120 s and the hub process is always stopped.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import signal
import sys
import time
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

LIMIT_SECONDS = 120


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def next_state(
    ws: ClientConnection, check: Any, seen: list[int] | None = None
) -> dict[str, Any]:
    """The first state for which `check` holds; counts the states received into `seen`."""
    while True:
        message = json.loads(await ws.recv())
        if message["type"] == "state":
            if seen is not None:
                seen[0] += 1
            if check(message):
                return message  # type: ignore[no-any-return]


async def join(url: str, code: str) -> ClientConnection:
    ws = await connect(url, open_timeout=30, max_queue=None)
    await ws.send(json.dumps({"type": "join", "code": code}))
    return ws


async def drain(ws: ClientConnection) -> None:
    """Phones read what the hub sends (as a browser would), so nothing piles up."""
    try:
        async for _ in ws:
            pass
    except Exception:
        pass


async def vote_round(
    info: dict[str, Any], boss: ClientConnection, phones: int, item: int
) -> dict[str, float]:
    url = info["ws"]
    clients = []
    for start in range(0, phones, 100):
        clients += await asyncio.gather(
            *(join(url, info["code"]) for _ in range(start, min(phones, start + 100)))
        )
    readers = [asyncio.create_task(drain(ws)) for ws in clients]
    await boss.send(json.dumps({"type": "command", "name": "go_to", "args": {"index": item}}))
    await boss.send(json.dumps({"type": "command", "name": "open_voting", "args": {}}))
    state = await next_state(
        boss, lambda s: s["round"] and s["round"]["phase"] == "open" and s["item"]["index"] == item
    )
    round_id = state["round"]["id"]
    seen = [0]
    started = time.perf_counter()
    await asyncio.gather(
        *(ws.send(json.dumps({"type": "vote", "round": round_id, "choice": "A"})) for ws in clients)
    )
    final = await next_state(boss, lambda s: s["voted"] == phones, seen)
    elapsed = time.perf_counter() - started
    await boss.send(json.dumps({"type": "command", "name": "close_voting", "args": {}}))
    for ws in clients:
        await ws.close()
    for reader in readers:
        reader.cancel()
    return {"seconds": elapsed, "voted": final["voted"], "states": seen[0]}


async def main(phones: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, phones * 2 + 256)), hard))
    with TemporaryDirectory() as data:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "workshop",
            "hub",
            "kandidatenavond",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--data",
            data,
            stdout=asyncio.subprocess.PIPE,
        )
        try:
            assert process.stdout is not None
            info = json.loads(await process.stdout.readline())
            boss = await connect(info["ws"], max_queue=None)
            await boss.send(json.dumps({"type": "facilitate", "key": info["facilitator_key"]}))
            rest = rss_kib(process.pid)
            # Item 1 and 2 of the kandidatenavond are warming-up keuze questions.
            baseline = await asyncio.wait_for(vote_round(info, boss, 1, 1), LIMIT_SECONDS)
            clients_rss_before = rss_kib(process.pid)
            loaded = await asyncio.wait_for(vote_round(info, boss, phones, 2), LIMIT_SECONDS)
            peak = rss_kib(process.pid)
            await boss.close()
        finally:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 30)
    print(f"phones: {phones}; the facilitator saw voted == {int(loaded['voted'])} (exact total)")
    print(
        f"vote round, {phones} phones: {loaded['seconds']:.3f} s; 1 phone: {baseline['seconds']:.4f} s; "
        f"ratio {loaded['seconds'] / baseline['seconds']:.1f}x for {phones}x the votes"
    )
    print(
        f"state messages to the facilitator during the round: {int(loaded['states'])} for "
        f"{phones} votes (1 phone: {int(baseline['states'])}); votes per state message "
        f"{phones / max(1, loaded['states']):.0f}"
    )
    print(
        f"hub memory at rest {rest / 1024:.1f} MiB; after {phones} phones {peak / 1024:.1f} MiB; "
        f"per phone {(peak - clients_rss_before) / phones:.1f} KiB = "
        f"{(peak - clients_rss_before) / phones / rest * 100:.2f} % of the resting hub"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phones", type=int, default=1000)
    asyncio.run(main(parser.parse_args().phones))
