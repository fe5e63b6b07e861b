"""One session, as the TUI and `workshop hub` drive it.

The controller (every command goes through it; it decides when to write) and the start-up
(open or resume, start the hub, close) live here, and the names the TUI needs from the layers
below are re-exported, so the TUI imports this one package instead of the engine, store, hub,
decks and views one by one.
"""

from __future__ import annotations

from workshop.engine.errors import DomainError
from workshop.engine.session import Session
from workshop.hub.keys import HubKeys
from workshop.session.controller import COMMANDS, FACILITATOR_ONLY, Controller
from workshop.session.start import (
    DEFAULT_PROGRAMME,
    START_ERRORS,
    HubOptions,
    OpenedSession,
    StartError,
    check_start,
    close_session,
    load_library,
    open_session,
    start_hub,
    url_host,
)
from workshop.views import projector_view

__all__ = [
    "COMMANDS",
    "DEFAULT_PROGRAMME",
    "FACILITATOR_ONLY",
    "START_ERRORS",
    "Controller",
    "DomainError",
    "HubKeys",
    "HubOptions",
    "OpenedSession",
    "Session",
    "StartError",
    "check_start",
    "close_session",
    "load_library",
    "open_session",
    "projector_view",
    "start_hub",
    "url_host",
]
