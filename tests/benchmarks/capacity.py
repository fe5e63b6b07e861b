"""Capacity, side by side: our hub against a bare batched websockets server (the floor).

Run:  .venv/bin/python tests/benchmarks/capacity.py            (N = 100 ... 5,000)
      .venv/bin/python tests/benchmarks/capacity.py --belast   (another process loads a core)
      .venv/bin/python tests/benchmarks/capacity.py --tui      (adds the TUI at 2,000 phones)

Three processes: this one is the load client (simulated phones from
`workshop.capacity.phones`: raw sockets, standard library only, no hub code), and each server
runs in a child process of its own (`capacity.py serve floor|hub|tui`):

- floor: the least a batched vote server must do, written here: websockets with the hub's
  settings (compression=None, max_size, max_queue, backlog, pings), JSON in, a vote count
  that a timer sends to every phone ten times a second while it changes;
- hub: our `Hub`, started the way `workshop hub` starts it (`open_session` + `start_hub`) with
  a temporary data folder. It runs in-process in a child of the benchmark rather than as
  `workshop hub`, so that both servers carry the same event-loop lag probe and report it the
  same way; the code path that serves phones is the one `workshop hub` runs;
- tui (with --tui): the facilitator app (`workshop start`) run headless with Textual's
  `run_test`, its hub on the same event loop, the item screen showing the count. Adds the
  time from the last vote (counted by the engine) to the count on screen (after the next
  screen refresh), and the worst lag of that one loop during the rounds.

For each N both servers get N phones at the same time; then rounds alternate between the two
servers (after one warm-up round each), each going first every other round, so a passing load
on the machine hits both.
A round: the facilitator opens voting, every phone votes once at the same moment, and the
round ends when every phone has seen the final count. Printed per N: the median of three
rounds for each server and their ratio, memory per phone (the server's RSS growth / N), the
worst event-loop lag of each server process during the rounds (wall clock, and "lag CPU":
the part its own work caused, what a machine to itself would show), the 95th percentile of
the loop's delays (the worst round's), and the CPU time each server
process used per round (median; on a machine shared with other work this is the steadier
comparison, as wall-clock time also counts the time the process waited for a core).

Bounded: 127.0.0.1 only, every wait has a time limit, the whole run stops after 20 minutes,
children stop when this process goes away (their stdin closes), and temporary folders are
removed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop.capacity.phones import Facilitator, Fleet, raise_fd_limit

SIZES = (100, 500, 1000, 2000, 5000)
ROUNDS = 3
WAIT = 60.0
"""Seconds any single step may take."""
RUN_LIMIT = 20 * 60
"""Seconds the whole run may take."""
TICK = 0.1
"""The floor's broadcast interval: at most ten states a second (ARCHITECTURE.md)."""
HERE = Path(__file__).resolve()
TUI_PHONES = 2000


# ---------------------------------------------------------------------------- servers


async def serve(kind: str, phones: int) -> None:
    """Child process: run one server, print its address, obey commands on stdin."""
    from workshop.capacity.lag import LagProbe

    raise_fd_limit()
    probe = LagProbe()
    probe.start()
    cpu = time.process_time()
    extra: dict[str, Any] = {}
    async with contextlib.AsyncExitStack() as stack:
        if kind == "floor":
            info = await stack.enter_async_context(floor_server())
        elif kind == "hub":
            info = await stack.enter_async_context(hub_server(phones))
        else:
            info, extra = await stack.enter_async_context(tui_server(phones))
        print(json.dumps(info), flush=True)
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        while True:
            line = (await reader.readline()).decode().strip()
            if line in ("", "stop"):
                break  # EOF: the benchmark went away
            if line == "mark":
                probe.reset()
                cpu = time.process_time()
                if "screen" in extra:
                    extra["screen"].reset()
                print(json.dumps({"ok": True}), flush=True)
            elif line == "lag":
                report = {
                    "lag": probe.worst,
                    "p95": probe.p95,
                    "busy": probe.worst_busy,
                    "cpu": time.process_time() - cpu,
                }
                if "screen" in extra:
                    report["screen"] = extra["screen"].seen_at
                print(json.dumps(report), flush=True)
    await probe.stop()


@contextlib.asynccontextmanager
async def floor_server() -> Any:
    """A bare websockets server that batches the count: the least any vote server does."""
    from websockets.asyncio.server import ServerConnection, broadcast, serve

    phones: set[ServerConnection] = set()
    bosses: set[ServerConnection] = set()
    voters: set[ServerConnection] = set()
    state = {"item": 0, "round": 0, "phase": "shown"}
    dirty = [False]

    def encode() -> str:
        return json.dumps(
            {
                "type": "state",
                "item": {"index": state["item"]},
                "round": {"id": state["round"], "phase": state["phase"]},
                "joined": len(phones),
                "voted": len(voters),
            },
            separators=(",", ":"),
        )

    async def handler(ws: ServerConnection) -> None:
        try:
            async for frame in ws:
                message = json.loads(frame)
                kind = message.get("type")
                if kind == "vote":
                    if (
                        ws in phones
                        and state["phase"] == "open"
                        and message.get("round") == state["round"]
                    ):
                        voters.add(ws)
                        dirty[0] = True
                elif kind == "join":
                    phones.add(ws)
                    await ws.send(encode())
                elif kind == "facilitate":
                    bosses.add(ws)
                    await ws.send(encode())
                elif kind == "command" and ws in bosses:
                    name = message.get("name")
                    if name == "go_to":
                        state["item"] = message["args"]["index"]
                    elif name == "open_voting":
                        state["round"] += 1
                        state["phase"] = "open"
                        voters.clear()
                    elif name == "close_voting":
                        state["phase"] = "closed"
                    dirty[0] = True
        finally:
            phones.discard(ws)
            bosses.discard(ws)
            voters.discard(ws)

    async def ticker() -> None:
        while True:
            await asyncio.sleep(TICK)
            if dirty[0]:
                dirty[0] = False
                frame = encode()
                broadcast(phones, frame)
                broadcast(bosses, frame)

    async with serve(
        handler,
        "127.0.0.1",
        0,
        compression=None,
        max_size=8 * 1024,
        max_queue=16,
        ping_interval=20.0,
        ping_timeout=20.0,
        server_header=None,
        backlog=2048,
    ) as server:
        task = asyncio.create_task(ticker())
        try:
            yield {"port": server.sockets[0].getsockname()[1], "code": "FLOOR", "key": "floor"}
        finally:
            task.cancel()


@contextlib.asynccontextmanager
async def hub_server(phones: int) -> Any:
    """Our hub, started as `workshop hub` starts it, with a temporary data folder."""
    from datetime import date

    from workshop.capacity.programme import write_programme
    from workshop.session import HubOptions, close_session, open_session, start_hub

    with tempfile.TemporaryDirectory(prefix="capacity-") as folder:
        programme = write_programme(Path(folder), ROUNDS + 1)
        options = HubOptions(
            programme=str(programme),
            host="127.0.0.1",
            port=0,
            data=Path(folder) / "data",
            capacity=phones + 10,
            per_address=phones + 20,  # every phone comes from 127.0.0.1
        )
        opened = open_session(options, date.today())
        hub = await start_hub(opened, options)
        try:
            yield {
                "port": hub.port,
                "code": opened.keys.code,
                "key": opened.keys.facilitator_key,
            }
        finally:
            await close_session(hub, opened)


class ScreenWatch:
    """In the TUI process: when the engine counted the last vote, and how long until the
    screens showed that count (after the first screen refresh that follows it)."""

    def __init__(self, app: Any, target: int) -> None:
        self.app = app
        self.target = target
        self.last_vote: float | None = None
        self.seen_at: float | None = None
        """Seconds from the last vote to the count on screen, this round."""
        cast_vote, refresh = app.controller.cast_vote, app.refresh_screens

        def counted_vote(*args: Any) -> Any:
            events = cast_vote(*args)
            if self.last_vote is None and self._voted() >= target:
                self.last_vote = time.perf_counter()
            return events

        def watched_refresh() -> None:
            refresh()
            # The screens read the count from the session as they refresh: once a refresh ran
            # after the last vote (and was not held for a checkpoint), the next paint shows it.
            held = getattr(app.controller, "saving", False)  # a checkpoint on its way
            if self.last_vote is not None and self.seen_at is None and not held:
                self.app.call_after_refresh(self._painted)

        app.controller.cast_vote = counted_vote
        app.refresh_screens = watched_refresh

    def _voted(self) -> int:
        round_ = self.app.session.current_round
        return round_.voted if round_ is not None else 0

    def _painted(self) -> None:
        if self.seen_at is None and self.last_vote is not None:
            self.seen_at = time.perf_counter() - self.last_vote

    def reset(self) -> None:
        self.last_vote = self.seen_at = None


@contextlib.asynccontextmanager
async def tui_server(phones: int) -> Any:
    """The trainer's app, headless, with its hub on the same loop; the item screen shown."""
    from workshop.capacity.programme import write_programme
    from workshop.tui.app import TuiOptions
    from workshop.tui.factory import make_app
    from workshop.tui.screens.item import ItemScreen

    with tempfile.TemporaryDirectory(prefix="capacity-") as folder:
        programme = write_programme(Path(folder), ROUNDS + 1)
        options = TuiOptions(
            programme=str(programme),
            host="127.0.0.1",
            port=0,
            data=Path(folder) / "data",
            capacity=phones + 10,
            per_address=phones + 20,  # every phone comes from 127.0.0.1
            start_now=True,
        )
        app = make_app(options)
        async with app.run_test(size=(120, 40)) as pilot:
            async with asyncio.timeout(WAIT):
                while app.hub is None or len(app.screen_stack) < 2:
                    await pilot.pause(0.05)
            await app.push_screen(ItemScreen())
            await pilot.pause(0.2)
            watch = ScreenWatch(app, phones)
            info = {
                "port": app.hub.port,
                "code": app.opened.keys.code,
                "key": app.opened.keys.facilitator_key,
            }
            yield info, {"screen": watch}


# ---------------------------------------------------------------------------- client side


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@dataclass
class Server:
    """One server child process, its phones and its figures."""

    kind: str
    process: asyncio.subprocess.Process
    info: dict[str, Any]
    fleet: Fleet | None = None
    boss: Facilitator | None = None
    rss_before: int = 0
    rss_after: int = 0
    rounds: list[float] = field(default_factory=list)
    lags: list[float] = field(default_factory=list)
    p95: list[float] = field(default_factory=list)
    """The 95th percentile of the loop's delays, per round (see `LagProbe.p95`)."""
    busy: list[float] = field(default_factory=list)
    """The loop lag the server's own work caused (CPU time; see `LagProbe.worst_busy`)."""
    cpu: list[float] = field(default_factory=list)
    """CPU seconds the server process used per round (robust when other work shares the
    machine, unlike wall-clock time)."""
    screens: list[float] = field(default_factory=list)

    @classmethod
    async def start(cls, kind: str, phones: int) -> Server:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(HERE),
            "serve",
            kind,
            "--phones",
            str(phones),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        server = cls(kind, process, {})
        server.info = await server.read()
        return server

    async def read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = await asyncio.wait_for(self.process.stdout.readline(), WAIT)
        if not line:
            raise RuntimeError(f"the {self.kind} server stopped")
        return json.loads(line)  # type: ignore[no-any-return]

    async def ask(self, command: str) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(command.encode() + b"\n")
        await self.process.stdin.drain()
        return await self.read()

    async def stop(self) -> None:
        if self.fleet is not None:
            self.fleet.close()
        if self.boss is not None:
            self.boss.close()
        if self.process.returncode is None:
            with contextlib.suppress(Exception):
                assert self.process.stdin is not None
                self.process.stdin.close()
            try:
                await asyncio.wait_for(self.process.wait(), 30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()


async def measure(size: int, kinds: list[str]) -> list[Server]:
    servers = [await Server.start(kind, size) for kind in kinds]
    try:
        for server in servers:
            server.rss_before = rss_kib(server.process.pid)
            fleet = Fleet("127.0.0.1", server.info["port"], server.info["code"])
            server.fleet = fleet
            joined = await fleet.connect(size, timeout=WAIT)
            if joined.phones != size:
                raise RuntimeError(
                    f"{server.kind}: {joined.phones} of {size} phones joined "
                    f"(refused {dict(joined.refused)}, errors {dict(joined.errors)})"
                )
            server.boss = await fleet.facilitator(server.info["key"], WAIT)
        # This process holds every phone of both servers: its own garbage collector must not
        # walk them all in the middle of one server's round (it would land on either at
        # random). The phones live until the end of the measurement anyway.
        gc.collect()
        gc.freeze()
        for index in range(ROUNDS + 1):
            # Each server goes first every other round, so neither always follows the other.
            for server in servers if index % 2 == 0 else servers[::-1]:
                assert server.fleet is not None and server.boss is not None
                await asyncio.sleep(0.3)  # let the previous round's last states settle
                await server.ask("mark")
                result = await server.fleet.vote_round(server.boss, index, WAIT)
                report = await server.ask("lag")
                if not result.complete:
                    raise RuntimeError(f"{server.kind}: not every phone saw the final count")
                if index == 0:
                    continue  # warm-up
                server.rounds.append(result.seconds)
                server.lags.append(report["lag"])
                server.p95.append(report["p95"])
                server.busy.append(report["busy"])
                server.cpu.append(report["cpu"])
                if "screen" in report and report["screen"] is not None:
                    server.screens.append(report["screen"])
        for server in servers:
            server.rss_after = rss_kib(server.process.pid)
    finally:
        gc.unfreeze()
        for server in servers:
            await server.stop()
    return servers


def busy_core(seconds: float) -> asyncio.Future[asyncio.subprocess.Process]:
    """Another process that keeps one core busy (bounded by itself; it also stops when this
    process goes away, however that happens)."""
    code = (
        f"import os, time\nend = time.monotonic() + {seconds}\n"
        f"while time.monotonic() < end and os.getppid() == {os.getpid()}: pass\n"
    )
    return asyncio.ensure_future(asyncio.create_subprocess_exec(sys.executable, "-c", code))


async def run(sizes: list[int], loaded: bool, tui: int, runs: int) -> None:
    limit = raise_fd_limit()
    # This process holds the phones of both servers at once, plus some spare.
    biggest = max([*sizes, tui]) * 2 + 200
    if limit < biggest:
        print(
            f"open-file limit {limit} is too low for the phones of two servers "
            f"(needs {biggest}); raise it with `ulimit -n {biggest}` first",
            file=sys.stderr,
        )
        sys.exit(2)
    busy = await busy_core(RUN_LIMIT) if loaded else None
    print(
        f"capacity: hub vs floor, median of {ROUNDS} rounds, {runs} run(s) per N; "
        f"{os.cpu_count()} cores; "
        f"{'one core loaded by another process' if loaded else 'no extra load'}; "
        f"load average before {os.getloadavg()[0]:.1f}"
    )
    header = (
        f"{'N':>6} {'floor s':>8} {'hub s':>8} {'ratio':>6} "
        f"{'hub KiB/phone':>13} {'floor KiB/phone':>15} {'hub lag ms':>10} {'floor lag ms':>12} "
        f"{'floor CPU ms':>12} {'hub CPU ms':>10} {'CPU ratio':>9} "
        f"{'hub lag CPU ms':>14} {'floor lag CPU ms':>16} "
        f"{'hub lag p95 ms':>14} {'floor lag p95 ms':>16}"
    )
    print(header, flush=True)
    try:
        summary: list[str] = []
        for size in sizes:
            ratios: list[float] = []
            for _ in range(runs):
                ratios.append(await measure_pair(size))
            summary.append(
                f"{size:>6}: ratio {statistics.median(ratios):.2f} "
                f"(runs {', '.join(f'{r:.2f}' for r in ratios)})"
            )
        if tui:
            lags: list[float] = []
            for _ in range(runs):
                lags.append(await measure_tui(tui))
            summary.append(
                f"TUI {tui} phones: worst loop lag {statistics.median(lags) * 1000:.0f} ms "
                f"(runs {', '.join(f'{lag * 1000:.0f}' for lag in lags)} ms)"
            )
        print(f"median over {runs} run(s) per N:")
        for line in summary:
            print(f"  {line}")
        print(f"load average after {os.getloadavg()[0]:.1f}")
    finally:
        if busy is not None:
            busy.kill()
            await busy.wait()


async def measure_pair(size: int) -> float:
    """One run at `size` phones: print its line; the round-time ratio hub / floor."""
    floor, hub = await measure(size, ["floor", "hub"])
    f, h = statistics.median(floor.rounds), statistics.median(hub.rounds)
    fc, hc = statistics.median(floor.cpu), statistics.median(hub.cpu)
    print(
        f"{size:>6} {f:>8.3f} {h:>8.3f} {h / f:>6.2f} "
        f"{(hub.rss_after - hub.rss_before) / size:>13.1f} "
        f"{(floor.rss_after - floor.rss_before) / size:>15.1f} "
        f"{max(hub.lags) * 1000:>10.0f} {max(floor.lags) * 1000:>12.0f} "
        f"{fc * 1000:>12.0f} {hc * 1000:>10.0f} {hc / fc:>9.2f} "
        f"{max(hub.busy) * 1000:>14.0f} {max(floor.busy) * 1000:>16.0f} "
        f"{max(hub.p95) * 1000:>14.0f} {max(floor.p95) * 1000:>16.0f}",
        flush=True,
    )
    print(
        f"       rounds floor {[round(x, 3) for x in floor.rounds]}, "
        f"hub {[round(x, 3) for x in hub.rounds]}",
        flush=True,
    )
    return h / f


async def measure_tui(tui: int) -> float:
    """One run of the TUI with its hub: print its line; the worst loop lag."""
    (app,) = await measure(tui, ["tui"])
    print(
        f"TUI and hub in one process, {tui} phones: round "
        f"{statistics.median(app.rounds):.3f} s (median of {ROUNDS}), worst loop lag "
        f"{max(app.lags) * 1000:.0f} ms (of which its own work, CPU: "
        f"{max(app.busy) * 1000:.0f} ms; p95 {max(app.p95) * 1000:.0f} ms), last vote to the count on screen "
        f"{statistics.median(app.screens) * 1000 if app.screens else float('nan'):.0f} ms "
        f"(median; {[round(x * 1000) for x in app.screens]} ms)",
        flush=True,
    )
    return max(app.lags)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("role", nargs="?", default="run", choices=["run", "serve"])
    parser.add_argument("kind", nargs="?", choices=["floor", "hub", "tui"])
    parser.add_argument("--phones", type=int, default=0)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--tui", action="store_true", help="also the TUI at 2,000 phones")
    parser.add_argument("--tui-phones", type=int, default=TUI_PHONES)
    parser.add_argument("--belast", action="store_true", help="load one core with another process")
    parser.add_argument("--runs", type=int, default=1, help="runs per N (the median is shown)")
    args = parser.parse_args()
    if args.role == "serve":
        # The hub runs on the loop `workshop hub` and `workshop start` run it on; the floor
        # on asyncio's default, as a bare websockets server would.
        if args.kind == "floor":
            asyncio.run(asyncio.wait_for(serve(args.kind, args.phones), RUN_LIMIT))
        else:
            from workshop.hub import loop

            loop.run(asyncio.wait_for(serve(args.kind, args.phones), RUN_LIMIT))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    asyncio.run(
        asyncio.wait_for(
            run(sizes, args.belast, args.tui and args.tui_phones, args.runs), RUN_LIMIT
        )
    )


if __name__ == "__main__":
    main()
