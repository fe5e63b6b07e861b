"""Checking the keys and value types of one TOML table against a small schema."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from workshop.i18n import t


@dataclass(frozen=True)
class FieldSpec:
    """What one key of a table must hold."""

    kind: type | tuple[type, ...]
    required: bool = False
    items: type | None = None
    """For lists: the type every element must have."""


def type_name(expected: type | tuple[type, ...]) -> str:
    """The Dutch (or English) name of a TOML value type, for messages."""
    names = expected if isinstance(expected, tuple) else (expected,)
    return t("type.or").join(t(f"type.{kind.__name__}") for kind in names)


def check_table(
    table: dict[str, Any],
    spec: dict[str, FieldSpec],
    report: Callable[[str, str], None],
    required: set[str] = frozenset(),  # type: ignore[assignment]
) -> dict[str, Any]:
    """Report unknown keys, missing keys and wrong types; return the keys that are fine.

    `report(field, message)` is called once per problem. `required` adds keys that are
    required in this context (for example only on dilemma cards).
    """
    good: dict[str, Any] = {}
    for key, value in table.items():
        field = spec.get(key)
        if field is None:
            report(key, t("field.unknown", known=", ".join(sorted(spec))))
            continue
        if not _has_type(value, field.kind):
            report(key, t("field.type", expected=type_name(field.kind)))
            continue
        if field.items is not None and not all(_has_type(v, field.items) for v in value):
            report(key, t("field.items", expected=type_name(field.items)))
            continue
        if isinstance(value, str) and not value.strip():
            report(key, t("field.empty"))
            continue
        good[key] = value
    for key, field in spec.items():
        if (field.required or key in required) and key not in table:
            report(key, t("field.missing"))
    return good


def _has_type(value: Any, expected: type | tuple[type, ...]) -> bool:
    # TOML booleans are ints in Python; never accept one where a number is meant.
    if isinstance(value, bool):
        kinds = expected if isinstance(expected, tuple) else (expected,)
        return bool in kinds
    return isinstance(value, expected)
