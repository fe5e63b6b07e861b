"""The timer in the project's big type, counting down on its own between the states it
is sent."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from workshop.tui.widgets.big_number import BigNumber


class BigTimer(BigNumber):
    """mm:ss left. A state says how many seconds are left and whether the timer runs; this
    widget counts down from there with its own clock (monotonic seconds; tests freeze it)."""

    DEFAULT_CSS = """
    BigTimer { width: auto; }
    BigTimer.paused { color: $text-muted; }
    BigTimer.expired { color: $error; }
    """

    def __init__(self, clock: Callable[[], float], id: str | None = None) -> None:
        super().__init__("", id=id)
        self.clock = clock
        self._left: int | None = None
        self._deadline: float | None = None

    def on_mount(self) -> None:
        self.set_interval(0.5, self._tick)

    def follow(self, timer: dict[str, Any] | None) -> None:
        """Take a state's timer: {"seconds", "left", "running"} or None (no timer)."""
        if timer is None:
            self._left, self._deadline = None, None
        else:
            self._left = int(timer["left"])
            self._deadline = self.clock() + self._left if timer["running"] else None
        self._show()

    def seconds_left(self) -> int | None:
        if self._deadline is None:
            return self._left
        return max(0, math.ceil(self._deadline - self.clock() - 1e-9))

    def _tick(self) -> None:
        if self._deadline is not None:
            self._show()

    def _show(self) -> None:
        left = self.seconds_left()
        self.display = left is not None
        if left is None:
            return
        minutes, seconds = divmod(left, 60)
        self.update(f"{minutes:02d}:{seconds:02d}")
        self.set_class(self._deadline is None and left > 0, "paused")
        self.set_class(left == 0, "expired")
