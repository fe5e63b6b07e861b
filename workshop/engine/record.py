"""The anonymous record of a session, and resuming a session from it.

`to_record` is the only way session data leaves the engine for storage: it holds counts (or
the marker that they were withheld), shifts, approved texts, notes and the agenda, and whether
names were declared; never a token, a name of the names list, a rejected text or a time of
day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from workshop.decks.library import Library
from workshop.decks.model import CardItem, FreeItem, Programme
from workshop.engine.agenda import AgendaPlan
from workshop.engine.events import Event, RoundReopened
from workshop.engine.session import Phase, Round, Session, timer_seconds
from workshop.engine.stored import read_record

RECORD_VERSION = 1


def to_record(session: Session) -> dict[str, Any]:
    """A JSON-ready dict of everything the party may keep about this session."""
    return {
        "version": RECORD_VERSION,
        "id": session.id,
        "programme": session.programme.id,
        "title": session.programme.title,
        "day": session.day.isoformat(),
        "keep_until": session.keep_until.isoformat(),
        "min_group": session.min_group,
        "participants": session.participant_count,
        "ended": session.ended,
        "item_index": session.item_index,
        "locked": session.locked,
        "items": [_item_record(item) for item in session.items],
        "rounds": [_round_record(round_) for round_ in session.rounds],
        "notes": {str(index): list(notes) for index, notes in sorted(session.notes.items())},
        "timer_left": session.timer.remaining,
        "agenda": list(session.agenda),
        "agenda_items": {
            str(index): _plan_record(plan) for index, plan in sorted(session.agenda_plans.items())
        },
        "names_declared": session.names_declared,
    }


def _plan_record(plan: AgendaPlan) -> dict[str, Any]:
    """An agenda item: its starting points, the points put to the vote, and per point the
    action agreed (wie is a role; every part was scrubbed when recorded)."""
    return {
        "seeds": list(plan.seeds),
        "points": list(plan.points),
        "max_choices": plan.max_choices,
        "actions": {
            str(point): {"wie": a.wie, "wat": a.wat, "wanneer": a.wanneer}
            for point, a in sorted(plan.actions.items())
        },
    }


def _item_record(item: CardItem | FreeItem) -> dict[str, Any]:
    if isinstance(item, CardItem):
        record: dict[str, Any] = {"kind": "kaart", "ref": item.card_ref, "revote": item.revote}
        if item.question_index:
            record["question"] = item.question_index + 1  # absent: the card's first question
        return record
    return {"kind": item.kind.value, "title": item.title}


def _round_record(round_: Round) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": round_.id,
        "item": round_.item_index,
        "attempt": round_.attempt,
        "phase": round_.phase.value,
    }
    if round_.result is not None:
        record["result"] = round_.result.to_record()
    if round_.shift is not None:
        record["shift"] = round_.shift.to_record()
    if round_.approved_texts:
        record["texts"] = list(round_.approved_texts)
    return record


def restore(
    record: dict[str, Any],
    programme: Programme,
    library: Library,
    names: Iterable[str] = (),
) -> tuple[Session, list[Event]]:
    """Rebuild a session after the program stopped.

    Every closed round, note and agenda item comes back. A round that was open lost its votes
    (they were never written down): it is reopened empty, with a `RoundReopened` event so the
    trainer can be told. Votes from before the stop cannot be compared with a revote.
    """
    stored = read_record(record)
    session = Session(stored.id, programme, library, date.fromisoformat(stored.day), names)
    session.keep_until = date.fromisoformat(stored.keep_until)
    session.restored_participants = stored.participants
    session.locked = stored.locked
    session.started = True
    session.ended = stored.ended
    session.item_index = min(stored.item_index, len(programme.items) - 1)
    # The item's timer as it was at its last start, stop or change (a running timer's
    # deadline belongs to the stopped process's clock, so it comes back stopped).
    session.timer.reset(timer_seconds(programme.items[session.item_index]))
    left = record.get("timer_left")
    if isinstance(left, int) and not isinstance(left, bool) and session.timer.seconds is not None:
        session.timer.remaining = max(0, left)
    session.notes = {index: list(notes) for index, notes in stored.notes.items()}
    session.agenda = list(stored.agenda)
    session.agenda_plans = {
        index: AgendaPlan(
            seeds=list(plan.seeds),
            points=list(plan.points),
            max_choices=plan.max_choices,
            actions=dict(plan.actions),
        )
        for index, plan in stored.agenda_items.items()
    }
    session.names_declared = session.names_declared or bool(stored.names_declared)
    events: list[Event] = []
    for raw in stored.rounds:
        round_ = Round(id=raw.id, item_index=raw.item, attempt=raw.attempt)
        round_.phase = raw.phase
        round_.result = raw.result
        round_.shift = raw.shift
        round_.approved_texts = list(raw.texts)
        if round_.phase is Phase.OPEN:
            round_.reopened = True
            events.append(RoundReopened(round_.id))
        else:
            round_.answers_lost = True
        session.rounds.append(round_)
    return session, events
