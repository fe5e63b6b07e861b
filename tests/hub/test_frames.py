"""`single_text_frame` takes exactly one small, final, masked text frame, as websockets
itself frames it (real frames, serialized by websockets), and leaves everything else alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from websockets.frames import Frame, Opcode

from workshop.hub.frames import single_text_frame

VOTE = b'{"type":"vote","round":3,"choice":"B"}'


def client_frame(payload: bytes, opcode: Opcode = Opcode.TEXT, fin: bool = True) -> bytes:
    return Frame(opcode, payload, fin=fin).serialize(mask=True)


@given(st.binary(max_size=125))
def test_any_small_text_frame_comes_out_as_sent(payload: bytes) -> None:
    assert single_text_frame(client_frame(payload)) == payload


@pytest.mark.parametrize(
    ("frame", "why"),
    [
        (client_frame(b"x" * 126), "a payload that needs the longer length field"),
        (client_frame(VOTE) + client_frame(VOTE), "two frames in one read"),
        (client_frame(VOTE)[:-1], "part of a frame"),
        (client_frame(VOTE, Opcode.BINARY), "a binary frame"),
        (client_frame(VOTE, fin=False), "the first part of a fragmented message"),
        (client_frame(VOTE, Opcode.PING), "a ping"),
        (Frame(Opcode.TEXT, VOTE).serialize(mask=False), "an unmasked frame"),
        (bytes([0xC1]) + client_frame(VOTE)[1:], "an extension bit set"),
        (b"\x81", "one byte"),
    ],
)
def test_anything_else_is_left_to_websockets(frame: bytes, why: str) -> None:
    assert single_text_frame(frame) is None, why


def test_a_long_length_field_is_never_taken_for_a_short_one() -> None:
    # 126 means "a 16-bit length follows": a frame of 132 bytes with that marker is not a
    # 126-byte payload, whatever the arithmetic says.
    forged = bytes([0x81, 0x80 | 126]) + b"\x00\x7c" + b"\x00\x00\x00\x00" + b"x" * 124
    assert single_text_frame(forged) is None
