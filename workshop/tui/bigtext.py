"""Big type for the join code, counts and the timer: every code character and digit in a
3x3 box-drawing glyph (the timer's colon is one column wide).

Textual's `Digits` covers digits and A-F only; join codes use most of the alphabet. The
glyphs are drawn so that look-alikes in the code alphabet (2/Z, 5/S) stay distinct.
"""

from __future__ import annotations

GLYPHS: dict[str, tuple[str, str, str]] = {
    "A": ("┏━┓", "┣━┫", "╹ ╹"),
    "B": ("┏┓ ", "┣┻┓", "┗━┛"),
    "C": ("┏━╸", "┃  ", "┗━╸"),
    "D": ("┏━┓", "┃ ┃", "┗━┛"),
    "E": ("┏━╸", "┣━ ", "┗━╸"),
    "F": ("┏━╸", "┣━ ", "╹  "),
    "G": ("┏━╸", "┃╺┓", "┗━┛"),
    "H": ("╻ ╻", "┣━┫", "╹ ╹"),
    "I": ("╺┳╸", " ┃ ", "╺┻╸"),
    "J": ("  ╻", "  ┃", "┗━┛"),
    "K": ("╻ ╻", "┣┳┛", "╹┗╸"),
    "L": ("╻  ", "┃  ", "┗━╸"),
    "M": ("┏┳┓", "┃┃┃", "╹╹╹"),
    "N": ("┏┓╻", "┃┃┃", "╹┗┛"),
    "O": ("╭─╮", "│ │", "╰─╯"),
    "P": ("┏━┓", "┣━┛", "╹  "),
    "Q": ("╭─╮", "│ ╲", "╰─╳"),
    "R": ("┏━┓", "┣┳┛", "╹┗╸"),
    "S": ("╭━╸", "╰━╮", "╺━╯"),
    "T": ("╺┳╸", " ┃ ", " ╹ "),
    "U": ("╻ ╻", "┃ ┃", "┗━┛"),
    "V": ("╻ ╻", "╲ ╱", " ╹ "),
    "W": ("╻ ╻", "┃┃┃", "┗┻┛"),
    "X": ("╲ ╱", " ╳ ", "╱ ╲"),
    "Y": ("╻ ╻", "┗┳┛", " ┃ "),
    "Z": ("╺━┓", " ╱ ", "┗━╸"),
    "1": ("╺┓ ", " ┃ ", "╺┻╸"),
    "2": ("╺━┓", "┏━┛", "┗━╸"),
    "3": ("╺━┓", " ━┫", "╺━┛"),
    "4": ("╻ ╻", "┗━┫", "  ╹"),
    "5": ("┏━╸", "┗━┓", "╺━┛"),
    "6": ("┏━╸", "┣━┓", "┗━┛"),
    "7": ("╺━┓", "  ┃", "  ╹"),
    "8": ("┏━┓", "┣━┫", "┗━┛"),
    "9": ("┏━┓", "┗━┫", "╺━┛"),
    "0": ("╭━╮", "┃╱┃", "╰━╯"),
    ":": (" ", "•", "•"),
    " ": ("   ", "   ", "   "),
}


def big_lines(text: str, gap: str = " ") -> list[str]:
    """Three lines of big type; unknown characters become blanks."""
    glyphs = [GLYPHS.get(char.upper(), GLYPHS[" "]) for char in text]
    return [gap.join(glyph[row] for glyph in glyphs) for row in range(3)]
