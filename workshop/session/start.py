"""Starting a session: new or resumed, its hub on a free port, and closing it again.

Shared by `workshop hub` (`workshop.hub.run.run_headless`) and the TUI, which runs the hub on
its own event loop. The hub is imported as a module: it imports this package's controller,
so a name import here would close a circle while either is half loaded.
"""

from __future__ import annotations

import asyncio
import errno
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.decks import DeckError, load_checked
from workshop.decks.library import Library, builtin_paths
from workshop.declared_names import remember_names
from workshop.engine.events import Event, RoundReopened
from workshop.hub import server as hub_server
from workshop.hub.keys import HubKeys, forget_keys, load_keys, save_keys
from workshop.hub.live import LiveHub, forget_live, local_host, write_live
from workshop.hub.net import SPARE_FILES, files_needed, lan_address, raise_open_file_limit
from workshop.i18n import t
from workshop.paths import data_dir
from workshop.session.controller import Controller
from workshop.store import BadRecordError, CorruptDatabaseError, SessionStore
from workshop.store.atomic import probe_writable
from workshop.store.keyfiles import forget_name_hashes, remove_stale_keys
from workshop.store.writer import BackgroundWriter

if TYPE_CHECKING:
    from workshop.hub.server import Hub

DEFAULT_PROGRAMME = "kandidatenavond"
DEFAULT_PORT = 8765
PORT_TRIES = 20


class StartError(Exception):
    """A session or hub that cannot start; the message says why and what to do."""


START_ERRORS = (StartError, DeckError, CorruptDatabaseError, OSError)
"""What may stop a start: each has a message for the trainer (a notice, not a traceback)."""


@dataclass
class HubOptions:
    programme: str | None = None
    host: str | None = None
    port: int | None = None
    url: str | None = None
    data: Path | None = None
    resume: bool = False
    extra_decks: list[Path] = field(default_factory=list)
    names: Iterable[str] = ()
    capacity: int = 2000
    """Phones that may take part at once (`--max-telefoons`); the facilitator, the projector
    screen and the TUI come on top."""
    per_address: int | None = None
    """Connections from one address; None: the hub's default (the capacity with `--url`).
    `workshop capaciteit` sets it to the capacity: all its phones come from 127.0.0.1."""


@dataclass
class OpenedSession:
    controller: Controller
    keys: HubKeys
    store: SessionStore
    writer: BackgroundWriter
    data: Path
    notices: list[str]


def load_library(options: HubOptions) -> tuple[Library, str]:
    """The decks and programmes to use, and the id of the programme to run.

    PROGRAMMA may be a programme id or the path of a programme file.
    """
    name = options.programme or DEFAULT_PROGRAMME
    paths = [*builtin_paths(), *options.extra_decks]
    if name.endswith(".toml"):
        path = Path(name)
        paths.append(path)
        name = path.stem
    library = load_checked(paths)
    try:
        library.programme(name)
    except KeyError:
        choices = ", ".join(p.id for p in library.programmes)
        raise StartError(t("hub.no_programme", name=name, choices=choices)) from None
    return library, name


def open_session(
    options: HubOptions, today: date, fixed_keys: HubKeys | None = None
) -> OpenedSession:
    """A new session, or (with `resume`) the last unfinished one, with its hub keys.

    `fixed_keys` replaces the random keys (for snapshot tests with a known code).
    """
    library, programme_id = load_library(options)
    folder = data_dir(options.data)
    store = _open_store(folder, library, options.resume)
    notices: list[str] = []
    try:
        if options.resume:
            resumed = Controller.resume(store, library, options.names)
            assert resumed is not None, "checked by _open_store"
            controller, events = resumed
            keys = fixed_keys or load_keys(folder, controller.session.id) or HubKeys.new()
            notices.append(t("hub.resumed", id=controller.session.id))
            notices.extend(_notices(events))
        else:
            controller, _ = Controller.new(programme_id, library, today, store, options.names)
            keys = fixed_keys or HubKeys.new()
        save_keys(folder, controller.session.id, keys)
        notices += remember_names(folder, controller.session, options.names, options.resume)
        remove_stale_keys(folder, store.all(), today)
    except OSError as error:
        store.close()
        raise StartError(t("store.unwritable", folder=folder, error=error)) from None
    # From here on the session runs on an event loop: checkpoints are written off it.
    writer = BackgroundWriter(store)
    controller.save = writer.save
    controller.save_error = lambda: writer.error
    controller.save_folder = str(folder)
    return OpenedSession(controller, keys, store, writer, folder, notices)


def check_start(options: HubOptions) -> None:
    """Everything `open_session` would refuse, checked without changing a file.

    `workshop start` runs this before the TUI takes the terminal, so a start-up fault is a
    message and exit code 1, not a notice in a screen.
    """
    library, _ = load_library(options)
    _open_store(data_dir(options.data), library, options.resume).close()


def _open_store(folder: Path, library: Library, resume: bool) -> SessionStore:
    """The store, checked: readable, every record whole, the folder writable, and (to
    resume) an unfinished session whose programme is loaded. Raises StartError."""
    try:
        store = SessionStore.open(folder)
    except CorruptDatabaseError as error:
        raise StartError(str(error)) from None
    except OSError as error:
        raise StartError(t("store.unwritable", folder=folder, error=error)) from None
    try:
        store.check()
        probe_writable(folder)
        if resume:
            record = store.last_unfinished()
            if record is None:
                raise StartError(t("hub.nothing_to_resume"))
            try:
                library.programme(record["programme"])
            except KeyError:
                raise StartError(
                    t("store.programme_missing", id=record["id"], programme=record["programme"])
                ) from None
    except BadRecordError as error:
        store.close()
        raise StartError(str(error)) from None
    except OSError as error:
        store.close()
        raise StartError(t("store.unwritable", folder=folder, error=error)) from None
    except StartError:
        store.close()
        raise
    return store


def _notices(events: list[Event]) -> list[str]:
    return [t("hub.round_reopened") for event in events if isinstance(event, RoundReopened)]


async def start_hub(
    opened: OpenedSession,
    options: HubOptions,
    on_change: Callable[[], None] | None = None,
) -> Hub:
    """Start the hub on the asked port; without `--port`, on the next free one."""
    needed = files_needed(options.capacity)
    limit = raise_open_file_limit(max(8192, needed))
    if 0 <= limit < needed:
        most = max(0, limit - SPARE_FILES)
        raise StartError(
            t("hub.fd_limit", limit=limit, n=options.capacity, needed=needed, most=most)
        )
    wanted = DEFAULT_PORT if options.port is None else options.port
    tries = 1 if options.port is not None else PORT_TRIES
    served = (url_host(options),)  # pages from the address the QR code names may connect
    for offset in range(tries):
        config = hub_server.HubConfig(
            host=options.host or "0.0.0.0",
            port=wanted + offset,
            public_url=options.url,
            capacity=options.capacity,
            served_hosts=served,
            # Behind a proxy (`--url`) every phone has the proxy's address.
            per_address=options.per_address
            or (options.capacity if options.url else hub_server.HubConfig.per_address),
        )
        hub = hub_server.Hub(opened.controller, opened.keys, config, on_change)
        try:
            await hub.start()
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
            continue
        if offset:
            opened.notices.append(t("hub.port_moved", wanted=wanted, port=hub.port))
        hub.announced_url = hub.join_url(url_host(options))
        session_id = opened.controller.session.id
        host = local_host(config.host)
        live = LiveHub(host, hub.port, opened.keys.screen_key, session_id, os.getpid())
        write_live(opened.data, live)  # `workshop scherm` finds the session here
        return hub
    raise StartError(t("hub.port_taken", port=wanted))


def url_host(options: HubOptions) -> str:
    """The host name phones use: the one asked for, else the LAN address."""
    if options.host and options.host not in ("0.0.0.0", "::"):
        return options.host
    return lan_address()


async def close_session(hub: Hub, opened: OpenedSession) -> bool:
    """Checkpoint and stop; a finished session's keys are deleted.

    Returns True only when the last checkpoint is on disk; otherwise the error is printed.
    """
    forget_live(opened.data, opened.controller.session.id)
    await hub.stop()
    saved = await asyncio.to_thread(opened.writer.close)
    if not saved:
        error = opened.writer.error or t("hub.write_pending")
        print(t("hub.write_failed", error=error, folder=opened.data), file=sys.stderr)
    if opened.controller.session.ended and saved:
        forget_keys(opened.data, opened.controller.session.id)
        forget_name_hashes(opened.data, opened.controller.session.id)
    opened.store.close()
    return saved
