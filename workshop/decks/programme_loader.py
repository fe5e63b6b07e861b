"""Turning one programme file (a draaiboek in `sessies/`) into a `Programme`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workshop.decks.fields import FieldSpec, check_table
from workshop.decks.model import (
    DEFAULT_MIN_GROUP,
    DEFAULT_RETENTION_MONTHS,
    CardItem,
    FreeItem,
    FreeItemKind,
    Privacy,
    Programme,
    ProgrammeItem,
)
from workshop.decks.source import SourceFile
from workshop.i18n import t

MIN_GROUP_RANGE = (3, 50)
RETENTION_RANGE = (1, 120)
TIMER_RANGE = (5, 3600)

PROGRAMME_FIELDS = {
    "titel": FieldSpec(str, required=True),
    "doelgroep": FieldSpec(str, required=True),
    "duur_minuten": FieldSpec(int, required=True),
    "beschrijving": FieldSpec(str),
    "privacy": FieldSpec(dict),
    "reserve": FieldSpec(list, items=str),
    "onderdeel": FieldSpec(list, required=True, items=dict),
}
PRIVACY_FIELDS = {"min_groep": FieldSpec(int), "bewaartermijn_maanden": FieldSpec(int)}
CARD_ITEM_FIELDS = {
    "kaart": FieldSpec(str, required=True),
    "blind": FieldSpec(bool),
    "herstemming": FieldSpec(bool),
    "timer": FieldSpec(int),
    "timer_sluit": FieldSpec(bool),
    "uitslag_op_telefoon": FieldSpec(bool),
    "minuten": FieldSpec(int),
    "vraag": FieldSpec(int),
}
FREE_ITEM_FIELDS = {
    "soort": FieldSpec(str, required=True),
    "titel": FieldSpec(str, required=True),
    "tekst": FieldSpec(str),
    "minuten": FieldSpec(int),
    "max_keuzes": FieldSpec(int),
}
AGENDA_MAX_CHOICES = 5


def programme_id(path: str) -> str:
    """A programme is known by its file name without `.toml`."""
    return Path(path).stem


def load_programme(source: SourceFile) -> Programme | None:
    """Build a programme; None if any problem was found (all are in `source`).

    Card references (items and reserve), question numbers and the minutes a dilemma needs
    are checked later, against all loaded decks (see `library`). Here: the planned minutes
    are given for every item or for none, and add up to at most `duur_minuten`.
    """
    document = source.parse()
    if document is None:
        return None
    before = len(source.problems)
    header = check_table(
        document,
        PROGRAMME_FIELDS,
        lambda key, message: source.add(message, line=source.key_line(key), field=key),
    )
    if header.get("duur_minuten", 1) <= 0:
        source.add(t("value.positive"), line=source.key_line("duur_minuten"), field="duur_minuten")
    privacy = _privacy(source, header.get("privacy", {}))
    items = [_item(source, index, raw) for index, raw in enumerate(header.get("onderdeel", []))]
    if "onderdeel" in header and not items:
        source.add(t("programme.no_items"), field="onderdeel")
    reserve = header.get("reserve", [])
    for ref in reserve:
        if ref.count("/") != 1:
            source.add(t("link.format", link=ref), line=source.key_line("reserve"), field="reserve")
    if len(source.problems) == before:
        _check_minutes(source, header["duur_minuten"], items)
    if len(source.problems) > before:
        return None
    return Programme(
        id=programme_id(source.path),
        title=header["titel"],
        audience=header["doelgroep"],
        duration_minutes=header["duur_minuten"],
        items=tuple(item for item in items if item is not None),
        privacy=privacy,
        description=header.get("beschrijving", ""),
        source=source.path,
        reserve=tuple(reserve),
    )


def _check_minutes(source: SourceFile, duration: int, items: list[ProgrammeItem | None]) -> None:
    """Minutes for every item or for none; planned minutes fit the programme's duration."""
    planned = [item for item in items if item is not None and item.minutes is not None]
    if not planned:
        return
    for number, item in enumerate(items, start=1):
        if item is not None and item.minutes is None:
            line = source.table_line("onderdeel", number - 1)
            source.add(
                t("programme.minutes_missing"),
                line=line,
                card=f"onderdeel {number}",
                field="minuten",
            )
    total = sum(item.minutes or 0 for item in planned)
    if total > duration:
        source.add(
            t("programme.minutes_total", total=total, duration=duration),
            line=source.key_line("duur_minuten"),
            field="duur_minuten",
        )


def _privacy(source: SourceFile, raw: dict[str, Any]) -> Privacy:
    line = source.key_line("[privacy]") or source.key_line("privacy")

    def report(key: str, message: str) -> None:
        source.add(message, line=source.key_line(key, line), field=f"privacy.{key}")

    fields = check_table(raw, PRIVACY_FIELDS, report)
    min_group = fields.get("min_groep", DEFAULT_MIN_GROUP)
    retention = fields.get("bewaartermijn_maanden", DEFAULT_RETENTION_MONTHS)
    if not MIN_GROUP_RANGE[0] <= min_group <= MIN_GROUP_RANGE[1]:
        report("min_groep", t("value.range", low=MIN_GROUP_RANGE[0], high=MIN_GROUP_RANGE[1]))
    if not RETENTION_RANGE[0] <= retention <= RETENTION_RANGE[1]:
        report(
            "bewaartermijn_maanden",
            t("value.range", low=RETENTION_RANGE[0], high=RETENTION_RANGE[1]),
        )
    return Privacy(min_group=min_group, retention_months=retention)


def _item(source: SourceFile, index: int, raw: dict[str, Any]) -> ProgrammeItem | None:
    line = source.table_line("onderdeel", index)
    label = f"onderdeel {index + 1}"
    before = len(source.problems)

    def report(key: str, message: str) -> None:
        source.add(message, line=source.key_line(key, line), card=label, field=key)

    if "kaart" in raw:
        fields = check_table(raw, CARD_ITEM_FIELDS, report)
        timer = fields.get("timer")
        if timer is not None and not TIMER_RANGE[0] <= timer <= TIMER_RANGE[1]:
            report("timer", t("value.range", low=TIMER_RANGE[0], high=TIMER_RANGE[1]))
        close_at_zero = fields.get("timer_sluit", False)
        if close_at_zero and timer is None:
            report("timer_sluit", t("programme.timer_close_needs_timer"))
        ref = fields.get("kaart", "")
        if ref and ref.count("/") != 1:
            report("kaart", t("link.format", link=ref))
        card_minutes = fields.get("minuten")
        if card_minutes is not None and card_minutes <= 0:
            report("minuten", t("value.positive"))
        question = fields.get("vraag", 1)
        if question < 1:
            report("vraag", t("value.positive"))
        if len(source.problems) > before:
            return None
        return CardItem(
            card_ref=ref,
            blind=fields.get("blind", True),
            revote=fields.get("herstemming", False),
            timer_seconds=timer,
            close_at_zero=close_at_zero,
            results_on_phones=fields.get("uitslag_op_telefoon", True),
            minutes=card_minutes,
            question_index=question - 1,
        )
    if "soort" not in raw:
        report("kaart", t("programme.item_kind"))
        return None
    fields = check_table(raw, FREE_ITEM_FIELDS, report)
    kind_value = fields.get("soort")
    if kind_value is not None and kind_value not in FreeItemKind.__members__.values():
        report("soort", t("value.choice", choices=", ".join(FreeItemKind)))
    minutes = fields.get("minuten")
    if minutes is not None and minutes <= 0:
        report("minuten", t("value.positive"))
    most = fields.get("max_keuzes")
    if most is not None and kind_value != FreeItemKind.AGENDA:
        report("max_keuzes", t("programme.agenda_only"))
    elif most is not None and not 1 <= most <= AGENDA_MAX_CHOICES:
        report("max_keuzes", t("value.range", low=1, high=AGENDA_MAX_CHOICES))
    if len(source.problems) > before or kind_value is None:
        return None
    return FreeItem(
        kind=FreeItemKind(kind_value),
        title=fields["titel"],
        text=" ".join(fields.get("tekst", "").split()),
        minutes=minutes,
        max_choices=most if most is not None else 3,
    )
