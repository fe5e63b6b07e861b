"""The trainer's view: everything, pending texts and notes included."""

from __future__ import annotations

from typing import Any

from workshop.engine.session import Phase, Session
from workshop.views.parts import result_view, shift_view
from workshop.views.phone import phone_view
from workshop.views.projector import timer_view


def facilitator_view(session: Session, now: float | None = None) -> dict[str, Any]:
    """The phone view plus what only the trainer sees; with `now` (monotonic seconds) the
    timer too."""
    view = phone_view(session)
    round_ = session.current_round
    if round_ is not None and round_.result is not None:
        view["results"] = result_view(round_.result)
        view["shift"] = shift_view(round_.shift)
    elif round_ is not None and round_.phase is Phase.OPEN:
        view["results"] = result_view(session.visible_result(round_))
    view["pending_texts"] = [
        {"id": text.id, "round": round_id, "text": text.text}
        for round_id, text in session.pending_texts()
    ]
    view["approved_texts"] = list(round_.approved_texts) if round_ is not None else []
    view["notes"] = {str(index): list(notes) for index, notes in session.notes.items()}
    view["agenda"] = list(session.agenda)
    view["lobby"] = session.lobby
    view["blackout"] = session.blackout
    if now is not None:
        view["timer"] = timer_view(session, now)
    return view
