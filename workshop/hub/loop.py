"""The event loop the hub runs on: one that takes a burst of votes a slice at a time.

When a whole hall votes at once, thousands of sockets become readable in the same instant.
asyncio's default selector hands all of them to one pass of the loop, and the pass that
follows resumes every connection's handler: two passes of thousands of callbacks each, during
which nothing else runs, not a key press in the trainer's TUI, not a screen refresh, not a
timer. With 2,000 phones that was a quarter of a second of frozen console.

`FairEpollSelector` asks epoll for at most `READY_PER_PASS` ready sockets per pass. epoll is
level-triggered here (asyncio's default), so a socket not handed out stays ready and comes in
a following pass; the kernel hands out its ready list in turn, so no phone waits for ever.
Between two slices, the loop runs its timers and whatever else is due: the console stays
responsive and the work is the same, only spread over more, shorter passes (one more
`epoll_wait` per slice, a few microseconds).

`run` runs a coroutine on such a loop, as `asyncio.run` would; `new_loop` makes one for
callers that want to own it (Textual's `App.run(loop=...)`). Where epoll does not exist
(not Linux), the default loop is used.
"""

from __future__ import annotations

import asyncio
import math
import select
import selectors
from collections.abc import Coroutine
from typing import Any, TypeVar

READY_PER_PASS = 128
"""Ready sockets handled per pass of the loop. At a few tens of microseconds each for a
read and the handler it wakes, a pass stays within a few milliseconds."""

T = TypeVar("T")

if hasattr(select, "epoll"):

    class FairEpollSelector(selectors.EpollSelector):
        """An epoll selector that returns at most `READY_PER_PASS` ready sockets per call
        (the body is `selectors.EpollSelector.select` with a smaller `maxevents`)."""

        def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
            if timeout is None:
                timeout = -1
            elif timeout <= 0:
                timeout = 0
            else:
                # epoll_wait has a resolution of one millisecond: round up, as the base does.
                timeout = math.ceil(timeout * 1e3) * 1e-3
            ready: list[tuple[selectors.SelectorKey, int]] = []
            try:
                # `_selector` (the epoll object) and `_key_from_fd` are the base class's own,
                # unchanged since Python 3.4; typeshed does not list them.
                fd_events = self._selector.poll(timeout, READY_PER_PASS)  # type: ignore[attr-defined]
            except InterruptedError:
                return ready
            for fd, event in fd_events:
                events = 0
                if event & ~select.EPOLLIN:
                    events |= selectors.EVENT_WRITE
                if event & ~select.EPOLLOUT:
                    events |= selectors.EVENT_READ
                key = self._key_from_fd(fd)  # type: ignore[attr-defined]
                if key:
                    ready.append((key, events & key.events))
            return ready

    def new_loop() -> asyncio.AbstractEventLoop:
        """A new event loop that handles ready sockets a slice at a time."""
        return asyncio.SelectorEventLoop(FairEpollSelector())

else:  # pragma: no cover - not Linux: the platform's default loop

    def new_loop() -> asyncio.AbstractEventLoop:
        return asyncio.new_event_loop()


def run(main: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run(main)` on a loop from `new_loop`."""
    with asyncio.Runner(loop_factory=new_loop) as runner:
        return runner.run(main)
