"""The pure core never loads Textual, Rich or websockets (see ARCHITECTURE.md)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE_MODULES = [
    "workshop.decks",
    "workshop.cli",
    "workshop.i18n",
    "workshop.paths",
    "workshop.engine",
    "workshop.engine.timer",
    "workshop.views",
    "workshop.protocol",
    "workshop.hub.rules",
    "workshop.hub.live",
]
FORBIDDEN = ["textual", "rich", "websockets", "tinydb", "qrcode"]


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_module_loads_no_io_library(module: str) -> None:
    code = f"import sys, {module}\nprint(','.join(m for m in {FORBIDDEN!r} if m in sys.modules))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} loaded {result.stdout.strip()}"


def test_room_screen_cannot_reach_the_session() -> None:
    """`workshop scherm` shows only what the hub sends it: it loads no engine session, no
    store, no hub server and no facilitator view, so it has nothing private to show."""
    code = (
        "import sys, workshop.scherm.app\n"
        "names = ['workshop.engine.session', 'workshop.store', 'workshop.hub.server',"
        " 'workshop.views', 'workshop.session', 'tinydb']\n"
        "print(','.join(n for n in names if n in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"workshop scherm loaded {result.stdout.strip()}"


def test_session_package_is_headless() -> None:
    """`workshop hub` runs the session without a screen: the session package loads no Textual."""
    code = "import sys, workshop.session\nprint('textual' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
