"""The room's screen app: one `ProjectorView`, fed by the link to the hub."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType

from workshop.i18n import t
from workshop.paths import data_dir
from workshop.scherm.link import follow
from workshop.scherm.messages import LinkLost, RoomState
from workshop.tui.projector import ProjectorView
from workshop.tui.themes import PROJECTOR


@dataclass
class ScreenOptions:
    data: Path | None = None
    """The data folder whose running session to show (`--data`)."""
    clock: Callable[[], float] = field(default=time.monotonic)
    """Monotonic seconds for the big timer; tests freeze it."""


class ScreenApp(App[None]):
    """Shows what the room may see, big; keys only to leave."""

    CSS_PATH = Path(__file__).with_name("scherm.tcss")  # absolute: subclasses live elsewhere
    TITLE = "workshop scherm"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", t("tui.key.quit"), show=False),
        Binding("q", "quit", t("tui.key.quit"), show=False),
    ]

    def __init__(self, options: ScreenOptions | None = None) -> None:
        super().__init__()
        self.options = options or ScreenOptions()
        self.folder = data_dir(self.options.data)

    def compose(self) -> ComposeResult:
        yield ProjectorView(self.options.clock, id="room")

    def on_mount(self) -> None:
        self.register_theme(PROJECTOR)
        self.theme = PROJECTOR.name
        self.title = t("scherm.title")
        self.run_worker(follow(self.folder, self.post_message), exclusive=True, group="link")

    def on_room_state(self, message: RoomState) -> None:
        self.query_one(ProjectorView).show(message.view)

    def on_link_lost(self, message: LinkLost) -> None:
        self.query_one(ProjectorView).show(None, waiting=message.reason)


def make_screen_app(options: ScreenOptions | None = None) -> ScreenApp:
    """The one factory for the room's screen, used by the CLI and the tests."""
    return ScreenApp(options)
