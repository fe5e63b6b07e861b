"""A QR code drawn with half-block characters, black on white whatever the terminal's colours.

Two module rows make one text row: the upper half block is the top module, its background
the bottom one. The quiet zone is at least two modules, as the QR standard's readers need.
"""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from rich.style import Style
from rich.text import Text

QUIET_ZONE = 2
DARK, LIGHT = "#000000", "#ffffff"
_CELLS = {
    (False, False): (" ", LIGHT, LIGHT),
    (True, True): ("█", DARK, LIGHT),
    (True, False): ("▀", DARK, LIGHT),
    (False, True): ("▄", DARK, LIGHT),
}


def qr_matrix(data: str, border: int = QUIET_ZONE) -> list[list[bool]]:
    """The module grid (True = dark), quiet zone included."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
    code.add_data(data)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def scaled(matrix: list[list[bool]], scale: int) -> list[list[bool]]:
    """Each module repeated `scale` times across and down (terminal cells are twice as high
    as wide, so with half blocks a module stays square at every scale)."""
    return [[cell for cell in row for _ in range(scale)] for row in matrix for _ in range(scale)]


def fitting_scale(side: int, width: int, height: int) -> int:
    """The largest scale (at least 1) at which a code of `side` modules fits the space."""
    scale = 1
    while side * (scale + 1) <= width and (side * (scale + 1) + 1) // 2 <= height:
        scale += 1
    return scale


def qr_text(data: str, border: int = QUIET_ZONE, scale: int = 1) -> Text:
    """The QR code as Rich text: side*scale columns wide, half as many rows high."""
    matrix = scaled(qr_matrix(data, border), scale)
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    text = Text(no_wrap=True, overflow="crop")
    for number, (top, bottom) in enumerate(zip(matrix[::2], matrix[1::2], strict=True)):
        if number:
            text.append("\n")
        for upper, lower in zip(top, bottom, strict=True):
            char, color, background = _CELLS[(upper, lower)]
            # The quiet zone is spaces on white: never strip them.
            text.append(char, Style(color=color, bgcolor=background))
    return text
