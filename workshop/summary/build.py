"""From a stored session record (see `engine.record.to_record`) to a `Summary`.

The record holds card references; the library supplies each card's question and options.
Withheld rounds stay withheld: a summary never holds a count the record did not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, assert_never

from workshop.decks.library import Library
from workshop.decks.model import (
    ChoiceQuestion,
    MultiChoiceQuestion,
    OpenQuestion,
    Question,
    ScaleQuestion,
)
from workshop.engine.agenda import CHOOSE
from workshop.engine.results import Shift, ranking
from workshop.engine.stored import StoredItem, StoredRound, StoredSession, read_record
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
    hidden: tuple[str, ...] = ()
    """Meerkeuze: options picked by fewer than k, ranked below the shown counts, no number."""

    def percentage(self, count: int) -> int:
        return round(count * 100 / self.total) if self.total else 0

    def rows(self) -> tuple[tuple[str, int | None], ...]:
        """The counts in display order; for meerkeuze an option picked by fewer than k
        comes without a number (None), ranked below the counts above zero."""
        counts = self.counts or ()
        if not self.hidden:
            return counts
        above = tuple(pair for pair in counts if pair[1])
        zeros = tuple(pair for pair in counts if not pair[1])
        return (*above, *((key, None) for key in self.hidden), *zeros)


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
class AgendaRow:
    """One point of an agenda item's vote, in ranked order."""

    rank: int
    point: str
    votes: int | None
    """How many chose it; None when fewer than k did (ranked, without a number)."""
    wie: str = ""
    """A role, never a name."""
    wat: str = ""
    wanneer: str = ""


@dataclass(frozen=True)
class AgendaSummary:
    """An agenda item (`soort = "agenda"`): the ranked points with what was agreed."""

    number: int
    """1-based position of the item in the programme."""
    title: str
    seeds: tuple[str, ...]
    rows: tuple[AgendaRow, ...]
    """Ranked; empty when the vote did not close or was withheld."""
    voters: int | None
    withheld: bool
    """Fewer than k took part in the vote: nothing of it is shown."""


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
    agenda_votes: tuple[AgendaSummary, ...] = ()


def build_summary(record: dict[str, Any], library: Library | None = None) -> Summary:
    """The anonymous summary of one stored session."""
    stored = read_record(record)
    items = tuple(
        _item(index, raw, stored.rounds_of(index), stored.notes.get(index, ()), library)
        for index, raw in enumerate(stored.items)
    )
    return Summary(
        session_id=stored.id,
        title=stored.title,
        programme=stored.programme,
        day=stored.day,
        keep_until=stored.keep_until,
        participants=stored.participants,
        min_group=stored.min_group,
        ended=stored.ended,
        items=items,
        agenda=stored.agenda,
        agenda_votes=tuple(
            _agenda(index, stored)
            for index in sorted(stored.agenda_items)
            if index < len(stored.items)
        ),
        privacy=(
            t("summary.privacy.kept"),
            t("summary.privacy.not_kept"),
            _names_statement(stored.names_declared),
            t("summary.privacy.k", k=stored.min_group),
            t("summary.privacy.until", day=stored.keep_until),
        ),
    )


def _agenda(index: int, stored: StoredSession) -> AgendaSummary:
    plan = stored.agenda_items[index]
    choose = next((r for r in stored.rounds_of(index) if r.attempt == CHOOSE), None)
    result = choose.result if choose is not None else None
    rows = []
    if result is not None and result.counts is not None:
        keys = [chr(ord("A") + n) for n in range(len(plan.points))]
        for rank, (key, votes) in enumerate(ranking(result), start=1):
            if key not in keys:
                continue
            number = keys.index(key)
            action = plan.actions.get(number)
            rows.append(
                AgendaRow(
                    rank,
                    plan.points[number],
                    votes,
                    action.wie if action else "",
                    action.wat if action else "",
                    action.wanneer if action else "",
                )
            )
    return AgendaSummary(
        number=index + 1,
        title=stored.items[index].title,
        seeds=plan.seeds,
        rows=tuple(rows),
        voters=result.total if result is not None else None,
        withheld=result is not None and result.counts is None,
    )


def _names_statement(declared: bool | None) -> str:
    """What the report may say about names: removed as far as given, and whether any were.

    Only declared names are removed, so a name nobody declared may be in any free text; the
    statement never claims more. A record from before the flag existed says neither.
    """
    if declared is None:
        return t("summary.privacy.names_unknown")
    return t("summary.privacy.names_declared" if declared else "summary.privacy.names_none")


def _item(
    index: int,
    raw: StoredItem,
    rounds: tuple[StoredRound, ...],
    notes: tuple[str, ...],
    library: Library | None,
) -> ItemSummary:
    if raw.ref is None:
        return ItemSummary(index + 1, raw.kind, raw.title, notes=notes)
    ref = raw.ref
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
            number = raw.question_number
            asked = card.questions[number - 1] if 0 < number <= len(card.questions) else None
            if asked is not None:
                question, qtype = asked.text, asked.kind.value
                options = _options(asked)
    shift = next((r.shift for r in rounds if r.shift is not None), None)
    texts = tuple(text for r in rounds for text in r.texts)
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
        case MultiChoiceQuestion():
            return tuple((o.key, o.text) for o in question.options)
        case _:
            assert_never(question)


def _round(raw: StoredRound) -> RoundSummary:
    result = raw.result
    if result is None:
        return RoundSummary(raw.attempt, None, None, None, withheld=False, closed=False)
    if result.counts is None:
        return RoundSummary(raw.attempt, None, None, None, withheld=True, closed=True)
    return RoundSummary(
        raw.attempt,
        result.counts,
        result.total,
        result.median,
        withheld=False,
        closed=True,
        hidden=result.hidden,
    )


def _shift(shift: Shift | None) -> ShiftSummary | None:
    if shift is None:
        return None
    if shift.moves is None:
        return ShiftSummary(withheld=True, lost=shift.lost)
    return ShiftSummary(
        withheld=False, compared=shift.compared, changed=shift.changed, moves=shift.moves
    )
