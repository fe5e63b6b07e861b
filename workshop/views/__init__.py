"""What each place may see of a session, decided once, as JSON-ready dicts.

Three pure functions of a `Session` (see ARCHITECTURE.md, "Three views of one session"):
`phone_view` for every participant's browser, `projector_view` for the room's screen
(`workshop scherm`, or the TUI on one mirrored screen), `facilitator_view` for the trainer.
"""

from __future__ import annotations

from workshop.views.facilitator import facilitator_view
from workshop.views.phone import phone_view
from workshop.views.projector import projector_view

__all__ = ["facilitator_view", "phone_view", "projector_view"]
