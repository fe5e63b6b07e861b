"""The hub's rules, without sockets: who may connect, join, send what, and for how long.

Pure: no websockets, no event loop. Time comes from an injected clock (any `() -> float` in
seconds, `time.monotonic` in the hub, a hand-moved clock in tests), so every rule is tested
exactly and instantly. `server.py` asks these functions and objects, then applies the answer
to a socket.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from workshop.hub.tokens import TokenIssuer, normalise_code

Clock = Callable[[], float]
"""Seconds from any fixed start (monotonic)."""


@dataclass(frozen=True)
class Limits:
    """Every bound the hub applies; the defaults suit a room of up to a few thousand phones."""

    capacity: int = 2000
    """Phones connected at once (`--max-telefoons`); one more gets `full` when it joins. The
    facilitator and the room's screen do not count against it."""
    spare_connections: int = 64
    """Connections on top of `capacity`, for the facilitator, the room's screen and sockets
    that have not joined yet (the join timeout frees those); beyond it, 503 with Retry-After."""
    per_address: int = 200
    """Open connections from one client address. A hall's Wi-Fi gives every phone its own
    address; phones share one only behind a NAT (a guest network, a carrier's NAT for mobile
    data), and 200 phones behind one NAT is already a large room. One laptop or script on the
    network cannot hold more than a tenth of the capacity. Behind a reverse proxy every phone
    has the proxy's address: the start-up then lifts this bound to the capacity."""
    max_participants: int = 20_000
    """New tokens stop here: phones that voted or sent a text in this run (joining alone
    never counts). About 200 bytes each, so the bound keeps memory to a few MB."""
    join_timeout: float = 5.0
    """Seconds a connection may stay without `join` or `facilitate`; the phone page sends
    `join` the moment the socket opens."""
    rate_per_second: float = 10.0
    rate_burst: int = 20
    abuse_limit: int = 50
    """Messages refused for rate in a row before the connection is closed."""
    key_tries: int = 3
    """Wrong facilitator keys on one connection before it is closed."""
    backlog_skip: int = 64 * 1024
    """Bytes unsent to a client above which broadcasts skip it (the next state heals it)."""
    write_cutoff: int = 256 * 1024
    """Bytes unsent to a client above which it is cut off: a client that sends (pings) but
    never reads would otherwise grow the hub's memory by what it sends."""
    broadcast_interval: float = 0.1
    """Seconds between state broadcasts at the least (at most ten a second)."""
    broadcast_share: float = 1 / 3
    """The largest share of the event loop's time broadcasts may take: in a very large room
    the ticks space out so that votes, keys and pings get the rest."""
    burst_rate: float = 1000.0
    """Frames a second from all phones together above which the hall is voting in a burst
    (everyone at the same moment). A tick then waits for the burst to be counted before it
    sends: a state sent halfway costs a write to every phone and slows the counting, and
    is out of date by the time it arrives. A room voting over a few seconds stays far below
    this (2,000 phones in 10 s: 200 a second)."""
    burst_window: float = 0.005
    """Seconds over which a tick that waits for a burst measures whether it still goes on."""
    burst_hold: float = 0.5
    """Seconds a tick waits for a burst at the most: a hall that keeps sending still sees
    the count at least this often (plus the interval)."""


# ---------------------------------------------------------------------- roles


class Role(StrEnum):
    NONE = "none"
    PARTICIPANT = "participant"
    FACILITATOR = "facilitator"
    SCHERM = "scherm"
    """The room's screen: receives the projector view, may send nothing."""


class Kind(StrEnum):
    """What a client message asks for, as far as permissions go."""

    JOIN = "join"
    FACILITATE = "facilitate"
    SCHERM = "scherm"
    VOTE = "vote"
    TEXT = "text"
    COMMAND = "command"


_NEEDS: dict[Kind, tuple[Role, str] | None] = {
    Kind.JOIN: None,
    Kind.FACILITATE: None,
    Kind.SCHERM: None,
    Kind.VOTE: (Role.PARTICIPANT, "not_joined"),
    Kind.TEXT: (Role.PARTICIPANT, "not_joined"),
    Kind.COMMAND: (Role.FACILITATOR, "not_facilitator"),
}


def refusal_for(role: Role, kind: Kind) -> str | None:
    """The error code when `role` may not send `kind`, else None."""
    if role is Role.SCHERM:
        return "read_only"  # the room's screen only watches: no join, key, vote or command
    needed = _NEEDS[kind]
    if needed is None or needed[0] is role:
        return None
    return needed[1]


# ---------------------------------------------------------------------- connecting


class ConnectRefusal(StrEnum):
    FULL = "full"
    ADDRESS = "address"


def admit_connection(open_total: int, from_address: int, limits: Limits) -> ConnectRefusal | None:
    """Why a new connection is refused, given how many are open in all and from its address."""
    if open_total >= limits.capacity + limits.spare_connections:
        return ConnectRefusal.FULL
    if from_address >= limits.per_address:
        return ConnectRefusal.ADDRESS
    return None


@dataclass
class AddressBook:
    """Open connections per client address (in memory only, never stored)."""

    limits: Limits
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def refusal(self, address: str) -> ConnectRefusal | None:
        return admit_connection(self.total, self.counts.get(address, 0), self.limits)

    def add(self, address: str) -> ConnectRefusal | None:
        """Count a connection in, or say why not (then it is not counted)."""
        refused = self.refusal(address)
        if refused is None:
            self.counts[address] = self.counts.get(address, 0) + 1
        return refused

    def remove(self, address: str) -> None:
        left = self.counts.get(address, 0) - 1
        if left > 0:
            self.counts[address] = left
        else:
            self.counts.pop(address, None)


# ---------------------------------------------------------------------- origin

Origin = tuple[str, str, int]
"""(scheme, host, port), lower case, with the scheme's default port filled in."""

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_origin(text: str) -> Origin | None:
    """An Origin header (or a base URL) as a comparable triple; None if it is not one."""
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    if ":" in host:
        host = f"[{host}]"
    return (scheme, host.lower(), port if port is not None else _DEFAULT_PORTS[scheme])


def served_origins(hosts: Iterable[str], port: int, public_url: str | None) -> frozenset[Origin]:
    """The pages that are ours: http on every host the hub serves at its port (the printed
    LAN address, `--host`, loopback), and the `--url` phones are sent to."""
    origins: set[Origin] = set()
    for host in (*hosts, *LOOPBACK_HOSTS):
        if host in ("", "0.0.0.0", "::"):
            continue
        bracketed = f"[{host}]" if ":" in host and not host.startswith("[") else host
        found = parse_origin(f"http://{bracketed}:{port}")
        if found is not None:
            origins.add(found)
    if public_url:
        found = parse_origin(public_url)
        if found is not None:
            origins.add(found)
    return frozenset(origins)


def origin_allowed(origin: str | None, host: str | None, served: frozenset[Origin]) -> bool:
    """A browser page may open the socket only if it came from this hub.

    No Origin: not a browser (a tool or a test), which no web page can make happen. An Origin
    in `served` is ours. One more is: an Origin equal to the Host header when that host is an
    IP address literal (a laptop with several networks serves each of its addresses). A name
    is never taken from Host: a DNS-rebinding page points its own name at this laptop, so its
    Host and Origin agree (`evil.example:8765`) although the page is not ours.
    """
    if origin is None:
        return True
    found = parse_origin(origin)
    if found is None:
        return False
    if found in served:
        return True
    if host is None:
        return False
    via = parse_origin(f"{found[0]}://{host}")
    return via == found and _is_ip_literal(found[1])


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------- joining


class JoinOutcome(StrEnum):
    WRONG_CODE = "wrong_code"
    SAME = "same"
    """This connection joined before: the same participant again."""
    RETURNING = "returning"
    """A token this hub issued (also before a restart): that phone comes back."""
    NEW = "new"
    """A fresh participant: mint a token."""
    LOCKED = "joining_locked"
    FULL = "full"


def code_matches(typed: str, code: str) -> bool:
    """The join code as a person may type it (any case, spaces, dashes, look-alikes), in
    constant time. The code is normalised too: a code from before the look-alike alphabet
    (kept with a session and brought back by --hervat) still matches its own QR URL."""
    return hmac.compare_digest(normalise_code(typed).encode(), normalise_code(code).encode())


def decide_join(
    *,
    typed_code: str,
    code: str,
    offered_token: str | None,
    bound_token: str | None,
    issuer: TokenIssuer,
    locked: bool,
    participants: int,
    phones: int,
    limits: Limits,
) -> JoinOutcome:
    """What a `join` gets. Only a token spelled exactly as issued returns; anything else is
    a fresh join, which the lock and the participant bound may refuse.

    `participants`: phones that voted or sent a text in this run (not the count restored
    from the record, which would keep new phones out after a restart).
    `phones`: phone connections open now; a phone over `capacity` is refused, new or not.
    """
    if not code_matches(typed_code, code):
        return JoinOutcome.WRONG_CODE
    if bound_token is not None:
        return JoinOutcome.SAME  # one connection, one participant
    if phones >= limits.capacity:
        return JoinOutcome.FULL
    if offered_token is not None and issuer.verify(offered_token):
        return JoinOutcome.RETURNING
    if locked:
        return JoinOutcome.LOCKED
    if participants >= limits.max_participants:
        return JoinOutcome.FULL
    return JoinOutcome.NEW


# ---------------------------------------------------------------------- one connection


class Verdict(StrEnum):
    ALLOW = "allow"
    REFUSE = "refuse"
    """Answer `rate_limited` and go on."""
    CLOSE = "close"


@dataclass(frozen=True)
class KeyAnswer:
    delay: float
    """Seconds to wait before answering `wrong_key` (slows guessing)."""
    close: bool


class ConnectionRules:
    """The rules for one connection: its role, message rate, join deadline and key tries."""

    def __init__(self, limits: Limits, clock: Clock) -> None:
        self.limits = limits
        self.clock = clock
        self.role = Role.NONE
        self.opened = clock()
        self._tokens = float(limits.rate_burst)
        self._stamp = self.opened
        self._refused = 0
        self._failed_keys = 0

    def allow_message(self) -> Verdict:
        """A token bucket: `rate_burst` at once, then `rate_per_second`; a client refused
        `abuse_limit` times in a row is closed."""
        if self.take_allowance():
            return Verdict.ALLOW
        self._refused += 1
        return Verdict.CLOSE if self._refused >= self.limits.abuse_limit else Verdict.REFUSE

    def take_allowance(self) -> bool:
        """`allow_message` for a frame that may still be handed on to the ordinary way (the
        hub's quick way for votes): True with one message taken from the bucket; False
        changes nothing, so the ordinary way refuses the frame and counts the refusal."""
        now = self.clock()
        limits = self.limits
        self._tokens = min(
            float(limits.rate_burst), self._tokens + (now - self._stamp) * limits.rate_per_second
        )
        self._stamp = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        self._refused = 0
        return True

    def return_allowance(self) -> None:
        """Undo `take_allowance`: the frame was handed on after all, and is counted there."""
        self._tokens = min(float(self.limits.rate_burst), self._tokens + 1)

    def join_time_left(self) -> float | None:
        """Seconds left to join or facilitate; None once the connection has a role."""
        if self.role is not Role.NONE:
            return None
        return max(0.0, self.opened + self.limits.join_timeout - self.clock())

    def key_failed(self) -> KeyAnswer:
        """A wrong facilitator key: each waits twice as long (0.5 s, 1 s, 2 s, at most 4 s);
        the `key_tries`-th closes the connection."""
        self._failed_keys += 1
        delay = min(0.25 * 2**self._failed_keys, 4.0)
        return KeyAnswer(delay, self._failed_keys >= self.limits.key_tries)

    def key_accepted(self, role: Role = Role.FACILITATOR) -> None:
        """A correct facilitator key (or, with `Role.SCHERM`, the room screen's key)."""
        self._failed_keys = 0
        self.role = role


# ---------------------------------------------------------------------- sending


def backed_up(unsent: int, limits: Limits) -> bool:
    """Skip this client in a broadcast: it is not reading, more would only pile up."""
    return unsent > limits.backlog_skip


def over_write_cutoff(unsent: int, limits: Limits) -> bool:
    """Cut this client off: what it made the hub send (pongs included) is not being read."""
    return unsent > limits.write_cutoff


def in_burst(frames: int, seconds: float, limits: Limits) -> bool:
    """`frames` arrived in the last `seconds`: is the hall voting all at once?"""
    return frames > 1 and frames >= limits.burst_rate * seconds


def broadcast_interval(last_send: float, limits: Limits) -> float:
    """Seconds until the next broadcast, given how long the last one took to send."""
    spacing = last_send * (1 - limits.broadcast_share) / limits.broadcast_share
    return max(limits.broadcast_interval, spacing)
