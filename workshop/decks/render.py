"""A card as plain text, the way a trainer reads it (`workshop kaarten toon`)."""

from __future__ import annotations

import textwrap
from typing import assert_never

from workshop.decks.model import (
    Card,
    ChoiceQuestion,
    Deck,
    MultiChoiceQuestion,
    OpenQuestion,
    ScaleQuestion,
)
from workshop.decks.themes import THEMES
from workshop.i18n import t

WIDTH = 78


def render_card(card: Card, deck: Deck) -> str:
    """Title, situation, questions, then the trainer's material, wrapped to 78 columns."""
    lines = [card.title, "=" * len(card.title), ""]
    meta = [f"{t('card.deck')}: {deck.title} ({card.ref})"]
    if card.theme:
        meta.append(f"{t('card.theme')}: {THEMES.get(card.theme, card.theme)}")
    meta.append(f"{t('card.tiers')}: {', '.join(card.tiers)}")
    lines += [*meta, ""]
    if card.rule:
        lines += [*_wrap(f"{t('card.rule')}: {card.rule}"), ""]
    for paragraph in card.situation.split("\n\n"):
        lines += [*_wrap(paragraph), ""]
    for question in card.questions:
        lines += _wrap(f"{t('card.question')}: {question.text}")
        match question:
            case ChoiceQuestion():
                for option in question.options:
                    lines += _wrap(f"{option.key}. {option.text}", indent="   ", hang="   ")
            case ScaleQuestion():
                scale = t(
                    "card.scale",
                    low=question.minimum,
                    label_low=question.label_min,
                    high=question.maximum,
                    label_high=question.label_max,
                )
                lines += _wrap(scale, indent="   ")
            case OpenQuestion():
                lines += _wrap(t("card.open", n=question.max_length), indent="   ")
            case MultiChoiceQuestion():
                lines += _wrap(t("card.multi", n=question.max_choices), indent="   ")
                for option in question.options:
                    lines += _wrap(f"{option.key}. {option.text}", indent="   ", hang="   ")
            case _:
                assert_never(question)
        lines.append("")
    for heading, entries in [*trainer_sections(card), (t("card.links"), list(card.rule_links))]:
        if entries:
            lines.append(f"{heading}:")
            for entry in entries:
                lines += _wrap(f"- {entry}", indent="  ", hang="  ")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def trainer_sections(card: Card) -> list[tuple[str, list[str]]]:
    """The trainer's material of a card, as (heading, entries); empty entries are skipped
    by the callers. Shared by `kaarten toon` and the TUI's trainer panel."""
    return [
        (t("card.discussion"), [card.discussion_question] if card.discussion_question else []),
        (t("card.follow_up"), list(card.follow_up)),
        (t("card.what_if"), list(card.what_if)),
        (t("card.next_step"), [card.next_step] if card.next_step else []),
        (t("card.contact"), [card.contact] if card.contact else []),
        (t("card.background"), [card.background] if card.background else []),
    ]


def _wrap(text: str, indent: str = "", hang: str = "") -> list[str]:
    """Wrap a paragraph; `hang` indents the continuation lines of a list entry."""
    lines = textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + hang)
    return lines or [""]
