"""The state every phone receives."""

from __future__ import annotations

from typing import Any

from workshop.decks.model import CardItem
from workshop.engine.session import Session
from workshop.views.parts import item_view, question_view, result_view


def phone_view(session: Session) -> dict[str, Any]:
    """The current question, the counts, and results once revealed when the programme shows
    them on phones (never below the group minimum)."""
    round_ = session.current_round
    item = session.item
    round_view = None
    results = None
    if round_ is not None and session.question is not None:
        round_view = {
            "id": round_.id,
            "attempt": round_.attempt,
            "phase": round_.phase.value,
            "question": question_view(session.question),
        }
        on_phones = isinstance(item, CardItem) and item.results_on_phones
        if on_phones:
            results = result_view(session.visible_result(round_))
    return {
        "session": {
            "title": session.programme.title,
            "ended": session.ended,
            "locked": session.locked,
        },
        "item": item_view(session),
        "round": round_view,
        "joined": session.participant_count,
        "connected": len(session.connected),
        "voted": round_.voted if round_ is not None else 0,
        "results": results,
    }
