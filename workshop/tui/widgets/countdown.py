"""The voting timer: counts down from the programme's seconds; adjustable, never blocking."""

from __future__ import annotations

from collections.abc import Callable

from textual.reactive import reactive
from textual.widgets import Static

from workshop.i18n import t


class Countdown(Static):
    """Shows mm:ss left. Time comes from `clock` (monotonic seconds), so tests can freeze it."""

    remaining: reactive[int | None] = reactive(None)

    def __init__(self, clock: Callable[[], float], id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.clock = clock
        self.seconds: int | None = None
        self._deadline: float | None = None

    def on_mount(self) -> None:
        self.set_interval(0.5, self._tick)

    def set_seconds(self, seconds: int | None) -> None:
        """A new question: the programme's default, not running yet."""
        self.seconds = seconds
        self._deadline = None
        self.remaining = seconds
        self.watch_remaining(seconds)

    @property
    def running(self) -> bool:
        return self._deadline is not None

    def start(self) -> None:
        if self.remaining:
            self._deadline = self.clock() + self.remaining
        self.watch_remaining(self.remaining)

    def stop(self) -> None:
        self._tick()
        self._deadline = None
        self.watch_remaining(self.remaining)

    def adjust(self, delta: int) -> None:
        base = self.remaining if self.remaining is not None else 0
        value = max(0, base + delta)
        if self._deadline is not None:
            self._deadline += value - base
        self.remaining = value

    def _tick(self) -> None:
        if self._deadline is not None:
            left = max(0, round(self._deadline - self.clock()))
            self.remaining = left
            if left == 0:
                self._deadline = None
                self.app.bell()

    def watch_remaining(self, value: int | None) -> None:
        if value is None:
            self.update("")
            return
        minutes, seconds = divmod(value, 60)
        self.update(f"{t('tui.timer')} {minutes:02d}:{seconds:02d}")
        self.set_class(not self.running, "paused")  # a stopped timer is shown dimmed
        self.set_class(value == 0, "expired")
