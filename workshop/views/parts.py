"""Pieces the views share: a question, a result, a shift and the current item as dicts."""

from __future__ import annotations

from typing import Any, assert_never

from workshop.decks.model import (
    ChoiceQuestion,
    FreeItem,
    MultiChoiceQuestion,
    OpenQuestion,
    Question,
    ScaleQuestion,
)
from workshop.engine.agenda import CHOOSE
from workshop.engine.results import Result, Shift, ranking
from workshop.engine.session import Phase, Session


def question_view(question: Question) -> dict[str, Any]:
    view: dict[str, Any] = {"type": question.kind.value, "text": question.text}
    match question:
        case ChoiceQuestion():
            view["options"] = [{"key": o.key, "text": o.text} for o in question.options]
        case ScaleQuestion():
            view.update(
                min=question.minimum,
                max=question.maximum,
                label_min=question.label_min,
                label_max=question.label_max,
            )
        case OpenQuestion():
            view["max_length"] = question.max_length
        case MultiChoiceQuestion():
            view["options"] = [{"key": o.key, "text": o.text} for o in question.options]
            view["max_choices"] = question.max_choices
        case _:
            assert_never(question)
    return view


def result_view(result: Result | None) -> dict[str, Any] | None:
    if result is None:
        return None
    if result.suppressed:
        return {"withheld": True}
    # Meerkeuze with options picked by fewer than k: ranked, those without a number (null).
    counts = ranking(result) if result.hidden else result.counts or ()
    return {
        "counts": [list(pair) for pair in counts],
        "percentages": [list(pair) for pair in result.percentages()],
        "total": result.total,
        "median": result.median,
    }


def shift_view(shift: Shift | None) -> dict[str, Any] | None:
    if shift is None:
        return None
    if shift.lost:  # the reason is not "too few votes": the first round was lost
        return {"withheld": True, "lost": True}
    if shift.suppressed:
        return {"withheld": True}
    return {
        "compared": shift.compared,
        "changed": shift.changed,
        "moves": [list(move) for move in shift.moves or ()],
    }


def agenda_vote_view(session: Session, index: int) -> dict[str, Any] | None:
    """An agenda item for anyone to see: its starting points while proposals come in, then
    the points put to the vote, and once that vote is revealed the ranked agenda with the
    actions agreed (votes None: chosen by fewer than k, ranked without a number)."""
    plan = session.agenda_plans.get(index)
    if plan is None:
        return None
    choose = next((r for r in session.rounds_of(index) if r.attempt == CHOOSE), None)
    revealed = choose is not None and choose.phase is Phase.REVEALED
    ranked = []
    for number, point, votes in plan.ranked(choose.result if choose and revealed else None):
        action = plan.actions.get(number)
        ranked.append(
            {
                "number": number + 1,
                "point": point,
                "votes": votes,
                "wie": action.wie if action else "",
                "wat": action.wat if action else "",
                "wanneer": action.wanneer if action else "",
            }
        )
    result = choose.result if choose is not None and revealed else None
    return {
        "seeds": list(plan.seeds) if choose is None else [],
        "points": list(plan.points),
        "ranked": ranked,
        "withheld": result is not None and result.suppressed,
    }


def agreed_points(session: Session) -> list[str]:
    """The agenda items' points with an action, as one line each, ranked as voted."""
    lines = []
    for index in sorted(session.agenda_plans):
        view = agenda_vote_view(session, index)
        for row in view["ranked"] if view else []:
            if row["wie"] or row["wat"] or row["wanneer"]:
                parts = " · ".join(p for p in (row["wie"], row["wat"], row["wanneer"]) if p)
                lines.append(f"{row['point']} — {parts}")
    return lines


def item_view(session: Session, index: int | None = None) -> dict[str, Any]:
    """Title and situation of an item (the current one by default), for anyone to see."""
    index = session.item_index if index is None else index
    item = session.items[index]
    view: dict[str, Any] = {"index": index, "count": len(session.items)}
    if isinstance(item, FreeItem):
        view.update(kind=item.kind.value, title=item.title, situation=item.text)
    else:
        card = session.library.card(item.card_ref)
        view.update(kind="kaart", title=card.title, situation=card.situation, ref=card.ref)
    return view
