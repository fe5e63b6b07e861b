"""The countdown the room sees while it votes or talks.

Pure: every method takes `now`, the caller's monotonic seconds, so the same timer can be shown
by the console and, from the numbers it sends, by the projector in another process.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class Timer:
    """Seconds left for the current question; running or stopped."""

    seconds: int | None = None
    """The length set for this item (the programme's `timer`), None when it has none."""
    remaining: int | None = None
    """Seconds left while stopped."""
    deadline: float | None = None
    """While running: the `now` at which it reaches zero."""

    def left(self, now: float) -> int | None:
        """Whole seconds left (rounded up, so 0 only when time is really up)."""
        if self.deadline is None:
            return self.remaining
        return max(0, math.ceil(self.deadline - now - 1e-9))

    def running(self, now: float) -> bool:
        left = self.left(now)
        return self.deadline is not None and left is not None and left > 0

    def reset(self, seconds: int | None) -> None:
        """A new item or round: the full length, not running."""
        self.seconds = seconds
        self.remaining = seconds
        self.deadline = None

    def start(self, now: float) -> bool:
        """Run from what is left; False when there is nothing left to run."""
        left = self.left(now)
        if not left:
            return False
        self.remaining = left
        self.deadline = now + left
        return True

    def stop(self, now: float) -> None:
        self.remaining = self.left(now)
        self.deadline = None

    def adjust(self, delta: int, now: float) -> None:
        """Add (or with a negative `delta`, take off) seconds; never below zero."""
        value = max(0, (self.left(now) or 0) + delta)
        self.remaining = value
        if self.deadline is not None:
            self.deadline = now + value if value else None
        if self.seconds is None:
            self.seconds = value
