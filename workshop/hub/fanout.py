"""Sending one state to thousands of phones: encoded once, framed once, one write per phone.

What a broadcast costs is mostly work per phone: building a WebSocket frame and one `send`
system call. So the state is encoded and framed once per tick (a server's frames are not
masked, and the hub uses no extensions, so every phone gets the same bytes), and a phone's
`ack` (its vote was counted) does not go out on its own the moment the vote arrives: it waits
for the next tick and leaves in the same write as the state. A tick then costs one write per
phone and no framing per phone; websockets' own `broadcast` frames the message again for
every connection.

The frames are built by websockets (`Frame.serialize`), so framing stays its business; this
module writes them only to connections that are open and not in the middle of a fragmented
message (what `broadcast` checks too), and skips phones that do not read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping

from websockets.asyncio.server import ServerConnection
from websockets.frames import Frame, Opcode
from websockets.protocol import State

LOG = logging.getLogger("workshop.hub")


def text_frame(text: bytes) -> bytes:
    """A final, unmasked text frame, as a server sends it without extensions."""
    return Frame(Opcode.TEXT, text).serialize(mask=False)


def send_to_phones(
    connections: Iterable[ServerConnection],
    state: bytes,
    acks: Mapping[ServerConnection, bytes],
    backed_up: Callable[[int], bool],
) -> list[ServerConnection]:
    """Write the framed `state` to every open connection, after its pending ack frame if any.

    Connections with more unsent bytes than `backed_up` allows are skipped (the next full
    state heals them); those that had an ack waiting are returned, so it can wait again.
    """
    kept: list[ServerConnection] = []
    for connection in connections:
        if connection.protocol.state is not State.OPEN or connection.send_in_progress is not None:
            continue
        transport = connection.transport
        ack = acks.get(connection)
        if backed_up(transport.get_write_buffer_size()):
            if ack is not None:
                kept.append(connection)
            continue
        try:
            transport.write(state if ack is None else ack + state)
        except Exception as error:  # one broken socket must not stop the others
            LOG.warning("skipped a phone in a broadcast: %s", error)
    return kept
