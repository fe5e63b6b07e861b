"""How late the event loop runs: a timer that should fire every few milliseconds.

A loop busy with other work (sending to thousands of phones, drawing the TUI) runs the timer
late; the worst delay since the last `reset` is what a trainer's key press would wait.

On a machine that other programs keep busy, a timer is also late because the process waits
for a core. `worst_busy` counts only the CPU time this process spent between two runs of the
timer: the lag the same work would cause on a machine to itself. `p95` is the 95th percentile
of the delays the timer saw (one per run of the timer), beside the worst one.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque


class LagProbe:
    """Measures the event loop's lag on the loop it is started on."""

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.worst = 0.0
        """Seconds: the largest delay seen since the last reset."""
        self.worst_busy = 0.0
        """Seconds: the largest delay this process's own work caused (CPU time)."""
        self._delays: deque[float] = deque(maxlen=100_000)
        """The delays since the last reset (bounded: the oldest go first)."""
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    def reset(self) -> None:
        self.worst = self.worst_busy = 0.0
        self._delays.clear()

    @property
    def p95(self) -> float:
        """Seconds: the 95th percentile of the delays since the last reset (0 without any)."""
        if not self._delays:
            return 0.0
        ordered = sorted(self._delays)
        return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            before, cpu = time.perf_counter(), time.process_time()
            await asyncio.sleep(self.interval)
            late = time.perf_counter() - before - self.interval
            busy = time.process_time() - cpu - self.interval
            self._delays.append(max(late, 0.0))
            self.worst = max(self.worst, late)
            self.worst_busy = max(self.worst_busy, busy)
