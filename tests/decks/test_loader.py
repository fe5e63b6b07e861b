"""Loading the shipped decks and programmes into frozen dataclasses."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from pathlib import Path

import pytest

from workshop.decks import (
    Card,
    CardItem,
    ChoiceQuestion,
    DeckKind,
    FreeItem,
    FreeItemKind,
    OpenQuestion,
    ScaleQuestion,
    Tier,
    load_checked,
    load_library,
)
from workshop.decks.content_rules import tier_problems
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
    assert len(dilemmas) >= 47
    per_theme = {theme: sum(card.theme == theme for card in dilemmas) for theme in THEMES}
    assert min(per_theme.values()) >= 3, per_theme
    assert sum(Tier.GEMEENTE not in card.tiers for card in dilemmas) >= 6
    assert len(by_kind[DeckKind.VUISTREGEL]) >= 12
    assert len(by_kind[DeckKind.SIGNAAL]) >= 12
    assert len(by_kind[DeckKind.WARMING_UP]) >= 6
    assert {"kandidatenavond", "fractie-start", "waterschap-en-staten", "selectiecommissie"} <= {
        programme.id for programme in library.programmes
    }
    assert library.programme("kandidatenavond").duration_minutes == 90
    assert library.programme("fractie-start").duration_minutes == 45
    assert library.programme("selectiecommissie").duration_minutes == 60


def test_every_tier_has_eighteen_dilemmas_that_read_true_there() -> None:
    library = load_checked()
    dilemmas = [c for d in library.decks if d.kind is DeckKind.DILEMMA for c in d.cards]
    for tier in Tier:
        fitting = [card for card in dilemmas if tier in card.tiers and not tier_problems(card)]
        assert len(fitting) >= 18, (tier, len(fitting))


def test_signals_include_honest_noes_and_a_first_step_question() -> None:
    library = load_checked()
    signals = [c for d in library.decks if d.kind is DeckKind.SIGNAAL for c in d.cards]
    assert sum("Geen signaal" in (card.next_step or "") for card in signals) >= 3
    assert sum(len(card.questions) == 2 for card in signals) >= 5
    contacts = " ".join(card.contact or "" for card in signals)
    for contact in ("vertrouwenspersoon", "Meld Misdaad Anoniem", "burgemeester van je eigen"):
        assert contact in contacts


def test_every_vuistregel_asks_how_well_we_arranged_it() -> None:
    library = load_checked()
    rules = [c for d in library.decks if d.kind is DeckKind.VUISTREGEL for c in d.cards]
    assert all(card.questions[1].text == "Hoe goed hebben wij dit geregeld?" for card in rules)


def test_shipped_programmes_are_planned_to_the_minute() -> None:
    """Every item has minutes, they fit the duration, a revoted dilemma gets 12 or more, the
    joining is planned, and each evening ends with the integriteitsagenda (an agenda item, or
    an open question)."""
    library = load_checked()
    for programme in library.programmes:
        items = programme.items
        assert all(item.minutes for item in items), programme.id
        assert programme.planned_minutes <= programme.duration_minutes, programme.id
        assert programme.reserve, programme.id
        joining = [i for i in items[:2] if isinstance(i, FreeItem) and "QR-code" in i.text]
        assert joining and sum(i.minutes or 0 for i in items[:2]) >= 5, programme.id
        # The agenda: an agenda item (proposals, a top 3, wie/wat/wanneer) or an open
        # question from the integriteitsagenda deck, after every other card.
        agenda = [
            (n, i)
            for n, i in enumerate(items)
            if (isinstance(i, FreeItem) and i.kind is FreeItemKind.AGENDA)
            or isinstance(i, CardItem)
        ]
        last_index, last = agenda[-1]
        if isinstance(last, CardItem):
            question = library.card(last.card_ref).questions[last.question_index]
            assert isinstance(question, OpenQuestion), programme.id
            assert last.card_ref.startswith("integriteitsagenda/"), programme.id
        assert all(
            isinstance(i, FreeItem) and i.kind is FreeItemKind.AFSLUITING
            for i in items[last_index + 1 :]
        ), programme.id


def test_the_kandidatenavond_has_the_zelftest_early_and_the_agenda_last() -> None:
    library = load_checked()
    kinds = [
        i.kind if isinstance(i, FreeItem) else None
        for i in library.programme("kandidatenavond").items
    ]
    assert FreeItemKind.ZELFTEST in kinds[:4]
    assert kinds[-2:] == [FreeItemKind.AGENDA, FreeItemKind.AFSLUITING]
    zelftest = [c for d in library.decks if d.kind is DeckKind.ZELFTEST for c in d.cards]
    assert 15 <= len(zelftest) <= 25
    assert {c.theme for c in zelftest} == {
        "nevenfuncties",
        "financien",
        "naasten",
        "sociale-media",
        "verleden",
    }


def test_programme_specifics_from_the_review() -> None:
    library = load_checked()
    evening = library.programme("kandidatenavond")
    secrecy = [
        library.card(i.card_ref)
        for i in evening.items
        if isinstance(i, CardItem) and i.card_ref.startswith("dilemmakaarten/")
    ]
    assert any("geheimhouding" in card.situation for card in secrecy)
    start = library.programme("fractie-start")
    assert "anoniem stemmen schijn" in start.description
    assert start.privacy.min_group == 3
    assert sum(isinstance(i, CardItem) and i.revote for i in start.items) <= 1
    staten = library.programme("waterschap-en-staten")
    for item in staten.items:
        if isinstance(item, CardItem):
            card = library.card(item.card_ref)
            assert card.tiers != (Tier.GEMEENTE,), card.ref
            if card.deck_id == "warming-up":
                assert not tier_problems(replace(card, tiers=(Tier.PROVINCIE, Tier.WATERSCHAP)))


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
