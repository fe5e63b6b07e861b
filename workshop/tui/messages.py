"""Messages shared by the TUI's screens and widgets."""

from __future__ import annotations

from textual.message import Message


class StateChanged(Message):
    """The session changed (votes arrived, a phone joined...).

    Posted by the hub at most once per broadcast tick; messages still waiting in the queue
    merge, so a burst of votes costs one refresh.
    """

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, StateChanged)
