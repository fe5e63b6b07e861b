"""Result rendering: bars, scale histogram with median, withheld, shift sentence."""

from __future__ import annotations

from workshop.decks.model import ChoiceQuestion, Option, ScaleQuestion
from workshop.engine.results import WITHHELD, Shift, tally
from workshop.tui.widgets.results import result_text, shift_text

CHOICE = ChoiceQuestion("Wat doe je?", (Option("A", "a"), Option("B", "b")))
SCALE = ScaleQuestion("Hoe makkelijk?", 1, 5, "Heel moeilijk", "Heel makkelijk")


def test_choice_bars_with_counts_and_percentages() -> None:
    result = tally(CHOICE, {"t1": "A", "t2": "A", "t3": "B", "t4": "A"}, 3)
    lines = result_text(CHOICE, result, 40).plain.splitlines()
    assert lines[0].startswith("A ") and lines[0].endswith("3  75%")
    assert lines[1].startswith("B ") and lines[1].endswith("1  25%")
    assert abs(lines[0].count("█") - 3 * lines[1].count("█")) <= 3
    assert lines[-1] == "4 stemmen"


def test_scale_histogram_and_median() -> None:
    result = tally(SCALE, {"a": 1, "b": 2, "c": 2, "d": 5}, 3)
    text = result_text(SCALE, result, 60).plain
    assert "1 Heel moeilijk" in text and "5 Heel makkelijk" in text
    assert "Mediaan: 2" in text


def test_withheld_and_shift_sentences() -> None:
    assert result_text(CHOICE, WITHHELD, 40).plain == "te weinig stemmen om anoniem te tonen"
    shift = Shift(compared=5, changed=4, moves=(("B", "C", 3), ("A", "C", 1)))
    assert shift_text(shift).plain == (
        "4 deelnemers kozen na het gesprek anders; van B naar C: 3; van A naar C: 1"
    )
    withheld = Shift(compared=None, changed=None, moves=None)
    assert "te weinig stemmen" in shift_text(withheld).plain
