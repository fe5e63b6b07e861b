"""A crowd of simulated phones in a process of its own, for `workshop capaciteit`.

    python -m workshop.capacity.swarm --port P --code C --key K --phones N --rounds 3

Connects N phones to a hub on 127.0.0.1 and a facilitator, runs the vote rounds on items
0, 1, 2, ... and writes one JSON object per line on stdout, for the process that runs the hub:

    {"event": "connected", "phones": 200}          while connecting, per batch
    {"event": "joined", "phones": N, "refused": {"full": 3}, "errors": {"timeout": 1},
     "fd_limit": 20000}
    {"event": "round_start", "round": 1}
    {"event": "round", "round": 1, "seconds": 0.31, "complete": true}
    {"event": "done"}

Runs apart from the hub so its own work does not land on the hub's event loop. Standard
library only (see `phones`); stops when its time is up or when stdin closes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from workshop.capacity.phones import Fleet, raise_fd_limit


def emit(event: str, **fields: Any) -> None:
    print(json.dumps({"event": event, **fields}), flush=True)


async def swarm(port: int, code: str, key: str, phones: int, rounds: int, wait: float) -> None:
    fd_limit = raise_fd_limit()
    fleet = Fleet("127.0.0.1", port, code)
    try:
        try:
            boss = await fleet.facilitator(key, wait)
        except (OSError, TimeoutError, ConnectionError) as error:
            emit("error", message=str(error) or type(error).__name__)
            return
        joined = await fleet.connect(
            phones, timeout=wait, progress=lambda n: emit("connected", phones=n)
        )
        emit(
            "joined",
            phones=joined.phones,
            refused=dict(joined.refused),
            errors=dict(joined.errors),
            fd_limit=fd_limit,
        )
        if joined.phones:
            for index in range(rounds):
                emit("round_start", round=index + 1)
                try:
                    result = await fleet.vote_round(boss, index, wait)
                except TimeoutError:
                    emit("round", round=index + 1, seconds=wait, complete=False)
                    break
                emit("round", round=index + 1, seconds=result.seconds, complete=result.complete)
                if not result.complete:
                    break
                await asyncio.sleep(0.2)  # the last states of a round settle
        emit("done")
    finally:
        fleet.close()
        await asyncio.sleep(0.1)  # let the closing frames go out


async def until_stdin_closes() -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    await reader.read()


async def main(args: argparse.Namespace) -> None:
    work = asyncio.create_task(
        swarm(args.port, args.code, args.key, args.phones, args.rounds, args.wait)
    )
    watch = asyncio.create_task(until_stdin_closes())
    try:
        await asyncio.wait_for(
            asyncio.wait({work, watch}, return_when=asyncio.FIRST_COMPLETED), args.limit
        )
    finally:
        for task in (work, watch):
            task.cancel()
        outcome = await asyncio.gather(work, watch, return_exceptions=True)
    if isinstance(outcome[0], Exception):
        raise outcome[0]  # a fault in this program, not a limit of the hub: show it


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--code", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--phones", type=int, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--wait", type=float, default=30.0, help="seconds any one step may take")
    parser.add_argument("--limit", type=float, default=600.0, help="seconds the whole run may take")
    asyncio.run(main(parser.parse_args()))
