"""The console's small timer: shows the session's countdown (`engine.timer.Timer`)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Static

from workshop.engine.timer import Timer
from workshop.i18n import t
from workshop.tui.widgets.steady import show


class Countdown(Static):
    """Shows mm:ss left of `timer`, read on `clock` (monotonic seconds; tests freeze it).

    The timer itself lives in the session, so the room's screen counts down with it; this
    widget only reads it, twice a second, and rings once when a running timer reaches zero.
    """

    def __init__(
        self, clock: Callable[[], float], timer: Callable[[], Timer], id: str | None = None
    ) -> None:
        super().__init__("", id=id, markup=False)
        self.clock = clock
        self.timer = timer
        self.remaining: int | None = None
        self.labelled = True
        """Whether "Timer" precedes the time (off where columns are scarce)."""
        self._was_running = False

    def on_mount(self) -> None:
        self.set_interval(0.5, self.show_timer)
        self.show_timer()

    def show_timer(self) -> None:
        now = self.clock()
        timer = self.timer()
        left, running = timer.left(now), timer.running(now)
        if self._was_running and left == 0:
            self.app.bell()
        self._was_running = running
        self.remaining = left
        if left is None:
            show(self, "")
            return
        minutes, seconds = divmod(left, 60)
        label = f"{t('tui.timer')} " if self.labelled else ""
        show(self, f"{label}{minutes:02d}:{seconds:02d}")
        self.set_class(not running and left > 0, "paused")  # a stopped timer is dimmed
        self.set_class(left == 0, "expired")
