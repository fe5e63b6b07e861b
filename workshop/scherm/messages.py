"""What the link to the hub tells the room's screen."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class RoomState(Message):
    """A new projector view arrived; one still waiting in the queue is replaced by it."""

    def __init__(self, view: dict[str, Any]) -> None:
        super().__init__()
        self.view = view

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RoomState)


class LinkLost(Message):
    """No session to show (none running, connection lost, refused); `reason` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
