"""The console timer shows the session's countdown on the (frozen, then moved) clock."""

from __future__ import annotations

from textual.app import App, ComposeResult

from workshop.engine.timer import Timer
from workshop.tui.widgets.countdown import Countdown


class TimerApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.now = 100.0
        self.timer = Timer()

    def compose(self) -> ComposeResult:
        yield Countdown(lambda: self.now, lambda: self.timer, id="timer")


async def test_countdown_follows_the_session_timer() -> None:
    app = TimerApp()
    async with app.run_test() as pilot:
        widget = app.query_one(Countdown)
        app.timer.reset(60)
        widget.show_timer()
        assert str(widget.render()) == "Timer 01:00" and widget.has_class("paused")
        app.timer.start(app.now)
        app.now += 15
        await pilot.pause(0.6)
        assert widget.remaining == 45 and not widget.has_class("paused")
        app.timer.stop(app.now)
        app.now += 30
        await pilot.pause(0.6)
        assert widget.remaining == 45 and widget.has_class("paused")
        app.timer.start(app.now)
        app.now += 100
        await pilot.pause(0.6)
        assert widget.remaining == 0 and widget.has_class("expired")
        app.timer.reset(None)
        widget.show_timer()
        assert str(widget.render()) == ""
