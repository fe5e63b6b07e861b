"""The facilitator app: wiring between the screens, the engine and the hub.

The hub runs on the app's own event loop (started from an async worker). Trainer keys send
engine commands through `run_command`; votes from phones reach the screens as coalesced
`StateChanged` messages, at most one per broadcast tick.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from workshop.i18n import t
from workshop.session import (
    START_ERRORS,
    Controller,
    DomainError,
    HubKeys,
    HubOptions,
    OpenedSession,
    Session,
    close_session,
    open_session,
    projector_view,
    start_hub,
    url_host,
)
from workshop.tui.messages import StateChanged
from workshop.tui.themes import PROJECTOR

if TYPE_CHECKING:
    from workshop.hub.server import Hub


@dataclass
class TuiOptions(HubOptions):
    """Everything `workshop` / `workshop start` passes to the app (and tests fix)."""

    today: date = field(default_factory=date.today)
    clock: Callable[[], float] | None = None
    """Monotonic seconds for the timer; tests freeze it."""
    fixed_keys: HubKeys | None = None
    """A known join code (snapshot tests); otherwise random."""
    export_dir: Path | None = None
    start_now: bool = False
    """Skip the start screen (`workshop start PROGRAMMA`, `--hervat`)."""


class WorkshopApp(App[None]):
    """The trainer's screen."""

    CSS_PATH = "workshop.tcss"
    TITLE = "workshop"
    BINDINGS = [
        Binding("f1", "help", t("tui.key.help")),
        Binding("question_mark", "help", t("tui.key.help"), show=False),
        Binding("ctrl+q", "quit", t("tui.key.quit"), show=False),
    ]

    def __init__(self, options: TuiOptions) -> None:
        super().__init__()
        self.options = options
        self.opened: OpenedSession | None = None
        self.hub: Hub | None = None
        self._reported_error: Exception | None = None
        self.clock: Callable[[], float] = options.clock or (
            lambda: asyncio.get_running_loop().time()
        )

    # ------------------------------------------------------------------ session

    @property
    def controller(self) -> Controller:
        assert self.opened is not None, "no session yet"
        return self.opened.controller

    @property
    def session(self) -> Session:
        return self.controller.session

    def join_url(self) -> str:
        assert self.hub is not None
        return self.hub.join_url(url_host(self.options))

    @property
    def console_mode(self) -> bool:
        """True while a room screen (`workshop scherm`) is connected: this window is then
        the trainer's own; without one it is mirrored on the projector for all to see."""
        return self.hub is not None and self.hub.screen_count > 0

    def projector_state(self) -> dict[str, Any]:
        """What the room sees now: the same view the hub sends to `workshop scherm`."""
        join = {"url": self.join_url(), "code": self.opened.keys.code if self.opened else ""}
        return projector_view(self.session, self.clock(), join)

    def privately(self, then: Callable[[], object]) -> None:
        """Run `then` at once on the console; on one mirrored screen only after the trainer
        confirmed that the room will see it."""
        if self.console_mode:
            then()
            return
        from workshop.tui.screens.confirm import Confirm

        def confirmed(sure: bool | None) -> None:
            if sure:
                then()

        self.push_screen(Confirm(t("tui.warn.visible")), confirmed)

    def on_mount(self) -> None:
        self.register_theme(PROJECTOR)
        self.theme = PROJECTOR.name
        if self.options.start_now:
            self.begin(self.options.programme, list(self.options.names), self.options.resume)
        else:
            from workshop.tui.screens.start import StartScreen

            self.push_screen(StartScreen())

    def begin(self, programme: str | None, names: list[str], resume: bool) -> None:
        """Open (or resume) the session and start the hub, then show the lobby."""
        self.run_worker(self._begin(programme, names, resume), exclusive=True, group="begin")

    async def _begin(self, programme: str | None, names: list[str], resume: bool) -> None:
        options = self.options
        options.programme, options.names, options.resume = programme, names, resume
        try:
            # Reading decks and the database is file I/O: off the event loop.
            self.opened = await asyncio.to_thread(
                open_session, options, options.today, options.fixed_keys
            )
            self.opened.controller.clock = self.clock  # one clock for console and room
            self.hub = await start_hub(self.opened, options, self._hub_changed)
        except START_ERRORS as error:
            self.notify(str(error), title=t("tui.start.failed"), severity="error", timeout=30)
            self._show_start_problem(str(error))
            return
        for notice in self.opened.notices:
            self.notify(notice, timeout=15)
        from workshop.tui.screens.item import ItemScreen
        from workshop.tui.screens.lobby import LobbyScreen

        screens: list[Screen[Any]] = [LobbyScreen()]
        if resume and (self.session.item_index or self.session.rounds):
            screens.append(ItemScreen())
        for screen in screens:
            await self.push_screen(screen)

    def _show_start_problem(self, problem: str) -> None:
        """A failed start is written on the start screen (opened for it when the app was
        told to start at once), never a notice over an empty screen."""
        from workshop.tui.screens.start import StartScreen

        for screen in self.screen_stack:
            if isinstance(screen, StartScreen):
                screen.show_problem(problem)
                return
        self.push_screen(StartScreen(problem))

    def _hub_changed(self) -> None:
        self.post_message(StateChanged())

    def on_state_changed(self, _: StateChanged) -> None:
        self.refresh_screens()
        self._report_write_error()

    def _report_write_error(self) -> None:
        """A checkpoint that could not be written (full disk...) must not pass silently;
        nor must a later retry that wrote it after all."""
        writer = self.opened.writer if self.opened is not None else None
        error = writer.error if writer is not None else None
        if error is not None and error is not self._reported_error:
            self._reported_error = error
            self.notify(t("tui.write_failed", error=error), severity="error", timeout=30)
        elif error is None and self._reported_error is not None and writer is not None:
            self._reported_error = None
            self.notify(t("tui.write_ok"), timeout=8)

    async def _after_save(self, saving: Future[None]) -> None:
        """Show a command's outcome once its checkpoint is on disk (or tell it failed)."""
        with contextlib.suppress(Exception):  # the failure is reported just below
            await asyncio.wrap_future(saving)
        self._report_write_error()
        self.refresh_screens()

    def refresh_screens(self) -> None:
        """Refresh every screen that shows session state and has finished mounting (a
        message may arrive between a screen being pushed and its widgets existing).

        Held while a checkpoint is on its way to disk: the trainer never sees a round
        closed before its record is saved."""
        if self.opened is None or not self.is_running or self.controller.saving:
            return  # nothing to show yet, the app is shutting down, or not yet saved
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_state", None)
            if refresh is not None and getattr(screen, "ready", False):
                refresh()

    def run_command(self, name: str, **args: Any) -> bool:
        """Send a command to the engine; a refusal becomes a notice, never a crash."""
        try:
            events = self.controller.run(name, **args)
        except DomainError as error:
            self.notify(error.message, severity="warning")
            return False
        if self.hub is not None:
            self.hub.mark_changed()
        saving = self.controller.last_save
        if saving is not None and not saving.done():
            self.run_worker(self._after_save(saving), group="checkpoint")
        else:
            self._report_write_error()
        for event in events:
            removed = getattr(event, "removed", ())
            if removed:
                what = ", ".join(f"{r.count}× {t('tui.removed.' + r.kind)}" for r in removed)
                self.notify(t("tui.scrubbed", what=what), timeout=8)
        self.refresh_screens()
        return True

    # ------------------------------------------------------------------ app actions

    def action_help(self) -> None:
        from workshop.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        """Ctrl+Q: straight out before a session runs or once it ended; mid-evening only
        after the trainer confirmed (a stray key must not stop the hub under the phones)."""
        if self.hub is None or self.session.ended:  # no evening running
            await self._quit()
            return
        from workshop.tui.screens.confirm import Confirm

        if isinstance(self.screen, Confirm):
            return  # already asking

        async def quit_if_sure(sure: bool | None) -> None:
            if sure:
                await self._quit()

        self.push_screen(Confirm(t("tui.confirm.quit")), quit_if_sure)

    async def _quit(self) -> None:
        await self.shutdown()
        self.exit()

    async def on_unmount(self) -> None:
        await self.shutdown()

    async def shutdown(self) -> None:
        """Checkpoint and stop the hub (the session stays resumable unless it ended)."""
        if self.hub is not None and self.opened is not None:
            hub, self.hub = self.hub, None
            await close_session(hub, self.opened)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key of the current screen is in the command palette, in the session's
        language; Textual's own English commands (theme, screenshot, maximize...) are left
        out: the theme is fixed, and quitting is the app's own Ctrl+Q."""
        seen: set[str] = set()
        for binding in [*screen.BINDINGS, *self.BINDINGS]:
            if not isinstance(binding, Binding) or binding.action in seen:
                continue
            seen.add(binding.action)
            if screen.check_action(binding.action, ()) is False:
                continue
            namespace = screen if binding in screen.BINDINGS else self
            yield SystemCommand(
                binding.description,
                t("tui.palette.key", key=binding.key.split(",")[0]),
                partial(self.run_action, binding.action, namespace),
            )
