"""Frozen dataclasses for card decks and workshop programmes.

These are the pure data the rest of the program works with; `workshop.decks.loader` builds
them from TOML and reports every problem it finds on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import assert_never


class Tier(StrEnum):
    """The level of government a card fits."""

    GEMEENTE = "gemeente"
    PROVINCIE = "provincie"
    WATERSCHAP = "waterschap"


class DeckKind(StrEnum):
    """What a deck is for; it decides which card fields are required."""

    DILEMMA = "dilemma"
    VUISTREGEL = "vuistregel"
    SIGNAAL = "signaal"
    WARMING_UP = "warming-up"
    AGENDA = "agenda"
    """Open questions for the closing part: what goes on the integriteitsagenda."""
    ZELFTEST = "zelftest"
    """Statements for a private self-assessment: answered on the phone, never sent."""


class QuestionKind(StrEnum):
    """How a question is answered on the phone."""

    KEUZE = "keuze"
    SCHAAL = "schaal"
    OPEN = "open"
    MEERKEUZE = "meerkeuze"


OPEN_TEXT_MAX = 280
"""The longest answer to an open question, in characters."""


@dataclass(frozen=True)
class Option:
    """One answer to a `keuze` question."""

    key: str
    """The letter shown and voted: A, B, C, ..."""
    text: str


@dataclass(frozen=True)
class ChoiceQuestion:
    """Pick one of 2-10 options."""

    text: str
    options: tuple[Option, ...]
    kind: QuestionKind = QuestionKind.KEUZE

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)


@dataclass(frozen=True)
class ScaleQuestion:
    """Pick a whole number from `minimum` to `maximum`, with labels for both ends."""

    text: str
    minimum: int
    maximum: int
    label_min: str
    label_max: str
    kind: QuestionKind = QuestionKind.SCHAAL

    @property
    def values(self) -> range:
        return range(self.minimum, self.maximum + 1)


@dataclass(frozen=True)
class OpenQuestion:
    """A short free text, moderated before anyone sees it."""

    text: str
    max_length: int = OPEN_TEXT_MAX
    kind: QuestionKind = QuestionKind.OPEN


@dataclass(frozen=True)
class MultiChoiceQuestion:
    """Pick one up to `max_choices` of 2-10 options (a top 3, for example)."""

    text: str
    options: tuple[Option, ...]
    max_choices: int
    """The most options one participant may pick (at least 1, at most all)."""
    kind: QuestionKind = QuestionKind.MEERKEUZE

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)


Question = ChoiceQuestion | ScaleQuestion | OpenQuestion | MultiChoiceQuestion
"""Every kind of question. Code that treats kinds differently matches on this union (or on
`QuestionKind`) with `assert_never` in the last case, so mypy names every place a new kind
must be handled."""


def question_options(question: Question) -> tuple[Option, ...]:
    """The lettered options of a question (none for a scale or an open question)."""
    match question:
        case ChoiceQuestion() | MultiChoiceQuestion():
            return question.options
        case ScaleQuestion() | OpenQuestion():
            return ()
        case _:
            assert_never(question)


@dataclass(frozen=True)
class Card:
    """One card of a deck: a situation and the questions put to the group about it."""

    deck_id: str
    id: str
    title: str
    tiers: tuple[Tier, ...]
    situation: str
    questions: tuple[Question, ...]
    theme: str | None = None
    rule: str | None = None
    """Vuistregel cards: the rule of thumb in one sentence."""
    discussion_question: str | None = None
    """Vuistregel cards: the question that opens the conversation."""
    follow_up: tuple[str, ...] = ()
    """Doorvraagvragen for the trainer."""
    what_if: tuple[str, ...] = ()
    """"Wat als..." variations that move the tipping point."""
    background: str | None = None
    """For the trainer: the rule that applies, with its legal anchor."""
    rule_links: tuple[str, ...] = ()
    """References `deck/card` to the vuistregels this card touches."""
    next_step: str | None = None
    """Signal cards: a careful next step."""
    contact: str | None = None
    """Signal cards: who to talk to."""
    reflections: tuple[str, ...] = ()
    """Zelftest statements: a short reflection for each answer, in answer order."""

    @property
    def ref(self) -> str:
        """The reference programmes use: `deck-id/card-id`."""
        return f"{self.deck_id}/{self.id}"


@dataclass(frozen=True)
class Deck:
    """A deck of cards, loaded from one TOML file."""

    id: str
    title: str
    kind: DeckKind
    language: str
    cards: tuple[Card, ...]
    description: str = ""
    source: str = ""
    """The file the deck was read from, for messages."""


class FreeItemKind(StrEnum):
    """Programme items that are not a card."""

    WELKOM = "welkom"
    UITLEG = "uitleg"
    PAUZE = "pauze"
    AFSLUITING = "afsluiting"
    ZELFTEST = "zelftest"
    """A private self-assessment on every phone: answers stay there; the hub only learns
    that a phone finished."""
    AGENDA = "agenda"
    """The integriteitsagenda: phones propose points, the trainer approves, phones pick
    their top `max_keuzes`, the trainer records wie, wat and wanneer per chosen point."""


@dataclass(frozen=True)
class CardItem:
    """A programme item that puts a card's question to the group."""

    card_ref: str
    blind: bool = True
    """Votes stay hidden until the trainer reveals them."""
    revote: bool = False
    """Vote again after the discussion, to see how views moved."""
    timer_seconds: int | None = None
    close_at_zero: bool = False
    """`timer_sluit`: the vote closes by itself when the timer reaches zero."""
    results_on_phones: bool = True
    """Show the revealed results on the phones too, not only on the projector."""
    minutes: int | None = None
    """Planned minutes for this item, discussion and revote included."""
    question_index: int = 0
    """Which of the card's questions is put to the group (0 is the first)."""


@dataclass(frozen=True)
class FreeItem:
    """A welcome, explanation, break or closing (with the integrity agenda)."""

    kind: FreeItemKind
    title: str
    text: str = ""
    minutes: int | None = None
    max_choices: int = 3
    """Agenda items: how many points each phone may pick."""


ProgrammeItem = CardItem | FreeItem

DEFAULT_MIN_GROUP = 3
DEFAULT_RETENTION_MONTHS = 12


@dataclass(frozen=True)
class Privacy:
    """How results are protected."""

    min_group: int = DEFAULT_MIN_GROUP
    """Results with fewer votes than this are never shown or stored (k-anonymity)."""
    retention_months: int = DEFAULT_RETENTION_MONTHS
    """How long the anonymous session record is kept."""


@dataclass(frozen=True)
class Programme:
    """A trainer's plan for an evening."""

    id: str
    title: str
    audience: str
    duration_minutes: int
    items: tuple[ProgrammeItem, ...]
    privacy: Privacy = field(default_factory=Privacy)
    description: str = ""
    source: str = ""
    reserve: tuple[str, ...] = ()
    """References `deck/card` the trainer can swap in when a card does not land."""

    @property
    def planned_minutes(self) -> int:
        """The sum of the items' planned minutes (items without minutes count as 0)."""
        return sum(item.minutes or 0 for item in self.items)
