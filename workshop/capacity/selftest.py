"""`workshop capaciteit`: does this laptop hold N phones? A self-test before a big event.

The hub runs here, on this process's event loop, exactly as `workshop start` runs it beside
the TUI (so the loop lag measured here is the lag a trainer's key press would see); the
simulated phones run in a child process (`workshop.capacity.swarm`) so their work does not
land on that loop. The session lives in a temporary folder that is removed afterwards, and
the child is stopped whatever happens. The Wi-Fi is not tested: everything stays on
127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from workshop.capacity.lag import LagProbe
from workshop.capacity.programme import write_programme
from workshop.hub.net import SPARE_FILES, files_needed, raise_open_file_limit
from workshop.i18n import language, t
from workshop.session import HubOptions, close_session, open_session, start_hub

ROUNDS = 3
ROUND_OK = 2.0
"""Seconds: a round slower than this, from the last vote to every phone, is felt in the hall."""
LAG_OK = 0.25
"""Seconds: a loop that stalls longer makes the trainer's keys feel stuck."""
FULL_ANSWERS = ("full", "503")
"""A hub that is full: no place for another phone, or no socket at all."""
STEP_WAIT = 30.0
"""Seconds any one step (a connection, a round) may take."""


def time_limit(phones: int) -> float:
    """The hard cap on the whole test: a minute plus 50 ms per phone, at most ten minutes."""
    return min(600.0, 60.0 + phones * 0.05)


@dataclass
class CapacityReport:
    """What the self-test found."""

    phones: int
    """Phones asked for (`--telefoons`)."""
    max_phones: int
    """The hub's cap (`--max-telefoons`)."""
    fd_limit: int = 0
    joined: int = 0
    connect_seconds: float = 0.0
    refused: dict[str, int] = field(default_factory=dict)
    """Refused phones by the hub's answer: an HTTP status ("503") or error code ("full")."""
    errors: dict[str, int] = field(default_factory=dict)
    """Connections that failed, by reason ("timeout", "Too many open files")."""
    rounds: list[float] = field(default_factory=list)
    incomplete_round: bool = False
    lag: float = 0.0
    kib_per_phone: float = 0.0
    out_of_time: bool = False
    failure: str | None = None

    def problems(self) -> list[str]:
        """Each limit the test hit, as a sentence for the trainer (empty: none)."""
        found: list[str] = []
        needed = files_needed(self.phones)
        if self.fd_limit < needed or any("open files" in reason for reason in self.errors):
            found.append(t("capacity.limit.fd", limit=self.fd_limit, n=self.phones, needed=needed))
        full = sum(n for answer, n in self.refused.items() if answer in FULL_ANSWERS)
        if full:
            found.append(t("capacity.limit.full", n=full, max=self.max_phones))
        others = {a: n for a, n in self.refused.items() if a not in FULL_ANSWERS}
        if others:
            answers = ", ".join(sorted(others))
            found.append(t("capacity.limit.refused", n=sum(others.values()), answers=answers))
        timeouts = self.errors.get("timeout", 0)
        if timeouts:
            found.append(t("capacity.limit.timeout", n=timeouts, s=_number(STEP_WAIT, 0)))
        failed = {k: n for k, n in self.errors.items() if k != "timeout" and "open files" not in k}
        if failed:
            reasons = ", ".join(f"{k} ({n})" for k, n in sorted(failed.items()))
            found.append(t("capacity.limit.errors", n=sum(failed.values()), reasons=reasons))
        if self.incomplete_round:
            found.append(t("capacity.limit.incomplete", s=_number(STEP_WAIT, 0)))
        if self.rounds and max(self.rounds) > ROUND_OK:
            found.append(
                t("capacity.limit.slow", s=_number(max(self.rounds), 2), ok=_number(ROUND_OK, 0))
            )
        if self.lag > LAG_OK:
            found.append(
                t("capacity.limit.lag", ms=round(self.lag * 1000), ok=round(LAG_OK * 1000))
            )
        if self.out_of_time:
            found.append(t("capacity.limit.time", s=round(time_limit(self.phones))))
        if self.failure:
            found.append(t("capacity.limit.failure", error=self.failure))
        return found

    @property
    def holds(self) -> bool:
        complete = self.joined == self.phones and len(self.rounds) == ROUNDS
        return complete and not self.problems()


def render_report(report: CapacityReport) -> str:
    """The report in plain words, in the current language."""
    lines = [t("capacity.title", n=report.phones), ""]
    lines.append(
        t(
            "capacity.joined",
            joined=report.joined,
            n=report.phones,
            s=_number(report.connect_seconds, 1),
        )
    )
    if report.rounds:
        lines.append(
            t(
                "capacity.rounds",
                median=_number(statistics.median(report.rounds), 2),
                slowest=_number(max(report.rounds), 2),
                count=len(report.rounds),
            )
        )
    else:
        lines.append(t("capacity.no_rounds"))
    if report.joined:
        total_mib = report.kib_per_phone * report.phones / 1024
        lines.append(
            t(
                "capacity.memory",
                kib=_number(report.kib_per_phone, 1),
                n=report.phones,
                mib=_number(total_mib, 1),
            )
        )
    lines.append(t("capacity.lag", ms=round(report.lag * 1000), ok=round(LAG_OK * 1000)))
    lines.append(t("capacity.fd", limit=report.fd_limit, needed=files_needed(report.phones)))
    problems = report.problems()
    if problems:
        lines.append(t("capacity.limits_hit"))
        lines.extend(f"  - {problem}" for problem in problems)
    else:
        lines.append(t("capacity.no_limits"))
    lines.append("")
    key = "capacity.verdict.yes" if report.holds else "capacity.verdict.no"
    lines.append(t(key, n=report.phones))
    lines.append(t("capacity.wifi"))
    return "\n".join(lines) + "\n"


def _number(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if language() == "nl" else text


class ProgressBar:
    """A text progress bar: redrawn in place on a terminal, a line per quarter otherwise."""

    WIDTH = 30

    def __init__(self, stream: IO[str], total: int, label: str) -> None:
        self.stream = stream
        self.total = max(1, total)
        self.label = label
        self.live = stream.isatty()
        self._quarter = -1

    def update(self, done: int) -> None:
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        text = f"[{bar}] {done}/{self.total} {self.label}"
        if self.live:
            self.stream.write("\r" + text)
        else:
            quarter = 4 * done // self.total
            if quarter == self._quarter:
                return
            self._quarter = quarter
            self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.live:
            self.stream.write("\n")
            self.stream.flush()


def own_rss_kib() -> float:
    """This process's resident memory in KiB (the peak where /proc is missing, as on macOS)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return float(line.split()[1])
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform == "darwin" else float(peak)


async def run_selftest(
    phones: int,
    max_phones: int | None = None,
    progress: IO[str] | None = None,
) -> CapacityReport:
    """Start a hub on 127.0.0.1, connect `phones` simulated phones, run three vote rounds."""
    report = CapacityReport(phones, max_phones if max_phones is not None else phones)
    report.fd_limit = raise_open_file_limit(files_needed(phones))
    if report.fd_limit < files_needed(phones):
        return report
    try:
        async with asyncio.timeout(time_limit(phones)):
            await _run(report, progress or sys.stderr)
    except TimeoutError:
        report.out_of_time = True
    return report


async def _run(report: CapacityReport, stream: IO[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="workshop-capaciteit-") as folder:
        programme = write_programme(Path(folder), ROUNDS)
        options = HubOptions(
            programme=str(programme),
            host="127.0.0.1",
            port=0,
            data=Path(folder) / "data",
            capacity=report.max_phones,
            per_address=report.max_phones + SPARE_FILES,  # all phones come from 127.0.0.1
        )
        opened = open_session(options, date.today())
        hub = await start_hub(opened, options)
        probe = LagProbe()
        probe.start()
        child: asyncio.subprocess.Process | None = None
        try:
            resting = own_rss_kib()
            child = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "workshop.capacity.swarm",
                "--port",
                str(hub.port),
                "--code",
                opened.keys.code,
                "--key",
                opened.keys.facilitator_key,
                "--phones",
                str(report.phones),
                "--rounds",
                str(ROUNDS),
                "--wait",
                str(STEP_WAIT),
                "--limit",
                str(time_limit(report.phones)),
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
            )
            await _follow(child, report, stream, probe, resting)
        finally:
            await probe.stop()
            if child is not None:
                await _stop(child)
            await close_session(hub, opened)


async def _follow(
    child: asyncio.subprocess.Process,
    report: CapacityReport,
    stream: IO[str],
    probe: LagProbe,
    resting: float,
) -> None:
    """Read the swarm's lines: progress on `stream`, figures into `report`."""
    assert child.stdout is not None
    bar = ProgressBar(stream, report.phones, t("capacity.progress.phones"))
    started = time.perf_counter()
    while True:
        line = await child.stdout.readline()
        if not line:
            if report.joined and len(report.rounds) < ROUNDS and not report.incomplete_round:
                report.failure = report.failure or t("capacity.swarm_stopped")
            return
        event: dict[str, Any] = json.loads(line)
        kind = event["event"]
        if kind == "connected":
            bar.update(int(event["phones"]))
        elif kind == "joined":
            bar.finish()
            report.joined = int(event["phones"])
            report.connect_seconds = time.perf_counter() - started
            report.refused = dict(event["refused"])
            report.errors = dict(event["errors"])
            report.fd_limit = min(report.fd_limit, int(event["fd_limit"]))
            if report.joined:
                report.kib_per_phone = max(0.0, own_rss_kib() - resting) / report.joined
        elif kind == "round_start":
            if event["round"] == 1:
                probe.reset()
            stream.write(t("capacity.progress.round", i=event["round"], n=ROUNDS) + "\n")
            stream.flush()
        elif kind == "round":
            if event["complete"]:
                report.rounds.append(float(event["seconds"]))
            else:
                report.incomplete_round = True
            report.lag = probe.worst
        elif kind == "error":
            report.failure = str(event["message"])
        elif kind == "done":
            return


async def _stop(child: asyncio.subprocess.Process) -> None:
    if child.returncode is None:
        if child.stdin is not None:
            child.stdin.close()  # the swarm stops when its stdin closes
        try:
            await asyncio.wait_for(child.wait(), 10)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                child.kill()
            await child.wait()
