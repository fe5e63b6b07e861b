"""`show`: a widget is updated when what it shows changes, and only then (every update of a
Static lays out the screen anew, and screens refresh ten times a second during a round)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

from workshop.tui.widgets.steady import show


class One(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(id="line")


async def test_show_changes_what_changed_and_builds_only_for_new_data() -> None:
    app = One()
    async with app.run_test(size=(40, 5)) as pilot:
        line = app.query_one("#line", Static)
        show(line, "twaalf")
        await pilot.pause()
        assert "twaalf" in str(line.render())
        show(line, Text("dertien"))
        await pilot.pause()
        assert "dertien" in str(line.render())

        built: list[int] = []

        def table(rows: int) -> Table:
            built.append(rows)
            grid = Table.grid()
            for row in range(rows):
                grid.add_row(f"rij {row}")
            return grid

        for rows in (2, 2, 2, 3, 3):
            show(line, lambda rows=rows: table(rows), given=("rijen", rows))
            await pilot.pause()
        assert built == [2, 3]  # built again only when its data changed
        assert "rij&#160;2" in app.export_screenshot()  # the new table is on screen
