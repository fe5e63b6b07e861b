"""The vote hub: one port for the phone page (HTTP GET) and the WebSocket (`/ws`).

Phones join with the code from the QR URL and vote; a facilitator (another process, or the
TUI in this one) drives the session with commands. Every change marks the state dirty; a
timer sends the state to everyone at most ten times a second, so a room of a thousand phones
voting costs a thousand small counter updates, not a million messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hmac
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.protocol import State

from workshop import protocol
from workshop.engine.errors import DomainError, ErrorCode
from workshop.engine.events import Event
from workshop.engine.session import Phase
from workshop.hub import rules, static
from workshop.hub.collector import RoundFreeze
from workshop.hub.fanout import send_to_phones, text_frame
from workshop.hub.frames import single_text_frame
from workshop.hub.keys import HubKeys
from workshop.hub.rules import ConnectionRules, JoinOutcome, Kind, Limits, Role, Verdict
from workshop.hub.tokens import TokenIssuer
from workshop.i18n import language, t
from workshop.session.controller import FACILITATOR_ONLY, Controller
from workshop.views import facilitator_view, phone_view, projector_view
from workshop.views.zelftest import zelftest_content

LOG = logging.getLogger("workshop.hub")
WS_PATH = "/ws"
SEND_SLICE = 500
"""Phones written to in one go (about 10 ms); a tick sends a larger room in slices."""


@dataclass(frozen=True)
class HubConfig(Limits):
    """Where the hub listens, plus the limits its rules apply (see `rules.Limits`)."""

    host: str = "0.0.0.0"
    port: int = 8765
    public_url: str | None = None
    """Base URL phones use (`--url`); default http://<LAN address>:<port>."""
    served_hosts: tuple[str, ...] = ()
    """Host names and addresses the hub was announced at (the printed LAN address, `--host`);
    browser pages from these (and from loopback) may open the socket."""
    max_frame: int = 8 * 1024
    """Frames larger than this close the connection (websockets' max_size)."""
    ping_interval: float = 20.0
    ping_timeout: float = 20.0
    close_timeout: float = 2.0
    """Seconds to wait for a client's closing handshake before the socket is dropped."""
    backlog: int = 2048


@dataclass
class Client:
    """What the hub knows about one connection (in memory only, never stored)."""

    rules: ConnectionRules
    address: str
    token: str | None = None

    @property
    def role(self) -> Role:
        return self.rules.role


def hub_connection(hub: Hub) -> type[ServerConnection]:
    """The hub's connection class: websockets' own, with two additions.

    It cuts off a client which makes the hub buffer too much: websockets answers every ping
    with a pong straight from `data_received`, without flow control, so a client that sends
    pings and never reads grows the transport's write buffer by what it sends. After each
    read, a client over `write_cutoff` unsent bytes is dropped.

    And it counts a participant's plain vote the moment its frame is read (`Hub.count_vote`),
    instead of handing it to websockets' parser and queueing it for the connection's
    handler: both cost more than counting the vote, and a hall sends thousands at once. That
    is done for a read that is exactly one small text frame (`frames.single_text_frame`, as
    a phone's vote arrives), while websockets' parser sits between two frames. Anything
    else, and a vote behind frames still queued, goes the ordinary way, in order.
    """
    limits = hub.config

    class HubConnection(ServerConnection):
        def data_received(self, data: bytes) -> None:
            if not self._counted_at_once(data):
                super().data_received(data)
            if rules.over_write_cutoff(self.transport.get_write_buffer_size(), limits):
                LOG.info("closed a connection that does not read (%s)", _address(self))
                self.transport.abort()

        def _counted_at_once(self, data: bytes) -> bool:
            protocol = self.protocol
            if (
                protocol.state is not State.OPEN
                or protocol.current_size is not None  # in the middle of a fragmented message
                or protocol.reader.buffer  # part of a frame came before
                or self.recv_messages.frames  # frames before it wait for the handler
            ):
                return False
            payload = single_text_frame(data)
            return payload is not None and hub.count_vote(self, payload)

    return HubConnection


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
        self.files = static.load_files(language())  # the page speaks the session's language
        self.files.update(
            static.zelftest_file(zelftest_content(controller.session.library, language()))
        )
        self.clients: dict[ServerConnection, Client] = {}
        self.addresses = rules.AddressBook(self.config)
        self.server: Server | None = None
        self.port = self.config.port
        self._dirty = True
        self._ticker: asyncio.Task[None] | None = None
        self.broadcasts = 0
        self._save_failed = False
        self.announced_url: str | None = None
        """The join URL shown in the lobby (set by whoever announced the hub)."""
        self._phone_sockets: set[ServerConnection] = set()
        """Connections that joined as a phone and are open (counted against `capacity`)."""
        self._facilitators: set[ServerConnection] = set()
        self._screens: set[ServerConnection] = set()
        """Facilitators and room screens, kept apart so a tick need not walk every phone."""
        self._acks: dict[ServerConnection, bytes] = {}
        """Acks waiting for the next tick, which sends each in one write with the state."""
        self._send_seconds = 0.0
        """CPU seconds the last tick took to send; it spaces out the next tick."""
        self._logged: set[tuple[str, str, int]] = set()
        self._frames = 0
        """Frames received from clients so far (a burst is told by how fast this grows)."""
        self._freeze = RoundFreeze()
        self.origins: frozenset[rules.Origin] = frozenset()

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
            close_timeout=config.close_timeout,
            server_header=None,
            backlog=config.backlog,
            logger=LOG,
            create_connection=hub_connection(self),
        )
        self.port = self.server.sockets[0].getsockname()[1]
        self.origins = rules.served_origins(config.served_hosts, self.port, config.public_url)
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
        self._freeze.release()

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
            refused = self.addresses.refusal(_address(connection))
            if refused is not None:
                return _refusal_response(refused)
            origin, host = request.headers.get("Origin"), request.headers.get("Host")
            if not rules.origin_allowed(origin, host, self.origins):
                return static.text_response(403, t("hub.origin"))
            return None  # go on with the WebSocket handshake
        found = static.lookup(self.files, path)
        if found is None:
            return static.text_response(404, t("hub.not_found"), head=head)
        return static.file_response(found, request.headers.get("Accept-Encoding"), head=head)

    # ------------------------------------------------------------------ WebSocket

    async def _handle(self, websocket: ServerConnection) -> None:
        address = _address(websocket)
        # Counted here, where it is exact (many handshakes may pass the HTTP check at once).
        refused = self.addresses.add(address)
        if refused is not None:
            await websocket.close(1013, "try again later")
            return
        client = Client(ConnectionRules(self.config, time.monotonic), address)
        self.clients[websocket] = client
        try:
            while True:
                if client.rules.role is Role.NONE:
                    frame = await self._next_frame(websocket, client)
                    if frame is None:
                        await websocket.close(1008, "join first")
                        return
                else:
                    frame = await websocket.recv()
                self._frames += 1
                verdict = client.rules.allow_message()
                if verdict is not Verdict.ALLOW:
                    await self._send(websocket, "rate_limited")
                    if verdict is Verdict.CLOSE:
                        await websocket.close(1008, "rate limit")
                        return
                    continue
                await self._receive(websocket, client, frame)
        except ConnectionClosed:
            pass  # a phone that drops is normal: no traceback
        finally:
            del self.clients[websocket]
            self.addresses.remove(address)
            if client.role is Role.SCHERM:
                self._dirty = True  # the console learns that the room screen left
            self._phone_sockets.discard(websocket)
            self._facilitators.discard(websocket)
            self._screens.discard(websocket)
            self._acks.pop(websocket, None)
            if client.token is not None:
                self._apply(lambda: self.controller.run("leave", token=client.token))

    @staticmethod
    async def _next_frame(websocket: ServerConnection, client: Client) -> str | bytes | None:
        """The next frame; None when the connection still has no role when its time is up."""
        left = client.rules.join_time_left()
        if left is None:
            return await websocket.recv()
        try:
            async with asyncio.timeout(left):
                return await websocket.recv()
        except TimeoutError:
            return None

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
        except ConnectionClosed:
            raise
        except Exception as error:  # a bug must not become a traceback per frame, nor a 1011
            self._log_unexpected(error)
            await self._send(websocket, "internal")

    async def _dispatch(
        self, websocket: ServerConnection, client: Client, message: protocol.ClientMessage
    ) -> None:
        if client.role is Role.SCHERM:
            await self._send(websocket, "read_only")  # the room's screen only watches
        elif isinstance(message, protocol.Join):
            await self._join(websocket, client, message)
        elif isinstance(message, protocol.Screen):
            await self._screen(websocket, client, message)
        elif isinstance(message, protocol.Facilitate):
            await self._facilitate(websocket, client, message)
        elif isinstance(message, protocol.Done):
            # The zelftest is done on this phone: counted, nothing else comes with it.
            refused = rules.refusal_for(client.role, Kind.VOTE)
            if refused is not None or client.token is None:
                await self._send(websocket, refused or "not_joined")
                return
            self._apply(lambda: self.controller.run("finish_zelftest", token=client.token))
        elif isinstance(message, protocol.Vote | protocol.Text):
            kind = Kind.VOTE if isinstance(message, protocol.Vote) else Kind.TEXT
            refused = rules.refusal_for(client.role, kind)
            if refused is not None or client.token is None:
                await self._send(websocket, refused or "not_joined")
                return
            if isinstance(message, protocol.Vote):
                self._vote(websocket, client.token, message)
            else:
                self._apply(
                    lambda: self.controller.run(
                        "submit_text",
                        token=client.token,
                        round_id=message.round,
                        text=message.text,
                    )
                )
                self._acks[websocket] = _ack(message.round, None, True)
        else:
            if client.role is not Role.FACILITATOR:
                await self._send(websocket, "not_facilitator")
                return
            if message.name not in FACILITATOR_ONLY:
                await self._send(websocket, "unknown_command")
                return
            before = self.controller.last_save
            self._apply(lambda: self.controller.run(message.name, **message.args))
            if self.controller.last_save is not before:
                await self._until_saved(websocket)
            await websocket.send(protocol.encode_state(self.facilitator_state()))

    def count_vote(
        self, websocket: ServerConnection, payload: bytes | bytearray | memoryview
    ) -> bool:
        """Count a participant's plain vote straight from its frame (see `hub_connection`):
        True when counted. False leaves everything as it was (no message taken from the
        rate bucket, nothing counted), and the frame goes the ordinary way, which answers
        any refusal or error."""
        client = self.clients.get(websocket)
        if client is None or client.token is None or client.rules.role is not Role.PARTICIPANT:
            return False
        vote = protocol.plain_vote(payload)
        if vote is None or not client.rules.take_allowance():
            return False
        try:
            self._vote(websocket, client.token, vote)
        except Exception:  # refused (or a bug): the ordinary way answers it, and logs a bug
            client.rules.return_allowance()
            return False
        self._frames += 1
        return True

    def _vote(self, websocket: ServerConnection, token: str, message: protocol.Vote) -> None:
        """Count a participant's vote; its ack leaves with the next state (see `fanout`)."""
        if self.controller.cast_vote(token, message.round, message.choice):
            self._dirty = True
        self._acks[websocket] = _ack(message.round, message.choice, False)

    async def _join(
        self, websocket: ServerConnection, client: Client, message: protocol.Join
    ) -> None:
        session = self.controller.session
        outcome = rules.decide_join(
            typed_code=message.code,
            code=self.keys.code,
            offered_token=message.token,
            bound_token=client.token,
            issuer=self.issuer,
            locked=session.locked,
            participants=len(session.participants),
            phones=self.phones,
            limits=self.config,
        )
        if outcome is JoinOutcome.SAME:
            assert client.token is not None
            token = client.token
        elif outcome is JoinOutcome.RETURNING:
            assert message.token is not None
            token = message.token
        elif outcome is JoinOutcome.NEW:
            token = self.issuer.issue()
        elif outcome is JoinOutcome.LOCKED:
            raise DomainError(ErrorCode.JOINING_LOCKED)
        else:
            await self._send(websocket, outcome.value)
            if outcome is JoinOutcome.FULL and self.phones >= self.config.capacity:
                await websocket.close(1013, "full")  # no place for a phone: free the socket
            return
        self._phone_sockets.add(websocket)
        if outcome is not JoinOutcome.SAME:
            returning = outcome is JoinOutcome.RETURNING
            self._apply(lambda: self.controller.run("join", token=token, returning=returning))
        client.rules.role, client.token = Role.PARTICIPANT, token
        round_ = session.current_round
        answer = round_.answers.get(token) if round_ is not None else None
        if answer == "tekst":  # open questions record that a text came, not what it was
            answer = None
        await websocket.send(protocol.encode_welcome("participant", token, answer))
        await websocket.send(protocol.encode_state(phone_view(session, self.controller.clock())))

    async def _facilitate(
        self, websocket: ServerConnection, client: Client, message: protocol.Facilitate
    ) -> None:
        if hmac.compare_digest(message.key.encode(), self.keys.facilitator_key.encode()):
            client.rules.key_accepted()
            self._facilitators.add(websocket)
            await websocket.send(protocol.encode_welcome("facilitator"))
            await websocket.send(protocol.encode_state(self.facilitator_state()))
            return
        answer = client.rules.key_failed()
        await asyncio.sleep(answer.delay)
        await self._send(websocket, "wrong_key")
        if answer.close:
            await websocket.close(1008, "wrong key")

    async def _screen(
        self, websocket: ServerConnection, client: Client, message: protocol.Screen
    ) -> None:
        """The room's screen: read-only, with its own key (never the facilitator's)."""
        if client.role is Role.NONE and hmac.compare_digest(
            message.key.encode(), self.keys.screen_key.encode()
        ):
            client.rules.key_accepted(Role.SCHERM)
            self._screens.add(websocket)
            await websocket.send(protocol.encode_welcome("scherm"))
            await websocket.send(protocol.encode_state(self.projector_state()))
            self._dirty = True  # the console learns that a room screen is there
            return
        answer = client.rules.key_failed()
        await asyncio.sleep(answer.delay)
        await self._send(websocket, "wrong_key")
        if answer.close:
            await websocket.close(1008, "wrong key")

    @property
    def screen_count(self) -> int:
        """Room screens (`workshop scherm`) connected now."""
        return len(self._screens)

    def projector_state(self) -> dict[str, Any]:
        """What the room's screen shows: the projector view, with the join URL and code."""
        join = {"url": self.announced_url or "", "code": self.keys.code}
        return projector_view(self.controller.session, self.controller.clock(), join)

    def _apply(self, command: Callable[[], list[Event]]) -> list[Event]:
        """Run an engine command; any change makes the next tick send the state."""
        events = command()
        if events:
            self._dirty = True
        return events

    async def _until_saved(self, websocket: ServerConnection) -> None:
        """Wait (without blocking the loop) until the command's checkpoint is on disk, so
        nobody is told a round is closed before it is; a failed write is told at once."""
        saving = self.controller.last_save
        if saving is None:
            return
        try:
            await asyncio.wrap_future(saving)
        except Exception as error:
            message = t("hub.error.save_failed", error=error, folder=self.controller.save_folder)
            await websocket.send(protocol.encode_error("save_failed", message))
        self._dirty = True

    def facilitator_state(self) -> dict[str, Any]:
        """The facilitator view, with `save_error` while the last checkpoint write failed."""
        view = facilitator_view(self.controller.session)
        error = self.controller.save_error()
        view["save_error"] = None if error is None else str(error)
        return view

    def mark_changed(self) -> None:
        """For a facilitator in this process (the TUI): send the state on the next tick."""
        self._dirty = True

    async def _send(self, websocket: ServerConnection, code: str) -> None:
        await websocket.send(protocol.encode_error(code, t(f"hub.error.{code}")))

    def _log_unexpected(self, error: Exception) -> None:
        """Log an unexpected failure with its traceback once per kind and place, so that a
        client repeating a frame cannot fill the log."""
        frame = error.__traceback__
        while frame is not None and frame.tb_next is not None:
            frame = frame.tb_next
        where = (
            type(error).__name__,
            frame.tb_frame.f_code.co_filename if frame else "",
            frame.tb_lineno if frame else 0,
        )
        if where in self._logged:
            return
        self._logged.add(where)
        LOG.error("unexpected error while handling a frame", exc_info=error)

    # ------------------------------------------------------------------ broadcast

    @property
    def phones(self) -> int:
        """Phones connected now (the facilitator and the room's screen not included)."""
        return len(self._phone_sockets)

    async def _broadcast_loop(self) -> None:
        frames = self._frames
        while True:
            # At most ten ticks a second; in a very large room they space out, so that
            # sending takes at most a third of the loop's time (keys, votes, pings: the rest).
            await asyncio.sleep(rules.broadcast_interval(self._send_seconds, self.config))
            if self._dirty and self._frames != frames:
                await self._after_burst()  # the phones sent something: are they all at it?
            frames = self._frames
            failed = self.controller.save_error() is not None
            if failed != self._save_failed:
                self._save_failed, self._dirty = failed, True
            # Held while a checkpoint is on its way to disk: no one sees a phase before it
            # is saved (the facilitator who sent the command gets it once it is).
            if self._dirty and not self.controller.saving:
                self._dirty = False
                self._freeze.follow(self._voting())
                for _ in self._send_in_slices():
                    await asyncio.sleep(0)  # keys, votes and the TUI get the loop in between

    def _voting(self) -> bool:
        round_ = self.controller.session.current_round
        return round_ is not None and round_.phase is Phase.OPEN

    async def _after_burst(self) -> None:
        """While the hall is voting all at once, wait until the burst is counted
        (`burst_hold` at the most): the final count then goes out once, the moment it is
        known, instead of half-counts that cost a write to every phone. A tick that comes
        between two phones' frames costs one `burst_window` of waiting."""
        config = self.config
        deadline = time.monotonic() + config.burst_hold
        while time.monotonic() < deadline:
            before, started = self._frames, time.monotonic()
            await asyncio.sleep(config.burst_window)
            if not rules.in_burst(self._frames - before, time.monotonic() - started, config):
                return

    def send_state(self) -> None:
        """Send the current state to every phone, screen and facilitator, now."""
        for _ in self._send_in_slices():
            pass

    def _send_in_slices(self) -> Iterator[None]:
        """Send the current state, `SEND_SLICE` phones at a time (the tick lets the loop run
        between two slices, so a hall of phones is not one long stall): the phones' view is
        computed and encoded once; a phone gets its pending ack in the same write. The room
        screens and facilitators come last, with the view as it is then."""
        spent = 0.0  # CPU time: a machine busy elsewhere must not slow ticks down
        started = time.process_time()
        if self._phone_sockets:
            now = self.controller.clock()
            state = text_frame(
                protocol.encode_state(phone_view(self.controller.session, now)).encode()
            )
            phones = list(self._phone_sockets)
            acks, self._acks = self._acks, {}
            for first in range(0, len(phones), SEND_SLICE):
                slice_ = phones[first : first + SEND_SLICE]
                for waiting in send_to_phones(slice_, state, acks, self._backed_up):
                    self._acks.setdefault(waiting, acks[waiting])  # unless a newer one came
                if first + SEND_SLICE < len(phones):
                    spent += time.process_time() - started
                    yield
                    started = time.process_time()
        if self._screens:
            broadcast(self._screens, protocol.encode_state(self.projector_state()))
        if self._facilitators:
            broadcast(self._facilitators, protocol.encode_state(self.facilitator_state()))
        self.broadcasts += 1
        self._send_seconds = spent + time.process_time() - started
        if self.on_change is not None:
            self.on_change()

    def _backed_up(self, unsent: int) -> bool:
        return rules.backed_up(unsent, self.config)


@functools.lru_cache(maxsize=256)
def _ack(round_id: int, choice: protocol.Choice | None, text: bool) -> bytes:
    """An ack, encoded and framed once per round and answer (votes repeat a few answers)."""
    return text_frame(protocol.encode_ack(round_id, choice, text=text).encode())


def _address(connection: ServerConnection) -> str:
    """The client's IP address (only counted in memory, never stored)."""
    remote = connection.remote_address
    return str(remote[0]) if remote else ""


def _refusal_response(refused: rules.ConnectRefusal) -> Response:
    message = t("hub.full") if refused is rules.ConnectRefusal.FULL else t("hub.per_address")
    return static.text_response(503, message, extra={"Retry-After": "10"})
