"""The vote hub: one port for the phone page (HTTP GET) and the WebSocket (`/ws`).

Phones join with the code from the QR URL and vote; a facilitator (another process, or the
TUI in this one) drives the session with commands. Every change marks the state dirty; a
timer sends the state to everyone at most ten times a second, so a room of a thousand phones
voting costs a thousand small counter updates, not a million messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from websockets.asyncio.server import Server, ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from workshop import protocol
from workshop.controller import FACILITATOR_ONLY, Controller
from workshop.engine.errors import DomainError
from workshop.engine.events import Event
from workshop.hub import static
from workshop.hub.keys import HubKeys
from workshop.hub.tokens import TokenIssuer, normalise_code
from workshop.i18n import t
from workshop.views import facilitator_view, phone_view

LOG = logging.getLogger("workshop.hub")
WS_PATH = "/ws"


@dataclass(frozen=True)
class HubConfig:
    """Limits and timings; the defaults suit a room of up to a few thousand phones."""

    host: str = "0.0.0.0"
    port: int = 8765
    public_url: str | None = None
    """Base URL phones use (`--url`); default http://<LAN address>:<port>."""
    capacity: int = 2000
    """Connections beyond this get 503 with Retry-After."""
    max_frame: int = 8 * 1024
    """Frames larger than this close the connection (websockets' max_size)."""
    rate_per_second: float = 10.0
    rate_burst: int = 20
    abuse_limit: int = 50
    """Messages refused for rate in a row before the connection is closed."""
    broadcast_interval: float = 0.1
    large_room: int = 1000
    large_room_interval: float = 0.25
    ping_interval: float = 20.0
    ping_timeout: float = 20.0
    backlog: int = 2048


@dataclass
class Client:
    """What the hub knows about one connection (in memory only)."""

    role: str = "none"
    token: str | None = None
    tokens: float = 0.0
    stamp: float = field(default_factory=time.monotonic)
    refused: int = 0
    failed_keys: int = 0


class Hub:
    """Serves one session to phones and facilitators."""

    def __init__(
        self,
        controller: Controller,
        keys: HubKeys,
        config: HubConfig | None = None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.controller = controller
        self.keys = keys
        self.config = config or HubConfig()
        self.on_change = on_change
        self.issuer = TokenIssuer(keys.secret)
        self.files = static.load_files()
        self.clients: dict[ServerConnection, Client] = {}
        self.server: Server | None = None
        self.port = self.config.port
        self._dirty = True
        self._ticker: asyncio.Task[None] | None = None
        self.broadcasts = 0

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Bind the port and start the broadcast timer. Raises OSError if the port is taken."""
        config = self.config
        self.server = await serve(
            self._handle,
            config.host,
            config.port,
            process_request=self._process_request,
            compression=None,
            max_size=config.max_frame,
            max_queue=16,
            ping_interval=config.ping_interval,
            ping_timeout=config.ping_timeout,
            server_header=None,
            backlog=config.backlog,
            logger=LOG,
        )
        self.port = self.server.sockets[0].getsockname()[1]
        self._ticker = asyncio.create_task(self._broadcast_loop())

    async def stop(self) -> None:
        """Write a checkpoint, close every connection and the port."""
        self.controller.checkpoint()
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()

    def base_url(self, lan_host: str) -> str:
        if self.config.public_url:
            return self.config.public_url.rstrip("/")
        return f"http://{lan_host}:{self.port}"

    def join_url(self, lan_host: str) -> str:
        return f"{self.base_url(lan_host)}/j/{self.keys.code}"

    # ------------------------------------------------------------------ HTTP

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        head = request.method == "HEAD"
        if request.method not in ("GET", "HEAD"):
            return static.text_response(405, t("hub.method"), extra={"Allow": "GET, HEAD"})
        path = request.path.split("?", 1)[0]
        if path == WS_PATH and not head:
            if len(self.clients) >= self.config.capacity:
                return static.text_response(503, t("hub.full"), extra={"Retry-After": "10"})
            if not _origin_matches(request):
                return static.text_response(403, t("hub.origin"))
            return None  # go on with the WebSocket handshake
        found = static.lookup(self.files, path)
        if found is None:
            return static.text_response(404, t("hub.not_found"), head=head)
        return static.response(200, found.body, found.content_type, head=head)

    # ------------------------------------------------------------------ WebSocket

    async def _handle(self, websocket: ServerConnection) -> None:
        client = Client(tokens=float(self.config.rate_burst))
        self.clients[websocket] = client
        try:
            async for frame in websocket:
                if not self._within_rate(client):
                    await self._send(websocket, "rate_limited")
                    if client.refused >= self.config.abuse_limit:
                        await websocket.close(1008, "rate limit")
                        return
                    continue
                await self._receive(websocket, client, frame)
        except ConnectionClosed:
            pass  # a phone that drops is normal: no traceback
        finally:
            del self.clients[websocket]
            if client.token is not None:
                self._apply(lambda: self.controller.run("leave", token=client.token))

    def _within_rate(self, client: Client) -> bool:
        now = time.monotonic()
        config = self.config
        client.tokens = min(
            float(config.rate_burst), client.tokens + (now - client.stamp) * config.rate_per_second
        )
        client.stamp = now
        if client.tokens < 1:
            client.refused += 1
            return False
        client.tokens -= 1
        client.refused = 0
        return True

    async def _receive(self, websocket: ServerConnection, client: Client, frame: Any) -> None:
        if len(frame) > protocol.MAX_MESSAGE_BYTES:
            await self._send(websocket, "too_large")
            return
        try:
            message = protocol.parse(frame)
        except protocol.ProtocolError as error:
            await self._send(websocket, error.code)
            return
        try:
            await self._dispatch(websocket, client, message)
        except DomainError as error:
            await websocket.send(protocol.encode_error(error.code.value, error.message))

    async def _dispatch(
        self, websocket: ServerConnection, client: Client, message: protocol.ClientMessage
    ) -> None:
        session = self.controller.session
        if isinstance(message, protocol.Join):
            await self._join(websocket, client, message)
        elif isinstance(message, protocol.Facilitate):
            await self._facilitate(websocket, client, message)
        elif isinstance(message, protocol.Vote | protocol.Text):
            if client.role != "participant" or client.token is None:
                await self._send(websocket, "not_joined")
                return
            if isinstance(message, protocol.Vote):
                self._apply(
                    lambda: self.controller.run(
                        "cast_vote",
                        token=client.token,
                        round_id=message.round,
                        answer=message.choice,
                    )
                )
                await websocket.send(protocol.encode_ack(message.round, message.choice))
            else:
                self._apply(
                    lambda: self.controller.run(
                        "submit_text",
                        token=client.token,
                        round_id=message.round,
                        text=message.text,
                    )
                )
                await websocket.send(protocol.encode_ack(message.round, text=True))
        else:
            if client.role != "facilitator":
                await self._send(websocket, "not_facilitator")
                return
            if message.name not in FACILITATOR_ONLY:
                await self._send(websocket, "unknown_command")
                return
            self._apply(lambda: self.controller.run(message.name, **message.args))
            await websocket.send(protocol.encode_state(facilitator_view(session)))

    async def _join(
        self, websocket: ServerConnection, client: Client, message: protocol.Join
    ) -> None:
        # Bytes: compare_digest refuses non-ASCII str, which would end the handler.
        code = normalise_code(message.code).encode()
        if not hmac.compare_digest(code, normalise_code(self.keys.code).encode()):
            await self._send(websocket, "wrong_code")
            return
        session = self.controller.session
        if client.token is not None:
            token, returning = client.token, True  # one connection, one participant
        elif message.token and self.issuer.verify(message.token):
            token, returning = message.token, True
        elif session.participant_count >= self.config.capacity * 2:
            # New tokens are bounded: rejoining over and over must not grow memory.
            await self._send(websocket, "full")
            return
        else:
            token, returning = self.issuer.issue(), False
        if client.token is None:
            self._apply(lambda: self.controller.run("join", token=token, returning=returning))
        client.role, client.token = "participant", token
        round_ = session.current_round
        answer = round_.answers.get(token) if round_ is not None else None
        if answer == "tekst":  # open questions record that a text came, not what it was
            answer = None
        await websocket.send(protocol.encode_welcome("participant", token, answer))
        await websocket.send(protocol.encode_state(phone_view(session)))

    async def _facilitate(
        self, websocket: ServerConnection, client: Client, message: protocol.Facilitate
    ) -> None:
        if hmac.compare_digest(message.key.encode(), self.keys.facilitator_key.encode()):
            client.role = "facilitator"
            client.failed_keys = 0
            await websocket.send(protocol.encode_welcome("facilitator"))
            await websocket.send(protocol.encode_state(facilitator_view(self.controller.session)))
            return
        client.failed_keys += 1
        # Each wrong key waits longer; the third closes the connection.
        await asyncio.sleep(min(0.25 * 2**client.failed_keys, 4.0))
        await self._send(websocket, "wrong_key")
        if client.failed_keys >= 3:
            await websocket.close(1008, "wrong key")

    def _apply(self, command: Callable[[], list[Event]]) -> list[Event]:
        """Run an engine command; any change makes the next tick send the state."""
        events = command()
        if events:
            self._dirty = True
        return events

    def mark_changed(self) -> None:
        """For a facilitator in this process (the TUI): send the state on the next tick."""
        self._dirty = True

    async def _send(self, websocket: ServerConnection, code: str) -> None:
        await websocket.send(protocol.encode_error(code, t(f"hub.error.{code}")))

    # ------------------------------------------------------------------ broadcast

    async def _broadcast_loop(self) -> None:
        while True:
            phones = sum(1 for c in self.clients.values() if c.role == "participant")
            slow = phones > self.config.large_room
            await asyncio.sleep(
                self.config.large_room_interval if slow else self.config.broadcast_interval
            )
            if self._dirty:
                self._dirty = False
                self.send_state()

    def send_state(self) -> None:
        """Send the current state to every phone and facilitator, now (one encode each)."""
        session = self.controller.session
        phones = [
            ws for ws, c in self.clients.items() if c.role == "participant" and not _backed_up(ws)
        ]
        facilitators = [ws for ws, c in self.clients.items() if c.role == "facilitator"]
        if phones:
            broadcast(phones, protocol.encode_state(phone_view(session)))
        if facilitators:
            broadcast(facilitators, protocol.encode_state(facilitator_view(session)))
        self.broadcasts += 1
        if self.on_change is not None:
            self.on_change()


BACKLOG_LIMIT = 64 * 1024
"""A phone with this much unsent data is skipped; the next full state heals it."""


def _backed_up(websocket: ServerConnection) -> bool:
    """True for a phone that does not read: sending more would only pile up in memory."""
    transport = websocket.transport
    return transport is not None and transport.get_write_buffer_size() > BACKLOG_LIMIT


def _origin_matches(request: Request) -> bool:
    """A browser's Origin must name the host it connected to; tools without Origin pass."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    host = request.headers.get("Host", "")
    return urlsplit(origin).netloc.lower() == host.lower()
