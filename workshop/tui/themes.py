"""The colour theme both apps use on a projector."""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR = Theme(
    name="projector",
    primary="#ffd700",
    secondary="#7fdbff",
    accent="#ffd700",
    warning="#ffb000",
    error="#ff5555",
    success="#50fa7b",
    foreground="#ffffff",
    background="#000000",
    surface="#0a0a0a",
    panel="#1a1a1a",
    dark=True,
)
"""High contrast for a projector: white on black, yellow for what matters."""
