"""Loading the shipped decks and programmes into frozen dataclasses."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from workshop.decks import (
    Card,
    CardItem,
    ChoiceQuestion,
    DeckKind,
    FreeItem,
    FreeItemKind,
    ScaleQuestion,
    Tier,
    load_checked,
    load_library,
)
from workshop.decks.library import toml_files
from workshop.decks.themes import THEMES
from workshop.paths import builtin_dir


def test_builtin_decks_load_without_problems() -> None:
    library, problems = load_library()
    assert problems == []
    kinds = {deck.kind for deck in library.decks}
    assert kinds == set(DeckKind)
    assert library.programmes


def test_builtin_decks_meet_the_content_counts() -> None:
    library = load_checked()
    by_kind: dict[DeckKind, list[Card]] = {kind: [] for kind in DeckKind}
    for deck in library.decks:
        by_kind[deck.kind].extend(deck.cards)
    dilemmas = by_kind[DeckKind.DILEMMA]
    assert len(dilemmas) >= 36
    per_theme = {theme: sum(card.theme == theme for card in dilemmas) for theme in THEMES}
    assert min(per_theme.values()) >= 3, per_theme
    assert sum(Tier.GEMEENTE not in card.tiers for card in dilemmas) >= 6
    assert len(by_kind[DeckKind.VUISTREGEL]) >= 12
    assert len(by_kind[DeckKind.SIGNAAL]) >= 12
    assert len(by_kind[DeckKind.WARMING_UP]) >= 6
    assert {"kandidatenavond", "fractie-start", "waterschap-en-staten"} <= {
        programme.id for programme in library.programmes
    }
    assert library.programme("kandidatenavond").duration_minutes == 90
    assert library.programme("fractie-start").duration_minutes == 45


def test_every_programme_card_resolves() -> None:
    library = load_checked()
    for programme in library.programmes:
        for item in programme.items:
            if isinstance(item, CardItem):
                assert library.card(item.card_ref).ref == item.card_ref


def test_loaded_objects_are_frozen(valid_set: list[Path]) -> None:
    library = load_checked(valid_set)
    card = library.card("proef/proefkaart")
    with pytest.raises(dataclasses.FrozenInstanceError):
        card.title = "iets anders"  # type: ignore[misc]


def test_fields_arrive_typed(valid_set: list[Path]) -> None:
    library = load_checked(valid_set)
    card = library.card("proef/proefkaart")
    assert card.tiers == (Tier.GEMEENTE,)
    assert card.theme == "geschenken"
    assert card.rule_links == ("regels/krant",)
    assert card.what_if == ("Wat als het een bos bloemen is?",)
    (question,) = card.questions
    assert isinstance(question, ChoiceQuestion)
    assert question.keys == ("A", "B", "C")
    assert "\\" not in card.situation and "\n" not in card.situation
    rule = library.card("regels/krant")
    (scale,) = rule.questions
    assert isinstance(scale, ScaleQuestion)
    assert list(scale.values) == [1, 2, 3, 4, 5]
    programme = library.programme("proefavond")
    assert programme.privacy.min_group == 3
    assert programme.privacy.retention_months == 6
    welcome, item = programme.items
    assert isinstance(welcome, FreeItem) and welcome.kind is FreeItemKind.WELKOM
    assert isinstance(item, CardItem)
    assert (item.blind, item.revote, item.timer_seconds) == (True, True, 60)


def test_privacy_defaults(write) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import VALID_DECK, VALID_PROGRAMME, VALID_RULES

    without = VALID_PROGRAMME.replace("[privacy]\nmin_groep = 3\nbewaartermijn_maanden = 6\n", "")
    paths = [
        write("k/proef.toml", VALID_DECK),
        write("k/regels.toml", VALID_RULES),
        write("s/avond.toml", without),
    ]
    programme = load_checked(paths).programme("avond")
    assert (programme.privacy.min_group, programme.privacy.retention_months) == (3, 12)


def test_draft_folders_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "_concept").mkdir()
    (tmp_path / "_concept" / "half.toml").write_text("kapot =", encoding="utf-8")
    (tmp_path / "deck.toml").write_text("", encoding="utf-8")
    assert [p.name for p in toml_files([tmp_path])] == ["deck.toml"]


def test_builtin_dir_points_at_repository_folders() -> None:
    assert (builtin_dir("kaarten") / "dilemmakaarten.toml").is_file()
    assert (builtin_dir("sessies")).is_dir()
