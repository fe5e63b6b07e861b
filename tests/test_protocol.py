"""The protocol codec: valid messages parse to typed objects; anything else is a ProtocolError."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop import protocol
from workshop.protocol import (
    Command,
    Done,
    Facilitate,
    Join,
    ProtocolError,
    Text,
    Vote,
    parse,
    plain_vote,
)

VALID = [
    ('{"type":"join","code":"K7QX4M"}', Join("K7QX4M", None)),
    ('{"type":"join","code":"K7QX4M","token":"a.b"}', Join("K7QX4M", "a.b")),
    ('{"type":"join","code":"K7QX4M","token":null}', Join("K7QX4M", None)),
    ('{"type":"vote","round":3,"choice":"B"}', Vote(3, "B")),
    ('{"type":"vote","round":3,"choice":4}', Vote(3, 4)),
    ('{"type":"vote","round":3,"choice":["A","C"]}', Vote(3, ("A", "C"))),
    ('{"type":"klaar"}', Done()),
    ('{"type":"text","round":2,"text":"<script>"}', Text(2, "<script>")),
    ('{"type":"facilitate","key":"k"}', Facilitate("k")),
    ('{"type":"command","name":"go_to","args":{"index":2}}', Command("go_to", {"index": 2})),
    ('{"type":"command","name":"reveal"}', Command("reveal", {})),
]


@pytest.mark.parametrize(("frame", "message"), VALID)
def test_valid_frames(frame: str, message: protocol.ClientMessage) -> None:
    assert parse(frame) == message
    assert parse(frame.encode()) == message


INVALID = [
    ("{", "bad_json"),
    (b"\xff\xfe", "bad_json"),
    ("[]", "not_object"),
    ('"join"', "not_object"),
    ('{"code":"x"}', "unknown_type"),
    ('{"type":5}', "unknown_type"),
    ('{"type":"join"}', "missing_field"),
    ('{"type":"join","code":""}', "bad_field"),
    ('{"type":"join","code":"x","extra":1}', "unknown_field"),
    ('{"type":"vote","round":true,"choice":"A"}', "bad_field"),
    ('{"type":"vote","round":0,"choice":"A"}', "bad_field"),
    ('{"type":"vote","round":1,"choice":1.5}', "bad_field"),
    ('{"type":"vote","round":1,"choice":[1]}', "bad_field"),
    ('{"type":"klaar","antwoorden":["A"]}', "unknown_field"),
    ('{"type":"vote","round":1,"choice":{"A":1}}', "bad_field"),
    ('{"type":"text","round":1,"text":5}', "bad_field"),
    ('{"type":"command","name":"x","args":[1]}', "bad_field"),
    ('{"type":"command","name":"x","args":{"a":{"b":1}}}', "bad_field"),
    ("[" * 5000 + "]" * 5000, "too_large"),
    (json.dumps({"type": "text", "round": 1, "text": "é" * 2100}), "too_large"),
]


@pytest.mark.parametrize(("frame", "code"), INVALID)
def test_invalid_frames(frame: str | bytes, code: str) -> None:
    with pytest.raises(ProtocolError) as error:
        parse(frame)
    assert error.value.code == code


@given(st.text(max_size=300))
def test_any_text_parses_or_raises_protocol_error(frame: str) -> None:
    try:
        parse(frame)
    except ProtocolError as error:
        assert error.code in {
            "bad_json",
            "not_object",
            "unknown_type",
            "unknown_field",
            "missing_field",
            "bad_field",
            "too_large",
        }


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(
    st.sampled_from(["join", "vote", "text", "facilitate", "command", "other"]),
    st.dictionaries(
        st.sampled_from(["code", "token", "round", "choice", "text", "key", "name", "args", "x"]),
        JSON,
        max_size=4,
    ),
)
def test_structured_fuzz_never_crashes_and_valid_is_typed(
    kind: str, fields: dict[str, object]
) -> None:
    frame = json.dumps({"type": kind, **fields})
    try:
        message = parse(frame)
    except ProtocolError:
        return
    assert isinstance(message, Join | Vote | Text | Facilitate | Command)
    if isinstance(message, Vote):
        assert isinstance(message.round, int) and not isinstance(message.round, bool)


@given(st.binary(max_size=200))
def test_binary_frames(frame: bytes) -> None:
    try:
        parse(frame)
    except ProtocolError:
        pass
    else:
        assert frame.decode("utf-8")


def test_encoders_round_trip() -> None:
    assert json.loads(protocol.encode_ack(3, "B")) == {"type": "ack", "round": 3, "choice": "B"}
    assert json.loads(protocol.encode_ack(3, text=True)) == {
        "type": "ack",
        "round": 3,
        "text": True,
    }
    assert json.loads(protocol.encode_error("x", "Uitleg")) == {
        "type": "error",
        "code": "x",
        "message": "Uitleg",
    }
    welcome = json.loads(protocol.encode_welcome("participant", "tok", "A"))
    assert welcome == {"type": "welcome", "role": "participant", "token": "tok", "answer": "A"}
    assert json.loads(protocol.encode_welcome("facilitator")) == {
        "type": "welcome",
        "role": "facilitator",
    }
    assert json.loads(protocol.encode_state({"voted": 2})) == {"type": "state", "voted": 2}


def _outcome(frame: str) -> object:
    try:
        return parse(frame)
    except ProtocolError as error:
        return error.code


@given(
    round_id=st.one_of(st.integers(-5, 2 * 10**6), st.just(10**6), st.just(10**6 + 1)),
    choice=st.one_of(st.text(max_size=10), st.sampled_from(["A", "b3", "ABCDEFGH", "ABCDEFGHI"])),
    spaced=st.booleans(),
)
def test_the_quick_way_for_plain_votes_agrees_with_the_whole_way(
    round_id: int, choice: str, spaced: bool
) -> None:
    # The phone page's vote (no spaces) or Python's (spaces) may take the quick way: what it
    # takes must be what the whole way makes of the same frame.
    separators = (", ", ": ") if spaced else (",", ":")
    frame = json.dumps({"type": "vote", "round": round_id, "choice": choice}, separators=separators)
    quick = plain_vote(frame.encode())
    if quick is not None:
        assert quick == _outcome(frame)


def test_plain_votes_take_the_quick_way_and_stay_votes() -> None:
    assert plain_vote(b'{"type":"vote","round":3,"choice":"B"}') == Vote(3, "B")
    assert plain_vote(b'{"type": "vote", "round": 1000000, "choice": "ABCDEFGH"}') == Vote(
        10**6, "ABCDEFGH"
    )
    assert plain_vote(b'{"type":"vote","round":1000001,"choice":"B"}') is None  # out of range
    assert plain_vote(b'{"type":"vote","round":03,"choice":"B"}') is None  # not JSON
    with pytest.raises(ProtocolError):
        parse('{"type":"vote","round":03,"choice":"B"}')
