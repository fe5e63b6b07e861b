"""Keep Python's garbage collector out of a vote round.

Now and then the collector walks every object the process holds, to find reference cycles.
With 5,000 phones connected that is over 400,000 objects, and such a full collection
stalled the loop for a quarter of a second, in the middle of a round, where the hall waits
for its count. Nearly all of those objects live as long as the session: the connections,
the deck library, the TUI's widgets.

So while a round is open they are frozen (`gc.freeze`): the collector leaves them alone and
only looks at what the round itself creates. When voting closes they are unfrozen, so
cycles left by phones that went away meanwhile are collected as usual, between rounds.
"""

from __future__ import annotations

import gc


class RoundFreeze:
    """Freezes the objects alive when voting opens, unfreezes them when it closes."""

    def __init__(self) -> None:
        self.frozen = False

    def follow(self, voting: bool) -> None:
        """Called every tick with whether a round is open now."""
        if voting and not self.frozen:
            gc.freeze()
            self.frozen = True
        elif not voting and self.frozen:
            self.release()

    def release(self) -> None:
        """Hand everything back to the collector (voting closed, or the hub stops)."""
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
