"""Card decks and programmes: TOML files in, frozen dataclasses and problems out.

Pure: no Textual, websockets, tinydb or qrcode here.
"""

from workshop.decks.library import Library, load_checked, load_library
from workshop.decks.model import (
    Card,
    CardItem,
    ChoiceQuestion,
    Deck,
    DeckKind,
    FreeItem,
    FreeItemKind,
    MultiChoiceQuestion,
    OpenQuestion,
    Option,
    Privacy,
    Programme,
    ProgrammeItem,
    Question,
    QuestionKind,
    ScaleQuestion,
    Tier,
)
from workshop.decks.problems import DeckError, Problem

__all__ = [
    "Card",
    "CardItem",
    "ChoiceQuestion",
    "Deck",
    "DeckError",
    "DeckKind",
    "FreeItem",
    "FreeItemKind",
    "Library",
    "MultiChoiceQuestion",
    "OpenQuestion",
    "Option",
    "Privacy",
    "Problem",
    "Programme",
    "ProgrammeItem",
    "Question",
    "QuestionKind",
    "ScaleQuestion",
    "Tier",
    "load_checked",
    "load_library",
]
