"""Content rules from CONTENT.md, enforced per kind of deck.

The format rules (types, keys, option order) live in `deck_loader`; these are the rules that
make a card usable in a session: a dilemma has 3-4 options and a situation of 4-8 sentences,
a vuistregel has a scale question for the group reading, a signal asks ja / nee / twijfel.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from workshop.decks.model import Card, ChoiceQuestion, DeckKind, ScaleQuestion
from workshop.i18n import t


@dataclass(frozen=True)
class Bounds:
    low: int
    high: int

    def holds(self, value: int) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True)
class KindRules:
    """The bounds for one kind of deck; None where the kind has no such rule."""

    situation_chars: Bounds
    situation_sentences: Bounds | None = None
    options: Bounds | None = None
    follow_up: Bounds | None = None
    what_if: Bounds | None = None
    needs_scale: bool = False


RULES: dict[DeckKind, KindRules] = {
    DeckKind.DILEMMA: KindRules(
        situation_chars=Bounds(200, 1000),
        situation_sentences=Bounds(4, 8),
        options=Bounds(3, 4),
        follow_up=Bounds(2, 4),
        what_if=Bounds(1, 3),
    ),
    DeckKind.VUISTREGEL: KindRules(situation_chars=Bounds(100, 800), needs_scale=True),
    DeckKind.SIGNAAL: KindRules(situation_chars=Bounds(150, 900), options=Bounds(3, 3)),
    DeckKind.WARMING_UP: KindRules(situation_chars=Bounds(10, 400)),
}

# A sentence ends at . ! or ? (optionally closing a quote) before a capital or the end.
# "art. 28" and "€ 3.000" do not end a sentence.
_SENTENCE_END = re.compile(r"[.!?…][\"”’']?(?=\s+[\"“‘'(]?[A-ZÀ-Ý]|\s*$)")


def count_sentences(text: str) -> int:
    """The number of sentences in running text."""
    return len(_SENTENCE_END.findall(text.strip()))


def check_content(card: Card, kind: DeckKind, report: Callable[[str, str], None]) -> None:
    """Report (field, message) for every content rule the card breaks."""
    rules = RULES[kind]
    length = len(card.situation)
    if not rules.situation_chars.holds(length):
        bounds = rules.situation_chars
        report("situatie", t("content.chars", low=bounds.low, high=bounds.high, n=length))
    if rules.situation_sentences is not None:
        sentences = count_sentences(card.situation)
        if not rules.situation_sentences.holds(sentences):
            bounds = rules.situation_sentences
            report(
                "situatie", t("content.sentences", low=bounds.low, high=bounds.high, n=sentences)
            )
    _count(report, "doorvragen", len(card.follow_up), rules.follow_up)
    _count(report, "wat_als", len(card.what_if), rules.what_if)
    if rules.options is not None:
        choices = [q for q in card.questions if isinstance(q, ChoiceQuestion)]
        if not choices:
            report("vraag", t("content.needs_choice"))
        for question in choices:
            _count(report, "vraag.opties", len(question.options), rules.options)
    if rules.needs_scale and not any(isinstance(q, ScaleQuestion) for q in card.questions):
        report("vraag", t("content.needs_scale"))


def _count(
    report: Callable[[str, str], None], field: str, value: int, bounds: Bounds | None
) -> None:
    if bounds is not None and not bounds.holds(value):
        report(field, t("content.count", low=bounds.low, high=bounds.high, n=value))
