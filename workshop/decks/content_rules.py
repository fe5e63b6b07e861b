"""Content rules from CONTENT.md, enforced per kind of deck.

The format rules (types, keys, option order) live in `deck_loader`; these are the rules that
make a card usable in a session: a dilemma has 3-4 options and a situation of 4-8 sentences,
a vuistregel has a scale question for the group reading, a signal asks ja / nee / twijfel
(and may ask a second choice question), an agenda card asks an open question, and a card
tagged provincie or waterschap does not speak only of the gemeente (see `tier_problems`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from workshop.decks.model import (
    Card,
    ChoiceQuestion,
    DeckKind,
    OpenQuestion,
    ScaleQuestion,
    Tier,
    question_options,
)
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
    """Options of the first choice question (and of the others, unless `later_options`)."""
    later_options: Bounds | None = None
    """Options of every further choice question, where these differ from the first."""
    follow_up: Bounds | None = None
    what_if: Bounds | None = None
    needs_scale: bool = False
    needs_open: bool = False


RULES: dict[DeckKind, KindRules] = {
    DeckKind.DILEMMA: KindRules(
        situation_chars=Bounds(200, 1000),
        situation_sentences=Bounds(4, 8),
        options=Bounds(3, 4),
        follow_up=Bounds(2, 4),
        what_if=Bounds(1, 3),
    ),
    DeckKind.VUISTREGEL: KindRules(situation_chars=Bounds(100, 800), needs_scale=True),
    DeckKind.SIGNAAL: KindRules(
        situation_chars=Bounds(150, 900), options=Bounds(3, 3), later_options=Bounds(3, 4)
    ),
    DeckKind.WARMING_UP: KindRules(situation_chars=Bounds(10, 400)),
    DeckKind.AGENDA: KindRules(situation_chars=Bounds(50, 600), needs_open=True),
    DeckKind.ZELFTEST: KindRules(situation_chars=Bounds(20, 300)),
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
        for number, question in enumerate(choices):
            bounds = rules.later_options if number and rules.later_options else rules.options
            _count(report, "vraag.opties", len(question.options), bounds)
    if rules.needs_scale and not any(isinstance(q, ScaleQuestion) for q in card.questions):
        report("vraag", t("content.needs_scale"))
    if rules.needs_open and not any(isinstance(q, OpenQuestion) for q in card.questions):
        report("vraag", t("content.needs_open"))
    for field, message in tier_problems(card):
        report(field, message)


def _count(
    report: Callable[[str, str], None], field: str, value: int, bounds: Bounds | None
) -> None:
    if bounds is not None and not bounds.holds(value):
        report(field, t("content.count", low=bounds.low, high=bounds.high, n=value))


# --- tiers ---------------------------------------------------------------------------------

# Words that name the gemeente's own bodies, places, plans or law: "de raad" and its
# compounds (raadslid, raadsvergadering, gemeenteraad), but not the verb ("ik raad je aan"),
# the Raad van State or an ondernemingsraad.
_GEMEENTE_WORDS = re.compile(
    r"\b(?:gemeente\w*|(?:de|die|deze|jullie|onze) raad(?! van State)|"
    r"raads(?:lid|leden|vergadering\w*|voorstel\w*|werk|fractie\w*|periode|besluit\w*|"
    r"griffie\w*|zaal|informatie\w*|commissie\w*)|raadzaal|college|wethouders?|"
    r"burgemeesters?|omgevingsplan\w*|bestemmingsplan\w*|B en W)\b",
    re.IGNORECASE,
)

# Words that show a text also speaks of the other tier, so it reads true there.
_TIER_WORDS: dict[Tier, re.Pattern[str]] = {
    Tier.PROVINCIE: re.compile(
        r"\b(?:provinci\w*|Staten\w*|statengriffie\w*|gedeputeerde\w*|"
        r"Commissaris van de Koning)\b",
        re.IGNORECASE,
    ),
    Tier.WATERSCHAP: re.compile(
        r"\b(?:waterschap\w*|algemeen bestuur|dagelijks bestuur|AB|dijkgraaf)\b",
        re.IGNORECASE,
    ),
}


def _texts(card: Card) -> list[tuple[str, str]]:
    """(field, text) for every piece of text a card shows; list entries one by one."""
    texts: list[tuple[str, str]] = [("situatie", card.situation)]
    for number, question in enumerate(card.questions, start=1):
        texts.append((f"vraag {number}.tekst", question.text))
        texts += [(f"vraag {number}.opties", option.text) for option in question_options(question)]
    for field, value in (
        ("titel", card.title),
        ("regel", card.rule),
        ("gespreksvraag", card.discussion_question),
        ("achtergrond", card.background),
        ("volgende_stap", card.next_step),
        ("aanspreekpunt", card.contact),
    ):
        if value:
            texts.append((field, value))
    texts += [("doorvragen", text) for text in card.follow_up]
    texts += [("wat_als", text) for text in card.what_if]
    return texts


def tier_problems(card: Card) -> list[tuple[str, str]]:
    """(field, message) for each text of a provincie or waterschap card that speaks only of
    the gemeente: it names the raad, college, wethouder, gemeentehuis, omgevingsplan or
    Gemeentewet and nothing of the other tier in the same text (list entries count alone).

    "Je vergadering", "het bestuur" or "raad, Staten of algemeen bestuur" read true in every
    tier; so does a background that cites the Gemeentewet and names the Provinciewet or the
    Waterschapswet beside it.
    """
    problems: list[tuple[str, str]] = []
    others = [tier for tier in (Tier.PROVINCIE, Tier.WATERSCHAP) if tier in card.tiers]
    if not others:
        return problems
    for field, text in _texts(card):
        words = sorted({match.group(0).lower() for match in _GEMEENTE_WORDS.finditer(text)})
        if not words:
            continue
        missing = [tier for tier in others if not _TIER_WORDS[tier].search(text)]
        if missing:
            message = t(
                "content.tier",
                tiers=", ".join(tier.value for tier in missing),
                words=", ".join(f"'{word}'" for word in words),
            )
            problems.append((field, message))
    return problems
