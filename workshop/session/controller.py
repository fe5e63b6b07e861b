"""Runs a session: commands go to the engine, checkpoints go to the store.

The hub and the TUI both drive a session through `Controller.run(name, **args)`, so there is
one list of commands (`COMMANDS`) and one place that decides when to write.
"""

from __future__ import annotations

import inspect
import secrets
import time
import types
import typing
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date
from typing import Any

from workshop.decks.library import Library
from workshop.engine.errors import DomainError, ErrorCode
from workshop.engine.events import Event
from workshop.engine.record import restore, to_record
from workshop.engine.session import Session
from workshop.store.sessions import SessionStore

COMMANDS: dict[str, Callable[..., list[Event]]] = {
    "start": Session.start,
    "join": Session.join,
    "leave": Session.leave,
    "set_locked": Session.set_locked,
    "next_item": Session.next_item,
    "previous_item": Session.previous_item,
    "go_to": Session.go_to,
    "open_voting": Session.open_voting,
    "close_voting": Session.close_voting,
    "reveal": Session.reveal,
    "revote": Session.revote,
    "cast_vote": Session.cast_vote,
    "submit_text": Session.submit_text,
    "moderate": Session.moderate,
    "save_note": Session.save_note,
    "edit_note": Session.edit_note,
    "delete_note": Session.delete_note,
    "add_agenda": Session.add_agenda,
    "remove_agenda": Session.remove_agenda,
    "start_agenda_vote": Session.start_agenda_vote,
    "set_agenda_action": Session.set_agenda_action,
    "finish_zelftest": Session.finish_zelftest,
    "show_lobby": Session.show_lobby,
    "set_blackout": Session.set_blackout,
    "start_timer": Session.start_timer,
    "stop_timer": Session.stop_timer,
    "adjust_timer": Session.adjust_timer,
    "end": Session.end,
}
"""Every command a session takes, by the name the protocol and the TUI use."""

_SIGNATURES = {name: inspect.signature(command) for name, command in COMMANDS.items()}

_TIMED = frozenset(name for name, sig in _SIGNATURES.items() if "now" in sig.parameters)
"""Commands that take `now`: the controller's clock supplies it, never the sender."""

FACILITATOR_ONLY = frozenset(COMMANDS) - {
    "start",
    "join",
    "leave",
    "cast_vote",
    "submit_text",
    "finish_zelftest",
}
"""What a remote facilitator may send; `start` belongs to `Controller.new` alone."""


Accepted = tuple[type, ...] | None
"""The types an argument may have; None: any (answers are checked by the engine itself)."""


def _accepted(hint: object) -> Accepted:
    if hint in (int, bool, str, type(None)):
        return (hint,)
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        options = [_accepted(option) for option in typing.get_args(hint)]
        if any(option is None for option in options):
            return None
        return tuple(kind for option in options if option for kind in option)
    return None


@dataclass(frozen=True)
class _Parameters:
    """What a command takes, worked out once: every call is checked against it (a remote
    facilitator's {"locked": "false"} must not lock joining, nor {"approve": "false"}
    approve a text), and a vote costs a few set operations, not a signature binding."""

    allowed: frozenset[str]
    required: frozenset[str]
    types: dict[str, Accepted]

    @classmethod
    def of(cls, command: Callable[..., list[Event]]) -> _Parameters:
        parameters = list(inspect.signature(command).parameters.values())[1:]  # not `self`
        hints = typing.get_type_hints(command)
        return cls(
            allowed=frozenset(p.name for p in parameters),
            required=frozenset(p.name for p in parameters if p.default is p.empty),
            types={p.name: _accepted(hints.get(p.name, object)) for p in parameters},
        )

    def accept(self, args: dict[str, Any]) -> bool:
        if not self.required <= args.keys() <= self.allowed:
            return False
        return all(_fits(value, self.types[key]) for key, value in args.items())


def _fits(value: object, accepted: Accepted) -> bool:
    if accepted is None:
        return True
    if isinstance(value, bool) and bool not in accepted:
        return False  # a bool is an int to Python, never to a command
    return isinstance(value, accepted)


_PARAMETERS = {name: _Parameters.of(command) for name, command in COMMANDS.items()}


def new_session_id(today: date) -> str:
    """A session id that sorts by day and does not reveal anything: 20261130-3f9a1c."""
    return f"{today:%Y%m%d}-{secrets.token_hex(3)}"


class Controller:
    """One session and where it is kept."""

    def __init__(self, session: Session, store: SessionStore | None = None) -> None:
        self.session = session
        self.store = store
        self.save: Callable[[dict[str, Any]], Future[None] | None] | None = (
            store.save if store else None
        )
        """Where checkpoints go: the store directly, or a `BackgroundWriter` on a loop."""
        self.last_save: Future[None] | None = None
        """Resolves when the latest checkpoint is on disk (fails with the write error)."""
        self.save_error: Callable[[], Exception | None] = lambda: None
        """The failure of the last write attempt, if any (set when a writer is used)."""
        self.save_folder = ""
        """Where the record is written, for messages about a failed write."""
        self.clock: Callable[[], float] = time.monotonic
        """Monotonic seconds for the timer commands (tests freeze it)."""

    @classmethod
    def new(
        cls,
        programme_id: str,
        library: Library,
        today: date,
        store: SessionStore | None = None,
        names: Iterable[str] = (),
    ) -> tuple[Controller, list[Event]]:
        programme = library.programme(programme_id)
        session = Session(new_session_id(today), programme, library, today, names)
        controller = cls(session, store)
        return controller, controller.run("start")

    @classmethod
    def resume(
        cls,
        store: SessionStore,
        library: Library,
        names: Iterable[str] = (),
    ) -> tuple[Controller, list[Event]] | None:
        """Continue the last unfinished session, or None if there is none."""
        record = store.last_unfinished()
        if record is None:
            return None
        programme = library.programme(record["programme"])
        session, events = restore(record, programme, library, names)
        controller = cls(session, store)
        controller.checkpoint()
        return controller, events

    def run(self, name: str, /, **args: Any) -> list[Event]:
        """Apply one command; raises DomainError when it is not allowed now.

        `name` is positional-only so that arguments called `name` or `self` (from a remote
        facilitator) land in `args` and are refused as bad arguments, not a TypeError here.

        Writes the record when the command caused a checkpoint event (never for a vote).
        """
        command = COMMANDS.get(name)
        if command is None:
            raise DomainError(ErrorCode.UNKNOWN_COMMAND, name=name)
        if name in _TIMED:
            args = {**args, "now": self.clock()}
        if not _PARAMETERS[name].accept(args):
            raise DomainError(ErrorCode.BAD_ARGUMENTS, name=name)
        return self._checkpointed(command(self.session, **args))

    def cast_vote(self, token: str, round_id: int, answer: object) -> list[Event]:
        """`run("cast_vote", ...)` on the hottest path there is, a hall voting at once: the
        hub's protocol has typed `token` and `round_id` already (the engine checks the
        answer itself), so the lookup and argument checks of `run` are skipped."""
        return self._checkpointed(self.session.cast_vote(token, round_id, answer))

    def _checkpointed(self, events: list[Event]) -> list[Event]:
        if any(event.checkpoint for event in events):
            self.checkpoint()
        return events

    def checkpoint(self) -> Future[None] | None:
        """Hand the record to the store; the future resolves once it is on disk."""
        if self.save is None:
            return None
        saved = self.save(to_record(self.session))
        if saved is None:  # written synchronously (no writer): it is on disk already
            saved = Future()
            saved.set_result(None)
        self.last_save = saved
        return saved

    @property
    def saving(self) -> bool:
        """True while the latest checkpoint is not yet on disk (nor failed)."""
        return self.last_save is not None and not self.last_save.done()
