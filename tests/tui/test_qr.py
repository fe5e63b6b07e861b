"""The QR code in the lobby decodes to the join URL: the module grid rebuilt from the rendered
cells equals the `qrcode` matrix, with black on white set explicitly."""

from __future__ import annotations

from rich.color import Color
from textual.geometry import Region

from tests.tui.conftest import CODE, URL, MakeOptions, app_with, until
from workshop.tui.bigtext import GLYPHS, big_lines
from workshop.tui.qr import QUIET_ZONE, fitting_scale, qr_matrix, qr_text, scaled
from workshop.tui.screens.lobby import LobbyScreen

BLACK, WHITE = Color.parse("#000000"), Color.parse("#ffffff")
HALVES = {" ": (False, False), "█": (True, True), "▀": (True, False), "▄": (False, True)}


def grid_from_cells(cells: list[list[tuple[str, Color | None, Color | None]]]) -> list[list[bool]]:
    """Undo the half-block drawing: every text row holds two module rows."""
    rows: list[list[bool]] = []
    for line in cells:
        top, bottom = [], []
        for char, color, background in line:
            assert background == WHITE, "the background is set to white, not left to the terminal"
            if char != " ":
                assert color == BLACK, "dark modules are black, whatever the theme"
            upper, lower = HALVES[char]
            top.append(upper)
            bottom.append(lower)
        rows += [top, bottom]
    return rows


def unscale(grid: list[list[bool]], scale: int) -> list[list[bool]]:
    return [row[::scale] for row in grid[::scale]]


def test_rendered_text_round_trips_to_the_matrix() -> None:
    url = f"{URL}/j/{CODE}"
    for scale in (1, 2, 3):
        text = qr_text(url, scale=scale)
        cells = [
            [(char, span_style.color, span_style.bgcolor) for char, span_style in _styled(line)]
            for line in text.split("\n")
        ]
        grid = grid_from_cells(cells)
        expected = scaled(qr_matrix(url), scale)
        assert grid[: len(expected)] == expected
        assert unscale(grid, scale)[: len(qr_matrix(url))] == qr_matrix(url)


def _styled(line):  # type: ignore[no-untyped-def]
    for index, char in enumerate(line.plain):
        yield char, line.get_style_at_offset(_console(), index)


def _console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console()


def test_quiet_zone_is_at_least_two_modules() -> None:
    matrix = qr_matrix(f"{URL}/j/{CODE}")
    assert QUIET_ZONE >= 2
    for ring in range(QUIET_ZONE):
        assert not any(matrix[ring]) and not any(matrix[-1 - ring])
        assert not any(row[ring] or row[-1 - ring] for row in matrix)


def test_scale_fills_the_space_it_has() -> None:
    assert fitting_scale(33, 33, 17) == 1
    assert fitting_scale(33, 66, 33) == 2
    assert fitting_scale(33, 140, 60) == 3


def test_big_code_glyphs_are_distinct() -> None:
    from workshop.hub.tokens import CODE_ALPHABET

    glyphs = [GLYPHS[char] for char in CODE_ALPHABET]
    assert len(set(glyphs)) == len(glyphs)
    assert all(len(row) == 3 for glyph in glyphs for row in glyph)
    assert len(big_lines(CODE)) == 3


async def test_lobby_qr_decodes_to_the_join_url(options: MakeOptions) -> None:
    app = app_with(options())
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LobbyScreen))
        widget = app.screen.query_one("#room-qr")
        width, height = widget.outer_size
        strips = widget.render_lines(Region(0, 0, width, height))
        cells = []
        for strip in strips:
            line = []
            for segment in strip:
                style = segment.style
                for char in segment.text:
                    line.append(
                        (char, style.color if style else None, style.bgcolor if style else None)
                    )
            cells.append(line)
        # The code sits centred in the widget: keep the cells that carry the white background.
        drawn = [[c for c in line if c[2] == WHITE] for line in cells]
        drawn = [line for line in drawn if line]
        assert drawn, "no QR drawn"
        scale = app.screen.query_one("#room-qr").scale()  # type: ignore[attr-defined]
        expected = qr_matrix(app.join_url())
        grid = unscale(grid_from_cells(drawn), scale)
        assert grid[: len(expected)] == expected
        assert app.join_url() == f"{URL}/j/{CODE}"
