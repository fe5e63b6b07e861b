"""The room's screen, drawn from a projector view (`workshop.views.projector_view`).

Shared by `workshop scherm` (the second window on the projector) and the TUI on one mirrored
screen, so both show exactly the same thing.
"""

from __future__ import annotations

from workshop.tui.projector.view import ProjectorView

__all__ = ["ProjectorView"]
