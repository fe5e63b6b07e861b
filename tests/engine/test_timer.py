"""The countdown: pure, driven by the caller's `now`; the controller supplies the clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workshop.decks import load_checked
from workshop.engine.events import TimerChanged
from workshop.engine.timer import Timer
from workshop.session.controller import Controller


@pytest.mark.parametrize(
    ("steps", "now", "left", "running"),
    [
        ([], 0.0, 60, False),
        ([("start", 0.0)], 10.0, 50, True),
        ([("start", 0.0)], 10.2, 50, True),  # rounded up: 49.8 s left shows as 50
        ([("start", 0.0)], 75.0, 0, False),  # never below zero; time up means not running
        ([("start", 0.0), ("stop", 20.0)], 100.0, 40, False),
        ([("start", 0.0), ("stop", 20.0), ("start", 30.0)], 40.0, 30, True),
        ([("adjust+15", 0.0)], 5.0, 75, False),
        ([("start", 0.0), ("adjust-15", 10.0)], 10.0, 35, True),
        ([("adjust-100", 0.0)], 0.0, 0, False),
    ],
)
def test_timer_table(steps: list[tuple[str, float]], now: float, left: int, running: bool) -> None:
    timer = Timer()
    timer.reset(60)
    for step, at in steps:
        if step == "start":
            timer.start(at)
        elif step == "stop":
            timer.stop(at)
        else:
            timer.adjust(int(step.removeprefix("adjust")), at)
    assert (timer.left(now), timer.running(now)) == (left, running)


def test_a_timer_at_zero_does_not_start() -> None:
    timer = Timer()
    timer.reset(0)
    assert timer.start(5.0) is False and timer.running(5.0) is False


def test_controller_supplies_now_and_a_sender_cannot(engine_paths: list[Path]) -> None:
    library = load_checked(engine_paths)
    controller, _ = Controller.new("motorproef", library, date(2026, 11, 30))
    controller.clock = lambda: 1000.0
    controller.run("go_to", index=1)
    controller.run("adjust_timer", delta=60)
    # A remote facilitator's "now" is replaced by the controller's clock.
    events = controller.run("start_timer", now=10**9)
    assert events == [TimerChanged(left=60, running=True)]
    controller.clock = lambda: 1030.0
    assert controller.session.timer.left(controller.clock()) == 30


def test_entering_an_item_resets_the_timer_to_the_programme(engine_paths: list[Path]) -> None:
    library = load_checked(engine_paths)
    controller, _ = Controller.new("motorproef", library, date(2026, 11, 30))
    controller.run("go_to", index=1)
    controller.run("adjust_timer", delta=45)
    controller.run("start_timer")
    controller.run("go_to", index=2)
    session = controller.session
    assert session.timer.left(controller.clock()) is None  # that card item has no timer
