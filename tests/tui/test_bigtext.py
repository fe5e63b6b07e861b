"""The big type of the join code and the thanks (issue 13): look-alikes stay apart, and a
zero is never an empty box."""

from __future__ import annotations

import string

import pytest

from workshop.hub.tokens import CODE_ALPHABET
from workshop.tui.bigtext import GLYPHS, big_lines

LOOK_ALIKES = ["D", "O", "0", "Q"], ["U", "V", "Y"], ["1", "I", "L"], ["2", "Z"], ["5", "S"]
LOOK_ALIKES += (["8", "B"],)


def cells(char: str) -> str:
    return "".join(GLYPHS[char])


def test_every_letter_and_digit_has_its_own_glyph() -> None:
    chars = string.ascii_uppercase + string.digits
    assert set(chars) <= set(GLYPHS)
    assert len({GLYPHS[c] for c in chars}) == len(chars)
    assert all(len(row) == 3 for c in chars for row in GLYPHS[c])


@pytest.mark.parametrize("group", LOOK_ALIKES, ids=lambda g: "/".join(g))
def test_look_alikes_differ_in_at_least_two_cells(group: list[str]) -> None:
    for i, first in enumerate(group):
        for second in group[i + 1 :]:
            differ = sum(a != b for a, b in zip(cells(first), cells(second), strict=True))
            assert differ >= 2, (first, second)


def test_zero_is_not_an_empty_box() -> None:
    middle = GLYPHS["0"][1]
    assert middle[1] != " "  # something inside the box: a slash
    assert GLYPHS["0"] != GLYPHS["D"]


def test_the_code_alphabet_is_drawn_and_three_lines_high() -> None:
    assert all(char in GLYPHS for char in CODE_ALPHABET)
    assert len(big_lines(CODE_ALPHABET)) == 3
