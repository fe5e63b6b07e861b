"""The room's result rendering from view dicts: bars, scale histogram with median, withheld,
shift sentence, open questions and participant text as plain text."""

from __future__ import annotations

from rich.console import Console

from workshop.decks.model import ChoiceQuestion, Option, ScaleQuestion
from workshop.engine.results import WITHHELD, Shift, tally
from workshop.tui.projector.render import (
    agenda_block,
    agenda_vote_block,
    result_text,
    results_block,
    shift_text,
    texts_block,
)
from workshop.views.parts import question_view, result_view, shift_view

CHOICE = ChoiceQuestion("Wat doe je?", (Option("A", "a"), Option("B", "b")))
SCALE = ScaleQuestion("Hoe makkelijk?", 1, 5, "Heel moeilijk", "Heel makkelijk")


def plain(renderable: object) -> str:
    console = Console(width=100, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_choice_bars_with_counts_and_percentages() -> None:
    result = result_view(tally(CHOICE, {"t1": "A", "t2": "A", "t3": "B", "t4": "A"}, 3))
    lines = result_text(question_view(CHOICE), result, 40).plain.splitlines()
    assert lines[0].startswith("A ") and lines[0].endswith("3  75%")
    assert lines[1].startswith("B ") and lines[1].endswith("1  25%")
    assert abs(lines[0].count("█") - 3 * lines[1].count("█")) <= 3
    assert lines[-1] == "4 stemmen"


def test_scale_histogram_and_median_marked_on_its_bar() -> None:
    result = result_view(tally(SCALE, {"a": 1, "b": 2, "c": 2, "d": 5}, 3))
    lines = result_text(question_view(SCALE), result, 60).plain.splitlines()
    assert lines[0].startswith("1 Heel moeilijk") and lines[4].startswith("5 Heel makkelijk")
    assert lines[1].endswith("◀ mediaan") and "mediaan" not in lines[0] + lines[2]
    assert "Mediaan: 2" in lines


def test_withheld_and_shift_sentences() -> None:
    text = result_text(question_view(CHOICE), result_view(WITHHELD), 40).plain
    assert text == "te weinig stemmen om anoniem te tonen"
    shift = Shift(compared=5, changed=4, moves=(("B", "C", 3), ("A", "C", 1)))
    assert shift_text(shift_view(shift)).plain == (
        "4 deelnemers kozen na het gesprek anders; van B naar C: 3; van A naar C: 1"
    )
    withheld = Shift(compared=None, changed=None, moves=None)
    assert "te weinig stemmen" in shift_text(shift_view(withheld)).plain


def test_before_and_after_side_by_side() -> None:
    before = result_view(tally(CHOICE, {"a": "A", "b": "A", "c": "B"}, 3))
    after = result_view(tally(CHOICE, {"a": "B", "b": "A", "c": "B"}, 3))
    shift = shift_view(Shift(compared=3, changed=2, moves=(("A", "B", 1), ("B", "A", 1))))
    results = [{"attempt": 1, "result": before}, {"attempt": 2, "result": after}]
    text = plain(results_block(question_view(CHOICE), results, shift, 100))
    first = text.splitlines()[0]
    assert "Voor het gesprek" in first and "Na het gesprek" in first
    assert "2 deelnemers kozen na het gesprek anders; van A naar B: 1; van B naar A: 1" in text


def test_participant_text_is_never_markup() -> None:
    hostile = "[@click=app.quit]x[/] [bold red]rood"
    assert texts_block([hostile]).plain == f"« {hostile} »"
    assert hostile in agenda_block([hostile]).plain
    styled = {str(span.style) for span in texts_block([hostile]).spans}
    assert styled == {"bold"}  # only the guillemets; nothing from the text became a style


def test_agenda_points_below_k_have_one_pair_of_parentheses() -> None:
    row = {"wie": "", "wat": "", "wanneer": ""}
    ranked = [
        {**row, "point": "Giftenregister", "votes": 3},
        {**row, "point": "Koffie", "votes": None},
    ]
    shown = plain(agenda_vote_block({"ranked": ranked}))
    assert "1. Giftenregister  (3 keer gekozen)" in shown
    assert "2. Koffie  een paar keer gekozen (aantal niet getoond)" in shown
    assert "((" not in shown and "))" not in shown
