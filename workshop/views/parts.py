"""Pieces the views share: a question, a result, a shift and the current item as dicts."""

from __future__ import annotations

from typing import Any, assert_never

from workshop.decks.model import ChoiceQuestion, FreeItem, OpenQuestion, Question, ScaleQuestion
from workshop.engine.results import Result, Shift
from workshop.engine.session import Session


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
        case _:
            assert_never(question)
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
