"""The end of the evening: the room's end view, the anonymous report, and its export.

On one mirrored screen the room sees this window, so it shows the room's end (thank-you,
agenda, what was revealed) and not the report, which holds the trainer's notes. With a room
screen connected, this console previews the full report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from workshop.engine.record import to_record
from workshop.i18n import t
from workshop.paths import reports_dir
from workshop.summary import build_summary, render_markdown
from workshop.summary.export import write_report
from workshop.tui.projector import ProjectorView

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("x", "export", t("tui.key.export")),
        Binding("escape", "back", t("tui.key.back")),
    ]

    @property
    def workshop(self) -> WorkshopApp:
        return cast("WorkshopApp", self.app)

    ready = False
    """Set once mounted: only then may state refreshes touch its widgets."""

    def compose(self) -> ComposeResult:
        session = self.workshop.session
        summary = build_summary(to_record(session), session.library)
        yield ProjectorView(self.workshop.clock, id="room")
        with VerticalScroll(id="summary"):
            yield Static(t("tui.summary.title"), id="summary-title", markup=False)
            yield Static(Text(render_markdown(summary)), id="summary-text")
        yield Static("", id="export-path", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.ready = True
        self.refresh_state()

    def refresh_state(self) -> None:
        console = self.workshop.console_mode
        self.query_one("#summary").display = console
        room = self.query_one("#room", ProjectorView)
        room.display = not console
        room.show(self.workshop.projector_state())

    def action_export(self) -> None:
        from workshop.tui.screens.prompt import TextPrompt

        default = self.workshop.options.export_dir or reports_dir()
        self.app.push_screen(TextPrompt(t("tui.prompt.export"), str(default)), self._export)

    def _export(self, folder: str | None) -> None:
        if folder:
            self.run_worker(lambda: self._write(Path(folder).expanduser()), thread=True)

    def _write(self, folder: Path) -> None:
        session = self.workshop.session
        try:
            paths = write_report(to_record(session), session.library, folder)
        except OSError as error:
            self.app.call_from_thread(
                self.notify, t("tui.export.failed", error=error), severity="error"
            )
            return
        shown = "\n".join(str(path) for path in paths)
        self.app.call_from_thread(self._exported, shown)

    def _exported(self, shown: str) -> None:
        self.query_one("#export-path", Static).update(t("tui.export.done", paths=shown))
        self.notify(t("tui.export.done", paths=shown), timeout=15)

    def action_back(self) -> None:
        self.app.pop_screen()
