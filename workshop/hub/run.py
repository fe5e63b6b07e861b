"""`workshop hub`: a session and its hub without a screen, until a signal stops it."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from datetime import date

from workshop.i18n import t
from workshop.session import (
    HubOptions,
    StartError,
    close_session,
    open_session,
    start_hub,
    url_host,
)


async def run_headless(options: HubOptions, today: date) -> int:
    """`workshop hub`: print one JSON line with url, code, key and port; run until a signal."""
    try:
        opened = open_session(options, today)
        hub = await start_hub(opened, options)
    except StartError as error:
        print(error, file=sys.stderr)
        return 1
    info = {
        "url": hub.join_url(url_host(options)),
        "code": opened.keys.code,
        "facilitator_key": opened.keys.facilitator_key,
        "port": hub.port,
        "session": opened.controller.session.id,
        "ws": f"ws://127.0.0.1:{hub.port}/ws",
    }
    # The handlers exist before anyone can read the JSON line and send a signal.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    print(json.dumps(info), flush=True)
    for notice in opened.notices:
        print(notice, file=sys.stderr, flush=True)
    await stop.wait()
    if not await close_session(hub, opened):
        print(t("hub.stopped_unsaved"), file=sys.stderr, flush=True)
        return 1
    print(t("hub.stopped"), file=sys.stderr, flush=True)
    return 0
