"""One factory for the app, used by the command line and by the tests."""

from __future__ import annotations

from workshop.tui.app import TuiOptions, WorkshopApp


def make_app(options: TuiOptions | None = None) -> WorkshopApp:
    return WorkshopApp(options or TuiOptions())
