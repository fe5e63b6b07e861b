"""The state every phone receives."""

from __future__ import annotations

from typing import Any

from workshop.decks.model import CardItem
from workshop.engine.session import Phase, Session, is_agenda
from workshop.views.parts import agreed_points, item_view, question_view, result_view


def programme_begun(session: Session) -> bool:
    """Has the evening begun for the room? Not while the trainer is still in the lobby on the
    first item with nothing opened (phones then show a welcome, not the first item); yes once
    the lobby is left, another item is shown, or a vote has opened. Showing the QR code again
    later for latecomers does not send phones back to the welcome."""
    if not session.started:
        return False
    opened = any(round_.phase is not Phase.SHOWN for round_ in session.rounds)
    return not session.lobby or session.item_index > 0 or opened


def phone_view(session: Session, now: float | None = None) -> dict[str, Any]:
    """The current question, the counts, and results once revealed when the programme shows
    them on phones (never below the group minimum); an open question's approved texts once
    revealed; the agreed agenda once the session has ended. Given `now` (the hub's clock),
    also the item's timer: seconds left and whether it runs (the phone counts down)."""
    round_ = session.current_round
    item = session.item
    round_view = None
    results = None
    texts: list[str] = []
    if round_ is not None and session.question is not None:
        round_view = {
            "id": round_.id,
            "attempt": round_.attempt,
            "phase": round_.phase.value,
            "question": question_view(session.question),
            "reopened": round_.reopened,
        }
        on_phones = is_agenda(item) or (isinstance(item, CardItem) and item.results_on_phones)
        if on_phones:
            results = result_view(session.visible_result(round_))
            if round_.phase is Phase.REVEALED:
                texts = list(round_.approved_texts)  # only ever approved ones, never pending
    view: dict[str, Any] = {
        "session": {
            "title": session.programme.title,
            "started": programme_begun(session),
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
    if texts:
        view["texts"] = texts
    left = session.timer.left(now) if now is not None else None
    if left is not None and not session.ended:
        view["timer"] = {"left": left, "running": session.timer.running(now or 0.0)}
    agenda = [*session.agenda, *agreed_points(session)]
    if session.ended and agenda:
        # Typed by the trainer and scrubbed when added: what the room agreed on.
        view["agenda"] = agenda
    return view
