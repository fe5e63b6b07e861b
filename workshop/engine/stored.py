"""The one typed reader of a stored session record (see `engine.record.to_record`).

Resuming a session, building its report and showing it in `workshop sessies` all read the
record through `read_record`, so a field added to the record is read in one place. The
record is checked for shape before it is read (`engine.record_check`); here a missing
optional field gets its default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workshop.engine.agenda import AgendaAction
from workshop.engine.results import Result, Shift
from workshop.engine.session import Phase


@dataclass(frozen=True)
class StoredItem:
    """A programme item as recorded: a card (`kind` "kaart") or a free item."""

    kind: str
    """`kaart`, or a free item kind (welkom, uitleg, pauze, afsluiting)."""
    title: str
    """A free item's title ('' for a card: its title comes from the decks)."""
    ref: str | None = None
    """`deck/card` for a card item."""
    revote: bool = False
    question_number: int = 1
    """Which of the card's questions was asked, 1-based."""


@dataclass(frozen=True)
class StoredRound:
    """One round as recorded: only counts (or the marker that they were withheld)."""

    id: int
    item: int
    """The 0-based index of the programme item."""
    attempt: int
    phase: Phase
    result: Result | None
    """None when the round never closed."""
    shift: Shift | None
    texts: tuple[str, ...]
    """Approved open answers, scrubbed."""


@dataclass(frozen=True)
class StoredAgendaItem:
    """An agenda item (`soort = "agenda"`) as recorded."""

    seeds: tuple[str, ...]
    """Starting points: the vuistregels the group scored lowest."""
    points: tuple[str, ...]
    """The points put to the vote, in option order (A, B, ...); empty if no vote began."""
    max_choices: int
    actions: dict[int, AgendaAction]
    """Point index -> wie (a role), wat, wanneer."""


@dataclass(frozen=True)
class StoredSession:
    """Everything a stored record holds, typed."""

    id: str
    programme: str
    title: str
    day: str
    """YYYY-MM-DD."""
    keep_until: str
    min_group: int
    participants: int
    ended: bool
    item_index: int
    locked: bool
    items: tuple[StoredItem, ...]
    rounds: tuple[StoredRound, ...]
    notes: dict[int, tuple[str, ...]]
    """Item index -> the trainer's scrubbed notes, oldest first."""
    agenda: tuple[str, ...]
    agenda_items: dict[int, StoredAgendaItem]
    """Agenda items by programme item index."""
    names_declared: bool | None
    """None for a record from before the flag existed."""

    def rounds_of(self, item_index: int) -> tuple[StoredRound, ...]:
        return tuple(round_ for round_ in self.rounds if round_.item == item_index)


def read_record(record: Mapping[str, Any]) -> StoredSession:
    """The typed form of a stored record."""
    declared = record.get("names_declared")
    return StoredSession(
        id=str(record["id"]),
        programme=str(record.get("programme", "")),
        title=str(record.get("title", "")),
        day=str(record["day"]),
        keep_until=str(record["keep_until"]),
        min_group=int(record.get("min_group", 3)),
        participants=int(record.get("participants", 0)),
        ended=bool(record.get("ended", False)),
        item_index=int(record.get("item_index", 0)),
        locked=bool(record.get("locked", False)),
        items=tuple(_item(raw) for raw in record.get("items", [])),
        rounds=tuple(_round(raw) for raw in record.get("rounds", [])),
        notes={int(index): note_list(raw) for index, raw in record.get("notes", {}).items()},
        agenda=tuple(str(entry) for entry in record.get("agenda", [])),
        agenda_items={
            int(index): _agenda_item(raw) for index, raw in record.get("agenda_items", {}).items()
        },
        names_declared=None if declared is None else bool(declared),
    )


def _agenda_item(raw: Mapping[str, Any]) -> StoredAgendaItem:
    return StoredAgendaItem(
        seeds=tuple(str(text) for text in raw.get("seeds", [])),
        points=tuple(str(text) for text in raw.get("points", [])),
        max_choices=int(raw.get("max_choices", 3)),
        actions={
            int(point): AgendaAction(str(a["wie"]), str(a["wat"]), str(a["wanneer"]))
            for point, a in raw.get("actions", {}).items()
        },
    )


def _item(raw: Mapping[str, Any]) -> StoredItem:
    if raw.get("kind") == "kaart":
        return StoredItem(
            kind="kaart",
            title="",
            ref=str(raw["ref"]),
            revote=bool(raw.get("revote", False)),
            question_number=int(raw.get("question", 1)),
        )
    return StoredItem(kind=str(raw.get("kind", "")), title=str(raw.get("title", "")))


def _round(raw: Mapping[str, Any]) -> StoredRound:
    return StoredRound(
        id=int(raw["id"]),
        item=int(raw["item"]),
        attempt=int(raw["attempt"]),
        phase=Phase(raw["phase"]),
        result=read_result(raw.get("result")),
        shift=read_shift(raw.get("shift")),
        texts=tuple(str(text) for text in raw.get("texts", [])),
    )


def read_result(raw: Mapping[str, Any] | None) -> Result | None:
    if raw is None:
        return None
    if raw.get("withheld"):
        return Result(counts=None, total=None)
    counts = tuple((str(key), int(value)) for key, value in raw["counts"].items())
    median = raw.get("median")
    return Result(
        counts=counts,
        total=int(raw["total"]),
        median=None if median is None else float(median),
        hidden=tuple(str(key) for key in raw.get("hidden", [])),
    )


def read_shift(raw: Mapping[str, Any] | None) -> Shift | None:
    if raw is None:
        return None
    if raw.get("lost"):
        return Shift.first_round_lost()
    if raw.get("withheld"):
        return Shift(compared=None, changed=None, moves=None)
    moves = tuple((str(a), str(b), int(n)) for a, b, n in raw["moves"])
    return Shift(compared=int(raw["compared"]), changed=int(raw["changed"]), moves=moves)


def note_list(raw: object) -> tuple[str, ...]:
    """An item's notes: a list since notes are a list per item; a record written before
    that holds one string, which is one note."""
    if isinstance(raw, list):
        return tuple(str(note) for note in raw)
    return (str(raw),)
