"""The timer counts down on the (frozen, then moved) clock, can be adjusted and stops at 0."""

from __future__ import annotations

from textual.app import App, ComposeResult

from workshop.tui.widgets.countdown import Countdown


class TimerApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.now = 100.0

    def compose(self) -> ComposeResult:
        yield Countdown(lambda: self.now, id="timer")


async def test_countdown() -> None:
    app = TimerApp()
    async with app.run_test() as pilot:
        timer = app.query_one(Countdown)
        timer.set_seconds(60)
        assert str(timer.render()) == "Timer 01:00" and timer.has_class("paused")
        timer.start()
        assert timer.running and not timer.has_class("paused")
        app.now += 15
        await pilot.pause(0.6)
        assert timer.remaining == 45
        timer.adjust(15)
        app.now += 1
        await pilot.pause(0.6)
        assert timer.remaining == 59
        timer.stop()
        app.now += 30
        await pilot.pause(0.6)
        assert timer.remaining == 59 and timer.has_class("paused")
        timer.start()
        app.now += 100
        await pilot.pause(0.6)
        assert timer.remaining == 0 and not timer.running and timer.has_class("expired")
