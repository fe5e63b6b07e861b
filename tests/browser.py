"""Debian's Chromium for browser tests: where it is and how it is started (never downloaded)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = Path(CHROMIUM).exists()
# Headless, and quiet: without these Chromium keeps calling home on a closed network.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


async def launch(playwright: Any) -> Any:
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "phone"
"""Where the phone tests keep their screenshots, to be looked at."""


async def shot(page: Any, name: str) -> None:
    """A full-page screenshot of `page` as artifacts/phone/NAME.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
