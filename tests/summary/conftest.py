"""A fixed stored session (as `engine.record.to_record` writes it) for report tests."""

from __future__ import annotations

from typing import Any

import pytest

from workshop.decks import Library, load_checked

RECORD: dict[str, Any] = {
    "version": 1,
    "id": "20261130-abc123",
    "programme": "kandidatenavond",
    "title": "Kandidatenavond",
    "day": "2026-11-30",
    "keep_until": "2027-11-30",
    "min_group": 3,
    "participants": 12,
    "ended": True,
    "item_index": 6,
    "locked": False,
    "items": [
        {"kind": "welkom", "title": "Welkom"},
        {"kind": "kaart", "ref": "warming-up/hoe-kwam-je-hier", "revote": False},
        {"kind": "kaart", "ref": "vuistregels/krantentest", "revote": False},
        {"kind": "kaart", "ref": "dilemmakaarten/etentje-ontwikkelaar", "revote": True},
        {"kind": "kaart", "ref": "ondermijning/contante-donatie", "revote": False},
        {"kind": "agenda", "title": "Onze integriteitsagenda"},
        {"kind": "afsluiting", "title": "Afsluiting en integriteitsagenda"},
    ],
    "rounds": [
        {
            "id": 1,
            "item": 1,
            "attempt": 1,
            "phase": "revealed",
            "result": {"counts": {"A": 2, "B": 6, "C": 3, "D": 1}, "total": 12},
        },
        {
            "id": 2,
            "item": 2,
            "attempt": 1,
            "phase": "revealed",
            "result": {
                "counts": {"1": 1, "2": 3, "3": 4, "4": 3, "5": 1},
                "total": 12,
                "median": 3.0,
            },
        },
        {
            "id": 3,
            "item": 3,
            "attempt": 1,
            "phase": "revealed",
            "result": {"counts": {"A": 5, "B": 4, "C": 2, "D": 1}, "total": 12},
        },
        {
            "id": 4,
            "item": 3,
            "attempt": 2,
            "phase": "revealed",
            "result": {"counts": {"A": 2, "B": 6, "C": 3, "D": 1}, "total": 12},
            "shift": {"compared": 12, "changed": 4, "moves": [["A", "B", 3], ["A", "C", 1]]},
        },
        {"id": 5, "item": 4, "attempt": 1, "phase": "revealed", "result": {"withheld": True}},
        {
            "id": 6,
            "item": 5,
            "attempt": 1,
            "phase": "revealed",
            "texts": [
                "Giftenregister bijhouden bij de griffie",
                "Nevenfuncties op de website zetten",
                "Jaarlijks terugkijken in de fractie",
            ],
        },
        {
            "id": 7,
            "item": 5,
            "attempt": 2,
            "phase": "revealed",
            # C was chosen by two: below k, ranked without its count (never stored).
            "result": {"counts": {"B": 9, "A": 7, "D": 0}, "total": 12, "hidden": ["C"]},
        },
    ],
    "notes": {"3": "Veel twijfel over wie de rekening betaalt; [naam] noemde het giftenregister."},
    "agenda": ["Giftenregister bijhouden bij de griffie", "Nevenfuncties op de website zetten"],
    "agenda_items": {
        "5": {
            "seeds": ["Doe niets wat je niet op de voorpagina van de lokale krant wilt lezen."],
            "points": [
                "Doe niets wat je niet op de voorpagina van de lokale krant wilt lezen.",
                "Giftenregister bijhouden bij de griffie",
                "Nevenfuncties op de website zetten",
                "Jaarlijks terugkijken in de fractie",
            ],
            "max_choices": 3,
            "actions": {
                "1": {
                    "wie": "fractievoorzitter",
                    "wat": "legt het register aan",
                    "wanneer": "maart",
                },
                "0": {
                    "wie": "bestuur",
                    "wat": "bespreekt de krantentest",
                    "wanneer": "voor de zomer",
                },
            },
        }
    },
}


@pytest.fixture(scope="session")
def library() -> Library:
    return load_checked()


@pytest.fixture
def record() -> dict[str, Any]:
    import copy

    return copy.deepcopy(RECORD)
