"""The hub's rules without sockets: exact, instant, table-driven (a hand-moved clock)."""

from __future__ import annotations

import pytest

from workshop.hub.rules import (
    AddressBook,
    ConnectionRules,
    ConnectRefusal,
    JoinOutcome,
    Kind,
    Limits,
    Role,
    Verdict,
    admit_connection,
    backed_up,
    broadcast_interval,
    decide_join,
    in_burst,
    origin_allowed,
    over_write_cutoff,
    parse_origin,
    refusal_for,
    served_origins,
)
from workshop.hub.tokens import TokenIssuer

CODE = "K7RX4M"


class Clock:
    """Time that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


# ---------------------------------------------------------------------- roles

ROLES = [
    (Role.NONE, Kind.JOIN, None),
    (Role.NONE, Kind.FACILITATE, None),
    (Role.NONE, Kind.VOTE, "not_joined"),
    (Role.NONE, Kind.TEXT, "not_joined"),
    (Role.NONE, Kind.COMMAND, "not_facilitator"),
    (Role.PARTICIPANT, Kind.VOTE, None),
    (Role.PARTICIPANT, Kind.TEXT, None),
    (Role.PARTICIPANT, Kind.COMMAND, "not_facilitator"),
    (Role.FACILITATOR, Kind.COMMAND, None),
    (Role.FACILITATOR, Kind.VOTE, "not_joined"),
    (Role.FACILITATOR, Kind.JOIN, None),
    (Role.SCHERM, Kind.JOIN, "read_only"),
    (Role.SCHERM, Kind.VOTE, "read_only"),
    (Role.SCHERM, Kind.COMMAND, "read_only"),
]


@pytest.mark.parametrize(("role", "kind", "refused"), ROLES)
def test_what_each_role_may_send(role: Role, kind: Kind, refused: str | None) -> None:
    assert refusal_for(role, kind) == refused


# ---------------------------------------------------------------------- connecting

LIMITS = Limits(capacity=10, per_address=3, spare_connections=2)

CONNECTS = [
    (0, 0, None),
    (9, 2, None),
    (11, 0, None),  # the spare places: the facilitator and the room's screen get in
    (12, 0, ConnectRefusal.FULL),
    (5, 3, ConnectRefusal.ADDRESS),
    (12, 3, ConnectRefusal.FULL),
]


@pytest.mark.parametrize(("total", "from_address", "refused"), CONNECTS)
def test_admit_connection(total: int, from_address: int, refused: ConnectRefusal | None) -> None:
    assert admit_connection(total, from_address, LIMITS) == refused


def test_address_book_counts_in_and_out() -> None:
    book = AddressBook(LIMITS)
    assert [book.add("10.0.0.5") for _ in range(4)] == [None, None, None, ConnectRefusal.ADDRESS]
    assert book.add("10.0.0.6") is None  # another address is not affected
    assert book.total == 4
    book.remove("10.0.0.5")
    assert book.add("10.0.0.5") is None
    for _ in range(3):
        book.remove("10.0.0.5")
    book.remove("10.0.0.6")
    assert book.counts == {} and book.total == 0
    for number in range(12):  # the capacity and the spare places
        assert book.add(f"10.0.1.{number}") is None
    assert book.add("10.0.2.1") is ConnectRefusal.FULL


# ---------------------------------------------------------------------- origin

PORT = 8765
SERVED = served_origins(("192.168.1.20",), PORT, "https://stem.example.nl/")

ORIGINS = [
    ("no Origin: a tool", None, f"192.168.1.20:{PORT}", True),
    ("the printed LAN address", f"http://192.168.1.20:{PORT}", "anything", True),
    ("loopback", f"http://127.0.0.1:{PORT}", f"127.0.0.1:{PORT}", True),
    ("localhost", f"http://localhost:{PORT}", f"localhost:{PORT}", True),
    ("IPv6 loopback", f"http://[::1]:{PORT}", f"[::1]:{PORT}", True),
    ("case does not matter", f"HTTP://LOCALHOST:{PORT}", None, True),
    ("--url", "https://stem.example.nl", "stem.example.nl", True),
    ("--url with its default port", "https://stem.example.nl:443", None, True),
    ("another IP of this laptop", f"http://10.0.0.9:{PORT}", f"10.0.0.9:{PORT}", True),
    ("DNS rebinding", f"http://evil.example:{PORT}", f"evil.example:{PORT}", False),
    ("rebinding a look-alike", f"http://localhost.evil:{PORT}", f"localhost.evil:{PORT}", False),
    ("another page", "http://evil.example", f"192.168.1.20:{PORT}", False),
    ("another port", f"http://192.168.1.20:{PORT + 1}", f"192.168.1.20:{PORT}", False),
    ("--url over http", "http://stem.example.nl", "stem.example.nl", False),
    ("IP Origin, other Host", f"http://10.0.0.9:{PORT}", f"10.0.0.8:{PORT}", False),
    ("opaque origin", "null", f"192.168.1.20:{PORT}", False),
    ("file page", "file://", None, False),
    ("bad port", "http://localhost:99999", None, False),
    ("no Host, unknown Origin", f"http://10.0.0.9:{PORT}", None, False),
]


@pytest.mark.parametrize(
    ("origin", "host", "allowed"), [c[1:] for c in ORIGINS], ids=[c[0] for c in ORIGINS]
)
def test_origin(origin: str | None, host: str | None, allowed: bool) -> None:
    assert origin_allowed(origin, host, SERVED) is allowed


def test_served_origins_skip_the_wildcard_and_bracket_ipv6() -> None:
    served = served_origins(("0.0.0.0", "::", "fd00::5"), 80, None)
    assert ("http", "[fd00::5]", 80) in served
    assert ("http", "127.0.0.1", 80) in served
    assert not [origin for origin in served if origin[1] in ("0.0.0.0", "[::]")]
    assert parse_origin("ws://x") is None


# ---------------------------------------------------------------------- joining

ISSUER = TokenIssuer(b"s" * 32)
ISSUED = ISSUER.issue()
FOREIGN = TokenIssuer(b"t" * 32).issue()

JOINS = [
    # (why, typed code, offered, bound, locked, participants, outcome)
    ("wrong code", "XXXXXX", None, None, False, 0, JoinOutcome.WRONG_CODE),
    ("wrong code with a valid token", "XXXXXX", ISSUED, None, False, 0, JoinOutcome.WRONG_CODE),
    ("new phone", CODE, None, None, False, 0, JoinOutcome.NEW),
    ("typed in lower case", "k7r-x4m", None, None, False, 0, JoinOutcome.NEW),
    ("returning phone", CODE, ISSUED, None, False, 0, JoinOutcome.RETURNING),
    ("returning while locked", CODE, ISSUED, None, True, 0, JoinOutcome.RETURNING),
    ("returning when full", CODE, ISSUED, None, False, 99, JoinOutcome.RETURNING),
    ("same connection again", CODE, None, "bound", True, 99, JoinOutcome.SAME),
    ("new while locked", CODE, None, None, True, 0, JoinOutcome.LOCKED),
    ("altered token while locked", CODE, ISSUED + ".", None, True, 0, JoinOutcome.LOCKED),
    ("altered token", CODE, ISSUED + "=", None, False, 0, JoinOutcome.NEW),
    ("another session's token", CODE, FOREIGN, None, False, 0, JoinOutcome.NEW),
    ("new when full", CODE, None, None, False, 5, JoinOutcome.FULL),
    ("altered token when full", CODE, ISSUED.swapcase(), None, False, 5, JoinOutcome.FULL),
    ("just under the bound", CODE, None, None, False, 4, JoinOutcome.NEW),
    ("non-ASCII code", "ÄBCDEF", None, None, False, 0, JoinOutcome.WRONG_CODE),
]


@pytest.mark.parametrize(
    ("typed", "offered", "bound", "locked", "participants", "outcome"),
    [c[1:] for c in JOINS],
    ids=[c[0] for c in JOINS],
)
def test_decide_join(
    typed: str,
    offered: str | None,
    bound: str | None,
    locked: bool,
    participants: int,
    outcome: JoinOutcome,
) -> None:
    decided = decide_join(
        typed_code=typed,
        code=CODE,
        offered_token=offered,
        bound_token=bound,
        issuer=ISSUER,
        locked=locked,
        participants=participants,
        phones=0,
        limits=Limits(max_participants=5),
    )
    assert decided is outcome


@pytest.mark.parametrize(
    ("offered", "bound", "outcome"),
    [
        (None, None, JoinOutcome.FULL),
        (ISSUED, None, JoinOutcome.FULL),  # a returning phone needs a place too
        (None, "bound", JoinOutcome.SAME),  # a phone already in keeps its place
    ],
)
def test_phones_over_the_capacity_are_refused(
    offered: str | None, bound: str | None, outcome: JoinOutcome
) -> None:
    decided = decide_join(
        typed_code=CODE,
        code=CODE,
        offered_token=offered,
        bound_token=bound,
        issuer=ISSUER,
        locked=False,
        participants=0,
        phones=3,
        limits=Limits(capacity=3),
    )
    assert decided is outcome


# ---------------------------------------------------------------------- one connection


def test_rate_bucket_refuses_then_refills_exactly() -> None:
    clock = Clock()
    rules = ConnectionRules(Limits(rate_burst=3, rate_per_second=2.0, abuse_limit=4), clock)
    assert [rules.allow_message() for _ in range(5)] == [
        Verdict.ALLOW,
        Verdict.ALLOW,
        Verdict.ALLOW,
        Verdict.REFUSE,
        Verdict.REFUSE,
    ]
    clock.advance(0.5)  # one message's worth
    assert rules.allow_message() is Verdict.ALLOW
    assert rules.allow_message() is Verdict.REFUSE
    clock.advance(10)  # never more than the burst
    assert [rules.allow_message() for _ in range(4)].count(Verdict.ALLOW) == 3


def test_rate_abuse_closes_after_the_limit_in_a_row() -> None:
    clock = Clock()
    rules = ConnectionRules(Limits(rate_burst=1, rate_per_second=1.0, abuse_limit=3), clock)
    assert rules.allow_message() is Verdict.ALLOW
    assert rules.allow_message() is Verdict.REFUSE
    assert rules.allow_message() is Verdict.REFUSE
    assert rules.allow_message() is Verdict.CLOSE


def test_join_deadline() -> None:
    clock = Clock()
    rules = ConnectionRules(Limits(join_timeout=5.0), clock)
    assert rules.join_time_left() == 5.0
    clock.advance(3.5)
    assert rules.join_time_left() == 1.5
    clock.advance(2)
    assert rules.join_time_left() == 0.0
    rules.role = Role.PARTICIPANT
    assert rules.join_time_left() is None  # no deadline once joined


def test_key_back_off_doubles_and_closes() -> None:
    rules = ConnectionRules(Limits(key_tries=3), Clock())
    answers = [rules.key_failed() for _ in range(3)]
    assert [a.delay for a in answers] == [0.5, 1.0, 2.0]
    assert [a.close for a in answers] == [False, False, True]
    rules.key_accepted()
    assert rules.role is Role.FACILITATOR
    assert rules.key_failed().delay == 0.5  # a correct key starts the count again
    many = ConnectionRules(Limits(key_tries=10), Clock())
    assert max(many.key_failed().delay for _ in range(9)) == 4.0


# ---------------------------------------------------------------------- sending

SENDING = [
    (0, False, False),
    (64 * 1024, False, False),
    (64 * 1024 + 1, True, False),
    (256 * 1024, True, False),
    (256 * 1024 + 1, True, True),
]


@pytest.mark.parametrize(("unsent", "skip", "cut"), SENDING)
def test_backlog_skip_and_write_cutoff(unsent: int, skip: bool, cut: bool) -> None:
    limits = Limits()
    assert backed_up(unsent, limits) is skip
    assert over_write_cutoff(unsent, limits) is cut


def test_broadcast_interval_spaces_out_when_sending_takes_long() -> None:
    limits = Limits(broadcast_interval=0.1, broadcast_share=0.25)
    assert broadcast_interval(0.0, limits) == 0.1  # at most ten a second
    assert broadcast_interval(0.02, limits) == 0.1
    # A broadcast that took 0.05 s is followed by 0.15 s for everything else: a quarter.
    assert broadcast_interval(0.05, limits) == pytest.approx(0.15)


def test_a_burst_is_a_hall_voting_at_once_not_a_room_voting_over_seconds() -> None:
    limits = Limits(burst_rate=1000.0)
    assert in_burst(2000, 0.1, limits)  # a hall of 2,000 phones within a tick
    assert in_burst(10, 0.01, limits)  # still pouring in
    assert not in_burst(9, 0.01, limits)  # the burst has been counted
    assert not in_burst(20, 0.1, limits)  # 200 a second: 2,000 phones over ten seconds
    assert not in_burst(1, 0.0005, limits)  # one frame is never a burst
    assert not in_burst(0, 0.0, limits)
