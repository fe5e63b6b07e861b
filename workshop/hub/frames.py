"""One client frame read without websockets' frame parser, for the hub's hottest path.

When a hall votes, nearly every read from a phone's socket is exactly one small, final,
masked text frame: a plain vote. websockets parses each through a generator-based parser
that costs more than counting the vote. `single_text_frame` recognises exactly that case
(one whole frame, FIN set, no extension bits, opcode text, masked, under 126 bytes) and
unmasks it with websockets' own `apply_mask`; anything else (and any doubt) returns None,
and the bytes go to websockets as always. Only `HubConnection` uses it, and only while the
connection's parser sits between two frames (see there).
"""

from __future__ import annotations

try:  # websockets' C speedup, as its own parser uses; the pure-Python one otherwise
    from websockets.speedups import apply_mask
except ImportError:  # pragma: no cover - websockets without its compiled extension
    from websockets.utils import apply_mask

FIN_TEXT = 0x81
"""First byte: FIN, no RSV bits (the hub uses no extensions), opcode 1 (text)."""
MASKED = 0x80
MASK_AND_HEAD = 6
"""Two header bytes and the four-byte masking key of a frame under 126 bytes."""


def single_text_frame(data: bytes | bytearray) -> bytes | None:
    """The payload when `data` is exactly one final, masked text frame of under 126 bytes;
    else None."""
    if len(data) < MASK_AND_HEAD or data[0] != FIN_TEXT:
        return None
    second = data[1]
    length = second & 0x7F
    if not second & MASKED or length >= 126 or length != len(data) - MASK_AND_HEAD:
        return None  # unmasked (websockets refuses it), longer, or not exactly one frame
    return apply_mask(bytes(data[MASK_AND_HEAD:]), bytes(data[2:MASK_AND_HEAD]))
