"""What the room may see on the projector: `workshop scherm`, or the TUI on one screen.

Built only from what is public in the room: the lobby (title, join URL and code, how many
joined), the item and its question, the live count, the timer, results once revealed (or live
for a non-blind item), the before/after shift, approved open texts, the agenda on the closing
item, and at the end a summary of what the room saw. Never pending texts, notes, the trainer's
card text, keys or any name: they are not read here at all.
"""

from __future__ import annotations

from typing import Any

from workshop.decks.model import CardItem, FreeItem, FreeItemKind
from workshop.engine.session import Phase, Round, Session, is_zelftest
from workshop.views.parts import (
    agenda_vote_view,
    agreed_points,
    item_view,
    question_view,
    result_view,
    shift_view,
)


def timer_view(session: Session, now: float) -> dict[str, Any] | None:
    """The countdown: its length, whole seconds left and whether it runs; None without one."""
    timer = session.timer
    left = timer.left(now)
    if left is None:
        return None
    return {"seconds": timer.seconds, "left": left, "running": timer.running(now)}


def _room_timer(session: Session, round_: Round | None, now: float) -> dict[str, Any] | None:
    """The timer as the room sees it: while it runs, or before and during a vote; a stopped
    timer after the vote would only distract from the result."""
    timer = timer_view(session, now)
    if timer is None or timer["running"]:
        return timer
    if round_ is not None and round_.phase in (Phase.SHOWN, Phase.OPEN):
        return timer
    return None


def _shown_rounds(session: Session, item_index: int) -> tuple[list[Round], Round | None]:
    """The rounds of an item whose results the room may see, and the round with the shift.

    After a revealed revote both rounds show side by side with the shift; otherwise the
    latest round shows once revealed (or live while open, for a non-blind item).
    """
    rounds = session.rounds_of(item_index)
    if not rounds:
        return [], None
    latest = rounds[-1]
    if latest.phase is Phase.REVEALED and latest.attempt == 2 and len(rounds) == 2:
        return rounds, latest
    if session.visible_result(latest) is not None:
        return [latest], None
    return [], None


def _results(session: Session, item_index: int) -> tuple[list[dict[str, Any]], Any]:
    rounds, with_shift = _shown_rounds(session, item_index)
    results = []
    for round_ in rounds:
        visible = round_.result if len(rounds) == 2 else session.visible_result(round_)
        results.append({"attempt": round_.attempt, "result": result_view(visible)})
    return results, shift_view(with_shift.shift) if with_shift is not None else None


def _texts(session: Session, item_index: int) -> list[str]:
    return [text for r in session.rounds_of(item_index) for text in r.approved_texts]


def _shows_agenda(session: Session) -> bool:
    item = session.item
    return session.ended or (isinstance(item, FreeItem) and item.kind is FreeItemKind.AFSLUITING)


def _proposals(session: Session) -> list[str]:
    """On the closing item: every approved open answer of the evening (once each), so the
    room can pick from its own proposals what goes on the agenda."""
    seen: dict[str, None] = {}
    for round_ in session.rounds:
        if round_.item_index != session.item_index:
            for text in round_.approved_texts:
                seen.setdefault(text, None)
    return list(seen)


def end_view(session: Session) -> dict[str, Any]:
    """The summary the room sees at the end: per card item what was revealed, the approved
    texts, and the agenda. Blind rounds never revealed stay unseen."""
    items = []
    for index, item in enumerate(session.items):
        if not isinstance(item, CardItem):
            continue
        results, shift = _results_at_end(session, index)
        texts = _texts(session, index)
        if not results and not texts:
            continue
        question = session.question_at(index)
        items.append(
            {
                "number": index + 1,
                "title": session.library.card(item.card_ref).title,
                "question": question_view(question) if question is not None else None,
                "results": results,
                "shift": shift,
                "texts": texts,
            }
        )
    return {
        "title": session.programme.title,
        "day": session.day.isoformat(),
        "participants": session.participant_count,
        "items": items,
        "agenda": [*session.agenda, *agreed_points(session)],
    }


def _results_at_end(session: Session, index: int) -> tuple[list[dict[str, Any]], Any]:
    revealed = [r for r in session.rounds_of(index) if r.phase is Phase.REVEALED]
    results = [{"attempt": r.attempt, "result": result_view(r.result)} for r in revealed]
    second = next((r for r in revealed if r.attempt == 2), None)
    return results, shift_view(second.shift) if second is not None else None


def projector_view(
    session: Session, now: float, join: dict[str, str] | None = None
) -> dict[str, Any]:
    """The room's screen. `now`: monotonic seconds for the timer; `join`: the join `url` and
    `code` the hub announces (shown in the lobby; the room needs them to take part)."""
    round_ = session.current_round
    question = session.question
    item = item_view(session)
    card = session.card
    if card is not None and card.rule:
        item["rule"] = card.rule
    round_view = None
    if round_ is not None and question is not None:
        round_view = {
            "id": round_.id,
            "attempt": round_.attempt,
            "phase": round_.phase.value,
            "question": question_view(question),
        }
    results, shift = _results(session, session.item_index)
    return {
        "session": {
            "title": session.programme.title,
            "ended": session.ended,
            "locked": session.locked,
        },
        "join": dict(join) if join else None,
        "blackout": session.blackout,
        "lobby": session.lobby and not session.ended,
        "joined": session.participant_count,
        "connected": len(session.connected),
        "item": item,
        "round": round_view,
        "voted": round_.voted if round_ is not None else 0,
        "timer": _room_timer(session, round_, now),
        "results": results,
        "shift": shift,
        "texts": _texts(session, session.item_index),
        "agenda": [*session.agenda, *agreed_points(session)] if _shows_agenda(session) else None,
        "agenda_vote": agenda_vote_view(session, session.item_index),
        # A zelftest: only how many phones finished it; the answers never leave a phone.
        "zelftest": {"finished": session.zelftest_count()} if is_zelftest(session.item) else None,
        "proposals": _proposals(session) if _shows_agenda(session) else None,
        "end": end_view(session) if session.ended else None,
    }
