"""What a command changed, for the hub, the TUI and the store to react to.

Events marked `checkpoint` are the moments the store writes the session (phase changes,
notes, agenda, start and end); a vote is never one, so writes grow with rounds, not votes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from workshop.engine.scrub import Removal


@dataclass(frozen=True)
class Event:
    checkpoint: ClassVar[bool] = False


@dataclass(frozen=True)
class SessionStarted(Event):
    checkpoint: ClassVar[bool] = True


@dataclass(frozen=True)
class ItemChanged(Event):
    checkpoint: ClassVar[bool] = True
    item_index: int


@dataclass(frozen=True)
class PhaseChanged(Event):
    checkpoint: ClassVar[bool] = True
    round_id: int
    phase: str


@dataclass(frozen=True)
class RoundReopened(Event):
    """A round that was open when the program stopped; its votes were lost, it starts empty."""

    checkpoint: ClassVar[bool] = True
    round_id: int


@dataclass(frozen=True)
class VoteCounted(Event):
    round_id: int
    voted: int


@dataclass(frozen=True)
class ParticipantsChanged(Event):
    joined: int
    connected: int


@dataclass(frozen=True)
class JoiningChanged(Event):
    checkpoint: ClassVar[bool] = True
    locked: bool


@dataclass(frozen=True)
class TextSubmitted(Event):
    round_id: int
    text_id: int
    pending: int


@dataclass(frozen=True)
class TextModerated(Event):
    checkpoint: ClassVar[bool] = True
    text_id: int
    approved: bool
    removed: tuple[Removal, ...] = ()


@dataclass(frozen=True)
class NoteSaved(Event):
    checkpoint: ClassVar[bool] = True
    item_index: int
    removed: tuple[Removal, ...]


@dataclass(frozen=True)
class AgendaChanged(Event):
    checkpoint: ClassVar[bool] = True
    removed: tuple[Removal, ...] = ()


@dataclass(frozen=True)
class ZelftestFinished(Event):
    """A phone finished the zelftest: only how many did, never who or what they answered."""

    finished: int


@dataclass(frozen=True)
class ScreenChanged(Event):
    """The projector switched between lobby, item and black (not stored: a room's view)."""

    lobby: bool
    blackout: bool


@dataclass(frozen=True)
class TimerChanged(Event):
    """The countdown was started, stopped, reset or adjusted (not stored)."""

    left: int | None
    running: bool


@dataclass(frozen=True)
class SessionEnded(Event):
    checkpoint: ClassVar[bool] = True
