"""The pure core never loads Textual, Rich or websockets (see ARCHITECTURE.md)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE_MODULES = ["workshop.decks", "workshop.cli", "workshop.i18n", "workshop.paths"]
FORBIDDEN = ["textual", "rich", "websockets", "tinydb", "qrcode"]


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_module_loads_no_io_library(module: str) -> None:
    code = f"import sys, {module}\nprint(','.join(m for m in {FORBIDDEN!r} if m in sys.modules))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} loaded {result.stdout.strip()}"
