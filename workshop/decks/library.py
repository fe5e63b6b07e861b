"""All decks and programmes together, and the checks that span files.

Loading never stops at the first problem: every file is read, every cross-reference checked,
and all problems are returned together so a trainer can fix a deck in one go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from workshop.decks.deck_loader import declared_id, load_deck
from workshop.decks.model import Card, CardItem, Deck, DeckKind, Programme
from workshop.decks.problems import DeckError, Problem
from workshop.decks.programme_loader import load_programme
from workshop.decks.source import SourceFile
from workshop.i18n import t
from workshop.paths import builtin_dir


@dataclass(frozen=True)
class Library:
    """The decks and programmes a session can draw on."""

    decks: tuple[Deck, ...]
    programmes: tuple[Programme, ...]

    def card(self, ref: str) -> Card:
        """The card for `deck-id/card-id`; KeyError if there is none."""
        return self._cards[ref]

    @cached_property
    def _cards(self) -> dict[str, Card]:
        """Every card by `deck-id/card-id`, looked up once per vote. With two decks of the
        same id the first wins, as it always did."""
        cards: dict[str, Card] = {}
        for deck in self.decks:
            for card in deck.cards:
                cards.setdefault(f"{deck.id}/{card.id}", card)
        return cards

    def programme(self, name: str) -> Programme:
        """A programme by id (file name without .toml); KeyError if there is none."""
        for programme in self.programmes:
            if programme.id == name:
                return programme
        raise KeyError(name)

    def cards(self) -> Iterable[Card]:
        for deck in self.decks:
            yield from deck.cards


def builtin_paths() -> list[Path]:
    """The shipped deck and programme folders."""
    return [builtin_dir("kaarten"), builtin_dir("sessies")]


def toml_files(paths: Iterable[Path]) -> list[Path]:
    """Every `.toml` file named or inside a named folder, once, in a stable order.

    Folders whose name starts with `_` or `.` (drafts) are skipped.
    """
    seen: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*.toml")
                if not any(part.startswith(("_", ".")) for part in p.relative_to(path).parts)
            )
        else:
            found = [path]
        for file in found:
            seen.setdefault(file.resolve(), None)
    return list(seen)


def load_library(paths: Iterable[Path] | None = None) -> tuple[Library, list[Problem]]:
    """Load decks and programmes from files and folders (default: the built-in ones).

    A file is a programme if it has `[[onderdeel]]` items, otherwise a deck. Returns the
    library of everything that loaded cleanly and the list of every problem found.
    """
    decks: list[Deck] = []
    programmes: list[Programme] = []
    problems: list[Problem] = []
    sources: dict[str, SourceFile] = {}
    broken_decks: set[str] = set()
    for path in toml_files(builtin_paths() if paths is None else paths):
        source = SourceFile.read(path, shown_as=_display(path))
        sources[source.path] = source
        if not source.problems:
            if _looks_like_programme(source):
                programme = load_programme(source)
                if programme:
                    programmes.append(programme)
            else:
                deck = load_deck(source)
                if deck:
                    decks.append(deck)
                else:
                    broken_decks.add(declared_id(source))
        problems.extend(source.problems)
    cross = _cross_check(decks, programmes, broken_decks, list(sources.values()))
    problems.extend(_with_line(problem, sources.get(problem.file)) for problem in cross)
    return Library(tuple(decks), tuple(programmes)), problems


def load_checked(paths: Iterable[Path] | None = None) -> Library:
    """Load a library and raise `DeckError` with every problem if there is any."""
    library, problems = load_library(paths)
    if problems:
        raise DeckError(problems)
    return library


def _looks_like_programme(source: SourceFile) -> bool:
    return "[[onderdeel]]" in source.text.replace(" ", "")


def _display(path: Path) -> str:
    """Show paths relative to the working folder when they are below it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _with_line(problem: Problem, source: SourceFile | None) -> Problem:
    """Point a cross-file problem at the card's (or item's) `field =` line."""
    if source is None:
        return problem
    if problem.card is None:
        line = source.key_line(problem.field) if problem.field else None
        return replace(problem, line=line)
    if problem.card.startswith("onderdeel "):
        start = source.table_line("onderdeel", int(problem.card.split()[1]) - 1)
    else:
        start = source.key_line("id", _card_line(source, problem.card))
    line = source.key_line(problem.field or "id", start) if start else None
    return replace(problem, line=line)


def _card_line(source: SourceFile, card_id: str) -> int | None:
    pattern = re.compile(rf'^\s*id\s*=\s*"{re.escape(card_id)}"', re.MULTILINE)
    match = pattern.search(source.text)
    return source.text.count("\n", 0, match.start()) + 1 if match else None


def _cross_check(
    decks: list[Deck],
    programmes: list[Programme],
    broken_decks: set[str],
    sources: list[SourceFile],
) -> list[Problem]:
    """Duplicate ids and references that do not resolve.

    References into a deck that failed to load are not reported: that deck's own problems
    are, and the reference may well be right once it is fixed.
    """
    problems: list[Problem] = []
    deck_sources: dict[str, str] = {}
    card_sources: dict[str, str] = {}
    titles: dict[str, str] = {}
    for deck in decks:
        if deck.id in deck_sources:
            other = deck_sources[deck.id]
            problems.append(
                Problem(deck.source, None, None, "id", t("deck.duplicate", other=other))
            )
        deck_sources.setdefault(deck.id, deck.source)
        for card in deck.cards:
            if card.id in card_sources and card_sources[card.id] != deck.source:
                other = card_sources[card.id]
                problems.append(
                    Problem(deck.source, None, card.id, "id", t("id.duplicate", other=other))
                )
            card_sources.setdefault(card.id, deck.source)
            if card.title in titles:
                message = t("title.duplicate", other=titles[card.title])
                problems.append(Problem(deck.source, None, card.id, "titel", message))
            titles.setdefault(card.title, card.ref)
    by_ref: dict[str, tuple[Deck, Card]] = {
        card.ref: (deck, card) for deck in decks for card in deck.cards
    }
    for source in sources:
        for card_id, link in source.links:
            target = by_ref.get(link)
            if target is None and link.partition("/")[0] in broken_decks:
                continue
            if target is None:
                message = t("link.missing", link=link)
            elif target[0].kind is not DeckKind.VUISTREGEL:
                message = t("link.not_rule", link=link)
            else:
                continue
            problems.append(Problem(source.path, None, card_id, "vuistregels", message))
    for programme in programmes:
        for number, item in enumerate(programme.items, start=1):
            if isinstance(item, CardItem):
                problems += _check_card_item(programme, number, item, by_ref, broken_decks)
        for ref in programme.reserve:
            if ref not in by_ref and ref.partition("/")[0] not in broken_decks:
                message = t("link.missing", link=ref)
                problems.append(Problem(programme.source, None, None, "reserve", message))
    return problems


MIN_REVOTE_MINUTES = 12
"""A dilemma with a revote needs this many minutes at least: two votes, a reveal and a
real conversation (CONTENT.md plans 12-15)."""


def _check_card_item(
    programme: Programme,
    number: int,
    item: CardItem,
    by_ref: dict[str, tuple[Deck, Card]],
    broken_decks: set[str],
) -> list[Problem]:
    """The card exists, has the question asked for, and a revoted dilemma has time enough."""
    where = f"onderdeel {number}"
    target = by_ref.get(item.card_ref)
    if target is None:
        if item.card_ref.partition("/")[0] in broken_decks:
            return []
        message = t("link.missing", link=item.card_ref)
        return [Problem(programme.source, None, where, "kaart", message)]
    deck, card = target
    problems: list[Problem] = []
    if item.question_index >= len(card.questions):
        message = t(
            "programme.no_such_question",
            number=item.question_index + 1,
            ref=card.ref,
            count=len(card.questions),
        )
        problems.append(Problem(programme.source, None, where, "vraag", message))
    if (
        deck.kind is DeckKind.DILEMMA
        and item.revote
        and item.minutes is not None
        and item.minutes < MIN_REVOTE_MINUTES
    ):
        message = t("programme.revote_minutes", least=MIN_REVOTE_MINUTES, n=item.minutes)
        problems.append(Problem(programme.source, None, where, "minuten", message))
    return problems


def card_summary(card: Card, kind: DeckKind) -> dict[str, Any]:
    """The fields `workshop kaarten lijst` shows for a card."""
    return {
        "deck": card.deck_id,
        "id": card.id,
        "kind": kind.value,
        "theme": card.theme or "",
        "title": card.title,
        "tiers": [tier.value for tier in card.tiers],
    }
