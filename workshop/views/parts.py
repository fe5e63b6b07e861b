"""What phones and the facilitator may see of a session, as JSON-ready dicts.

Pure: reads a `Session`, never changes it. The phone view carries only what every participant
may see (results once revealed, only when the programme shows them on phones, never below k);
the facilitator view adds the moderation queue, notes and agenda.
"""

from __future__ import annotations

from typing import Any

from workshop.decks.model import CardItem, ChoiceQuestion, FreeItem, Question, ScaleQuestion
from workshop.engine.results import Result, Shift
from workshop.engine.session import Phase, Session


def question_view(question: Question) -> dict[str, Any]:
    view: dict[str, Any] = {"type": question.kind.value, "text": question.text}
    if isinstance(question, ChoiceQuestion):
        view["options"] = [{"key": o.key, "text": o.text} for o in question.options]
    elif isinstance(question, ScaleQuestion):
        view.update(
            min=question.minimum,
            max=question.maximum,
            label_min=question.label_min,
            label_max=question.label_max,
        )
    else:
        view["max_length"] = question.max_length
    return view


def result_view(result: Result | None) -> dict[str, Any] | None:
    if result is None:
        return None
    if result.suppressed:
        return {"withheld": True}
    return {
        "counts": [list(pair) for pair in result.counts or ()],
        "percentages": [list(pair) for pair in result.percentages()],
        "total": result.total,
        "median": result.median,
    }


def shift_view(shift: Shift | None) -> dict[str, Any] | None:
    if shift is None:
        return None
    if shift.suppressed:
        return {"withheld": True}
    return {
        "compared": shift.compared,
        "changed": shift.changed,
        "moves": [list(move) for move in shift.moves or ()],
    }


def _item_view(session: Session) -> dict[str, Any]:
    item = session.item
    view: dict[str, Any] = {"index": session.item_index, "count": len(session.items)}
    if isinstance(item, FreeItem):
        view.update(kind=item.kind.value, title=item.title, situation=item.text)
    else:
        card = session.library.card(item.card_ref)
        view.update(kind="kaart", title=card.title, situation=card.situation, ref=card.ref)
    return view


def phone_view(session: Session) -> dict[str, Any]:
    """The state every phone receives."""
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
        "item": _item_view(session),
        "round": round_view,
        "joined": session.participant_count,
        "connected": len(session.connected),
        "voted": round_.voted if round_ is not None else 0,
        "results": results,
    }


def facilitator_view(session: Session) -> dict[str, Any]:
    """The phone view plus what only the trainer sees."""
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
    view["notes"] = {str(index): note for index, note in session.notes.items()}
    view["agenda"] = list(session.agenda)
    return view
