"""Is a stored session record whole? Checked before anything reads or resumes it.

A record that was edited by hand, cut off or written by something else must give a clear
message naming what is wrong, never a traceback halfway through a report or a resume. Pure:
reads a dict, returns the first problem found (from the catalogue's `record.*` keys), or None.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from workshop.i18n import t

PHASES = ("shown", "open", "closed", "revealed")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_day(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_str(value: object) -> bool:
    return isinstance(value, str)


def _is_bool(value: object) -> bool:
    return isinstance(value, bool)


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_notes(value: object) -> bool:
    """Item index -> a list of notes (or, in a record from before notes were a list, one)."""
    return isinstance(value, dict) and all(
        isinstance(k, str) and k.isdigit() and (isinstance(v, str) or _is_str_list(v))
        for k, v in value.items()
    )


def _is_result(value: object) -> bool:
    if not isinstance(value, dict):
        return False
    if value.get("withheld") is True:
        return True
    counts = value.get("counts")
    return (
        isinstance(counts, dict)
        and all(isinstance(k, str) and _is_int(v) for k, v in counts.items())
        and _is_int(value.get("total"))
        and (value.get("median") is None or isinstance(value.get("median"), int | float))
    )


def _is_shift(value: object) -> bool:
    if not isinstance(value, dict):
        return False
    if value.get("withheld") is True:
        return True
    moves = value.get("moves")
    return (
        _is_int(value.get("compared"))
        and _is_int(value.get("changed"))
        and isinstance(moves, list)
        and all(
            isinstance(m, list)
            and len(m) == 3
            and isinstance(m[0], str)
            and isinstance(m[1], str)
            and _is_int(m[2])
            for m in moves
        )
    )


Check = Callable[[object], bool]

# field: (check, required)
_TOP: dict[str, tuple[Check, bool]] = {
    "id": (_is_str, True),
    "programme": (_is_str, True),
    "title": (_is_str, True),
    "day": (_is_day, True),
    "keep_until": (_is_day, True),
    "items": (lambda v: isinstance(v, list) and all(isinstance(i, dict) for i in v), True),
    "rounds": (lambda v: isinstance(v, list), True),
    "version": (_is_int, False),
    "min_group": (_is_int, False),
    "participants": (_is_int, False),
    "ended": (_is_bool, False),
    "item_index": (_is_int, False),
    "locked": (_is_bool, False),
    "notes": (_is_notes, False),
    "agenda": (_is_str_list, False),
}

_ROUND: dict[str, tuple[Check, bool]] = {
    "id": (_is_int, True),
    "item": (_is_int, True),
    "attempt": (_is_int, True),
    "phase": (lambda v: v in PHASES, True),
    "result": (_is_result, False),
    "shift": (_is_shift, False),
    "texts": (_is_str_list, False),
    "first_lost": (_is_bool, False),
}


def _field_problem(raw: dict[str, Any], fields: dict[str, tuple[Check, bool]]) -> str | None:
    for name, (check, required) in fields.items():
        if name not in raw:
            if required:
                return t("record.missing", field=name)
            continue
        if not check(raw[name]):
            return t("record.wrong", field=name, value=str(raw[name])[:40])
    return None


def record_problem(record: object) -> str | None:
    """What is wrong with a stored session record (the first thing found), or None."""
    if not isinstance(record, dict):
        return t("record.not_object")
    problem = _field_problem(record, _TOP)
    if problem is not None:
        return problem
    items = len(record["items"])
    for number, raw in enumerate(record["rounds"], start=1):
        if not isinstance(raw, dict):
            return t("record.round", number=number, problem=t("record.not_object"))
        problem = _field_problem(raw, _ROUND)
        if problem is not None:
            return t("record.round", number=number, problem=problem)
        if not 0 <= raw["item"] < max(items, 1):
            problem = t("record.wrong", field="item", value=raw["item"])
            return t("record.round", number=number, problem=problem)
    return None
