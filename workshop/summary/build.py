"""From a stored session record (see `engine.record.to_record`) to a `Summary`.

The record holds card references; the library supplies each card's question and options.
Withheld rounds stay withheld: a summary never holds a count the record did not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, assert_never

from workshop.decks.library import Library
from workshop.decks.model import ChoiceQuestion, OpenQuestion, Question, ScaleQuestion
from workshop.engine.stored import note_list
from workshop.i18n import t


@dataclass(frozen=True)
class RoundSummary:
    attempt: int
    counts: tuple[tuple[str, int], ...] | None
    """None when withheld (fewer than k answers) or when the round never closed."""
    total: int | None
    median: float | None
    withheld: bool
    closed: bool

    def percentage(self, count: int) -> int:
        return round(count * 100 / self.total) if self.total else 0


@dataclass(frozen=True)
class ShiftSummary:
    withheld: bool
    lost: bool = False
    """Withheld because the first round was lost when the program stopped."""
    compared: int | None = None
    changed: int | None = None
    moves: tuple[tuple[str, str, int], ...] = ()


@dataclass(frozen=True)
class ItemSummary:
    number: int
    """1-based position in the programme."""
    kind: str
    """`kaart`, or a free item kind (welkom, uitleg, pauze, afsluiting)."""
    title: str
    ref: str | None = None
    question: str | None = None
    question_type: str | None = None
    options: tuple[tuple[str, str], ...] = ()
    """(key, text) for keuze; (value, label) for schaal (labels only at the ends)."""
    rounds: tuple[RoundSummary, ...] = ()
    shift: ShiftSummary | None = None
    texts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """The trainer's scrubbed notes on this item, oldest first."""


@dataclass(frozen=True)
class Summary:
    session_id: str
    title: str
    programme: str
    day: str
    keep_until: str
    participants: int
    min_group: int
    ended: bool
    items: tuple[ItemSummary, ...]
    agenda: tuple[str, ...]
    privacy: tuple[str, ...] = field(default=())


def build_summary(record: dict[str, Any], library: Library | None = None) -> Summary:
    """The anonymous summary of one stored session."""
    rounds_by_item: dict[int, list[dict[str, Any]]] = {}
    for raw in record.get("rounds", []):
        rounds_by_item.setdefault(int(raw["item"]), []).append(raw)
    notes = record.get("notes", {})
    items = tuple(
        _item(index, raw, rounds_by_item.get(index, []), _notes(notes, index), library)
        for index, raw in enumerate(record.get("items", []))
    )
    min_group = int(record.get("min_group", 3))
    return Summary(
        session_id=record["id"],
        title=record["title"],
        programme=record["programme"],
        day=record["day"],
        keep_until=record["keep_until"],
        participants=int(record.get("participants", 0)),
        min_group=min_group,
        ended=bool(record.get("ended")),
        items=items,
        agenda=tuple(record.get("agenda", [])),
        privacy=(
            t("summary.privacy.kept"),
            t("summary.privacy.not_kept"),
            _names_statement(record),
            t("summary.privacy.k", k=min_group),
            t("summary.privacy.until", day=record["keep_until"]),
        ),
    )


def _names_statement(record: dict[str, Any]) -> str:
    """What the report may say about names: removed as far as given, and whether any were.

    Only declared names are removed, so a name nobody declared may be in any free text; the
    statement never claims more. A record from before the flag existed says neither.
    """
    declared = record.get("names_declared")
    if declared is None:
        return t("summary.privacy.names_unknown")
    return t("summary.privacy.names_declared" if declared else "summary.privacy.names_none")


def _item(
    index: int,
    raw: dict[str, Any],
    rounds: list[dict[str, Any]],
    notes: tuple[str, ...],
    library: Library | None,
) -> ItemSummary:
    if raw.get("kind") != "kaart":
        return ItemSummary(index + 1, raw.get("kind", ""), raw.get("title", ""), notes=notes)
    ref = raw["ref"]
    title: str = ref
    question: str | None = None
    qtype: str | None = None
    options: tuple[tuple[str, str], ...] = ()
    if library is not None:
        try:
            card = library.card(ref)
        except KeyError:
            card = None
        if card is not None:
            title = card.title
            # The record names the question asked when it was not the card's first.
            number = int(raw.get("question", 1))
            asked = card.questions[number - 1] if 0 < number <= len(card.questions) else None
            if asked is not None:
                question, qtype = asked.text, asked.kind.value
                options = _options(asked)
    shift = next((r["shift"] for r in rounds if "shift" in r), None)
    texts = tuple(text for r in rounds for text in r.get("texts", []))
    return ItemSummary(
        number=index + 1,
        kind="kaart",
        title=title,
        ref=ref,
        question=question,
        question_type=qtype,
        options=options,
        rounds=tuple(_round(r) for r in rounds),
        shift=_shift(shift),
        texts=texts,
        notes=notes,
    )


def _notes(notes: dict[str, Any], index: int) -> tuple[str, ...]:
    raw = notes.get(str(index))
    return () if raw is None else note_list(raw)


def _options(question: Question) -> tuple[tuple[str, str], ...]:
    """(key, text) for keuze; (value, label) for schaal, labels only at the ends."""
    match question:
        case ChoiceQuestion():
            return tuple((o.key, o.text) for o in question.options)
        case ScaleQuestion():
            ends = {question.minimum: question.label_min, question.maximum: question.label_max}
            return tuple((str(v), ends.get(v, "")) for v in question.values)
        case OpenQuestion():
            return ()
        case _:
            assert_never(question)


def _round(raw: dict[str, Any]) -> RoundSummary:
    result = raw.get("result")
    if result is None:
        return RoundSummary(raw["attempt"], None, None, None, withheld=False, closed=False)
    if result.get("withheld"):
        return RoundSummary(raw["attempt"], None, None, None, withheld=True, closed=True)
    counts = tuple((str(k), int(v)) for k, v in result["counts"].items())
    return RoundSummary(
        raw["attempt"],
        counts,
        int(result["total"]),
        result.get("median"),
        withheld=False,
        closed=True,
    )


def _shift(raw: dict[str, Any] | None) -> ShiftSummary | None:
    if raw is None:
        return None
    if raw.get("withheld"):
        return ShiftSummary(withheld=True, lost=bool(raw.get("lost")))
    return ShiftSummary(
        withheld=False,
        compared=int(raw["compared"]),
        changed=int(raw["changed"]),
        moves=tuple((str(a), str(b), int(n)) for a, b, n in raw["moves"]),
    )
